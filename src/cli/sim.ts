// `npm run sim -- run FILE` / `check FILE...` / `rollout ...` / `explain ...`: the scenario runner on
// the command line.
import { readFileSync } from 'node:fs';
import { formatScenarioError, parseScenario } from '../sim/scenario/parse.ts';
import { checkExpectations, runOutput, runScenario } from '../sim/scenario/runner.ts';
import {
  rolloutHistory,
  rolloutHistoryRevision,
  rolloutStatus,
  rolloutUndo,
} from '../sim/rollout/rollout.ts';
import type { Scenario } from '../sim/scenario/types.ts';
import type { AnyObject } from '../sim/api/types.ts';
import { createSimulation, type Simulation } from '../sim/engine/simulation.ts';
import { explainDaemonSet } from '../sim/explain/explain.ts';
import { formatDaemonSetExplanation } from '../sim/explain/format.ts';
import { parseManifests, type ManifestObject } from '../sim/explain/manifests.ts';
import type { DaemonSetExplanation } from '../sim/explain/types.ts';

const USAGE = `usage:
  npm run sim -- run FILE          run a scenario and print the final state as JSON
  npm run sim -- check FILE...     run scenarios and check their expectations
  npm run sim -- rollout status|history|undo FILE ds/NAME [-n NAMESPACE] [--revision=N] [--to-revision=N]
                                   run a scenario, then print what kubectl rollout would
  npm run sim -- explain [--json] FILE
                                   run a scenario, then say why each node runs a daemon pod or not
  npm run sim -- explain [--json] --nodes NODES.yaml DS.yaml...
                                   the same for DaemonSet manifests against saved nodes
                                   (kubectl get nodes -o yaml)`;

function load(file: string): Scenario | string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return `${file}: cannot read file${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}`;
  }
  const parsed = parseScenario(text, file);
  return parsed.ok ? parsed.scenario : formatScenarioError(parsed.error);
}

function main(argv: string[]): number {
  const [cmd, ...files] = argv;
  if (cmd === 'run') {
    if (files.length !== 1) {
      process.stderr.write(`error: run takes exactly one FILE\n${USAGE}\n`);
      return 2;
    }
    const s = load(files[0]!);
    if (typeof s === 'string') {
      process.stderr.write(`error: ${s}\n`);
      return 2;
    }
    process.stdout.write(JSON.stringify(runOutput(runScenario(s)), null, 2) + '\n');
    return 0;
  }
  if (cmd === 'check') {
    if (files.length === 0) {
      process.stderr.write(`error: check needs at least one FILE\n${USAGE}\n`);
      return 2;
    }
    let passed = 0;
    let failed = 0;
    for (const file of files) {
      const s = load(file);
      if (typeof s === 'string') {
        failed++;
        process.stdout.write(`FAIL ${file}\n  error: ${s}\n`);
        continue;
      }
      const problems = checkExpectations(s, runScenario(s));
      if (problems.length === 0) {
        passed++;
        process.stdout.write(`pass ${file}\n`);
      } else {
        failed++;
        process.stdout.write(`FAIL ${file}: ${s.name}\n${problems.map((p) => `  - ${p}\n`).join('')}`);
      }
    }
    process.stdout.write(`${passed} passed, ${failed} failed\n`);
    return failed > 0 ? 1 : 0;
  }
  if (cmd === 'rollout') return rollout(files);
  if (cmd === 'explain') return explain(files);
  process.stderr.write(`${cmd ? `error: unknown command "${cmd}"\n` : ''}${USAGE}\n`);
  return 2;
}

function usageError(message: string): number {
  process.stderr.write(`error: ${message}\n${USAGE}\n`);
  return 2;
}

/**
 * `rollout status|history|undo FILE ds/NAME`: the scenario's final state, then the kubectl command
 * (status as `--watch=false`, plus the playground's `Stalled:` line). kubectl's refusals go to stderr
 * with exit status 1, as kubectl's do.
 */
function rollout(args: string[]): number {
  const [sub, ...rest] = args;
  if (sub !== 'status' && sub !== 'history' && sub !== 'undo')
    return usageError(sub ? `unknown rollout command "${sub}"` : 'rollout needs status, history or undo');
  let namespace = 'default';
  let revision: number | undefined;
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const flag = /^--(revision|to-revision|namespace)=(.*)$/.exec(a);
    if (a === '-n' || a === '--namespace') namespace = rest[++i] ?? '';
    else if (flag?.[1] === 'namespace') namespace = flag[2]!;
    else if (flag) {
      const wanted = sub === 'history' ? 'revision' : sub === 'undo' ? 'to-revision' : undefined;
      if (flag[1] !== wanted) return usageError(`unknown flag: --${flag[1]}`);
      if (!/^-?\d+$/.test(flag[2]!)) return usageError(`invalid argument "${flag[2]}" for "--${flag[1]}"`);
      revision = Number(flag[2]);
    } else positional.push(a);
  }
  const [file, target] = positional;
  if (positional.length !== 2 || !file || !target) return usageError(`rollout ${sub} takes FILE and ds/NAME`);
  const m = /^(?:ds|daemonsets?|daemonsets?\.apps)\/(.+)$/.exec(target);
  if (!m) return usageError(`expected ds/NAME, got "${target}"`);
  const name = m[1]!;
  const s = load(file);
  if (typeof s === 'string') {
    process.stderr.write(`error: ${s}\n`);
    return 2;
  }
  const { sim } = runScenario(s);
  const r =
    sub === 'status'
      ? rolloutStatus(sim, namespace, name)
      : sub === 'undo'
        ? rolloutUndo(sim, namespace, name, revision)
        : revision
          ? rolloutHistoryRevision(sim, namespace, name, revision)
          : rolloutHistory(sim, namespace, name);
  if (!r.ok) {
    process.stderr.write(`${r.kubectlMessage}\n`);
    return 1;
  }
  if ('error' in r && r.error) {
    process.stderr.write(r.output);
    return 1;
  }
  process.stdout.write(r.output);
  return 0;
}

function readText(file: string): string | { error: string } {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      error: `${file}: cannot read file${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}`,
    };
  }
}

/**
 * `explain [--json] FILE` (a scenario, after its steps) or `explain [--json] --nodes NODES DS...`
 * (manifests against saved nodes): per DaemonSet, DESIRED and one line per node. Unreadable or
 * malformed files: exit 2; an object the API server refuses: reported with its position, exit 1.
 */
function explain(args: string[]): number {
  let json = false;
  let nodesFile: string | undefined;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') json = true;
    else if (a === '--nodes') {
      nodesFile = args[++i];
      if (nodesFile === undefined) return usageError('--nodes needs a file');
    } else if (a.startsWith('--nodes=')) nodesFile = a.slice('--nodes='.length);
    else if (a.startsWith('-') && a !== '-') return usageError(`unknown flag: ${a}`);
    else positional.push(a);
  }
  let sim: Simulation;
  let status = 0;
  if (nodesFile === undefined) {
    if (positional.length !== 1) return usageError('explain takes exactly one scenario FILE (or --nodes)');
    const s = load(positional[0]!);
    if (typeof s === 'string') {
      process.stderr.write(`error: ${s}\n`);
      return 2;
    }
    sim = runScenario(s).sim;
  } else {
    if (positional.length === 0) return usageError('explain --nodes NODES needs at least one DaemonSet file');
    const loaded: Array<{ file: string; objects: ManifestObject[] }> = [];
    for (const [file, kind] of [
      [nodesFile, 'Node'] as const,
      ...positional.map((f) => [f, 'DaemonSet'] as const),
    ]) {
      const text = readText(file);
      if (typeof text !== 'string') {
        process.stderr.write(`error: ${text.error}\n`);
        return 2;
      }
      const r = parseManifests(text, file, kind, kind === 'Node' ? 'error' : 'skip');
      if (!r.ok) {
        process.stderr.write(`error: ${formatScenarioError(r.error)}\n`);
        return 2;
      }
      for (const o of r.skipped)
        process.stderr.write(
          `${file}:${o.line}:${o.column}: skipping ${o.kind} (only DaemonSets are explained)\n`,
        );
      loaded.push({ file, objects: r.objects });
    }
    sim = createSimulation({ seed: 1 });
    for (const { file, objects } of loaded) {
      for (const o of objects) {
        const r = sim.apply(o.object as unknown as AnyObject);
        if (!r.ok) {
          process.stderr.write(`error: ${file}:${o.line}:${o.column}: ${r.error.kubectlMessage}\n`);
          status = 1;
        }
      }
    }
    // Long enough for pods to be created, scheduled and started; the nodes carry no other pods.
    sim.advance(10);
  }
  const dss = [...sim.api.list('DaemonSet')].sort((a, b) => {
    const ka = `${a.metadata?.namespace}/${a.metadata?.name}`;
    const kb = `${b.metadata?.namespace}/${b.metadata?.name}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  const out: DaemonSetExplanation[] = [];
  for (const ds of dss) {
    const e = explainDaemonSet(sim, ds.metadata?.namespace ?? 'default', ds.metadata?.name ?? '');
    if (e) out.push(e);
  }
  if (json) process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  else if (out.length === 0) process.stdout.write('no DaemonSets\n');
  else process.stdout.write(out.map(formatDaemonSetExplanation).join('\n'));
  return status;
}

process.exitCode = main(process.argv.slice(2));

// `npm run sim -- run FILE` / `npm run sim -- check FILE...`: the scenario runner on the command line.
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

const USAGE = `usage:
  npm run sim -- run FILE          run a scenario and print the final state as JSON
  npm run sim -- check FILE...     run scenarios and check their expectations
  npm run sim -- rollout status|history|undo FILE ds/NAME [-n NAMESPACE] [--revision=N] [--to-revision=N]
                                   run a scenario, then print what kubectl rollout would`;

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

process.exitCode = main(process.argv.slice(2));

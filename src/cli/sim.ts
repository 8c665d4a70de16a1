// `npm run sim -- run FILE` / `npm run sim -- check FILE...`: the scenario runner on the command line.
import { readFileSync } from 'node:fs';
import { formatScenarioError, parseScenario } from '../sim/scenario/parse.ts';
import { checkExpectations, runOutput, runScenario } from '../sim/scenario/runner.ts';
import type { Scenario } from '../sim/scenario/types.ts';

const USAGE = `usage:
  npm run sim -- run FILE          run a scenario and print the final state as JSON
  npm run sim -- check FILE...     run scenarios and check their expectations`;

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
  process.stderr.write(`${cmd ? `error: unknown command "${cmd}"\n` : ''}${USAGE}\n`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));

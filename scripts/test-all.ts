// `npm test`: the unit suite (Vitest), then a production build, then the browser suite
// (Playwright against the built site). Every stage runs even when an earlier one fails, so one
// run reports everything; the last line sums both suites for CI.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countsLine, type Counts } from '../src/testing/counts.ts';

const dir = mkdtempSync(join(tmpdir(), 'dsp-counts-'));
const env = { ...process.env, TEST_COUNTS_DIR: dir };
const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'inherit', env }).status ?? 1;

const unitStatus = run('npx', ['vitest', 'run']);
const buildStatus = run('npx', ['vite', 'build', '--logLevel', 'warn']);
const e2eStatus = buildStatus === 0 ? run('npx', ['playwright', 'test']) : 1;

function read(suite: string): Counts {
  const f = join(dir, `${suite}.json`);
  if (!existsSync(f)) return { passed: 0, failed: 1, skipped: 0 };
  return JSON.parse(readFileSync(f, 'utf8')) as Counts;
}
const unit = read('unit');
const e2e = buildStatus === 0 ? read('e2e') : { passed: 0, failed: 1, skipped: 0 };
if (buildStatus !== 0) process.stdout.write('build failed: the browser tests did not run\n');
const total: Counts = {
  passed: unit.passed + e2e.passed,
  failed: unit.failed + e2e.failed + (unitStatus !== 0 && unit.failed === 0 ? 1 : 0),
  skipped: unit.skipped + e2e.skipped,
};
process.stdout.write(
  `${countsLine('unit', unit)}\n${countsLine('e2e', e2e)}\n${countsLine('tests', total)}\n`,
);
process.exit(unitStatus === 0 && e2eStatus === 0 && total.failed === 0 ? 0 : 1);

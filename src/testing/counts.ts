// Test counts that CI can read: each suite prints `<suite>: N passed, N failed` and, when run from
// scripts/test-all.ts, also leaves the numbers in a file for the combined `tests:` line.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

export function countsLine(suite: string, c: Counts): string {
  return `${suite}: ${c.passed} passed, ${c.failed} failed${c.skipped > 0 ? `, ${c.skipped} skipped` : ''}`;
}

export function writeCounts(suite: string, c: Counts): void {
  process.stdout.write(`\n${countsLine(suite, c)}\n`);
  const dir = process.env.TEST_COUNTS_DIR;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${suite}.json`), JSON.stringify(c));
  }
}

import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { writeCounts } from '../src/testing/counts.ts';

// CI reads a plain closing line `N passed, N failed`; Playwright's own summary is not in that form.
export default class CountReporter implements Reporter {
  private passed = 0;
  private failed = 0;
  private skipped = 0;

  onTestEnd(test: TestCase, result: TestResult): void {
    // Count each test once, by its final outcome (there are no retries, but stay correct if added).
    if (result.retry < test.retries && result.status !== 'passed' && result.status !== 'skipped') return;
    if (result.status === 'passed') this.passed++;
    else if (result.status === 'skipped') this.skipped++;
    else this.failed++;
  }

  onEnd(result: FullResult): void {
    // A run that broke before any test finished (server did not start, config error) is a failure.
    if (result.status !== 'passed' && this.failed === 0) this.failed = 1;
    writeCounts('e2e', { passed: this.passed, failed: this.failed, skipped: this.skipped });
  }

  printsToStdio(): boolean {
    return false;
  }
}

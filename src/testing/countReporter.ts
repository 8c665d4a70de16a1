import type { Reporter, TestModule } from 'vitest/node';
import { writeCounts } from './counts.ts';

// CI reads a plain closing line 'N passed, N failed'; Vitest's own summary is not in that form.
export default class CountReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      if (mod.state() === 'failed' && mod.children.size === 0) failed++;
    }
    writeCounts('unit', { passed, failed, skipped });
  }
}

// The simulation benchmark in a browser page: `npm run bench -- --runtime chromium` opens this in
// headless Chromium (started with --js-flags=--expose-gc and --enable-precise-memory-info) and calls
// `__runBench`. It runs on the page's main thread, an idle blank page: the same V8 the app's
// simulation worker gets, with a heap reading (workers have no performance.memory).
import { runBench, type BenchResult } from '../benchCore.ts';

interface ChromeMemory {
  usedJSHeapSize: number;
}

const host = {
  now: () => performance.now(),
  cpuMs: () => undefined,
  heapMB: () =>
    ((performance as unknown as { memory?: ChromeMemory }).memory?.usedJSHeapSize ?? 0) / 1024 / 1024,
  gc: () => (globalThis as { gc?: () => void }).gc?.(),
};

(window as unknown as { __runBench: (sizes: number[]) => BenchResult[] }).__runBench = (sizes) => {
  const status = document.getElementById('status')!;
  status.textContent = 'running';
  const results = runBench(sizes, host);
  status.textContent = 'done';
  return results;
};

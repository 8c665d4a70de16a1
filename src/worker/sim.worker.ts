// Web Worker entry: the runtime over postMessage and the worker's own timers.

import { createRuntime } from './runtime.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

const runtime = createRuntime({
  post: (msg: FromWorker) => (self as unknown as Worker).postMessage(msg),
  now: () => performance.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
});

self.onmessage = (e: MessageEvent<ToWorker>) => runtime.receive(e.data);

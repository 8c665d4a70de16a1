// How the UI reaches the simulation: one interface, two transports. The app uses the Web Worker;
// store tests use the in-process client, which runs the very same runtime without a worker.

import type { FromWorker, ToWorker } from './protocol.ts';
import { createRuntime, type RuntimeEnv } from './runtime.ts';

export interface SimClient {
  send(msg: ToWorker): void;
  /** Messages from the simulation, and a notice if the transport itself dies. */
  subscribe(onMessage: (msg: FromWorker) => void, onCrash: (reason: string) => void): void;
  terminate(): void;
}

export function createWorkerClient(): SimClient {
  const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), {
    type: 'module',
    name: 'simulation',
  });
  return {
    send: (msg) => worker.postMessage(msg),
    subscribe(onMessage, onCrash) {
      worker.onmessage = (e: MessageEvent<FromWorker>) => onMessage(e.data);
      worker.onerror = (e) => {
        e.preventDefault();
        onCrash(e.message || 'the simulation worker stopped');
      };
      worker.onmessageerror = () => onCrash('a message from the simulation worker could not be read');
    },
    terminate: () => worker.terminate(),
  };
}

/** The runtime in this thread. Messages are delivered asynchronously, as a worker's would be. */
export function createInProcessClient(env: Partial<Omit<RuntimeEnv, 'post'>> = {}): SimClient {
  let listener: ((msg: FromWorker) => void) | undefined;
  const backlog: FromWorker[] = [];
  const deliver = (msg: FromWorker) => {
    if (listener) queueMicrotask(() => listener?.(structuredClone(msg)));
    else backlog.push(msg);
  };
  const runtime = createRuntime({
    post: deliver,
    now: env.now ?? (() => 0),
    setTimer: env.setTimer ?? (() => undefined),
    clearTimer: env.clearTimer ?? (() => undefined),
  });
  return {
    send: (msg) => queueMicrotask(() => runtime.receive(structuredClone(msg))),
    subscribe(onMessage) {
      listener = onMessage;
      for (const m of backlog.splice(0)) deliver(m);
    },
    terminate: () => runtime.stop(),
  };
}

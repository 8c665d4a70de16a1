// The worker's message loop, independent of where it runs: the Web Worker wraps it around
// postMessage, tests drive it in-process with their own post function and timers. The play loop
// lives here, so the simulation keeps its pace even while the main thread is busy drawing.

import { SimHost } from './host.ts';
import { PROTOCOL_VERSION, type FromWorker, type TimeState, type ToWorker } from './protocol.ts';

export interface RuntimeEnv {
  post(msg: FromWorker): void;
  /** Wall-clock milliseconds (performance.now in the worker). */
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export interface Runtime {
  receive(msg: ToWorker): void;
  stop(): void;
}

export function createRuntime(env: RuntimeEnv): Runtime {
  /** How often a playing clock advances (wall ms). Small enough to look continuous. */
  const TICK_MS = 50;

  let host = new SimHost();
  let playing = false;
  let speed = 1;
  let timer: unknown;
  let lastWall = 0;
  /** Virtual time owed to the clock below 1 ms resolution, so slow speeds do not drift. */
  let carry = 0;

  function post(msg: FromWorker): void {
    env.post(msg);
  }

  function time(): TimeState {
    const next = host.nextDueMs();
    return { nowMs: host.nowMs(), playing, speed, ...(next !== undefined ? { nextDueMs: next } : {}) };
  }

  function flush(): void {
    post({
      v: PROTOCOL_VERSION,
      type: 'diff',
      changes: host.takeChanges(),
      time: time(),
      nowMs: host.nowMs(),
    });
  }

  function schedule(): void {
    if (timer !== undefined) env.clearTimer(timer);
    timer = undefined;
    if (!playing) return;
    timer = env.setTimer(tick, TICK_MS);
  }

  function tick(): void {
    const wall = env.now();
    const owed = (wall - lastWall) * speed + carry;
    lastWall = wall;
    const whole = Math.floor(owed);
    carry = owed - whole;
    host.advanceTo(host.nowMs() + whole);
    flush();
    schedule();
  }

  function setPlaying(on: boolean): void {
    playing = on;
    lastWall = env.now();
    carry = 0;
    schedule();
  }

  function handle(msg: ToWorker): void {
    switch (msg.type) {
      case 'init': {
        host = SimHost.restore(msg.session);
        speed = msg.speed;
        post({
          v: PROTOCOL_VERSION,
          type: 'snapshot',
          objects: host.objects(),
          time: { ...time(), playing: msg.playing },
          session: host.currentSession(),
        });
        setPlaying(msg.playing);
        return;
      }
      case 'command': {
        const result = host.execute(msg.command);
        if (msg.command.type === 'loadScenario' && result.ok) {
          post({
            v: PROTOCOL_VERSION,
            type: 'snapshot',
            objects: host.objects(),
            time: time(),
            session: host.currentSession(),
          });
        } else {
          flush();
        }
        post({ v: PROTOCOL_VERSION, type: 'result', id: msg.id, result, session: host.currentSession() });
        return;
      }
      case 'play':
        speed = msg.speed;
        setPlaying(true);
        flush();
        return;
      case 'pause':
        setPlaying(false);
        flush();
        return;
      case 'step':
        host.step();
        flush();
        return;
      case 'advance':
        host.advanceTo(host.nowMs() + msg.ms);
        flush();
        return;
    }
  }

  function receive(msg: ToWorker): void {
    if (!msg || msg.v !== PROTOCOL_VERSION) {
      post({
        v: PROTOCOL_VERSION,
        type: 'fatal',
        message: `protocol mismatch: the page speaks v${String(msg?.v)}, the worker v${PROTOCOL_VERSION}`,
      });
      return;
    }
    try {
      handle(msg);
    } catch (err) {
      setPlaying(false);
      post({ v: PROTOCOL_VERSION, type: 'fatal', message: (err as Error).stack ?? String(err) });
    }
  }

  post({ v: PROTOCOL_VERSION, type: 'ready' });
  return { receive, stop: () => setPlaying(false) };
}

// The worker's message loop, independent of where it runs: the Web Worker wraps it around
// postMessage, tests drive it in-process with their own post function and timers. The play loop
// lives here, so the simulation keeps its pace even while the main thread is busy drawing.

import { SimHost } from './host.ts';
import {
  PROTOCOL_VERSION,
  type FromWorker,
  type ObjectChange,
  type TimeState,
  type ToWorker,
} from './protocol.ts';
import { controllerRefOf } from '../sim/daemonset/controllerRef.ts';
import type { SyncStep } from '../sim/engine/simulation.ts';

/** How often a playing clock refreshes the watched verdicts and rollout view (wall ms). */
const WATCH_INTERVAL_MS = 250;

/** How many timeline entries travel with a step or a look into the past. */
const RECENT_ENTRIES = 300;

/** At this speed or slower, a sync's slow-start batches are shown one after another. */
export const SLOW_START_VISIBLE_SPEED = 2;
/** Wall time between two batches at 1x (scaled by the speed). */
export const BATCH_GAP_MS = 250;

/**
 * The DaemonSet controller creates pods in slow-start batches of 1, 2, 4, 8, ... (each batch waits for
 * the previous one's API calls). The simulation gives API calls no duration, so every batch of a
 * sync lands at the same virtual instant. To let a learner see the batches, a change set is split:
 * the first part holds everything except the later batches' new pods; each later part holds one
 * batch (per DaemonSet, in creation order). Changes to a new pod travel with its creation.
 */
export function splitSlowStart(changes: ObjectChange[]): ObjectChange[][] {
  const perOwner = new Map<string, number>();
  const parts: ObjectChange[][] = [[]];
  for (const c of changes) {
    let batch = 0;
    if (c.type === 'upsert' && c.created && c.kind === 'Pod') {
      const ref = controllerRefOf(c.object);
      if (ref?.kind === 'DaemonSet') {
        const i = perOwner.get(ref.uid) ?? 0;
        perOwner.set(ref.uid, i + 1);
        // Pod i (0-based) is in batch floor(log2(i + 1)): sizes 1, 2, 4, 8, ...
        batch = Math.floor(Math.log2(i + 1));
      }
    }
    while (parts.length <= batch) parts.push([]);
    parts[batch]!.push(c);
  }
  return parts;
}

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

  /** Later slow-start batches of the last change set, waiting to be shown (see splitSlowStart). */
  let held: ObjectChange[][] = [];

  /** What the UI watches, and whether it needs sending even without changes. */
  let watchedDs: string | null = null;
  let watchedNode: string | null = null;
  let watchedStale = false;

  /** When the watched views were last computed, and what that cost (wall ms). */
  let watchedAt = -Infinity;
  let watchedCost = 0;

  function postDiff(changes: ObjectChange[]): void {
    const watching = watchedDs !== null || watchedNode !== null;
    if (changes.length > 0) watchedStale = true;
    // Verdicts and rollout views cover every node: on a big cluster they cost tens of ms. While the
    // clock plays they are refreshed at most 4 times a second (and never take more than a fifth of
    // the worker's time); a paused clock, a command or a step gets them at once.
    const now = env.now();
    const due = !playing || now - watchedAt >= Math.max(WATCH_INTERVAL_MS, 5 * watchedCost);
    let views = {};
    if (watching && watchedStale && due) {
      views = { watched: host.watched(watchedDs, watchedNode) };
      watchedAt = env.now();
      watchedCost = watchedAt - now;
      watchedStale = false;
    }
    post({ v: PROTOCOL_VERSION, type: 'diff', changes, time: time(), nowMs: host.nowMs(), ...views });
  }

  /** Post what changed; `batches`: show slow-start batches one by one (a playing clock's tick, or a user's command while playing). */
  function flush(batches = false): void {
    releaseHeld();
    const changes = host.takeChanges();
    if (batches && playing && speed <= SLOW_START_VISIBLE_SPEED) {
      const [first, ...rest] = splitSlowStart(changes);
      postDiff(first ?? []);
      held = rest;
    } else postDiff(changes);
  }

  function postLoop(step: SyncStep | undefined, stepped: boolean): void {
    const now = host.nowMs();
    post({
      v: PROTOCOL_VERSION,
      type: 'loop',
      ...(step ? { step } : {}),
      stepped,
      pending: host.pendingWork(),
      entries: host.timelineBetween(now - 60_000, now).slice(-RECENT_ENTRIES),
    });
  }

  function releaseHeld(): void {
    if (held.length === 0) return;
    postDiff(held.flat());
    held = [];
  }

  function schedule(delay = held.length > 0 ? BATCH_GAP_MS / speed : TICK_MS): void {
    if (timer !== undefined) env.clearTimer(timer);
    timer = undefined;
    if (!playing) return;
    timer = env.setTimer(tick, delay);
  }

  function tick(): void {
    if (held.length > 0) {
      // Show the next slow-start batch; the clock waits, since the batches happened at one instant.
      postDiff(held.shift()!);
      lastWall = env.now();
      schedule(BATCH_GAP_MS / speed);
      return;
    }
    const wall = env.now();
    const owed = (wall - lastWall) * speed + carry;
    lastWall = wall;
    const whole = Math.floor(owed);
    carry = owed - whole;
    host.advanceTo(host.nowMs() + whole);
    flush(true);
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
        const result = host.execute(msg.command, msg.settle === false ? { settle: false } : {});
        watchedStale = true;
        watchedAt = -Infinity;
        if (msg.command.type === 'loadScenario' && result.ok) {
          post({
            v: PROTOCOL_VERSION,
            type: 'snapshot',
            objects: host.objects(),
            time: time(),
            session: host.currentSession(),
          });
        } else {
          flush(true);
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
      case 'viewAt': {
        const objects = host.stateAt(msg.atMs, { beforeSyncs: msg.beforeSyncs });
        const at = Math.max(0, Math.min(msg.atMs, host.nowMs()));
        const entries = host.timelineBetween(at - 60_000, at).slice(-RECENT_ENTRIES);
        post({
          v: PROTOCOL_VERSION,
          type: 'past',
          id: msg.id,
          atMs: at,
          beforeSyncs: msg.beforeSyncs,
          objects,
          entries,
        });
        return;
      }
      case 'stepSync': {
        if (playing) setPlaying(false);
        const step = host.stepSync();
        flush();
        postLoop(step, true);
        return;
      }
      case 'inspectLoop':
        postLoop(undefined, false);
        return;
      case 'complete': {
        const c = host.complete(msg.line);
        post({ v: PROTOCOL_VERSION, type: 'completion', id: msg.id, ...c });
        return;
      }
      case 'watch':
        watchedDs = msg.daemonSet;
        watchedNode = msg.node;
        watchedStale = true;
        watchedAt = -Infinity;
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

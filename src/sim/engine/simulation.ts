// The one facade over the simulated cluster: apply / delete / advance / snapshot. The CLI, the tests
// and the browser worker all drive the cluster through this. Everything runs on virtual time; the
// same seed and the same calls give the same objects, names and events.

import type { AnyObject, DaemonSet, Kind, Pod } from '../api/types.ts';
import { KINDS } from '../api/types.ts';
import {
  ApiServer,
  type ApiResult,
  type DeleteOptions,
  type WatchEvent,
  type WriteContext,
} from '../cluster/apiServer.ts';
import { keyOf } from '../cluster/objects.ts';
import { GarbageCollector, PodGarbageCollector } from '../controller/garbageCollector.ts';
import type { WorkQueue } from '../controller/workqueue.ts';
import { DaemonSetsController, controllerRefOf } from '../daemonset/controller.ts';
import { Kubelets } from '../kubelet/kubelet.ts';
import { NodeLifecycleController, TaintEvictionController } from '../nodelifecycle/nodeLifecycle.ts';
import { Scheduler } from '../scheduler/scheduler.ts';
import {
  Timeline,
  type DaemonSetSyncRecord,
  type SyncEntry,
  type TimelineOptions,
  type WriteEntry,
} from '../timeline/timeline.ts';
import { VirtualClock } from './clock.ts';
import { Rng } from './rng.ts';

export interface SimulationOptions {
  seed?: number;
  /** Deep-freeze every stored object (tests): catches accidental mutation of shared state. */
  freeze?: boolean;
  /**
   * Record the timeline from the start (`true`, or its options). Off by default: a simulation that
   * never asks for it pays nothing. `sim.timeline()` turns it on later.
   */
  timeline?: boolean | TimelineOptions;
}

/** What one `stepSync` ran. */
export interface SyncStep {
  /** Virtual time of the step (after the clock moved, for a `clock` step). */
  atMs: number;
  /**
   * The runnable that synced: `node-lifecycle-controller`, `taint-eviction-controller`,
   * `daemonset-controller`, `default-scheduler`, `kubelet`, `garbage-collector`,
   * `pod-garbage-collector`; or `clock` when no queue had work and the clock moved to the next due
   * time and fired its timers.
   */
  controller: string;
  /** The key synced (`namespace/name`, or `name`); `''` for a clock step. */
  key: string;
  /** A DaemonSet sync that got as far as deciding: its creates, deletes and status. */
  record?: DaemonSetSyncRecord;
  /** How many timers fired (a clock step, or due timers fired just before this sync). */
  timersFired?: number;
  /** The writes it made, as timeline entries, in order (timers fired before a sync included). */
  writes: WriteEntry[];
}

/** A queued key: the sync it stands for has not run yet. */
export interface PendingSync {
  controller: string;
  key: string;
}

export interface Runnable {
  readonly name: string;
  readonly queue: WorkQueue;
  sync(key: string): void;
}

export type Cascade = 'background' | 'foreground' | 'orphan';

const PROPAGATION: Record<Cascade, DeleteOptions['propagationPolicy']> = {
  background: 'Background',
  foreground: 'Foreground',
  orphan: 'Orphan',
};

/** Guard against a controller bug looping forever within one instant. */
const MAX_STEPS_PER_INSTANT = 5_000_000;

/** Told about every sync the loop runs (the timeline); absent, the loop pays one field read. */
export interface SyncObserver {
  beforeSync(r: Runnable, key: string): void;
  afterSync(r: Runnable, key: string): void;
}

/** One unit of work run by `ControlLoop.step`: one sync of one key, or the clock firing timers. */
export type LoopStep =
  { type: 'sync'; runnable: Runnable; key: string; timersFired: number } | { type: 'timers'; fired: number };

/**
 * Runs controllers against the API server on the virtual clock: timers, watch deliveries and
 * queued syncs, until nothing more is due at the current instant (`settle`), or across time
 * (`advanceTo`). The Simulation runs every controller through one; tests can run a few.
 *
 * Controllers take turns round-robin. A turn works through the keys its queue held when the turn
 * began; the turn (runnable and keys left) is loop state, so `step` can stop after any one sync and
 * `settle` carries on exactly where it stopped.
 */
export class ControlLoop {
  private cursor = 0;
  /** The runnable whose turn is in progress, and how many of its keys the turn may still take. */
  private turn: Runnable | undefined;
  private turnLeft = 0;
  observer: SyncObserver | undefined;

  constructor(
    private readonly clock: VirtualClock,
    private readonly api: ApiServer,
    private readonly runnables: readonly Runnable[],
  ) {}

  /** Run everything due at the current instant. Returns how many syncs ran. */
  settle(): number {
    let steps = 0;
    for (;;) {
      let r = this.turn;
      if (!r) {
        this.clock.fireDue();
        this.api.deliverWatchEvents();
        r = this.nextRunnable();
        if (!r) {
          if (this.clock.nextDue() === this.clock.nowMs()) continue;
          return steps;
        }
        this.turn = r;
        this.turnLeft = r.queue.length;
      }
      // A controller's turn works through the keys queued when it began (its workers catching up);
      // watch events are delivered after each sync so handlers see every write in order.
      while (this.turnLeft > 0) {
        this.turnLeft--;
        const key = r.queue.pop();
        if (key === undefined) break;
        this.syncOne(r, key);
        if (++steps > MAX_STEPS_PER_INSTANT) {
          this.turn = undefined;
          throw new Error(
            `simulation did not settle at t+${this.clock.nowMs() / 1000}s (last: ${r.name} ${key})`,
          );
        }
      }
      this.turn = undefined;
    }
  }

  /**
   * Run one unit of work, in exactly the order `settle` and `advanceTo` would: the next sync of the
   * current instant, or, when the instant is settled, a move to the next due time and its timers
   * (their writes and watch deliveries, no sync). Undefined when nothing at all is scheduled, or,
   * with `withinInstant`, when the current instant is settled (the clock never moves then).
   */
  step(withinInstant = false): LoopStep | undefined {
    let timersFired = 0;
    for (;;) {
      const r = this.turn;
      if (r) {
        if (this.turnLeft > 0) {
          this.turnLeft--;
          const key = r.queue.pop();
          if (key !== undefined) {
            this.syncOne(r, key);
            return { type: 'sync', runnable: r, key, timersFired };
          }
        }
        this.turn = undefined;
      }
      // What settle does between turns. Timers firing here belong to the sync that follows.
      timersFired += this.clock.fireDue();
      this.api.deliverWatchEvents();
      const next = this.nextRunnable();
      if (next) {
        this.turn = next;
        this.turnLeft = next.queue.length;
        continue;
      }
      const due = this.clock.nextDue();
      if (due === this.clock.nowMs()) continue;
      if (due === undefined || withinInstant) return undefined;
      this.clock.advanceTo(due);
      const fired = timersFired + this.clock.fireDue();
      this.api.deliverWatchEvents();
      return { type: 'timers', fired };
    }
  }

  /** True while the current instant still has work: a turn in progress, a queued key, a due timer. */
  busy(): boolean {
    if (this.turn && this.turnLeft > 0 && this.turn.queue.length > 0) return true;
    if (this.api.hasPendingWatchEvents() || this.clock.nextDue() === this.clock.nowMs()) return true;
    return this.runnables.some((r) => r.queue.length > 0);
  }

  /**
   * The keys queued now, in the order the loop takes them if nothing else is queued first: the rest
   * of the turn in progress, then each controller's queue in round-robin order. Timers due now and
   * undelivered watch events (after a write from outside the loop) can still add keys.
   */
  pending(): Array<{ runnable: Runnable; key: string }> {
    const out: Array<{ runnable: Runnable; key: string }> = [];
    const turn = this.turn;
    let skip = 0;
    if (turn && this.turnLeft > 0) {
      const keys = turn.queue.keys();
      skip = Math.min(this.turnLeft, keys.length);
      for (let i = 0; i < skip; i++) out.push({ runnable: turn, key: keys[i]! });
    }
    const n = this.runnables.length;
    for (let i = 0; i < n; i++) {
      const r = this.runnables[(this.cursor + i) % n]!;
      const keys = r.queue.keys();
      for (let k = r === turn ? skip : 0; k < keys.length; k++) out.push({ runnable: r, key: keys[k]! });
    }
    return out;
  }

  /** Move to `targetMs`, settling at every instant something falls due on the way. */
  advanceTo(targetMs: number): void {
    this.settle();
    for (;;) {
      const next = this.clock.nextDue();
      if (next === undefined || next > targetMs) break;
      this.clock.advanceTo(next);
      this.settle();
    }
    this.clock.advanceTo(targetMs);
    this.settle();
  }

  /**
   * Settle every instant before `targetMs`, then move the clock to `targetMs` without running
   * anything due there: the instant as it begins.
   */
  advanceToStartOf(targetMs: number): void {
    if (targetMs <= this.clock.nowMs()) return;
    this.settle();
    for (;;) {
      const next = this.clock.nextDue();
      if (next === undefined || next >= targetMs) break;
      this.clock.advanceTo(next);
      this.settle();
    }
    this.clock.advanceTo(targetMs);
  }

  private syncOne(r: Runnable, key: string): void {
    const obs = this.observer;
    if (obs) {
      obs.beforeSync(r, key);
      try {
        r.sync(key);
      } finally {
        obs.afterSync(r, key);
      }
    } else {
      r.sync(key);
    }
    this.api.deliverWatchEvents();
  }

  private nextRunnable(): Runnable | undefined {
    const n = this.runnables.length;
    for (let i = 0; i < n; i++) {
      const r = this.runnables[(this.cursor + i) % n]!;
      if (r.queue.length > 0) {
        this.cursor = (this.cursor + i + 1) % n;
        return r;
      }
    }
    return undefined;
  }
}

export class Simulation {
  readonly clock = new VirtualClock();
  readonly rng: Rng;
  readonly api: ApiServer;
  readonly daemonSets: DaemonSetsController;
  readonly scheduler: Scheduler;
  readonly kubelets: Kubelets;
  readonly nodeLifecycle: NodeLifecycleController;
  readonly taintEviction: TaintEvictionController;
  readonly gc: GarbageCollector;
  readonly podGc: PodGarbageCollector;
  private readonly loop: ControlLoop;
  private recorder: Timeline | undefined;

  constructor(opts: SimulationOptions = {}) {
    this.rng = new Rng(opts.seed ?? 1);
    this.api = new ApiServer(this.clock, this.rng, { freeze: opts.freeze ?? false });
    // Wired before any write (the bootstrap PriorityClasses), so the timeline holds every one.
    if (opts.timeline) this.recorder = new Timeline(this.clock, opts.timeline === true ? {} : opts.timeline);
    addIndexes(this.api);
    // Order matters only within an instant: lifecycle taints land before placement decisions.
    this.nodeLifecycle = new NodeLifecycleController(this.api);
    this.taintEviction = new TaintEvictionController(this.api);
    this.daemonSets = new DaemonSetsController(this.api);
    this.scheduler = new Scheduler(this.api);
    this.kubelets = new Kubelets(this.api, this.rng);
    this.gc = new GarbageCollector(this.api);
    this.podGc = new PodGarbageCollector(this.api);
    this.loop = new ControlLoop(this.clock, this.api, [
      this.nodeLifecycle,
      this.taintEviction,
      this.daemonSets,
      this.scheduler,
      this.kubelets,
      this.gc,
      this.podGc,
    ]);
    if (this.recorder) this.wireTimeline(this.recorder);
    bootstrapPriorityClasses(this.api);
  }

  /**
   * The timeline of this simulation, turned on by the first call (or by the `timeline` option, which
   * also catches the writes made while the simulation is built). Options apply only when turning it
   * on.
   */
  timeline(opts: TimelineOptions = {}): Timeline {
    if (!this.recorder) {
      this.recorder = new Timeline(this.clock, opts);
      this.wireTimeline(this.recorder);
    }
    return this.recorder;
  }

  private wireTimeline(tl: Timeline): void {
    this.onWrite((e, ctx) => tl.recordWrite(e, ctx));
    const prev = this.daemonSets.onSync;
    this.daemonSets.onSync = (r) => {
      prev?.(r);
      tl.recordDaemonSetSync(r);
    };
    this.loop.observer = {
      beforeSync: (r, key) => tl.beginSync(r.name, key),
      afterSync: () => tl.endSync(),
    };
  }

  nowMs(): number {
    return this.clock.nowMs();
  }

  // ---- user actions -------------------------------------------------------------------------

  /** `kubectl apply -f`: create or update. Nothing runs until the clock is advanced or settled. */
  apply(obj: AnyObject, ctx?: WriteContext): ApiResult<AnyObject> {
    return this.api.apply(obj, ctx);
  }

  /** `kubectl delete` with kubectl's default cascade (background). */
  delete(
    kind: Kind,
    namespace: string | undefined,
    name: string,
    cascade: Cascade = 'background',
    ctx?: WriteContext,
  ): ApiResult<AnyObject> {
    const opts: DeleteOptions = {};
    const policy = PROPAGATION[cascade];
    if (policy) opts.propagationPolicy = policy;
    return this.api.delete(kind, namespace, name, opts, ctx);
  }

  /** The DaemonSet's non-terminating pod targeting a node (by spec.nodeName or injected affinity). */
  daemonPodOnNode(daemonSet: string, node: string): Pod | undefined {
    const [ns, name] = daemonSet.split('/') as [string, string];
    const ds = this.api.get('DaemonSet', ns, name);
    if (!ds) return undefined;
    const candidates: Pod[] = [];
    for (const pod of this.api.byIndex('Pod', 'controllerUid', ds.metadata?.uid ?? '')) {
      if (pod.metadata?.deletionTimestamp) continue;
      const target =
        pod.spec?.nodeName ||
        pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
          ?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0];
      if (target === node) candidates.push(pod);
    }
    return (
      candidates.find((p) => p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded') ?? candidates[0]
    );
  }

  /** What a kubelet reports for a daemon pod (scenario step `setPodPhase`, the UI's "fail pod"). */
  setPodPhase(
    daemonSet: string,
    node: string,
    phase: 'Running' | 'Failed' | 'Succeeded' | 'Pending',
    ready?: boolean,
  ): Pod | undefined {
    const pod = this.daemonPodOnNode(daemonSet, node);
    if (!pod) return undefined;
    return this.kubelets.setPodPhase(pod, phase, ready);
  }

  // ---- time ---------------------------------------------------------------------------------

  /** Run everything due at the current instant: timers, watch deliveries, every queued sync. */
  settle(): number {
    return this.loop.settle();
  }

  /** Let `seconds` of virtual time pass, running every controller as things fall due. */
  advance(seconds: number): void {
    const target = this.clock.nowMs() + Math.round(seconds * 1000);
    this.advanceTo(target);
  }

  advanceTo(targetMs: number): void {
    this.loop.advanceTo(targetMs);
  }

  /** Single step: jump to the next moment something is due and run it. False when nothing is. */
  stepToNext(): boolean {
    this.settle();
    const next = this.clock.nextDue();
    if (next === undefined) return false;
    this.clock.advanceTo(next);
    this.settle();
    return true;
  }

  /**
   * Step mode: run exactly one unit of work and say what it did. That is one controller sync of one
   * key, in the order `settle` and `advanceTo` run them (the round-robin over controllers, watch
   * events delivered after each sync); or, when the current instant has no work left, a move of the
   * clock to the next due time firing its timers, with no sync (`controller: 'clock'`). Stepping
   * until the instant is done leaves the same state `settle` would, byte for byte. Undefined when
   * nothing at all is scheduled, or, with `withinInstant`, when the current instant is settled (then
   * the clock never moves). Turns the timeline on (the step's writes are timeline entries).
   */
  stepSync(opts: { withinInstant?: boolean } = {}): SyncStep | undefined {
    const tl = this.timeline();
    const from = tl.nextSeq;
    const s = this.loop.step(opts.withinInstant ?? false);
    if (!s) return undefined;
    const writes: WriteEntry[] = [];
    let syncEntry: SyncEntry | undefined;
    for (const e of tl.since(from)) {
      if (e.type === 'write') writes.push(e);
      else if (e.type === 'sync' && !syncEntry) syncEntry = e;
    }
    if (s.type === 'timers')
      return { atMs: this.clock.nowMs(), controller: 'clock', key: '', timersFired: s.fired, writes };
    const step: SyncStep = { atMs: this.clock.nowMs(), controller: s.runnable.name, key: s.key, writes };
    if (syncEntry?.record) step.record = syncEntry.record;
    if (s.timersFired > 0) step.timersFired = s.timersFired;
    return step;
  }

  /**
   * What is queued right now, in the order it will run if nothing is queued first: `[0]` is the
   * sync the next `stepSync` runs (unless a timer due now or an undelivered write queues an earlier
   * one). Empty when the current instant has no queued work.
   */
  pendingWork(): PendingSync[] {
    return this.loop.pending().map(({ runnable, key }) => ({ controller: runnable.name, key }));
  }

  /** True while the current instant has work left (after stepping part-way through it). */
  busy(): boolean {
    return this.loop.busy();
  }

  /**
   * Settle every instant before `targetMs`, then move the clock there without running anything due
   * at `targetMs` (the instant as it begins; `settle` runs it).
   */
  advanceToStartOf(targetMs: number): void {
    this.loop.advanceToStartOf(targetMs);
  }

  /** Advance until nothing more is scheduled, or the limit is reached. Returns the time reached. */
  runUntilQuiet(limitSeconds = 3600): number {
    const limit = this.clock.nowMs() + limitSeconds * 1000;
    this.settle();
    for (;;) {
      const next = this.clock.nextDue();
      if (next === undefined || next > limit) break;
      this.clock.advanceTo(next);
      this.settle();
    }
    return this.clock.nowMs();
  }

  // ---- reading -------------------------------------------------------------------------------

  /** Every stored object, kinds in a fixed order, each kind sorted by namespace/name. */
  objects(): AnyObject[] {
    const out: AnyObject[] = [];
    for (const kind of KINDS) {
      const list = [...this.api.list(kind)];
      list.sort((a, b) => {
        const ka = keyOf(kind, a.metadata?.namespace, a.metadata?.name ?? '');
        const kb = keyOf(kind, b.metadata?.namespace, b.metadata?.name ?? '');
        return ka < kb ? -1 : ka > kb ? 1 : 0;
      });
      out.push(...list);
    }
    return out;
  }

  daemonSet(ref: string): DaemonSet | undefined {
    const [ns, name] = ref.split('/') as [string, string];
    return this.api.get('DaemonSet', ns, name);
  }

  /** Subscribe to every write (the worker's diff stream, the timeline). */
  onWrite(fn: (e: WatchEvent, ctx: WriteContext) => void): void {
    const prev = this.api.onWrite;
    this.api.onWrite = (e, ctx) => {
      prev?.(e, ctx);
      fn(e, ctx);
    };
  }
}

export function createSimulation(opts: SimulationOptions = {}): Simulation {
  return new Simulation(opts);
}

/** kube-apiserver creates these two PriorityClasses at start-up (scheduling/rest storage). */
function bootstrapPriorityClasses(api: ApiServer): void {
  const classes: Array<[string, number, string]> = [
    [
      'system-node-critical',
      2000001000,
      'Used for system critical pods that must not be moved from their current node.',
    ],
    [
      'system-cluster-critical',
      2000000000,
      'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
    ],
  ];
  for (const [name, value, description] of classes) {
    api.create(
      { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, description },
      { actor: 'kube-apiserver' },
    );
  }
}

function addIndexes(api: ApiServer): void {
  api.addIndex('Pod', 'nodeName', (p) => p.spec?.nodeName || undefined);
  api.addIndex('Pod', 'controllerUid', (p) => controllerRefOf(p)?.uid);
  api.addIndex('Pod', 'orphanNs', (p) =>
    controllerRefOf(p) ? undefined : (p.metadata?.namespace ?? 'default'),
  );
  api.addIndex('Pod', 'ownerUid', (p) => ownerUids(p.metadata?.ownerReferences));
  api.addIndex('ControllerRevision', 'ownerUid', (c) => ownerUids(c.metadata?.ownerReferences));
}

function ownerUids(refs: Array<{ uid: string }> | undefined): string | readonly string[] | undefined {
  if (!refs || refs.length === 0) return undefined;
  return refs.length === 1 ? refs[0]!.uid : refs.map((r) => r.uid);
}

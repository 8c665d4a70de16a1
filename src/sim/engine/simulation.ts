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
import { VirtualClock } from './clock.ts';
import { Rng } from './rng.ts';

export interface SimulationOptions {
  seed?: number;
  /** Deep-freeze every stored object (tests): catches accidental mutation of shared state. */
  freeze?: boolean;
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

/**
 * Runs controllers against the API server on the virtual clock: timers, watch deliveries and
 * queued syncs, until nothing more is due at the current instant (`settle`), or across time
 * (`advanceTo`). The Simulation runs every controller through one; tests can run a few.
 */
export class ControlLoop {
  private cursor = 0;

  constructor(
    private readonly clock: VirtualClock,
    private readonly api: ApiServer,
    private readonly runnables: readonly Runnable[],
  ) {}

  /** Run everything due at the current instant. Returns how many syncs ran. */
  settle(): number {
    let steps = 0;
    for (;;) {
      this.clock.fireDue();
      this.api.deliverWatchEvents();
      const r = this.nextRunnable();
      if (!r) {
        if (this.clock.nextDue() === this.clock.nowMs()) continue;
        return steps;
      }
      // A controller's turn works through the keys queued when it began (its workers catching up);
      // watch events are delivered after each sync so handlers see every write in order.
      for (let n = r.queue.length; n > 0; n--) {
        const key = r.queue.pop();
        if (key === undefined) break;
        r.sync(key);
        this.api.deliverWatchEvents();
        if (++steps > MAX_STEPS_PER_INSTANT) {
          throw new Error(
            `simulation did not settle at t+${this.clock.nowMs() / 1000}s (last: ${r.name} ${key})`,
          );
        }
      }
    }
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

  constructor(opts: SimulationOptions = {}) {
    this.rng = new Rng(opts.seed ?? 1);
    this.api = new ApiServer(this.clock, this.rng, { freeze: opts.freeze ?? false });
    addIndexes(this.api);
    // Order matters only within an instant: lifecycle taints land before placement decisions.
    this.nodeLifecycle = new NodeLifecycleController(this.api);
    this.taintEviction = new TaintEvictionController(this.api);
    this.daemonSets = new DaemonSetsController(this.api);
    this.scheduler = new Scheduler(this.api);
    this.kubelets = new Kubelets(this.api, this.rng);
    this.gc = new GarbageCollector(this.api);
    this.podGc = new PodGarbageCollector(this.api);
    bootstrapPriorityClasses(this.api);
    this.loop = new ControlLoop(this.clock, this.api, [
      this.nodeLifecycle,
      this.taintEviction,
      this.daemonSets,
      this.scheduler,
      this.kubelets,
      this.gc,
      this.podGc,
    ]);
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

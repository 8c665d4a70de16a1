// Builders and sync helpers for controller and scheduler tests, in the style of upstream's
// pkg/controller/daemon/daemon_controller_test.go (newNode, newDaemonSet, newPod, addNodes, addPods,
// expectSyncDaemonSets). Objects go through the real simulated API server; a "sync" is the
// DaemonSet controller's own syncDaemonSet for one key, exactly what upstream's syncHandler runs.

import { expect } from 'vitest';
import type {
  Affinity,
  AnyObject,
  Container,
  ContainerPort,
  DaemonSet,
  DaemonSetUpdateStrategy,
  Event,
  LabelSelector,
  Node,
  NodeCondition,
  OwnerReference,
  Pod,
  PriorityClass,
  Taint,
  Toleration,
} from '../api/types.ts';
import type { ApiResult, WatchEvent, WriteContext } from '../cluster/apiServer.ts';
import { keyOf } from '../cluster/objects.ts';
import { COMPONENT, controllerRefOf, newControllerRef, type SyncRecord } from '../daemonset/controller.ts';
import { CONTROLLER_REVISION_HASH_LABEL, computeHash } from '../daemonset/util.ts';
import { EPOCH_MS } from '../engine/clock.ts';
import type { Simulation } from '../engine/simulation.ts';
import { getTargetNodeName } from '../scheduling/nodeAffinity.ts';

// ---- fixtures (upstream's package-level vars) ----------------------------------------------

export const simpleDaemonSetLabel: Readonly<Record<string, string>> = Object.freeze({
  name: 'simple-daemon',
  type: 'production',
});
export const simpleDaemonSetLabel2: Readonly<Record<string, string>> = Object.freeze({
  name: 'simple-daemon',
  type: 'test',
});
export const simpleNodeLabel: Readonly<Record<string, string>> = Object.freeze({
  color: 'blue',
  speed: 'fast',
});
export const simpleNodeLabel2: Readonly<Record<string, string>> = Object.freeze({
  color: 'red',
  speed: 'fast',
});

export const noScheduleTolerations = (): Toleration[] => [
  { key: 'dedicated', value: 'user1', effect: 'NoSchedule' },
];
export const noScheduleTaints = (): Taint[] => [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }];
export const noExecuteTaints = (): Taint[] => [{ key: 'dedicated', value: 'user1', effect: 'NoExecute' }];
export const nodeNotReadyTaints = (): Taint[] => [
  { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' },
];
export const nodeUnreachableTaints = (): Taint[] => [
  { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' },
];

export const onDeleteStrategy = (): DaemonSetUpdateStrategy => ({ type: 'OnDelete' });
export const rollingUpdateStrategy = (maxUnavailable: number | string = 1): DaemonSetUpdateStrategy => ({
  type: 'RollingUpdate',
  rollingUpdate: { maxUnavailable },
});
export const surgeStrategy = (maxSurge: number | string = 1): DaemonSetUpdateStrategy => ({
  type: 'RollingUpdate',
  rollingUpdate: { maxSurge, maxUnavailable: 0 },
});
/** upstream updateStrategies(): most controller tests run once per strategy. */
export const updateStrategies = (): DaemonSetUpdateStrategy[] => [
  onDeleteStrategy(),
  rollingUpdateStrategy(),
];

// ---- object builders ----------------------------------------------------------------------

const NODE_RESOURCES: Readonly<Record<string, string>> = {
  cpu: '4',
  'ephemeral-storage': '50Gi',
  memory: '8Gi',
  pods: '110',
};

export interface NodeOptions {
  labels?: Readonly<Record<string, string>>;
  taints?: Taint[];
  unschedulable?: boolean;
  /** Replaces the healthy condition set the kubelet would report. */
  conditions?: NodeCondition[];
  /** Merged over the default 4 CPU / 8Gi / 110 pods; capacity is set to the same. */
  allocatable?: Record<string, string>;
}

export function newNode(name: string, opts: NodeOptions = {}): Node {
  const spec: NonNullable<Node['spec']> = {};
  if (opts.taints) spec.taints = opts.taints.map((t) => ({ ...t }));
  if (opts.unschedulable) spec.unschedulable = true;
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, ...(opts.labels ? { labels: { ...opts.labels } } : {}) },
    spec,
  };
  if (opts.conditions || opts.allocatable) {
    const resources = { ...NODE_RESOURCES, ...opts.allocatable };
    node.status = {
      capacity: resources,
      allocatable: { ...resources },
      ...(opts.conditions ? { conditions: opts.conditions.map((c) => ({ ...c })) } : {}),
    };
  }
  return node;
}

export interface Resources {
  requests?: Record<string, string>;
  limits?: Record<string, string>;
}

export interface DaemonSetOptions {
  namespace?: string;
  /** Defaults to matchLabels = the template labels. */
  selector?: LabelSelector;
  /** Template labels; defaults to simpleDaemonSetLabel. */
  labels?: Readonly<Record<string, string>>;
  annotations?: Record<string, string>;
  templateAnnotations?: Record<string, string>;
  nodeSelector?: Readonly<Record<string, string>>;
  affinity?: Affinity;
  tolerations?: Toleration[];
  hostNetwork?: boolean;
  nodeName?: string;
  updateStrategy?: DaemonSetUpdateStrategy;
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  resources?: Resources;
  ports?: ContainerPort[];
  priorityClassName?: string;
  image?: string;
}

export function newDaemonSet(name: string, opts: DaemonSetOptions = {}): DaemonSet {
  const labels = { ...(opts.labels ?? simpleDaemonSetLabel) };
  const container: Container = {
    name: 'agent',
    image: opts.image ?? 'foo/bar:1',
    ...(opts.resources ? { resources: structuredClone(opts.resources) } : {}),
    ...(opts.ports ? { ports: opts.ports.map((p) => ({ ...p })) } : {}),
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name,
      namespace: opts.namespace ?? 'default',
      ...(opts.annotations ? { annotations: { ...opts.annotations } } : {}),
    },
    spec: {
      selector: opts.selector ? structuredClone(opts.selector) : { matchLabels: { ...labels } },
      ...(opts.updateStrategy ? { updateStrategy: structuredClone(opts.updateStrategy) } : {}),
      ...(opts.minReadySeconds !== undefined ? { minReadySeconds: opts.minReadySeconds } : {}),
      ...(opts.revisionHistoryLimit !== undefined ? { revisionHistoryLimit: opts.revisionHistoryLimit } : {}),
      template: {
        metadata: {
          labels,
          ...(opts.templateAnnotations ? { annotations: { ...opts.templateAnnotations } } : {}),
        },
        spec: {
          containers: [container],
          ...(opts.nodeSelector ? { nodeSelector: { ...opts.nodeSelector } } : {}),
          ...(opts.affinity ? { affinity: structuredClone(opts.affinity) } : {}),
          ...(opts.tolerations ? { tolerations: opts.tolerations.map((t) => ({ ...t })) } : {}),
          ...(opts.hostNetwork !== undefined ? { hostNetwork: opts.hostNetwork } : {}),
          ...(opts.nodeName !== undefined ? { nodeName: opts.nodeName } : {}),
          ...(opts.priorityClassName ? { priorityClassName: opts.priorityClassName } : {}),
        },
      },
    },
  };
}

export interface PodOptions {
  namespace?: string;
  resources?: Resources;
  ports?: ContainerPort[];
  priorityClassName?: string;
  affinity?: Affinity;
  ownerReferences?: OwnerReference[];
  /** With an owner DaemonSet: leave out the controller-revision-hash label (an "old" pod). */
  withoutHash?: boolean;
}

/**
 * upstream newPod(podName, nodeName, label, ds): a name ending in `-` is a generateName. With a
 * (stored) DaemonSet the pod copies its template spec, gets the current revision hash label and a
 * controller reference to it, as if the controller had made it.
 */
export function newPod(
  name: string,
  nodeName: string,
  labels: Readonly<Record<string, string>> | undefined,
  ds?: DaemonSet,
  opts: PodOptions = {},
): Pod {
  const podLabels: Record<string, string> = { ...(labels ?? {}) };
  let spec: NonNullable<Pod['spec']>;
  if (ds) {
    if (!opts.withoutHash)
      podLabels[CONTROLLER_REVISION_HASH_LABEL] = computeHash(ds.spec?.template, ds.status?.collisionCount);
    spec = structuredClone(ds.spec?.template.spec ?? { containers: [] });
  } else {
    spec = { containers: [{ name: 'app', image: 'foo/bar:1' }] };
  }
  const first = spec.containers[0];
  if (first && opts.resources) first.resources = structuredClone(opts.resources);
  if (first && opts.ports) first.ports = opts.ports.map((p) => ({ ...p }));
  if (opts.priorityClassName) spec.priorityClassName = opts.priorityClassName;
  if (opts.affinity) spec.affinity = structuredClone(opts.affinity);
  if (nodeName) spec.nodeName = nodeName;
  else delete spec.nodeName;
  const ownerReferences = opts.ownerReferences ?? (ds ? [newControllerRef(ds)] : undefined);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(name.endsWith('-') ? { generateName: name } : { name }),
      namespace: opts.namespace ?? ds?.metadata?.namespace ?? 'default',
      ...(Object.keys(podLabels).length > 0 ? { labels: podLabels } : {}),
      ...(ownerReferences ? { ownerReferences } : {}),
    },
    spec,
  };
}

export function newPriorityClass(name: string, value: number): PriorityClass {
  return { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value };
}

// ---- world setup ---------------------------------------------------------------------------

/** Apply as a user would, failing the test on an API error; returns the stored object. */
export function mustApply<T extends AnyObject>(sim: Simulation, obj: T): T {
  const r = sim.apply(obj) as ApiResult<T>;
  if (!r.ok) throw new Error(`apply ${obj.kind} ${obj.metadata?.name ?? ''}: ${r.error.message}`);
  return r.object;
}

/** upstream addNodes: node-<start> .. node-<start+count-1>. */
export function addNodes(
  sim: Simulation,
  start: number,
  count: number,
  labels?: Readonly<Record<string, string>>,
): Node[] {
  const out: Node[] = [];
  for (let i = start; i < start + count; i++)
    out.push(mustApply(sim, newNode(`node-${i}`, labels ? { labels } : {})));
  return out;
}

/** upstream addPods: `count` pods bound to a node, owned by the DaemonSet. */
export function addPods(
  sim: Simulation,
  nodeName: string,
  labels: Readonly<Record<string, string>>,
  ds: DaemonSet,
  count: number,
): Pod[] {
  const out: Pod[] = [];
  for (let i = 0; i < count; i++) out.push(mustApply(sim, newPod(`${nodeName}-`, nodeName, labels, ds)));
  return out;
}

/** upstream addFailedPods / a pod the kubelet reports in a given phase. */
export function setPhase(
  sim: Simulation,
  pod: Pod,
  phase: 'Running' | 'Failed' | 'Succeeded' | 'Pending',
  ready?: boolean,
): Pod {
  const current = sim.api.get('Pod', pod.metadata?.namespace, pod.metadata?.name ?? '');
  if (!current) throw new Error(`pod ${pod.metadata?.name} not found`);
  const r = sim.kubelets.setPodPhase(current, phase, ready);
  if (!r) throw new Error(`pod ${pod.metadata?.name} not updated`);
  return r;
}

/**
 * upstream markPodReady / setPodReadiness: write the pod's Ready condition (and phase Running when
 * ready) as its kubelet would, with the transition at `sinceMs` (default: now).
 */
export function setPodReady(sim: Simulation, pod: Pod, ready: boolean, sinceMs = sim.nowMs()): Pod {
  const current = sim.api.get('Pod', pod.metadata?.namespace, pod.metadata?.name ?? '');
  if (!current) throw new Error(`pod ${pod.metadata?.name} not found`);
  const conditions = [
    ...(current.status?.conditions ?? []).filter((c) => c.type !== 'Ready'),
    { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: sim.clock.timestamp(sinceMs) },
  ];
  const status = { ...current.status, ...(ready ? { phase: 'Running' } : {}), conditions };
  const r = sim.api.replace('Pod', { ...current, status }, { actor: 'kubelet' });
  if (!r) throw new Error(`pod ${pod.metadata?.name} not updated`);
  return r;
}

/** upstream markPodsReady: every non-terminating pod of the DaemonSet that is not ready becomes ready. */
export function markPodsReady(sim: Simulation, ds: DaemonSet | string): void {
  for (const p of daemonPods(sim, ds)) if (!isReady(p)) setPodReady(sim, p, true);
}

/**
 * Let the informers catch up: deliver pending watch events to every handler (which only enqueue
 * keys and lower expectations) without running any controller. Upstream's clearExpectations.
 */
export function observe(sim: Simulation): void {
  sim.api.deliverWatchEvents();
}

// ---- taps on the controller and the API server -------------------------------------------

interface Taps {
  syncs: Set<(r: SyncRecord) => void>;
  writes: Set<(e: WatchEvent, ctx: WriteContext) => void>;
}
const TAPS = new WeakMap<Simulation, Taps>();

function taps(sim: Simulation): Taps {
  let t = TAPS.get(sim);
  if (!t) {
    const created: Taps = { syncs: new Set(), writes: new Set() };
    const prev = sim.daemonSets.onSync;
    sim.daemonSets.onSync = (r) => {
      prev?.(r);
      for (const f of created.syncs) f(r);
    };
    sim.onWrite((e, ctx) => {
      for (const f of created.writes) f(e, ctx);
    });
    TAPS.set(sim, created);
    t = created;
  }
  return t;
}

/**
 * Fail fast when the DaemonSet controller spins: more than `limit` syncs of one key within one
 * instant of virtual time (the engine's own guard only trips after millions of steps).
 */
export function failOnHotLoop(sim: Simulation, limit = 2_000): void {
  const t = taps(sim);
  let at = -1;
  const counts = new Map<string, number>();
  t.syncs.add((r) => {
    if (r.timeMs !== at) {
      at = r.timeMs;
      counts.clear();
    }
    const n = (counts.get(r.daemonSet) ?? 0) + 1;
    counts.set(r.daemonSet, n);
    if (n > limit)
      throw new Error(`hot loop: ${r.daemonSet} synced more than ${limit} times at t+${r.timeMs / 1000}s`);
  });
}

/** Every write to the API server while the tap is open (timeline view for invariants). */
export function tapWrites(sim: Simulation): { writes: Array<WatchEvent & { actor: string }>; stop(): void } {
  const t = taps(sim);
  const writes: Array<WatchEvent & { actor: string }> = [];
  const fn = (e: WatchEvent, ctx: WriteContext) => writes.push({ ...e, actor: ctx.actor });
  t.writes.add(fn);
  return { writes, stop: () => t.writes.delete(fn) };
}

export interface RecordedEvent {
  type: string;
  reason: string;
  message: string;
  timeMs: number;
}

export interface Activity {
  /** Every syncDaemonSet of this DaemonSet that reached the status step. */
  records: SyncRecord[];
  /** Every event the controller recorded on this DaemonSet (each emission once). */
  events: RecordedEvent[];
  /** events split by sync: eventsBySync[i] were recorded during records[i]. */
  eventsBySync: RecordedEvent[][];
  stop(): void;
}

export function dsKey(ds: DaemonSet | string): string {
  return typeof ds === 'string' ? ds : keyOf('DaemonSet', ds.metadata?.namespace, ds.metadata?.name ?? '');
}

/** Record what the DaemonSet controller does for one DaemonSet until stop(). */
export function recordActivity(sim: Simulation, ds: DaemonSet | string): Activity {
  const key = dsKey(ds);
  const [ns, name] = key.split('/') as [string, string];
  const t = taps(sim);
  const records: SyncRecord[] = [];
  const events: RecordedEvent[] = [];
  const eventsBySync: RecordedEvent[][] = [];
  let pending: RecordedEvent[] = [];
  const onSync = (r: SyncRecord) => {
    if (r.daemonSet !== key) return;
    records.push(r);
    eventsBySync.push(pending);
    pending = [];
  };
  const onWrite = (e: WatchEvent) => {
    if (e.kind !== 'Event' || e.type === 'DELETED') return;
    const ev = e.object as Event;
    if (ev.source?.component !== COMPONENT) return;
    const io = ev.involvedObject;
    if (io.kind !== 'DaemonSet' || io.name !== name || io.namespace !== ns) return;
    const rec = {
      type: ev.type ?? '',
      reason: ev.reason ?? '',
      message: ev.message ?? '',
      timeMs: sim.nowMs(),
    };
    events.push(rec);
    pending.push(rec);
  };
  t.syncs.add(onSync);
  t.writes.add(onWrite);
  return {
    records,
    events,
    eventsBySync,
    stop() {
      t.syncs.delete(onSync);
      t.writes.delete(onWrite);
    },
  };
}

export interface SyncResult {
  /** False when the sync returned before the status step (DaemonSet gone or being deleted). */
  synced: boolean;
  statusOnly: boolean;
  creates: string[];
  deletes: string[];
  events: RecordedEvent[];
}

const POD_CONTROL_REASONS = new Set(['SuccessfulCreate', 'SuccessfulDelete']);

/** Events other than the pod-control ones (upstream's fake recorder never sees those). */
export function controllerEvents(r: { events: RecordedEvent[] }): RecordedEvent[] {
  return r.events.filter((e) => !POD_CONTROL_REASONS.has(e.reason));
}

export interface SyncOptions {
  /**
   * Let the informers catch up first (default). Upstream's tests put their objects straight into
   * the informer stores; here the controller sees pods through its informer-fed cache, so what a
   * test created is only visible once the pending watch events are delivered. Pass false to sync
   * before the controller has observed its own last creates and deletes.
   */
  observe?: boolean;
}

/** upstream manager.syncHandler(key): exactly one syncDaemonSet, no other controller runs. */
export function syncDaemonSet(sim: Simulation, ds: DaemonSet | string, opts: SyncOptions = {}): SyncResult {
  const key = dsKey(ds);
  if (opts.observe ?? true) observe(sim);
  const activity = recordActivity(sim, key);
  try {
    sim.daemonSets.sync(key);
  } finally {
    activity.stop();
  }
  const r = activity.records[0];
  return {
    synced: r !== undefined,
    statusOnly: r?.statusOnly ?? false,
    creates: [...(r?.creates ?? [])],
    deletes: [...(r?.deletes ?? [])],
    events: activity.events,
  };
}

/**
 * upstream expectSyncDaemonSets(manager, ds, podControl, creates, deletes, events): one sync, then
 * the number of pods created and deleted, and of events other than SuccessfulCreate/Delete (which
 * upstream's fake pod control does not record). Every created pod must carry the controller ref.
 */
export function expectSyncDaemonSets(
  sim: Simulation,
  ds: DaemonSet | string,
  want: { creates: number; deletes: number; events?: number },
  opts: SyncOptions = {},
): SyncResult {
  const r = syncDaemonSet(sim, ds, opts);
  expect({
    creates: r.creates.length,
    deletes: r.deletes.length,
    events: controllerEvents(r).length,
  }).toEqual({ creates: want.creates, deletes: want.deletes, events: want.events ?? 0 });
  const [ns, name] = dsKey(ds).split('/') as [string, string];
  const stored = sim.api.get('DaemonSet', ns, name);
  for (const podName of r.creates) {
    const pod = sim.api.get('Pod', ns, podName);
    expect(pod, `created pod ${podName}`).toBeDefined();
    expect(controllerRefOf(pod!)).toEqual({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      name,
      uid: stored?.metadata?.uid,
      controller: true,
      blockOwnerDeletion: true,
    });
  }
  return r;
}

/**
 * Settle the current instant (every controller runs until nothing is due) and report what the
 * DaemonSet controller did for one DaemonSet: the first sync on its own, and the totals.
 */
export function syncOnce(
  sim: Simulation,
  ds: DaemonSet | string,
): {
  first: SyncResult;
  records: SyncRecord[];
  creates: string[];
  deletes: string[];
  events: RecordedEvent[];
} {
  const activity = recordActivity(sim, ds);
  try {
    sim.settle();
  } finally {
    activity.stop();
  }
  const r = activity.records[0];
  return {
    first: {
      synced: r !== undefined,
      statusOnly: r?.statusOnly ?? false,
      creates: [...(r?.creates ?? [])],
      deletes: [...(r?.deletes ?? [])],
      events: r ? (activity.eventsBySync[0] ?? []) : activity.events,
    },
    records: activity.records,
    creates: activity.records.flatMap((x) => x.creates),
    deletes: activity.records.flatMap((x) => x.deletes),
    events: activity.events,
  };
}

// ---- reading the world -----------------------------------------------------------------------

export function getDaemonSet(sim: Simulation, ds: DaemonSet | string): DaemonSet {
  const [ns, name] = dsKey(ds).split('/') as [string, string];
  const got = sim.api.get('DaemonSet', ns, name);
  if (!got) throw new Error(`DaemonSet ${ns}/${name} not found`);
  return got;
}

/**
 * The DaemonSet's status counters, the omitempty ones (numberAvailable, updatedNumberScheduled,
 * numberUnavailable, observedGeneration) read as 0 when absent, as `kubectl get` shows them.
 */
export function statusCounters(
  sim: Simulation,
  ds: DaemonSet | string,
): Required<
  Pick<
    NonNullable<DaemonSet['status']>,
    | 'desiredNumberScheduled'
    | 'currentNumberScheduled'
    | 'numberMisscheduled'
    | 'numberReady'
    | 'updatedNumberScheduled'
    | 'numberAvailable'
    | 'numberUnavailable'
    | 'observedGeneration'
  >
> {
  const s = getDaemonSet(sim, ds).status;
  return {
    desiredNumberScheduled: s?.desiredNumberScheduled ?? 0,
    currentNumberScheduled: s?.currentNumberScheduled ?? 0,
    numberMisscheduled: s?.numberMisscheduled ?? 0,
    numberReady: s?.numberReady ?? 0,
    updatedNumberScheduled: s?.updatedNumberScheduled ?? 0,
    numberAvailable: s?.numberAvailable ?? 0,
    numberUnavailable: s?.numberUnavailable ?? 0,
    observedGeneration: s?.observedGeneration ?? 0,
  };
}

/** The revision hash the controller gives new pods of this DaemonSet now. */
export function currentHash(sim: Simulation, ds: DaemonSet | string): string {
  const stored = getDaemonSet(sim, ds);
  return computeHash(stored.spec?.template, stored.status?.collisionCount);
}

/** Pods whose controller is this DaemonSet (terminating ones only when asked). */
export function daemonPods(sim: Simulation, ds: DaemonSet | string, includeTerminating = false): Pod[] {
  const stored = getDaemonSet(sim, ds);
  const uid = stored.metadata?.uid;
  return [...sim.api.list('Pod')].filter(
    (p) => controllerRefOf(p)?.uid === uid && (includeTerminating || !p.metadata?.deletionTimestamp),
  );
}

/** The DaemonSet's pods grouped by target node (spec.nodeName or injected affinity). */
export function podsByNode(
  sim: Simulation,
  ds: DaemonSet | string,
  includeTerminating = false,
): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const p of daemonPods(sim, ds, includeTerminating)) {
    const n = getTargetNodeName(p) ?? '';
    const list = out.get(n) ?? [];
    list.push(p);
    out.set(n, list);
  }
  return out;
}

/** POD IsPodReady, re-stated here so tests do not lean on the code under test. */
export function isReady(pod: Pod): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

/** POD IsPodAvailable (newest tree: ready for at least minReadySeconds, "at or before now"). */
export function podAvailable(sim: Simulation, pod: Pod, minReadySeconds = 0): boolean {
  const ready = podCondition(pod, 'Ready');
  if (pod.metadata?.deletionTimestamp || ready?.status !== 'True') return false;
  if (minReadySeconds === 0) return true;
  const since = Date.parse(ready.lastTransitionTime ?? '') - EPOCH_MS;
  return since + minReadySeconds * 1000 <= sim.nowMs();
}

/** Events in the store about one object, optionally of one reason, oldest first. */
export function eventsAbout(sim: Simulation, kind: string, name: string, reason?: string): Event[] {
  return [...sim.api.list('Event')].filter(
    (e) =>
      e.involvedObject.kind === kind && e.involvedObject.name === name && (!reason || e.reason === reason),
  );
}

export function podCondition(pod: Pod | undefined, type: string) {
  return pod?.status?.conditions?.find((c) => c.type === type);
}

// Named selectors: how panels read the store. Derived data (the graph model, table rows) is
// computed here from the stored objects, memoised on the versions of the kinds it reads.

import type { AnyObject, DaemonSet, Event, Node, Pod } from '../sim/api/types.ts';
import { compareTimestamps, eventCount, eventLastSeen } from '../sim/api/eventTimes.ts';
import { EPOCH_MS } from '../sim/engine/clock.ts';
import { controllerRefOf } from '../sim/daemonset/controllerRef.ts';
import {
  CONTROLLER_REVISION_HASH_LABEL,
  getTemplateGeneration,
  isPodUpdated,
} from '../sim/daemonset/util.ts';
import { getTargetNodeName } from '../sim/scheduling/nodeAffinity.ts';
import type { GraphModel, GraphNode, GraphPod, PodVisualPhase } from '../ui/graph/model.ts';
import { formatLabels, humanDuration } from './format.ts';
import type { AppState } from './store.ts';

/** Remembers the last result while the inputs are the same objects/numbers. */
function memo<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let last: A | undefined;
  let result: R;
  return (...args: A) => {
    if (last && last.length === args.length && last.every((v, i) => v === args[i])) return result;
    last = args;
    result = fn(...args);
    return result;
  };
}

const HIDDEN_LABELS = new Set(['kubernetes.io/hostname', 'kubernetes.io/os', 'kubernetes.io/arch']);

function keyLabels(node: Node): Array<[string, string]> {
  const labels = node.metadata?.labels ?? {};
  const out: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (HIDDEN_LABELS.has(k)) continue;
    out.push([k, v]);
  }
  return out;
}

function condition(obj: { status?: { conditions?: Array<{ type: string; status: string }> } }, type: string) {
  return obj.status?.conditions?.find((c) => c.type === type);
}

/** The phase a pod mark shows, from what the API says about the pod. */
export function podVisualPhase(pod: Pod): PodVisualPhase {
  if (pod.metadata?.deletionTimestamp) return 'Terminating';
  const phase = pod.status?.phase;
  if (phase === 'Failed') return 'Failed';
  if (phase === 'Succeeded') return 'Succeeded';
  if (phase === 'Running') return 'Running';
  return pod.spec?.nodeName ? 'ContainerCreating' : 'Pending';
}

/** The scheduler's message when it could not place the pod. */
export function unschedulableReason(pod: Pod): string | undefined {
  const c = pod.status?.conditions?.find((x) => x.type === 'PodScheduled');
  if (c && c.status === 'False' && !pod.spec?.nodeName) return c.message ?? c.reason ?? 'Unschedulable';
  return undefined;
}

function daemonSetKeyByUid(daemonSets: Map<string, DaemonSet>): Map<string, string> {
  const m = new Map<string, string>();
  for (const [key, ds] of daemonSets) if (ds.metadata?.uid) m.set(ds.metadata.uid, key);
  return m;
}

/** `namespace/name` of the DaemonSet controlling the pod, or ''. */
export function podDaemonSet(pod: Pod, byUid: Map<string, string>): string {
  const ref = controllerRefOf(pod);
  if (!ref || ref.kind !== 'DaemonSet') return '';
  return byUid.get(ref.uid) ?? `${pod.metadata?.namespace ?? 'default'}/${ref.name}`;
}

/** By creation second; within a second the store's order, which is creation order (stable sort). */
function byCreation<T extends { metadata?: { creationTimestamp?: string } }>(a: T, b: T): number {
  const ta = a.metadata?.creationTimestamp ?? '';
  const tb = b.metadata?.creationTimestamp ?? '';
  return ta === tb ? 0 : ta < tb ? -1 : 1;
}

/**
 * Each DaemonSet's current revision: the hash of its highest-numbered ControllerRevision (the
 * controller always gives the revision matching the template the highest number), and its template
 * generation. A pod is of the current revision exactly when the controller's isPodUpdated says so.
 */
export function currentRevisions(
  daemonSets: Map<string, DaemonSet>,
  revisions: Map<string, AnyObject>,
): Map<string, { hash: string; generation: number | undefined; ds: DaemonSet }> {
  const byUid = new Map<string, { revision: number; hash: string }>();
  for (const cr of revisions.values()) {
    const owner = controllerRefOf(cr);
    if (!owner) continue;
    const revision = (cr as { revision?: number }).revision ?? 0;
    const prev = byUid.get(owner.uid);
    if (!prev || revision > prev.revision)
      byUid.set(owner.uid, { revision, hash: cr.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '' });
  }
  const out = new Map<string, { hash: string; generation: number | undefined; ds: DaemonSet }>();
  for (const [key, ds] of daemonSets)
    out.set(key, {
      hash: byUid.get(ds.metadata?.uid ?? '')?.hash ?? '',
      generation: getTemplateGeneration(ds),
      ds,
    });
  return out;
}

const graphModel = memo(
  (
    nodes: Map<string, Node>,
    _nodeVersion: number,
    pods: Map<string, Pod>,
    _podVersion: number,
    daemonSets: Map<string, DaemonSet>,
    _dsVersion: number,
    revisions: Map<string, AnyObject>,
    _revisionVersion: number,
    colors: Map<string, number>,
    selection: AppState['selection'],
    explain: AppState['explain'],
  ): GraphModel => {
    const byUid = daemonSetKeyByUid(daemonSets);
    const current = currentRevisions(daemonSets, revisions);
    // Nodes the explained DaemonSet does not run on are dimmed, with the controller's reason.
    const excluded = new Map<string, string>();
    for (const v of explain?.verdicts ?? []) if (!v.shouldRun) excluded.set(v.node, v.summary);
    const graphNodes = new Map<string, GraphNode>();
    for (const node of [...nodes.values()].sort(byCreation)) {
      const name = node.metadata?.name ?? '';
      const ready = condition(node, 'Ready')?.status ?? 'Unknown';
      const problems = (node.status?.conditions ?? [])
        .filter((c) => c.type !== 'Ready' && c.status === 'True')
        .map((c) => c.type);
      graphNodes.set(name, {
        name,
        keyLabels: keyLabels(node),
        taints: (node.spec?.taints ?? []).map((t) => ({
          key: t.key,
          ...(t.value ? { value: t.value } : {}),
          effect: t.effect,
        })),
        unschedulable: node.spec?.unschedulable === true,
        ready: ready === 'True' || ready === 'False' ? ready : 'Unknown',
        problems,
        pods: [],
        ...(excluded.has(name) ? { excludedReason: excluded.get(name)! } : {}),
      });
    }
    const orphanPods: GraphPod[] = [];
    for (const [key, pod] of pods) {
      const daemonSet = podDaemonSet(pod, byUid);
      const reason = unschedulableReason(pod);
      const gp: GraphPod = {
        key,
        name: pod.metadata?.name ?? '',
        namespace: pod.metadata?.namespace ?? 'default',
        node: getTargetNodeName(pod) ?? '',
        daemonSet,
        colorIndex: daemonSet ? (colors.get(daemonSet) ?? -1) : -1,
        phase: podVisualPhase(pod),
        ready: condition(pod, 'Ready')?.status === 'True',
        ...(reason ? { unschedulableReason: reason } : {}),
        ...revisionOf(pod, current.get(daemonSet)),
      };
      const home = graphNodes.get(gp.node);
      if (home) home.pods.push(gp);
      else orphanPods.push(gp);
    }
    for (const n of graphNodes.values())
      n.pods.sort((a, b) => a.colorIndex - b.colorIndex || (a.key < b.key ? -1 : 1));
    const sel =
      selection && (selection.kind === 'node' || selection.kind === 'pod')
        ? { selected: { kind: selection.kind, name: selection.name } }
        : {};
    return {
      nodes: [...graphNodes.values()],
      daemonSets: [...colors]
        .map(([key, colorIndex]) => ({ key, colorIndex }))
        .filter((d) => daemonSets.has(d.key)),
      orphanPods,
      ...sel,
    };
  },
);

function revisionOf(
  pod: Pod,
  cur: { hash: string; generation: number | undefined } | undefined,
): { revision?: 'current' | 'old' } {
  if (!cur || cur.hash === '') return {};
  return { revision: isPodUpdated(pod, cur.hash, cur.generation) ? 'current' : 'old' };
}

export function selectGraphModel(s: AppState): GraphModel {
  return graphModel(
    s.cluster.Node,
    s.versions.Node,
    s.cluster.Pod,
    s.versions.Pod,
    s.cluster.DaemonSet,
    s.versions.DaemonSet,
    s.cluster.ControllerRevision,
    s.versions.ControllerRevision,
    s.colors,
    s.selection,
    s.explain,
  );
}

export interface DaemonSetRow {
  key: string;
  namespace: string;
  name: string;
  desired: number;
  current: number;
  ready: number;
  upToDate: number;
  available: number;
  nodeSelector: string;
  age: string;
  colorIndex: number;
}

const daemonSetRows = memo(
  (daemonSets: Map<string, DaemonSet>, _v: number, colors: Map<string, number>, nowSecond: number) =>
    [...daemonSets.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, ds]): DaemonSetRow => {
        const st = ds.status;
        const created = Date.parse(ds.metadata?.creationTimestamp ?? '');
        return {
          key,
          namespace: ds.metadata?.namespace ?? 'default',
          name: ds.metadata?.name ?? '',
          desired: st?.desiredNumberScheduled ?? 0,
          current: st?.currentNumberScheduled ?? 0,
          ready: st?.numberReady ?? 0,
          upToDate: st?.updatedNumberScheduled ?? 0,
          available: st?.numberAvailable ?? 0,
          nodeSelector: formatLabels(ds.spec?.template?.spec?.nodeSelector),
          age: Number.isNaN(created) ? '<unknown>' : humanDuration(nowSecond * 1000 - (created - EPOCH_MS)),
          colorIndex: colors.get(key) ?? -1,
        };
      }),
);

export function selectDaemonSetRows(s: AppState): DaemonSetRow[] {
  return daemonSetRows(s.cluster.DaemonSet, s.versions.DaemonSet, s.colors, Math.floor(s.time.nowMs / 1000));
}

export interface EventRow {
  key: string;
  lastSeen: string;
  type: string;
  reason: string;
  object: string;
  message: string;
  count: number;
}

/** The newest events shown; a big cluster has tens of thousands. */
export const EVENT_LIMIT = 200;

/** When an event was last seen (ISO-8601 UTC, so strings sort in time order within a format). */
const byLastSeen = (a: { t: string; key: string }, b: { t: string; key: string }) =>
  compareTimestamps(a.t, b.t) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

const eventRows = memo((events: Map<string, Event>, _v: number, nowSecond: number): EventRow[] => {
  // A big cluster has tens of thousands of events and the list shows the newest few hundred: keep
  // a bounded candidate list (sorted and cut whenever it doubles) instead of sorting them all.
  // The map is in creation order, so walking it backwards meets the newest first and soon skips
  // everything not newer than the current cut (so, once the list is full, events from the very
  // second of the cut may give way to others from that second).
  const all = [...events];
  let top: Array<{ key: string; e: Event; t: string }> = [];
  let floor = '';
  for (let i = all.length - 1; i >= 0; i--) {
    const [key, e] = all[i]!;
    const t = eventLastSeen(e);
    if (top.length >= EVENT_LIMIT && compareTimestamps(t, floor) <= 0) continue;
    top.push({ key, e, t });
    if (top.length >= 2 * EVENT_LIMIT) {
      top = top.sort(byLastSeen).slice(-EVENT_LIMIT);
      floor = top[0]!.t;
    }
  }
  top = top.sort(byLastSeen).slice(-EVENT_LIMIT);
  return top.map(({ key, e, t: last }) => {
    const t = Date.parse(last);
    return {
      key,
      lastSeen: Number.isNaN(t) ? '<unknown>' : humanDuration(nowSecond * 1000 - (t - EPOCH_MS)),
      type: e.type ?? '',
      reason: e.reason ?? '',
      object: `${(e.involvedObject.kind ?? '').toLowerCase()}/${e.involvedObject.name ?? ''}`,
      message: e.message ?? '',
      count: eventCount(e),
    };
  });
});

export function selectEventRows(s: AppState): EventRow[] {
  return eventRows(s.cluster.Event, s.versions.Event, Math.floor(s.time.nowMs / 1000));
}

export function selectSelectedNode(s: AppState): Node | undefined {
  return s.selection?.kind === 'node' ? s.cluster.Node.get(s.selection.name) : undefined;
}

export function selectSelectedPod(s: AppState): Pod | undefined {
  return s.selection?.kind === 'pod' ? s.cluster.Pod.get(s.selection.name) : undefined;
}

export function selectNodeNames(s: AppState): string[] {
  return [...s.cluster.Node.keys()];
}

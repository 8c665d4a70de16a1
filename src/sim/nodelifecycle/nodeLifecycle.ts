// Node lifecycle: conditions and cordon become taints (node_lifecycle_controller.go
// doNoScheduleTaintingPass / doNoExecuteTaintingPass), pods on a node that stops being Ready are
// marked not ready (MarkPodsNotReady), and the taint-eviction controller (taint_eviction.go) deletes
// pods that do not tolerate a NoExecute taint, honouring tolerationSeconds.

import type { Node, Pod, Taint, Toleration } from '../api/types.ts';
import type { ApiServer, WatchEvent } from '../cluster/apiServer.ts';
import { canonicalJson, keyOf } from '../cluster/objects.ts';
import type { Timer } from '../engine/clock.ts';
import { EventRecorder } from '../controller/events.ts';
import { WorkQueue } from '../controller/workqueue.ts';
import { toleratesTaint } from '../scheduling/taints.ts';
import { setCondition } from '../scheduler/scheduler.ts';

const NLC = { actor: 'node-lifecycle-controller' };
const TE = { actor: 'taint-eviction-controller' };

/** nodeConditionToTaintKeyStatusMap, plus cordon. */
const NO_SCHEDULE_BY_CONDITION: Array<{ type: string; status: string; key: string }> = [
  { type: 'Ready', status: 'False', key: 'node.kubernetes.io/not-ready' },
  { type: 'Ready', status: 'Unknown', key: 'node.kubernetes.io/unreachable' },
  { type: 'MemoryPressure', status: 'True', key: 'node.kubernetes.io/memory-pressure' },
  { type: 'DiskPressure', status: 'True', key: 'node.kubernetes.io/disk-pressure' },
  { type: 'NetworkUnavailable', status: 'True', key: 'node.kubernetes.io/network-unavailable' },
  { type: 'PIDPressure', status: 'True', key: 'node.kubernetes.io/pid-pressure' },
];
const MANAGED_NO_SCHEDULE = new Set([
  ...NO_SCHEDULE_BY_CONDITION.map((c) => c.key),
  'node.kubernetes.io/unschedulable',
]);
const MANAGED_NO_EXECUTE = new Set(['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']);

/** The taints the node lifecycle controller wants on a node, given its conditions and cordon. */
export function desiredLifecycleTaints(node: Node): Taint[] {
  const conds = node.status?.conditions ?? [];
  const out: Taint[] = [];
  for (const m of NO_SCHEDULE_BY_CONDITION) {
    if (conds.some((c) => c.type === m.type && c.status === m.status))
      out.push({ key: m.key, effect: 'NoSchedule' });
  }
  if (node.spec?.unschedulable) out.push({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' });
  const ready = conds.find((c) => c.type === 'Ready')?.status;
  if (ready === 'False') out.push({ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' });
  if (ready === 'Unknown') out.push({ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' });
  return out;
}

function isManaged(t: Taint): boolean {
  return (
    (t.effect === 'NoSchedule' && MANAGED_NO_SCHEDULE.has(t.key)) ||
    (t.effect === 'NoExecute' && MANAGED_NO_EXECUTE.has(t.key))
  );
}

export class NodeLifecycleController {
  readonly name = 'node-lifecycle-controller';
  readonly queue: WorkQueue;

  constructor(private readonly api: ApiServer) {
    this.queue = new WorkQueue(api.clock, this.name);
    api.watch('Node', (e) => {
      if (e.type !== 'DELETED') this.queue.add(e.object.metadata?.name ?? '');
      if (e.type === 'MODIFIED') this.maybeMarkPodsNotReady(e);
    });
  }

  sync(name: string): void {
    const node = this.api.get('Node', undefined, name);
    if (!node) return;
    const current = node.spec?.taints ?? [];
    const desired = desiredLifecycleTaints(node);
    const has = (t: Taint) => current.some((c) => c.key === t.key && c.effect === t.effect);
    const wanted = (t: Taint) => desired.some((d) => d.key === t.key && d.effect === t.effect);
    const kept = current.filter((t) => !isManaged(t) || wanted(t));
    const now = this.api.clock.timestamp();
    const added = desired.filter((t) => !has(t)).map((t) => ({ ...t, timeAdded: now }));
    if (added.length === 0 && kept.length === current.length) return;
    const taints = [...kept, ...added];
    const spec = { ...node.spec };
    if (taints.length > 0) spec.taints = taints;
    else delete spec.taints;
    this.api.replace('Node', { ...node, spec }, NLC);
  }

  /**
   * MarkPodsNotReady: when the controller finds a node's kubelet silent (Ready True → Unknown), it
   * marks the node's pods not ready. A kubelet that reports Ready=False itself still reports its
   * pods' readiness, so that transition leaves them alone (monitorNodeHealth).
   */
  private maybeMarkPodsNotReady(e: WatchEvent<'Node'>): void {
    const was = e.old?.status?.conditions?.find((c) => c.type === 'Ready')?.status;
    const is = e.object.status?.conditions?.find((c) => c.type === 'Ready')?.status;
    if (was !== 'True' || is !== 'Unknown') return;
    const now = this.api.clock.timestamp();
    for (const pod of [...this.api.byIndex('Pod', 'nodeName', e.object.metadata?.name ?? '')]) {
      const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
      if (!ready || ready.status !== 'True') continue;
      const conditions = setCondition(pod.status?.conditions, {
        ...ready,
        status: 'False',
        lastTransitionTime: now,
      });
      this.api.replace('Pod', { ...pod, status: { ...pod.status, conditions } }, NLC);
    }
  }
}

/** taint_eviction.go: NoExecute taints evict pods that do not tolerate them, after tolerationSeconds. */
export class TaintEvictionController {
  readonly name = 'taint-eviction-controller';
  readonly queue: WorkQueue;
  private readonly recorder: EventRecorder;
  private readonly scheduled = new Map<string, { timer: Timer; createdAtMs: number; pod: Pod }>();

  constructor(private readonly api: ApiServer) {
    this.queue = new WorkQueue(api.clock, this.name);
    this.recorder = new EventRecorder(api, this.name);
    api.watch('Node', (e) => {
      if (e.type === 'DELETED') return;
      const before = (e.old?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
      const after = (e.object.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
      if (e.type === 'MODIFIED' && canonicalJson(before) === canonicalJson(after)) return;
      for (const pod of this.api.byIndex('Pod', 'nodeName', e.object.metadata?.name ?? '')) {
        this.queue.add(keyOf('Pod', pod.metadata?.namespace, pod.metadata?.name ?? ''));
      }
    });
    api.watch('Pod', (e) => {
      const key = e.key;
      if (e.type === 'DELETED') {
        // handlePodUpdate finds the pod gone and cancels its eviction, with an event.
        if (this.scheduled.has(key)) this.queue.add(key);
        return;
      }
      const bound = e.object.spec?.nodeName;
      if (!bound) return;
      const changed =
        e.type === 'ADDED' ||
        e.old?.spec?.nodeName !== bound ||
        (e.old?.spec?.tolerations !== e.object.spec?.tolerations &&
          canonicalJson(e.old?.spec?.tolerations) !== canonicalJson(e.object.spec?.tolerations));
      if (!changed) return;
      // Only a node with NoExecute taints (or an eviction already scheduled) can matter.
      const node = this.api.get('Node', undefined, bound);
      if (this.scheduled.has(key) || node?.spec?.taints?.some((t) => t.effect === 'NoExecute'))
        this.queue.add(key);
    });
  }

  /** handlePodUpdate + processPodOnNode */
  sync(key: string): void {
    const [ns, name] = key.split('/') as [string, string];
    const pod = this.api.get('Pod', ns, name);
    if (!pod) return this.cancelWithEvent(key);
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) return;
    const node = this.api.get('Node', undefined, nodeName);
    const taints = (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
    if (taints.length === 0) return this.cancelWithEvent(key);
    // GetMatchingTolerations: the first toleration that tolerates each taint.
    const tolerations = pod.spec?.tolerations ?? [];
    const used: Toleration[] = [];
    for (const taint of taints) {
      const t = tolerations.find((tol) => toleratesTaint(tol, taint));
      if (!t) {
        // Not all taints tolerated: cancel whatever was scheduled and delete right away.
        this.cancelWithEvent(key);
        this.evict(pod);
        return;
      }
      used.push(t);
    }
    const minSeconds = minTolerationSeconds(used);
    if (minSeconds < 0) return this.cancelWithEvent(key); // tolerated forever
    const now = this.api.clock.nowMs();
    let createdAtMs = now;
    const existing = this.scheduled.get(key);
    if (existing) {
      // An eviction already scheduled from an earlier moment stands.
      createdAtMs = existing.createdAtMs;
      if (createdAtMs + minSeconds * 1000 < now + minSeconds * 1000) return;
      this.cancelWithEvent(key);
    }
    const delay = createdAtMs + minSeconds * 1000 - now;
    if (delay <= 0) {
      this.evict(pod);
      return;
    }
    const timer = this.api.clock.schedule(delay, () => {
      this.scheduled.delete(key);
      const current = this.api.get('Pod', ns, name);
      if (current && current.metadata?.uid === pod.metadata?.uid) this.evict(current);
    });
    this.scheduled.set(key, { timer, createdAtMs, pod });
  }

  /** cancelWorkWithEvent: drop a scheduled eviction, telling the pod. */
  private cancelWithEvent(key: string): void {
    const s = this.scheduled.get(key);
    if (!s) return;
    this.api.clock.cancel(s.timer);
    this.scheduled.delete(key);
    this.recorder.event(
      'Pod',
      s.pod,
      'Normal',
      'TaintManagerEviction',
      `Cancelling deletion of Pod ${s.pod.metadata?.namespace}/${s.pod.metadata?.name}`,
    );
  }

  /** addConditionAndDeletePod + emitPodDeletionEvent */
  private evict(pod: Pod): void {
    this.recorder.event(
      'Pod',
      pod,
      'Normal',
      'TaintManagerEviction',
      `Marking for deletion Pod ${pod.metadata?.namespace}/${pod.metadata?.name}`,
    );
    const conditions = setCondition(pod.status?.conditions, {
      type: 'DisruptionTarget',
      status: 'True',
      lastProbeTime: null as unknown as string,
      lastTransitionTime: this.api.clock.timestamp(),
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
    });
    const marked = this.api.replace('Pod', { ...pod, status: { ...pod.status, conditions } }, TE) ?? pod;
    this.api.delete('Pod', marked.metadata?.namespace, marked.metadata?.name ?? '', {}, TE);
  }
}

/** getMinTolerationTime: seconds, 0 for "now", or -1 when no used toleration limits the time. */
function minTolerationSeconds(used: Toleration[]): number {
  if (used.length === 0) return 0;
  let min = Infinity;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : min;
}

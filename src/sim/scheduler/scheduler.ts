// The default scheduler, reduced to what decides a daemon pod's fate: the NodeAffinity PreFilter
// (a daemon pod's injected matchFields term narrows it to one node), the filters of the default
// profile in their order, the FitError message, DefaultPreemption and the bind.

import type { Node, Pod, PodCondition, Taint } from '../api/types.ts';
import type { ApiServer, WatchEvent } from '../cluster/apiServer.ts';
import { merge } from '../cluster/objects.ts';
import { SeriesRecorder } from '../controller/eventSeries.ts';
import { WorkQueue } from '../controller/workqueue.ts';
import { compileRequiredNodeAffinity, type CompiledNodeAffinity } from '../scheduling/nodeAffinity.ts';
import { findMatchingUntoleratedTaint, tolerationsTolerateTaint } from '../scheduling/taints.ts';
import {
  explainHostPortConflicts,
  hostPortToString,
  podHostPorts,
  hostPortsConflict,
  type HostPort,
} from '../scheduling/hostPorts.ts';
import {
  explainFitsRequest,
  fitsRequest,
  nodeAllocatable,
  podRequests,
  addRequestsInPlace,
  type ResourceCheck,
  type ResourceList,
} from '../scheduling/resources.ts';

export const SCHEDULER_NAME = 'default-scheduler';
/** reportingInstance: `<controller>-<hostname>`; the scheduler runs on a node named control-plane. */
export const SCHEDULER_INSTANCE = `${SCHEDULER_NAME}-control-plane`;
const ACTOR = { actor: SCHEDULER_NAME };
const INITIAL_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 10_000;
const UNSCHEDULABLE_FLUSH_MS = 5 * 60 * 1000;

export type FilterCode = 'Unschedulable' | 'UnschedulableAndUnresolvable';
export interface FilterResult {
  plugin: string;
  code: FilterCode;
  reasons: string[];
}

export const MSG = {
  prefilterNodeAffinity: "node(s) didn't satisfy plugin(s) [NodeAffinity]",
  unschedulable: 'node(s) were unschedulable',
  nodeName: "node(s) didn't match the requested node name",
  taint: 'node(s) had untolerated taint(s)',
  affinity: "node(s) didn't match Pod's node affinity/selector",
  ports: "node(s) didn't have free ports for the requested pod ports",
  noVictims: 'No preemption victims found for incoming pod',
  notHelpful: 'Preemption is not helpful for scheduling',
};

const isNoScheduleOrNoExecute = (t: { effect?: string }) =>
  t.effect === 'NoSchedule' || t.effect === 'NoExecute';

/** The matchFields metadata.name In values when every required term is such a term (PreFilter). */
export function preFilterNodeNames(pod: Pod): Set<string> | undefined {
  const terms =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return undefined;
  const names = new Set<string>();
  for (const term of terms) {
    const field = term.matchFields?.find((f) => f.key === 'metadata.name' && f.operator === 'In');
    if (!field || (term.matchExpressions ?? []).length > 0) return undefined;
    for (const v of field.values ?? []) names.add(v);
  }
  return names;
}

/** One filter's verdict with its data, as `Scheduler.diagnose` reports it. */
export interface FilterDiagnosis {
  plugin: string;
  ok: boolean;
  code?: FilterCode;
  reasons: string[];
  /** NodeResourcesFit: every resource checked, requested against allocatable minus used. */
  resources?: ResourceCheck[];
  /** NodePorts: each wanted host port that collides with a port of a pod on the node. */
  ports?: Array<{ wanted: string; usedBy: string; used: string }>;
}

/** NodeUnschedulable: a cordoned node admits only pods tolerating its unschedulable taint. */
const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

function filterNodeUnschedulable(pod: Pod, node: Node): FilterResult | undefined {
  if (!node.spec?.unschedulable) return undefined;
  // A pod tolerating the unschedulable taint also tolerates spec.unschedulable (upstream's words).
  if (tolerationsTolerateTaint(pod.spec?.tolerations, UNSCHEDULABLE_TAINT)) return undefined;
  return { plugin: 'NodeUnschedulable', code: 'UnschedulableAndUnresolvable', reasons: [MSG.unschedulable] };
}

function filterNodeName(pod: Pod, node: Node): FilterResult | undefined {
  if (!pod.spec?.nodeName || pod.spec.nodeName === node.metadata?.name) return undefined;
  return { plugin: 'NodeName', code: 'UnschedulableAndUnresolvable', reasons: [MSG.nodeName] };
}

function filterTaintToleration(pod: Pod, node: Node): FilterResult | undefined {
  if (
    !findMatchingUntoleratedTaint(
      node.spec?.taints ?? [],
      pod.spec?.tolerations ?? [],
      isNoScheduleOrNoExecute,
    )
  )
    return undefined;
  return { plugin: 'TaintToleration', code: 'UnschedulableAndUnresolvable', reasons: [MSG.taint] };
}

function filterNodeAffinity(affinity: CompiledNodeAffinity, node: Node): FilterResult | undefined {
  if (affinity.matches(node)) return undefined;
  return { plugin: 'NodeAffinity', code: 'UnschedulableAndUnresolvable', reasons: [MSG.affinity] };
}

function filterNodePorts(ports: HostPort[], onNode: readonly Pod[]): FilterResult | undefined {
  if (ports.length === 0) return undefined;
  const used = onNode.flatMap((p) => podHostPorts(p));
  if (!hostPortsConflict(ports, used)) return undefined;
  return { plugin: 'NodePorts', code: 'Unschedulable', reasons: [MSG.ports] };
}

function usedBy(onNode: readonly Pod[]): ResourceList {
  const used: ResourceList = { milliCpu: 0, memory: 0, ephemeralStorage: 0, scalar: {} };
  for (const p of onNode) addRequestsInPlace(used, podRequests(p));
  return used;
}

function filterNodeResourcesFit(
  requests: ResourceList,
  node: Node,
  onNode: readonly Pod[],
): FilterResult | undefined {
  const reasons = fitsRequest(requests, nodeAllocatable(node), usedBy(onNode), onNode.length);
  if (reasons.length === 0) return undefined;
  return { plugin: 'NodeResourcesFit', code: 'Unschedulable', reasons: [...reasons] };
}

export class Scheduler {
  readonly name = SCHEDULER_NAME;
  readonly queue: WorkQueue;
  private readonly recorder: SeriesRecorder;
  private readonly attempts = new Map<string, number>();
  private bindMemo = { from: undefined as PodCondition[] | undefined, now: '', to: [] as PodCondition[] };
  /** Pending pods by the node they target ('' = any node), to retry only what a change can help. */
  private readonly unschedulable = new Map<string, Set<string>>();
  /** Which of those sets each pending pod is in. */
  private readonly unschedulableTarget = new Map<string, string>();
  /** The last verdict per pod, filter by filter (for explanations). */
  readonly lastDiagnosis = new Map<string, { message: string; nodes: Map<string, FilterResult> }>();

  constructor(private readonly api: ApiServer) {
    this.queue = new WorkQueue(api.clock, SCHEDULER_NAME);
    this.recorder = new SeriesRecorder(api, SCHEDULER_NAME, SCHEDULER_INSTANCE);
    api.watch('Pod', (e) => this.onPod(e));
    api.watch('Node', (e) => this.onNode(e));
  }

  private wants(pod: Pod): boolean {
    return (
      !pod.spec?.nodeName &&
      !pod.metadata?.deletionTimestamp &&
      (pod.spec?.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME &&
      pod.status?.phase !== 'Failed' &&
      pod.status?.phase !== 'Succeeded'
    );
  }

  private onPod(e: WatchEvent<'Pod'>): void {
    const pod = e.object;
    if (e.type === 'ADDED' && this.wants(pod)) {
      this.queue.add(e.key);
      return;
    }
    if (e.type === 'DELETED') {
      this.forget(e.key);
      // AssignedPodDelete: room may have been freed on its node.
      if (pod.spec?.nodeName) this.retryFor(pod.spec.nodeName);
      return;
    }
    // A pod that left the queue (bound, deleting, finished): drop what was kept about its attempts.
    if (
      e.type === 'MODIFIED' &&
      !this.wants(pod) &&
      this.attempts.size + this.lastDiagnosis.size + this.unschedulableTarget.size > 0
    )
      this.forget(e.key);
  }

  private onNode(e: WatchEvent<'Node'>): void {
    if (e.type === 'DELETED') return;
    this.retryFor(e.object.metadata?.name ?? '');
  }

  private forget(key: string): void {
    this.attempts.delete(key);
    this.lastDiagnosis.delete(key);
    const target = this.unschedulableTarget.get(key);
    if (target !== undefined) {
      this.unschedulable.get(target)?.delete(key);
      this.unschedulableTarget.delete(key);
    }
  }

  /** MoveAllToActiveOrBackoffQueue, narrowed to pods that could be helped by this node. */
  private retryFor(nodeName: string): void {
    for (const target of [nodeName, '']) {
      const set = this.unschedulable.get(target);
      if (!set) continue;
      for (const key of set) {
        this.queue.addAfter(key, this.backoffMs(key));
        this.unschedulableTarget.delete(key);
      }
      set.clear();
    }
  }

  private backoffMs(key: string): number {
    const n = this.attempts.get(key) ?? 1;
    return Math.min(INITIAL_BACKOFF_MS * 2 ** (n - 1), MAX_BACKOFF_MS);
  }

  /** One scheduling cycle for one pod. */
  sync(key: string): void {
    const pod = this.api.getByKey('Pod', key); // the key is the pod's store key (namespace/name)
    if (!pod || !this.wants(pod)) return;
    const result = this.findNodesThatFit(pod, undefined);
    if (result.feasible.length > 0) {
      const node = this.pickNode(result.feasible);
      this.bind(pod, node, key);
      this.forget(key);
      return;
    }
    this.attempts.set(key, (this.attempts.get(key) ?? 0) + 1);
    const post = this.preempt(pod, result.statuses, result.total);
    const message = fitErrorMessage(result.total, result.statuses, post.message);
    this.lastDiagnosis.set(key, { message, nodes: result.statuses });
    this.recordUnschedulable(pod, message, post.nominatedNodeName);
    const target = result.target && result.target.size === 1 ? [...result.target][0]! : '';
    const previous = this.unschedulableTarget.get(key);
    if (previous !== undefined && previous !== target) this.unschedulable.get(previous)?.delete(key);
    let set = this.unschedulable.get(target);
    if (!set) this.unschedulable.set(target, (set = new Set()));
    set.add(key);
    this.unschedulableTarget.set(key, target);
    this.queue.addAfter(key, UNSCHEDULABLE_FLUSH_MS);
  }

  /**
   * PreFilter + Filter. When the NodeAffinity PreFilter names the nodes (a daemon pod's injected
   * term), only those are filtered; every other node carries the PreFilter status, which
   * `fitErrorMessage` counts without listing them one by one.
   */
  findNodesThatFit(
    pod: Pod,
    nodes: Node[] | undefined,
  ): { feasible: Node[]; statuses: Map<string, FilterResult>; total: number; target?: Set<string> } {
    const statuses = new Map<string, FilterResult>();
    const target = preFilterNodeNames(pod);
    const feasible: Node[] = [];
    const affinity = compileRequiredNodeAffinity(pod.spec ?? { containers: [] });
    const requests = podRequests(pod);
    const ports = podHostPorts(pod);
    let candidates: Node[];
    if (target === undefined) candidates = nodes ?? [...this.api.list('Node')];
    else {
      candidates = [];
      for (const name of target) {
        const n = this.api.get('Node', undefined, name);
        if (n !== undefined) candidates.push(n);
      }
    }
    for (const node of candidates) {
      const r = this.runFilters(pod, node, affinity, requests, ports);
      if (r) statuses.set(node.metadata?.name ?? '', r);
      else feasible.push(node);
    }
    const total = this.api.count('Node');
    return target ? { feasible, statuses, total, target } : { feasible, statuses, total };
  }

  /** The filter plugins of the default profile, in order; the first failure wins. */
  runFilters(
    pod: Pod,
    node: Node,
    affinity = compileRequiredNodeAffinity(pod.spec ?? { containers: [] }),
    requests = podRequests(pod),
    ports = podHostPorts(pod),
    ignore?: Set<string>,
  ): FilterResult | undefined {
    const early =
      filterNodeUnschedulable(pod, node) ??
      filterNodeName(pod, node) ??
      filterTaintToleration(pod, node) ??
      filterNodeAffinity(affinity, node);
    if (early) return early;
    const onNode = this.podsOnNode(node.metadata?.name ?? '', ignore);
    return filterNodePorts(ports, onNode) ?? filterNodeResourcesFit(requests, node, onNode);
  }

  /**
   * Every filter of `runFilters` for one pod and node, none skipped, with the data behind each
   * verdict (for explanations; the scheduling cycle itself stops at the first failure).
   */
  diagnose(pod: Pod, node: Node): FilterDiagnosis[] {
    const affinity = compileRequiredNodeAffinity(pod.spec ?? { containers: [] });
    const requests = podRequests(pod);
    const ports = podHostPorts(pod);
    const onNode = this.podsOnNode(node.metadata?.name ?? '');
    const row = (plugin: string, r: FilterResult | undefined): FilterDiagnosis =>
      r ? { plugin, ok: false, code: r.code, reasons: [...r.reasons] } : { plugin, ok: true, reasons: [] };
    const ports_ = row('NodePorts', filterNodePorts(ports, onNode));
    ports_.ports = [];
    for (const other of onNode) {
      for (const c of explainHostPortConflicts(ports, podHostPorts(other)))
        for (const used of c.conflictsWith)
          ports_.ports.push({
            wanted: hostPortToString(c.wanted),
            usedBy: `${other.metadata?.namespace}/${other.metadata?.name}`,
            used: hostPortToString(used),
          });
    }
    const fit = row('NodeResourcesFit', filterNodeResourcesFit(requests, node, onNode));
    fit.resources = explainFitsRequest(requests, nodeAllocatable(node), usedBy(onNode), onNode.length);
    return [
      row('NodeUnschedulable', filterNodeUnschedulable(pod, node)),
      row('NodeName', filterNodeName(pod, node)),
      row('TaintToleration', filterTaintToleration(pod, node)),
      row('NodeAffinity', filterNodeAffinity(affinity, node)),
      ports_,
      fit,
    ];
  }

  /** Pods assigned to a node, terminating ones included (they hold resources until gone). */
  podsOnNode(nodeName: string, ignore?: Set<string>): Pod[] {
    const out: Pod[] = [];
    for (const p of this.api.listByIndex('Pod', 'nodeName', nodeName)) {
      if (p.status?.phase === 'Failed' || p.status?.phase === 'Succeeded') continue;
      if (ignore?.has(p.metadata?.uid ?? '')) continue;
      out.push(p);
    }
    return out;
  }

  /** Scoring, reduced: LeastAllocated cpu, then node name. Daemon pods only ever have one candidate. */
  private pickNode(feasible: Node[]): Node {
    if (feasible.length === 1) return feasible[0]!;
    let best = feasible[0]!;
    let bestScore = Infinity;
    for (const n of feasible) {
      const alloc = nodeAllocatable(n).milliCpu || 1;
      let used = 0;
      for (const p of this.podsOnNode(n.metadata?.name ?? '')) used += podRequests(p).milliCpu;
      const score = used / alloc;
      if (score < bestScore) {
        best = n;
        bestScore = score;
      }
    }
    return best;
  }

  private bind(pod: Pod, node: Node, key: string): void {
    const nodeName = node.metadata?.name ?? '';
    // Pods bound at one instant from the same conditions share the new list (immutable once stored).
    const from = pod.status?.conditions;
    const now = this.api.clock.timestamp();
    if (this.bindMemo.from !== from || this.bindMemo.now !== now) {
      const to = setCondition(from, {
        type: 'PodScheduled',
        status: 'True',
        lastProbeTime: null as unknown as string,
        lastTransitionTime: now,
      });
      this.bindMemo = { from, now, to };
    }
    const conditions = this.bindMemo.to;
    const status = merge(pod.status, { conditions });
    delete status.nominatedNodeName;
    const bound = this.api.replace(
      'Pod',
      { ...pod, spec: merge(pod.spec, { nodeName }), status },
      ACTOR,
      key,
    );
    if (bound) {
      // About the pod as the scheduler assumed it: its resourceVersion from before the binding.
      this.recorder.event(
        'Pod',
        pod,
        'Normal',
        'Scheduled',
        'Binding',
        // Joined, so each event keeps one flat string rather than a chain of concatenations.
        ['Successfully assigned ', pod.metadata?.namespace, '/', pod.metadata?.name, ' to ', nodeName].join(
          '',
        ),
      );
    }
  }

  private recordUnschedulable(pod: Pod, message: string, nominatedNodeName: string | undefined): void {
    const prev = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    const changed =
      !prev || prev.status !== 'False' || prev.reason !== 'Unschedulable' || prev.message !== message;
    if (changed || (nominatedNodeName && pod.status?.nominatedNodeName !== nominatedNodeName)) {
      const conditions = setCondition(pod.status?.conditions, {
        type: 'PodScheduled',
        status: 'False',
        lastProbeTime: null as unknown as string,
        lastTransitionTime:
          prev?.status === 'False'
            ? (prev.lastTransitionTime ?? this.api.clock.timestamp())
            : this.api.clock.timestamp(),
        reason: 'Unschedulable',
        message,
      });
      const status = { ...pod.status, conditions, ...(nominatedNodeName ? { nominatedNodeName } : {}) };
      this.api.replace('Pod', { ...pod, status }, ACTOR);
    }
    // About the pod as this attempt read it (before the condition above was written).
    this.recorder.event('Pod', pod, 'Warning', 'FailedScheduling', 'Scheduling', message);
  }

  /**
   * DefaultPreemption PostFilter, outlined: on a node that failed only with Unschedulable, remove
   * strictly lower-priority pods until the preemptor fits, then give back (reprieve) as many as
   * possible, highest priority first.
   */
  private preempt(
    pod: Pod,
    statuses: Map<string, FilterResult>,
    total: number,
  ): { message: string; nominatedNodeName?: string } {
    const n = total;
    if (pod.spec?.preemptionPolicy === 'Never')
      return { message: 'preemption: not eligible due to preemptionPolicy=Never.' };
    const nominated = pod.status?.nominatedNodeName;
    if (nominated) {
      const priority = pod.spec?.priority ?? 0;
      const terminating = this.podsOnNode(nominated).some(
        (p) => p.metadata?.deletionTimestamp && (p.spec?.priority ?? 0) < priority,
      );
      if (terminating)
        return { message: 'preemption: not eligible due to a terminating pod on the nominated node.' };
    }
    const priority = pod.spec?.priority ?? 0;
    const perNode = new Map<string, string>();
    let chosen: { node: Node; victims: Pod[] } | undefined;
    for (const [name, st] of statuses) {
      const node = this.api.get('Node', undefined, name);
      if (!node) continue;
      if (st.code === 'UnschedulableAndUnresolvable') {
        perNode.set(name, MSG.notHelpful);
        continue;
      }
      const lower = this.podsOnNode(name).filter(
        (p) => (p.spec?.priority ?? 0) < priority && !p.metadata?.deletionTimestamp,
      );
      const removed = new Set(lower.map((p) => p.metadata?.uid ?? ''));
      if (lower.length === 0 || this.runFilters(pod, node, undefined, undefined, undefined, removed)) {
        perNode.set(name, MSG.noVictims);
        continue;
      }
      // Reprieve: add back the most important victims while the pod still fits.
      const victims: Pod[] = [];
      for (const p of [...lower].sort((a, b) => (b.spec?.priority ?? 0) - (a.spec?.priority ?? 0))) {
        removed.delete(p.metadata?.uid ?? '');
        if (this.runFilters(pod, node, undefined, undefined, undefined, removed)) {
          removed.add(p.metadata?.uid ?? '');
          victims.push(p);
        }
      }
      if (!chosen) chosen = { node, victims };
    }
    if (chosen) {
      const nodeName = chosen.node.metadata?.name ?? '';
      for (const v of chosen.victims) {
        const conditions = setCondition(v.status?.conditions, {
          type: 'DisruptionTarget',
          status: 'True',
          lastProbeTime: null as unknown as string,
          lastTransitionTime: this.api.clock.timestamp(),
          reason: 'PreemptionByScheduler',
          message: `${SCHEDULER_NAME}: preempting to accommodate a higher priority pod`,
        });
        this.api.replace('Pod', { ...v, status: { ...v.status, conditions } }, ACTOR);
        this.api.delete('Pod', v.metadata?.namespace, v.metadata?.name ?? '', {}, ACTOR);
        // About the victim as the scheduler found it, with the preemptor as the related object.
        this.recorder.event(
          'Pod',
          v,
          'Normal',
          'Preempted',
          'Preempting',
          `Preempted by pod ${pod.metadata?.uid} on node ${nodeName}`,
          { kind: 'Pod', object: pod },
        );
      }
      return { message: '', nominatedNodeName: nodeName };
    }
    // Nodes the PreFilter ruled out are not helped by preemption either.
    const hist = histogram(n, perNode, MSG.notHelpful);
    return { message: `preemption: 0/${n} nodes are available: ${hist}.` };
  }
}

function histogram(total: number, perNode: Map<string, string | string[]>, fillReason: string): string {
  const counts = new Map<string, number>();
  let explicit = 0;
  for (const reasons of perNode.values()) {
    explicit++;
    for (const r of Array.isArray(reasons) ? reasons : [reasons]) counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  if (fillReason && total > explicit)
    counts.set(fillReason, (counts.get(fillReason) ?? 0) + total - explicit);
  return [...counts.entries()]
    .map(([r, c]) => `${c} ${r}`)
    .sort()
    .join(', ');
}

/** FitError.Error(): `0/N nodes are available: <sorted histogram>.` plus the PostFilter message. */
export function fitErrorMessage(
  total: number,
  statuses: Map<string, FilterResult>,
  postFilterMessage: string,
): string {
  const perNode = new Map<string, string[]>();
  for (const [name, st] of statuses) perNode.set(name, [...st.reasons]);
  if (total === 0) return 'no nodes available to schedule pods';
  // Nodes absent from the map were rejected by the NodeAffinity PreFilter.
  let msg = `0/${total} nodes are available: ${histogram(total, perNode, MSG.prefilterNodeAffinity)}.`;
  if (postFilterMessage) msg += ` ${postFilterMessage}`;
  return msg;
}

export function setCondition(conds: PodCondition[] | undefined, c: PodCondition): PodCondition[] {
  // Drop undefined fields (they would serialise differently from an absent key).
  const clean = {} as Record<string, unknown>;
  for (const k in c) {
    const v = (c as unknown as Record<string, unknown>)[k];
    if (v !== undefined) clean[k] = v;
  }
  const out = conds ? conds.slice() : [];
  const idx = out.findIndex((x) => x.type === c.type);
  if (idx >= 0) out[idx] = clean as unknown as PodCondition;
  else out.push(clean as unknown as PodCondition);
  return out;
}

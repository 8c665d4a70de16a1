// NodeShouldRunDaemonPod (pkg/controller/daemon/daemon_controller.go): for one DaemonSet and one
// node, should a daemon pod be created there (shouldRun), and may an existing one stay
// (shouldContinueRunning)? The answer carries its reason so the UI can explain it.

import type { DaemonSet, Node, Taint, Toleration } from '../api/types.ts';
import { compileRequiredNodeAffinity, type CompiledNodeAffinity } from '../scheduling/nodeAffinity.ts';
import { addOrUpdateDaemonPodTolerations, findMatchingUntoleratedTaint } from '../scheduling/taints.ts';

export type NodeVerdictReason =
  | { kind: 'ok' }
  | { kind: 'nodeName'; templateNodeName: string }
  | { kind: 'nodeAffinity' }
  | { kind: 'taint'; taint: Taint; effect: 'NoSchedule' | 'NoExecute' };

export interface NodeDecision {
  shouldRun: boolean;
  shouldContinueRunning: boolean;
  reason: NodeVerdictReason;
}

/** What NewPod(ds, node) contributes to the decision, computed once per template. */
export interface DaemonPodTemplateInfo {
  templateNodeName: string;
  affinity: CompiledNodeAffinity;
  /** Template tolerations with the daemon tolerations merged in (F1/F2). */
  tolerations: Toleration[];
}

export function templateInfo(ds: DaemonSet): DaemonPodTemplateInfo {
  const spec = ds.spec?.template?.spec ?? { containers: [] };
  return {
    templateNodeName: spec.nodeName ?? '',
    affinity: compileRequiredNodeAffinity(spec),
    tolerations: addOrUpdateDaemonPodTolerations(spec.tolerations, spec.hostNetwork === true),
  };
}

const isNoScheduleOrNoExecute = (t: Taint) => t.effect === 'NoExecute' || t.effect === 'NoSchedule';
const isNoExecute = (t: Taint) => t.effect === 'NoExecute';

export function nodeShouldRunDaemonPod(info: DaemonPodTemplateInfo, node: Node): NodeDecision {
  const name = node.metadata?.name ?? '';
  if (info.templateNodeName !== '' && info.templateNodeName !== name) {
    return {
      shouldRun: false,
      shouldContinueRunning: false,
      reason: { kind: 'nodeName', templateNodeName: info.templateNodeName },
    };
  }
  // predicates(): fitsNodeName is implied by the check above; affinity parse errors are ignored.
  if (!info.affinity.matches(node)) {
    return { shouldRun: false, shouldContinueRunning: false, reason: { kind: 'nodeAffinity' } };
  }
  const taints = node.spec?.taints;
  if (!taints || taints.length === 0) return RUN;
  const untolerated = findMatchingUntoleratedTaint(taints, info.tolerations, isNoScheduleOrNoExecute);
  if (!untolerated) return RUN;
  // Scheduled daemon pods may continue running if they tolerate every NoExecute taint.
  const noExecute = findMatchingUntoleratedTaint(taints, info.tolerations, isNoExecute);
  if (noExecute) {
    return {
      shouldRun: false,
      shouldContinueRunning: false,
      reason: { kind: 'taint', taint: noExecute, effect: 'NoExecute' },
    };
  }
  return {
    shouldRun: false,
    shouldContinueRunning: true,
    reason: { kind: 'taint', taint: untolerated, effect: 'NoSchedule' },
  };
}

const RUN: NodeDecision = { shouldRun: true, shouldContinueRunning: true, reason: { kind: 'ok' } };

/**
 * Memoises decisions per DaemonSet template and node object. Stored objects are immutable, so
 * object identity is a sound cache key: a node write or a template change misses the cache. One
 * entry per node name, for its latest object (a plain map: a WeakMap entry per node and DaemonSet
 * is an ephemeron the garbage collector must trace).
 */
export class DecisionCache {
  private readonly byDs = new Map<
    string,
    { template: unknown; info: DaemonPodTemplateInfo; nodes: Map<string, { node: Node; d: NodeDecision }> }
  >();

  decide(ds: DaemonSet, node: Node): NodeDecision {
    const uid = ds.metadata?.uid ?? '';
    let entry = this.byDs.get(uid);
    const template = ds.spec?.template;
    if (!entry || entry.template !== template) {
      entry = { template, info: templateInfo(ds), nodes: new Map() };
      this.byDs.set(uid, entry);
    }
    const name = node.metadata?.name ?? '';
    const hit = entry.nodes.get(name);
    if (hit && hit.node === node) return hit.d;
    const d = nodeShouldRunDaemonPod(entry.info, node);
    entry.nodes.set(name, { node, d });
    return d;
  }

  forget(uid: string): void {
    this.byDs.delete(uid);
  }
}

// NodeShouldRunDaemonPod (pkg/controller/daemon/daemon_controller.go): for one DaemonSet and one
// node, should a daemon pod be created there (shouldRun), and may an existing one stay
// (shouldContinueRunning)? The answer carries its reason so the UI can explain it.
//
// One code path for deciding and explaining: `explainNodeShouldRunDaemonPod` takes its verdict from
// `nodeShouldRunDaemonPod` itself, with the same compiled template info (the DecisionCache hands out
// the very entry the controller decided with), and adds the detail from the explain twins of the
// matchers the predicate calls (`CompiledNodeAffinity.explain` beside `.matches`, `explainTaints`
// over the same `tolerationMismatch`). The controller's hot path never builds an explanation.

import type { DaemonSet, Node, Taint, Toleration } from '../api/types.ts';
import {
  compileRequiredNodeAffinity,
  type AffinityExplanation,
  type CompiledNodeAffinity,
} from '../scheduling/nodeAffinity.ts';
import {
  addOrUpdateDaemonPodTolerations,
  explainTaints,
  findMatchingUntoleratedTaint,
  isNoExecute,
  isNoScheduleOrNoExecute,
  type TaintExplanation,
} from '../scheduling/taints.ts';

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
  /** The template's own tolerations, as written (to tell which of `tolerations` were added). */
  templateTolerations: readonly Toleration[];
}

export function templateInfo(ds: DaemonSet): DaemonPodTemplateInfo {
  const spec = ds.spec?.template?.spec ?? { containers: [] };
  return {
    templateNodeName: spec.nodeName ?? '',
    affinity: compileRequiredNodeAffinity(spec),
    tolerations: addOrUpdateDaemonPodTolerations(spec.tolerations, spec.hostNetwork === true),
    templateTolerations: spec.tolerations ?? [],
  };
}

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

/** A decision with everything the predicate looked at, check by check. */
export interface NodeDecisionExplanation extends NodeDecision {
  node: string;
  /** The template's `spec.nodeName` ('' when unset) and whether it names this node. */
  nodeName: { templateNodeName: string; ok: boolean };
  /** nodeSelector key by key and every required affinity term (the predicate's `affinity`). */
  affinity: AffinityExplanation;
  /** Every node taint against every toleration of the hypothetical daemon pod. */
  taints: TaintExplanation[];
  /** The hypothetical daemon pod's tolerations (template + F1/F2), in order. */
  tolerations: readonly Toleration[];
  /** `auto[i]`: `tolerations[i]` was added (or rewritten, F2) by the controller. */
  auto: boolean[];
}

/**
 * Which of the daemon pod's tolerations the controller added: `addOrUpdateDaemonPodTolerations`
 * replaces in place or appends, so index i is the template's own toleration exactly when it is
 * still the template's i-th one, unchanged.
 */
export function autoAddedTolerations(info: DaemonPodTemplateInfo): boolean[] {
  const own = info.templateTolerations;
  return info.tolerations.map((t, i) => {
    const mine = own[i];
    if (mine === undefined) return true;
    return (
      (t.key ?? '') !== (mine.key ?? '') ||
      (t.operator ?? '') !== (mine.operator ?? '') ||
      (t.value ?? '') !== (mine.value ?? '') ||
      (t.effect ?? '') !== (mine.effect ?? '') ||
      t.tolerationSeconds !== mine.tolerationSeconds
    );
  });
}

/**
 * `nodeShouldRunDaemonPod` asked to explain itself: the verdict is the predicate's own result (not
 * recomputed), and the detail covers every check, including those after the first failure.
 */
export function explainNodeShouldRunDaemonPod(
  info: DaemonPodTemplateInfo,
  node: Node,
): NodeDecisionExplanation {
  const decision = nodeShouldRunDaemonPod(info, node);
  const name = node.metadata?.name ?? '';
  return {
    shouldRun: decision.shouldRun,
    shouldContinueRunning: decision.shouldContinueRunning,
    reason: decision.reason,
    node: name,
    nodeName: {
      templateNodeName: info.templateNodeName,
      ok: info.templateNodeName === '' || info.templateNodeName === name,
    },
    affinity: info.affinity.explain(node),
    taints: explainTaints(node.spec?.taints, info.tolerations),
    tolerations: info.tolerations,
    auto: autoAddedTolerations(info),
  };
}

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

  /**
   * The explanation of `decide(ds, node)`, from the template info the controller decided with
   * (or the same `templateInfo` of the current template, when the cache has not seen it). Reads
   * the cache, never writes it.
   */
  explain(ds: DaemonSet, node: Node): NodeDecisionExplanation {
    const entry = this.byDs.get(ds.metadata?.uid ?? '');
    const info = entry && entry.template === ds.spec?.template ? entry.info : templateInfo(ds);
    return explainNodeShouldRunDaemonPod(info, node);
  }

  forget(uid: string): void {
    this.byDs.delete(uid);
  }
}

// "Explain every decision": why a DaemonSet runs a pod on a node, may keep one, or gets none, and why
// a created daemon pod cannot be bound. Plain data, for the UI, the CLI and tests.

import type { FilterCode, FilterDiagnosis } from '../scheduler/scheduler.ts';
import type { NodeVerdictReason } from '../daemonset/predicates.ts';
import type { TolerationMismatch } from '../scheduling/taints.ts';

export type { FilterDiagnosis, FilterCode };

/** Every check has a verdict and a line of text. */
interface CheckBase {
  ok: boolean;
  text: string;
}

/** The template's `spec.nodeName` against the node (E2). */
export interface NodeNameCheck extends CheckBase {
  kind: 'nodeName';
  templateNodeName: string;
  node: string;
}

/** One `spec.nodeSelector` entry (E3): expected value against the node's label. */
export interface NodeSelectorCheck extends CheckBase {
  kind: 'nodeSelector';
  key: string;
  expected: string;
  /** The node's label value; `undefined` when the node lacks the label. */
  actual: string | undefined;
}

/** One matchExpressions / matchFields requirement of a required node-affinity term (E4). */
export interface ExpressionCheck extends CheckBase {
  /** `matchFields` (only `metadata.name`) rather than `matchExpressions`. */
  field: boolean;
  key: string;
  operator: string;
  values: readonly string[];
  /** The node's label (or field) value; `undefined` when absent. */
  actual: string | undefined;
  error?: string;
}

/** One `nodeSelectorTerms[i]`: its requirements are ANDed; the terms are ORed. */
export interface AffinityTermCheck extends CheckBase {
  kind: 'affinity';
  /** 1-based, as the summaries count terms. */
  term: number;
  /** Why the term took no part in matching (empty term, parse error). */
  skipped?: string;
  expressions: ExpressionCheck[];
}

/** One toleration of the hypothetical daemon pod against one taint. */
export interface TolerationMatch {
  /** Index into the pod's tolerations (`TaintsCheckGroup.tolerations`). */
  index: number;
  text: string;
  /** Added (or rewritten, F2) by the controller: the F1 daemon tolerations. */
  auto: boolean;
  tolerates: boolean;
  /** Which field made it not tolerate. */
  mismatch?: TolerationMismatch;
}

/** What an untolerated taint does to the daemon pod (E5, E6). */
export type TaintConsequence =
  /** tolerated, or PreferNoSchedule (ignored by the controller) */
  | 'none'
  /** untolerated NoSchedule: no new pod; an existing one may stay */
  | 'noNewPod'
  /** untolerated NoExecute: no pod; an existing one is deleted */
  | 'evict';

/** One node taint against every toleration (E5–E8). */
export interface TaintCheck extends CheckBase {
  kind: 'taint';
  /** `key=value:Effect` */
  taint: string;
  key: string;
  value: string;
  effect: string;
  /** NoSchedule or NoExecute: the controller looks at it (PreferNoSchedule is ignored). */
  considered: boolean;
  tolerated: boolean;
  consequence: TaintConsequence;
  /** Every toleration, in order, with its result against this taint. */
  tolerations: TolerationMatch[];
}

export interface TolerationInfo {
  index: number;
  /** `key=value:Effect`, `key:Effect` (Exists), `*:*` … */
  text: string;
  auto: boolean;
}

interface GroupBase<K extends string, C> {
  kind: K;
  /** The group passes (an absent constraint passes). */
  ok: boolean;
  text: string;
  checks: C[];
}

export type NodeNameCheckGroup = GroupBase<'nodeName', NodeNameCheck>;
export type NodeSelectorCheckGroup = GroupBase<'nodeSelector', NodeSelectorCheck>;
export type AffinityCheckGroup = GroupBase<'affinity', AffinityTermCheck> & {
  /** The template has required node affinity at all. */
  present: boolean;
};
export type TaintsCheckGroup = GroupBase<'taints', TaintCheck> & {
  /** The hypothetical daemon pod's tolerations: the template's, then the controller's (F1/F2). */
  tolerations: TolerationInfo[];
};

/** Always all four, in this order: nodeName, nodeSelector, affinity, taints. */
export type CheckGroup = NodeNameCheckGroup | NodeSelectorCheckGroup | AffinityCheckGroup | TaintsCheckGroup;
export type CheckKind = CheckGroup['kind'];

/** A pod of the DaemonSet targeting the node (by `spec.nodeName` or its injected affinity, F5). */
export interface DaemonPodOnNode {
  name: string;
  phase: string;
  /** `spec.nodeName` is set. */
  bound: boolean;
  /** Has a deletionTimestamp. */
  terminating: boolean;
}

/** Why the scheduler has not bound a daemon pod to its target node. */
export interface SchedulerVerdict {
  pod: string;
  targetNode: string;
  /** The target node exists (else the NodeAffinity PreFilter rejects every node). */
  nodeExists: boolean;
  /** The pod's PodScheduled condition, exactly as the scheduler wrote it (absent before a first attempt). */
  condition?: { status: string; reason?: string; message?: string };
  /** The scheduler's last attempt on the target node: the filter that failed first. */
  lastAttempt?: { plugin: string; code: FilterCode; reasons: string[] };
  /** Every filter against the current state of the target node, in the default profile's order. */
  filters: FilterDiagnosis[];
  /** One line: the failing filters with their data. */
  summary: string;
}

/** One DaemonSet and one node: the controller's verdict, and everything it looked at. */
export interface NodeVerdict {
  /** `namespace/name` of the DaemonSet. */
  daemonSet: string;
  node: string;
  /** A daemon pod should be created here if none exists. */
  shouldRun: boolean;
  /** An existing daemon pod may stay. */
  shouldContinueRunning: boolean;
  /** The controller's decisive reason (`ok` when it runs). */
  reason: NodeVerdictReason['kind'];
  /** `runs`, or one line: `taint dedicated=gpu:NoSchedule not tolerated`, `nodeName is node-x` … */
  summary: string;
  checks: CheckGroup[];
  /** The DaemonSet's pods targeting this node (deleted terminal pods left out, as the controller does). */
  pods: DaemonPodOnNode[];
  /** Set when a live pod of the DaemonSet targeting this node is not bound. */
  scheduler?: SchedulerVerdict;
}

/** "Why is DESIRED N?" */
export interface DaemonSetExplanation {
  /** `namespace/name` */
  daemonSet: string;
  /** The DaemonSet is being deleted (the controller then creates nothing). */
  deleting: boolean;
  /** Nodes with shouldRun (status.desiredNumberScheduled). */
  desired: number;
  /** One per node, sorted by node name. */
  verdicts: NodeVerdict[];
  /** Nodes without shouldRun, grouped by summary (largest group first, then by reason). */
  excluded: Array<{ reason: string; nodes: string[] }>;
  /**
   * Pods on nodes without shouldRun (status.numberMisscheduled counts their nodes). `mayStay`:
   * shouldContinueRunning holds (an untolerated NoSchedule taint), so the controller keeps the pod;
   * otherwise it deletes it.
   */
  misscheduled: Array<{ pod: string; node: string; reason: string; mayStay: boolean }>;
}

// The contract of the rollout module: what `kubectl rollout history|undo|status` compute for a
// DaemonSet, as data the UI shows and as the text kubectl prints. Implemented in rollout.ts.

import type { DaemonSet, PodTemplateSpec } from '../api/types.ts';

export interface RevisionInfo {
  /** ControllerRevision `.revision`. */
  revision: number;
  /** ControllerRevision name, e.g. `agent-7bcbd7b8d4`. */
  name: string;
  /** Its `controller-revision-hash` label. */
  hash: string;
  /** The pod template the revision records (from its `.data.spec.template`). */
  template: PodTemplateSpec;
  /** The `kubernetes.io/change-cause` annotation, if any (kubectl's CHANGE-CAUSE column). */
  changeCause?: string;
  /** True for the DaemonSet's current revision (the one whose template it has now). */
  current: boolean;
}

/** Where one node stands in a rollout. */
export interface NodeRolloutState {
  node: string;
  /** The node's daemon pods: old-revision, new-revision (not terminating). */
  oldPod?: string;
  newPod?: string;
  /** Whether the new pod (if any) is available (Ready for minReadySeconds). */
  newAvailable: boolean;
  oldAvailable: boolean;
  /** Set when the new pod cannot be scheduled: the scheduler's message. */
  unschedulable?: string;
  /** Whether the node should run the daemon now (NodeShouldRunDaemonPod's shouldRun). */
  shouldRun: boolean;
  /**
   * Set when this node cannot move on by itself (see rolloutProgress's stall rule), in words:
   * `node-3's new pod is Pending — 0/5 nodes are available: …`.
   */
  blocked?: string;
}

export interface RolloutProgress {
  strategy: 'RollingUpdate' | 'OnDelete';
  desired: number;
  updated: number;
  available: number;
  /** Nodes counted unavailable by update.go's rollingUpdate (old or new pod not available, or none). */
  unavailable: number;
  /** Resolved maxUnavailable / maxSurge for `desired` (rounded as upstream rounds). */
  maxUnavailable: number;
  maxSurge: number;
  /** Nodes running an old and a new pod at once. */
  surged: number;
  /** Rollout finished: every desired node runs an available pod of the current revision. */
  done: boolean;
  /**
   * When the rollout cannot progress, why, in words. E.g.
   * `node-3's new pod is Pending — 0/5 nodes are available: 1 Insufficient cpu` or
   * `maxUnavailable=1 is used by node-2, whose new pod is not Ready`. Undefined while it can progress,
   * when done, and for OnDelete. The exact rule is documented on rolloutProgress (rollout.ts).
   */
  stalled?: string;
  nodes: NodeRolloutState[];
}

/**
 * A command kubectl refuses: `error` is the Go error's text, `kubectlMessage` the line kubectl prints
 * (`error: unable to find specified revision 7 in history`, or for a missing DaemonSet
 * `Error from server (NotFound): daemonsets.apps "x" not found`).
 */
export interface RolloutFailure {
  ok: false;
  error: string;
  kubectlMessage: string;
}

/** `output` is exactly what kubectl prints, trailing newline included. */
export type RolloutResult = { ok: true; output: string } | RolloutFailure;

/**
 * `kubectl rollout status`: `done` as kubectl decides it (it stops watching), `output` its text plus,
 * when stalled, the playground's own `Stalled: …` line. For OnDelete, `error` is kubectl's refusal
 * (and `output` the `error: …` line it prints); `progress` is still computed.
 */
export type RolloutStatusResult =
  { ok: true; done: boolean; output: string; progress: RolloutProgress; error?: string } | RolloutFailure;

export type { DaemonSet };

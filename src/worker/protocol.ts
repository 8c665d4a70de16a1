// The typed boundary between the UI and the simulation worker. Both directions are discriminated
// unions; every message carries the protocol version so a stale worker (an old cached bundle) is
// detected instead of misread.

import type { AnyObject, Kind } from '../sim/api/types.ts';
import type { RevisionInfo, RolloutProgress } from '../sim/rollout/types.ts';
import type { DaemonSetExplanation, NodeVerdict } from '../sim/explain/types.ts';
import type { PendingSync, SyncStep } from '../sim/engine/simulation.ts';
import type { TimelineEntry } from '../sim/timeline/timeline.ts';

export type { PendingSync, SyncStep, TimelineEntry };
import type { FieldError } from '../sim/api/types.ts';

export const PROTOCOL_VERSION = 1;

export type Cascade = 'background' | 'foreground' | 'orphan';

export type NodeConditionType =
  'Ready' | 'MemoryPressure' | 'DiskPressure' | 'PIDPressure' | 'NetworkUnavailable';

export interface TaintSpec {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/**
 * A user intent. Commands are what the session log records: replaying the same commands at the
 * same virtual times on the same seed rebuilds the same cluster, byte for byte.
 */
export type Command =
  /** `kubectl apply -f` of the editor buffer (multi-document YAML). */
  | { type: 'applyYaml'; text: string }
  /** Objects built by a form (e.g. "add nodes"), applied one by one like `kubectl apply`. */
  | { type: 'applyObjects'; objects: AnyObject[] }
  | { type: 'delete'; kind: Kind; namespace?: string; name: string; cascade?: Cascade }
  /** `kubectl label` / `kubectl taint` / `kubectl cordon`: a change to the node's spec or labels. */
  | {
      type: 'patchNode';
      name: string;
      /** Labels to set; `null` removes the label. */
      labels?: Record<string, string | null>;
      /** The node's complete new taint list (spec.taints). */
      taints?: TaintSpec[];
      unschedulable?: boolean;
    }
  /** What the node's kubelet (or, for Unknown, the node lifecycle controller) reports. */
  | {
      type: 'setNodeCondition';
      name: string;
      condition: NodeConditionType;
      status: 'True' | 'False' | 'Unknown';
    }
  /** `kubectl rollout undo ds/NAME [--to-revision=N]`. */
  | { type: 'rolloutUndo'; namespace: string; name: string; toRevision?: number }
  /** A kubectl command line typed in the console (`stdin` for `apply -f -`). */
  | { type: 'kubectl'; line: string; stdin?: string }
  /** What a kubelet reports for a DaemonSet's pod on a node (the scenario step `setPodPhase`). */
  | {
      type: 'setPodPhase';
      daemonSet: string;
      node: string;
      phase: 'Running' | 'Failed' | 'Succeeded' | 'Pending';
      ready?: boolean;
    }
  /** The kubelet reports the pod's containers failed. */
  | { type: 'failPod'; namespace: string; name: string }
  /** Start over from a scenario file (SCENARIOS.md format): its objects, then its steps. */
  | { type: 'loadScenario'; text: string; file: string };

export interface LogEntry {
  atMs: number;
  command: Command;
}

/** Everything needed to rebuild a cluster exactly: seed, commands and where the clock stood. */
export interface Session {
  seed: number;
  log: LogEntry[];
  nowMs: number;
}

/** One line of `kubectl apply` output, or a refusal. */
export interface ApplyOutcome {
  /** Index of the document among the non-empty documents of the buffer (-1 for form input). */
  docIndex: number;
  /** `daemonset.apps/fluentd-elasticsearch` */
  resource: string;
  result: 'created' | 'configured' | 'unchanged' | 'deleted' | 'error';
  /** kubectl's line: `daemonset.apps/x created`, or the error line kubectl prints. */
  message: string;
  /** The API server's field errors, for markers. */
  causes: FieldError[];
}

export type CommandResult =
  | { ok: true; outcomes: ApplyOutcome[]; console?: ConsoleOutput }
  | {
      ok: false;
      /** kubectl-style error line(s), e.g. `error: error parsing STDIN: ...`. */
      message: string;
      outcomes: ApplyOutcome[];
      /** For input with text: where the problem is (1-based). */
      line?: number;
      column?: number;
      console?: ConsoleOutput;
    };

/** What a kubectl command printed (stdout and stderr together, as a terminal shows them). */
export interface ConsoleOutput {
  output: string;
  exitCode: number;
}

export type ObjectChange =
  /** `created`: the object did not exist before this change set. */
  | { type: 'upsert'; kind: Kind; key: string; object: AnyObject; created?: true }
  | { type: 'delete'; kind: Kind; key: string };

export interface TimeState {
  nowMs: number;
  playing: boolean;
  speed: number;
  /** Virtual time of the next scheduled thing, if any (for "step"). */
  nextDueMs?: number;
}

/** The rollout of one DaemonSet, as `kubectl rollout status` and `history` see it. */
export interface RolloutView {
  daemonSet: string;
  status: { done: boolean; output: string; progress: RolloutProgress } | { error: string };
  history: { revisions: RevisionInfo[]; output: string } | { error: string };
}

/** What the worker computes for the watched DaemonSet and node. */
export interface WatchedViews {
  rollout: RolloutView | null;
  explain: DaemonSetExplanation | null;
  /** Every DaemonSet's verdict for the watched node. */
  nodeVerdicts: NodeVerdict[] | null;
}

export type ToWorker =
  | { v: 1; type: 'init'; session: Session; playing: boolean; speed: number }
  /** `settle: false` (step mode): run the command but leave the controllers' reaction to single steps. */
  | { v: 1; type: 'command'; id: number; command: Command; settle?: boolean }
  | { v: 1; type: 'play'; speed: number }
  | { v: 1; type: 'pause' }
  | { v: 1; type: 'step' }
  | { v: 1; type: 'advance'; ms: number }
  /** The cluster as it was at `atMs` (read-only); `beforeSyncs`: before any controller acted then. */
  | { v: 1; type: 'viewAt'; id: number; atMs: number; beforeSyncs: boolean }
  /** Run exactly one controller sync (or move the clock to the next due time). */
  | { v: 1; type: 'stepSync' }
  /** What is queued now and the most recent timeline entries. */
  | { v: 1; type: 'inspectLoop' }
  /** Tab completion of a console line. */
  | { v: 1; type: 'complete'; id: number; line: string }
  /**
   * Keep sending, with every change, the rollout and verdicts of this DaemonSet (`ns/name`) and
   * every DaemonSet's verdict for this node; null stops.
   */
  | { v: 1; type: 'watch'; daemonSet: string | null; node: string | null };

export type FromWorker =
  | { v: 1; type: 'ready' }
  /** The whole cluster: after init (which may have replayed a log) or a scenario load. */
  | {
      v: 1;
      type: 'snapshot';
      objects: Array<{ kind: Kind; key: string; object: AnyObject }>;
      time: TimeState;
      session: Session;
    }
  /** What changed since the last message; changes to one object are coalesced (latest wins). */
  | {
      v: 1;
      type: 'diff';
      changes: ObjectChange[];
      time: TimeState;
      nowMs: number;
      /** Present when something is watched and something changed (null: the object is gone). */
      watched?: WatchedViews;
    }
  | { v: 1; type: 'result'; id: number; result: CommandResult; session: Session }
  | { v: 1; type: 'completion'; id: number; replaceFrom: number; candidates: string[] }
  | {
      v: 1;
      type: 'past';
      id: number;
      atMs: number;
      beforeSyncs: boolean;
      objects: Array<{ kind: Kind; key: string; object: AnyObject }>;
      /** Timeline entries of the minute before `atMs`, newest last. */
      entries: TimelineEntry[];
    }
  /** After a stepSync or inspectLoop: what ran (if anything), what is queued, recent entries. */
  | {
      v: 1;
      type: 'loop';
      step?: SyncStep;
      stepped: boolean;
      pending: PendingSync[];
      entries: TimelineEntry[];
    }
  | { v: 1; type: 'fatal'; message: string };

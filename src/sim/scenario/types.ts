// The scenario file format (see SCENARIOS.md): what `parseScenario` returns.
//
// Everything here is plain data (no classes, no RegExp objects), so a parsed scenario can be
// posted to a worker, stored, or serialised again without loss.

/** A JSON value, as YAML/JSON input produces it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/**
 * A Kubernetes object exactly as the user wrote it. Only `apiVersion` and `kind` are checked by the
 * parser; the simulated API server validates the rest, as a real one would.
 */
export interface RawObject extends JsonObject {
  apiVersion: string;
  kind: string;
}

/** Where something starts in the scenario file (1-based line and column). */
export interface SourceLocation {
  line: number;
  column: number;
}

/** Where `objects[i]` was written: `at` is the same label the runner uses in rejections. */
export interface ObjectLocation extends SourceLocation {
  /** e.g. "objects[2]" */
  at: string;
}

/** A `"<namespace>/<name>"` reference, e.g. "default/agent". */
export type NamespacedName = string;

export type DeleteCascade = 'background' | 'foreground' | 'orphan';
export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

interface StepBase extends SourceLocation {
  /** e.g. "steps[3]"; the runner uses the same label in rejections. */
  at: string;
}

/** `apply: <object>`: `kubectl apply` of one object. */
export interface ApplyStep extends StepBase {
  type: 'apply';
  apply: RawObject;
}

export interface DeleteTarget {
  kind: string;
  name: string;
  /** Absent for cluster-scoped kinds (and then the runner decides, like kubectl, for namespaced ones). */
  namespace?: string;
  /** Defaulted to "background" when the file leaves it out. */
  cascade: DeleteCascade;
}

/** `delete: {kind, name, namespace?, cascade?}`: `kubectl delete`. */
export interface DeleteStep extends StepBase {
  type: 'delete';
  delete: DeleteTarget;
}

/** `advanceSeconds: N`: let N (>= 0) seconds of virtual time pass. */
export interface AdvanceStep extends StepBase {
  type: 'advance';
  advanceSeconds: number;
}

export interface SetPodPhaseAction {
  node: string;
  daemonSet: NamespacedName;
  phase: PodPhase;
  /** The Ready condition; when absent the runner uses its default (true when Running). */
  ready?: boolean;
}

/** `setPodPhase: {node, daemonSet, phase, ready?}`: what the kubelet reports for that daemon pod. */
export interface SetPodPhaseStep extends StepBase {
  type: 'setPodPhase';
  setPodPhase: SetPodPhaseAction;
}

export interface RolloutUndoAction {
  daemonSet: NamespacedName;
  /** `kubectl rollout undo --to-revision`; absent (or 0) means the previous revision. */
  toRevision?: number;
}

/** `rolloutUndo: {daemonSet, toRevision?}`: `kubectl rollout undo daemonset/<name>`. */
export interface RolloutUndoStep extends StepBase {
  type: 'rolloutUndo';
  rolloutUndo: RolloutUndoAction;
}

/** `kubectl: "<command>"`: a kubectl command line, as typed. */
export interface KubectlStep extends StepBase {
  type: 'kubectl';
  kubectl: string;
}

export type Step = ApplyStep | DeleteStep | AdvanceStep | SetPodPhaseStep | RolloutUndoStep | KubectlStep;
export type StepType = Step['type'];

/** A subset of a DaemonSet's `.status`; every listed field must match exactly. */
export interface DaemonSetStatusExpectation {
  currentNumberScheduled?: number;
  desiredNumberScheduled?: number;
  numberMisscheduled?: number;
  numberReady?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
  numberUnavailable?: number;
  observedGeneration?: number;
  collisionCount?: number;
  /** DaemonSetCondition objects, compared as written. */
  conditions?: JsonObject[];
}

/** Some apply was refused with an error on `field` whose text contains `contains`. */
export interface RejectedExpectation {
  field: string;
  contains: string;
  /** The exact line kubectl would print. */
  kubectlMessage?: string;
}

export interface PodConditionExpectation {
  type?: string;
  status?: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

/** A daemon pod left Pending for `node`. */
export interface UnscheduledExpectation {
  daemonSet: NamespacedName;
  node: string;
  phase?: PodPhase;
  /** The pod's PodScheduled condition (subset). */
  condition?: PodConditionExpectation;
  /** The scheduler's exact message. */
  message?: string;
}

export type EventType = 'Normal' | 'Warning';

/** An event that must exist. Every field narrows the match; `count`/`countAtLeast` are exclusive. */
export interface EventExpectation {
  /** `"<Kind> <namespace>/<name>"`, or `"<Kind> <name>"` for cluster-scoped objects. */
  object?: string;
  type?: EventType;
  reason?: string;
  /** A JavaScript regular expression (compile it with `scenarioRegExp`). */
  messagePattern?: string;
  count?: number;
  countAtLeast?: number;
}

export interface ControllerRevisionsExpectation {
  count?: number;
  /** The `.revision` numbers of the owned ControllerRevisions. */
  revisions?: number[];
  /** Human-readable facts, for readers and reviewers; not machine-checked. */
  facts?: string[];
}

/** `{kind, namespace?, name}` or `{kind, namespace?, namePrefix}`: exactly one of name/namePrefix. */
export type AbsentExpectation =
  | { kind: string; namespace?: string; name: string }
  | { kind: string; namespace?: string; namePrefix: string };

/** A partial OwnerReference; string values may be `<placeholders>`. */
export interface OwnerReferenceExpectation {
  apiVersion?: string;
  kind?: string;
  name?: string;
  uid?: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/**
 * Metadata facts of a pod. A string value in `<angle brackets>` is a placeholder: "some value, the
 * same wherever that placeholder appears".
 */
export interface PodMetadataExpectation {
  generateName?: string;
  /** A regular expression the pod's name must match. */
  namePattern?: string;
  /** A regular expression the pod's controller-revision-hash label must match. */
  hashPattern?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReferenceExpectation[];
  /** The pod's annotations are exactly the template's (nothing copied from the DaemonSet). */
  annotationsFromTemplateOnly?: boolean;
}

export interface PodMetadataExpectations {
  /** Facts about every pod of a DaemonSet, keyed `"<ns>/<ds>"`. */
  byDaemonSet?: Record<NamespacedName, PodMetadataExpectation>;
  /** Facts about named pods, keyed `"<ns>/<pod>"` (written directly under `podMetadata`). */
  pods?: Record<NamespacedName, PodMetadataExpectation>;
}

/** Checked against the state after the last step. Every key is optional. */
export interface Expect {
  podsByNode?: Record<NamespacedName, string[]>;
  status?: Record<NamespacedName, DaemonSetStatusExpectation>;
  /** One object or a list in the file; always a list here. */
  rejected?: RejectedExpectation[];
  /** Exact, ordered `spec.tolerations` of every daemon pod. */
  podTolerations?: JsonObject[];
  /** `{"<node>": <exact spec.affinity of the daemon pod targeting that node>}` */
  podAffinity?: Record<string, JsonObject>;
  unscheduled?: UnscheduledExpectation[];
  events?: EventExpectation[];
  controllerRevisions?: Record<NamespacedName, ControllerRevisionsExpectation>;
  /** `{"<ns>/<name>" (or "<name>"): <subset of the stored object>}` */
  storedObject?: Record<string, JsonObject>;
  podsPreserved?: boolean;
  absent?: AbsentExpectation[];
  podMetadata?: PodMetadataExpectations;
}

export interface Scenario {
  /** One line. */
  name: string;
  /** Markdown. */
  description?: string;
  /** A 32-bit unsigned integer; same seed, same run. */
  seed?: number;
  /** Applied in order at t=0. */
  objects: RawObject[];
  /** `objectLocations[i]` is where `objects[i]` was written. */
  objectLocations: ObjectLocation[];
  steps: Step[];
  expect?: Expect;
}

/** A problem with the scenario file itself; `line` and `column` are 1-based. */
export interface ScenarioError {
  file: string;
  line: number;
  column: number;
  message: string;
}

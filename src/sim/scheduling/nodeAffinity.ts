// Required node affinity (rule book E3, E4, D4–D6, F4, F5), ported from component-helpers
// `scheduling/corev1/nodeaffinity/nodeaffinity.go` (GetRequiredNodeAffinity, LazyErrorNodeSelector)
// and pkg/controller/daemon/util/daemonset_util.go (GetTargetNodeName,
// ReplaceDaemonSetPodNodeNameNodeAffinity).
//
// Compile once per pod template, then `matches(node)` allocates nothing. `explain(node)` walks the
// same compiled requirements through the same per-requirement functions.

import type { Affinity, Node, NodeSelector, NodeSelectorRequirement, Pod, PodSpec } from '../api/types.ts';

type NodeAffinity = NonNullable<Affinity['nodeAffinity']>;
import {
  type CompiledRequirement,
  type CompiledSelector,
  type Labels,
  type RequirementExplanation,
  type SelectorOperator,
  aggregateErrors,
  explainRequirement,
  fieldInvalid,
  fieldNotSupported,
  lookupLabel,
  newRequirement,
  requirementMatchesValue,
  selectorFromSet,
} from './labels.ts';

/** `metav1.ObjectNameField`. */
export const OBJECT_NAME_FIELD = 'metadata.name';

const NODE_SELECTOR_OPS: Readonly<Record<string, SelectorOperator>> = {
  In: 'In',
  NotIn: 'NotIn',
  Exists: 'Exists',
  DoesNotExist: 'DoesNotExist',
  Gt: 'Gt',
  Lt: 'Lt',
};
const VALID_NODE_SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];
const VALID_FIELD_SELECTOR_OPERATORS = ['In', 'NotIn'];

/** A compiled `matchFields` requirement (upstream builds a one-term field selector). */
export interface CompiledFieldRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
  readonly error: string | undefined;
  /** true for `In` (field == value), false for `NotIn` (field != value). */
  readonly equal: boolean;
  readonly value: string;
}

/** Node fields available to matchFields: only `metadata.name` (upstream `extractNodeFields`). */
function nodeFieldValue(key: string, nodeName: string): string | undefined {
  return key === OBJECT_NAME_FIELD && nodeName !== '' ? nodeName : undefined;
}

/** THE matchFields semantics: `fields.Set.Get` returns "" for missing fields. */
export function fieldRequirementMatchesValue(
  req: CompiledFieldRequirement,
  value: string | undefined,
): boolean {
  const v = value ?? '';
  return req.equal ? v === req.value : v !== req.value;
}

/** One `nodeSelectorTerms[i]`. */
export interface CompiledTerm {
  readonly index: number;
  /** Neither matchExpressions nor matchFields: upstream drops it ("selects no objects"). */
  readonly empty: boolean;
  readonly expressions: readonly CompiledRequirement[];
  readonly fields: readonly CompiledFieldRequirement[];
  /** Parse errors; a term with errors never matches (LazyErrorNodeSelector). */
  readonly errors: readonly string[];
}

function compileTerm(
  term: { matchExpressions?: NodeSelectorRequirement[]; matchFields?: NodeSelectorRequirement[] },
  index: number,
  basePath: string,
): CompiledTerm {
  const mexprs = term.matchExpressions ?? [];
  const mfields = term.matchFields ?? [];
  const expressions: CompiledRequirement[] = [];
  const fields: CompiledFieldRequirement[] = [];
  const errors: string[] = [];
  mexprs.forEach((expr, j) => {
    const p = `${basePath}[${index}].matchExpressions[${j}]`;
    const op = Object.hasOwn(NODE_SELECTOR_OPS, expr.operator) ? NODE_SELECTOR_OPS[expr.operator] : undefined;
    let req: CompiledRequirement;
    if (op === undefined) {
      const error = fieldNotSupported(`${p}.operator`, expr.operator, VALID_NODE_SELECTOR_OPERATORS);
      // Keep a placeholder so explanations can show the broken expression.
      req = {
        ...newRequirement(expr.key, 'Exists', [], p),
        operator: expr.operator as SelectorOperator,
        values: expr.values ?? [],
        error,
        op: -1,
      };
    } else {
      req = newRequirement(expr.key, op, expr.values, p);
    }
    if (req.error !== undefined) errors.push(req.error);
    expressions.push(req);
  });
  mfields.forEach((expr, j) => {
    // The field path is only spelled out for an error (daemon pods compile one field each).
    const p = () => `${basePath}[${index}].matchFields[${j}]`;
    const values = expr.values ?? [];
    let error: string | undefined;
    if (expr.operator === 'In' || expr.operator === 'NotIn') {
      if (values.length !== 1) error = fieldInvalid(`${p()}.values`, expr.values, 'must have one element');
    } else {
      error = fieldNotSupported(`${p()}.operator`, expr.operator, VALID_FIELD_SELECTOR_OPERATORS);
    }
    if (error !== undefined) errors.push(error);
    fields.push(
      Object.freeze({
        key: expr.key,
        operator: expr.operator,
        values: Object.freeze([...values]),
        error,
        equal: expr.operator === 'In',
        value: values[0] ?? '',
      }),
    );
  });
  return Object.freeze({
    index,
    empty: mexprs.length === 0 && mfields.length === 0,
    expressions: Object.freeze(expressions),
    fields: Object.freeze(fields),
    errors: Object.freeze(errors),
  });
}

/** Upstream `nodeSelectorTerm.match`, minus the error plumbing (callers skip erroneous terms). */
function termMatches(term: CompiledTerm, labels: Labels | undefined, nodeName: string): boolean {
  const exprs = term.expressions;
  for (let i = 0; i < exprs.length; i++) {
    const r = exprs[i] as CompiledRequirement;
    if (!requirementMatchesValue(r, lookupLabel(labels, r.key))) return false;
  }
  // Upstream: `matchFields != nil && len(nodeFields) > 0 && !matchFields.Matches(nodeFields)`.
  if (nodeName !== '') {
    const fields = term.fields;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i] as CompiledFieldRequirement;
      if (!fieldRequirementMatchesValue(f, nodeFieldValue(f.key, nodeName))) return false;
    }
  }
  return true;
}

/** Why a term did not take part in matching. */
export type TermSkipReason =
  'empty term (no matchExpressions or matchFields) matches nothing' | 'parse error';

export interface FieldExplanation {
  key: string;
  operator: string;
  values: readonly string[];
  /** The node's field value (`undefined` for fields a node does not have). */
  actual: string | undefined;
  ok: boolean;
  error?: string;
}

export interface TermExplanation {
  index: number;
  ok: boolean;
  skippedReason?: TermSkipReason;
  errors: readonly string[];
  expressions: RequirementExplanation[];
  fields: FieldExplanation[];
}

function explainTerm(term: CompiledTerm, labels: Labels | undefined, nodeName: string): TermExplanation {
  const expressions = term.expressions.map((r) => explainRequirement(r, lookupLabel(labels, r.key)));
  const fields = term.fields.map((f): FieldExplanation => {
    const actual = nodeFieldValue(f.key, nodeName);
    // Same guard as termMatches: a node without a name skips matchFields.
    const ok = f.error === undefined && (nodeName === '' || fieldRequirementMatchesValue(f, actual));
    const out: FieldExplanation = { key: f.key, operator: f.operator, values: f.values, actual, ok };
    if (f.error !== undefined) out.error = f.error;
    return out;
  });
  const out: TermExplanation = { index: term.index, ok: false, errors: term.errors, expressions, fields };
  if (term.empty) out.skippedReason = 'empty term (no matchExpressions or matchFields) matches nothing';
  else if (term.errors.length > 0) out.skippedReason = 'parse error';
  else out.ok = termMatches(term, labels, nodeName);
  return out;
}

/** A compiled `v1.NodeSelector` with LazyErrorNodeSelector semantics (terms ORed). */
export interface CompiledNodeSelector {
  /** Every term in input order, including empty and erroneous ones (which never match). */
  readonly terms: readonly CompiledTerm[];
  /** Aggregated parse errors of all terms (upstream reports them only when nothing matched). */
  readonly error: string | undefined;
  matches(node: Node): boolean;
  matchesLabels(labels: Labels | undefined, nodeName: string): boolean;
  explain(node: Node): { ok: boolean; terms: TermExplanation[] };
}

class NodeSelectorImpl implements CompiledNodeSelector {
  readonly terms: readonly CompiledTerm[];
  readonly error: string | undefined;
  /** Terms that can match (non-empty, no parse error). */
  private readonly usable: readonly CompiledTerm[];
  constructor(ns: NodeSelector, basePath: string) {
    this.terms = Object.freeze((ns.nodeSelectorTerms ?? []).map((t, i) => compileTerm(t, i, basePath)));
    this.usable = this.terms.filter((t) => !t.empty && t.errors.length === 0);
    this.error = aggregateErrors(this.terms.flatMap((t) => t.errors));
    Object.freeze(this);
  }
  matchesLabels(labels: Labels | undefined, nodeName: string): boolean {
    const terms = this.usable;
    for (let i = 0; i < terms.length; i++)
      if (termMatches(terms[i] as CompiledTerm, labels, nodeName)) return true;
    return false;
  }
  matches(node: Node): boolean {
    return this.matchesLabels(node.metadata?.labels, node.metadata?.name ?? '');
  }
  explain(node: Node): { ok: boolean; terms: TermExplanation[] } {
    const labels = node.metadata?.labels;
    const name = node.metadata?.name ?? '';
    const terms = this.terms.map((t) => explainTerm(t, labels, name));
    return { ok: terms.some((t) => t.ok), terms };
  }
}

/**
 * Compiles a `v1.NodeSelector` (e.g. required node affinity) — upstream `NewLazyErrorNodeSelector`.
 * `basePath` prefixes field paths in error messages (upstream's default is `nodeSelectorTerms`).
 */
export function compileNodeSelector(ns: NodeSelector, basePath = 'nodeSelectorTerms'): CompiledNodeSelector {
  const node = basePath === 'nodeSelectorTerms' ? singleNodeNameOf(ns) : undefined;
  if (node === undefined) return new NodeSelectorImpl(ns, basePath);
  // The term the DaemonSet controller injects into every pod depends only on the node name: one
  // compiled (immutable) selector per name serves every pod bound for that node.
  let c = NODE_NAME_SELECTORS.get(node);
  if (c === undefined) {
    c = new NodeSelectorImpl(ns, basePath);
    if (NODE_NAME_SELECTORS.size >= 1 << 16) NODE_NAME_SELECTORS.clear();
    NODE_NAME_SELECTORS.set(node, c);
  }
  return c;
}

const NODE_NAME_SELECTORS = new Map<string, CompiledNodeSelector>();

/**
 * The node name when `ns` is exactly one term holding exactly `matchFields: [{key: metadata.name,
 * operator: In, values: [name]}]` (ReplaceDaemonSetPodNodeNameNodeAffinity's shape), else undefined.
 */
function singleNodeNameOf(ns: NodeSelector): string | undefined {
  const terms = ns.nodeSelectorTerms;
  if (terms === undefined || terms === null || terms.length !== 1) return undefined;
  const term = terms[0]!;
  if (term.matchExpressions !== undefined && term.matchExpressions !== null) return undefined;
  const fields = term.matchFields;
  if (fields === undefined || fields === null || fields.length !== 1) return undefined;
  const f = fields[0]!;
  if (f.key !== OBJECT_NAME_FIELD || f.operator !== 'In') return undefined;
  const values = f.values;
  if (values === undefined || values === null || values.length !== 1) return undefined;
  const v = values[0];
  return typeof v === 'string' ? v : undefined;
}

// ---------------------------------------------------------------------------------------------
// nodeSelector AND required node affinity

export interface NodeSelectorEntryExplanation {
  key: string;
  expected: string;
  /** The node's label value, `undefined` when the label is missing. */
  actual: string | undefined;
  ok: boolean;
}

export interface RequiredAffinityExplanation {
  ok: boolean;
  /** One entry per `nodeSelectorTerms[i]`; `ok` of the whole is the OR of the terms. */
  terms: TermExplanation[];
}

export interface AffinityExplanation {
  /** nodeSelector AND required affinity. */
  ok: boolean;
  /** `spec.nodeSelector`, key by key (sorted by key); empty when the pod has none. */
  nodeSelector: NodeSelectorEntryExplanation[];
  nodeSelectorOk: boolean;
  /** `undefined` when the pod has no required node affinity (which then matches every node). */
  requiredAffinity: RequiredAffinityExplanation | undefined;
}

/** Upstream `RequiredNodeAffinity`: pod nodeSelector AND required node affinity. */
export interface CompiledNodeAffinity {
  /** `undefined` when `spec.nodeSelector` is absent or empty. */
  readonly nodeSelector: CompiledSelector | undefined;
  /** `undefined` when there is no `requiredDuringSchedulingIgnoredDuringExecution`. */
  readonly required: CompiledNodeSelector | undefined;
  matches(node: Node): boolean;
  explain(node: Node): AffinityExplanation;
}

/**
 * `spec.nodeSelector` as a selector (undefined when empty). Pods of one template share the map, so
 * it is compiled once per map object; stored objects are never mutated.
 */
function compiledNodeSelectorMap(ns: Record<string, string>): CompiledSelector | undefined {
  if (NODE_SELECTOR_MAPS.has(ns)) return NODE_SELECTOR_MAPS.get(ns);
  const c = Object.keys(ns).length > 0 ? selectorFromSet(ns) : undefined;
  NODE_SELECTOR_MAPS.set(ns, c);
  return c;
}

const NODE_SELECTOR_MAPS = new WeakMap<object, CompiledSelector | undefined>();

class NodeAffinityImpl implements CompiledNodeAffinity {
  readonly nodeSelector: CompiledSelector | undefined;
  readonly required: CompiledNodeSelector | undefined;
  constructor(spec: PodSpec) {
    const ns = spec.nodeSelector;
    this.nodeSelector = ns !== undefined && ns !== null ? compiledNodeSelectorMap(ns) : undefined;
    const req = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    this.required = req !== undefined && req !== null ? compileNodeSelector(req) : undefined;
    Object.freeze(this);
  }
  matches(node: Node): boolean {
    const labels = node.metadata?.labels;
    if (this.nodeSelector !== undefined && !this.nodeSelector.matches(labels)) return false;
    if (this.required !== undefined) return this.required.matchesLabels(labels, node.metadata?.name ?? '');
    return true;
  }
  explain(node: Node): AffinityExplanation {
    const labels = node.metadata?.labels;
    const nodeSelector = (this.nodeSelector?.requirements ?? []).map((r): NodeSelectorEntryExplanation => {
      const actual = lookupLabel(labels, r.key);
      return { key: r.key, expected: r.values[0] ?? '', actual, ok: requirementMatchesValue(r, actual) };
    });
    const nodeSelectorOk = nodeSelector.every((e) => e.ok);
    const requiredAffinity = this.required?.explain(node);
    return {
      ok: nodeSelectorOk && (requiredAffinity?.ok ?? true),
      nodeSelector,
      nodeSelectorOk,
      requiredAffinity,
    };
  }
}

/**
 * Upstream `GetRequiredNodeAffinity(pod)`: the pod's `nodeSelector` (AND of equalities, D5) and its
 * required node affinity (terms ORed, E4). Parse errors only make their term unusable (E4).
 */
export function compileRequiredNodeAffinity(podSpec: PodSpec): CompiledNodeAffinity {
  return new NodeAffinityImpl(podSpec);
}

// ---------------------------------------------------------------------------------------------
// DaemonSet helpers (F4, F5)

/**
 * DU `GetTargetNodeName` (F5): `spec.nodeName` if set, else the value of the first
 * `matchFields metadata.name In` requirement across the required terms; `undefined` when there is
 * none or when that requirement does not have exactly one value.
 */
export function getTargetNodeName(pod: Pod): string | undefined {
  const spec = pod.spec;
  if (spec === undefined) return undefined;
  if (spec.nodeName !== undefined && spec.nodeName !== '') return spec.nodeName;
  const terms =
    spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms === undefined) return undefined;
  for (const term of terms) {
    for (const exp of term.matchFields ?? []) {
      if (exp.key === OBJECT_NAME_FIELD && exp.operator === 'In') {
        return exp.values?.length === 1 ? exp.values[0] : undefined;
      }
    }
  }
  return undefined;
}

/**
 * DU `ReplaceDaemonSetPodNodeNameNodeAffinity` (F4), without mutating its input: returns a new
 * affinity whose required node affinity is exactly one term `matchFields metadata.name In [node]`;
 * preferred terms, podAffinity, podAntiAffinity are kept (deep-copied). Key order follows the Go
 * structs: nodeAffinity{required, preferred}, then the other affinity fields.
 */
export function replaceDaemonSetPodNodeNameNodeAffinity(
  affinity: Affinity | undefined,
  nodeName: string,
): Affinity {
  const required: NodeSelector = {
    nodeSelectorTerms: [{ matchFields: [{ key: OBJECT_NAME_FIELD, operator: 'In', values: [nodeName] }] }],
  };
  if (affinity === undefined || affinity === null) {
    return { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: required } };
  }
  const { nodeAffinity, ...otherAffinity } = affinity;
  const newNodeAffinity: NodeAffinity = { requiredDuringSchedulingIgnoredDuringExecution: required };
  if (nodeAffinity !== undefined && nodeAffinity !== null) {
    const { requiredDuringSchedulingIgnoredDuringExecution: oldRequired, ...otherNodeAffinity } =
      nodeAffinity;
    if (oldRequired !== undefined && oldRequired !== null) {
      // Keep any other NodeSelector fields; only the terms are replaced.
      const { nodeSelectorTerms: _old, ...otherRequired } = oldRequired;
      newNodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = {
        ...structuredClone(otherRequired),
        ...required,
      };
    }
    Object.assign(newNodeAffinity, structuredClone(otherNodeAffinity));
  }
  return { nodeAffinity: newNodeAffinity, ...structuredClone(otherAffinity) };
}

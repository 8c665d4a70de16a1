// Property-based tests of the DaemonSet core against an independent oracle written from the rule
// book (/work/shared/spec/daemonset-behaviour.md, rules D, E, F, H, K, O3). The oracle below
// deliberately shares no code with src/sim: label requirements, node affinity, tolerations, the
// daemon tolerations and the taint-eviction timing are re-derived from the upstream sources.
//
// Every fc.assert has a fixed seed, so a failure is reproducible; fast-check prints the shrunk
// counterexample and the path to replay it.

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type {
  DaemonSet,
  DaemonSetUpdateStrategy,
  LabelSelector,
  Node,
  NodeCondition,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  Pod,
  PodSpec,
  Taint,
  Toleration,
} from '../api/types.ts';
import type { ApiError, ApiResult } from '../cluster/apiServer.ts';
import { createSimulation, type Simulation } from '../engine/simulation.ts';
import { nodeShouldRunDaemonPod, templateInfo } from './predicates.ts';

// =============================================================================================
// The oracle (independent of src/sim)

/** Go `strconv.ParseInt(s, 10, 64)`: optional sign, ASCII digits, int64 range. */
function goParseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const v = BigInt(s);
  if (v > 9223372036854775807n || v < -9223372036854775808n) return undefined;
  return v;
}

/** apimachinery IsValidLabelValue. */
function isValidLabelValue(v: string): boolean {
  return v.length <= 63 && /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(v);
}

type Labels = Record<string, string>;

/**
 * labels.NewRequirement as called by nodeSelectorRequirementsAsSelector (D6, E4): a requirement that
 * fails to parse makes its whole term unusable. Values are validated as label values for every
 * operator, Gt/Lt need exactly one int64 value.
 */
function requirementParses(r: NodeSelectorRequirement): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) return false;
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length !== 0) return false;
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) return false;
      if (values.some((v) => goParseInt64(v) === undefined)) return false;
      break;
    default:
      return false;
  }
  return values.every(isValidLabelValue);
}

/** Requirement.Matches (D4). */
function requirementMatches(r: NodeSelectorRequirement, labels: Labels): boolean {
  const has = Object.hasOwn(labels, r.key);
  const v = has ? labels[r.key]! : undefined;
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return v !== undefined && values.includes(v);
    case 'NotIn':
      return v === undefined || !values.includes(v);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (v === undefined) return false;
      const lv = goParseInt64(v);
      const rv = goParseInt64(values[0] ?? '');
      if (lv === undefined || rv === undefined) return false;
      return r.operator === 'Gt' ? lv > rv : lv < rv;
    }
    default:
      return false;
  }
}

/** nodeSelectorTerm.match within LazyErrorNodeSelector (E4): empty or unparsable terms never match. */
function termMatches(term: NodeSelectorTerm, labels: Labels, nodeName: string): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  if (!exprs.every(requirementParses)) return false;
  if (!fields.every((f) => (f.operator === 'In' || f.operator === 'NotIn') && f.values?.length === 1))
    return false;
  if (!exprs.every((r) => requirementMatches(r, labels))) return false;
  return fields.every((f) => {
    const actual = f.key === 'metadata.name' ? nodeName : '';
    return f.operator === 'In' ? actual === f.values![0] : actual !== f.values![0];
  });
}

/** RequiredNodeAffinity.Match: nodeSelector (D5, E3) AND required node affinity terms ORed (E4). */
function oracleAffinityMatches(spec: PodSpec, node: Node): boolean {
  const labels: Labels = node.metadata?.labels ?? {};
  const name = node.metadata?.name ?? '';
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) {
    if (!Object.hasOwn(labels, k) || labels[k] !== v) return false;
  }
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required === undefined || required === null) return true;
  return (required.nodeSelectorTerms ?? []).some((t) => termMatches(t, labels, name));
}

/** Toleration.ToleratesTaint (E7), comparison-operator gate off. */
function oracleTolerates(t: Toleration, taint: Taint): boolean {
  if ((t.effect ?? '') !== '' && t.effect !== taint.effect) return false;
  if ((t.key ?? '') !== '' && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** Rule F1, in order. */
function automaticTolerations(hostNetwork: boolean): Toleration[] {
  const out: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (hostNetwork)
    out.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  return out;
}

/**
 * The created pod's tolerations: rule F2 (V1H AddOrUpdateTolerationInPodSpec per automatic
 * toleration). Matters only for taint-eviction timing, where the order and the dropped
 * tolerationSeconds count.
 */
function oraclePodTolerations(user: readonly Toleration[], hostNetwork: boolean): Toleration[] {
  const same4 = (a: Toleration, b: Toleration) =>
    (a.key ?? '') === (b.key ?? '') &&
    (a.operator ?? '') === (b.operator ?? '') &&
    (a.value ?? '') === (b.value ?? '') &&
    (a.effect ?? '') === (b.effect ?? '');
  let list = [...user];
  for (const auto of automaticTolerations(hostNetwork)) {
    const matching = list.filter((t) => same4(t, auto));
    // An exactly equal one (no tolerationSeconds) means "no change at all".
    if (matching.some((t) => t.tolerationSeconds === undefined || t.tolerationSeconds === null)) continue;
    if (matching.length > 0) list = list.map((t) => (same4(t, auto) ? auto : t));
    else list = [...list, auto];
  }
  return list;
}

interface Verdict {
  shouldRun: boolean;
  shouldContinueRunning: boolean;
}

/** NodeShouldRunDaemonPod (E1–E10) evaluated on the node's taints as given. */
function oracleShouldRun(ds: DaemonSet, node: Node): Verdict {
  const spec: PodSpec = ds.spec?.template?.spec ?? { containers: [] };
  const no: Verdict = { shouldRun: false, shouldContinueRunning: false };
  if ((spec.nodeName ?? '') !== '' && spec.nodeName !== node.metadata?.name) return no;
  if (!oracleAffinityMatches(spec, node)) return no;
  const tolerations = [...(spec.tolerations ?? []), ...automaticTolerations(spec.hostNetwork === true)];
  const untolerated = (effect: string) =>
    (node.spec?.taints ?? []).some(
      (taint) => taint.effect === effect && !tolerations.some((t) => oracleTolerates(t, taint)),
    );
  if (untolerated('NoExecute')) return no;
  if (untolerated('NoSchedule')) return { shouldRun: false, shouldContinueRunning: true };
  return { shouldRun: true, shouldContinueRunning: true };
}

/**
 * Taint eviction (O3, TE getMatchingTolerations + getMinTolerationTime): for every NoExecute taint
 * the FIRST toleration of the pod that tolerates it is used; the pod is evicted after the minimum
 * tolerationSeconds of those. True when a daemon pod bound here is evicted again and again (E8).
 */
function oracleEvictionChurn(ds: DaemonSet, node: Node): boolean {
  const spec: PodSpec = ds.spec?.template?.spec ?? { containers: [] };
  const tolerations = oraclePodTolerations(spec.tolerations ?? [], spec.hostNetwork === true);
  let finite = false;
  for (const taint of node.spec?.taints ?? []) {
    if (taint.effect !== 'NoExecute') continue;
    const used = tolerations.find((t) => oracleTolerates(t, taint));
    if (!used) return true;
    if (used.tolerationSeconds !== undefined && used.tolerationSeconds !== null) finite = true;
  }
  return finite;
}

/** GetTargetNodeName (F5). */
function targetNodeOf(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  for (const term of pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
    ?.nodeSelectorTerms ?? []) {
    for (const f of term.matchFields ?? []) {
      if (f.key === 'metadata.name' && f.operator === 'In')
        return f.values?.length === 1 ? f.values[0] : undefined;
    }
  }
  return undefined;
}

// =============================================================================================
// Generators: only objects the API server accepts

const NODE_NAMES = Array.from({ length: 12 }, (_, i) => `node-${i}`);
/** Names used in matchFields / template nodeName / hostname values, including one that never exists. */
const NAME_VALUES = ['node-0', 'node-1', 'node-2', 'node-3', 'node-7', 'node-11', 'node-99'];

const NODE_LABELS: Record<string, readonly string[]> = {
  zone: ['a', 'b', 'c'],
  disk: ['ssd', 'hdd'],
  tier: ['web', 'db', ''],
  'example.com/gpu': ['true', 'false'],
  cpus: ['0', '2', '4', '8', '16', '007', 'x8', '99999999999999999999', '9223372036854775807'],
  rank: ['1', '5', '10', '010'],
};
const INT_KEYS = ['cpus', 'rank', 'zone'];
/** Gt/Lt values: valid ints, ints that are not valid label values (-1, +3), junk. */
const INT_REQ_VALUES = [
  '0',
  '2',
  '4',
  '7',
  '8',
  '10',
  '16',
  '007',
  '9223372036854775807',
  '99999999999999999999',
  '-1',
  '+3',
  'abc',
  '1.5',
  '',
];
const AFFINITY_KEYS = [...Object.keys(NODE_LABELS), 'kubernetes.io/hostname', 'missing'];

const TAINT_KEYS = [
  'dedicated',
  'gpu',
  'example.com/special',
  'node.kubernetes.io/not-ready',
  'node.kubernetes.io/unreachable',
  'node.kubernetes.io/unschedulable',
  'node.kubernetes.io/memory-pressure',
];
/** For the predicate-only property, where no lifecycle controller rewrites the taints. */
const ALL_TAINT_KEYS = [
  ...TAINT_KEYS,
  'node.kubernetes.io/disk-pressure',
  'node.kubernetes.io/pid-pressure',
  'node.kubernetes.io/network-unavailable',
];
const TOLERATION_KEYS = [
  'dedicated',
  'gpu',
  'example.com/special',
  'node.kubernetes.io/not-ready',
  'node.kubernetes.io/unreachable',
  'node.kubernetes.io/network-unavailable',
  'node.kubernetes.io/memory-pressure',
  'node.kubernetes.io/unschedulable',
];
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

/** `arb` in `present` of `present + absent` cases, else undefined (shrinks towards undefined). */
function sometimes<T>(arb: fc.Arbitrary<T>, present: number, absent: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: absent, arbitrary: fc.constant(undefined) }, { weight: present, arbitrary: arb });
}

function weighted<T>(...choices: Array<[number, T]>): fc.Arbitrary<T> {
  return fc.oneof(...choices.map(([weight, v]) => ({ weight, arbitrary: fc.constant(v) })));
}

/** A random subset of keys, each with a value from its own vocabulary. */
function labelMap(vocab: Record<string, readonly string[]>, extra: readonly string[] = []) {
  const keys = Object.keys(vocab);
  return fc
    .tuple(...keys.map((k) => fc.option(fc.constantFrom(...vocab[k]!, ...extra), { nil: undefined })))
    .map((vals) => {
      const out: Labels = {};
      vals.forEach((v, i) => {
        if (v !== undefined) out[keys[i]!] = v;
      });
      return out;
    });
}

function taintArb(keys: readonly string[]): fc.Arbitrary<Taint> {
  return fc
    .record({
      key: fc.constantFrom(...keys),
      effect: fc.constantFrom(...EFFECTS),
      value: fc.constantFrom<string | undefined>(undefined, 'true', 'x', ''),
    })
    .map(({ key, effect, value }) => (value === undefined ? { key, effect } : { key, effect, value }));
}

function taintsArb(keys: readonly string[]): fc.Arbitrary<Taint[]> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant<Taint[]>([]) },
    {
      weight: 2,
      arbitrary: fc.uniqueArray(taintArb(keys), {
        maxLength: 2,
        selector: (t) => `${t.key}:${t.effect}`,
      }),
    },
  );
}

interface NodeShape {
  labels: Labels;
  taints: Taint[];
  ready: 'True' | 'False' | 'Unknown';
  pressure: Array<[string, 'True' | 'False']>;
  unschedulable: boolean;
}

const conditionStatus = sometimes(weighted<'True' | 'False'>([5, 'False'], [1, 'True']), 2, 1);

const nodeShapeArb: fc.Arbitrary<NodeShape> = fc
  .record({
    labels: labelMap(NODE_LABELS),
    taints: taintsArb(TAINT_KEYS),
    ready: weighted<'True' | 'False' | 'Unknown'>([8, 'True'], [1, 'False'], [1, 'Unknown']),
    memory: conditionStatus,
    disk: conditionStatus,
    pid: conditionStatus,
    network: conditionStatus,
    unschedulable: weighted([4, false], [1, true]),
  })
  .map((r) => {
    const pressure: Array<[string, 'True' | 'False']> = [];
    if (r.memory) pressure.push(['MemoryPressure', r.memory]);
    if (r.disk) pressure.push(['DiskPressure', r.disk]);
    if (r.pid) pressure.push(['PIDPressure', r.pid]);
    if (r.network) pressure.push(['NetworkUnavailable', r.network]);
    return { labels: r.labels, taints: r.taints, ready: r.ready, pressure, unschedulable: r.unschedulable };
  });

function makeNode(name: string, shape: NodeShape): Node {
  const conditions: NodeCondition[] = [
    ...shape.pressure.map(([type, status]) => ({ type, status })),
    { type: 'Ready', status: shape.ready },
  ];
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { ...shape.labels } },
    spec: {
      ...(shape.taints.length > 0 ? { taints: shape.taints.map((t) => ({ ...t })) } : {}),
      ...(shape.unschedulable ? { unschedulable: true } : {}),
    },
    // What a kubelet reports: room for plenty of pods (no daemon pod requests resources).
    status: { capacity: NODE_CAPACITY, allocatable: NODE_CAPACITY, conditions },
  };
}

const NODE_CAPACITY = { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '50Gi' };

const matchExpressionArb: fc.Arbitrary<NodeSelectorRequirement> = fc.oneof(
  fc.constantFrom(...AFFINITY_KEYS).chain((key) => {
    const vocab = key === 'kubernetes.io/hostname' ? NAME_VALUES : (NODE_LABELS[key] ?? ['a']);
    return fc.record({
      key: fc.constant(key),
      operator: fc.constantFrom('In', 'NotIn'),
      // 'Not Valid!' passes API validation (values are not checked) but fails NewRequirement.
      values: fc.array(
        fc.oneof(
          { weight: 12, arbitrary: fc.constantFrom(...vocab, 'other') },
          {
            weight: 1,
            arbitrary: fc.constant('Not Valid!'),
          },
        ),
        { minLength: 1, maxLength: 3 },
      ),
    });
  }),
  fc.record({ key: fc.constantFrom(...AFFINITY_KEYS), operator: fc.constantFrom('Exists', 'DoesNotExist') }),
  fc.record({
    key: fc.constantFrom(...INT_KEYS, 'missing'),
    operator: fc.constantFrom('Gt', 'Lt'),
    values: fc.constantFrom(...INT_REQ_VALUES).map((v) => [v]),
  }),
);

const matchFieldArb: fc.Arbitrary<NodeSelectorRequirement> = fc.record({
  key: fc.constant('metadata.name'),
  operator: fc.constantFrom('In', 'NotIn'),
  values: fc.constantFrom(...NAME_VALUES).map((v) => [v]),
});

const termArb: fc.Arbitrary<NodeSelectorTerm> = fc
  .record({
    exprs: fc.array(matchExpressionArb, { maxLength: 3 }),
    fields: fc.array(matchFieldArb, { maxLength: 1 }),
    keepEmptyArrays: fc.boolean(),
  })
  .map(({ exprs, fields, keepEmptyArrays }) => {
    const term: NodeSelectorTerm = {};
    if (exprs.length > 0 || keepEmptyArrays) term.matchExpressions = exprs;
    if (fields.length > 0 || keepEmptyArrays) term.matchFields = fields;
    return term;
  });

const tolerationArb: fc.Arbitrary<Toleration> = fc
  .record({
    shape: fc.constantFrom('anyKeyExists', 'keyExists', 'equal'),
    key: fc.constantFrom(...TOLERATION_KEYS),
    operator: fc.constantFrom<string | undefined>(undefined, '', 'Equal'),
    value: fc.constantFrom<string | undefined>(undefined, '', 'true', 'x'),
    effect: fc.constantFrom<string | undefined>(undefined, '', ...EFFECTS),
    seconds: fc.option(fc.constantFrom(0, 10, 45, 3600), { nil: undefined }),
  })
  .map(({ shape, key, operator, value, effect, seconds }) => {
    const t: Toleration = {};
    if (shape === 'anyKeyExists') t.operator = 'Exists';
    else if (shape === 'keyExists') Object.assign(t, { key, operator: 'Exists' });
    else {
      t.key = key;
      if (operator !== undefined) t.operator = operator;
      if (value !== undefined) t.value = value;
    }
    if (effect !== undefined) t.effect = effect;
    if (effect === 'NoExecute' && seconds !== undefined) t.tolerationSeconds = seconds;
    return t;
  });

interface DaemonSetShape {
  selectorByExpression: boolean;
  strategy: DaemonSetUpdateStrategy | undefined;
  nodeSelector: Labels | undefined;
  affinity: NodeSelectorTerm[] | undefined;
  tolerations: Toleration[] | undefined;
  hostNetwork: boolean;
  nodeName: string | undefined;
}

/** One or two `key: value` pairs, values from the node label vocabulary (or not). */
const nodeSelectorArb: fc.Arbitrary<Labels> = fc
  .uniqueArray(fc.constantFrom('zone', 'disk', 'tier', 'cpus'), { minLength: 1, maxLength: 2 })
  .chain((keys) =>
    fc.tuple(...keys.map((k) => fc.constantFrom(...NODE_LABELS[k]!, 'other'))).map((values) => {
      const out: Labels = {};
      keys.forEach((k, i) => (out[k] = values[i]!));
      return out;
    }),
  );

const daemonSetShapeArb: fc.Arbitrary<DaemonSetShape> = fc.record({
  selectorByExpression: fc.boolean(),
  strategy: fc.constantFrom<DaemonSetUpdateStrategy | undefined>(
    undefined,
    { type: 'OnDelete' },
    { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
  ),
  nodeSelector: sometimes(nodeSelectorArb, 1, 3),
  affinity: sometimes(fc.array(termArb, { minLength: 1, maxLength: 3 }), 1, 2),
  tolerations: sometimes(fc.array(tolerationArb, { maxLength: 4 }), 2, 1),
  hostNetwork: weighted([3, false], [1, true]),
  nodeName: sometimes(fc.constantFrom(...NAME_VALUES), 1, 9),
});

function makeDaemonSet(name: string, s: DaemonSetShape): DaemonSet {
  const selector: LabelSelector = s.selectorByExpression
    ? { matchExpressions: [{ key: 'app', operator: 'In', values: [name] }] }
    : { matchLabels: { app: name } };
  const spec: PodSpec = { containers: [{ name: 'agent', image: 'registry.k8s.io/pause:3.10' }] };
  if (s.nodeSelector !== undefined) spec.nodeSelector = { ...s.nodeSelector };
  if (s.affinity !== undefined)
    spec.affinity = {
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: s.affinity } },
    };
  if (s.tolerations !== undefined) spec.tolerations = s.tolerations;
  if (s.hostNetwork) spec.hostNetwork = true;
  if (s.nodeName !== undefined) spec.nodeName = s.nodeName;
  return structuredClone({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'default' },
    spec: {
      selector,
      ...(s.strategy ? { updateStrategy: s.strategy } : {}),
      template: { metadata: { labels: { app: name } }, spec },
    },
  });
}

interface ClusterCase {
  seed: number;
  /** Per node: its first shape and, for phase 2, a replacement shape (null = left alone). */
  nodes: Array<{ first: NodeShape; then: NodeShape | null }>;
  daemonSets: DaemonSetShape[];
}

const clusterArb: fc.Arbitrary<ClusterCase> = fc.record({
  seed: fc.integer({ min: 1, max: 0x7fffffff }),
  nodes: fc.array(fc.record({ first: nodeShapeArb, then: fc.option(nodeShapeArb, { nil: null }) }), {
    minLength: 1,
    maxLength: 12,
  }),
  daemonSets: fc.array(daemonSetShapeArb, { minLength: 1, maxLength: 3 }),
});

// =============================================================================================
// Driving the simulation

function expectStructuredError(e: ApiError): void {
  expect(typeof e.code).toBe('number');
  expect(e.code).toBeGreaterThanOrEqual(400);
  expect(typeof e.reason).toBe('string');
  expect(typeof e.message).toBe('string');
  expect(e.message.length).toBeGreaterThan(0);
  expect(typeof e.kubectlMessage).toBe('string');
  expect(Array.isArray(e.causes)).toBe(true);
  for (const c of e.causes) {
    expect(typeof c.field).toBe('string');
    expect(typeof c.message).toBe('string');
  }
}

/** Apply; a refusal must be a structured ApiError, and (since we generate valid objects) is a failure. */
function applyValid(sim: Simulation, obj: Node | DaemonSet): void {
  const r: ApiResult<unknown> = sim.apply(obj);
  if (!r.ok) {
    expectStructuredError(r.error);
    expect.fail(`valid ${obj.kind} ${obj.metadata?.name} was refused: ${r.error.message}`);
  }
}

/**
 * A simulation that fails fast, instead of hanging the test run, when the controllers feed each other
 * without virtual time passing (a hot loop grows the pod list, and every sync gets slower).
 * Legitimate peaks stay far below: 12 nodes x 110 pods (the kubelet's pod capacity) at most.
 */
function guardedSimulation(seed: number, maxPods = 2_000, maxWritesPerInstant = 25_000): Simulation {
  const sim = createSimulation({ seed, freeze: true });
  let instant = -1;
  let writes = 0;
  sim.onWrite((e) => {
    if (sim.nowMs() !== instant) {
      instant = sim.nowMs();
      writes = 0;
    }
    const pods = sim.api.count('Pod');
    if (++writes > maxWritesPerInstant || pods > maxPods)
      throw new Error(
        `no progress: ${writes} writes at t=${instant} ms without time passing, ${pods} pods ` +
          `(last write: ${e.type} ${e.kind} ${e.object.metadata?.name})`,
      );
  });
  return sim;
}

/** Phase 1: nodes (their lifecycle taints settle), then the DaemonSets, then 120 s. */
function runPhase1(c: ClusterCase): Simulation {
  const sim = guardedSimulation(c.seed);
  c.nodes.forEach((n, i) => applyValid(sim, makeNode(NODE_NAMES[i]!, n.first)));
  sim.advance(1);
  c.daemonSets.forEach((s, i) => applyValid(sim, makeDaemonSet(`ds-${i}`, s)));
  sim.advance(120);
  return sim;
}

/** Phase 2: rewrite some nodes (labels, taints, conditions, cordon), then another 120 s. */
function runPhase2(sim: Simulation, c: ClusterCase): void {
  c.nodes.forEach((n, i) => {
    if (n.then) applyValid(sim, makeNode(NODE_NAMES[i]!, n.then));
  });
  sim.advance(120);
}

/** podByCreationTimestampAndPhase. */
function byCreationTimestampAndPhase(a: Pod, b: Pod): number {
  const ab = (a.spec?.nodeName ?? '') !== '';
  const bb = (b.spec?.nodeName ?? '') !== '';
  if (ab !== bb) return ab ? -1 : 1;
  const at = Date.parse(a.metadata?.creationTimestamp ?? '');
  const bt = Date.parse(b.metadata?.creationTimestamp ?? '');
  if (at !== bt) return at - bt;
  const an = a.metadata?.name ?? '';
  const bn = b.metadata?.name ?? '';
  return an < bn ? -1 : an > bn ? 1 : 0;
}

/** G1, F1/F2, F4: what the controller writes into every pod it creates. */
function expectDaemonPodShape(ds: DaemonSet, pod: Pod, node: string): void {
  const spec: PodSpec = ds.spec!.template.spec!;
  const where = `pod ${pod.metadata?.name} of ${ds.metadata?.name} on ${node}`;
  expect(
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms,
    `${where}: injected node affinity (F4)`,
  ).toEqual([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }]);
  expect(pod.spec?.tolerations, `${where}: tolerations (F1/F2)`).toEqual(
    oraclePodTolerations(spec.tolerations ?? [], spec.hostNetwork === true),
  );
  if (spec.nodeName) expect(pod.spec?.nodeName, `${where}: template nodeName`).toBe(spec.nodeName);
  expect(pod.spec?.nodeSelector, `${where}: nodeSelector kept`).toEqual(spec.nodeSelector);
  expect(pod.metadata?.labels, `${where}: labels (G1)`).toMatchObject({
    ...ds.spec!.template.metadata!.labels,
    'pod-template-generation': '1',
  });
}

function podSummary(p: Pod): string {
  const del = p.metadata?.deletionTimestamp ? ' terminating' : '';
  return `${p.metadata?.name}(${p.status?.phase ?? '?'}${p.spec?.nodeName ? ' bound' : ''}${del})`;
}

/** How many (DaemonSet, node) verdicts of each kind the checks met: guards against a vacuous pass. */
interface Coverage {
  run: number;
  keep: number;
  none: number;
  /** DaemonSets with numberMisscheduled > 0. */
  misscheduled: number;
  /** shouldRun nodes found between an evicted pod and its replacement. */
  betweenPods: number;
}

/**
 * Properties 2 and 3 on the converged cluster. Node taints are read back as stored, so the node
 * lifecycle controller's condition and cordon taints (O1, O2) are part of what the oracle sees.
 * `phase2`: a node whose kubelet is silent (Ready=Unknown) may legitimately hold only a pod stuck
 * in Terminating (O5, H5) that some intermediate state got deleted.
 */
function checkConverged(sim: Simulation, dsCount: number, phase2: boolean, cov: Coverage): void {
  const nodes = [...sim.api.list('Node')];
  const pods = [...sim.api.list('Pod')];
  for (let i = 0; i < dsCount; i++) {
    const ds = sim.api.get('DaemonSet', 'default', `ds-${i}`);
    expect(ds, `ds-${i} exists`).toBeDefined();
    const uid = ds!.metadata!.uid!;
    const owned = pods.filter((p) =>
      p.metadata?.ownerReferences?.some((r) => r.controller === true && r.uid === uid),
    );
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    for (const node of nodes) {
      const name = node.metadata!.name!;
      const v = oracleShouldRun(ds!, node);
      const onNode = owned.filter((p) => targetNodeOf(p) === name);
      const live = onNode.filter((p) => !p.metadata?.deletionTimestamp);
      const terminating = onNode.filter((p) => p.metadata?.deletionTimestamp);
      // H: pods that are both terminal and marked for deletion do not count as "exists".
      const counted = onNode.filter(
        (p) =>
          !(
            (p.status?.phase === 'Failed' || p.status?.phase === 'Succeeded') &&
            p.metadata?.deletionTimestamp
          ),
      );
      const ctx = () =>
        `ds-${i} on ${name}: oracle ${JSON.stringify(v)}, taints ${JSON.stringify(node.spec?.taints ?? [])}, ` +
        `labels ${JSON.stringify(node.metadata?.labels)}, pods [${onNode.map(podSummary).join(', ')}]`;
      for (const pod of live) expectDaemonPodShape(ds!, pod, name);
      if (v.shouldRun) cov.run++;
      else if (v.shouldContinueRunning) cov.keep++;
      else cov.none++;
      if (v.shouldRun) {
        desired++;
        if (counted.length > 0) {
          current++;
          // K4-K6: the oldest pod stands for the node (bound first, then creation time, then name).
          const rep = [...counted].sort(byCreationTimestampAndPhase)[0]!;
          if (rep.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) ready++;
        }
        const silentKubelet = node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'Unknown';
        const mayBeBetweenPods = oracleEvictionChurn(ds!, node) || (phase2 && silentKubelet);
        const ok = live.length === 1 || (mayBeBetweenPods && live.length === 0 && terminating.length > 0);
        expect(ok, `shouldRun but ${live.length} non-terminating pods: ${ctx()}`).toBe(true);
        if (live.length === 0) cov.betweenPods++;
      } else if (counted.length > 0) {
        misscheduled++;
      }
      if (!v.shouldContinueRunning) {
        expect(live.length, `!shouldContinueRunning but pods remain: ${ctx()}`).toBe(0);
      }
    }
    if (misscheduled > 0) cov.misscheduled++;
    const st = ds!.status;
    expect(st?.desiredNumberScheduled, `ds-${i} desiredNumberScheduled`).toBe(desired);
    expect(st?.currentNumberScheduled, `ds-${i} currentNumberScheduled`).toBe(current);
    expect(st?.numberMisscheduled, `ds-${i} numberMisscheduled`).toBe(misscheduled);
    // No template change ever happens, so every pod is updated; minReadySeconds is 0 so ready = available.
    expect(st?.numberReady, `ds-${i} numberReady`).toBe(ready);
    expect(st?.numberAvailable ?? 0, `ds-${i} numberAvailable`).toBe(ready);
    expect(st?.numberUnavailable ?? 0, `ds-${i} numberUnavailable`).toBe(desired - ready);
    expect(st?.updatedNumberScheduled ?? 0, `ds-${i} updatedNumberScheduled`).toBe(current);
    expect(st?.observedGeneration, `ds-${i} observedGeneration`).toBe(ds!.metadata?.generation);
  }
}

// =============================================================================================
// Properties

describe('DaemonSet core, property-based', () => {
  it('never throws, and converges to what the rule book says (phase 1: create; phase 2: node changes)', () => {
    const cov: Coverage = { run: 0, keep: 0, none: 0, misscheduled: 0, betweenPods: 0 };
    fc.assert(
      fc.property(clusterArb, (c) => {
        const sim = runPhase1(c);
        checkConverged(sim, c.daemonSets.length, false, cov);
        if (c.nodes.some((n) => n.then)) {
          runPhase2(sim, c);
          checkConverged(sim, c.daemonSets.length, true, cov);
        }
      }),
      { seed: 42, numRuns: 150 },
    );
    // The generators keep every kind of verdict well represented (fixed seed: stable numbers).
    expect(cov.run).toBeGreaterThan(500);
    expect(cov.keep).toBeGreaterThan(100);
    expect(cov.none).toBeGreaterThan(500);
    expect(cov.misscheduled).toBeGreaterThan(20);
    expect(cov.betweenPods).toBeGreaterThan(0);
  }, 120_000);

  it('is deterministic: the same cluster and seed give byte-identical objects', () => {
    fc.assert(
      fc.property(clusterArb, (c) => {
        const run = () => {
          const sim = runPhase1(c);
          runPhase2(sim, c);
          return JSON.stringify(sim.objects());
        };
        expect(run()).toBe(run());
      }),
      { seed: 4242, numRuns: 30 },
    );
  }, 120_000);

  it('refuses invalid DaemonSets and Nodes with a structured error, never by throwing', () => {
    type Breaker = (ds: DaemonSet) => void;
    const tpl = (ds: DaemonSet) => ds.spec!.template.spec!;
    const breakers: Breaker[] = [
      (ds) => (tpl(ds).tolerations = [{ key: '', operator: 'Equal', value: 'x' }]),
      (ds) =>
        (tpl(ds).tolerations = [
          { key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 },
        ]),
      (ds) => (tpl(ds).tolerations = [{ key: 'k', operator: 'Exists', value: 'v' }]),
      (ds) => (tpl(ds).tolerations = [{ key: 'k', operator: 'Exists', effect: 'Sometimes' }]),
      (ds) =>
        (tpl(ds).affinity = {
          nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } },
        }),
      (ds) =>
        (tpl(ds).affinity = {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: [] }] }],
            },
          },
        }),
      (ds) =>
        (tpl(ds).affinity = {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchExpressions: [{ key: 'cpus', operator: 'Gt', values: ['1', '2'] }] },
              ],
            },
          },
        }),
      (ds) =>
        (tpl(ds).affinity = {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchFields: [{ key: 'metadata.namespace', operator: 'In', values: ['x'] }] },
              ],
            },
          },
        }),
      (ds) =>
        (tpl(ds).affinity = {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a', 'b'] }] },
              ],
            },
          },
        }),
      (ds) => (ds.spec!.selector = { matchLabels: { app: 'someone-else' } }),
      (ds) => (ds.spec!.selector = {}),
      (ds) => (tpl(ds).containers = []),
      (ds) =>
        (ds.spec!.updateStrategy = {
          type: 'RollingUpdate',
          rollingUpdate: { maxSurge: 1, maxUnavailable: 1 },
        }),
    ];
    fc.assert(
      fc.property(
        daemonSetShapeArb,
        fc.constantFrom(...breakers.keys()),
        nodeShapeArb,
        fc.constantFrom<Taint[]>(
          [
            { key: 'dedicated', effect: 'NoSchedule' },
            { key: 'dedicated', value: 'x', effect: 'NoSchedule' },
          ],
          [{ key: 'dedicated', effect: 'Sometimes' }],
          [{ key: 'bad key!', effect: 'NoSchedule' }],
          [{ key: 'dedicated', effect: '' }],
        ),
        (shape, b, nodeShape, badTaints) => {
          const sim = createSimulation({ seed: 7, freeze: true });
          const ds = makeDaemonSet('broken', shape);
          breakers[b]!(ds);
          const r = sim.apply(ds);
          expect(r.ok).toBe(false);
          if (!r.ok) {
            expectStructuredError(r.error);
            expect(r.error.code).toBe(422);
            expect(r.error.causes.length).toBeGreaterThan(0);
          }
          const node = makeNode('node-0', nodeShape);
          node.spec = { ...node.spec, taints: badTaints };
          const rn = sim.apply(node);
          expect(rn.ok).toBe(false);
          if (!rn.ok) expectStructuredError(rn.error);
          // Nothing was stored, and the clock still runs.
          sim.advance(5);
          expect(sim.api.count('DaemonSet') + sim.api.count('Node')).toBe(0);
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  }, 60_000);

  // H2/H3/H6 and N10: a kubelet that rejects a daemon pod (here OutOfcpu, the template bypasses the
  // scheduler with spec.nodeName) while surge is allowed. Upstream keeps the failed pod in backoff
  // and, having no running pod on the node, creates another one each sync (podsShouldBeOnNode,
  // surge branch) - a churn paced by the kubelet. The simulation must still let time pass.
  it('settles when a kubelet keeps rejecting the pod of a surging DaemonSet', () => {
    for (const surge of [false, true]) {
      const sim = guardedSimulation(1, 500);
      applyValid(sim, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-0' } });
      applyValid(
        sim,
        structuredClone({
          apiVersion: 'apps/v1',
          kind: 'DaemonSet',
          metadata: { name: 'agent', namespace: 'default' },
          spec: {
            selector: { matchLabels: { app: 'agent' } },
            ...(surge
              ? {
                  updateStrategy: {
                    type: 'RollingUpdate',
                    rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
                  },
                }
              : {}),
            template: {
              metadata: { labels: { app: 'agent' } },
              spec: {
                nodeName: 'node-0',
                containers: [
                  {
                    name: 'agent',
                    image: 'registry.k8s.io/pause:3.10',
                    resources: { requests: { cpu: '8' } },
                  },
                ],
              },
            },
          },
        }),
      );
      expect(() => sim.advance(60), `surge=${surge}`).not.toThrow();
    }
  });

  it('nodeShouldRunDaemonPod agrees with the independent oracle', () => {
    const nodeArb = fc
      .record({
        name: fc.constantFrom(...NAME_VALUES),
        labels: labelMap(NODE_LABELS),
        hostname: fc.boolean(),
        taints: taintsArb(ALL_TAINT_KEYS),
      })
      .map(({ name, labels, hostname, taints }): Node => {
        const l: Labels = { ...labels };
        if (hostname) l['kubernetes.io/hostname'] = name;
        return {
          apiVersion: 'v1',
          kind: 'Node',
          metadata: { name, labels: l },
          spec: taints.length > 0 ? { taints } : {},
        };
      });
    fc.assert(
      fc.property(daemonSetShapeArb, nodeArb, (shape, node) => {
        const ds = makeDaemonSet('agent', shape);
        const got = nodeShouldRunDaemonPod(templateInfo(ds), node);
        const want = oracleShouldRun(ds, node);
        expect({ shouldRun: got.shouldRun, shouldContinueRunning: got.shouldContinueRunning }).toEqual(want);
      }),
      { seed: 1234, numRuns: 10_000 },
    );
  }, 60_000);
});

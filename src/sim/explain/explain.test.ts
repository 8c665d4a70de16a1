// Node verdicts: table-driven over every constraint the controller looks at, each checked against
// the controller's own predicate, plus the scheduler's per-filter diagnosis of unbound daemon pods.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DaemonSet, Node, NodeSelectorTerm, PodSpec, Taint, Toleration } from '../api/types.ts';
import { nodeShouldRunDaemonPod, templateInfo } from '../daemonset/predicates.ts';
import { createSimulation } from '../engine/simulation.ts';
import { describeDecision, explainDaemonSet, explainNode, explainNodeForDaemonSets } from './explain.ts';
import { explainNodeShouldRunDaemonPod } from '../daemonset/predicates.ts';
import type {
  AffinityCheckGroup,
  CheckGroup,
  NodeSelectorCheckGroup,
  NodeVerdict,
  TaintsCheckGroup,
} from './types.ts';

function ds(spec: Partial<PodSpec> = {}, name = 'agent'): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'default', uid: `uid-${name}` },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'a', image: 'pause' }], ...spec },
      },
    },
  };
}

function node(name: string, labels: Record<string, string> = {}, taints: Taint[] = []): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels },
    spec: taints.length > 0 ? { taints } : {},
  };
}

function group<K extends CheckGroup['kind']>(v: NodeVerdict, kind: K): Extract<CheckGroup, { kind: K }> {
  return v.checks.find((g) => g.kind === kind) as Extract<CheckGroup, { kind: K }>;
}

/** The verdict agrees with the controller's predicate, run on its own. */
function verdict(d: DaemonSet, n: Node): NodeVerdict {
  const v = explainNode(d, n);
  const p = nodeShouldRunDaemonPod(templateInfo(d), n);
  expect([v.shouldRun, v.shouldContinueRunning, v.reason]).toEqual([
    p.shouldRun,
    p.shouldContinueRunning,
    p.reason.kind,
  ]);
  return v;
}

const affinity = (...terms: NodeSelectorTerm[]): Partial<PodSpec> => ({
  affinity: {
    nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } },
  },
});
const expr = (key: string, operator: string, values?: string[]) => ({
  matchExpressions: [{ key, operator, ...(values ? { values } : {}) }],
});

describe('nodeSelector', () => {
  it.each([
    ['match', { disk: 'ssd' }, true, 'runs', 'disk=ssd: node has disk=ssd'],
    [
      'mismatch',
      { disk: 'hdd' },
      false,
      'nodeSelector disk=ssd: node has disk=hdd',
      'disk=ssd: node has disk=hdd',
    ],
    [
      'missing key',
      {},
      false,
      'nodeSelector disk=ssd: node has no label disk',
      'disk=ssd: node has no label disk',
    ],
  ])('%s', (_what, labels, run, summary, text) => {
    const v = verdict(ds({ nodeSelector: { disk: 'ssd' } }), node('n', labels));
    expect(v.shouldRun).toBe(run);
    expect(v.shouldContinueRunning).toBe(run);
    expect(v.summary).toBe(summary);
    const g: NodeSelectorCheckGroup = group(v, 'nodeSelector');
    expect(g.ok).toBe(run);
    expect(g.checks).toEqual([
      {
        kind: 'nodeSelector',
        ok: run,
        text,
        key: 'disk',
        expected: 'ssd',
        actual: (labels as Record<string, string>)['disk'],
      },
    ]);
  });

  it('reports every key, and only the failing ones in the summary', () => {
    const v = verdict(
      ds({ nodeSelector: { disk: 'ssd', zone: 'a', gpu: 'yes' } }),
      node('n', { disk: 'ssd' }),
    );
    expect(v.summary).toBe('nodeSelector gpu=yes: node has no label gpu; zone=a: node has no label zone');
    expect(group(v, 'nodeSelector').checks.map((c) => [c.key, c.ok])).toEqual([
      ['disk', true],
      ['gpu', false],
      ['zone', false],
    ]);
  });
});

describe('required node affinity, every operator', () => {
  it.each([
    ['In match', expr('zone', 'In', ['a', 'b']), { zone: 'a' }, true, 'zone In [a,b]: node has zone=a'],
    ['In mismatch', expr('zone', 'In', ['a', 'b']), { zone: 'c' }, false, 'zone In [a,b]: node has zone=c'],
    ['In missing', expr('zone', 'In', ['a']), {}, false, 'zone In [a]: node has no label zone'],
    ['NotIn match', expr('zone', 'NotIn', ['a']), { zone: 'c' }, true, 'zone NotIn [a]: node has zone=c'],
    [
      'NotIn missing key matches',
      expr('zone', 'NotIn', ['a']),
      {},
      true,
      'zone NotIn [a]: node has no label zone',
    ],
    ['NotIn mismatch', expr('zone', 'NotIn', ['a']), { zone: 'a' }, false, 'zone NotIn [a]: node has zone=a'],
    ['Exists', expr('gpu', 'Exists'), { gpu: '' }, true, 'gpu Exists: node has gpu='],
    ['Exists missing', expr('gpu', 'Exists'), {}, false, 'gpu Exists: node has no label gpu'],
    ['DoesNotExist', expr('gpu', 'DoesNotExist'), {}, true, 'gpu DoesNotExist: node has no label gpu'],
    [
      'DoesNotExist present',
      expr('gpu', 'DoesNotExist'),
      { gpu: 'x' },
      false,
      'gpu DoesNotExist: node has gpu=x',
    ],
    ['Gt', expr('cores', 'Gt', ['4']), { cores: '8' }, true, 'cores Gt 4: node has cores=8'],
    ['Gt equal', expr('cores', 'Gt', ['4']), { cores: '4' }, false, 'cores Gt 4: node has cores=4'],
    [
      'Gt not a number',
      expr('cores', 'Gt', ['4']),
      { cores: 'many' },
      false,
      'cores Gt 4: node has cores=many',
    ],
    ['Lt', expr('cores', 'Lt', ['4']), { cores: '2' }, true, 'cores Lt 4: node has cores=2'],
    ['Lt missing', expr('cores', 'Lt', ['4']), {}, false, 'cores Lt 4: node has no label cores'],
  ])('%s', (_what, term, labels, run, text) => {
    const v = verdict(ds(affinity(term)), node('node-x', labels));
    expect(v.shouldRun).toBe(run);
    const g: AffinityCheckGroup = group(v, 'affinity');
    expect(g.present).toBe(true);
    expect(g.ok).toBe(run);
    expect(g.checks[0]?.expressions.map((e) => [e.ok, e.text])).toEqual([[run, text]]);
    expect(v.summary).toBe(run ? 'runs' : `node affinity: no term matched (term 1: ${text})`);
  });

  it.each([
    ['In', 'node-x', true, 'metadata.name In [node-x]: node is node-x'],
    ['In', 'node-y', false, 'metadata.name In [node-y]: node is node-x'],
    ['NotIn', 'node-y', true, 'metadata.name NotIn [node-y]: node is node-x'],
    ['NotIn', 'node-x', false, 'metadata.name NotIn [node-x]: node is node-x'],
  ])('matchFields metadata.name %s [%s]', (operator, value, run, text) => {
    const v = verdict(
      ds(affinity({ matchFields: [{ key: 'metadata.name', operator, values: [value] }] })),
      node('node-x'),
    );
    expect(v.shouldRun).toBe(run);
    const e = group(v, 'affinity').checks[0]?.expressions[0];
    expect([e?.field, e?.ok, e?.text]).toEqual([true, run, text]);
  });

  it('terms are ORed, expressions ANDed; the summary lists each failed term', () => {
    const spec = affinity(
      {
        matchExpressions: [
          { key: 'zone', operator: 'In', values: ['a', 'b'] },
          { key: 'disk', operator: 'Exists' },
        ],
      },
      expr('gpu', 'Exists'),
    );
    const ored = verdict(ds(spec), node('n', { gpu: 'yes' }));
    expect(ored.shouldRun).toBe(true);
    expect(group(ored, 'affinity').checks.map((t) => [t.term, t.ok])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(group(ored, 'affinity').text).toBe('term 2 matched');
    const anded = verdict(ds(spec), node('n', { zone: 'a' }));
    expect(anded.shouldRun).toBe(false);
    expect(group(anded, 'affinity').checks[0]?.expressions.map((e) => e.ok)).toEqual([true, false]);
    expect(anded.summary).toBe(
      'node affinity: no term matched (term 1: disk Exists: node has no label disk; term 2: gpu Exists: node has no label gpu)',
    );
  });

  it('an empty term matches nothing, and a term with a parse error is skipped', () => {
    const empty = verdict(ds(affinity({})), node('n'));
    expect(empty.shouldRun).toBe(false);
    expect(group(empty, 'affinity').checks[0]?.skipped).toMatch(/empty term/);
    const broken = verdict(
      ds(affinity(expr('cores', 'Gt', ['four']), expr('a', 'Exists'))),
      node('n', { a: '1' }),
    );
    expect(broken.shouldRun).toBe(true);
    expect(group(broken, 'affinity').checks[0]?.skipped).toBe('parse error');
  });

  it('nodeSelector and affinity are ANDed; both failures are named', () => {
    const v = verdict(
      ds({ nodeSelector: { disk: 'ssd' }, ...affinity(expr('zone', 'In', ['a'])) }),
      node('n', { zone: 'c' }),
    );
    expect(v.summary).toBe(
      'nodeSelector disk=ssd: node has no label disk; node affinity: no term matched (term 1: zone In [a]: node has zone=c)',
    );
  });
});

const T = (key: string, effect: string, value?: string): Taint => ({
  key,
  effect,
  ...(value ? { value } : {}),
});

describe('taints and tolerations', () => {
  it.each<[string, Taint, Toleration[], boolean, boolean, string]>([
    [
      'NoSchedule, no toleration',
      T('dedicated', 'NoSchedule', 'gpu'),
      [],
      false,
      true,
      'taint dedicated=gpu:NoSchedule not tolerated',
    ],
    [
      'NoExecute, no toleration',
      T('dedicated', 'NoExecute', 'gpu'),
      [],
      false,
      false,
      'taint dedicated=gpu:NoExecute not tolerated',
    ],
    ['PreferNoSchedule is ignored', T('dedicated', 'PreferNoSchedule', 'gpu'), [], true, true, 'runs'],
    [
      'Equal with the same value',
      T('dedicated', 'NoSchedule', 'gpu'),
      [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }],
      true,
      true,
      'runs',
    ],
    [
      'Equal with another value',
      T('dedicated', 'NoSchedule', 'gpu'),
      [{ key: 'dedicated', operator: 'Equal', value: 'cpu', effect: 'NoSchedule' }],
      false,
      true,
      'taint dedicated=gpu:NoSchedule not tolerated',
    ],
    [
      'empty operator means Equal',
      T('dedicated', 'NoExecute', 'gpu'),
      [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }],
      true,
      true,
      'runs',
    ],
    [
      'Exists on the key',
      T('dedicated', 'NoExecute', 'gpu'),
      [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }],
      true,
      true,
      'runs',
    ],
    [
      'Exists with another effect',
      T('dedicated', 'NoExecute', 'gpu'),
      [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }],
      false,
      false,
      'taint dedicated=gpu:NoExecute not tolerated',
    ],
    [
      'effect-less toleration tolerates every effect',
      T('dedicated', 'NoExecute', 'gpu'),
      [{ key: 'dedicated', operator: 'Exists' }],
      true,
      true,
      'runs',
    ],
    [
      'empty key + Exists tolerates all',
      T('anything', 'NoExecute', 'x'),
      [{ operator: 'Exists' }],
      true,
      true,
      'runs',
    ],
    [
      'tolerationSeconds still tolerates',
      T('dedicated', 'NoExecute'),
      [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }],
      true,
      true,
      'runs',
    ],
  ])('%s', (_what, taint, tolerations, run, stay, summary) => {
    const v = verdict(ds({ tolerations }), node('n', {}, [taint]));
    expect([v.shouldRun, v.shouldContinueRunning, v.summary]).toEqual([run, stay, summary]);
    const g: TaintsCheckGroup = group(v, 'taints');
    const c = g.checks[0]!;
    expect(c.considered).toBe(taint.effect !== 'PreferNoSchedule');
    expect(c.ok).toBe(run);
    expect(c.consequence).toBe(run ? 'none' : stay ? 'noNewPod' : 'evict');
    // Every toleration is checked against the taint; the user's come first and are not automatic.
    expect(c.tolerations.length).toBe(tolerations.length + 6);
    expect(c.tolerations.slice(0, tolerations.length).every((t) => !t.auto)).toBe(true);
  });

  it('names why each toleration does not tolerate', () => {
    const v = verdict(
      ds({
        tolerations: [
          { key: 'dedicated', operator: 'Equal', value: 'cpu' },
          { key: 'other', operator: 'Exists' },
          { key: 'dedicated', operator: 'Exists', effect: 'NoExecute' },
        ],
      }),
      node('n', {}, [T('dedicated', 'NoSchedule', 'gpu')]),
    );
    expect(
      group(v, 'taints')
        .checks[0]?.tolerations.slice(0, 3)
        .map((t) => t.mismatch),
    ).toEqual(['value', 'key', 'effect']);
  });

  it('the controller picks the NoExecute taint as decisive, and the summary lists it first', () => {
    const v = verdict(ds(), node('n', {}, [T('a', 'NoSchedule'), T('b', 'NoExecute')]));
    expect([v.shouldRun, v.shouldContinueRunning]).toEqual([false, false]);
    expect(v.summary).toBe('taints b:NoExecute, a:NoSchedule not tolerated');
  });

  it('flags the automatic tolerations (F1), network-unavailable only with hostNetwork', () => {
    const plain = verdict(ds({ tolerations: [{ key: 'x', operator: 'Exists' }] }), node('n'));
    expect(group(plain, 'taints').tolerations.map((t) => [t.text, t.auto])).toEqual([
      ['x:*', false],
      ['node.kubernetes.io/not-ready:NoExecute', true],
      ['node.kubernetes.io/unreachable:NoExecute', true],
      ['node.kubernetes.io/disk-pressure:NoSchedule', true],
      ['node.kubernetes.io/memory-pressure:NoSchedule', true],
      ['node.kubernetes.io/pid-pressure:NoSchedule', true],
      ['node.kubernetes.io/unschedulable:NoSchedule', true],
    ]);
    const host = verdict(
      ds({ hostNetwork: true }),
      node('n', {}, [T('node.kubernetes.io/network-unavailable', 'NoSchedule')]),
    );
    expect(host.shouldRun).toBe(true);
    const c = group(host, 'taints').checks[0]!;
    expect(c.text).toBe(
      'taint node.kubernetes.io/network-unavailable:NoSchedule tolerated by node.kubernetes.io/network-unavailable:NoSchedule (added automatically)',
    );
    expect(c.tolerations.filter((t) => t.tolerates).map((t) => t.auto)).toEqual([true]);
    const noHost = verdict(ds(), node('n', {}, [T('node.kubernetes.io/network-unavailable', 'NoSchedule')]));
    expect(noHost.shouldRun).toBe(false);
  });

  it('F2: a user toleration rewritten by the controller counts as automatic; an identical one does not', () => {
    const v = verdict(
      ds({
        tolerations: [
          {
            key: 'node.kubernetes.io/not-ready',
            operator: 'Exists',
            effect: 'NoExecute',
            tolerationSeconds: 5,
          },
          { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
        ],
      }),
      node('n'),
    );
    expect(
      group(v, 'taints')
        .tolerations.slice(0, 3)
        .map((t) => [t.text, t.auto]),
    ).toEqual([
      ['node.kubernetes.io/not-ready:NoExecute', true],
      ['node.kubernetes.io/unreachable:NoExecute', false],
      ['node.kubernetes.io/disk-pressure:NoSchedule', true],
    ]);
  });

  it('cordoned and NotReady nodes: automatic tolerations vs the lifecycle NoSchedule taints (E9, E10)', () => {
    const cordoned = verdict(ds(), node('n', {}, [T('node.kubernetes.io/unschedulable', 'NoSchedule')]));
    expect(cordoned.shouldRun).toBe(true);
    const notReady = verdict(ds(), node('n', {}, [T('node.kubernetes.io/not-ready', 'NoSchedule')]));
    expect([notReady.shouldRun, notReady.shouldContinueRunning, notReady.summary]).toEqual([
      false,
      true,
      'taint node.kubernetes.io/not-ready:NoSchedule not tolerated',
    ]);
  });
});

describe('template nodeName', () => {
  it.each([
    ['node-a', 'node-a', true, 'runs', 'nodeName is node-a (this node)'],
    ['node-a', 'node-b', false, 'nodeName is node-a', 'nodeName is node-a'],
  ])('nodeName %s on %s', (templateNode, nodeName, run, summary, text) => {
    const v = verdict(ds({ nodeName: templateNode }), node(nodeName));
    expect([v.shouldRun, v.shouldContinueRunning, v.summary]).toEqual([run, run, summary]);
    expect(group(v, 'nodeName').text).toBe(text);
  });

  it('every check is evaluated, even after the first failure', () => {
    const v = verdict(
      ds({ nodeName: 'elsewhere', nodeSelector: { a: 'b' } }),
      node('n', {}, [T('x', 'NoExecute')]),
    );
    expect(v.summary).toBe('nodeName is elsewhere');
    expect(v.checks.map((g) => [g.kind, g.ok])).toEqual([
      ['nodeName', false],
      ['nodeSelector', false],
      ['affinity', true],
      ['taints', false],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// One code path: the checks never contradict the verdict the predicate returned.

const LABELS = ['a', 'b', 'c'];
const VALUES = ['1', '2', '5', 'x', ''];
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const taintArb = fc.record({
  key: fc.constantFrom(...LABELS, 'node.kubernetes.io/not-ready'),
  value: fc.constantFrom(...VALUES),
  effect: fc.constantFrom(...EFFECTS),
});
const tolArb = fc.record(
  {
    key: fc.constantFrom(...LABELS, ''),
    operator: fc.constantFrom('Equal', 'Exists', '', 'Gt'),
    value: fc.constantFrom(...VALUES),
    effect: fc.constantFrom(...EFFECTS, ''),
  },
  { requiredKeys: [] },
);
const reqArb = fc.record({
  key: fc.constantFrom(...LABELS),
  operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'),
  values: fc.array(fc.constantFrom(...VALUES.filter((v) => v !== '')), { maxLength: 2 }),
});

it('property: the explanation agrees with the predicate on random templates and nodes', () => {
  fc.assert(
    fc.property(
      fc.dictionary(fc.constantFrom(...LABELS), fc.constantFrom(...VALUES), { maxKeys: 3 }),
      fc.array(taintArb, { maxLength: 3 }),
      fc.option(fc.dictionary(fc.constantFrom(...LABELS), fc.constantFrom(...VALUES), { maxKeys: 2 }), {
        nil: undefined,
      }),
      fc.option(
        fc.array(fc.record({ matchExpressions: fc.array(reqArb, { maxLength: 2 }) }), { maxLength: 2 }),
        { nil: undefined },
      ),
      fc.array(tolArb, { maxLength: 3 }),
      fc.option(fc.constantFrom('n', 'm'), { nil: undefined }),
      (labels, taints, nodeSelector, terms, tolerations, nodeName) => {
        const spec: Partial<PodSpec> = { tolerations };
        if (nodeSelector) spec.nodeSelector = nodeSelector;
        if (terms) Object.assign(spec, affinity(...terms));
        if (nodeName) spec.nodeName = nodeName;
        const d = ds(spec);
        const n = node('n', labels, taints);
        const info = templateInfo(d);
        const decision = nodeShouldRunDaemonPod(info, n);
        const v = describeDecision('default/agent', explainNodeShouldRunDaemonPod(info, n));
        const ok = (k: CheckGroup['kind']) => v.checks.find((g) => g.kind === k)!.ok;
        const taintChecks = (v.checks[3] as TaintsCheckGroup).checks;
        // The verdict, re-derived from the checks alone, is the predicate's.
        const placed = ok('nodeName') && ok('nodeSelector') && ok('affinity');
        expect(v.shouldRun).toBe(decision.shouldRun);
        expect(v.shouldContinueRunning).toBe(decision.shouldContinueRunning);
        expect(decision.shouldRun).toBe(placed && ok('taints'));
        expect(decision.shouldContinueRunning).toBe(
          placed && !taintChecks.some((t) => t.consequence === 'evict'),
        );
        expect(v.summary === 'runs').toBe(decision.shouldRun);
        expect(v.summary).not.toBe("node affinity/selector didn't match");
      },
    ),
    { seed: 42, numRuns: 3000 },
  );
});

// ---------------------------------------------------------------------------------------------
// In a simulation: the controller's cache, pods, the scheduler.

function simWith(...objects: Array<Node | DaemonSet>) {
  const sim = createSimulation({ seed: 3 });
  for (const o of objects) {
    const r = sim.apply(o);
    if (!r.ok) throw new Error(r.error.message);
  }
  sim.advance(10);
  return sim;
}

const withStatus = (n: Node, cpu = '4', pods = '110'): Node => ({
  ...n,
  status: {
    allocatable: { cpu, memory: '8Gi', pods },
    capacity: { cpu, memory: '8Gi', pods },
    conditions: [{ type: 'Ready', status: 'True' }],
  },
});

describe('in a simulation', () => {
  it('DESIRED, excluded nodes grouped by reason, misscheduled pods', () => {
    const sim = simWith(
      node('node-a', { disk: 'ssd' }),
      node('node-b', { disk: 'ssd' }),
      node('node-c', { disk: 'hdd' }),
      node('node-d'),
      ds({ nodeSelector: { disk: 'ssd' } }),
    );
    // A NoSchedule taint on a node already running a pod: the pod stays, and is misscheduled.
    sim.apply(node('node-b', { disk: 'ssd' }, [T('dedicated', 'NoSchedule', 'gpu')]));
    sim.advance(5);
    const e = explainDaemonSet(sim, 'default', 'agent')!;
    expect(e.desired).toBe(1);
    expect(e.desired).toBe(sim.api.get('DaemonSet', 'default', 'agent')?.status?.desiredNumberScheduled);
    expect(e.verdicts.map((v) => [v.node, v.summary])).toEqual([
      ['node-a', 'runs'],
      ['node-b', 'taint dedicated=gpu:NoSchedule not tolerated'],
      ['node-c', 'nodeSelector disk=ssd: node has disk=hdd'],
      ['node-d', 'nodeSelector disk=ssd: node has no label disk'],
    ]);
    expect(e.excluded).toEqual([
      { reason: 'nodeSelector disk=ssd: node has disk=hdd', nodes: ['node-c'] },
      { reason: 'nodeSelector disk=ssd: node has no label disk', nodes: ['node-d'] },
      { reason: 'taint dedicated=gpu:NoSchedule not tolerated', nodes: ['node-b'] },
    ]);
    expect(e.misscheduled).toHaveLength(1);
    expect(e.misscheduled[0]).toMatchObject({ node: 'node-b', mayStay: true });
    expect(sim.api.get('DaemonSet', 'default', 'agent')?.status?.numberMisscheduled).toBe(1);
    expect(explainDaemonSet(sim, 'default', 'nope')).toBeUndefined();
  });

  it('explainNodeForDaemonSets: every DaemonSet for one node', () => {
    const sim = simWith(
      node('node-a', { disk: 'ssd' }),
      ds({}, 'b-agent'),
      ds({ nodeSelector: { disk: 'hdd' } }, 'a-agent'),
    );
    const vs = explainNodeForDaemonSets(sim, 'node-a');
    expect(vs.map((v) => [v.daemonSet, v.shouldRun, v.pods.length])).toEqual([
      ['default/a-agent', false, 0],
      ['default/b-agent', true, 1],
    ]);
    expect(explainNodeForDaemonSets(sim, 'nope')).toEqual([]);
  });

  it('an unschedulable pod: Insufficient cpu, filter by filter, with the exact PodScheduled message', () => {
    const sim = simWith(
      withStatus(node('node-a'), '1'),
      withStatus(node('node-b'), '4'),
      ds({ containers: [{ name: 'a', image: 'pause', resources: { requests: { cpu: '2' } } }] }),
    );
    const e = explainDaemonSet(sim, 'default', 'agent')!;
    const a = e.verdicts[0]!;
    expect(a.shouldRun).toBe(true);
    const s = a.scheduler!;
    expect(s.targetNode).toBe('node-a');
    expect(s.filters.map((f) => [f.plugin, f.ok])).toEqual([
      ['NodeUnschedulable', true],
      ['NodeName', true],
      ['TaintToleration', true],
      ['NodeAffinity', true],
      ['NodePorts', true],
      ['NodeResourcesFit', false],
    ]);
    const fit = s.filters[5]!;
    expect(fit.reasons).toEqual(['Insufficient cpu']);
    expect(fit.resources?.find((r) => r.resource === 'cpu')).toMatchObject({
      requested: 2000,
      capacity: 1000,
      used: 0,
      ok: false,
    });
    expect(s.summary).toBe(
      'NodeResourcesFit: Insufficient cpu (requested 2, allocatable 1, already requested 0)',
    );
    expect(s.lastAttempt).toEqual({
      plugin: 'NodeResourcesFit',
      code: 'Unschedulable',
      reasons: ['Insufficient cpu'],
    });
    const pod = sim.api.get('Pod', 'default', s.pod)!;
    const cond = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    expect(s.condition?.message).toBe(cond?.message);
    expect(s.condition?.message).toBe(
      "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.",
    );
    expect(e.verdicts[1]!.scheduler).toBeUndefined();
  });

  it('an unschedulable pod: hostPort conflict names the pod holding the port', () => {
    const ported = (name: string) =>
      ds(
        { containers: [{ name: 'a', image: 'pause', ports: [{ containerPort: 9100, hostPort: 9100 }] }] },
        name,
      );
    const sim = simWith(withStatus(node('node-a')), ported('first'), ported('second'));
    const v = explainNodeForDaemonSets(sim, 'node-a');
    const first = v.find((x) => x.daemonSet === 'default/first')!;
    const second = v.find((x) => x.daemonSet === 'default/second')!;
    const [holder, blocked] = first.scheduler ? [second, first] : [first, second];
    const s = blocked.scheduler!;
    const ports = s.filters.find((f) => f.plugin === 'NodePorts')!;
    expect(ports.ok).toBe(false);
    expect(ports.reasons).toEqual(["node(s) didn't have free ports for the requested pod ports"]);
    expect(ports.ports).toEqual([
      { wanted: '0.0.0.0:9100/TCP', usedBy: `default/${holder.pods[0]!.name}`, used: '0.0.0.0:9100/TCP' },
    ]);
    expect(s.summary).toBe(
      `NodePorts: host port 0.0.0.0:9100/TCP is used by pod default/${holder.pods[0]!.name}`,
    );
    expect(s.condition?.message).toMatch(/^0\/1 nodes are available: 1 node\(s\) didn't have free ports/);
  });

  it('explanations read the controller cache and leave it untouched', () => {
    const sim = simWith(node('node-a'), ds());
    const d = sim.api.get('DaemonSet', 'default', 'agent')!;
    const n = sim.api.get('Node', undefined, 'node-a')!;
    const before = sim.daemonSets.decisions.decide(d, n);
    explainDaemonSet(sim, 'default', 'agent');
    expect(sim.daemonSets.decisions.decide(d, n)).toBe(before);
  });
});

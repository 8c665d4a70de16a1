import { describe, expect, it } from 'vitest';
import type {
  Affinity,
  Node,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  Pod,
  PodSpec,
} from '../api/types.ts';
import {
  compileNodeSelector,
  compileRequiredNodeAffinity,
  getTargetNodeName,
  replaceDaemonSetPodNodeNameNodeAffinity,
} from './nodeAffinity.ts';

const node = (name: string, labels: Record<string, string> = {}): Node => ({ metadata: { name, labels } });
const spec = (extra: Partial<PodSpec>): PodSpec => ({ containers: [{ name: 'c' }], ...extra });
const required = (...terms: NodeSelectorTerm[]): PodSpec =>
  spec({
    affinity: {
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } },
    },
  });
const expr = (key: string, operator: string, values?: string[]): NodeSelectorRequirement =>
  values === undefined ? { key, operator } : { key, operator, values };

describe('nodeSelector (E3, D5)', () => {
  const cases: Array<{
    name: string;
    nodeSelector: Record<string, string> | undefined;
    labels: Record<string, string>;
    want: boolean;
  }> = [
    { name: 'no nodeSelector matches every node', nodeSelector: undefined, labels: {}, want: true },
    { name: 'empty nodeSelector matches every node', nodeSelector: {}, labels: {}, want: true },
    { name: 'single key equal', nodeSelector: { disk: 'ssd' }, labels: { disk: 'ssd' }, want: true },
    { name: 'single key different', nodeSelector: { disk: 'ssd' }, labels: { disk: 'hdd' }, want: false },
    { name: 'single key missing', nodeSelector: { disk: 'ssd' }, labels: {}, want: false },
    {
      name: 'all keys must match (AND)',
      nodeSelector: { disk: 'ssd', zone: 'z1' },
      labels: { disk: 'ssd', zone: 'z2' },
      want: false,
    },
    {
      name: 'all keys match',
      nodeSelector: { disk: 'ssd', zone: 'z1' },
      labels: { disk: 'ssd', zone: 'z1', x: 'y' },
      want: true,
    },
  ];
  it.each(cases)('$name', ({ nodeSelector, labels, want }) => {
    const s = nodeSelector === undefined ? spec({}) : spec({ nodeSelector });
    expect(compileRequiredNodeAffinity(s).matches(node('n1', labels))).toBe(want);
  });

  it('explains key by key (sorted by key)', () => {
    const a = compileRequiredNodeAffinity(spec({ nodeSelector: { zone: 'z1', disk: 'ssd' } }));
    const e = a.explain(node('n1', { disk: 'hdd' }));
    expect(e).toEqual({
      ok: false,
      nodeSelectorOk: false,
      nodeSelector: [
        { key: 'disk', expected: 'ssd', actual: 'hdd', ok: false },
        { key: 'zone', expected: 'z1', actual: undefined, ok: false },
      ],
      requiredAffinity: undefined,
    });
  });
});

describe('required node affinity: operators (D4, D6)', () => {
  const cases: Array<{
    name: string;
    e: NodeSelectorRequirement;
    labels: Record<string, string>;
    want: boolean;
  }> = [
    { name: 'In hit', e: expr('zone', 'In', ['z1', 'z2']), labels: { zone: 'z2' }, want: true },
    { name: 'In miss', e: expr('zone', 'In', ['z1', 'z2']), labels: { zone: 'z3' }, want: false },
    { name: 'In missing key', e: expr('zone', 'In', ['z1']), labels: {}, want: false },
    { name: 'NotIn hit', e: expr('zone', 'NotIn', ['z1']), labels: { zone: 'z1' }, want: false },
    { name: 'NotIn other', e: expr('zone', 'NotIn', ['z1']), labels: { zone: 'z2' }, want: true },
    { name: 'NotIn missing key is TRUE', e: expr('zone', 'NotIn', ['z1']), labels: {}, want: true },
    { name: 'Exists present', e: expr('gpu', 'Exists'), labels: { gpu: '' }, want: true },
    { name: 'Exists absent', e: expr('gpu', 'Exists'), labels: {}, want: false },
    { name: 'DoesNotExist absent', e: expr('gpu', 'DoesNotExist'), labels: {}, want: true },
    { name: 'DoesNotExist present', e: expr('gpu', 'DoesNotExist'), labels: { gpu: 'x' }, want: false },
    { name: 'Gt greater', e: expr('cores', 'Gt', ['4']), labels: { cores: '8' }, want: true },
    { name: 'Gt equal', e: expr('cores', 'Gt', ['4']), labels: { cores: '4' }, want: false },
    { name: 'Gt non-integer label', e: expr('cores', 'Gt', ['4']), labels: { cores: 'eight' }, want: false },
    { name: 'Gt decimal label', e: expr('cores', 'Gt', ['4']), labels: { cores: '8.5' }, want: false },
    { name: 'Gt missing key', e: expr('cores', 'Gt', ['4']), labels: {}, want: false },
    { name: 'Lt smaller', e: expr('cores', 'Lt', ['4']), labels: { cores: '2' }, want: true },
    { name: 'Lt equal', e: expr('cores', 'Lt', ['4']), labels: { cores: '4' }, want: false },
    { name: 'Lt non-integer label', e: expr('cores', 'Lt', ['4']), labels: { cores: '2x' }, want: false },
    {
      name: 'Gt non-integer value: parse error, never matches',
      e: expr('cores', 'Gt', ['four']),
      labels: { cores: '8' },
      want: false,
    },
    {
      name: 'Lt with two values: parse error',
      e: expr('cores', 'Lt', ['4', '5']),
      labels: { cores: '1' },
      want: false,
    },
    {
      name: 'In without values: parse error',
      e: expr('zone', 'In', []),
      labels: { zone: 'z1' },
      want: false,
    },
    {
      name: 'Exists with values: parse error',
      e: expr('zone', 'Exists', ['z1']),
      labels: { zone: 'z1' },
      want: false,
    },
    {
      name: 'unknown operator: parse error',
      e: expr('zone', 'Equals', ['z1']),
      labels: { zone: 'z1' },
      want: false,
    },
    { name: 'invalid key: parse error', e: expr('bad key', 'DoesNotExist'), labels: {}, want: false },
  ];
  it.each(cases)('$name', ({ e, labels, want }) => {
    const a = compileRequiredNodeAffinity(required({ matchExpressions: [e] }));
    expect(a.matches(node('n1', labels))).toBe(want);
    // explain agrees with matches
    expect(a.explain(node('n1', labels)).ok).toBe(want);
  });
});

describe('required node affinity: terms and fields (E4)', () => {
  const zoneIn = (v: string): NodeSelectorTerm => ({ matchExpressions: [expr('zone', 'In', [v])] });
  const cases: Array<{ name: string; s: PodSpec; n: Node; want: boolean }> = [
    {
      name: 'terms are ORed (second matches)',
      s: required(zoneIn('z1'), zoneIn('z2')),
      n: node('a', { zone: 'z2' }),
      want: true,
    },
    {
      name: 'terms are ORed (none matches)',
      s: required(zoneIn('z1'), zoneIn('z2')),
      n: node('a', { zone: 'z3' }),
      want: false,
    },
    {
      name: 'expressions within a term are ANDed',
      s: required({ matchExpressions: [expr('zone', 'In', ['z1']), expr('disk', 'In', ['ssd'])] }),
      n: node('a', { zone: 'z1', disk: 'hdd' }),
      want: false,
    },
    { name: 'empty term matches nothing', s: required({}), n: node('a', { zone: 'z1' }), want: false },
    {
      name: 'empty lists term matches nothing',
      s: required({ matchExpressions: [], matchFields: [] }),
      n: node('a'),
      want: false,
    },
    {
      name: 'empty term is skipped, other term can match',
      s: required({}, zoneIn('z1')),
      n: node('a', { zone: 'z1' }),
      want: true,
    },
    { name: 'no terms matches nothing', s: required(), n: node('a'), want: false },
    {
      name: 'required without nodeSelectorTerms matches nothing',
      s: spec({
        affinity: {
          nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } },
        },
      }),
      n: node('a'),
      want: false,
    },
    {
      name: 'affinity without required part matches everything',
      s: spec({ affinity: { nodeAffinity: {} } }),
      n: node('a'),
      want: true,
    },
    {
      name: 'erroneous term is skipped, other term matches',
      s: required({ matchExpressions: [expr('cores', 'Gt', ['x'])] }, zoneIn('z1')),
      n: node('a', { zone: 'z1', cores: '9' }),
      want: true,
    },
    {
      name: 'one bad expression poisons its whole term',
      s: required({ matchExpressions: [zoneIn('z1').matchExpressions![0]!, expr('x', 'Bogus')] }),
      n: node('a', { zone: 'z1' }),
      want: false,
    },
    {
      name: 'matchFields metadata.name In hit',
      s: required({ matchFields: [expr('metadata.name', 'In', ['a'])] }),
      n: node('a'),
      want: true,
    },
    {
      name: 'matchFields metadata.name In miss',
      s: required({ matchFields: [expr('metadata.name', 'In', ['b'])] }),
      n: node('a'),
      want: false,
    },
    {
      name: 'matchFields metadata.name NotIn',
      s: required({ matchFields: [expr('metadata.name', 'NotIn', ['b'])] }),
      n: node('a'),
      want: true,
    },
    {
      name: 'matchFields NotIn self',
      s: required({ matchFields: [expr('metadata.name', 'NotIn', ['a'])] }),
      n: node('a'),
      want: false,
    },
    {
      name: 'matchFields In with two values: parse error',
      s: required({ matchFields: [expr('metadata.name', 'In', ['a', 'b'])] }),
      n: node('a'),
      want: false,
    },
    {
      name: 'matchFields Exists: unsupported',
      s: required({ matchFields: [expr('metadata.name', 'Exists')] }),
      n: node('a'),
      want: false,
    },
    {
      name: 'matchFields other field is "" (In never matches a non-empty value)',
      s: required({ matchFields: [expr('metadata.uid', 'In', ['a'])] }),
      n: node('a'),
      want: false,
    },
    {
      name: 'fields and expressions ANDed in a term',
      s: required({
        matchExpressions: [expr('zone', 'In', ['z1'])],
        matchFields: [expr('metadata.name', 'In', ['a'])],
      }),
      n: node('a', { zone: 'z2' }),
      want: false,
    },
    {
      name: 'nodeSelector AND affinity (affinity ok, selector not)',
      s: { ...required(zoneIn('z1')), nodeSelector: { disk: 'ssd' } },
      n: node('a', { zone: 'z1' }),
      want: false,
    },
    {
      name: 'nodeSelector AND affinity (both ok)',
      s: { ...required(zoneIn('z1')), nodeSelector: { disk: 'ssd' } },
      n: node('a', { zone: 'z1', disk: 'ssd' }),
      want: true,
    },
  ];
  it.each(cases)('$name', ({ s, n, want }) => {
    const a = compileRequiredNodeAffinity(s);
    expect(a.matches(n)).toBe(want);
    expect(a.explain(n).ok).toBe(want);
  });

  it('explain shows each term, expression and field', () => {
    const a = compileRequiredNodeAffinity(
      required(
        {},
        { matchExpressions: [expr('cores', 'Gt', ['x']), expr('zone', 'In', ['z1'])] },
        {
          matchExpressions: [expr('zone', 'NotIn', ['z1']), expr('gpu', 'Exists')],
          matchFields: [expr('metadata.name', 'In', ['n1'])],
        },
      ),
    );
    const e = a.explain(node('n1', { zone: 'z2' }));
    expect(e.ok).toBe(false);
    expect(e.requiredAffinity).toEqual({
      ok: false,
      terms: [
        {
          index: 0,
          ok: false,
          skippedReason: 'empty term (no matchExpressions or matchFields) matches nothing',
          errors: [],
          expressions: [],
          fields: [],
        },
        {
          index: 1,
          ok: false,
          skippedReason: 'parse error',
          errors: [
            `nodeSelectorTerms[1].matchExpressions[0].values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer`,
          ],
          expressions: [
            {
              key: 'cores',
              operator: 'Gt',
              values: ['x'],
              actual: undefined,
              ok: false,
              error: `nodeSelectorTerms[1].matchExpressions[0].values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer`,
            },
            { key: 'zone', operator: 'In', values: ['z1'], actual: 'z2', ok: false },
          ],
          fields: [],
        },
        {
          index: 2,
          ok: false,
          errors: [],
          expressions: [
            { key: 'zone', operator: 'NotIn', values: ['z1'], actual: 'z2', ok: true },
            { key: 'gpu', operator: 'Exists', values: [], actual: undefined, ok: false },
          ],
          fields: [{ key: 'metadata.name', operator: 'In', values: ['n1'], actual: 'n1', ok: true }],
        },
      ],
    });
  });

  it('reports unsupported operators with the upstream wording', () => {
    const ns = compileNodeSelector({
      nodeSelectorTerms: [
        {
          matchExpressions: [expr('a', 'Equals', ['b'])],
          matchFields: [expr('metadata.name', 'In', ['a', 'b'])],
        },
      ],
    });
    expect(ns.terms[0]?.errors).toEqual([
      'nodeSelectorTerms[0].matchExpressions[0].operator: Unsupported value: "Equals": supported values: "In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"',
      'nodeSelectorTerms[0].matchFields[0].values: Invalid value: ["a","b"]: must have one element',
    ]);
    expect(ns.error).toContain('must have one element');
  });

  it('compiles once and matches many nodes', () => {
    const a = compileRequiredNodeAffinity(required({ matchExpressions: [expr('idx', 'Lt', ['500'])] }));
    let n = 0;
    for (let i = 0; i < 1000; i++) if (a.matches(node(`n${i}`, { idx: String(i) }))) n++;
    expect(n).toBe(500);
  });
});

describe('getTargetNodeName (F5)', () => {
  const withAffinity = (affinity: Affinity | undefined, nodeName?: string): Pod => ({
    metadata: { name: 'p' },
    spec: {
      containers: [],
      ...(affinity ? { affinity } : {}),
      ...(nodeName !== undefined ? { nodeName } : {}),
    },
  });
  const fieldsTerm = (...fields: NodeSelectorRequirement[]): Affinity => ({
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: fields }] },
    },
  });
  const cases: Array<{ name: string; pod: Pod; want: string | undefined }> = [
    {
      name: 'spec.nodeName wins',
      pod: withAffinity(fieldsTerm(expr('metadata.name', 'In', ['b'])), 'a'),
      want: 'a',
    },
    {
      name: 'from matchFields',
      pod: withAffinity(fieldsTerm(expr('metadata.name', 'In', ['b']))),
      want: 'b',
    },
    {
      name: 'empty nodeName falls through',
      pod: withAffinity(fieldsTerm(expr('metadata.name', 'In', ['b'])), ''),
      want: 'b',
    },
    { name: 'no affinity', pod: withAffinity(undefined), want: undefined },
    {
      name: 'NotIn does not count',
      pod: withAffinity(fieldsTerm(expr('metadata.name', 'NotIn', ['b']))),
      want: undefined,
    },
    {
      name: 'first In with two values: error → undefined',
      pod: withAffinity(fieldsTerm(expr('metadata.name', 'In', ['a', 'b']))),
      want: undefined,
    },
    {
      name: 'first In across terms',
      pod: withAffinity({
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchExpressions: [expr('zone', 'In', ['z'])] },
              { matchFields: [expr('metadata.name', 'In', ['c'])] },
            ],
          },
        },
      }),
      want: 'c',
    },
    { name: 'no spec', pod: { metadata: { name: 'p' } }, want: undefined },
  ];
  it.each(cases)('$name', ({ pod, want }) => {
    expect(getTargetNodeName(pod)).toBe(want);
  });
});

describe('replaceDaemonSetPodNodeNameNodeAffinity (F4)', () => {
  const injected = (n: string) => ({
    nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [n] }] }],
  });
  const preferred = [
    { weight: 10, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } },
  ];
  const cases: Array<{ name: string; input: Affinity | undefined; want: Affinity }> = [
    {
      name: 'no affinity',
      input: undefined,
      want: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: injected('n1') } },
    },
    {
      name: 'affinity without nodeAffinity keeps podAntiAffinity',
      input: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'k' }] } },
      want: {
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: injected('n1') },
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'k' }] },
      },
    },
    {
      name: 'nodeAffinity with only preferred',
      input: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: preferred } },
      want: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: injected('n1'),
          preferredDuringSchedulingIgnoredDuringExecution: preferred,
        },
      },
    },
    {
      name: 'required terms replaced, preferred kept',
      input: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: preferred,
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'zone', operator: 'In', values: ['z1', 'z2'] }] },
              {},
            ],
          },
        },
        podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] },
      },
      want: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: injected('n1'),
          preferredDuringSchedulingIgnoredDuringExecution: preferred,
        },
        podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] },
      },
    },
  ];
  it.each(cases)('$name', ({ input, want }) => {
    const before = JSON.stringify(input);
    const out = replaceDaemonSetPodNodeNameNodeAffinity(input, 'n1');
    // Key order matters (conformance 31 compares serialized objects).
    expect(JSON.stringify(out)).toBe(JSON.stringify(want));
    expect(JSON.stringify(input)).toBe(before); // input untouched
    if (input?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution) {
      expect(out.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution).not.toBe(
        input.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution,
      );
    }
  });

  it('the injected affinity selects exactly its node and is found by getTargetNodeName', () => {
    const affinity = replaceDaemonSetPodNodeNameNodeAffinity(undefined, 'node-b');
    const a = compileRequiredNodeAffinity(spec({ affinity }));
    expect(['node-a', 'node-b', 'node-c'].filter((n) => a.matches(node(n)))).toEqual(['node-b']);
    expect(getTargetNodeName({ spec: { containers: [], affinity } })).toBe('node-b');
  });
});

describe('compileNodeSelector: the injected metadata.name term, compiled once per node name', () => {
  const byName = (...values: string[]) => ({
    nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values }] }],
  });

  it('gives one selector per name, matching that node only, and the same answers as a fresh compile', () => {
    const a = compileNodeSelector(byName('node-a'));
    expect(compileNodeSelector(byName('node-a'))).toBe(a);
    expect(compileNodeSelector(byName('node-b'))).not.toBe(a);
    expect(a.matches(node('node-a'))).toBe(true);
    expect(a.matches(node('node-b'))).toBe(false);
    expect(a.error).toBeUndefined();
    // The same term with an extra (empty) matchExpressions list takes the ordinary path.
    const plain = compileNodeSelector({
      nodeSelectorTerms: [
        { matchExpressions: [], matchFields: byName('node-a').nodeSelectorTerms[0]!.matchFields },
      ],
    });
    expect(plain).not.toBe(a);
    expect(plain.terms).toEqual(a.terms);
  });

  it('leaves any other shape to the ordinary compile, errors included', () => {
    const two = compileNodeSelector(byName('node-a', 'node-b'));
    expect(two.error).toContain('nodeSelectorTerms[0].matchFields[0].values');
    expect(two.matches(node('node-a'))).toBe(false);
    const notIn = compileNodeSelector({
      nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['node-a'] }] }],
    });
    expect(notIn.matches(node('node-a'))).toBe(false);
    expect(notIn.matches(node('node-b'))).toBe(true);
    // A different base path is never served from the cache (its errors would name another field).
    expect(compileNodeSelector(byName('node-a'), 'spec.x')).not.toBe(compileNodeSelector(byName('node-a')));
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { formatScenarioError, parseScenario, scenarioRegExp } from './parse.ts';
import type { Scenario } from './types.ts';

const CONFORMANCE_DIR = join(import.meta.dirname, '../../../../shared/conformance');
const conformanceFiles = readdirSync(CONFORMANCE_DIR)
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .sort();

function parseOk(text: string, file = 'test.yaml'): Scenario {
  const r = parseScenario(text, file);
  if (!r.ok) throw new Error(`expected ${file} to parse, got ${formatScenarioError(r.error)}`);
  return r.scenario;
}

function parseErr(text: string, file = 'test.yaml'): string {
  const r = parseScenario(text, file);
  if (r.ok) throw new Error(`expected ${file} to be refused, but it parsed`);
  return formatScenarioError(r.error);
}

describe('conformance scenarios', () => {
  it('finds the suite', () => {
    expect(conformanceFiles.length).toBeGreaterThan(50);
  });

  it.each(conformanceFiles)('%s parses, objects and applies kept as written', (file) => {
    const text = readFileSync(join(CONFORMANCE_DIR, file), 'utf8');
    const s = parseOk(text, file);
    const plain = parseYaml(text) as {
      name: string;
      objects: unknown[];
      steps?: Array<Record<string, unknown>>;
    };
    expect(s.name).toBe(plain.name);
    expect(s.objects).toEqual(plain.objects);
    expect(s.objectLocations.map((l) => l.at)).toEqual(plain.objects.map((_, i) => `objects[${i}]`));
    expect(s.steps.length).toBe(plain.steps?.length ?? 0);
    s.steps.forEach((step, i) => {
      expect(step.at).toBe(`steps[${i}]`);
      if (step.type === 'apply') expect(step.apply).toEqual(plain.steps?.[i]?.apply);
    });
    // Every location points at the first key of what it locates.
    const lines = text.split('\n');
    for (const l of [...s.objectLocations, ...s.steps]) {
      expect(lines[l.line - 1]?.slice(l.column - 1)).toMatch(/^[A-Za-z]+:/);
    }
  });
});

describe('parseScenario: shapes', () => {
  it('reads every step kind', () => {
    const s = parseOk(`name: all steps
seed: 7
steps:
  - advanceSeconds: 1.5
  - apply: {apiVersion: v1, kind: Node, metadata: {name: a}}
  - delete: {kind: DaemonSet, namespace: default, name: agent}
  - delete: {kind: Node, name: a, cascade: orphan}
  - setPodPhase: {node: a, daemonSet: default/agent, phase: Running, ready: false}
  - rolloutUndo: {daemonSet: default/agent}
  - rolloutUndo: {daemonSet: default/agent, toRevision: 2}
  - kubectl: kubectl rollout undo daemonset/agent
`);
    expect(s.seed).toBe(7);
    expect(s.steps).toEqual([
      { type: 'advance', at: 'steps[0]', line: 4, column: 5, advanceSeconds: 1.5 },
      {
        type: 'apply',
        at: 'steps[1]',
        line: 5,
        column: 5,
        apply: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'a' } },
      },
      {
        type: 'delete',
        at: 'steps[2]',
        line: 6,
        column: 5,
        delete: { kind: 'DaemonSet', namespace: 'default', name: 'agent', cascade: 'background' },
      },
      {
        type: 'delete',
        at: 'steps[3]',
        line: 7,
        column: 5,
        delete: { kind: 'Node', name: 'a', cascade: 'orphan' },
      },
      {
        type: 'setPodPhase',
        at: 'steps[4]',
        line: 8,
        column: 5,
        setPodPhase: { node: 'a', daemonSet: 'default/agent', phase: 'Running', ready: false },
      },
      {
        type: 'rolloutUndo',
        at: 'steps[5]',
        line: 9,
        column: 5,
        rolloutUndo: { daemonSet: 'default/agent' },
      },
      {
        type: 'rolloutUndo',
        at: 'steps[6]',
        line: 10,
        column: 5,
        rolloutUndo: { daemonSet: 'default/agent', toRevision: 2 },
      },
      {
        type: 'kubectl',
        at: 'steps[7]',
        line: 11,
        column: 5,
        kubectl: 'kubectl rollout undo daemonset/agent',
      },
    ]);
  });

  it('defaults: no objects, steps or expect; null lists count as empty', () => {
    expect(parseOk('name: bare\n')).toEqual({ name: 'bare', objects: [], objectLocations: [], steps: [] });
    expect(parseOk('name: bare\nobjects:\nsteps:\nexpect:\n')).toEqual({
      name: 'bare',
      objects: [],
      objectLocations: [],
      steps: [],
    });
  });

  it('accepts `rejected` as one object or a list, and always returns a list', () => {
    const one = parseOk('name: x\nexpect:\n  rejected: {field: spec.x, contains: bad}\n');
    expect(one.expect?.rejected).toEqual([{ field: 'spec.x', contains: 'bad' }]);
    const many = parseOk(`name: x
expect:
  rejected:
    - {field: spec.x, contains: bad, kubectlMessage: 'The DaemonSet "a" is invalid: spec.x: bad'}
    - {field: spec.y, contains: worse}
`);
    expect(many.expect?.rejected).toEqual([
      { field: 'spec.x', contains: 'bad', kubectlMessage: 'The DaemonSet "a" is invalid: spec.x: bad' },
      { field: 'spec.y', contains: 'worse' },
    ]);
  });

  it('reads every expect key', () => {
    const s = parseOk(`name: x
expect:
  podsByNode: {default/agent: [node-a, node-b], default/other: []}
  status: {default/agent: {numberReady: 2, observedGeneration: 1, conditions: [{type: X}]}}
  podTolerations: [{key: k, operator: Exists}]
  podAffinity: {node-a: {nodeAffinity: {}}}
  unscheduled:
    - daemonSet: default/agent
      node: node-b
      phase: Pending
      condition: {type: PodScheduled, status: 'False', reason: Unschedulable}
      message: '0/2 nodes are available'
  events:
    - {object: DaemonSet default/agent, type: Normal, reason: SuccessfulCreate, messagePattern: '^Created', count: 2}
    - {object: Node node-a, countAtLeast: 1}
  controllerRevisions: {default/agent: {count: 1, revisions: [1], facts: [one fact]}}
  storedObject: {default/agent: {metadata: {generation: 2}}, node-a: {spec: {}}}
  podsPreserved: true
  absent:
    - {kind: Pod, namespace: default, name: batch}
    - {kind: ControllerRevision, namespace: default, namePrefix: agent-}
  podMetadata:
    byDaemonSet:
      default/agent:
        generateName: agent-
        namePattern: ^agent-
        hashPattern: ^[a-z0-9]+$
        labels: {app: agent, controller-revision-hash: <hash>}
        annotations: {}
        ownerReferences: [{apiVersion: apps/v1, kind: DaemonSet, name: agent, uid: <uid>, controller: true}]
        annotationsFromTemplateOnly: true
    default/dup-1:
      ownerReferences: [{kind: DaemonSet, blockOwnerDeletion: true}]
`);
    expect(s.expect).toEqual({
      podsByNode: { 'default/agent': ['node-a', 'node-b'], 'default/other': [] },
      status: { 'default/agent': { numberReady: 2, observedGeneration: 1, conditions: [{ type: 'X' }] } },
      podTolerations: [{ key: 'k', operator: 'Exists' }],
      podAffinity: { 'node-a': { nodeAffinity: {} } },
      unscheduled: [
        {
          daemonSet: 'default/agent',
          node: 'node-b',
          phase: 'Pending',
          condition: { type: 'PodScheduled', status: 'False', reason: 'Unschedulable' },
          message: '0/2 nodes are available',
        },
      ],
      events: [
        {
          object: 'DaemonSet default/agent',
          type: 'Normal',
          reason: 'SuccessfulCreate',
          messagePattern: '^Created',
          count: 2,
        },
        { object: 'Node node-a', countAtLeast: 1 },
      ],
      controllerRevisions: { 'default/agent': { count: 1, revisions: [1], facts: ['one fact'] } },
      storedObject: { 'default/agent': { metadata: { generation: 2 } }, 'node-a': { spec: {} } },
      podsPreserved: true,
      absent: [
        { kind: 'Pod', namespace: 'default', name: 'batch' },
        { kind: 'ControllerRevision', namespace: 'default', namePrefix: 'agent-' },
      ],
      podMetadata: {
        byDaemonSet: {
          'default/agent': {
            generateName: 'agent-',
            namePattern: '^agent-',
            hashPattern: '^[a-z0-9]+$',
            labels: { app: 'agent', 'controller-revision-hash': '<hash>' },
            annotations: {},
            ownerReferences: [
              { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: '<uid>', controller: true },
            ],
            annotationsFromTemplateOnly: true,
          },
        },
        pods: { 'default/dup-1': { ownerReferences: [{ kind: 'DaemonSet', blockOwnerDeletion: true }] } },
      },
    });
  });

  it('JSON input reads the same as YAML', () => {
    const yaml = parseOk(
      'name: j\nobjects:\n  - {apiVersion: v1, kind: Node, metadata: {name: a}}\nsteps:\n  - advanceSeconds: 3\n',
    );
    const json = parseOk(
      JSON.stringify({
        name: 'j',
        objects: [{ apiVersion: 'v1', kind: 'Node', metadata: { name: 'a' } }],
        steps: [{ advanceSeconds: 3 }],
      }),
      'j.json',
    );
    expect(json.objects).toEqual(yaml.objects);
    expect(json.steps.map((s) => ({ ...s, line: 0, column: 0 }))).toEqual(
      yaml.steps.map((s) => ({ ...s, line: 0, column: 0 })),
    );
  });

  it('expands anchors, aliases and << merge keys, in objects and in the scenario itself', () => {
    const s = parseOk(`name: anchors
objects:
  - &node {apiVersion: v1, kind: Node, metadata: {name: a, labels: {x: "1"}}}
  - <<: *node
    metadata: {name: b}
steps:
  - apply: *node
  - setPodPhase:
      <<: {node: a, daemonSet: default/agent}
      phase: Failed
`);
    expect(s.objects).toEqual([
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'a', labels: { x: '1' } } },
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'b' } },
    ]);
    expect(s.steps[0]).toMatchObject({ type: 'apply', apply: s.objects[0] });
    expect(s.steps[1]).toMatchObject({
      type: 'setPodPhase',
      setPodPhase: { node: 'a', daemonSet: 'default/agent', phase: 'Failed' },
    });
  });

  it('ignores empty extra documents (a stray trailing ---)', () => {
    expect(parseOk('name: x\n---\n').name).toBe('x');
    expect(parseOk('# header only\n---\nname: y\n').name).toBe('y');
  });

  it('keeps a `__proto__` key inside an object as plain data', () => {
    const s = parseOk(
      'name: x\nobjects:\n  - {apiVersion: v1, kind: Node, metadata: {__proto__: {polluted: true}}}\n',
    );
    const metadata = s.objects[0]?.metadata as Record<string, unknown>;
    expect(Object.keys(metadata)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('formats errors as file:line:column: message', () => {
    expect(formatScenarioError({ file: 'a.yaml', line: 3, column: 7, message: 'boom' })).toBe(
      'a.yaml:3:7: boom',
    );
  });

  it('scenarioRegExp compiles what the parser accepted', () => {
    const s = parseOk(String.raw`name: x
expect:
  events: [{messagePattern: '^Created pod: agent-[a-z]{5}$'}]
`);
    expect(scenarioRegExp(s.expect?.events?.[0]?.messagePattern ?? '').test('Created pod: agent-abcde')).toBe(
      true,
    );
  });
});

// [description, file name, text, expected `file:line:column: message`]
const malformed: Array<[string, string, string, string]> = [
  [
    'bad YAML (unterminated flow sequence)',
    'bad.yaml',
    'name: x\nsteps:\n  - advanceSeconds: [1, 2\n',
    'bad.yaml:4:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
  ],
  [
    'bad YAML (duplicate key)',
    'dup.yaml',
    'name: x\nname: y\n',
    'dup.yaml:2:1: invalid YAML: Map keys must be unique',
  ],
  [
    'bad YAML (tab indentation)',
    'tab.yaml',
    'name: x\nsteps:\n\t- advanceSeconds: 1\n',
    'tab.yaml:3:1: invalid YAML: Tabs are not allowed as indentation',
  ],
  ['empty file', 'empty.yaml', '', 'empty.yaml:1:1: the file is empty: a scenario needs at least a "name"'],
  [
    'root is a list',
    'list.yaml',
    '- name: x\n',
    'list.yaml:1:1: expected the scenario to be a mapping with at least "name", got a list',
  ],
  [
    'unknown root key with a suggestion',
    'root.yaml',
    'name: x\nstpes: []\n',
    'root.yaml:2:1: unknown key "stpes" at the top level; did you mean "steps"?',
  ],
  [
    'unknown root key without a close match',
    'root.yaml',
    'name: x\nbase: 1\n',
    'root.yaml:2:1: unknown key "base" at the top level; expected one of: name, description, seed, objects, steps, expect',
  ],
  [
    "typo'd step key with a suggestion",
    'typo.yaml',
    'name: x\nsteps:\n  - advanceSeconds: 5\n  - advanceSecond: 10\n',
    'typo.yaml:4:5: unknown key "advanceSecond" in steps[1]; did you mean "advanceSeconds"?',
  ],
  [
    'transposed letters still get a suggestion',
    'typo.yaml',
    'nmae: x\n',
    'typo.yaml:1:1: unknown key "nmae" at the top level; did you mean "name"?',
  ],
  [
    'wrong type: a string for advanceSeconds',
    'type.yaml',
    'name: x\nsteps:\n  - advanceSeconds: "ten"\n',
    'type.yaml:3:21: steps[0].advanceSeconds: expected a non-negative number, at most 31536000 (365 days), got string "ten"',
  ],
  [
    'wrong type: negative advanceSeconds',
    'type.yaml',
    'name: x\nsteps:\n  - advanceSeconds: -1\n',
    'type.yaml:3:21: steps[0].advanceSeconds: expected a non-negative number, at most 31536000 (365 days), got number -1',
  ],
  [
    'an advance too long to run (a virtual year at most)',
    'long.yaml',
    'name: x\nsteps:\n  - advanceSeconds: 1e308\n',
    'long.yaml:3:21: steps[0].advanceSeconds: expected a non-negative number, at most 31536000 (365 days), got number 1e308',
  ],
  [
    'missing name',
    'noname.yaml',
    'objects: []\n',
    'noname.yaml:1:1: missing required key "name" at the top level',
  ],
  [
    'empty name',
    'noname.yaml',
    'steps: []\nname: ""\n',
    'noname.yaml:2:7: name: expected a non-empty string, got string ""',
  ],
  [
    'multi-line name',
    'name.yaml',
    'name: |\n  two\n  lines\n',
    'name.yaml:1:7: name: must be a single line (longer text belongs in "description")',
  ],
  [
    'seed must be a non-negative integer',
    'seed.yaml',
    'name: x\nseed: 1.5\n',
    'seed.yaml:2:7: seed: expected a non-negative integer (at most 4294967295), got number 1.5',
  ],
  [
    'two actions in one step',
    'two.yaml',
    'name: x\nsteps:\n  - advanceSeconds: 5\n    delete: {kind: Node, name: a}\n',
    'two.yaml:4:5: steps[0]: a step does exactly one thing, but this one has both "advanceSeconds" and "delete"; split it into separate steps',
  ],
  [
    'a step with no action',
    'none.yaml',
    'name: x\nsteps:\n  - {}\n',
    'none.yaml:3:5: steps[0] has no action; expected one of: apply, delete, advanceSeconds, setPodPhase, rolloutUndo, kubectl',
  ],
  [
    'a step that is not a mapping',
    'scalar.yaml',
    'name: x\nsteps:\n  - advanceSeconds 5\n',
    'scalar.yaml:3:5: steps[0]: expected a mapping with one action (apply, delete, advanceSeconds, setPodPhase, rolloutUndo, kubectl), got string "advanceSeconds 5"',
  ],
  [
    'bad cascade',
    'cascade.yaml',
    'name: x\nsteps:\n  - delete: {kind: DaemonSet, name: agent, cascade: sideways}\n',
    'cascade.yaml:3:53: steps[0].delete.cascade: expected one of "background", "foreground", "orphan", got string "sideways"',
  ],
  [
    'bad cascade with a suggestion',
    'cascade.yaml',
    'name: x\nsteps:\n  - delete:\n      kind: DaemonSet\n      name: agent\n      cascade: Orphan\n',
    'cascade.yaml:6:16: steps[0].delete.cascade: expected one of "background", "foreground", "orphan", got string "Orphan"; did you mean "orphan"?',
  ],
  [
    'delete without a name',
    'delete.yaml',
    'name: x\nsteps:\n  - delete: {kind: Node}\n',
    'delete.yaml:3:13: missing required key "name" in steps[0].delete',
  ],
  [
    'bad pod phase',
    'phase.yaml',
    'name: x\nsteps:\n  - setPodPhase: {node: a, daemonSet: default/agent, phase: Crashed}\n',
    'phase.yaml:3:61: steps[0].setPodPhase.phase: expected one of "Running", "Failed", "Succeeded", "Pending", got string "Crashed"',
  ],
  [
    'daemonSet reference without a namespace',
    'ds.yaml',
    'name: x\nsteps:\n  - setPodPhase: {node: a, daemonSet: agent, phase: Running}\n',
    'ds.yaml:3:39: steps[0].setPodPhase.daemonSet: expected "<namespace>/<name>", got string "agent"',
  ],
  [
    'rolloutUndo with a negative revision',
    'undo.yaml',
    'name: x\nsteps:\n  - rolloutUndo: {daemonSet: default/a, toRevision: -1}\n',
    'undo.yaml:3:53: steps[0].rolloutUndo.toRevision: expected a non-negative integer, got number -1',
  ],
  [
    'kubectl with an empty command',
    'kubectl.yaml',
    'name: x\nsteps:\n  - kubectl: ""\n',
    'kubectl.yaml:3:14: steps[0].kubectl: expected a kubectl command line, got string ""',
  ],
  [
    'object without kind',
    'obj.yaml',
    'name: x\nobjects:\n  - apiVersion: v1\n    metadata: {name: a}\n',
    'obj.yaml:3:5: missing required key "kind" in objects[0]',
  ],
  [
    'object kind that is not a string',
    'obj.yaml',
    'name: x\nobjects:\n  - apiVersion: v1\n    kind: 3\n',
    'obj.yaml:4:11: objects[0].kind: expected a non-empty string, got number 3 (quote it if you meant the string "3")',
  ],
  [
    'object that is not a mapping',
    'obj.yaml',
    'name: x\nobjects:\n  - node-a\n',
    'obj.yaml:3:5: objects[0]: expected a Kubernetes object (a mapping with apiVersion and kind), got string "node-a"',
  ],
  [
    'apply without apiVersion',
    'apply.yaml',
    'name: x\nsteps:\n  - apply: {kind: Node, metadata: {name: a}}\n',
    'apply.yaml:3:12: missing required key "apiVersion" in steps[0].apply',
  ],
  [
    'a value JSON cannot hold inside an object',
    'inf.yaml',
    'name: x\nobjects:\n  - {apiVersion: v1, kind: Node, spec: {x: .inf}}\n',
    'inf.yaml:3:44: objects[0].spec.x: .inf is not a number JSON can hold',
  ],
  [
    'unknown expect key',
    'expect.yaml',
    'name: x\nexpect:\n  podsbynode: {}\n',
    'expect.yaml:3:3: unknown key "podsbynode" in expect; did you mean "podsByNode"?',
  ],
  [
    'unknown key in an event',
    'events.yaml',
    'name: x\nexpect:\n  events:\n    - object: DaemonSet default/agent\n      reson: x\n',
    'events.yaml:5:7: unknown key "reson" in expect.events[0]; did you mean "reason"?',
  ],
  [
    'wrong type in an event',
    'events.yaml',
    'name: x\nexpect:\n  events:\n    - object: DaemonSet default/agent\n    - reason: 5\n',
    'events.yaml:5:15: expect.events[1].reason: expected a non-empty string, got number 5 (quote it if you meant the string "5")',
  ],
  [
    'event object reference without a kind',
    'events.yaml',
    'name: x\nexpect:\n  events:\n    - object: default/agent\n',
    'events.yaml:4:15: expect.events[0].object: expected "<Kind> <namespace>/<name>" (or "<Kind> <name>"), got string "default/agent"',
  ],
  [
    'count and countAtLeast together',
    'events.yaml',
    'name: x\nexpect:\n  events:\n    - reason: x\n      count: 1\n      countAtLeast: 1\n',
    'events.yaml:6:7: expect.events[0]: set "count" or "countAtLeast", not both',
  ],
  [
    'bad regex in messagePattern',
    'regex.yaml',
    'name: x\nexpect:\n  events:\n    - reason: SuccessfulCreate\n      messagePattern: "^Created pod: (agent"\n',
    'regex.yaml:5:23: expect.events[0].messagePattern: invalid regular expression: /^Created pod: (agent/: Unterminated group',
  ],
  [
    'bad regex in hashPattern',
    'regex.yaml',
    'name: x\nexpect:\n  podMetadata:\n    byDaemonSet:\n      default/agent:\n        hashPattern: "[a-"\n',
    'regex.yaml:6:22: expect.podMetadata.byDaemonSet["default/agent"].hashPattern: invalid regular expression: /[a-/: Unterminated character class',
  ],
  [
    'typo in a status field',
    'status.yaml',
    'name: x\nexpect:\n  status:\n    default/agent:\n      numberReddy: 1\n',
    'status.yaml:5:7: unknown key "numberReddy" in expect.status["default/agent"]; did you mean "numberReady"?',
  ],
  [
    'podsByNode key without a namespace',
    'pbn.yaml',
    'name: x\nexpect:\n  podsByNode:\n    agent: [a]\n',
    'pbn.yaml:4:5: expect.podsByNode: expected keys of the form "<namespace>/<name>", got "agent"',
  ],
  [
    'a node listed twice in podsByNode',
    'pbn.yaml',
    'name: x\nexpect:\n  podsByNode:\n    default/agent: [a, b, a]\n',
    'pbn.yaml:4:27: expect.podsByNode["default/agent"][2]: node "a" is listed twice',
  ],
  [
    'a number where a label value (a string) is expected',
    'meta.yaml',
    'name: x\nexpect:\n  podMetadata:\n    default/p:\n      labels: {gen: 1}\n',
    'meta.yaml:5:21: expect.podMetadata["default/p"].labels.gen: expected a string, got number 1 (quote it: "1")',
  ],
  [
    'typo of byDaemonSet',
    'meta.yaml',
    'name: x\nexpect:\n  podMetadata:\n    byDaemonset: {}\n',
    'meta.yaml:4:5: unknown key "byDaemonset" in expect.podMetadata; did you mean "byDaemonSet"?',
  ],
  [
    'unquoted False for a condition status',
    'cond.yaml',
    'name: x\nexpect:\n  unscheduled:\n    - daemonSet: default/a\n      node: n\n      condition: {type: PodScheduled, status: False}\n',
    'cond.yaml:6:47: expect.unscheduled[0].condition.status: expected one of "True", "False", "Unknown", got boolean false; quote it: "False"',
  ],
  [
    'an incomplete entry in a list of rejections',
    'rej.yaml',
    'name: x\nexpect:\n  rejected:\n    - field: a\n      contains: b\n    - field: c\n',
    'rej.yaml:6:7: missing required key "contains" in expect.rejected[1]',
  ],
  [
    'absent with both name and namePrefix',
    'absent.yaml',
    'name: x\nexpect:\n  absent:\n    - kind: Pod\n      name: a\n      namePrefix: b\n',
    'absent.yaml:6:7: expect.absent[0]: set "name" or "namePrefix", not both',
  ],
  [
    'an alias to an unknown anchor',
    'alias.yaml',
    'name: x\nsteps:\n  - advanceSeconds: *nope\n',
    'alias.yaml:3:21: unknown alias "*nope": no anchor "&nope" before it',
  ],
  [
    'an alias that contains itself',
    'cycle.yaml',
    'name: x\nobjects:\n  - &n {apiVersion: v1, kind: Node, spec: [*n]}\n',
    'cycle.yaml:3:8: objects[0].spec[0]: an alias refers to a collection that contains it',
  ],
  [
    'JSON input with an unknown key',
    'scenario.json',
    '{\n  "name": "x",\n  "steps": [\n    {"advanceSeconds": 1},\n    {"setPodPhase": {"node": "a", "daemonSet": "default/a", "phase": "Failed", "redy": true}}\n  ]\n}\n',
    'scenario.json:5:80: unknown key "redy" in steps[1].setPodPhase; did you mean "ready"?',
  ],
  [
    'JSON input with a wrong type',
    'scenario.json',
    '{"name": "x", "seed": "7"}',
    'scenario.json:1:23: seed: expected a non-negative integer (at most 4294967295), got string "7"',
  ],
  [
    'JSON input with a syntax error',
    'scenario.json',
    '{\n  "name": "x",\n  "steps": [\n    {"advanceSeconds": 1}\n\n}\n',
    'scenario.json:6:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
  ],
  [
    'multi-document file',
    'multi.yaml',
    'name: first\n---\nname: second\n',
    'multi.yaml:2:1: a scenario file holds exactly one YAML document, but a second one starts here (remove the "---" separator, or split the file)',
  ],
];

describe('parseScenario: malformed input', () => {
  it.each(malformed)('%s', (_description, file, text, expected) => {
    expect(parseErr(text, file)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { decode, decodeError } from './decode.ts';
import { parse } from 'yaml';
import { createSimulation } from '../engine/simulation.ts';
import type { AnyObject } from './types.ts';

const ds = (spec: unknown, metadata: unknown = { name: 'a' }) => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata,
  spec,
});
const template = (podSpec: unknown) => ({
  selector: { matchLabels: { app: 'a' } },
  template: { metadata: { labels: { app: 'a' } }, spec: podSpec },
});
const U = 'json: cannot unmarshal';

describe('decodeError: request bodies that do not fit the Go types (400, "cannot be handled as")', () => {
  it.each([
    [
      'metadata of the wrong type',
      ds({}, 5),
      `${U} number into Go struct field DaemonSet.metadata of type v1.ObjectMeta`,
    ],
    [
      'a template that is a string',
      ds({ template: 'x' }),
      `${U} string into Go struct field DaemonSetSpec.spec.template of type v1.PodTemplateSpec`,
    ],
    [
      'containers that is a string',
      ds(template({ containers: 'abc' })),
      `${U} string into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container`,
    ],
    [
      'a container that is a string (no index in the Go path)',
      ds(template({ containers: ['abc'] })),
      `${U} string into Go struct field PodSpec.spec.template.spec.containers of type v1.Container`,
    ],
    [
      'labels that are a list',
      ds({}, { name: 'a', labels: [1] }),
      `${U} array into Go struct field ObjectMeta.metadata.labels of type map[string]string`,
    ],
    [
      'a label value that is a number',
      ds({}, { name: 'a', labels: { tier: 1 } }),
      `${U} number into Go struct field ObjectMeta.metadata.labels of type string`,
    ],
    [
      'a port that is a string',
      ds(template({ containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 'http' }] }] })),
      `${U} string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32`,
    ],
    [
      'an int64 field',
      ds(template({ containers: [{ name: 'c', image: 'x' }], terminationGracePeriodSeconds: '30' })),
      `${U} string into Go struct field PodSpec.spec.template.spec.terminationGracePeriodSeconds of type int64`,
    ],
    [
      'a boolean that is a string',
      ds(template({ containers: [{ name: 'c', image: 'x' }], hostNetwork: 'yes' })),
      `${U} string into Go struct field PodSpec.spec.template.spec.hostNetwork of type bool`,
    ],
    [
      'an IntOrString that is a list',
      ds({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: [1] } } }),
      `${U} array into Go struct field RollingUpdateDaemonSet.spec.updateStrategy.rollingUpdate.maxUnavailable of type intstr.IntOrString`,
    ],
    [
      'a malformed quantity',
      ds(template({ containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: 'lots' } } }] })),
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ],
    [
      'an unknown field (strict decoding)',
      ds({ selectr: {} }),
      'strict decoding error: unknown field "spec.selectr"',
    ],
    [
      'unknown fields keep their indices',
      ds(template({ containers: [{ name: 'c', image: 'x', imagePullPolicyy: 'Always' }], nodeSelectr: {} })),
      'strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolicyy", unknown field "spec.template.spec.nodeSelectr"',
    ],
  ])('%s', (_what, obj, message) => {
    expect(decodeError('DaemonSet', obj)).toBe(message);
  });

  it.each([
    [
      'the fluentd-elasticsearch DaemonSet',
      ds(
        template({
          containers: [
            {
              name: 'c',
              image: 'x',
              resources: { limits: { memory: '200Mi' }, requests: { cpu: '100m', memory: '200Mi' } },
            },
          ],
          tolerations: [
            { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
          ],
          terminationGracePeriodSeconds: 30,
        }),
      ),
    ],
    [
      'numeric quantities and IntOrString both ways',
      ds({
        ...template({
          containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: 1, memory: 1e9 } } }],
        }),
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%', maxSurge: 0 } },
      }),
    ],
    [
      'nulls (Go keeps the zero value)',
      ds({ selector: null, template: { metadata: null, spec: { containers: null } } }),
    ],
  ])('accepts %s', (_what, obj) => {
    expect(decodeError('DaemonSet', obj)).toBeUndefined();
  });

  it('accepts a Node with taint timestamps and a status, and ControllerRevision data of any shape', () => {
    const node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n' },
      spec: { taints: [{ key: 'k', effect: 'NoExecute', timeAdded: '2026-01-01T00:00:00Z' }] },
      status: { conditions: [{ type: 'Ready', status: 'True' }], allocatable: { cpu: '4', pods: '110' } },
    };
    expect(decodeError('Node', node)).toBeUndefined();
    const cr = {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: { name: 'r' },
      revision: 1,
      data: { spec: { anything: [1, 'two'] } },
    };
    expect(decodeError('ControllerRevision', cr)).toBeUndefined();
  });
});

describe('the API server refuses undecodable bodies before anything else, and stores nothing', () => {
  it('a create gets 400 BadRequest with kubectl wording; an update leaves the stored object as it was', () => {
    const sim = createSimulation({ seed: 1 });
    const bad = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n' },
      spec: { taints: 'bad' },
    } as unknown as AnyObject;
    const r = sim.apply(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(400);
    expect(r.error.reason).toBe('BadRequest');
    expect(r.error.kubectlMessage).toBe(
      'Error from server (BadRequest): error when creating "STDIN": Node in version "v1" cannot be handled as a Node: json: cannot unmarshal string into Go struct field NodeSpec.spec.taints of type []v1.Taint',
    );
    expect(sim.api.count('Node')).toBe(0);

    const good = sim.apply({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n', labels: { a: 'b' } },
    } as AnyObject);
    expect(good.ok).toBe(true);
    const before = sim.api.get('Node', undefined, 'n');
    const u = sim.apply({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n', labels: { a: ['x'] } },
    } as unknown as AnyObject);
    expect(u.ok).toBe(false);
    expect(sim.api.get('Node', undefined, 'n')).toBe(before);
  });
});

describe('decode: what a null becomes once the API server has the object (Go zero values)', () => {
  const decoded = (kind: string, obj: unknown): unknown => {
    const r = decode(kind, obj);
    if (!r.ok) throw new Error(r.error);
    return r.object;
  };

  it('drops a null struct field (an empty YAML value such as `requests:`), as the server omits it', () => {
    const obj = parse(`
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: a
  labels:
spec:
  selector:
    matchLabels: {app: a}
  template:
    metadata:
      labels: {app: a}
    spec:
      nodeSelector:
      containers:
      - name: c
        image: x
        resources:
          requests:
`) as unknown;
    expect(decoded('DaemonSet', obj)).toEqual({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'a' },
      spec: {
        selector: { matchLabels: { app: 'a' } },
        template: {
          metadata: { labels: { app: 'a' } },
          spec: { containers: [{ name: 'c', image: 'x', resources: {} }] },
        },
      },
    });
  });

  it('gives a null map value the value type\'s zero: "" for a label, "0" for a quantity', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', labels: { a: null, b: 'x' } },
      spec: {
        containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: null, memory: '1Gi' } } }],
      },
    };
    expect(decoded('Pod', pod)).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', labels: { a: '', b: 'x' } },
      spec: { containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '0', memory: '1Gi' } } }] },
    });
  });

  it('keeps a null time (a zero metav1.Time is written as null) and zeroes a null list item', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [null], tolerations: [null, { operator: 'Exists' }] },
      status: { conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, reason: null }] },
    };
    expect(decoded('Pod', pod)).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{}], tolerations: [{}, { operator: 'Exists' }] },
      status: { conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null }] },
    });
  });

  it('returns a fresh copy in the same key order, without undefined fields; opaque data is copied as is', () => {
    const input = {
      kind: 'ControllerRevision',
      apiVersion: 'apps/v1',
      metadata: { name: 'r', namespace: undefined, labels: { z: '1', a: '2' } },
      revision: 1,
      data: { spec: { anything: [1, null, 'two'] } },
    };
    const out = decoded('ControllerRevision', input) as typeof input;
    expect(out).not.toBe(input);
    expect(out.data).not.toBe(input.data);
    expect(JSON.stringify(out)).toBe(
      '{"kind":"ControllerRevision","apiVersion":"apps/v1","metadata":{"name":"r","labels":{"z":"1","a":"2"}},"revision":1,"data":{"spec":{"anything":[1,null,"two"]}}}',
    );
  });

  it('keeps a map key named __proto__ as a key, not as the prototype', () => {
    const input = JSON.parse(
      '{"apiVersion":"v1","kind":"Node","metadata":{"name":"n","labels":{"__proto__":"x"}}}',
    );
    const out = decoded('Node', input) as { metadata: { labels: Record<string, string> } };
    expect(Object.keys(out.metadata.labels)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(out.metadata.labels)).toBe(Object.prototype);
  });

  it('still refuses what does not decode', () => {
    expect(
      decode('Node', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: { taints: 'x' } }),
    ).toEqual({
      ok: false,
      error: 'json: cannot unmarshal string into Go struct field NodeSpec.spec.taints of type []v1.Taint',
    });
  });
});

describe('empty values in applied YAML run like absent ones (no internal error)', () => {
  it('a DaemonSet whose container has an empty `requests:` runs its pods; a pod with a null label is stored with ""', () => {
    const sim = createSimulation({ seed: 1 });
    sim.apply({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } } as AnyObject);
    const ds = parse(`
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: default}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
      - name: agent
        image: registry.k8s.io/pause:3.9
        resources:
          requests:
`) as AnyObject;
    expect(sim.apply(ds).ok).toBe(true);
    const pod = parse(`
apiVersion: v1
kind: Pod
metadata: {name: other, namespace: default, labels: {app: }}
spec:
  containers: [{name: main, image: registry.k8s.io/pause:3.9}]
`) as AnyObject;
    expect(sim.apply(pod).ok).toBe(true);
    sim.advance(30);
    const pods = [...sim.api.list('Pod')].sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
    expect(pods.map((p) => [p.metadata?.name?.startsWith('agent-'), p.status?.phase])).toEqual([
      [true, 'Running'],
      [false, 'Running'],
    ]);
    expect(sim.api.get('Pod', 'default', 'other')?.metadata?.labels).toEqual({ app: '' });
    const stored = sim.api.get('DaemonSet', 'default', 'agent');
    expect(stored?.spec?.template.spec?.containers[0]?.resources).toEqual({});
    expect(stored?.status?.numberReady).toBe(1);
  });
});

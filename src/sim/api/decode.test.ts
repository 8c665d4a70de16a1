import { describe, expect, it } from 'vitest';
import { decodeError } from './decode.ts';
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

import { describe, expect, it } from 'vitest';
import type {
  AnyObject,
  DaemonSet,
  DaemonSetSpec,
  Kind,
  Node,
  ObjectMeta,
  Pod,
  PodSpec,
  PriorityClass,
  Toleration,
} from '../api/types.ts';
import { VirtualClock } from '../engine/clock.ts';
import { NAME_ALPHABET, Rng } from '../engine/rng.ts';
import { ApiServer, generateName, qualifiedResource, type WatchEvent } from './apiServer.ts';
import { TEMPLATE_GENERATION_ANNOTATION } from './strategies.ts';

// ---- small inline builders ---------------------------------------------------------------------

const IMAGE = 'registry.k8s.io/pause:3.9';

function newDaemonSet(name = 'agent', spec: Partial<DaemonSetSpec> = {}, meta: ObjectMeta = {}): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'default', ...meta },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: IMAGE }] } },
      ...spec,
    },
  };
}

function newPod(name: string, spec: Partial<PodSpec> = {}, meta: ObjectMeta = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', ...meta },
    spec: { containers: [{ name: 'c', image: IMAGE }], ...spec },
  };
}

const newNode = (name: string): Node => ({ apiVersion: 'v1', kind: 'Node', metadata: { name } });

function newPriorityClass(name: string, value: number, extra: Partial<PriorityClass> = {}): PriorityClass {
  return { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, ...extra };
}

function world(seed = 1) {
  const clock = new VirtualClock();
  const api = new ApiServer(clock, new Rng(seed), { freeze: true });
  return { clock, api };
}

function must<T extends AnyObject>(api: ApiServer, obj: T): T {
  const r = api.create(obj);
  if (!r.ok) throw new Error(r.error.message);
  return r.object as T;
}

function mustUpdate<T extends AnyObject>(api: ApiServer, obj: T): T {
  const r = api.update(obj);
  if (!r.ok) throw new Error(r.error.message);
  return r.object as T;
}

/** A deep copy the test may edit (stored objects are frozen). */
const edit = <T>(o: T): T => JSON.parse(JSON.stringify(o)) as T;

function setPhase(api: ApiServer, pod: Pod, phase: string): Pod {
  const out = api.replace('Pod', { ...pod, status: { ...pod.status, phase } }, { actor: 'kubelet' });
  if (!out) throw new Error('replace failed');
  return out;
}

// ---- create ------------------------------------------------------------------------------------

describe('create: system metadata', () => {
  it('assigns uid, resourceVersion and creationTimestamp in virtual time', () => {
    const { clock, api } = world();
    clock.advanceTo(5_500);
    const a = must(api, newPod('a'));
    const b = must(api, newPod('b'));
    expect(a.metadata?.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.metadata?.uid).not.toBe(b.metadata?.uid);
    expect(a.metadata?.creationTimestamp).toBe('2026-01-01T00:00:05Z');
    expect(Number(b.metadata?.resourceVersion)).toBeGreaterThan(Number(a.metadata?.resourceVersion));
    expect(api.get('Pod', 'default', 'a')).toBe(a);
  });

  const namespacing: Array<{ name: string; obj: AnyObject; kind: Kind; ns: string | undefined }> = [
    {
      name: 'namespaced kind without namespace → default',
      obj: newPod('p', {}, { namespace: '' }),
      kind: 'Pod',
      ns: 'default',
    },
    {
      name: 'namespaced kind keeps its namespace',
      obj: newPod('p', {}, { namespace: 'kube-system' }),
      kind: 'Pod',
      ns: 'kube-system',
    },
    {
      name: 'cluster-scoped kind drops a namespace',
      obj: { ...newNode('n'), metadata: { name: 'n', namespace: 'x' } },
      kind: 'Node',
      ns: undefined,
    },
  ];
  it.each(namespacing)('$name', ({ obj, kind, ns }) => {
    const { api } = world();
    const out = must(api, obj);
    expect(out.metadata?.namespace).toBe(ns);
    expect(api.get(kind, ns, out.metadata?.name ?? '')).toBe(out);
  });

  it('does not modify the caller object (it may be frozen)', () => {
    const { api } = world();
    const input = Object.freeze(newDaemonSet()) as DaemonSet;
    const snapshot = JSON.stringify(input);
    must(api, input);
    expect(JSON.stringify(input)).toBe(snapshot);
  });

  it('stores deep-frozen objects when freeze is on', () => {
    const { api } = world();
    const ds = must(api, newDaemonSet());
    expect(Object.isFrozen(ds)).toBe(true);
    expect(Object.isFrozen(ds.spec?.template.spec?.containers[0])).toBe(true);
  });

  it('generateName: prefix plus 5 characters of the name alphabet', () => {
    const { api } = world();
    const p = must(api, newPod('', {}, { generateName: 'agent-' }));
    expect(p.metadata?.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(p.metadata?.generateName).toBe('agent-');
  });

  it('generateName truncates the base to 58 characters (63 - 5)', () => {
    const base = 'a'.repeat(70);
    const name = generateName(base, new Rng(1));
    expect(name).toHaveLength(63);
    expect(name.slice(0, 58)).toBe('a'.repeat(58));
    expect([...name.slice(58)].every((c) => NAME_ALPHABET.includes(c))).toBe(true);
  });

  it('the same seed generates the same names', () => {
    const names = (seed: number) => {
      const { api } = world(seed);
      return [1, 2, 3].map(() => must(api, newPod('', {}, { generateName: 'agent-' })).metadata?.name);
    };
    expect(names(9)).toEqual(names(9));
  });
});

// ---- errors ------------------------------------------------------------------------------------

describe('errors are shaped like the API server and kubectl print them', () => {
  const notFound: Array<{ kind: Kind; ns: string | undefined; resource: string }> = [
    { kind: 'DaemonSet', ns: 'default', resource: 'daemonsets.apps' },
    { kind: 'Pod', ns: 'default', resource: 'pods' },
    { kind: 'Node', ns: undefined, resource: 'nodes' },
    { kind: 'PriorityClass', ns: undefined, resource: 'priorityclasses.scheduling.k8s.io' },
    { kind: 'ControllerRevision', ns: 'default', resource: 'controllerrevisions.apps' },
  ];
  it.each(notFound)('NotFound for $kind: `$resource "x" not found`', ({ kind, ns, resource }) => {
    const { api } = world();
    expect(qualifiedResource(kind)).toBe(resource);
    const r = api.delete(kind, ns, 'x');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({
      code: 404,
      reason: 'NotFound',
      message: `${resource} "x" not found`,
      kubectlMessage: `Error from server (NotFound): ${resource} "x" not found`,
      name: 'x',
    });
  });

  it('update of a missing object is NotFound', () => {
    const { api } = world();
    const r = api.update(newDaemonSet('ghost'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('daemonsets.apps "ghost" not found');
  });

  it('AlreadyExists', () => {
    const { api } = world();
    must(api, newDaemonSet());
    const r = api.create(newDaemonSet());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({
      code: 409,
      reason: 'AlreadyExists',
      message: 'daemonsets.apps "agent" already exists',
      kubectlMessage: 'Error from server (AlreadyExists): daemonsets.apps "agent" already exists',
      namespace: 'default',
    });
  });

  it('Invalid with one cause', () => {
    const { api } = world();
    const ds = newDaemonSet('agent', {
      template: {
        metadata: { labels: { app: 'other' } },
        spec: { containers: [{ name: 'c', image: IMAGE }] },
      },
    });
    const r = api.create(ds);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const cause =
      'spec.template.metadata.labels: Invalid value: {"app":"other"}: `selector` does not match template `labels`';
    expect(r.error.code).toBe(422);
    expect(r.error.reason).toBe('Invalid');
    expect(r.error.message).toBe(`DaemonSet.apps "agent" is invalid: ${cause}`);
    expect(r.error.kubectlMessage).toBe(`The DaemonSet "agent" is invalid: ${cause}`);
    expect(r.error.causes.map((c) => c.message)).toEqual([cause]);
    expect(api.get('DaemonSet', 'default', 'agent')).toBeUndefined();
  });

  it('Invalid with several causes: `[a, b]` from the API, one `* ` line each from kubectl', () => {
    const { api } = world();
    const ds = newDaemonSet('agent', { minReadySeconds: -5 });
    ds.spec!.template.spec!.restartPolicy = 'Never';
    const r = api.create(ds);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const msgs = r.error.causes.map((c) => c.message);
    expect(msgs).toContain('spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0');
    expect(msgs).toContain(
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    );
    expect(r.error.message).toBe(`DaemonSet.apps "agent" is invalid: [${msgs.join(', ')}]`);
    expect(r.error.kubectlMessage).toBe(
      `The DaemonSet "agent" is invalid: \n${msgs.map((m) => `* ${m}`).join('\n')}`,
    );
  });

  it('core kinds have no group in the Invalid message', () => {
    const { api } = world();
    const r = api.create(newPod('p', { containers: [] }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message.startsWith('Pod "p" is invalid: ')).toBe(true);
  });

  const badKinds: Array<{ name: string; obj: unknown; message: string }> = [
    {
      name: 'unknown kind',
      obj: { apiVersion: 'v1', kind: 'Deployment', metadata: { name: 'x' } },
      message: 'no matches for kind "Deployment"',
    },
    {
      name: 'wrong apiVersion',
      obj: { apiVersion: 'extensions/v1beta1', kind: 'DaemonSet', metadata: { name: 'x' } },
      message: 'no matches for kind "DaemonSet" in version "extensions/v1beta1"',
    },
  ];
  it.each(badKinds)('BadRequest: $name', ({ obj, message }) => {
    const { api } = world();
    const r = api.create(obj as AnyObject);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(400);
    expect(r.error.reason).toBe('BadRequest');
    expect(r.error.message).toBe(message);
  });
});

// ---- DaemonSet strategy --------------------------------------------------------------------------

describe('DaemonSet generation and template generation (B3, B4)', () => {
  const tg = (ds: DaemonSet | undefined) => ds?.metadata?.annotations?.[TEMPLATE_GENERATION_ANNOTATION];

  it('create: generation 1, template generation annotation "1", status cleared to zero counters', () => {
    const { api } = world();
    const input = newDaemonSet();
    input.status = {
      currentNumberScheduled: 5,
      numberMisscheduled: 1,
      desiredNumberScheduled: 5,
      numberReady: 5,
    };
    const ds = must(api, input);
    expect(ds.metadata?.generation).toBe(1);
    expect(tg(ds)).toBe('1');
    expect(ds.status).toEqual({
      currentNumberScheduled: 0,
      numberMisscheduled: 0,
      desiredNumberScheduled: 0,
      numberReady: 0,
    });
  });

  it('create keeps a template generation carried in the annotation (conversion from apps/v1)', () => {
    const { api } = world();
    const ds = must(
      api,
      newDaemonSet('agent', {}, { annotations: { [TEMPLATE_GENERATION_ANNOTATION]: '5' } }),
    );
    expect(tg(ds)).toBe('5');
    expect(ds.metadata?.generation).toBe(1);
  });

  const edits: Array<{
    name: string;
    change: (ds: DaemonSet) => void;
    generation: number;
    templateGeneration: string;
  }> = [
    {
      name: 'template image change bumps both',
      change: (ds) => {
        ds.spec!.template.spec!.containers[0]!.image = 'registry.k8s.io/pause:3.10';
      },
      generation: 2,
      templateGeneration: '2',
    },
    {
      name: 'template label change bumps both',
      change: (ds) => {
        ds.spec!.template.metadata!.labels = { app: 'agent', tier: 'node' };
      },
      generation: 2,
      templateGeneration: '2',
    },
    {
      name: 'other spec change bumps only generation',
      change: (ds) => {
        ds.spec!.minReadySeconds = 10;
      },
      generation: 2,
      templateGeneration: '1',
    },
    {
      name: 'update strategy change bumps only generation',
      change: (ds) => {
        ds.spec!.updateStrategy = { type: 'OnDelete' };
      },
      generation: 2,
      templateGeneration: '1',
    },
    {
      name: 'metadata label change bumps nothing',
      change: (ds) => {
        ds.metadata!.labels = { team: 'infra' };
      },
      generation: 1,
      templateGeneration: '1',
    },
    {
      name: 'annotation change bumps nothing',
      change: (ds) => {
        ds.metadata!.annotations = { ...ds.metadata!.annotations, note: 'x' };
      },
      generation: 1,
      templateGeneration: '1',
    },
    {
      name: 'the user cannot set the template generation',
      change: (ds) => {
        ds.metadata!.annotations = { [TEMPLATE_GENERATION_ANNOTATION]: '9' };
      },
      generation: 1,
      templateGeneration: '1',
    },
    {
      name: 'removing the annotation does not reset it',
      change: (ds) => {
        ds.metadata!.annotations = {};
      },
      generation: 1,
      templateGeneration: '1',
    },
    {
      name: 'defaulted fields spelled out are no change',
      change: (ds) => {
        ds.spec!.revisionHistoryLimit = 10;
        ds.spec!.template.spec!.restartPolicy = 'Always';
      },
      generation: 1,
      templateGeneration: '1',
    },
  ];
  it.each(edits)('$name', ({ change, generation, templateGeneration }) => {
    const { api } = world();
    const created = must(api, newDaemonSet());
    const next = edit(created);
    change(next);
    const updated = mustUpdate(api, next);
    expect(updated.metadata?.generation).toBe(generation);
    expect(tg(updated)).toBe(templateGeneration);
    expect(updated.metadata?.uid).toBe(created.metadata?.uid);
    expect(updated.metadata?.creationTimestamp).toBe(created.metadata?.creationTimestamp);
  });

  it('successive template changes keep counting', () => {
    const { api } = world();
    let ds = must(api, newDaemonSet());
    for (const image of ['a:1', 'a:2', 'a:3']) {
      const next = edit(ds);
      next.spec!.template.spec!.containers[0]!.image = image;
      ds = mustUpdate(api, next);
    }
    expect(ds.metadata?.generation).toBe(4);
    expect(tg(ds)).toBe('4');
  });

  it('status cannot be changed through the main resource; the stored status is kept', () => {
    const { api } = world();
    const created = must(api, newDaemonSet());
    const status = {
      currentNumberScheduled: 2,
      numberMisscheduled: 0,
      desiredNumberScheduled: 2,
      numberReady: 2,
      observedGeneration: 1,
    };
    api.replace('DaemonSet', { ...created, status }, { actor: 'daemonset-controller' });
    const next = edit(api.get('DaemonSet', 'default', 'agent')!);
    next.status = { ...status, numberReady: 0 };
    next.spec!.minReadySeconds = 3;
    expect(mustUpdate(api, next).status).toEqual(status);
  });

  it('an update bumps resourceVersion and keeps creationTimestamp in virtual time', () => {
    const { clock, api } = world();
    const created = must(api, newDaemonSet());
    clock.advanceTo(60_000);
    const next = edit(created);
    next.spec!.minReadySeconds = 1;
    const updated = mustUpdate(api, next);
    expect(Number(updated.metadata?.resourceVersion)).toBeGreaterThan(
      Number(created.metadata?.resourceVersion),
    );
    expect(updated.metadata?.creationTimestamp).toBe('2026-01-01T00:00:00Z');
  });

  // etcd3 store GuaranteedUpdate: when the new serialisation equals the stored one, no write happens.
  it('an update that changes nothing keeps resourceVersion and emits no watch event', () => {
    const { api } = world();
    const created = must(api, newDaemonSet());
    api.deliverWatchEvents();
    const seen: WatchEvent[] = [];
    api.watch('DaemonSet', (e) => seen.push(e));
    const updated = mustUpdate(api, edit(created));
    api.deliverWatchEvents();
    expect(updated.metadata?.resourceVersion).toBe(created.metadata?.resourceVersion);
    expect(seen).toEqual([]);
  });

  it('the selector is immutable (C9)', () => {
    const { api } = world();
    const created = must(api, newDaemonSet());
    const next = edit(created);
    next.spec!.selector = { matchLabels: { app: 'agent', tier: 'x' } };
    next.spec!.template.metadata!.labels = { app: 'agent', tier: 'x' };
    const r = api.update(next);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.causes.map((c) => c.message)).toEqual([
      'spec.selector: Invalid value: {"matchLabels":{"app":"agent","tier":"x"}}: field is immutable',
    ]);
    expect(api.get('DaemonSet', 'default', 'agent')).toBe(created);
  });

  it('apply creates when absent and updates in place when present', () => {
    const { api } = world();
    const a = api.apply(newDaemonSet());
    expect(a.ok).toBe(true);
    const changed = newDaemonSet('agent', { minReadySeconds: 5 });
    const b = api.apply(changed);
    expect(b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(b.object.metadata?.uid).toBe(a.object.metadata?.uid);
    expect(b.object.metadata?.generation).toBe(2);
    expect(api.count('DaemonSet')).toBe(1);
  });
});

// ---- Pod admission -------------------------------------------------------------------------------

describe('pod admission: Priority (B7)', () => {
  const cases: Array<{
    name: string;
    classes: PriorityClass[];
    className?: string;
    priority: number;
    resolvedClass: string | undefined;
  }> = [
    { name: 'no class, no default → 0', classes: [], priority: 0, resolvedClass: undefined },
    {
      name: 'named class',
      classes: [newPriorityClass('high', 1000)],
      className: 'high',
      priority: 1000,
      resolvedClass: 'high',
    },
    {
      name: 'global default fills in the class',
      classes: [newPriorityClass('fallback', 50, { globalDefault: true })],
      priority: 50,
      resolvedClass: 'fallback',
    },
    {
      name: 'named class wins over the global default',
      classes: [newPriorityClass('fallback', 50, { globalDefault: true }), newPriorityClass('high', 1000)],
      className: 'high',
      priority: 1000,
      resolvedClass: 'high',
    },
    {
      name: 'negative values',
      classes: [newPriorityClass('low', -10)],
      className: 'low',
      priority: -10,
      resolvedClass: 'low',
    },
  ];
  it.each(cases)('$name', ({ classes, className, priority, resolvedClass }) => {
    const { api } = world();
    for (const pc of classes) must(api, pc);
    const pod = must(api, newPod('p', className ? { priorityClassName: className } : {}));
    expect(pod.spec?.priority).toBe(priority);
    expect(pod.spec?.priorityClassName).toBe(resolvedClass);
  });

  it('a missing PriorityClass is refused as Forbidden', () => {
    const { api } = world();
    const r = api.create(newPod('p', { priorityClassName: 'missing' }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({
      code: 403,
      reason: 'Forbidden',
      message: 'pods "p" is forbidden: no PriorityClass with name missing was found',
      kubectlMessage:
        'Error from server (Forbidden): pods "p" is forbidden: no PriorityClass with name missing was found',
    });
    expect(api.count('Pod')).toBe(0);
  });

  // admission.extractResourceName: before name generation the error names the generateName prefix,
  // which is why DaemonSet FailedCreate events read `Error creating: pods "agent-" is forbidden: ...`.
  it('Forbidden for a generateName pod names the prefix', () => {
    const { api } = world();
    const r = api.create(newPod('', { priorityClassName: 'missing' }, { generateName: 'agent-' }));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toBe(
        'pods "agent-" is forbidden: no PriorityClass with name missing was found',
      );
  });

  // plugin/pkg/admission/priority admitPod: the resolved preemption policy is written into the pod.
  const policies: Array<{ name: string; classes: PriorityClass[]; className?: string; want: string }> = [
    { name: 'no class → PreemptLowerPriority', classes: [], want: 'PreemptLowerPriority' },
    {
      name: 'class with Never → Never',
      classes: [newPriorityClass('batch', 10, { preemptionPolicy: 'Never' })],
      className: 'batch',
      want: 'Never',
    },
    {
      name: 'class with PreemptLowerPriority',
      classes: [newPriorityClass('high', 10, { preemptionPolicy: 'PreemptLowerPriority' })],
      className: 'high',
      want: 'PreemptLowerPriority',
    },
  ];
  it.each(policies)('spec.preemptionPolicy is resolved: $name', ({ classes, className, want }) => {
    const { api } = world();
    for (const pc of classes) must(api, pc);
    const pod = must(api, newPod('p', className ? { priorityClassName: className } : {}));
    expect(pod.spec?.preemptionPolicy).toBe(want);
  });

  const given: Array<{ name: string; priority: number; ok: boolean }> = [
    { name: 'equal to the computed value is accepted', priority: 0, ok: true },
    { name: 'different from the computed value is refused', priority: 100, ok: false },
  ];
  it.each(given)('spec.priority given in the pod: $name', ({ priority, ok }) => {
    const { api } = world();
    const r = api.create(newPod('p', { priority }));
    expect(r.ok).toBe(ok);
    if (!r.ok)
      expect(r.error.message).toBe(
        'pods "p" is forbidden: the integer value of priority (100) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
      );
  });

  it('only one PriorityClass may be the global default', () => {
    const { api } = world();
    must(api, newPriorityClass('first', 10, { globalDefault: true }));
    const r = api.create(newPriorityClass('second', 20, { globalDefault: true }));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toBe(
        'priorityclasses.scheduling.k8s.io "second" is forbidden: PriorityClass first is already marked as default. Only one default can exist',
      );
  });
});

describe('pod admission: DefaultTolerationSeconds (B7, O4)', () => {
  const notReady300: Toleration = {
    key: 'node.kubernetes.io/not-ready',
    operator: 'Exists',
    effect: 'NoExecute',
    tolerationSeconds: 300,
  };
  const unreachable300: Toleration = {
    key: 'node.kubernetes.io/unreachable',
    operator: 'Exists',
    effect: 'NoExecute',
    tolerationSeconds: 300,
  };
  const daemonNotReady: Toleration = {
    key: 'node.kubernetes.io/not-ready',
    operator: 'Exists',
    effect: 'NoExecute',
  };
  const daemonUnreachable: Toleration = {
    key: 'node.kubernetes.io/unreachable',
    operator: 'Exists',
    effect: 'NoExecute',
  };

  const cases: Array<{ name: string; tolerations: Toleration[] | undefined; added: Toleration[] }> = [
    {
      name: 'ordinary pod gets both 300 s tolerations',
      tolerations: undefined,
      added: [notReady300, unreachable300],
    },
    {
      name: 'daemon pod (tolerates both forever) gets none',
      tolerations: [daemonNotReady, daemonUnreachable],
      added: [],
    },
    { name: 'wildcard toleration covers both', tolerations: [{ operator: 'Exists' }], added: [] },
    {
      name: 'wildcard NoExecute toleration covers both',
      tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
      added: [],
    },
    {
      name: 'wildcard NoSchedule toleration covers neither',
      tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }],
      added: [notReady300, unreachable300],
    },
    {
      name: 'only not-ready tolerated → unreachable added',
      tolerations: [daemonNotReady],
      added: [unreachable300],
    },
    {
      name: 'a key toleration without effect covers that key',
      tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }],
      added: [notReady300],
    },
    {
      name: 'a NoSchedule toleration for the key does not count',
      tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }],
      added: [notReady300, unreachable300],
    },
    {
      name: "the pod's own tolerationSeconds is kept",
      tolerations: [{ ...daemonNotReady, tolerationSeconds: 60 }],
      added: [unreachable300],
    },
    {
      // The plugin matches on key and effect only; operator and value are not looked at.
      name: 'an Equal toleration with a value still counts for its key',
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Equal', value: 'x', effect: 'NoExecute' },
      ],
      added: [unreachable300],
    },
    {
      name: 'other keys do not count',
      tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }],
      added: [notReady300, unreachable300],
    },
  ];
  it.each(cases)('$name', ({ tolerations, added }) => {
    const { api } = world();
    const pod = must(api, newPod('p', tolerations ? { tolerations } : {}));
    expect(pod.spec?.tolerations ?? []).toEqual([...(tolerations ?? []), ...added]);
  });
});

describe('pod admission: status', () => {
  const qos: Array<{
    name: string;
    resources: NonNullable<PodSpec['containers'][number]['resources']>;
    want: string;
  }> = [
    { name: 'no requests or limits', resources: {}, want: 'BestEffort' },
    { name: 'requests only', resources: { requests: { cpu: '100m' } }, want: 'Burstable' },
    {
      name: 'limits equal requests for cpu and memory',
      resources: { limits: { cpu: '1', memory: '1Gi' } },
      want: 'Guaranteed',
    },
    {
      name: 'limits above requests',
      resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } },
      want: 'Burstable',
    },
    { name: 'cpu limit only', resources: { limits: { cpu: '1' } }, want: 'Burstable' },
  ];
  it.each(qos)('phase Pending with qosClass $want: $name', ({ resources, want }) => {
    const { api } = world();
    const pod = must(api, newPod('p', { containers: [{ name: 'c', image: IMAGE, resources }] }));
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: want });
  });

  it('controller pods pass through the same admission (createAs)', () => {
    const { api } = world();
    must(api, newPriorityClass('high', 7));
    const r = api.createAs(newPod('p', { priorityClassName: 'high' }), { actor: 'daemonset-controller' });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect((r.object as Pod).spec?.priority).toBe(7);
      expect((r.object as Pod).spec?.tolerations).toHaveLength(2);
    }
  });
});

describe('pod updates', () => {
  it('keep the status, the admitted priority and the binding', () => {
    const { api } = world();
    must(api, newPriorityClass('high', 1000));
    const created = must(api, newPod('p', { priorityClassName: 'high', nodeName: 'node-a' }));
    const running = setPhase(api, created, 'Running');
    const next = edit(running);
    next.spec!.containers[0]!.image = 'registry.k8s.io/pause:3.10';
    next.status = { phase: 'Failed' };
    delete next.spec!.priority;
    const updated = mustUpdate(api, next);
    expect(updated.status?.phase).toBe('Running');
    expect(updated.spec?.priority).toBe(1000);
    expect(updated.spec?.nodeName).toBe('node-a');
    expect(updated.spec?.containers[0]?.image).toBe('registry.k8s.io/pause:3.10');
  });

  it('may not change other spec fields', () => {
    const { api } = world();
    const created = must(api, newPod('p'));
    const next = edit(created);
    next.spec!.containers[0]!.name = 'renamed';
    const r = api.update(next);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(422);
    expect(
      r.error.message.startsWith(
        'Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than',
      ),
    ).toBe(true);
  });
});

// ---- deletion ----------------------------------------------------------------------------------

describe('graceful deletion of pods', () => {
  type Outcome = 'gone' | { grace: number; deletionTimestamp: string };
  const cases: Array<{
    name: string;
    spec: Partial<PodSpec>;
    phase?: string;
    grace?: number;
    want: Outcome;
  }> = [
    { name: 'unbound pod goes at once', spec: {}, want: 'gone' },
    {
      name: 'bound pod: default 30 s grace',
      spec: { nodeName: 'node-a' },
      want: { grace: 30, deletionTimestamp: '2026-01-01T00:00:40Z' },
    },
    {
      name: 'bound pod: terminationGracePeriodSeconds from its spec',
      spec: { nodeName: 'node-a', terminationGracePeriodSeconds: 5 },
      want: { grace: 5, deletionTimestamp: '2026-01-01T00:00:15Z' },
    },
    {
      name: 'bound pod: explicit grace period wins',
      spec: { nodeName: 'node-a', terminationGracePeriodSeconds: 5 },
      grace: 3,
      want: { grace: 3, deletionTimestamp: '2026-01-01T00:00:13Z' },
    },
    { name: 'bound pod: grace 0 deletes at once', spec: { nodeName: 'node-a' }, grace: 0, want: 'gone' },
    {
      name: 'bound pod with terminationGracePeriodSeconds 0',
      spec: { nodeName: 'node-a', terminationGracePeriodSeconds: 0 },
      want: 'gone',
    },
    { name: 'bound Failed pod goes at once', spec: { nodeName: 'node-a' }, phase: 'Failed', want: 'gone' },
    {
      name: 'bound Succeeded pod goes at once',
      spec: { nodeName: 'node-a' },
      phase: 'Succeeded',
      want: 'gone',
    },
    // pod strategy CheckGracefulDelete: `if period < 0 { period = 1 }`.
    {
      name: 'a negative grace period becomes 1 s',
      spec: { nodeName: 'node-a' },
      grace: -1,
      want: { grace: 1, deletionTimestamp: '2026-01-01T00:00:11Z' },
    },
  ];
  it.each(cases)('$name', ({ spec, phase, grace, want }) => {
    const { clock, api } = world();
    clock.advanceTo(10_000);
    const pod = must(api, newPod('p', spec));
    if (phase) setPhase(api, pod, phase);
    const r = api.delete('Pod', 'default', 'p', grace === undefined ? {} : { gracePeriodSeconds: grace });
    expect(r.ok).toBe(true);
    const stored = api.get('Pod', 'default', 'p');
    if (want === 'gone') {
      expect(stored).toBeUndefined();
      return;
    }
    expect(stored?.metadata?.deletionTimestamp).toBe(want.deletionTimestamp);
    expect(stored?.metadata?.deletionGracePeriodSeconds).toBe(want.grace);
  });

  function terminating() {
    const w = world();
    must(w.api, newPod('p', { nodeName: 'node-a' }));
    w.api.delete('Pod', 'default', 'p');
    w.api.deliverWatchEvents();
    return { ...w, before: w.api.get('Pod', 'default', 'p')! };
  }

  it('a second delete without a grace period changes nothing', () => {
    const { api, before } = terminating();
    const seen: WatchEvent[] = [];
    api.watch('Pod', (e) => seen.push(e));
    api.delete('Pod', 'default', 'p');
    api.deliverWatchEvents();
    expect(api.get('Pod', 'default', 'p')).toBe(before);
    expect(seen).toEqual([]);
  });

  it('a second delete with a longer grace period changes nothing', () => {
    const { api, before } = terminating();
    api.delete('Pod', 'default', 'p', { gracePeriodSeconds: 60 });
    expect(api.get('Pod', 'default', 'p')).toBe(before);
  });

  it('a second delete with grace 0 (force, or the kubelet finishing) removes the pod', () => {
    const { api } = terminating();
    api.delete('Pod', 'default', 'p', { gracePeriodSeconds: 0 });
    expect(api.get('Pod', 'default', 'p')).toBeUndefined();
  });

  // rest.BeforeDelete: "if we are already being deleted, we may only shorten the deletion grace period".
  it('a second delete with a shorter grace period moves deletionTimestamp earlier', () => {
    const { api } = terminating();
    api.delete('Pod', 'default', 'p', { gracePeriodSeconds: 10 });
    const after = api.get('Pod', 'default', 'p');
    expect(after?.metadata?.deletionGracePeriodSeconds).toBe(10);
    expect(after?.metadata?.deletionTimestamp).toBe('2026-01-01T00:00:10Z');
  });
});

describe('deletion with propagation policies and finalizers (I4)', () => {
  const policies: Array<{
    name: string;
    policy: 'Background' | 'Foreground' | 'Orphan' | undefined;
    finalizers: string[] | 'gone';
  }> = [
    { name: 'no policy: gone at once', policy: undefined, finalizers: 'gone' },
    { name: 'Background: gone at once', policy: 'Background', finalizers: 'gone' },
    {
      name: 'Foreground: foregroundDeletion finalizer',
      policy: 'Foreground',
      finalizers: ['foregroundDeletion'],
    },
    { name: 'Orphan: orphan finalizer', policy: 'Orphan', finalizers: ['orphan'] },
  ];
  it.each(policies)('$name', ({ policy, finalizers }) => {
    const { clock, api } = world();
    must(api, newDaemonSet());
    clock.advanceTo(7_000);
    const r = api.delete('DaemonSet', 'default', 'agent', policy ? { propagationPolicy: policy } : {});
    expect(r.ok).toBe(true);
    const stored = api.get('DaemonSet', 'default', 'agent');
    if (finalizers === 'gone') {
      expect(stored).toBeUndefined();
      return;
    }
    expect(stored?.metadata?.finalizers).toEqual(finalizers);
    expect(stored?.metadata?.deletionTimestamp).toBe('2026-01-01T00:00:07Z');
    expect(stored?.metadata?.deletionGracePeriodSeconds).toBe(0);
  });

  // generic registry markAsDeleting: the first deletionTimestamp bumps metadata.generation.
  const bump: Array<'Foreground' | 'Orphan'> = ['Foreground', 'Orphan'];
  it.each(bump)('%s deletion bumps metadata.generation once', (policy) => {
    const { api } = world();
    must(api, newDaemonSet());
    api.delete('DaemonSet', 'default', 'agent', { propagationPolicy: policy });
    expect(api.get('DaemonSet', 'default', 'agent')?.metadata?.generation).toBe(2);
    api.delete('DaemonSet', 'default', 'agent', { propagationPolicy: policy });
    expect(api.get('DaemonSet', 'default', 'agent')?.metadata?.generation).toBe(2);
  });

  it('an object with a finalizer waits for it; removing the last one removes the object', () => {
    const { api } = world();
    must(api, newDaemonSet('agent', {}, { finalizers: ['example.com/hold'] }));
    api.delete('DaemonSet', 'default', 'agent');
    const held = api.get('DaemonSet', 'default', 'agent');
    expect(held?.metadata?.deletionTimestamp).toBeDefined();
    expect(held?.metadata?.finalizers).toEqual(['example.com/hold']);
    api.removeFinalizer('DaemonSet', held!, 'example.com/hold', { actor: 'test' });
    expect(api.get('DaemonSet', 'default', 'agent')).toBeUndefined();
  });

  it('removing a finalizer from an object that is not being deleted keeps the object', () => {
    const { api } = world();
    const ds = must(
      api,
      newDaemonSet('agent', {}, { finalizers: ['example.com/hold', 'example.com/other'] }),
    );
    api.removeFinalizer('DaemonSet', ds, 'example.com/hold', { actor: 'test' });
    expect(api.get('DaemonSet', 'default', 'agent')?.metadata?.finalizers).toEqual(['example.com/other']);
  });

  it('a terminating bound pod stays after its last finalizer goes, until the grace period is over', () => {
    const { api } = world();
    must(api, newPod('p', { nodeName: 'node-a' }, { finalizers: ['example.com/hold'] }));
    api.delete('Pod', 'default', 'p');
    api.removeFinalizer('Pod', api.get('Pod', 'default', 'p')!, 'example.com/hold', { actor: 'test' });
    expect(api.get('Pod', 'default', 'p')?.metadata?.deletionGracePeriodSeconds).toBe(30);
  });
});

// ---- watches, indexes, trusted writes -----------------------------------------------------------

describe('watches', () => {
  it('are delivered only by deliverWatchEvents, in write order, with the old object on MODIFIED', () => {
    const { api } = world();
    const seen: Array<[string, string | undefined, string | undefined]> = [];
    api.watch('Pod', (e) =>
      seen.push([e.type, e.object.metadata?.resourceVersion, e.old?.metadata?.resourceVersion]),
    );
    const created = must(api, newPod('p', { nodeName: 'node-a' }));
    const running = setPhase(api, created, 'Running');
    api.delete('Pod', 'default', 'p', { gracePeriodSeconds: 0 });
    expect(seen).toEqual([]);
    expect(api.hasPendingWatchEvents()).toBe(true);
    expect(api.deliverWatchEvents()).toBe(3);
    expect(api.hasPendingWatchEvents()).toBe(false);
    expect(seen).toEqual([
      ['ADDED', created.metadata?.resourceVersion, undefined],
      ['MODIFIED', running.metadata?.resourceVersion, created.metadata?.resourceVersion],
      ['DELETED', running.metadata?.resourceVersion, undefined],
    ]);
  });

  it('handlers see only their kind', () => {
    const { api } = world();
    const kinds: string[] = [];
    api.watch('Node', (e) => kinds.push(e.kind));
    must(api, newPod('p'));
    must(api, newNode('n'));
    api.deliverWatchEvents();
    expect(kinds).toEqual(['Node']);
  });

  it('writes made by a handler during delivery are delivered in the same call', () => {
    const { api } = world();
    const seen: string[] = [];
    api.watch('Node', (e) => {
      seen.push(`node ${e.type}`);
      if (e.type === 'ADDED') must(api, newPod('follow-up'));
    });
    api.watch('Pod', (e) => seen.push(`pod ${e.type} ${e.object.metadata?.name}`));
    must(api, newNode('n'));
    expect(api.deliverWatchEvents()).toBe(2);
    expect(seen).toEqual(['node ADDED', 'pod ADDED follow-up']);
  });

  it('onWrite sees every write synchronously, with the writer', () => {
    const { api } = world();
    const writes: string[] = [];
    api.onWrite = (e, ctx) => writes.push(`${ctx.actor} ${e.type} ${e.kind}`);
    must(api, newPod('p'));
    api.createAs(newPod('q'), { actor: 'daemonset-controller' });
    expect(writes).toEqual(['kubectl ADDED Pod', 'daemonset-controller ADDED Pod']);
  });
});

describe('indexes', () => {
  it('index existing objects and follow creates, updates and deletes', () => {
    const { api } = world();
    must(api, newPod('early', { nodeName: 'node-a' }));
    api.addIndex('Pod', 'nodeName', (p) => (p.spec?.nodeName ? [p.spec.nodeName] : []));
    must(api, newPod('late', { nodeName: 'node-a' }));
    must(api, newPod('unbound'));
    const names = (node: string) => [...api.byIndex('Pod', 'nodeName', node)].map((p) => p.metadata?.name);
    expect(names('node-a')).toEqual(['early', 'late']);
    expect(api.indexSize('Pod', 'nodeName', 'node-a')).toBe(2);

    const unbound = api.get('Pod', 'default', 'unbound')!;
    api.replace(
      'Pod',
      { ...unbound, spec: { ...unbound.spec!, nodeName: 'node-b' } },
      { actor: 'scheduler' },
    );
    expect(names('node-b')).toEqual(['unbound']);
    const latest = [...api.byIndex('Pod', 'nodeName', 'node-b')][0];
    expect(latest).toBe(api.get('Pod', 'default', 'unbound'));

    api.delete('Pod', 'default', 'early', { gracePeriodSeconds: 0 });
    expect(names('node-a')).toEqual(['late']);
    expect(names('nowhere')).toEqual([]);
    expect(api.indexSize('Pod', 'nodeName', 'nowhere')).toBe(0);
  });

  it('an unknown index is a programming error', () => {
    const { api } = world();
    expect(() => api.byIndex('Pod', 'nope', 'x')).toThrow('no index nope on Pod');
  });
});

describe('trusted writes by controllers', () => {
  it('replace bumps resourceVersion without validation', () => {
    const { api } = world();
    const created = must(api, newDaemonSet());
    const status = {
      currentNumberScheduled: 3,
      numberMisscheduled: 0,
      desiredNumberScheduled: 3,
      numberReady: 1,
    };
    const out = api.replace('DaemonSet', { ...created, status }, { actor: 'daemonset-controller' });
    expect(out?.status).toEqual(status);
    expect(Number(out?.metadata?.resourceVersion)).toBeGreaterThan(Number(created.metadata?.resourceVersion));
  });

  it('replace refuses a stale object (another uid) and a missing one', () => {
    const { api } = world();
    const created = must(api, newDaemonSet());
    const stale = { ...created, metadata: { ...created.metadata, uid: 'other' } };
    expect(api.replace('DaemonSet', stale, { actor: 'x' })).toBeUndefined();
    expect(api.get('DaemonSet', 'default', 'agent')).toBe(created);
    expect(api.replace('DaemonSet', newDaemonSet('ghost'), { actor: 'x' })).toBeUndefined();
  });

  it('replace with a store key writes that key, and refuses one that names another object', () => {
    const { api } = world();
    const a = must(api, newDaemonSet('a'));
    const b = must(api, newDaemonSet('b'));
    const labelled = { ...a, metadata: { ...a.metadata, labels: { x: '1' } } };
    expect(api.replace('DaemonSet', labelled, { actor: 'x' }, 'default/b')).toBeUndefined();
    expect(api.get('DaemonSet', 'default', 'b')).toBe(b);
    expect(api.replace('DaemonSet', labelled, { actor: 'x' }, 'default/a')?.metadata?.labels).toEqual({
      x: '1',
    });
  });

  it('insertTrusted stores the object verbatim plus system metadata', () => {
    const { api } = world();
    const ev = api.insertTrusted(
      'Event',
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'e1', namespace: 'default' },
        involvedObject: { kind: 'Pod', name: 'p' },
        reason: 'R',
      },
      { actor: 'x' },
    );
    expect(ev.reason).toBe('R');
    expect(ev.metadata?.uid).toBeDefined();
    expect(() =>
      api.insertTrusted(
        'Event',
        {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name: 'e1', namespace: 'default' },
          involvedObject: {},
        },
        { actor: 'x' },
      ),
    ).toThrow('events "e1" already exists');
  });
});

describe('node writes stand in for the kubelet', () => {
  it('a node without status registers healthy and Ready, with condition times', () => {
    const { clock, api } = world();
    clock.advanceTo(3_000);
    const node = must(api, newNode('n'));
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
    expect(ready?.status).toBe('True');
    expect(ready?.lastTransitionTime).toBe('2026-01-01T00:00:03Z');
    expect(node.metadata?.labels?.['kubernetes.io/hostname']).toBe('n');
  });

  it("an update without status keeps the reported status; a status given (the kubelet stand-in) moves only a changed condition's transition time", () => {
    const { clock, api } = world();
    const node = must(api, newNode('n'));
    clock.advanceTo(20_000);
    const relabelled = edit(node);
    delete relabelled.status;
    relabelled.metadata!.labels = { ...relabelled.metadata!.labels, zone: 'a' };
    const kept = mustUpdate(api, relabelled);
    expect(kept.status).toEqual(node.status);

    clock.advanceTo(40_000);
    const notReady = edit(kept);
    notReady.status!.conditions = notReady.status!.conditions!.map((c) =>
      c.type === 'Ready'
        ? { type: 'Ready', status: 'False', reason: 'KubeletNotReady' }
        : { type: c.type, status: c.status },
    );
    const updated = mustUpdate(api, notReady);
    const cond = (t: string) => updated.status?.conditions?.find((c) => c.type === t);
    expect(cond('Ready')?.lastTransitionTime).toBe('2026-01-01T00:00:40Z');
    expect(cond('MemoryPressure')?.lastTransitionTime).toBe('2026-01-01T00:00:00Z');
  });
});

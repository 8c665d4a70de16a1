import { describe, expect, it } from 'vitest';
import type { AnyObject, Node, NodeStatus, Pod, PodSpec } from '../api/types.ts';
import { ApiServer } from '../cluster/apiServer.ts';
import { VirtualClock } from '../engine/clock.ts';
import { Rng } from '../engine/rng.ts';
import {
  Kubelets,
  START_DELAY_MS,
  PICKUP_DELAY_MS,
  STOP_DELAY_MS,
  nodeInternalIP,
  nodeReadyStatus,
} from './kubelet.ts';
import { ControlLoop } from '../engine/simulation.ts';

const IMAGE = 'registry.k8s.io/pause:3.9';

// ---- a small world: API server, the kubelets, and a loop that runs them -------------------------

function world(seed = 1) {
  const clock = new VirtualClock();
  const rng = new Rng(seed);
  const api = new ApiServer(clock, rng, { freeze: true });
  api.addIndex('Pod', 'nodeName', (p) => (p.spec?.nodeName ? [p.spec.nodeName] : []));
  const kubelets = new Kubelets(api, rng);
  const phases: Array<{ name: string; phase: string | undefined; atMs: number }> = [];
  api.onWrite = (e, ctx) => {
    if (e.kind === 'Pod' && ctx.actor === 'kubelet' && e.type === 'MODIFIED')
      phases.push({
        name: e.object.metadata?.name ?? '',
        phase: (e.object as Pod).status?.phase,
        atMs: clock.nowMs(),
      });
  };

  const loop = new ControlLoop(clock, api, [kubelets]);
  const settle = (): void => void loop.settle();
  const advance = (seconds: number): void => loop.advanceTo(clock.nowMs() + Math.round(seconds * 1000));
  function create<T extends AnyObject>(obj: T): T {
    const r = api.create(obj);
    if (!r.ok) throw new Error(r.error.message);
    return r.object as T;
  }
  const pod = (name = 'web') => api.get('Pod', 'default', name);
  function setReady(status: string, name = 'node-a'): void {
    const n = api.get('Node', undefined, name)!;
    const conditions = (n.status?.conditions ?? []).map((c) => (c.type === 'Ready' ? { ...c, status } : c));
    api.replace(
      'Node',
      { ...n, status: { ...n.status, conditions } },
      { actor: 'node-lifecycle-controller' },
    );
    settle();
  }
  const runningAt = (name = 'web') => phases.find((p) => p.name === name && p.phase === 'Running')?.atMs;
  const events = () => [...api.list('Event')];
  return { clock, api, kubelets, settle, advance, create, pod, setReady, runningAt, phases, events };
}

function newNode(name = 'node-a', status?: NodeStatus): Node {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name }, ...(status ? { status } : {}) };
}

function sizedNode(name: string, allocatable: Record<string, string>): Node {
  return newNode(name, { capacity: allocatable, allocatable });
}

/** A healthy node (4 CPU, 8Gi, 110 pods) that reports an InternalIP. */
function addressedNode(name: string, ip: string): Node {
  const capacity = { cpu: '4', memory: '8Gi', pods: '110' };
  return newNode(name, { capacity, allocatable: capacity, addresses: [{ type: 'InternalIP', address: ip }] });
}

const TWO_CONTAINERS = [
  { name: 'app', image: 'nginx' },
  { name: 'sidecar', image: 'nginx' },
];

function newPod(name = 'web', spec: Partial<PodSpec> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'app', image: IMAGE }], nodeName: 'node-a', ...spec },
  };
}

const requesting = (name: string, requests: Record<string, string>): Pod =>
  newPod(name, { containers: [{ name: 'app', image: IMAGE, resources: { requests } }] });

const cond = (p: Pod | undefined, type: string) => p?.status?.conditions?.find((c) => c.type === type);

// ---- start-up ----------------------------------------------------------------------------------

describe('Kubelets: a bound pod starts', () => {
  it('start-up constants: containers start 2 s after the pod lands; stop takes 1 s', () => {
    expect([START_DELAY_MS, STOP_DELAY_MS]).toEqual([2000, 1000]);
  });

  it('after the pick-up delay: Pending with ContainerCreating, startTime, hostIP and not-ready conditions', () => {
    const w = world();
    w.create(addressedNode('node-a', '10.0.0.7'));
    w.clock.advanceTo(4_000);
    w.create(
      newPod('web', {
        containers: [
          { name: 'a', image: IMAGE },
          { name: 'b', image: IMAGE },
        ],
      }),
    );
    w.settle();
    // The kubelet's pod worker has not picked the pod up yet.
    expect(w.pod()?.status?.startTime).toBeUndefined();
    w.clock.advanceTo(4_000 + PICKUP_DELAY_MS);
    w.settle();
    const p = w.pod();
    expect(p?.status?.phase).toBe('Pending');
    expect(p?.status?.startTime).toBe('2026-01-01T00:00:04Z');
    expect(p?.status?.hostIP).toBe('10.0.0.7');
    expect(p?.status?.hostIPs).toEqual([{ ip: '10.0.0.7' }]);
    expect(p?.status?.containerStatuses?.map((c) => [c.name, c.ready, c.state?.waiting?.reason])).toEqual([
      ['a', false, 'ContainerCreating'],
      ['b', false, 'ContainerCreating'],
    ]);
    expect(cond(p, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [a b]',
    });
    expect(cond(p, 'ContainersReady')?.status).toBe('False');
    expect(cond(p, 'Initialized')?.status).toBe('True');
    expect(cond(p, 'PodScheduled')?.status).toBe('True');
  });

  it('then Running and Ready after 1–3 s, with a pod IP, running containers and kubelet events', () => {
    const w = world();
    w.create(newNode());
    w.create(newPod());
    w.advance(3);
    const p = w.pod();
    const at = w.runningAt();
    expect(at).toBeGreaterThanOrEqual(1000);
    expect(at).toBeLessThanOrEqual(3000);
    expect(p?.status?.phase).toBe('Running');
    for (const t of ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'])
      expect(cond(p, t)?.status).toBe('True');
    expect(cond(p, 'Ready')?.lastTransitionTime).toBe(w.clock.timestamp(at));
    expect(p?.status?.podIP).toMatch(/^10\.244\.\d+\.\d+$/);
    expect(p?.status?.podIPs).toEqual([{ ip: p?.status?.podIP }]);
    expect(p?.status?.containerStatuses?.[0]).toMatchObject({
      name: 'app',
      ready: true,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: w.clock.timestamp(at) } },
    });
    const evs = w.events();
    expect(evs.map((e) => e.reason)).toEqual(['Pulled', 'Created', 'Started']);
    expect(evs.every((e) => e.source?.component === 'kubelet' && e.source.host === 'node-a')).toBe(true);
    expect(evs.every((e) => e.involvedObject.name === 'web' && e.type === 'Normal')).toBe(true);
    // 1.35 wording; the events are about the container (GenerateContainerRef's fieldPath).
    expect(evs.map((e) => [e.involvedObject.fieldPath, e.message])).toEqual([
      [
        'spec.containers{app}',
        'Container image "registry.k8s.io/pause:3.9" already present on machine and can be accessed by the pod',
      ],
      ['spec.containers{app}', 'Container created'],
      ['spec.containers{app}', 'Container started'],
    ]);
  });

  it('two containers give two events of each kind, told apart by their fieldPath', () => {
    const w = world();
    w.create(newNode());
    w.create(newPod('web', { containers: TWO_CONTAINERS }));
    w.advance(3);
    const started = w.events().filter((e) => e.reason === 'Started');
    // Same message, same pod: without the fieldPath in the correlator's key, the second would only
    // bump the first one's count.
    expect(started.map((e) => [e.involvedObject.fieldPath, e.message, e.count])).toEqual([
      ['spec.containers{app}', 'Container started', 1],
      ['spec.containers{sidecar}', 'Container started', 1],
    ]);
  });

  it('pods that land together start together, 2 s after pick-up', () => {
    const w = world(3);
    w.create(newNode());
    for (let i = 0; i < 5; i++) w.create(newPod(`p${i}`));
    w.advance(5);
    const at = Array.from({ length: 5 }, (_, i) => w.runningAt(`p${i}`));
    expect(at.every((d) => d === PICKUP_DELAY_MS + START_DELAY_MS)).toBe(true);
  });

  it('pod IPs are distinct; a hostNetwork pod uses the node address', () => {
    const w = world();
    w.create(addressedNode('node-a', '10.0.0.7'));
    w.create(newPod('a'));
    w.create(newPod('b'));
    w.create(newPod('host', { hostNetwork: true }));
    w.advance(3);
    expect(w.pod('a')?.status?.podIP).not.toBe(w.pod('b')?.status?.podIP);
    expect(w.pod('host')?.status?.podIP).toBe('10.0.0.7');
  });

  it("an unbound pod is not the kubelet's business", () => {
    const w = world();
    w.create(newNode());
    w.create(newPod('web', { nodeName: '' }));
    w.advance(10);
    expect(w.pod()?.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('a pod bound to a node that does not exist stays as it is', () => {
    const w = world();
    w.create(newPod('web', { nodeName: 'ghost' }));
    w.advance(10);
    expect(w.pod()?.status?.startTime).toBeUndefined();
  });

  it('a node with Ready=False still has a working kubelet', () => {
    const w = world();
    w.create(newNode());
    w.setReady('False');
    w.create(newPod());
    w.advance(3);
    expect(w.pod()?.status?.phase).toBe('Running');
  });
});

// ---- graceful deletion and the silent kubelet ------------------------------------------------------

describe('Kubelets: graceful deletion', () => {
  it('finishes a graceful deletion about 1 s after it was requested', () => {
    const w = world();
    w.create(newNode());
    w.create(newPod());
    w.advance(10);
    w.api.delete('Pod', 'default', 'web');
    expect(w.pod()?.metadata?.deletionGracePeriodSeconds).toBe(30);
    w.advance(0.999);
    expect(w.pod()).toBeDefined();
    w.advance(0.001);
    expect(w.pod()).toBeUndefined();
  });

  it('a graceful deletion begins with a Killing event per running container (killContainer)', () => {
    const w = world();
    w.create(newNode());
    w.create(newPod('web', { containers: TWO_CONTAINERS }));
    w.advance(10);
    w.api.delete('Pod', 'default', 'web');
    w.settle();
    const killing = w.events().filter((e) => e.reason === 'Killing');
    expect(killing.map((e) => [e.involvedObject.fieldPath, e.message, e.lastTimestamp])).toEqual([
      ['spec.containers{app}', 'Stopping container app', w.clock.timestamp()],
      ['spec.containers{sidecar}', 'Stopping container sidecar', w.clock.timestamp()],
    ]);
    expect(w.pod()?.metadata?.deletionTimestamp).toBeDefined();
  });

  it('a pod deleted while its containers are being created has nothing to kill: no Killing event', () => {
    const w = world();
    w.create(newNode());
    w.create(newPod());
    w.advance(1); // picked up (ContainerCreating), not started
    expect(w.pod()?.status?.phase).toBe('Pending');
    w.api.delete('Pod', 'default', 'web');
    w.advance(1);
    expect(w.pod()).toBeUndefined();
    expect(w.events().map((e) => e.reason)).not.toContain('Killing');
  });

  it('a terminating pod on a node with Ready=Unknown stays until the node is back (O5)', () => {
    const w = world();
    w.create(newNode());
    w.create(newPod());
    w.advance(5);
    w.setReady('Unknown');
    w.api.delete('Pod', 'default', 'web');
    w.advance(3600);
    expect(w.pod()?.metadata?.deletionTimestamp).toBeDefined();
    // A silent kubelet kills nothing; back, it stops the containers, then finishes the deletion.
    expect(w.events().map((e) => e.reason)).not.toContain('Killing');
    w.setReady('True');
    w.settle();
    expect(w.events().filter((e) => e.reason === 'Killing')).toHaveLength(1);
    expect(w.pod()).toBeDefined();
    w.advance(1);
    expect(w.pod()).toBeUndefined();
  });

  it('a silent kubelet does not start new pods either; it catches up when the node is back', () => {
    const w = world();
    w.create(newNode());
    w.setReady('Unknown');
    w.create(newPod());
    w.advance(60);
    expect(w.pod()?.status?.startTime).toBeUndefined();
    w.setReady('True');
    w.advance(3);
    expect(w.pod()?.status?.phase).toBe('Running');
  });

  it('a force delete (grace 0) is gone at once, and the kubelet still stops its containers', () => {
    const w = world();
    w.create(newNode());
    const running = w.create(newPod('web', { containers: TWO_CONTAINERS }));
    w.advance(10);
    const last = w.pod()!;
    expect(last.status?.phase).toBe('Running');
    w.api.delete('Pod', 'default', 'web', { gracePeriodSeconds: 0 });
    expect(w.pod()).toBeUndefined();
    w.settle();
    const killing = w.events().filter((e) => e.reason === 'Killing');
    // About the pod as the kubelet last knew it (it no longer exists).
    expect(
      killing.map((e) => [
        e.involvedObject.uid,
        e.involvedObject.resourceVersion,
        e.involvedObject.fieldPath,
      ]),
    ).toEqual([
      [running.metadata?.uid, last.metadata?.resourceVersion, 'spec.containers{app}'],
      [running.metadata?.uid, last.metadata?.resourceVersion, 'spec.containers{sidecar}'],
    ]);
    expect(killing.map((e) => [e.message, e.lastTimestamp])).toEqual([
      ['Stopping container app', w.clock.timestamp()],
      ['Stopping container sidecar', w.clock.timestamp()],
    ]);
  });

  it('a force delete during a graceful one kills nothing twice', () => {
    const w = world();
    w.create(newNode());
    w.create(newPod());
    w.advance(10);
    w.api.delete('Pod', 'default', 'web');
    w.settle();
    w.api.delete('Pod', 'default', 'web', { gracePeriodSeconds: 0 });
    w.advance(5);
    // (A second Killing would be counted on the same event.)
    expect(
      w
        .events()
        .filter((e) => e.reason === 'Killing')
        .map((e) => e.count),
    ).toEqual([1]);
  });

  it("a pod force-deleted on a silent node: its containers are stopped once the node's kubelet is back", () => {
    const w = world();
    w.create(newNode());
    w.create(newPod());
    w.advance(5);
    w.setReady('Unknown');
    w.api.delete('Pod', 'default', 'web', { gracePeriodSeconds: 0 });
    w.advance(600);
    expect(w.events().map((e) => e.reason)).not.toContain('Killing');
    w.setReady('True');
    w.settle();
    expect(
      w
        .events()
        .filter((e) => e.reason === 'Killing')
        .map((e) => e.lastTimestamp),
    ).toEqual([w.clock.timestamp()]);
  });

  it('a pod force-deleted on a silent node that is then deleted: no kubelet is left to kill it', () => {
    const w = world();
    w.create(newNode());
    w.create(newNode('node-b'));
    w.create(newPod());
    w.advance(5);
    w.setReady('Unknown');
    w.api.delete('Pod', 'default', 'web', { gracePeriodSeconds: 0 });
    w.settle(); // the silent kubelet cannot act yet
    w.api.delete('Node', undefined, 'node-a');
    w.advance(600);
    // A node of the same name later registers afresh and turns Ready: not the kubelet that ran the
    // pod, so nothing of it is stopped there.
    w.create(newNode('node-a', { conditions: [{ type: 'Ready', status: 'Unknown' }] }));
    w.setReady('True');
    w.advance(10);
    expect(w.events().map((e) => e.reason)).not.toContain('Killing');
  });

  it('a pod deleted before it started is not resurrected by its start timer', () => {
    const w = world();
    w.create(newNode());
    w.create(newPod());
    w.settle();
    w.api.delete('Pod', 'default', 'web', { gracePeriodSeconds: 0 });
    w.advance(5);
    expect(w.pod()).toBeUndefined();
    expect(w.runningAt()).toBeUndefined();
  });
});

// ---- kubelet admission ---------------------------------------------------------------------------

describe('Kubelets: admission of pods bound by spec.nodeName (N10)', () => {
  const cases: Array<{
    name: string;
    allocatable: Record<string, string>;
    existing: Record<string, string>;
    incoming: Record<string, string>;
    reason: string;
    detail: string;
  }> = [
    {
      name: 'cpu',
      allocatable: { cpu: '1', memory: '8Gi', pods: '110' },
      existing: { cpu: '800m' },
      incoming: { cpu: '500m' },
      reason: 'OutOfcpu',
      detail: "Node didn't have enough resource: cpu, requested: 500, used: 800, capacity: 1000",
    },
    {
      name: 'memory',
      allocatable: { cpu: '4', memory: '1Gi', pods: '110' },
      existing: { memory: '768Mi' },
      incoming: { memory: '512Mi' },
      reason: 'OutOfmemory',
      detail:
        "Node didn't have enough resource: memory, requested: 536870912, used: 805306368, capacity: 1073741824",
    },
    {
      name: 'pods',
      allocatable: { cpu: '4', memory: '8Gi', pods: '1' },
      existing: {},
      incoming: {},
      reason: 'OutOfpods',
      detail: "Node didn't have enough resource: pods, requested: 1, used: 1, capacity: 1",
    },
  ];

  function rejected(c: (typeof cases)[number]) {
    const w = world();
    w.create(sizedNode('node-a', c.allocatable));
    w.create(requesting('first', c.existing));
    w.advance(5);
    w.create(requesting('web', c.incoming));
    w.advance(5);
    return w;
  }

  it.each(cases)('$name: the pod fails with reason $reason', (c) => {
    const w = rejected(c);
    expect(w.pod('first')?.status?.phase).toBe('Running');
    const p = w.pod();
    expect(p?.status?.phase).toBe('Failed');
    expect(p?.status?.reason).toBe(c.reason);
    expect(p?.status?.startTime).toBeDefined();
    expect(w.runningAt('web')).toBeUndefined();
    const ev = w.events().find((e) => e.involvedObject.name === 'web');
    expect(ev).toMatchObject({
      type: 'Warning',
      reason: c.reason,
      source: { component: 'kubelet', host: 'node-a' },
    });
  });

  // kubelet rejectPod: status message "Pod was rejected: " + InsufficientResourceError.Error(); the
  // event carries the error text itself.
  it.each(cases)('$name: status message and event message name requested/used/capacity', (c) => {
    const w = rejected(c);
    expect(w.pod()?.status?.message).toBe(`Pod was rejected: ${c.detail}`);
    expect(w.events().find((e) => e.involvedObject.name === 'web')?.message).toBe(c.detail);
  });

  it('a pod that fits is admitted', () => {
    const w = world();
    w.create(sizedNode('node-a', { cpu: '1', memory: '8Gi', pods: '110' }));
    w.create(requesting('first', { cpu: '500m' }));
    w.create(requesting('web', { cpu: '500m' }));
    w.advance(5);
    expect(w.pod()?.status?.phase).toBe('Running');
  });

  it('failed pods do not count against the node', () => {
    const w = world();
    w.create(sizedNode('node-a', { cpu: '1', memory: '8Gi', pods: '110' }));
    w.create(requesting('first', { cpu: '800m' }));
    w.advance(5);
    w.kubelets.setPodPhase(w.pod('first')!, 'Failed', undefined);
    w.create(requesting('web', { cpu: '500m' }));
    w.advance(5);
    expect(w.pod()?.status?.phase).toBe('Running');
  });
});

// ---- setPodPhase -------------------------------------------------------------------------------

describe('Kubelets.setPodPhase (what the kubelet reports when told to)', () => {
  const cases: Array<{
    name: string;
    phase: 'Running' | 'Failed' | 'Succeeded' | 'Pending';
    ready: boolean | undefined;
    podReady: string;
    readyReason: string | undefined;
    state: Record<string, unknown>;
  }> = [
    {
      name: 'Failed',
      phase: 'Failed',
      ready: undefined,
      podReady: 'False',
      readyReason: 'PodFailed',
      state: { terminated: { exitCode: 1, reason: 'Error' } },
    },
    {
      name: 'Succeeded',
      phase: 'Succeeded',
      ready: undefined,
      podReady: 'False',
      readyReason: 'PodFailed',
      state: { terminated: { exitCode: 0, reason: 'Completed' } },
    },
    {
      name: 'Running, not ready',
      phase: 'Running',
      ready: false,
      podReady: 'False',
      readyReason: 'ContainersNotReady',
      state: { running: {} },
    },
    {
      name: 'Running (ready by default)',
      phase: 'Running',
      ready: undefined,
      podReady: 'True',
      readyReason: undefined,
      state: { running: {} },
    },
  ];
  it.each(cases)('$name', ({ phase, ready, podReady, readyReason, state }) => {
    const w = world();
    w.create(newNode());
    w.create(newPod());
    w.advance(5);
    w.clock.advanceTo(20_000);
    const out = w.kubelets.setPodPhase(w.pod()!, phase, ready);
    expect(out).toBe(w.pod());
    const p = w.pod();
    expect(p?.status?.phase).toBe(phase);
    expect(cond(p, 'Ready')?.status).toBe(podReady);
    expect(cond(p, 'ContainersReady')?.status).toBe(podReady);
    expect(cond(p, 'Ready')?.reason).toBe(readyReason);
    expect(cond(p, 'Ready')?.lastTransitionTime).toBe(
      podReady === 'True' ? w.clock.timestamp(w.runningAt()) : '2026-01-01T00:00:20Z',
    );
    expect(p?.status?.containerStatuses?.[0]?.state).toMatchObject(state);
    expect(p?.status?.containerStatuses?.[0]?.ready).toBe(podReady === 'True');
  });

  it('a Failed pod is not restarted by the kubelet', () => {
    const w = world();
    w.create(newNode());
    w.create(newPod());
    w.advance(5);
    w.kubelets.setPodPhase(w.pod()!, 'Failed', undefined);
    w.advance(60);
    expect(w.pod()?.status?.phase).toBe('Failed');
  });
});

// ---- helpers -------------------------------------------------------------------------------------

describe('node helpers', () => {
  it('nodeInternalIP uses the InternalIP address when reported', () => {
    const node = newNode('n', {
      addresses: [
        { type: 'Hostname', address: 'n' },
        { type: 'InternalIP', address: '192.168.1.5' },
      ],
    });
    expect(nodeInternalIP(node)).toBe('192.168.1.5');
  });

  it('nodeInternalIP otherwise makes up a stable 172.18.x.y address from the name', () => {
    const a = nodeInternalIP(newNode('node-a'));
    expect(a).toMatch(/^172\.18\.\d{1,3}\.\d{1,3}$/);
    expect(nodeInternalIP(newNode('node-a'))).toBe(a);
  });

  // Every node of a real cluster has its own InternalIP; pods' hostIP (and hostNetwork podIP) show it.
  const fleets = [
    ['node-a', 'node-b', 'node-c', 'node-d'],
    ['worker-1', 'worker-2', 'worker-3', 'worker-4'],
    ['kind-worker', 'kind-worker2', 'kind-worker3'],
  ];
  it.each(fleets)('made-up addresses are distinct across typical node names (%s, …)', (...names) => {
    const ips = names.map((n) => nodeInternalIP(newNode(n)));
    expect(new Set(ips).size).toBe(names.length);
  });

  const ready: Array<{ status: string | undefined }> = [
    { status: 'True' },
    { status: 'False' },
    { status: 'Unknown' },
  ];
  it.each(ready)('nodeReadyStatus reads Ready=$status', ({ status }) => {
    const node = newNode('n', { conditions: status ? [{ type: 'Ready', status }] : [] });
    expect(nodeReadyStatus(node)).toBe(status);
  });

  it('nodeReadyStatus of a missing node or condition is undefined', () => {
    expect(nodeReadyStatus(undefined)).toBeUndefined();
    expect(
      nodeReadyStatus(newNode('n', { conditions: [{ type: 'MemoryPressure', status: 'False' }] })),
    ).toBeUndefined();
  });
});

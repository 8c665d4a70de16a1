import { describe, expect, it } from 'vitest';
import type { AnyObject, DaemonSet, DaemonSetSpec, Event, Node, Pod } from '../api/types.ts';
import { KINDS } from '../api/types.ts';
import { keyOf } from '../cluster/objects.ts';
import { createSimulation, type Cascade, type Simulation } from './simulation.ts';

const IMAGE = 'registry.k8s.io/pause:3.9';

const newNode = (name: string): Node => ({ apiVersion: 'v1', kind: 'Node', metadata: { name } });

function newDaemonSet(name = 'agent', spec: Partial<DaemonSetSpec> = {}): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'agent', image: IMAGE }] },
      },
      ...spec,
    },
  };
}

function apply(sim: Simulation, obj: AnyObject): void {
  const r = sim.apply(obj);
  if (!r.ok) throw new Error(r.error.message);
}

/** Nodes plus a DaemonSet, run for `seconds`. */
function cluster(opts: { seed?: number; nodes?: string[]; seconds?: number; ds?: DaemonSet } = {}) {
  const sim = createSimulation({ seed: opts.seed ?? 1, freeze: true });
  for (const n of opts.nodes ?? ['node-a', 'node-b', 'node-c']) apply(sim, newNode(n));
  apply(sim, opts.ds ?? newDaemonSet());
  sim.advance(opts.seconds ?? 10);
  return sim;
}

const pods = (sim: Simulation): Pod[] => [...sim.api.list('Pod')];
const events = (sim: Simulation, reason?: string): Event[] =>
  [...sim.api.list('Event')].filter((e) => reason === undefined || e.reason === reason);

describe('createSimulation: a DaemonSet comes up on every node', () => {
  it('one Running, Ready pod per node after a few seconds', () => {
    const sim = cluster();
    for (const node of ['node-a', 'node-b', 'node-c']) {
      const pod = sim.daemonPodOnNode('default/agent', node);
      expect(pod?.metadata?.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(pod?.spec?.nodeName).toBe(node);
      expect(pod?.status?.phase).toBe('Running');
      expect(pod?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    }
    expect(pods(sim)).toHaveLength(3);
    expect(sim.daemonSet('default/agent')?.status).toMatchObject({
      desiredNumberScheduled: 3,
      currentNumberScheduled: 3,
      numberReady: 3,
      numberMisscheduled: 0,
    });
  });

  it('records the P-table events: SuccessfulCreate on the DaemonSet, Scheduled on each pod', () => {
    const sim = cluster();
    const created = events(sim, 'SuccessfulCreate');
    expect(created.map((e) => e.message).sort()).toEqual(
      pods(sim)
        .map((p) => `Created pod: ${p.metadata?.name}`)
        .sort(),
    );
    expect(
      created.every(
        (e) => e.source?.component === 'daemonset-controller' && e.involvedObject.kind === 'DaemonSet',
      ),
    ).toBe(true);
    const scheduled = events(sim, 'Scheduled')
      .map((e) => e.message)
      .sort();
    expect(scheduled).toEqual(
      pods(sim)
        .map((p) => `Successfully assigned default/${p.metadata?.name} to ${p.spec?.nodeName}`)
        .sort(),
    );
  });

  it('nothing runs until time is advanced', () => {
    const sim = createSimulation({ seed: 1, freeze: true });
    apply(sim, newNode('node-a'));
    apply(sim, newDaemonSet());
    expect(pods(sim)).toHaveLength(0);
    expect(sim.nowMs()).toBe(0);
    sim.advance(0);
    expect(pods(sim)).toHaveLength(1);
    expect(sim.nowMs()).toBe(0);
  });

  it('stored objects are frozen (freeze: true)', () => {
    const sim = cluster();
    for (const o of sim.objects()) expect(Object.isFrozen(o)).toBe(true);
  });

  it('a refused manifest leaves the last good state untouched', () => {
    const sim = cluster();
    const before = sim.daemonSet('default/agent');
    const bad = newDaemonSet('agent', { minReadySeconds: -1 });
    const r = sim.apply(bad);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.kubectlMessage).toBe(
        'The DaemonSet "agent" is invalid: spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0',
      );
    sim.advance(10);
    expect(sim.daemonSet('default/agent')?.metadata?.generation).toBe(before?.metadata?.generation);
    expect(pods(sim)).toHaveLength(3);
  });
});

describe('determinism: time and randomness are inputs', () => {
  function run(seed: number): string {
    const sim = cluster({ seed });
    sim.setPodPhase('default/agent', 'node-b', 'Failed');
    sim.advance(30);
    return JSON.stringify(sim.objects());
  }

  it('the same seed and the same calls give the same objects and events, byte for byte', () => {
    expect(run(42)).toBe(run(42));
  });

  it('another seed gives other pod names', () => {
    const names = (seed: number) =>
      pods(cluster({ seed }))
        .map((p) => p.metadata?.name)
        .sort();
    expect(names(1)).not.toEqual(names(2));
  });
});

describe('time control', () => {
  it('advance moves the clock by exactly the given seconds', () => {
    const sim = cluster({ seconds: 0 });
    sim.advance(2.5);
    expect(sim.nowMs()).toBe(2500);
    sim.advance(60);
    expect(sim.nowMs()).toBe(62_500);
  });

  it('stepToNext jumps to the next due moment; false when nothing is scheduled', () => {
    const sim = createSimulation({ seed: 1, freeze: true });
    expect(sim.stepToNext()).toBe(false);
    apply(sim, newNode('node-a'));
    apply(sim, newDaemonSet());
    const times: number[] = [];
    while (sim.stepToNext()) times.push(sim.nowMs());
    expect(times.length).toBeGreaterThan(0);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(sim.daemonPodOnNode('default/agent', 'node-a')?.status?.phase).toBe('Running');
  });

  it('runUntilQuiet returns the time reached once nothing more is scheduled', () => {
    const sim = createSimulation({ seed: 1, freeze: true });
    apply(sim, newNode('node-a'));
    apply(sim, newDaemonSet());
    const t = sim.runUntilQuiet();
    expect(t).toBe(sim.nowMs());
    expect(t).toBeGreaterThanOrEqual(1000);
    expect(t).toBeLessThanOrEqual(3000);
    expect(sim.clock.nextDue()).toBeUndefined();
  });

  it('runUntilQuiet stops at its limit', () => {
    const sim = createSimulation({ seed: 1, freeze: true });
    apply(sim, newNode('node-a'));
    sim.clock.schedule(10_000_000, () => undefined);
    expect(sim.runUntilQuiet(60)).toBe(0);
  });
});

describe('reading and subscribing', () => {
  it('objects() lists kinds in a fixed order, each sorted by namespace/name', () => {
    const sim = cluster();
    const list = sim.objects();
    const kindIndex = list.map((o) => KINDS.indexOf(o.kind as (typeof KINDS)[number]));
    expect(kindIndex).toEqual([...kindIndex].sort((a, b) => a - b));
    for (const kind of KINDS) {
      const keys = list
        .filter((o) => o.kind === kind)
        .map((o) => keyOf(kind, o.metadata?.namespace, o.metadata?.name ?? ''));
      expect(keys).toEqual([...keys].sort());
    }
    expect(list.filter((o) => o.kind === 'Node').map((o) => o.metadata?.name)).toEqual([
      'node-a',
      'node-b',
      'node-c',
    ]);
  });

  it('onWrite subscribers all see every write with its writer', () => {
    const sim = createSimulation({ seed: 1, freeze: true });
    const a: string[] = [];
    const b: string[] = [];
    sim.onWrite((e, ctx) => a.push(`${ctx.actor}:${e.type}:${e.kind}`));
    sim.onWrite((e) => b.push(e.kind));
    apply(sim, newNode('node-a'));
    apply(sim, newDaemonSet());
    sim.advance(5);
    expect(a.length).toBe(b.length);
    expect(a).toContain('kubectl:ADDED:Node');
    expect(a).toContain('daemonset-controller:ADDED:Pod');
    expect(a).toContain('default-scheduler:MODIFIED:Pod');
    expect(a).toContain('kubelet:MODIFIED:Pod');
  });
});

describe('deleting a DaemonSet (I4)', () => {
  const cascades: Array<{ cascade: Cascade; podsLeft: number; dsRightAfter: boolean }> = [
    { cascade: 'background', podsLeft: 0, dsRightAfter: false },
    { cascade: 'foreground', podsLeft: 0, dsRightAfter: true },
    { cascade: 'orphan', podsLeft: 3, dsRightAfter: false },
  ];
  it.each(cascades)('--cascade=$cascade', ({ cascade, podsLeft, dsRightAfter }) => {
    const sim = cluster();
    const r = sim.delete('DaemonSet', 'default', 'agent', cascade);
    expect(r.ok).toBe(true);
    sim.advance(0);
    expect(sim.daemonSet('default/agent') !== undefined).toBe(dsRightAfter);
    if (dsRightAfter) expect(sim.daemonSet('default/agent')?.metadata?.deletionTimestamp).toBeDefined();
    sim.advance(60);
    expect(sim.daemonSet('default/agent')).toBeUndefined();
    expect(pods(sim)).toHaveLength(podsLeft);
    for (const p of pods(sim)) {
      expect(p.metadata?.ownerReferences ?? []).toEqual([]);
      expect(p.status?.phase).toBe('Running');
    }
    const revisions = [...sim.api.list('ControllerRevision')];
    expect(revisions).toHaveLength(cascade === 'orphan' ? 1 : 0);
  });

  it('deleting a missing DaemonSet is NotFound', () => {
    const sim = cluster();
    const r = sim.delete('DaemonSet', 'default', 'nope');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.kubectlMessage).toBe('Error from server (NotFound): daemonsets.apps "nope" not found');
  });
});

describe('facade helpers', () => {
  it('setPodPhase Failed: the controller kills the failed pod and a new one runs on the node', () => {
    const sim = cluster();
    const old = sim.daemonPodOnNode('default/agent', 'node-a')!;
    const failed = sim.setPodPhase('default/agent', 'node-a', 'Failed');
    expect(failed?.status?.phase).toBe('Failed');
    sim.advance(10);
    const now = sim.daemonPodOnNode('default/agent', 'node-a');
    expect(now?.metadata?.name).not.toBe(old.metadata?.name);
    expect(now?.status?.phase).toBe('Running');
    expect(events(sim, 'FailedDaemonPod').map((e) => [e.type, e.message])).toEqual([
      [
        'Warning',
        `Found failed daemon pod default/${old.metadata?.name} on node node-a, will try to kill it`,
      ],
    ]);
  });

  it('daemonPodOnNode and setPodPhase answer undefined for unknown DaemonSets and nodes', () => {
    const sim = cluster();
    expect(sim.daemonPodOnNode('default/nope', 'node-a')).toBeUndefined();
    expect(sim.daemonPodOnNode('default/agent', 'node-z')).toBeUndefined();
    expect(sim.setPodPhase('default/agent', 'node-z', 'Failed')).toBeUndefined();
  });
});

describe('the cluster around the DaemonSet', () => {
  // kube-apiserver bootstraps system-node-critical and system-cluster-critical at start-up
  // (pkg/registry/scheduling/rest SystemPriorityClasses); node agents commonly use the first.
  it('system priority classes exist from the start, so system-node-critical daemon pods are admitted', () => {
    const ds = newDaemonSet();
    ds.spec!.template.spec!.priorityClassName = 'system-node-critical';
    const sim = cluster({ ds, nodes: ['node-a'] });
    expect(events(sim, 'FailedCreate').map((e) => e.message)).toEqual([]);
    expect(sim.daemonPodOnNode('default/agent', 'node-a')?.spec?.priority).toBe(2000001000);
    expect(sim.api.get('PriorityClass', undefined, 'system-cluster-critical')?.value).toBe(2000000000);
  });

  it('a missing PriorityClass shows up as FailedCreate on the DaemonSet (B7, P)', () => {
    const ds = newDaemonSet();
    ds.spec!.template.spec!.priorityClassName = 'missing';
    const sim = cluster({ ds, nodes: ['node-a'] });
    expect(pods(sim)).toHaveLength(0);
    const failed = events(sim, 'FailedCreate');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]?.type).toBe('Warning');
    expect(failed[0]?.message).toBe(
      'Error creating: pods "agent-" is forbidden: no PriorityClass with name missing was found',
    );
  });

  function withOrdinaryPod(): Simulation {
    const sim = cluster({ nodes: ['node-a'] });
    apply(sim, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', namespace: 'default' },
      spec: { nodeName: 'node-a', containers: [{ name: 'web', image: IMAGE }] },
    });
    sim.advance(5);
    return sim;
  }
  function setReady(sim: Simulation, status: string): void {
    const node = sim.api.get('Node', undefined, 'node-a')!;
    const conditions = node.status!.conditions!.map((c) => (c.type === 'Ready' ? { ...c, status } : c));
    sim.api.replace('Node', { ...node, status: { ...node.status, conditions } }, { actor: 'kubelet' });
  }

  it('a NotReady node keeps its daemon pod; an ordinary pod there is evicted after 300 s (O4)', () => {
    const sim = withOrdinaryPod();
    setReady(sim, 'False');
    sim.advance(299);
    expect(sim.api.get('Pod', 'default', 'web')?.metadata?.deletionTimestamp).toBeUndefined();
    sim.advance(2);
    expect(sim.api.get('Pod', 'default', 'web')).toBeUndefined();
    sim.advance(600);
    expect(sim.daemonPodOnNode('default/agent', 'node-a')?.metadata?.deletionTimestamp).toBeUndefined();
  });

  it('an unreachable node: pods are marked not ready; the evicted ordinary pod stays Terminating (O5)', () => {
    const sim = withOrdinaryPod();
    setReady(sim, 'Unknown');
    sim.advance(301);
    const web = sim.api.get('Pod', 'default', 'web');
    expect(web?.metadata?.deletionTimestamp).toBeDefined();
    sim.advance(3600);
    expect(sim.api.get('Pod', 'default', 'web')?.metadata?.deletionTimestamp).toBe(
      web?.metadata?.deletionTimestamp,
    );
    const daemon = sim.daemonPodOnNode('default/agent', 'node-a');
    expect(daemon?.metadata?.deletionTimestamp).toBeUndefined();
    expect(daemon?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    setReady(sim, 'True');
    sim.advance(5);
    expect(sim.api.get('Pod', 'default', 'web')).toBeUndefined();
  });

  it('a deleted node: its daemon pod is failed and removed by pod GC after 40 s (H9)', () => {
    const sim = cluster({ nodes: ['node-a', 'node-b'] });
    const gone = sim.daemonPodOnNode('default/agent', 'node-b')!;
    sim.delete('Node', undefined, 'node-b');
    sim.advance(39);
    expect(sim.api.get('Pod', 'default', gone.metadata?.name ?? '')).toBeDefined();
    sim.advance(1);
    expect(sim.api.get('Pod', 'default', gone.metadata?.name ?? '')).toBeUndefined();
    expect(pods(sim)).toHaveLength(1);
    expect(sim.daemonSet('default/agent')?.status?.desiredNumberScheduled).toBe(1);
  });
});

// Controller tests in the style of pkg/controller/daemon/daemon_controller_test.go and update_test.go:
// build a world with small builders, run one syncDaemonSet (expectSyncDaemonSets), assert creates,
// deletes and events; then let the whole simulated cluster run and assert what a user would see.
import { describe, expect, it } from 'vitest';
import type { DaemonSet, DaemonSetUpdateStrategy, Pod, Toleration } from '../api/types.ts';
import { createSimulation, type Simulation } from '../engine/simulation.ts';
import {
  addNodes,
  addPods,
  controllerEvents,
  currentHash,
  daemonPods,
  eventsAbout,
  expectSyncDaemonSets,
  failOnHotLoop,
  getDaemonSet,
  isReady,
  markPodsReady,
  mustApply,
  newDaemonSet,
  newNode,
  newPod,
  noExecuteTaints,
  noScheduleTaints,
  noScheduleTolerations,
  nodeNotReadyTaints,
  nodeUnreachableTaints,
  observe,
  onDeleteStrategy,
  podAvailable,
  podCondition,
  podsByNode,
  recordActivity,
  rollingUpdateStrategy,
  setPhase,
  setPodReady,
  simpleDaemonSetLabel,
  simpleDaemonSetLabel2,
  simpleNodeLabel,
  simpleNodeLabel2,
  statusCounters,
  surgeStrategy,
  syncDaemonSet,
  syncOnce,
  tapWrites,
  updateStrategies,
} from '../testing/builders.ts';

const NAME_ALPHABET_RE = /^[bcdfghjklmnpqrstvwxz2456789]{5}$/;

function newSim(): Simulation {
  const sim = createSimulation({ seed: 1, freeze: true });
  failOnHotLoop(sim);
  return sim;
}

/** The (only) non-terminating daemon pod targeting a node, failing the test when there is none. */
function podOn(sim: Simulation, ds: DaemonSet | string, node: string): Pod {
  const pods = podsByNode(sim, ds).get(node) ?? [];
  expect(pods, `daemon pods on ${node}`).toHaveLength(1);
  return pods[0]!;
}

function nodeNames(sim: Simulation, ds: DaemonSet | string): string[] {
  return [...podsByNode(sim, ds).keys()].sort();
}

/** Pods created by one DaemonSet that are not terminating, grouped per node, after the world settled. */
function podCounts(sim: Simulation, ds: DaemonSet | string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [n, pods] of podsByNode(sim, ds)) out[n] = pods.length;
  return out;
}

const DAEMON_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];
const NETWORK_UNAVAILABLE: Toleration = {
  key: 'node.kubernetes.io/network-unavailable',
  operator: 'Exists',
  effect: 'NoSchedule',
};

// ---- E: which nodes get a pod -------------------------------------------------------------

describe.each(updateStrategies())('placement with $type strategy', (strategy) => {
  it('TestSimpleDaemonSetLaunchesPods: one pod on each of 5 nodes', () => {
    const sim = newSim();
    addNodes(sim, 0, 5);
    const ds = mustApply(sim, newDaemonSet('foo', { updateStrategy: strategy }));
    const r = expectSyncDaemonSets(sim, ds, { creates: 5, deletes: 0, events: 0 });
    sim.advance(5);
    expect(nodeNames(sim, ds)).toEqual(['node-0', 'node-1', 'node-2', 'node-3', 'node-4']);
    for (const name of r.creates) {
      const pod = sim.api.get('Pod', 'default', name)!;
      const target =
        pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
          ?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0];
      expect(pod.spec?.nodeName, name).toBe(target);
      expect(pod.status?.phase).toBe('Running');
    }
  });

  it('TestNoNodesDoesNothing: no nodes, no pods, desired 0', () => {
    const sim = newSim();
    const ds = mustApply(sim, newDaemonSet('foo', { updateStrategy: strategy }));
    expectSyncDaemonSets(sim, ds, { creates: 0, deletes: 0 });
    sim.advance(2);
    expect(daemonPods(sim, ds)).toHaveLength(0);
    expect(statusCounters(sim, ds).desiredNumberScheduled).toBe(0);
  });

  it('TestOneNodeDaemonLaunchesPod', () => {
    const sim = newSim();
    mustApply(sim, newNode('only-node'));
    const ds = mustApply(sim, newDaemonSet('foo', { updateStrategy: strategy }));
    expectSyncDaemonSets(sim, ds, { creates: 1, deletes: 0 });
  });

  it('TestSelectorDaemonLaunchesPods: nodeSelector picks 3 of 7 nodes', () => {
    const sim = newSim();
    addNodes(sim, 0, 4);
    addNodes(sim, 4, 3, simpleNodeLabel);
    const ds = mustApply(
      sim,
      newDaemonSet('foo', { updateStrategy: strategy, nodeSelector: simpleNodeLabel }),
    );
    expectSyncDaemonSets(sim, ds, { creates: 3, deletes: 0 });
    sim.advance(1);
    expect(nodeNames(sim, ds)).toEqual(['node-4', 'node-5', 'node-6']);
  });

  it('TestBadSelectorDaemonDoesNothing: nodeSelector matching no node', () => {
    const sim = newSim();
    addNodes(sim, 0, 4);
    addNodes(sim, 4, 3, simpleNodeLabel);
    const ds = mustApply(
      sim,
      newDaemonSet('foo', { updateStrategy: strategy, nodeSelector: simpleNodeLabel2 }),
    );
    expectSyncDaemonSets(sim, ds, { creates: 0, deletes: 0 });
  });

  it('TestSelectorDaemonDeletesUnselectedPods', () => {
    const sim = newSim();
    addNodes(sim, 0, 5);
    addNodes(sim, 5, 5, simpleNodeLabel);
    const ds = mustApply(
      sim,
      newDaemonSet('foo', { updateStrategy: strategy, nodeSelector: simpleNodeLabel }),
    );
    addPods(sim, 'node-0', simpleDaemonSetLabel2, ds, 2); // released, never deleted
    addPods(sim, 'node-1', simpleDaemonSetLabel, ds, 3);
    addPods(sim, 'node-1', simpleDaemonSetLabel2, ds, 1);
    addPods(sim, 'node-4', simpleDaemonSetLabel, ds, 1);
    expectSyncDaemonSets(sim, ds, { creates: 5, deletes: 4 });
  });

  it('TestSelectorDaemonDealsWithExistingPods', () => {
    const sim = newSim();
    addNodes(sim, 0, 5);
    addNodes(sim, 5, 5, simpleNodeLabel);
    const ds = mustApply(
      sim,
      newDaemonSet('foo', { updateStrategy: strategy, nodeSelector: simpleNodeLabel }),
    );
    addPods(sim, 'node-0', simpleDaemonSetLabel, ds, 1);
    addPods(sim, 'node-1', simpleDaemonSetLabel, ds, 3);
    addPods(sim, 'node-1', simpleDaemonSetLabel2, ds, 2);
    addPods(sim, 'node-2', simpleDaemonSetLabel, ds, 4);
    addPods(sim, 'node-6', simpleDaemonSetLabel, ds, 13);
    addPods(sim, 'node-7', simpleDaemonSetLabel2, ds, 4);
    addPods(sim, 'node-9', simpleDaemonSetLabel, ds, 1);
    addPods(sim, 'node-9', simpleDaemonSetLabel2, ds, 1);
    expectSyncDaemonSets(sim, ds, { creates: 3, deletes: 20 });
  });

  it('TestNameDaemonSetLaunchesPods: template nodeName makes one pod, created bound', () => {
    const sim = newSim();
    addNodes(sim, 0, 5);
    const ds = mustApply(sim, newDaemonSet('foo', { updateStrategy: strategy, nodeName: 'node-0' }));
    const r = expectSyncDaemonSets(sim, ds, { creates: 1, deletes: 0 });
    const created = sim.api.get('Pod', 'default', r.creates[0]!)!;
    // Bound at creation: the scheduler never sees it.
    expect(created.spec?.nodeName).toBe('node-0');
    sim.advance(5);
    expect(eventsAbout(sim, 'Pod', created.metadata!.name!, 'Scheduled')).toEqual([]);
    expect(eventsAbout(sim, 'Pod', created.metadata!.name!, 'FailedScheduling')).toEqual([]);
    expect(podOn(sim, ds, 'node-0').status?.phase).toBe('Running');
    expect(nodeNames(sim, ds)).toEqual(['node-0']);
  });

  it('TestBadNameDaemonSetDoesNothing: template nodeName of a missing node', () => {
    const sim = newSim();
    addNodes(sim, 0, 5);
    const ds = mustApply(sim, newDaemonSet('foo', { updateStrategy: strategy, nodeName: 'node-10' }));
    expectSyncDaemonSets(sim, ds, { creates: 0, deletes: 0 });
  });

  it('TestNameAndSelectorDaemonSetLaunchesPods / TestInconsistentNameSelectorDaemonSetDoesNothing', () => {
    const sim = newSim();
    addNodes(sim, 0, 4);
    addNodes(sim, 4, 3, simpleNodeLabel);
    const good = mustApply(
      sim,
      newDaemonSet('good', {
        updateStrategy: strategy,
        nodeName: 'node-6',
        nodeSelector: simpleNodeLabel,
        labels: { app: 'good' },
      }),
    );
    const bad = mustApply(
      sim,
      newDaemonSet('bad', {
        updateStrategy: strategy,
        nodeName: 'node-0',
        nodeSelector: simpleNodeLabel,
        labels: { app: 'bad' },
      }),
    );
    expectSyncDaemonSets(sim, good, { creates: 1, deletes: 0 });
    expectSyncDaemonSets(sim, bad, { creates: 0, deletes: 0 });
  });

  it('TestNoScheduleTaintedDoesntEvicitRunningIntolerantPod', () => {
    const sim = newSim();
    mustApply(sim, newNode('tainted', { taints: noScheduleTaints() }));
    const ds = mustApply(sim, newDaemonSet('intolerant', { updateStrategy: strategy }));
    const [pod] = addPods(sim, 'tainted', simpleDaemonSetLabel, ds, 1);
    expectSyncDaemonSets(sim, ds, { creates: 0, deletes: 0 });
    sim.advance(60);
    expect(podOn(sim, ds, 'tainted').metadata?.uid).toBe(pod!.metadata?.uid);
    const status = getDaemonSet(sim, ds).status;
    expect(status?.desiredNumberScheduled).toBe(0);
    expect(status?.numberMisscheduled).toBe(1);
  });

  it('TestTaintedNodeDaemonDoesNotLaunchIntolerantPod', () => {
    const sim = newSim();
    mustApply(sim, newNode('tainted', { taints: noScheduleTaints() }));
    const ds = mustApply(sim, newDaemonSet('intolerant', { updateStrategy: strategy }));
    expectSyncDaemonSets(sim, ds, { creates: 0, deletes: 0 });
  });

  it('TestTaintedNodeDaemonLaunchesToleratePod', () => {
    const sim = newSim();
    mustApply(sim, newNode('tainted', { taints: noScheduleTaints() }));
    const ds = mustApply(
      sim,
      newDaemonSet('tolerate', { updateStrategy: strategy, tolerations: noScheduleTolerations() }),
    );
    expectSyncDaemonSets(sim, ds, { creates: 1, deletes: 0 });
    sim.advance(5);
    expect(podOn(sim, ds, 'tainted').spec?.nodeName).toBe('tainted');
  });

  it('TestNoExecuteTaintedDoesEvicitRunningIntolerantPod', () => {
    const sim = newSim();
    mustApply(sim, newNode('tainted', { taints: noExecuteTaints() }));
    const ds = mustApply(sim, newDaemonSet('intolerant', { updateStrategy: strategy }));
    const [pod] = addPods(sim, 'tainted', simpleDaemonSetLabel, ds, 1);
    const r = expectSyncDaemonSets(sim, ds, { creates: 0, deletes: 1 });
    expect(r.deletes).toEqual([pod!.metadata?.name]);
    sim.advance(60);
    expect(daemonPods(sim, ds, true)).toEqual([]);
  });

  it('TestNotReadyNodeDaemonLaunchesPod: a not-ready:NoExecute taint alone does not stop the controller', () => {
    const sim = newSim();
    mustApply(
      sim,
      newNode('tainted', {
        taints: nodeNotReadyTaints(),
        conditions: [{ type: 'Ready', status: 'False' }],
      }),
    );
    const ds = mustApply(sim, newDaemonSet('simple', { updateStrategy: strategy }));
    expectSyncDaemonSets(sim, ds, { creates: 1, deletes: 0 });
  });

  it('TestUnreachableNodeDaemonLaunchesPod', () => {
    const sim = newSim();
    mustApply(
      sim,
      newNode('tainted', {
        taints: nodeUnreachableTaints(),
        conditions: [{ type: 'Ready', status: 'Unknown' }],
      }),
    );
    const ds = mustApply(sim, newDaemonSet('simple', { updateStrategy: strategy }));
    expectSyncDaemonSets(sim, ds, { creates: 1, deletes: 0 });
  });

  it('TestTaintPressureNodeDaemonLaunchesPod: pressure NoSchedule taints are tolerated', () => {
    const sim = newSim();
    mustApply(
      sim,
      newNode('resources-pressure', {
        conditions: [
          { type: 'DiskPressure', status: 'True' },
          { type: 'MemoryPressure', status: 'True' },
          { type: 'PIDPressure', status: 'True' },
          { type: 'Ready', status: 'True' },
        ],
        taints: [
          { key: 'node.kubernetes.io/disk-pressure', effect: 'NoSchedule' },
          { key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' },
          { key: 'node.kubernetes.io/pid-pressure', effect: 'NoSchedule' },
        ],
      }),
    );
    const ds = mustApply(sim, newDaemonSet('critical', { updateStrategy: strategy }));
    expectSyncDaemonSets(sim, ds, { creates: 1, deletes: 0 });
  });

  it('TestNetworkUnavailableNodeDaemonLaunchesPod: the controller ignores conditions', () => {
    const sim = newSim();
    mustApply(
      sim,
      newNode('network-unavailable', { conditions: [{ type: 'NetworkUnavailable', status: 'True' }] }),
    );
    const ds = mustApply(sim, newDaemonSet('simple', { updateStrategy: strategy }));
    expectSyncDaemonSets(sim, ds, { creates: 1, deletes: 0 });
  });

  it('TestDaemonSetRespectsTermination: a terminating pod counts as existing', () => {
    const sim = newSim();
    addNodes(sim, 0, 1, simpleNodeLabel);
    const ds = mustApply(sim, newDaemonSet('foo', { updateStrategy: strategy }));
    const [pod] = addPods(sim, 'node-0', simpleDaemonSetLabel, ds, 1);
    sim.delete('Pod', 'default', pod!.metadata!.name!);
    expect(sim.api.get('Pod', 'default', pod!.metadata!.name!)?.metadata?.deletionTimestamp).toBeDefined();
    expectSyncDaemonSets(sim, ds, { creates: 0, deletes: 0 });
  });
});

// Helpers that read a pod's target node the way GetTargetNodeName does.
function getTargetNodeNameOf(pod: Pod): string | undefined {
  return (
    pod.spec?.nodeName ||
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]
      ?.matchFields?.[0]?.values?.[0]
  );
}

describe('node conditions and cordon, with the rest of the cluster running', () => {
  it('a NotReady node (lifecycle adds not-ready NoSchedule too) gets no new pod (E10)', () => {
    const sim = newSim();
    addNodes(sim, 0, 1);
    mustApply(sim, newNode('sick', { conditions: [{ type: 'Ready', status: 'False' }] }));
    sim.settle();
    const taints = sim.api.get('Node', undefined, 'sick')?.spec?.taints?.map((t) => `${t.key}:${t.effect}`);
    expect(taints?.sort()).toEqual([
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/not-ready:NoSchedule',
    ]);
    const ds = mustApply(sim, newDaemonSet('agent'));
    sim.advance(30);
    expect(nodeNames(sim, ds)).toEqual(['node-0']);
    expect(statusCounters(sim, ds).desiredNumberScheduled).toBe(1);
  });

  it('a pod on a node that becomes NotReady stays (tolerated NoExecute) and is misscheduled', () => {
    const sim = newSim();
    addNodes(sim, 0, 2);
    const ds = mustApply(sim, newDaemonSet('agent'));
    sim.advance(5);
    const before = podOn(sim, ds, 'node-1');
    mustApply(sim, newNode('node-1', { conditions: [{ type: 'Ready', status: 'False' }] }));
    sim.advance(600);
    expect(podOn(sim, ds, 'node-1').metadata?.uid).toBe(before.metadata?.uid);
    const status = getDaemonSet(sim, ds).status;
    expect(status?.desiredNumberScheduled).toBe(1);
    expect(status?.currentNumberScheduled).toBe(1);
    expect(status?.numberMisscheduled).toBe(1);
  });

  it('ShouldRunDaemonPodOnUnschedulableNode: a cordoned node gets a pod and the scheduler binds it', () => {
    const sim = newSim();
    mustApply(sim, newNode('cordoned', { unschedulable: true }));
    const ds = mustApply(sim, newDaemonSet('agent'));
    sim.advance(5);
    expect(sim.api.get('Node', undefined, 'cordoned')?.spec?.taints).toContainEqual(
      expect.objectContaining({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }),
    );
    const pod = podOn(sim, ds, 'cordoned');
    expect(pod.spec?.nodeName).toBe('cordoned');
    expect(pod.status?.phase).toBe('Running');
  });

  it('TestInsufficientCapacityNodeSufficientCapacityWithNodeLabelDaemonLaunchPod: no event for lack of room', () => {
    const sim = newSim();
    mustApply(sim, newNode('not-enough-resource', { allocatable: { cpu: '20m', memory: '10M' } }));
    mustApply(
      sim,
      newNode('enough-resource', { labels: simpleNodeLabel, allocatable: { cpu: '200m', memory: '100M' } }),
    );
    const ds = mustApply(
      sim,
      newDaemonSet('foo', {
        nodeSelector: simpleNodeLabel,
        resources: { requests: { cpu: '75m', memory: '50M' } },
      }),
    );
    expectSyncDaemonSets(sim, ds, { creates: 1, deletes: 0, events: 0 });
  });

  it('E11: insufficient cpu still creates the pod; the scheduler keeps it Pending', () => {
    const sim = newSim();
    mustApply(sim, newNode('small', { allocatable: { cpu: '100m' } }));
    mustApply(sim, newNode('big'));
    const ds = mustApply(sim, newDaemonSet('foo', { resources: { requests: { cpu: '200m' } } }));
    expectSyncDaemonSets(sim, ds, { creates: 2, deletes: 0, events: 0 });
    sim.advance(30);
    const small = podOn(sim, ds, 'small');
    expect(small.spec?.nodeName).toBeUndefined();
    expect(small.status?.phase).toBe('Pending');
    expect(podCondition(small, 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable' });
    expect(podOn(sim, ds, 'big').status?.phase).toBe('Running');
    const status = getDaemonSet(sim, ds).status;
    expect(status?.desiredNumberScheduled).toBe(2);
    expect(status?.currentNumberScheduled).toBe(2);
    expect(status?.numberReady).toBe(1);
  });

  it('E11: a host port taken by another pod still creates the pod; it stays Pending', () => {
    const sim = newSim();
    addNodes(sim, 0, 2);
    mustApply(
      sim,
      newPod('web', 'node-0', { app: 'web' }, undefined, { ports: [{ containerPort: 80, hostPort: 666 }] }),
    );
    const ds = mustApply(sim, newDaemonSet('foo', { ports: [{ containerPort: 666, hostPort: 666 }] }));
    expectSyncDaemonSets(sim, ds, { creates: 2, deletes: 0 });
    sim.advance(30);
    expect(podOn(sim, ds, 'node-0').spec?.nodeName).toBeUndefined();
    expect(podCondition(podOn(sim, ds, 'node-0'), 'PodScheduled')?.message).toContain(
      "node(s) didn't have free ports for the requested pod ports",
    );
    expect(podOn(sim, ds, 'node-1').spec?.nodeName).toBe('node-1');
  });

  it('TestPortConflictWithSameDaemonPodDoesNotDeletePod', () => {
    for (const strategy of updateStrategies()) {
      const sim = newSim();
      mustApply(sim, newNode('port-conflict'));
      const ds = mustApply(
        sim,
        newDaemonSet('foo', {
          updateStrategy: strategy,
          nodeName: 'port-conflict',
          ports: [{ containerPort: 666, hostPort: 666 }],
        }),
      );
      addPods(sim, 'port-conflict', simpleDaemonSetLabel, ds, 1);
      expectSyncDaemonSets(sim, ds, { creates: 0, deletes: 0 });
    }
  });

  it('TestNoPortConflictNodeDaemonLaunchesPod', () => {
    const sim = newSim();
    mustApply(sim, newNode('no-port-conflict'));
    mustApply(
      sim,
      newPod('other', 'no-port-conflict', { app: 'other' }, undefined, {
        ports: [{ containerPort: 6661, hostPort: 6661 }],
      }),
    );
    const ds = mustApply(
      sim,
      newDaemonSet('foo', { nodeName: 'no-port-conflict', ports: [{ containerPort: 6662, hostPort: 6662 }] }),
    );
    expectSyncDaemonSets(sim, ds, { creates: 1, deletes: 0 });
    sim.advance(5);
    expect(podOn(sim, ds, 'no-port-conflict').status?.phase).toBe('Running');
  });
});

// ---- G: creation: burst, slow start, expectations ----------------------------------------

describe('burst limit, slow start and expectations (G3, G4, J5)', () => {
  it('300 nodes: the first sync creates 250, the next waits until they are observed, then 50', () => {
    const sim = newSim();
    addNodes(sim, 0, 300);
    const ds = mustApply(sim, newDaemonSet('foo'));
    expectSyncDaemonSets(sim, ds, { creates: 250, deletes: 0 });
    // Nothing observed yet: a second sync only refreshes status.
    const second = syncDaemonSet(sim, ds, { observe: false });
    expect(second).toMatchObject({ synced: true, statusOnly: true, creates: [], deletes: [] });
    observe(sim);
    expectSyncDaemonSets(sim, ds, { creates: 50, deletes: 0 });
    observe(sim);
    expectSyncDaemonSets(sim, ds, { creates: 0, deletes: 0 });
    sim.advance(10);
    expect(daemonPods(sim, ds)).toHaveLength(300);
    expect(statusCounters(sim, ds).numberReady).toBe(300);
  });

  it('settling: every node ends with exactly one pod, created in two waves', () => {
    const sim = newSim();
    addNodes(sim, 0, 300);
    const ds = mustApply(sim, newDaemonSet('foo'));
    const r = syncOnce(sim, ds);
    expect(r.records.filter((x) => x.creates.length > 0).map((x) => x.creates.length)).toEqual([250, 50]);
    expect(new Set(r.creates).size).toBe(300);
    expect(Object.values(podCounts(sim, ds)).every((n) => n === 1)).toBe(true);
  });

  // Upstream walks the node lister's list, so pods are created for nodes in node order whatever
  // order their pods went in. (The controller sorts a few nodes and scans the node list for many:
  // 2 of 40 nodes takes the first way, 2 of 8 the second.)
  it.each([8, 40])('%i nodes: replacement pods are created in node order, not deletion order', (n) => {
    const sim = newSim();
    addNodes(sim, 0, n);
    const ds = mustApply(sim, newDaemonSet('foo'));
    sim.advance(10);
    expect(daemonPods(sim, ds)).toHaveLength(n);
    for (const node of [`node-${n - 2}`, 'node-1']) {
      const pod = podOn(sim, ds, node);
      expect(
        sim.api.delete('Pod', pod.metadata!.namespace, pod.metadata!.name!, { gracePeriodSeconds: 0 }).ok,
      ).toBe(true);
    }
    const r = syncDaemonSet(sim, ds);
    const target = (name: string) =>
      sim.api.get('Pod', 'default', name)?.spec?.affinity?.nodeAffinity
        ?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms[0]?.matchFields?.[0]?.values?.[0];
    expect(r.creates.map(target)).toEqual(['node-1', `node-${n - 2}`]);
  });

  // TestSimpleDaemonSetPodCreateErrors: a reactor lets `limit` creates through and fails the rest.
  // Batches of 1, 2, 4, 8, ...: after the first failing batch the remaining creates are skipped.
  it.each([
    { limit: 0, calls: 1 },
    { limit: 1, calls: 3 },
    { limit: 2, calls: 3 },
    { limit: 3, calls: 7 },
    { limit: 10, calls: 15 },
    { limit: 100, calls: 127 },
    { limit: 249, calls: 250 },
  ])('slow start: $limit creates allowed → $calls create calls', ({ limit, calls }) => {
    const sim = newSim();
    addNodes(sim, 0, 300);
    const ds = mustApply(sim, newDaemonSet('foo'));
    const reactor = failPodCreatesAfter(sim, limit);
    const r = syncDaemonSet(sim, ds);
    expect(reactor.calls).toBe(calls);
    expect(r.creates).toHaveLength(limit);
    // Each source+object may burst 25 events: check the failures while they fit in the burst.
    if (calls <= 25) {
      expect(controllerEvents(r).map((e) => `${e.type} ${e.reason}`)).toEqual(
        Array.from({ length: calls - limit }, () => 'Warning FailedCreate'),
      );
      expect(controllerEvents(r)[0]?.message).toMatch(
        /^Error creating: pods "foo-" is forbidden: exceeded quota/,
      );
    }
    // Skipped creates were taken off the expectations: once the successes are seen, the next sync
    // goes on creating (no 5-minute wait).
    reactor.restore();
    observe(sim);
    const next = syncDaemonSet(sim, ds);
    expect(next.statusOnly).toBe(false);
    expect(next.creates).toHaveLength(Math.min(250, 300 - limit));
  });
});

/**
 * A fake-clientset reactor (upstream FakePodControl.CreateLimit): pod creates beyond `limit` are
 * refused with a quota error. It sits on whichever API server entry point stores the pod.
 */
function failPodCreatesAfter(sim: Simulation, limit: number): { calls: number; restore(): void } {
  const api = sim.api as unknown as Record<string, unknown>;
  const state = { calls: 0, restore: () => {} };
  let nested = false;
  const restorers: Array<() => void> = [];
  for (const method of ['createAs', 'insertPrepared']) {
    const orig = api[method];
    if (typeof orig !== 'function') continue;
    const call = (orig as (...args: unknown[]) => unknown).bind(sim.api);
    api[method] = (obj: { kind?: string; metadata?: { generateName?: string } }, ctx: unknown) => {
      if (nested || obj.kind !== 'Pod') return call(obj, ctx);
      state.calls++;
      if (state.calls > limit) {
        const message = `pods "${obj.metadata?.generateName ?? ''}" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=${limit}, limited: pods=${limit}`;
        return {
          ok: false,
          error: {
            code: 403,
            reason: 'Forbidden',
            message,
            kubectlMessage: `Error from server (Forbidden): ${message}`,
            causes: [],
            kind: 'Pod',
            name: '',
          },
        };
      }
      nested = true;
      try {
        return call(obj, ctx);
      } finally {
        nested = false;
      }
    };
    restorers.push(() => delete api[method]);
  }
  state.restore = () => {
    for (const r of restorers) r();
  };
  return state;
}

// ---- H: per-node reconciliation ----------------------------------------------------------

describe.each(updateStrategies())('existing pods with $type strategy', (strategy) => {
  it('TestDealsWithExistingPods: 1/2/5 pods → 0/1/4 deletes, unmatched pods released', () => {
    const sim = newSim();
    const ds = mustApply(sim, newDaemonSet('foo', { updateStrategy: strategy }));
    addNodes(sim, 0, 5);
    addPods(sim, 'node-1', simpleDaemonSetLabel, ds, 1);
    addPods(sim, 'node-2', simpleDaemonSetLabel, ds, 2);
    addPods(sim, 'node-3', simpleDaemonSetLabel, ds, 5);
    const released = addPods(sim, 'node-4', simpleDaemonSetLabel2, ds, 2);
    const r = expectSyncDaemonSets(sim, ds, { creates: 2, deletes: 5 });
    const createdOn = r.creates.map((n) => getTargetNodeNameOf(sim.api.get('Pod', 'default', n)!)).sort();
    expect(createdOn).toEqual(['node-0', 'node-4']);
    for (const p of released) {
      const now = sim.api.get('Pod', 'default', p.metadata!.name!)!;
      expect(now.metadata?.ownerReferences ?? []).toEqual([]);
      expect(now.metadata?.deletionTimestamp).toBeUndefined();
    }
  });

  it('H4: the oldest pod is kept, bound pods before unbound ones', () => {
    const sim = newSim();
    const ds = mustApply(sim, newDaemonSet('foo', { updateStrategy: strategy }));
    addNodes(sim, 0, 2);
    // Creation timestamps one second apart (the clock moves without running anything).
    const made: Pod[] = [];
    for (let i = 0; i < 5; i++) {
      sim.clock.advanceTo(i * 1000);
      made.push(...addPods(sim, 'node-0', simpleDaemonSetLabel, ds, 1));
    }
    // node-1: an older pod that is not yet bound, and a younger bound one.
    sim.clock.advanceTo(5000);
    const unbound = mustApply(
      sim,
      newPod('unbound-', '', simpleDaemonSetLabel, ds, {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] },
              ],
            },
          },
        },
      }),
    );
    sim.clock.advanceTo(6000);
    const [bound] = addPods(sim, 'node-1', simpleDaemonSetLabel, ds, 1);
    const r = expectSyncDaemonSets(sim, ds, { creates: 0, deletes: 5 });
    expect([...r.deletes].sort()).toEqual(
      [...made.slice(1).map((p) => p.metadata!.name!), unbound.metadata!.name!].sort(),
    );
    expect(r.deletes).not.toContain(made[0]!.metadata!.name);
    expect(r.deletes).not.toContain(bound!.metadata!.name);
  });

  it.each([
    { failed: 0, normal: 1, creates: 0, deletes: 0, events: 0, test: 'normal (do nothing)' },
    { failed: 0, normal: 0, creates: 1, deletes: 0, events: 0, test: 'no pods (create 1)' },
    {
      failed: 1,
      normal: 0,
      creates: 0,
      deletes: 1,
      events: 1,
      test: '1 failed pod (kill 1), create next sync',
    },
    {
      failed: 1,
      normal: 3,
      creates: 0,
      deletes: 3,
      events: 1,
      test: '1 failed pod (kill 1), 3 normal pods (kill 2)',
    },
  ])('TestDaemonKillFailedPods: $test', ({ failed, normal, creates, deletes, events }) => {
    const sim = newSim();
    const ds = mustApply(sim, newDaemonSet('foo', { updateStrategy: strategy }));
    addNodes(sim, 0, 1);
    for (const p of addPods(sim, 'node-0', simpleDaemonSetLabel, ds, failed)) setPhase(sim, p, 'Failed');
    addPods(sim, 'node-0', simpleDaemonSetLabel, ds, normal);
    const r = expectSyncDaemonSets(sim, ds, { creates, deletes, events });
    for (const e of controllerEvents(r)) {
      expect(e.type).toBe('Warning');
      expect(e.reason).toBe('FailedDaemonPod');
      expect(e.message).toMatch(
        /^Found failed daemon pod default\/node-0-\w{5} on node node-0, will try to kill it$/,
      );
    }
  });
});

describe('failed and succeeded daemon pods (H2, H3)', () => {
  it('a failed pod is deleted with FailedDaemonPod, replaced on a later sync', () => {
    const sim = newSim();
    addNodes(sim, 0, 1);
    const ds = mustApply(sim, newDaemonSet('foo'));
    sim.advance(5);
    const pod = setPhase(sim, podOn(sim, ds, 'node-0'), 'Failed');
    const r = syncOnce(sim, ds);
    expect(r.first.deletes).toEqual([pod.metadata?.name]);
    expect(r.first.creates).toEqual([]);
    expect(controllerEvents(r.first)).toEqual([
      {
        type: 'Warning',
        reason: 'FailedDaemonPod',
        message: `Found failed daemon pod default/${pod.metadata?.name} on node node-0, will try to kill it`,
        timeMs: 5000,
      },
    ]);
    expect(r.creates).toHaveLength(1);
    expect(sim.api.get('Pod', 'default', pod.metadata!.name!)).toBeUndefined();
  });

  it('a succeeded pod is deleted with SucceededDaemonPod, without backoff', () => {
    const sim = newSim();
    addNodes(sim, 0, 1);
    const ds = mustApply(sim, newDaemonSet('foo'));
    sim.advance(5);
    const activity = recordActivity(sim, ds);
    const first = setPhase(sim, podOn(sim, ds, 'node-0'), 'Succeeded');
    sim.settle();
    const second = setPhase(sim, podOn(sim, ds, 'node-0'), 'Succeeded');
    sim.settle();
    activity.stop();
    const found = activity.events.filter((e) => e.reason === 'SucceededDaemonPod');
    expect(found.map((e) => [e.type, e.message, e.timeMs])).toEqual([
      [
        'Normal',
        `Found succeeded daemon pod default/${first.metadata?.name} on node node-0, will try to delete it`,
        5000,
      ],
      [
        'Normal',
        `Found succeeded daemon pod default/${second.metadata?.name} on node node-0, will try to delete it`,
        5000,
      ],
    ]);
    expect(activity.records.flatMap((x) => x.deletes)).toEqual([first.metadata?.name, second.metadata?.name]);
  });

  it('TestDaemonKillFailedPodsBackoff: 1 s, then 2 s, 4 s, 8 s between kills of failed pods', () => {
    const sim = newSim();
    addNodes(sim, 0, 1);
    const ds = mustApply(sim, newDaemonSet('foo'));
    sim.advance(5);
    const activity = recordActivity(sim, ds);
    const kills = () => activity.records.filter((x) => x.deletes.length > 0);
    for (let round = 0; round < 5; round++) {
      // Each replacement fails at once, at the instant it is created.
      setPhase(sim, podOn(sim, ds, 'node-0'), 'Failed');
      const seen = kills().length;
      sim.settle();
      for (let guard = 0; kills().length === seen; guard++) {
        expect(guard).toBeLessThan(100);
        expect(sim.stepToNext()).toBe(true);
      }
    }
    activity.stop();
    const killedAt = kills().map((x) => x.timeMs);
    expect(killedAt[0]).toBe(5000);
    expect(killedAt.slice(1).map((t, i) => t - killedAt[i]!)).toEqual([1000, 2000, 4000, 8000]);
    expect(activity.events.filter((e) => e.reason === 'FailedDaemonPod')).toHaveLength(5);
  });

  it('backoff boundary: still in backoff 1 ms before it ends, deleted exactly when it ends', () => {
    const sim = newSim();
    addNodes(sim, 0, 1);
    const ds = mustApply(sim, newDaemonSet('foo'));
    sim.advance(5);
    setPhase(sim, podOn(sim, ds, 'node-0'), 'Failed');
    expect(syncOnce(sim, ds).first.deletes).toHaveLength(1); // t=5s, backoff 1 s starts
    const second = setPhase(sim, podOn(sim, ds, 'node-0'), 'Failed');
    sim.settle();
    sim.advance(0.999);
    expect(sim.api.get('Pod', 'default', second.metadata!.name!)).toBeDefined();
    const r = syncDaemonSet(sim, ds);
    expect(r.deletes).toEqual([]);
    expect(controllerEvents(r)).toEqual([]);
    sim.advance(0.001);
    expect(sim.api.get('Pod', 'default', second.metadata!.name!)).toBeUndefined();
  });
});

// ---- I: ownership ------------------------------------------------------------------------

describe('adoption, release and foreign pods (I1, I2)', () => {
  it('adopts a matching orphan pod instead of creating one', () => {
    const sim = newSim();
    addNodes(sim, 0, 3);
    const orphan = mustApply(sim, newPod('orphan', 'node-0', simpleDaemonSetLabel));
    const ds = mustApply(sim, newDaemonSet('foo'));
    const r = expectSyncDaemonSets(sim, ds, { creates: 2, deletes: 0 });
    expect(r.creates.map((n) => getTargetNodeNameOf(sim.api.get('Pod', 'default', n)!)).sort()).toEqual([
      'node-1',
      'node-2',
    ]);
    expect(sim.api.get('Pod', 'default', 'orphan')?.metadata?.ownerReferences).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        name: 'foo',
        uid: ds.metadata?.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(sim.api.get('Pod', 'default', 'orphan')?.metadata?.uid).toBe(orphan.metadata?.uid);
  });

  it('ignores an orphan whose labels do not match, and creates its own pod there', () => {
    const sim = newSim();
    addNodes(sim, 0, 1);
    mustApply(sim, newPod('stranger', 'node-0', simpleDaemonSetLabel2));
    const ds = mustApply(sim, newDaemonSet('foo'));
    expectSyncDaemonSets(sim, ds, { creates: 1, deletes: 0 });
    expect(sim.api.get('Pod', 'default', 'stranger')?.metadata?.ownerReferences).toBeUndefined();
  });

  it('releases a pod whose labels no longer match and creates a replacement', () => {
    const sim = newSim();
    addNodes(sim, 0, 2);
    const ds = mustApply(sim, newDaemonSet('foo'));
    sim.advance(5);
    const pod = podOn(sim, ds, 'node-1');
    mustApply(sim, { ...pod, metadata: { ...pod.metadata, labels: { name: 'debug-me' } } });
    sim.advance(5);
    const released = sim.api.get('Pod', 'default', pod.metadata!.name!)!;
    expect(released.metadata?.ownerReferences ?? []).toEqual([]);
    expect(released.metadata?.deletionTimestamp).toBeUndefined();
    const replacement = podOn(sim, ds, 'node-1');
    expect(replacement.metadata?.name).not.toBe(pod.metadata?.name);
    expect(replacement.status?.phase).toBe('Running');
  });

  it('leaves pods controlled by someone else alone', () => {
    const sim = newSim();
    addNodes(sim, 0, 2);
    const foreign = mustApply(
      sim,
      newPod('foreign', 'node-0', simpleDaemonSetLabel, undefined, {
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'rs-uid', controller: true },
        ],
      }),
    );
    const ds = mustApply(sim, newDaemonSet('foo'));
    expectSyncDaemonSets(sim, ds, { creates: 2, deletes: 0 });
    sim.advance(10);
    const after = sim.api.get('Pod', 'default', 'foreign')!;
    expect(after.metadata?.ownerReferences).toEqual(foreign.metadata?.ownerReferences);
    expect(after.metadata?.deletionTimestamp).toBeUndefined();
    expect(nodeNames(sim, ds)).toEqual(['node-0', 'node-1']);
  });

  it('overlapping selectors: each DaemonSet keeps its own pod on every node', () => {
    const sim = newSim();
    addNodes(sim, 0, 3);
    const writes = tapWrites(sim);
    const a = mustApply(sim, newDaemonSet('a', { selector: { matchLabels: { name: 'simple-daemon' } } }));
    const b = mustApply(sim, newDaemonSet('b'));
    sim.advance(30);
    writes.stop();
    expect(podCounts(sim, a)).toEqual({ 'node-0': 1, 'node-1': 1, 'node-2': 1 });
    expect(podCounts(sim, b)).toEqual({ 'node-0': 1, 'node-1': 1, 'node-2': 1 });
    expect(writes.writes.filter((w) => w.kind === 'Pod' && w.type === 'DELETED')).toEqual([]);
    expect(writes.writes.filter((w) => w.kind === 'Pod' && w.type === 'ADDED')).toHaveLength(6);
  });
});

// ---- H9: pods of deleted nodes -----------------------------------------------------------

describe('pods whose node is gone (H9)', () => {
  it.each(updateStrategies())(
    'TestDeleteUnscheduledPodForNotExistingNode ($type): only the never-bound pod is deleted',
    (strategy) => {
      const sim = newSim();
      const ds = mustApply(sim, newDaemonSet('foo', { updateStrategy: strategy }));
      addNodes(sim, 0, 1);
      addPods(sim, 'node-0', simpleDaemonSetLabel, ds, 1);
      addPods(sim, 'node-1', simpleDaemonSetLabel, ds, 1);
      const unbound = mustApply(
        sim,
        newPod('pod1-node-3', '', simpleDaemonSetLabel, ds, {
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [
                  { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-2'] }] },
                ],
              },
            },
          },
        }),
      );
      const r = expectSyncDaemonSets(sim, ds, { creates: 0, deletes: 1 });
      expect(r.deletes).toEqual([unbound.metadata?.name]);
    },
  );

  it('a bound pod on a deleted node is left to pod GC, which fails and removes it after 40 s', () => {
    const sim = newSim();
    addNodes(sim, 0, 2);
    const ds = mustApply(sim, newDaemonSet('foo'));
    sim.advance(5);
    const orphaned = podOn(sim, ds, 'node-1');
    const activity = recordActivity(sim, ds);
    const writes = tapWrites(sim);
    sim.delete('Node', undefined, 'node-1');
    sim.advance(39.9);
    const still = sim.api.get('Pod', 'default', orphaned.metadata!.name!);
    expect(still?.metadata?.uid).toBe(orphaned.metadata?.uid);
    expect(still?.metadata?.deletionTimestamp).toBeUndefined();
    expect(still?.status?.phase).not.toBe('Failed');
    sim.advance(0.1);
    activity.stop();
    writes.stop();
    expect(sim.api.get('Pod', 'default', orphaned.metadata!.name!)).toBeUndefined();
    expect(activity.records.flatMap((r) => r.deletes)).toEqual([]);
    const lastWrite = writes.writes
      .filter(
        (w) =>
          w.kind === 'Pod' && w.object.metadata?.name === orphaned.metadata?.name && w.type !== 'DELETED',
      )
      .at(-1)?.object as Pod | undefined;
    expect(lastWrite?.status?.phase).toBe('Failed');
    expect(podCondition(lastWrite, 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'DeletionByPodGC',
      message: 'PodGC: node no longer exists',
    });
    expect(statusCounters(sim, ds).desiredNumberScheduled).toBe(1);
    expect(nodeNames(sim, ds)).toEqual(['node-0']);
  });
});

// ---- K: status ---------------------------------------------------------------------------

describe('status (K)', () => {
  it('K1–K7: desired, current, misscheduled, ready, updated, available, unavailable', () => {
    const sim = newSim();
    addNodes(sim, 0, 2); // node-0, node-1
    mustApply(sim, newNode('node-2', { taints: noScheduleTaints() }));
    addNodes(sim, 3, 2); // node-3, node-4
    const ds = mustApply(
      sim,
      newDaemonSet('foo', { updateStrategy: onDeleteStrategy(), minReadySeconds: 10 }),
    );
    addPods(sim, 'node-2', simpleDaemonSetLabel, ds, 1); // misscheduled
    mustApply(sim, newPod('old-', 'node-3', simpleDaemonSetLabel, ds, { withoutHash: true })); // not updated
    // Started within 3 s; the first requeue after minReadySeconds (the earliest delayed add wins,
    // as in client-go's delaying queue) finds one pod available, the next one all of them.
    sim.advance(25);
    expect(statusCounters(sim, ds)).toEqual({
      desiredNumberScheduled: 4,
      currentNumberScheduled: 4,
      numberMisscheduled: 1,
      numberReady: 4,
      updatedNumberScheduled: 3,
      numberAvailable: 4,
      numberUnavailable: 0,
      observedGeneration: 1,
    });

    setPhase(sim, podOn(sim, ds, 'node-1'), 'Running', false); // not ready
    setPhase(sim, podOn(sim, ds, 'node-4'), 'Running', false);
    setPhase(sim, podOn(sim, ds, 'node-4'), 'Running', true); // ready again since t=25: not yet available
    sim.settle();
    expect(statusCounters(sim, ds)).toEqual({
      desiredNumberScheduled: 4, // node-0, node-1, node-3, node-4
      currentNumberScheduled: 4,
      numberMisscheduled: 1, // node-2
      numberReady: 3, // node-0, node-3, node-4
      updatedNumberScheduled: 3, // node-0, node-1, node-4
      numberAvailable: 2, // node-0, node-3
      numberUnavailable: 2,
      observedGeneration: 1,
    });
    // K12: requeued after minReadySeconds, with no other event, availability is recomputed.
    sim.advance(10);
    expect(statusCounters(sim, ds)).toMatchObject({ numberAvailable: 3, numberUnavailable: 1 });
  });

  it('K2: a Pending pod the scheduler cannot place counts as current, not ready', () => {
    const sim = newSim();
    mustApply(sim, newNode('small', { allocatable: { cpu: '10m' } }));
    const ds = mustApply(sim, newDaemonSet('foo', { resources: { requests: { cpu: '100m' } } }));
    sim.advance(5);
    expect(statusCounters(sim, ds)).toMatchObject({
      desiredNumberScheduled: 1,
      currentNumberScheduled: 1,
      numberReady: 0,
      numberAvailable: 0,
      numberUnavailable: 1,
    });
  });

  it('K8 (TestObservedGeneration): a status-only sync does not raise observedGeneration', () => {
    const sim = newSim();
    addNodes(sim, 0, 2);
    mustApply(sim, newDaemonSet('foo'));
    expectSyncDaemonSets(sim, 'default/foo', { creates: 2, deletes: 0 });
    expect(statusCounters(sim, 'default/foo').observedGeneration).toBe(1);
    const updated = mustApply(sim, {
      ...getDaemonSet(sim, 'default/foo'),
      spec: { ...getDaemonSet(sim, 'default/foo').spec!, minReadySeconds: 5 },
    });
    expect(updated.metadata?.generation).toBe(2);
    const r = syncDaemonSet(sim, 'default/foo', { observe: false }); // creations not observed yet
    expect(r.statusOnly).toBe(true);
    expect(statusCounters(sim, 'default/foo').observedGeneration).toBe(1);
    observe(sim);
    expect(syncDaemonSet(sim, 'default/foo').statusOnly).toBe(false);
    expect(statusCounters(sim, 'default/foo').observedGeneration).toBe(2);
  });

  it('TestDontDoAnythingIfBeingDeleted: no creates, deletes or status writes', () => {
    const sim = newSim();
    addNodes(sim, 0, 3);
    const ds = mustApply(sim, newDaemonSet('foo'));
    sim.advance(5);
    mustApply(sim, newNode('late'));
    sim.delete('DaemonSet', 'default', 'foo', 'foreground');
    const deleting = getDaemonSet(sim, ds);
    expect(deleting.metadata?.deletionTimestamp).toBeDefined();
    const r = syncDaemonSet(sim, ds);
    expect(r).toMatchObject({ synced: false, creates: [], deletes: [] });
    expect(getDaemonSet(sim, ds).metadata?.resourceVersion).toBe(deleting.metadata?.resourceVersion);
    const writes = tapWrites(sim);
    sim.advance(60);
    writes.stop();
    expect(writes.writes.filter((w) => w.kind === 'Pod' && w.type === 'ADDED')).toEqual([]);
    expect(writes.writes.filter((w) => w.kind === 'DaemonSet' && w.actor === 'daemonset-controller')).toEqual(
      [],
    );
    expect(sim.api.get('DaemonSet', 'default', 'foo')).toBeUndefined();
    expect([...sim.api.list('Pod')]).toEqual([]);
  });
});

// ---- F, G: what the created pods look like -------------------------------------------------

describe('created pods (F1, F2, F4, G1, G2)', () => {
  it('carry exactly the F1 tolerations, in order', () => {
    const sim = newSim();
    addNodes(sim, 0, 1);
    const ds = mustApply(sim, newDaemonSet('foo'));
    const r = expectSyncDaemonSets(sim, ds, { creates: 1, deletes: 0 });
    expect(sim.api.get('Pod', 'default', r.creates[0]!)?.spec?.tolerations).toEqual(DAEMON_TOLERATIONS);
  });

  it('with hostNetwork also tolerate network-unavailable, last', () => {
    const sim = newSim();
    addNodes(sim, 0, 1);
    const ds = mustApply(sim, newDaemonSet('foo', { hostNetwork: true }));
    const r = expectSyncDaemonSets(sim, ds, { creates: 1, deletes: 0 });
    expect(sim.api.get('Pod', 'default', r.creates[0]!)?.spec?.tolerations).toEqual([
      ...DAEMON_TOLERATIONS,
      NETWORK_UNAVAILABLE,
    ]);
  });

  it('F2: a same-key/operator/value/effect user toleration is replaced in place; others kept', () => {
    const sim = newSim();
    addNodes(sim, 0, 1);
    const userTolerations: Toleration[] = [
      { key: 'dedicated', operator: 'Equal', value: 'user1', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists' },
    ];
    const ds = mustApply(sim, newDaemonSet('foo', { tolerations: userTolerations }));
    const r = expectSyncDaemonSets(sim, ds, { creates: 1, deletes: 0 });
    expect(sim.api.get('Pod', 'default', r.creates[0]!)?.spec?.tolerations).toEqual([
      { key: 'dedicated', operator: 'Equal', value: 'user1', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      ...DAEMON_TOLERATIONS.slice(2),
    ]);
    // F3: the DaemonSet itself is never modified.
    expect(getDaemonSet(sim, ds).spec?.template.spec?.tolerations).toEqual(userTolerations);
  });

  it('F4: the required affinity becomes one matchFields term; preferred terms and nodeSelector stay', () => {
    const sim = newSim();
    mustApply(sim, newNode('node-0', { labels: { disktype: 'ssd', color: 'blue' } }));
    mustApply(sim, newNode('node-1', { labels: { color: 'blue' } }));
    mustApply(sim, newNode('node-2', { labels: { disktype: 'ssd' } }));
    const preferred = [
      { weight: 10, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } },
    ];
    const ds = mustApply(
      sim,
      newDaemonSet('foo', {
        nodeSelector: { color: 'blue' },
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] },
              ],
            },
            preferredDuringSchedulingIgnoredDuringExecution: preferred,
          },
        },
      }),
    );
    const r = expectSyncDaemonSets(sim, ds, { creates: 1, deletes: 0 });
    const pod = sim.api.get('Pod', 'default', r.creates[0]!)!;
    expect(pod.spec?.affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-0'] }] },
          ],
        },
        preferredDuringSchedulingIgnoredDuringExecution: preferred,
      },
    });
    expect(pod.spec?.nodeSelector).toEqual({ color: 'blue' });
    expect(pod.spec?.nodeName).toBeUndefined();
  });

  it('G1: generateName, name alphabet, labels, annotations and the controller reference', () => {
    const sim = newSim();
    addNodes(sim, 0, 3);
    const ds = mustApply(
      sim,
      newDaemonSet('foo', { annotations: { team: 'infra' }, templateAnnotations: { note: 'from-template' } }),
    );
    const r = expectSyncDaemonSets(sim, ds, { creates: 3, deletes: 0 });
    const revisions = [...sim.api.list('ControllerRevision')];
    expect(revisions).toHaveLength(1);
    const hash = revisions[0]!.metadata?.labels?.['controller-revision-hash'] ?? '';
    expect(hash).toMatch(/^[456789bcdf]{1,10}$/);
    expect(revisions[0]!.metadata?.name).toBe(`foo-${hash}`);
    for (const name of r.creates) {
      const pod = sim.api.get('Pod', 'default', name)!;
      expect(pod.metadata?.generateName).toBe('foo-');
      expect(name.startsWith('foo-')).toBe(true);
      expect(name.slice(4)).toMatch(NAME_ALPHABET_RE);
      expect(pod.metadata?.labels).toEqual({
        ...simpleDaemonSetLabel,
        'pod-template-generation': '1',
        'controller-revision-hash': hash,
      });
      expect(pod.metadata?.annotations).toEqual({ note: 'from-template' });
      expect(pod.metadata?.ownerReferences).toEqual([
        {
          apiVersion: 'apps/v1',
          kind: 'DaemonSet',
          name: 'foo',
          uid: ds.metadata?.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
    }
    expect(new Set(r.creates).size).toBe(3);
  });

  it('G2/H10: SuccessfulCreate and SuccessfulDelete events name the pod', () => {
    const sim = newSim();
    addNodes(sim, 0, 2);
    const ds = mustApply(sim, newDaemonSet('foo', { nodeSelector: { pick: 'me' } }));
    mustApply(sim, newNode('node-0', { labels: { pick: 'me' } }));
    const created = syncOnce(sim, ds);
    expect(created.first.creates).toHaveLength(1);
    const podName = created.first.creates[0]!;
    expect(created.first.events).toEqual([
      { type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${podName}`, timeMs: 0 },
    ]);
    const stored = eventsAbout(sim, 'DaemonSet', 'foo', 'SuccessfulCreate');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      type: 'Normal',
      message: `Created pod: ${podName}`,
      source: { component: 'daemonset-controller' },
      involvedObject: { kind: 'DaemonSet', name: 'foo', namespace: 'default', uid: ds.metadata?.uid },
    });
    sim.advance(5);
    mustApply(sim, newNode('node-0'));
    const deleted = syncOnce(sim, ds);
    expect(deleted.first.deletes).toEqual([podName]);
    expect(deleted.first.events).toEqual([
      { type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${podName}`, timeMs: 5000 },
    ]);
  });
});

// ---- M: update strategies ----------------------------------------------------------------

/** Apply a new image to the DaemonSet's template (a template change: a new revision). */
function bumpImage(sim: Simulation, ds: DaemonSet | string, image: string): DaemonSet {
  const cur = getDaemonSet(sim, ds);
  const spec = cur.spec!;
  const containers = spec.template.spec!.containers.map((c) => ({ ...c, image }));
  return mustApply(sim, {
    ...cur,
    spec: { ...spec, template: { ...spec.template, spec: { ...spec.template.spec!, containers } } },
  });
}

describe('update strategies (M)', () => {
  it('RollingUpdate without surge: never more than maxUnavailable nodes without an available pod', () => {
    const sim = newSim();
    addNodes(sim, 0, 6);
    const ds = mustApply(sim, newDaemonSet('foo', { updateStrategy: rollingUpdateStrategy(2) }));
    sim.advance(5);
    expect(daemonPods(sim, ds).every((p) => podAvailable(sim, p))).toBe(true);
    bumpImage(sim, ds, 'foo/bar:2');
    const hash = currentHash(sim, ds);
    let maxUnavailableSeen = 0;
    let done = false;
    for (let step = 0; step < 400 && !done; step++) {
      sim.advance(0.25);
      const byNode = podsByNode(sim, ds);
      let unavailable = 0;
      for (let i = 0; i < 6; i++) {
        const pods = byNode.get(`node-${i}`) ?? [];
        expect(pods.length, `t+${sim.nowMs()}ms node-${i} pods`).toBeLessThanOrEqual(1);
        if (!pods.some((p) => podAvailable(sim, p))) unavailable++;
      }
      expect(unavailable, `t+${sim.nowMs()}ms`).toBeLessThanOrEqual(2);
      maxUnavailableSeen = Math.max(maxUnavailableSeen, unavailable);
      const pods = daemonPods(sim, ds, true);
      done =
        pods.length === 6 &&
        pods.every((p) => p.metadata?.labels?.['controller-revision-hash'] === hash && podAvailable(sim, p));
    }
    expect(done).toBe(true);
    expect(maxUnavailableSeen).toBe(2);
    expect(statusCounters(sim, ds)).toMatchObject({
      updatedNumberScheduled: 6,
      numberAvailable: 6,
      observedGeneration: 2,
    });
    expect(daemonPods(sim, ds).every((p) => p.metadata?.labels?.['pod-template-generation'] === '2')).toBe(
      true,
    );
  });

  it('RollingUpdate with surge: each node keeps its old pod until the new one is available', () => {
    const sim = newSim();
    addNodes(sim, 0, 4);
    const ds = mustApply(sim, newDaemonSet('foo', { updateStrategy: surgeStrategy(1) }));
    sim.advance(5);
    bumpImage(sim, ds, 'foo/bar:2');
    const hash = currentHash(sim, ds);
    let maxSurging = 0;
    let done = false;
    for (let step = 0; step < 400 && !done; step++) {
      sim.advance(0.25);
      const byNode = podsByNode(sim, ds);
      let surging = 0;
      for (let i = 0; i < 4; i++) {
        const pods = byNode.get(`node-${i}`) ?? [];
        expect(pods.length, `t+${sim.nowMs()}ms node-${i}`).toBeLessThanOrEqual(2);
        expect(
          pods.some((p) => podAvailable(sim, p)),
          `t+${sim.nowMs()}ms node-${i} has an available pod`,
        ).toBe(true);
        if (pods.length === 2) surging++;
      }
      expect(surging).toBeLessThanOrEqual(1);
      maxSurging = Math.max(maxSurging, surging);
      const pods = daemonPods(sim, ds, true);
      done =
        pods.length === 4 &&
        pods.every((p) => p.metadata?.labels?.['controller-revision-hash'] === hash && podAvailable(sim, p));
    }
    expect(done).toBe(true);
    expect(maxSurging).toBe(1);
  });

  it('OnDelete keeps old pods; a pod that goes is recreated from the new template', () => {
    const sim = newSim();
    addNodes(sim, 0, 3);
    const ds = mustApply(sim, newDaemonSet('foo', { updateStrategy: onDeleteStrategy() }));
    sim.advance(5);
    const before = daemonPods(sim, ds)
      .map((p) => p.metadata?.name)
      .sort();
    const oldHash = currentHash(sim, ds);
    bumpImage(sim, ds, 'foo/bar:2');
    const newHash = currentHash(sim, ds);
    expect(newHash).not.toBe(oldHash);
    sim.advance(60);
    expect(
      daemonPods(sim, ds)
        .map((p) => p.metadata?.name)
        .sort(),
    ).toEqual(before);
    expect(
      daemonPods(sim, ds).every((p) => p.metadata?.labels?.['controller-revision-hash'] === oldHash),
    ).toBe(true);
    expect(statusCounters(sim, ds)).toMatchObject({ updatedNumberScheduled: 0, observedGeneration: 2 });

    const victim = podOn(sim, ds, 'node-1');
    sim.delete('Pod', 'default', victim.metadata!.name!);
    sim.advance(10);
    const replacement = podOn(sim, ds, 'node-1');
    expect(replacement.metadata?.name).not.toBe(victim.metadata?.name);
    expect(replacement.metadata?.labels?.['controller-revision-hash']).toBe(newHash);
    expect(replacement.metadata?.labels?.['pod-template-generation']).toBe('2');
    expect(isReady(replacement)).toBe(true);
    expect(statusCounters(sim, ds)).toMatchObject({ updatedNumberScheduled: 1, numberAvailable: 3 });
  });
});

// ---- update_test.go: one sync at a time -------------------------------------------------------
//
// Upstream's fake pod control observes its own creates and deletes at once, so manage and
// rollingUpdate may both act in one sync. Here (as in a real cluster, J2) a sync that creates or
// deletes leaves the rolling-update pass to the next sync, once the informer has caught up (observe).

/** clearExpectations + expectSyncDaemonSets */
function step(sim: Simulation, ds: string, creates: number, deletes: number) {
  observe(sim);
  return expectSyncDaemonSets(sim, ds, { creates, deletes });
}

function setTemplateAndStrategy(
  sim: Simulation,
  ds: string,
  image: string | undefined,
  strategy: DaemonSetUpdateStrategy,
): void {
  const cur = getDaemonSet(sim, ds);
  const spec = cur.spec!;
  const template = image
    ? {
        ...spec.template,
        spec: {
          ...spec.template.spec!,
          containers: spec.template.spec!.containers.map((c) => ({ ...c, image })),
        },
      }
    : spec.template;
  mustApply(sim, { ...cur, spec: { ...spec, template, updateStrategy: strategy } });
}

describe('rolling update, sync by sync (update_test.go)', () => {
  it('TestDaemonSetUpdatesPods: maxUnavailable 2 over 5 nodes', () => {
    const sim = newSim();
    addNodes(sim, 0, 5);
    mustApply(sim, newDaemonSet('foo', { updateStrategy: onDeleteStrategy() }));
    expectSyncDaemonSets(sim, 'default/foo', { creates: 5, deletes: 0 });
    markPodsReady(sim, 'default/foo');
    setTemplateAndStrategy(sim, 'default/foo', 'foo2/bar2', rollingUpdateStrategy(2));
    step(sim, 'default/foo', 0, 2);
    step(sim, 'default/foo', 2, 0);
    markPodsReady(sim, 'default/foo');
    step(sim, 'default/foo', 0, 2);
    step(sim, 'default/foo', 2, 0);
    markPodsReady(sim, 'default/foo');
    step(sim, 'default/foo', 0, 1);
    step(sim, 'default/foo', 1, 0);
    markPodsReady(sim, 'default/foo');
    step(sim, 'default/foo', 0, 0);
    const hash = currentHash(sim, 'default/foo');
    expect(
      daemonPods(sim, 'default/foo').map((p) => p.metadata?.labels?.['controller-revision-hash']),
    ).toEqual(Array.from({ length: 5 }, () => hash));
  });

  it('M2: a percentage rounds up (50% of 3 nodes = 2)', () => {
    const sim = newSim();
    addNodes(sim, 0, 3);
    mustApply(sim, newDaemonSet('foo', { updateStrategy: onDeleteStrategy() }));
    expectSyncDaemonSets(sim, 'default/foo', { creates: 3, deletes: 0 });
    markPodsReady(sim, 'default/foo');
    setTemplateAndStrategy(sim, 'default/foo', 'foo2/bar2', rollingUpdateStrategy('50%'));
    step(sim, 'default/foo', 0, 2);
  });

  it('TestDaemonSetUpdatesWhenNewPosIsNotReady: progress stops at maxUnavailable', () => {
    const sim = newSim();
    addNodes(sim, 0, 5);
    mustApply(sim, newDaemonSet('foo', { updateStrategy: onDeleteStrategy() }));
    expectSyncDaemonSets(sim, 'default/foo', { creates: 5, deletes: 0 });
    markPodsReady(sim, 'default/foo');
    setTemplateAndStrategy(sim, 'default/foo', 'foo2/bar2', rollingUpdateStrategy(3));
    step(sim, 'default/foo', 0, 3);
    step(sim, 'default/foo', 3, 0);
    step(sim, 'default/foo', 0, 0);
    step(sim, 'default/foo', 0, 0);
  });

  it('TestDaemonSetUpdatesAllOldPodsNotReady: unavailable old pods all go at once', () => {
    const sim = newSim();
    addNodes(sim, 0, 5);
    mustApply(sim, newDaemonSet('foo', { updateStrategy: onDeleteStrategy() }));
    expectSyncDaemonSets(sim, 'default/foo', { creates: 5, deletes: 0 });
    setTemplateAndStrategy(sim, 'default/foo', 'foo2/bar2', rollingUpdateStrategy(3));
    step(sim, 'default/foo', 0, 5);
    step(sim, 'default/foo', 5, 0);
    step(sim, 'default/foo', 0, 0);
  });

  it('TestDaemonSetUpdatesNoTemplateChanged: a strategy change restarts nothing', () => {
    const sim = newSim();
    addNodes(sim, 0, 5);
    mustApply(sim, newDaemonSet('foo', { updateStrategy: onDeleteStrategy() }));
    expectSyncDaemonSets(sim, 'default/foo', { creates: 5, deletes: 0 });
    const hash = currentHash(sim, 'default/foo');
    setTemplateAndStrategy(sim, 'default/foo', undefined, rollingUpdateStrategy(3));
    expect(getDaemonSet(sim, 'default/foo').metadata?.generation).toBe(2);
    expect(currentHash(sim, 'default/foo')).toBe(hash);
    step(sim, 'default/foo', 0, 0);
    expect([...sim.api.list('ControllerRevision')]).toHaveLength(1);
  });

  it('TestDaemonSetUpdatesPodsWithMaxSurge: maxSurge 2 over 5 nodes', () => {
    const sim = newSim();
    addNodes(sim, 0, 5);
    mustApply(sim, newDaemonSet('foo', { updateStrategy: onDeleteStrategy() }));
    expectSyncDaemonSets(sim, 'default/foo', { creates: 5, deletes: 0 });
    markPodsReady(sim, 'default/foo');
    setTemplateAndStrategy(sim, 'default/foo', 'foo2/bar2', surgeStrategy(2));
    step(sim, 'default/foo', 2, 0);
    step(sim, 'default/foo', 0, 0);
    markPodsReady(sim, 'default/foo');
    // upstream: 2 creates and 2 deletes in one sync; here the deletes (manage) come first.
    step(sim, 'default/foo', 0, 2);
    step(sim, 'default/foo', 2, 0);
    step(sim, 'default/foo', 0, 0);
    markPodsReady(sim, 'default/foo');
    step(sim, 'default/foo', 0, 2);
    step(sim, 'default/foo', 1, 0);
    step(sim, 'default/foo', 0, 0);
    markPodsReady(sim, 'default/foo');
    step(sim, 'default/foo', 0, 1);
    step(sim, 'default/foo', 0, 0);
    const byNode = podsByNode(sim, 'default/foo');
    expect([...byNode.values()].map((pods) => pods.length)).toEqual([1, 1, 1, 1, 1]);
  });

  it('TestDaemonSetUpdatesAllOldPodsNotReadyMaxSurge: unavailable old pods get a new pod at once', () => {
    const sim = newSim();
    addNodes(sim, 0, 5);
    mustApply(sim, newDaemonSet('foo', { updateStrategy: onDeleteStrategy() }));
    expectSyncDaemonSets(sim, 'default/foo', { creates: 5, deletes: 0 });
    setTemplateAndStrategy(sim, 'default/foo', 'foo2/bar2', surgeStrategy(3));
    step(sim, 'default/foo', 5, 0); // beyond maxSurge: the old pods are not available
    step(sim, 'default/foo', 0, 5); // H6: the old pods are not ready, so they go
    step(sim, 'default/foo', 0, 0);
  });
});

describe('surge: which pods a node keeps (H6)', () => {
  /** Old ready pods at t=50 and t=60, the current-hash pod at t=100; node-2 has one current pod. */
  function surgeWorld(opts: { oldestReady: boolean; minReadySeconds?: number }) {
    const sim = newSim();
    const ds = mustApply(
      sim,
      newDaemonSet('foo', {
        updateStrategy: surgeStrategy(1),
        ...(opts.minReadySeconds ? { minReadySeconds: opts.minReadySeconds } : {}),
      }),
    );
    addNodes(sim, 0, 5);
    sim.clock.advanceTo(50_000);
    const oldest = mustApply(
      sim,
      newPod('node-1-old-', 'node-1', simpleDaemonSetLabel, ds, { withoutHash: true }),
    );
    setPodReady(sim, oldest, opts.oldestReady);
    sim.clock.advanceTo(60_000);
    const excess = mustApply(
      sim,
      newPod('node-1-delete-', 'node-1', simpleDaemonSetLabel, ds, { withoutHash: true }),
    );
    setPodReady(sim, excess, true);
    sim.clock.advanceTo(100_000);
    const current = mustApply(sim, newPod('node-1-', 'node-1', simpleDaemonSetLabel, ds));
    addPods(sim, 'node-2', simpleDaemonSetLabel, ds, 1);
    return { sim, ds, oldest, excess, current };
  }
  const names = (pods: Pod[]) => pods.map((p) => p.metadata!.name!).sort();

  it('TestSurgeDealsWithExistingPods', () => {
    const sim = newSim();
    const ds = mustApply(sim, newDaemonSet('foo', { updateStrategy: surgeStrategy(1) }));
    addNodes(sim, 0, 5);
    addPods(sim, 'node-1', simpleDaemonSetLabel, ds, 1);
    addPods(sim, 'node-2', simpleDaemonSetLabel, ds, 2);
    addPods(sim, 'node-3', simpleDaemonSetLabel, ds, 5);
    addPods(sim, 'node-4', simpleDaemonSetLabel2, ds, 2);
    expectSyncDaemonSets(sim, ds, { creates: 2, deletes: 5 });
  });

  it('TestSurgePreservesReadyOldPods', () => {
    const { sim, ds, excess } = surgeWorld({ oldestReady: true });
    const r = expectSyncDaemonSets(sim, ds, { creates: 3, deletes: 1 });
    expect(r.deletes.sort()).toEqual(names([excess]));
  });

  it('TestSurgeDeletesUnreadyOldPods', () => {
    const { sim, ds, oldest, excess } = surgeWorld({ oldestReady: false });
    const r = expectSyncDaemonSets(sim, ds, { creates: 3, deletes: 2 });
    expect(r.deletes.sort()).toEqual(names([oldest, excess]));
  });

  it('TestSurgePreservesOldReadyWithUnsatisfiedMinReady', () => {
    const { sim, ds, current, excess } = surgeWorld({ oldestReady: true, minReadySeconds: 15 });
    setPodReady(sim, current, true, 100_000);
    sim.clock.advanceTo(110_000); // ready for 10 s of the 15 needed
    const r = expectSyncDaemonSets(sim, ds, { creates: 3, deletes: 1 });
    expect(r.deletes.sort()).toEqual(names([excess]));
  });

  it('TestSurgeDeletesOldReadyWithUnsatisfiedMinReady (the new pod has become available)', () => {
    const { sim, ds, current, oldest, excess } = surgeWorld({ oldestReady: true, minReadySeconds: 15 });
    setPodReady(sim, current, true, 100_000);
    sim.clock.advanceTo(120_000); // ready for 20 s
    const r = expectSyncDaemonSets(sim, ds, { creates: 3, deletes: 2 });
    expect(r.deletes.sort()).toEqual(names([oldest, excess]));
  });

  it('TestSurgeCreatesNewPodWhenAtMaxSurgeAndOldPodDeleted', () => {
    const sim = newSim();
    const ds = mustApply(sim, newDaemonSet('foo', { updateStrategy: surgeStrategy(1) }));
    addNodes(sim, 0, 5);
    for (let i = 0; i < 5; i++) {
      const old = mustApply(
        sim,
        newPod(`node-${i}-old-`, `node-${i}`, simpleDaemonSetLabel, ds, { withoutHash: true }),
      );
      setPodReady(sim, old, true);
      if (i === 4) sim.delete('Pod', 'default', old.metadata!.name!);
    }
    sim.clock.advanceTo(50_000);
    const surging = mustApply(sim, newPod('node-0-', 'node-0', simpleDaemonSetLabel, ds));
    setPodReady(sim, surging, false);
    const r = expectSyncDaemonSets(sim, ds, { creates: 1, deletes: 0 });
    expect(getTargetNodeNameOf(sim.api.get('Pod', 'default', r.creates[0]!)!)).toBe('node-4');
  });
});

// ---- expectations on re-create, history ------------------------------------------------------

describe('expectations and history', () => {
  it('TestExpectationsOnRecreate: a DaemonSet deleted and recreated under the same name starts clean', () => {
    const sim = newSim();
    addNodes(sim, 0, 2);
    mustApply(sim, newDaemonSet('foo'));
    expectSyncDaemonSets(sim, 'default/foo', { creates: 2, deletes: 0 });
    // Deleted and recreated before its creations were observed: deleteDaemonset drops the key's
    // expectations, so the new DaemonSet is not held back by the old one's.
    sim.delete('DaemonSet', 'default', 'foo');
    const again = mustApply(sim, newDaemonSet('foo'));
    const r = expectSyncDaemonSets(sim, again, { creates: 2, deletes: 0 });
    expect(r.statusOnly).toBe(false);
    sim.advance(10);
    expect(nodeNames(sim, again)).toEqual(['node-0', 'node-1']);
    expect(daemonPods(sim, again).every((p) => p.status?.phase === 'Running')).toBe(true);
  });

  it('L3: rolling back to an old template reuses its revision, renumbered, and its hash', () => {
    const sim = newSim();
    addNodes(sim, 0, 3);
    const ds = mustApply(sim, newDaemonSet('foo'));
    sim.advance(5);
    const v1 = currentHash(sim, ds);
    bumpImage(sim, ds, 'foo/bar:2');
    sim.advance(30);
    const v2 = currentHash(sim, ds);
    bumpImage(sim, ds, 'foo/bar:1');
    sim.advance(30);
    expect(currentHash(sim, ds)).toBe(v1);
    const revisions = [...sim.api.list('ControllerRevision')]
      .map((c) => [c.revision, c.metadata?.labels?.['controller-revision-hash']])
      .sort();
    expect(revisions).toEqual([
      [2, v2],
      [3, v1],
    ]);
    expect(getDaemonSet(sim, ds).metadata?.annotations?.['deprecated.daemonset.template.generation']).toBe(
      '3',
    );
    for (const p of daemonPods(sim, ds)) {
      expect(p.metadata?.labels?.['controller-revision-hash']).toBe(v1);
      expect(p.metadata?.labels?.['pod-template-generation']).toBe('3');
    }
    expect(statusCounters(sim, ds)).toMatchObject({
      updatedNumberScheduled: 3,
      numberAvailable: 3,
      observedGeneration: 3,
    });
  });

  it('L4: old revisions beyond the limit go, except those a live pod still uses', () => {
    const sim = newSim();
    addNodes(sim, 0, 2);
    const ds = mustApply(
      sim,
      newDaemonSet('foo', { updateStrategy: onDeleteStrategy(), revisionHistoryLimit: 0 }),
    );
    sim.advance(5);
    const v1 = currentHash(sim, ds);
    bumpImage(sim, ds, 'foo/bar:2');
    sim.advance(5);
    bumpImage(sim, ds, 'foo/bar:3');
    sim.advance(5);
    const v3 = currentHash(sim, ds);
    const hashes = [...sim.api.list('ControllerRevision')]
      .map((c) => c.metadata?.labels?.['controller-revision-hash'])
      .sort();
    expect(hashes).toEqual([v1, v3].sort());
  });
});

describe('more of podsShouldBeOnNode and the update passes', () => {
  it('H7: a failed pod on a node it may not stay on goes without FailedDaemonPod or backoff', () => {
    const sim = newSim();
    mustApply(sim, newNode('tainted', { taints: noExecuteTaints() }));
    const ds = mustApply(sim, newDaemonSet('foo'));
    const [pod] = addPods(sim, 'tainted', simpleDaemonSetLabel, ds, 1);
    setPhase(sim, pod!, 'Failed');
    const r = expectSyncDaemonSets(sim, ds, { creates: 0, deletes: 1, events: 0 });
    expect(r.deletes).toEqual([pod!.metadata?.name]);
  });

  it('H8: on a NoSchedule-tainted node a failed pod is still deleted, and not replaced', () => {
    const sim = newSim();
    mustApply(sim, newNode('tainted', { taints: noScheduleTaints() }));
    const ds = mustApply(sim, newDaemonSet('foo'));
    const [pod] = addPods(sim, 'tainted', simpleDaemonSetLabel, ds, 1);
    setPhase(sim, pod!, 'Failed');
    expectSyncDaemonSets(sim, ds, { creates: 0, deletes: 1, events: 1 });
    observe(sim);
    expectSyncDaemonSets(sim, ds, { creates: 0, deletes: 0 });
  });

  it('N10: a pod bound by template nodeName that the kubelet rejects (OutOfcpu) churns with backoff', () => {
    const sim = newSim();
    mustApply(sim, newNode('node-0', { allocatable: { cpu: '100m' } }));
    const ds = mustApply(
      sim,
      newDaemonSet('foo', { nodeName: 'node-0', resources: { requests: { cpu: '1' } } }),
    );
    const writes = tapWrites(sim);
    const activity = recordActivity(sim, ds);
    sim.advance(20);
    activity.stop();
    writes.stop();
    const rejected = writes.writes.filter(
      (w) => w.kind === 'Pod' && w.actor === 'kubelet' && (w.object as Pod).status?.phase === 'Failed',
    );
    expect(rejected.length).toBeGreaterThanOrEqual(3);
    expect((rejected[0]!.object as Pod).status?.reason).toBe('OutOfcpu');
    const kills = activity.events.filter((e) => e.reason === 'FailedDaemonPod').map((e) => e.timeMs);
    expect(kills.length).toBeGreaterThanOrEqual(3);
    const gaps = kills.slice(1).map((t, i) => t - kills[i]!);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]!).toBeGreaterThan(gaps[i - 1]!);
  });

  it('M3: a rolling update removes an available old pod from a node that should no longer run it', () => {
    const sim = newSim();
    addNodes(sim, 0, 2);
    const ds = mustApply(sim, newDaemonSet('foo'));
    sim.advance(5);
    mustApply(sim, newNode('node-1', { taints: noScheduleTaints() }));
    sim.advance(5);
    expect(statusCounters(sim, ds).numberMisscheduled).toBe(1);
    bumpImage(sim, ds, 'foo/bar:2');
    sim.advance(30);
    expect(nodeNames(sim, ds)).toEqual(['node-0']);
    expect(podOn(sim, ds, 'node-0').metadata?.labels?.['controller-revision-hash']).toBe(
      currentHash(sim, ds),
    );
    expect(statusCounters(sim, ds).numberMisscheduled).toBe(0);
  });

  it('a status-only sync whose status equals the stored one writes nothing (no resync loop)', () => {
    const sim = newSim();
    addNodes(sim, 0, 2);
    mustApply(sim, newDaemonSet('foo'));
    expectSyncDaemonSets(sim, 'default/foo', { creates: 2, deletes: 0 });
    const cur = getDaemonSet(sim, 'default/foo');
    mustApply(sim, { ...cur, spec: { ...cur.spec!, minReadySeconds: 5 } });
    expect(syncDaemonSet(sim, 'default/foo', { observe: false }).statusOnly).toBe(true);
    const before = getDaemonSet(sim, 'default/foo');
    expect(syncDaemonSet(sim, 'default/foo', { observe: false }).statusOnly).toBe(true);
    // storeDaemonSetStatus sends UpdateStatus (observedGeneration < generation), but an update that
    // changes nothing is a no-op for the API server: no new resourceVersion, no watch event.
    expect(getDaemonSet(sim, 'default/foo').metadata?.resourceVersion).toBe(before.metadata?.resourceVersion);
  });

  it('E8: a toleration with tolerationSeconds makes the pod churn: evicted, then recreated', () => {
    const sim = newSim();
    mustApply(sim, newNode('node-0', { taints: noExecuteTaints() }));
    const ds = mustApply(
      sim,
      newDaemonSet('foo', {
        tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }],
      }),
    );
    sim.advance(5);
    const first = podOn(sim, ds, 'node-0');
    sim.advance(10);
    const second = podOn(sim, ds, 'node-0');
    expect(second.metadata?.uid).not.toBe(first.metadata?.uid);
    expect(
      eventsAbout(sim, 'Pod', first.metadata!.name!, 'TaintManagerEviction').map((e) => e.message),
    ).toContain(`Marking for deletion Pod default/${first.metadata?.name}`);
  });
});

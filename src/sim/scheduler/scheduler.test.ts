// The default scheduler as a daemon pod meets it: the FitError message (N8) with its preemption
// part, the PodScheduled condition and FailedScheduling event (N7), retries when room is freed,
// preemption of lower-priority pods (N9), and ordinary pods going to some feasible node.
import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types.ts';
import { createSimulation, type Simulation } from '../engine/simulation.ts';
import {
  addNodes,
  eventsAbout,
  failOnHotLoop,
  mustApply,
  newDaemonSet,
  newNode,
  newPod,
  newPriorityClass,
  noScheduleTaints,
  podCondition,
  podsByNode,
  syncDaemonSet,
  tapWrites,
} from '../testing/builders.ts';

function newSim(): Simulation {
  const sim = createSimulation({ seed: 1, freeze: true });
  failOnHotLoop(sim);
  return sim;
}

function daemonPodOn(sim: Simulation, node: string, ds = 'default/agent'): Pod {
  const pods = podsByNode(sim, ds).get(node) ?? [];
  expect(pods, `daemon pods on ${node}`).toHaveLength(1);
  return pods[0]!;
}

const AFFINITY_2 = "2 node(s) didn't satisfy plugin(s) [NodeAffinity]";
const NOT_HELPFUL_2 = '2 Preemption is not helpful for scheduling';
const NO_VICTIMS_1 = '1 No preemption victims found for incoming pod';

describe('FitError message for a daemon pod on a 3-node cluster (N8)', () => {
  it.each([
    {
      name: 'insufficient cpu on the target',
      setup(sim: Simulation) {
        mustApply(sim, newNode('node-0', { allocatable: { cpu: '100m' } }));
        addNodes(sim, 1, 2);
        return newDaemonSet('agent', { resources: { requests: { cpu: '200m' } } });
      },
      message: `0/3 nodes are available: 1 Insufficient cpu, ${AFFINITY_2}. preemption: 0/3 nodes are available: ${NO_VICTIMS_1}, ${NOT_HELPFUL_2}.`,
    },
    {
      name: 'too many pods on the target',
      setup(sim: Simulation) {
        mustApply(sim, newNode('node-0', { allocatable: { pods: '1' } }));
        addNodes(sim, 1, 2);
        mustApply(sim, newPod('hog', 'node-0', { app: 'hog' }));
        return newDaemonSet('agent');
      },
      message: `0/3 nodes are available: 1 Too many pods, ${AFFINITY_2}. preemption: 0/3 nodes are available: ${NO_VICTIMS_1}, ${NOT_HELPFUL_2}.`,
    },
    {
      name: 'host port taken on the target',
      setup(sim: Simulation) {
        addNodes(sim, 0, 3);
        mustApply(
          sim,
          newPod('web', 'node-0', { app: 'web' }, undefined, {
            ports: [{ containerPort: 80, hostPort: 8080 }],
          }),
        );
        return newDaemonSet('agent', { ports: [{ containerPort: 8080, hostPort: 8080 }] });
      },
      message: `0/3 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, ${AFFINITY_2}. preemption: 0/3 nodes are available: ${NO_VICTIMS_1}, ${NOT_HELPFUL_2}.`,
    },
  ])('$name', ({ setup, message }) => {
    const sim = newSim();
    mustApply(sim, setup(sim));
    sim.advance(5);
    const pod = daemonPodOn(sim, 'node-0');
    expect(pod.spec?.nodeName).toBeUndefined();
    expect(pod.status?.phase).toBe('Pending');
    expect(podCondition(pod, 'PodScheduled')).toMatchObject({
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
      message,
    });
    const failed = eventsAbout(sim, 'Pod', pod.metadata!.name!, 'FailedScheduling');
    expect(failed).toHaveLength(1);
    // Recorded through events.k8s.io: a reporting controller and instance, an action and an
    // eventTime, and no core/v1 source, timestamps or count.
    expect(failed[0]).toMatchObject({
      type: 'Warning',
      message,
      action: 'Scheduling',
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-control-plane',
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      eventTime: '2026-01-01T00:00:00.000000Z',
      involvedObject: { kind: 'Pod', name: pod.metadata?.name, namespace: 'default', uid: pod.metadata?.uid },
    });
    expect(failed[0]).not.toHaveProperty('count');
    // The other daemon pods were bound and announced.
    for (const node of ['node-1', 'node-2']) {
      const other = daemonPodOn(sim, node);
      expect(other.spec?.nodeName).toBe(node);
      expect(eventsAbout(sim, 'Pod', other.metadata!.name!, 'Scheduled').map((e) => e.message)).toEqual([
        `Successfully assigned default/${other.metadata?.name} to ${node}`,
      ]);
    }
  });

  it('untolerated taint on the target: preemption is not helpful anywhere', () => {
    const sim = newSim();
    addNodes(sim, 0, 3);
    const ds = mustApply(sim, newDaemonSet('agent'));
    // The controller creates the pods, then the target is tainted before the scheduler runs.
    expect(syncDaemonSet(sim, ds).creates).toHaveLength(3);
    mustApply(sim, newNode('node-0', { taints: noScheduleTaints() }));
    sim.advance(5);
    const pod = daemonPodOn(sim, 'node-0');
    const message = `0/3 nodes are available: 1 node(s) had untolerated taint(s), ${AFFINITY_2}. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`;
    expect(pod.spec?.nodeName).toBeUndefined();
    expect(podCondition(pod, 'PodScheduled')).toMatchObject({
      status: 'False',
      reason: 'Unschedulable',
      message,
    });
    expect(eventsAbout(sim, 'Pod', pod.metadata!.name!, 'FailedScheduling').map((e) => e.message)).toEqual([
      message,
    ]);
  });

  it('a pod without PreFilter narrowing: one reason per node, sorted', () => {
    const sim = newSim();
    mustApply(sim, newNode('node-0', { taints: noScheduleTaints() }));
    mustApply(sim, newNode('node-1', { unschedulable: true }));
    mustApply(sim, newNode('node-2', { allocatable: { cpu: '1' } }));
    mustApply(sim, newPod('big', '', { app: 'big' }, undefined, { resources: { requests: { cpu: '2' } } }));
    sim.advance(5);
    const pod = sim.api.get('Pod', 'default', 'big')!;
    expect(pod.spec?.nodeName).toBeUndefined();
    expect(podCondition(pod, 'PodScheduled')?.message).toBe(
      '0/3 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint(s), 1 node(s) were unschedulable. ' +
        `preemption: 0/3 nodes are available: ${NO_VICTIMS_1}, ${NOT_HELPFUL_2}.`,
    );
  });
});

describe('binding (N7)', () => {
  it('a pending daemon pod is bound once the pod occupying its node is gone', () => {
    const sim = newSim();
    mustApply(sim, newNode('node-0', { allocatable: { pods: '1' } }));
    addNodes(sim, 1, 2);
    mustApply(sim, newPod('hog', 'node-0', { app: 'hog' }));
    mustApply(sim, newDaemonSet('agent'));
    sim.advance(5);
    const pending = daemonPodOn(sim, 'node-0');
    expect(pending.spec?.nodeName).toBeUndefined();
    sim.delete('Pod', 'default', 'hog');
    sim.advance(15);
    expect(sim.api.get('Pod', 'default', 'hog')).toBeUndefined();
    const bound = daemonPodOn(sim, 'node-0');
    expect(bound.metadata?.uid).toBe(pending.metadata?.uid);
    expect(bound.spec?.nodeName).toBe('node-0');
    expect(podCondition(bound, 'PodScheduled')?.status).toBe('True');
    expect(bound.status?.phase).toBe('Running');
    expect(eventsAbout(sim, 'Pod', bound.metadata!.name!, 'Scheduled').map((e) => e.message)).toEqual([
      `Successfully assigned default/${bound.metadata?.name} to node-0`,
    ]);
  });

  it('a pod without affinity is bound to the one feasible node', () => {
    const sim = newSim();
    mustApply(sim, newNode('node-0', { taints: noScheduleTaints() }));
    mustApply(sim, newNode('node-1', { unschedulable: true }));
    mustApply(sim, newNode('node-2'));
    mustApply(sim, newPod('web', '', { app: 'web' }));
    sim.advance(5);
    const pod = sim.api.get('Pod', 'default', 'web')!;
    expect(pod.spec?.nodeName).toBe('node-2');
    expect(pod.status?.phase).toBe('Running');
    expect(eventsAbout(sim, 'Pod', 'web', 'Scheduled').map((e) => e.message)).toEqual([
      'Successfully assigned default/web to node-2',
    ]);
    expect(eventsAbout(sim, 'Pod', 'web', 'FailedScheduling')).toEqual([]);
  });

  it('a pod without affinity goes to some feasible node, never to an infeasible one', () => {
    const sim = newSim();
    addNodes(sim, 0, 3);
    mustApply(sim, newNode('full', { allocatable: { cpu: '100m' } }));
    for (let i = 0; i < 6; i++)
      mustApply(
        sim,
        newPod(`web-${i}`, '', { app: 'web' }, undefined, { resources: { requests: { cpu: '500m' } } }),
      );
    sim.advance(5);
    for (let i = 0; i < 6; i++) {
      const node = sim.api.get('Pod', 'default', `web-${i}`)?.spec?.nodeName;
      expect(['node-0', 'node-1', 'node-2']).toContain(node);
    }
  });
});

describe('preemption (N9)', () => {
  it('a higher-priority daemon pod preempts a lower-priority pod, is nominated, then bound', () => {
    const sim = newSim();
    mustApply(sim, newPriorityClass('high', 1000));
    addNodes(sim, 0, 3);
    const victim = mustApply(
      sim,
      newPod('low', 'node-0', { app: 'low' }, undefined, { resources: { requests: { cpu: '3' } } }),
    );
    sim.advance(5); // the victim is running
    const running = sim.api.get('Pod', 'default', 'low');
    expect(running?.status?.phase).toBe('Running');
    const writes = tapWrites(sim);
    mustApply(
      sim,
      newDaemonSet('agent', { priorityClassName: 'high', resources: { requests: { cpu: '2' } } }),
    );
    sim.settle();

    // In between: the victim is marked and terminating, the daemon pod nominated but not bound.
    const marked = sim.api.get('Pod', 'default', 'low')!;
    expect(marked.metadata?.deletionTimestamp).toBeDefined();
    expect(podCondition(marked, 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'PreemptionByScheduler',
    });
    const preempted = eventsAbout(sim, 'Pod', 'low', 'Preempted');
    expect(preempted).toHaveLength(1);
    // About the victim as the scheduler found it (before its DisruptionTarget condition), with the
    // preemptor as the related object.
    expect(preempted[0]).toMatchObject({
      type: 'Normal',
      action: 'Preempting',
      reportingComponent: 'default-scheduler',
      message: `Preempted by pod ${daemonPodOn(sim, 'node-0').metadata?.uid} on node node-0`,
      involvedObject: { kind: 'Pod', name: 'low', resourceVersion: running?.metadata?.resourceVersion },
      related: {
        kind: 'Pod',
        apiVersion: 'v1',
        namespace: 'default',
        name: daemonPodOn(sim, 'node-0').metadata?.name,
        uid: daemonPodOn(sim, 'node-0').metadata?.uid,
      },
    });
    const nominated = daemonPodOn(sim, 'node-0');
    expect(nominated.spec?.priority).toBe(1000);
    expect(nominated.spec?.nodeName).toBeUndefined();
    expect(nominated.status?.nominatedNodeName).toBe('node-0');

    sim.advance(15);
    writes.stop();
    expect(sim.api.get('Pod', 'default', 'low')).toBeUndefined();
    const bound = daemonPodOn(sim, 'node-0');
    expect(bound.metadata?.uid).toBe(nominated.metadata?.uid);
    expect(bound.spec?.nodeName).toBe('node-0');
    expect(bound.status?.nominatedNodeName).toBeUndefined();
    expect(bound.status?.phase).toBe('Running');
    // The daemon pod was bound only after the victim was gone.
    const victimGone = writes.writes.findIndex(
      (w) => w.kind === 'Pod' && w.type === 'DELETED' && w.object.metadata?.uid === victim.metadata?.uid,
    );
    const boundAt = writes.writes.findIndex(
      (w) =>
        w.kind === 'Pod' &&
        w.object.metadata?.uid === bound.metadata?.uid &&
        !!(w.object as Pod).spec?.nodeName,
    );
    expect(victimGone).toBeGreaterThanOrEqual(0);
    expect(boundAt).toBeGreaterThan(victimGone);
  });

  it('pods of equal priority are never preempted', () => {
    const sim = newSim();
    addNodes(sim, 0, 1);
    mustApply(
      sim,
      newPod('peer', 'node-0', { app: 'peer' }, undefined, { resources: { requests: { cpu: '3' } } }),
    );
    mustApply(sim, newDaemonSet('agent', { resources: { requests: { cpu: '2' } } }));
    sim.advance(30);
    expect(sim.api.get('Pod', 'default', 'peer')?.metadata?.deletionTimestamp).toBeUndefined();
    expect(eventsAbout(sim, 'Pod', 'peer', 'Preempted')).toEqual([]);
    const pod = daemonPodOn(sim, 'node-0');
    expect(pod.spec?.nodeName).toBeUndefined();
    expect(podCondition(pod, 'PodScheduled')?.message).toBe(
      `0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: ${NO_VICTIMS_1}.`,
    );
  });
});

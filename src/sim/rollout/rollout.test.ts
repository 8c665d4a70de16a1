// kubectl rollout history|undo|status over the simulated cluster: the exact texts kubectl prints
// (polymorphichelpers history.go, rollback.go, rollout_status.go; cmd/rollout/*.go; describe.go) and
// the playground's stall explanations.
import { describe, expect, it } from 'vitest';
import type { DaemonSet, DaemonSetUpdateStrategy, Node } from '../api/types.ts';
import { createSimulation, type Simulation } from '../engine/simulation.ts';
import { parseScenario } from '../scenario/parse.ts';
import { runScenario } from '../scenario/runner.ts';
import {
  daemonPods,
  failOnHotLoop,
  mustApply,
  newDaemonSet,
  newNode,
  newPod,
  onDeleteStrategy,
  podsByNode,
  rollingUpdateStrategy,
  surgeStrategy,
  type DaemonSetOptions,
} from '../testing/builders.ts';
import {
  rolloutHistory,
  rolloutHistoryRevision,
  rolloutProgress,
  rolloutStatus,
  rolloutUndo,
} from './rollout.ts';

const NODES = ['node-a', 'node-b', 'node-c'];

function newSim(nodes: Node[] = NODES.map((n) => newNode(n))): Simulation {
  const sim = createSimulation({ seed: 1, freeze: true });
  failOnHotLoop(sim);
  for (const n of nodes) mustApply(sim, n);
  return sim;
}

/** Apply the DaemonSet `agent` (as `kubectl apply` would) with the given image and options. */
function applyAgent(sim: Simulation, image: string, opts: DaemonSetOptions = {}): DaemonSet {
  return mustApply(
    sim,
    newDaemonSet('agent', {
      labels: { app: 'agent' },
      updateStrategy: rollingUpdateStrategy(1),
      image,
      ...opts,
    }),
  );
}

function ok<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}

function status(sim: Simulation) {
  return ok(rolloutStatus(sim, 'default', 'agent'));
}

const silentNode = (name: string): Node =>
  newNode(name, {
    conditions: [
      {
        type: 'Ready',
        status: 'Unknown',
        reason: 'NodeStatusUnknown',
        message: 'Kubelet stopped posting node status.',
      },
    ],
  });

/** Three nodes running agent at v1, rolled out. */
function rolledOut(
  strategy: DaemonSetUpdateStrategy = rollingUpdateStrategy(1),
  opts: DaemonSetOptions = {},
) {
  const sim = newSim();
  applyAgent(sim, 'agent:v1', { updateStrategy: strategy, ...opts });
  sim.advance(30);
  return sim;
}

describe('rollout history', () => {
  it('prints the REVISION / CHANGE-CAUSE table under the name line, as kubectl does', () => {
    const sim = rolledOut();
    applyAgent(sim, 'agent:v2', {
      annotations: { 'kubernetes.io/change-cause': 'kubectl set image ds/agent agent=agent:v2' },
    });
    sim.advance(60);
    const h = ok(rolloutHistory(sim, 'default', 'agent'));
    // The name printer adds " " + operation, and the operation starts with "\n": a trailing space.
    expect(h.output).toBe(
      'daemonset.apps/agent \n' +
        'REVISION  CHANGE-CAUSE\n' +
        '1         <none>\n' +
        '2         kubectl set image ds/agent agent=agent:v2\n' +
        '\n',
    );
    expect(h.revisions.map((r) => [r.revision, r.current, r.template.spec?.containers[0]?.image])).toEqual([
      [1, false, 'agent:v1'],
      [2, true, 'agent:v2'],
    ]);
    expect(h.revisions[1]!.name).toBe(`agent-${h.revisions[1]!.hash}`);
    expect(h.revisions[1]!.changeCause).toBe('kubectl set image ds/agent agent=agent:v2');
    expect(h.revisions[0]).not.toHaveProperty('changeCause');
  });

  it('pads the REVISION column to its widest cell plus two (text/tabwriter)', () => {
    const sim = rolledOut();
    for (let i = 2; i <= 12; i++) {
      applyAgent(sim, `agent:v${i}`);
      sim.advance(60);
    }
    const h = ok(rolloutHistory(sim, 'default', 'agent'));
    // revisionHistoryLimit 10 keeps ten old revisions plus the current one.
    expect(h.output.split('\n').slice(1, 4)).toEqual([
      'REVISION  CHANGE-CAUSE',
      '2         <none>',
      '3         <none>',
    ]);
    expect(h.output.endsWith('12        <none>\n\n')).toBe(true);
  });

  it('says so when there is no history, and 404s for a missing DaemonSet', () => {
    const sim = newSim();
    applyAgent(sim, 'agent:v1');
    // Nothing has run yet: the controller has not snapshotted a revision.
    expect(ok(rolloutHistory(sim, 'default', 'agent')).output).toBe(
      'daemonset.apps/agent \nNo rollout history found.\n',
    );
    expect(rolloutHistory(sim, 'default', 'nope')).toEqual({
      ok: false,
      error: 'daemonsets.apps "nope" not found',
      kubectlMessage: 'Error from server (NotFound): daemonsets.apps "nope" not found',
    });
  });

  it('--revision=N describes the revision pod template (DescribePodTemplate, tabs as printed)', () => {
    const sim = newSim();
    mustApply(sim, {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'default' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: {
          metadata: {
            labels: { app: 'agent', tier: 'node' },
            annotations: { 'example.com/owner': 'platform' },
          },
          spec: {
            serviceAccountName: 'agent',
            priorityClassName: 'system-node-critical',
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            tolerations: [
              { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
              { operator: 'Exists' },
              {
                key: 'dedicated',
                operator: 'Equal',
                value: 'agents',
                effect: 'NoExecute',
                tolerationSeconds: 60,
              },
            ],
            containers: [
              {
                name: 'agent',
                image: 'agent:v1',
                args: ['--verbose'],
                ports: [{ containerPort: 9100, hostPort: 9100, name: 'metrics' }],
                resources: { limits: { memory: '200Mi' }, requests: { cpu: '100m', memory: '200Mi' } },
                readinessProbe: { httpGet: { path: '/healthz', port: 9100 } },
                env: [
                  { name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
                  { name: 'LOG_LEVEL', value: 'info' },
                ],
                volumeMounts: [
                  { name: 'varlog', mountPath: '/var/log' },
                  { name: 'config', mountPath: '/etc/agent', readOnly: true },
                ],
              },
            ],
            volumes: [
              { name: 'varlog', hostPath: { path: '/var/log' } },
              { name: 'config', configMap: { name: 'agent-config' } },
              { name: 'scratch', emptyDir: {} },
            ],
          },
        },
      },
    } as DaemonSet);
    sim.advance(30);
    const r = ok(rolloutHistoryRevision(sim, 'default', 'agent', 1));
    expect(r.output).toBe(
      [
        'daemonset.apps/agent with revision #1',
        'Pod Template:',
        '  Labels:\tapp=agent',
        '\ttier=node',
        '  Annotations:\texample.com/owner: platform',
        '  Service Account:\tagent',
        '  Containers:',
        '   agent:',
        '    Image:\tagent:v1',
        '    Port:\t9100/TCP',
        '    Host Port:\t9100/TCP',
        '    Args:',
        '      --verbose',
        '    Limits:',
        '      memory:\t200Mi',
        '    Requests:',
        '      cpu:\t100m',
        '      memory:\t200Mi',
        '    Readiness:\thttp-get http://:9100/healthz delay=0s timeout=1s period=10s #success=1 #failure=3',
        '    Environment:',
        '      NODE_NAME:\t (v1:spec.nodeName)',
        '      LOG_LEVEL:\tinfo',
        '    Mounts:',
        '      /etc/agent from config (ro)',
        '      /var/log from varlog (rw)',
        '  Volumes:',
        '   varlog:',
        '    Type:\tHostPath (bare host directory volume)',
        '    Path:\t/var/log',
        '    HostPathType:\t',
        '   config:',
        '    Type:\tConfigMap (a volume populated by a ConfigMap)',
        '    Name:\tagent-config',
        '    Optional:\tfalse',
        '   scratch:',
        "    Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)",
        '    Medium:\t',
        '    SizeLimit:\t<unset>',
        '  Priority Class Name:\tsystem-node-critical',
        '  Node-Selectors:\tkubernetes.io/os=linux',
        '  Tolerations:\top=Exists',
        '\tdedicated=agents:NoExecute for 60s',
        '\tnode-role.kubernetes.io/control-plane:NoSchedule op=Exists',
        '',
        '',
      ].join('\n'),
    );
  });

  it("--revision=N of the plain template, and kubectl's error for an unknown revision", () => {
    const sim = rolledOut();
    expect(ok(rolloutHistoryRevision(sim, 'default', 'agent', 1)).output).toBe(
      'daemonset.apps/agent with revision #1\n' +
        'Pod Template:\n' +
        '  Labels:\tapp=agent\n' +
        '  Containers:\n' +
        '   agent:\n' +
        '    Image:\tagent:v1\n' +
        '    Port:\t<none>\n' +
        '    Host Port:\t<none>\n' +
        '    Environment:\t<none>\n' +
        '    Mounts:\t<none>\n' +
        '  Volumes:\t<none>\n' +
        '  Node-Selectors:\t<none>\n' +
        '  Tolerations:\t<none>\n' +
        '\n',
    );
    expect(rolloutHistoryRevision(sim, 'default', 'agent', 7)).toEqual({
      ok: false,
      error: 'unable to find the specified revision',
      kubectlMessage: 'error: unable to find the specified revision',
    });
  });
});

describe('rollout undo', () => {
  function twoRevisions(): Simulation {
    const sim = rolledOut();
    applyAgent(sim, 'agent:v2');
    sim.advance(60);
    return sim;
  }

  it('rolls back to the previous revision, which the controller renumbers to the highest', () => {
    const sim = twoRevisions();
    const hashV1 = ok(rolloutHistory(sim, 'default', 'agent')).revisions[0]!.hash;
    expect(rolloutUndo(sim, 'default', 'agent')).toEqual({
      ok: true,
      output: 'daemonset.apps/agent rolled back\n',
    });
    // Like any write, the patch is only stored: nothing has reacted yet.
    const ds = sim.daemonSet('default/agent')!;
    expect(ds.spec?.template.spec?.containers[0]?.image).toBe('agent:v1');
    expect(ds.metadata?.generation).toBe(3);
    expect(ds.metadata?.annotations?.['deprecated.daemonset.template.generation']).toBe('3');
    expect(status(sim).output).toBe('Waiting for daemon set spec update to be observed...\n');
    sim.advance(60);
    const h = ok(rolloutHistory(sim, 'default', 'agent'));
    expect(h.output).toBe(
      'daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n',
    );
    expect(h.revisions[1]).toMatchObject({ revision: 3, hash: hashV1, current: true });
    for (const pod of daemonPods(sim, 'default/agent')) {
      expect(pod.metadata?.labels?.['controller-revision-hash']).toBe(hashV1);
      expect(pod.metadata?.labels?.['pod-template-generation']).toBe('3');
    }
    expect(status(sim).output).toBe('daemon set "agent" successfully rolled out\n');
  });

  it('--to-revision=N picks that revision; the current one is skipped, as kubectl words it', () => {
    const sim = twoRevisions();
    applyAgent(sim, 'agent:v3');
    sim.advance(60);
    expect(ok(rolloutUndo(sim, 'default', 'agent', 1)).output).toBe('daemonset.apps/agent rolled back\n');
    sim.advance(60);
    expect(sim.daemonSet('default/agent')!.spec?.template.spec?.containers[0]?.image).toBe('agent:v1');
    expect(ok(rolloutHistory(sim, 'default', 'agent')).revisions.map((r) => r.revision)).toEqual([2, 3, 4]);
    expect(rolloutUndo(sim, 'default', 'agent', 4)).toEqual({
      ok: true,
      output: 'daemonset.apps/agent skipped rollback (current template already matches revision 4)\n',
    });
  });

  it('refuses as kubectl does: unknown revision, no previous revision, negative, missing DaemonSet', () => {
    const sim = rolledOut();
    expect(rolloutUndo(sim, 'default', 'agent')).toEqual({
      ok: false,
      error: 'no last revision to roll back to',
      kubectlMessage: 'error: no last revision to roll back to',
    });
    expect(rolloutUndo(sim, 'default', 'agent', 5)).toEqual({
      ok: false,
      error: 'unable to find specified revision 5 in history',
      kubectlMessage: 'error: unable to find specified revision 5 in history',
    });
    expect(rolloutUndo(sim, 'default', 'agent', -1)).toMatchObject({
      error: 'unable to find specified revision -1 in history',
    });
    expect(rolloutUndo(sim, 'default', 'ghost')).toMatchObject({
      kubectlMessage: 'Error from server (NotFound): daemonsets.apps "ghost" not found',
    });
    expect(sim.daemonSet('default/agent')!.metadata?.generation).toBe(1);
  });

  it('runs as a scenario step; a refused undo is recorded like a refused apply', () => {
    const yaml = `
name: undo
objects:
  - {apiVersion: v1, kind: Node, metadata: {name: node-a}}
  - apiVersion: apps/v1
    kind: DaemonSet
    metadata: {name: agent, namespace: default}
    spec:
      selector: {matchLabels: {app: agent}}
      template:
        metadata: {labels: {app: agent}}
        spec: {containers: [{name: agent, image: agent:v1}]}
steps:
  - advanceSeconds: 30
  - rolloutUndo: {daemonSet: default/agent}
  - apply:
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent, namespace: default}
      spec:
        selector: {matchLabels: {app: agent}}
        template:
          metadata: {labels: {app: agent}}
          spec: {containers: [{name: agent, image: agent:v2}]}
  - advanceSeconds: 30
  - rolloutUndo: {daemonSet: default/agent, toRevision: 1}
  - advanceSeconds: 30
  - rolloutUndo: {daemonSet: default/agent, toRevision: 9}
`;
    const parsed = parseScenario(yaml, 'undo.yaml');
    if (!parsed.ok) throw new Error('parse');
    const run = runScenario(parsed.scenario);
    expect(run.rejections).toEqual([
      {
        at: 'steps[1]',
        kind: 'DaemonSet',
        namespace: 'default',
        name: 'agent',
        errors: [{ field: '', type: 'Invalid value', message: 'no last revision to roll back to' }],
        kubectlMessage: 'error: no last revision to roll back to',
      },
      {
        at: 'steps[6]',
        kind: 'DaemonSet',
        namespace: 'default',
        name: 'agent',
        errors: [
          { field: '', type: 'Invalid value', message: 'unable to find specified revision 9 in history' },
        ],
        kubectlMessage: 'error: unable to find specified revision 9 in history',
      },
    ]);
    expect(run.sim.daemonSet('default/agent')!.spec?.template.spec?.containers[0]?.image).toBe('agent:v1');
    expect(ok(rolloutHistory(run.sim, 'default', 'agent')).revisions.map((r) => r.revision)).toEqual([2, 3]);
  });
});

describe('rollout status', () => {
  it("uses kubectl's wording while updating and when done, and is not stalled while progressing", () => {
    const sim = rolledOut();
    expect(status(sim)).toMatchObject({ done: true, output: 'daemon set "agent" successfully rolled out\n' });
    applyAgent(sim, 'agent:v2');
    expect(status(sim).output).toBe('Waiting for daemon set spec update to be observed...\n');
    sim.settle();
    const s = status(sim);
    expect(s.output).toBe(
      'Waiting for daemon set "agent" rollout to finish: 0 out of 3 new pods have been updated...\n',
    );
    expect(s.done).toBe(false);
    expect(s.progress).toMatchObject({ desired: 3, updated: 0, maxUnavailable: 1, maxSurge: 0, done: false });
    expect(s.progress.stalled).toBeUndefined();
    // Watch it through: never stalled, and once every pod is updated the availability line shows.
    const seen = new Set<string>();
    for (let i = 0; i < 60 && !status(sim).done; i++) {
      sim.advance(0.5);
      const now = status(sim);
      expect(now.progress.stalled).toBeUndefined();
      seen.add(now.output);
    }
    expect(seen).toContain(
      'Waiting for daemon set "agent" rollout to finish: 2 out of 3 new pods have been updated...\n',
    );
    expect(seen).toContain(
      'Waiting for daemon set "agent" rollout to finish: 2 of 3 updated pods are available...\n',
    );
    expect(status(sim)).toMatchObject({ done: true, output: 'daemon set "agent" successfully rolled out\n' });
  });

  it("refuses OnDelete with kubectl's error, still reporting progress", () => {
    const sim = rolledOut(onDeleteStrategy());
    applyAgent(sim, 'agent:v2', { updateStrategy: onDeleteStrategy() });
    sim.advance(30);
    const s = status(sim);
    expect(s.output).toBe('error: rollout status is only available for RollingUpdate strategy type\n');
    expect(s.error).toBe('rollout status is only available for RollingUpdate strategy type');
    expect(s.progress).toMatchObject({ strategy: 'OnDelete', desired: 3, updated: 0, done: false });
    expect(s.progress.stalled).toBeUndefined();
  });

  it("a missing DaemonSet is the server's NotFound", () => {
    expect(rolloutStatus(newSim(), 'default', 'agent')).toMatchObject({
      ok: false,
      kubectlMessage: 'Error from server (NotFound): daemonsets.apps "agent" not found',
    });
  });
});

describe('stalled rollouts', () => {
  it('a node that goes silent holds the maxUnavailable budget (its new pod never starts)', () => {
    const sim = rolledOut();
    applyAgent(sim, 'agent:v2');
    sim.advance(1.2); // node-a's replacement is bound; its kubelet would pick it up at +1.5 s
    expect(podsByNode(sim, 'default/agent').get('node-a')?.[0]?.status?.phase).toBe('Pending');
    mustApply(sim, silentNode('node-a'));
    sim.advance(600);
    const s = status(sim);
    const reason =
      'maxUnavailable=1 is used by node-a, which is NotReady (Ready=Unknown), so its new pod cannot become Ready';
    expect(s.progress.stalled).toBe(reason);
    expect(s.output).toBe(
      'Waiting for daemon set "agent" rollout to finish: 0 out of 2 new pods have been updated...\n' +
        `Stalled: ${reason}\n`,
    );
    expect(s.progress.nodes.find((n) => n.node === 'node-a')).toMatchObject({
      shouldRun: false,
      newAvailable: false,
      blocked: 'node-a is NotReady (Ready=Unknown), so its new pod cannot become Ready',
    });
    // The kubelet comes back: the rollout goes on and the stall is gone.
    mustApply(
      sim,
      newNode('node-a', { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }] }),
    );
    sim.advance(60);
    expect(status(sim)).toMatchObject({ done: true, output: 'daemon set "agent" successfully rolled out\n' });
  });

  it('a new pod that never turns Ready holds the maxUnavailable budget', () => {
    const sim = rolledOut();
    applyAgent(sim, 'agent:v2');
    sim.advance(1.6); // node-a's replacement is admitted (ContainerCreating) at +1.5 s
    // Its readiness check fails: Running, not Ready (what the kubelet reports).
    expect(sim.setPodPhase('default/agent', 'node-a', 'Running', false)).toBeDefined();
    sim.advance(300);
    const s = status(sim);
    expect(s.progress.stalled).toBe('maxUnavailable=1 is used by node-a, whose new pod is not Ready');
    expect(s.output).toBe(
      'Waiting for daemon set "agent" rollout to finish: 1 out of 3 new pods have been updated...\n' +
        'Stalled: maxUnavailable=1 is used by node-a, whose new pod is not Ready\n',
    );
    expect(s.progress).toMatchObject({ desired: 3, updated: 1, available: 2, unavailable: 1, surged: 0 });
  });

  it('maxUnavailable=2 is shared by two blocked nodes', () => {
    const sim = newSim(['node-a', 'node-b', 'node-c', 'node-d'].map((n) => newNode(n)));
    applyAgent(sim, 'agent:v1', { updateStrategy: rollingUpdateStrategy(2) });
    sim.advance(30);
    applyAgent(sim, 'agent:v2', { updateStrategy: rollingUpdateStrategy(2) });
    sim.advance(1.6);
    for (const n of ['node-a', 'node-b']) sim.setPodPhase('default/agent', n, 'Running', false);
    sim.advance(300);
    expect(status(sim).progress.stalled).toBe(
      'maxUnavailable=2 is used by node-a, whose new pod is not Ready; node-b, whose new pod is not Ready',
    );
  });

  it('surge with a hostPort: the surge pod cannot sit beside the old one (NodePorts)', () => {
    const ports = [{ containerPort: 9100, hostPort: 9100 }];
    const sim = rolledOut(surgeStrategy(1), { ports });
    applyAgent(sim, 'agent:v2', { updateStrategy: surgeStrategy(1), ports });
    sim.advance(600);
    const message =
      "0/3 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.";
    const s = status(sim);
    expect(s.progress.stalled).toBe(`maxSurge=1 is used by node-a, whose new pod is Pending — ${message}`);
    expect(s.output).toBe(
      'Waiting for daemon set "agent" rollout to finish: 0 out of 3 new pods have been updated...\n' +
        `Stalled: maxSurge=1 is used by node-a, whose new pod is Pending — ${message}\n`,
    );
    expect(s.progress).toMatchObject({ maxSurge: 1, maxUnavailable: 0, surged: 1, updated: 0, available: 3 });
    expect(s.progress.nodes[0]).toMatchObject({ node: 'node-a', unschedulable: message, oldAvailable: true });
  });

  it('with every node updated, a blocked new pod is named directly (Insufficient cpu)', () => {
    const sim = rolledOut(rollingUpdateStrategy(1), { resources: { requests: { cpu: '1' } } });
    // Something else takes two of node-c's four CPUs.
    mustApply(
      sim,
      newPod('hog', 'node-c', { app: 'hog' }, undefined, { resources: { requests: { cpu: '2' } } }),
    );
    sim.advance(10);
    applyAgent(sim, 'agent:v2', { resources: { requests: { cpu: '3' } } });
    sim.advance(600);
    const s = status(sim);
    const message =
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.";
    expect(s.progress.stalled).toBe(`node-c's new pod is Pending — ${message}`);
    expect(s.output).toBe(
      'Waiting for daemon set "agent" rollout to finish: 2 of 3 updated pods are available...\n' +
        `Stalled: node-c's new pod is Pending — ${message}\n`,
    );
  });

  it('rolloutProgress is pure: computing it writes nothing', () => {
    const sim = rolledOut();
    applyAgent(sim, 'agent:v2');
    sim.advance(1);
    const before = JSON.stringify(sim.objects());
    rolloutProgress(sim, sim.daemonSet('default/agent')!);
    rolloutStatus(sim, 'default', 'agent');
    rolloutHistory(sim, 'default', 'agent');
    expect(JSON.stringify(sim.objects())).toBe(before);
  });
});

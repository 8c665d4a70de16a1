// Time travel and step mode in the worker's host: stateAt replays the session log in a separate
// simulation, stepSync keeps the session replayable.

import { describe, expect, it } from 'vitest';
import type { Pod } from '../sim/api/types.ts';
import { defaultSession } from '../state/defaults.ts';
import { SimHost, type HostObject } from './host.ts';
import type { Session } from './protocol.ts';

const NODES = `apiVersion: v1
kind: Node
metadata: {name: a, labels: {disk: ssd}}
---
apiVersion: v1
kind: Node
metadata: {name: b}
---
apiVersion: v1
kind: Node
metadata: {name: c, labels: {disk: ssd}}
`;
const DS = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: default}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      nodeSelector: {disk: ssd}
      containers: [{name: c, image: busybox}]
`;

/** A session with commands at t+0, 15 s, 40 s (two) and 100 s, ending at 200 s. */
function liveSession(): SimHost {
  const host = new SimHost(9);
  host.execute({ type: 'applyYaml', text: NODES });
  host.execute({ type: 'applyYaml', text: DS });
  host.advanceTo(15_000);
  host.execute({ type: 'patchNode', name: 'b', labels: { disk: 'ssd' } });
  host.advanceTo(40_000);
  const pod = [...host.simulation.api.list('Pod')].find((p) => p.spec?.nodeName === 'a')!;
  host.execute({ type: 'failPod', namespace: 'default', name: pod.metadata!.name! });
  host.execute({ type: 'patchNode', name: 'c', taints: [{ key: 'k', effect: 'NoExecute' }] });
  host.advanceTo(100_000);
  host.execute({ type: 'delete', kind: 'DaemonSet', namespace: 'default', name: 'agent' });
  host.advanceTo(200_000);
  return host;
}

/** What a fresh restore of the session cut at `ms` gives. */
function replayed(session: Session, ms: number): string {
  const cut: Session = { seed: session.seed, nowMs: ms, log: session.log.filter((e) => e.atMs <= ms) };
  return JSON.stringify(SimHost.restore(cut).objects());
}

const podsIn = (objects: HostObject[]) => objects.filter((o) => o.kind === 'Pod');

describe('SimHost.stateAt', () => {
  it('equals a fresh replay to that time, scrubbing forward and back', () => {
    const host = liveSession();
    const session = host.currentSession();
    const live = JSON.stringify(host.objects());
    for (const t of [0, 500, 15_000, 30_000, 200_000, 2_500, 40_000, 39_999, 100_000, 150_000, 16_000, 0]) {
      expect(JSON.stringify(host.stateAt(t)), `t=${t}`).toBe(replayed(session, t));
    }
    // The live cluster is untouched.
    expect(JSON.stringify(host.objects())).toBe(live);
    expect(host.nowMs()).toBe(200_000);
  });

  it('clamps to [t+0, now]', () => {
    const host = liveSession();
    expect(host.stateAt(1e9)).toEqual(host.stateAt(200_000));
    expect(JSON.stringify(host.stateAt(200_000))).toBe(JSON.stringify(host.objects()));
    expect(host.stateAt(-5)).toEqual(host.stateAt(0));
  });

  it('t+0 of the default session, before any sync: the nodes and the DaemonSet, no pod', () => {
    const host = SimHost.restore({ ...defaultSession(), nowMs: 60_000 });
    const start = host.stateAt(0, { beforeSyncs: true });
    expect(podsIn(start)).toEqual([]);
    expect(start.filter((o) => o.kind === 'Node').map((o) => o.key)).toEqual([
      'control-plane',
      'worker-1',
      'worker-2',
    ]);
    expect(start.map((o) => o.key)).toContain('kube-system/fluentd-elasticsearch');
    expect(start.some((o) => o.kind === 'Event' || o.kind === 'ControllerRevision')).toBe(false);
    // The end of instant 0: the controller has already created every pod.
    expect(podsIn(host.stateAt(0))).toHaveLength(3);
  });

  it('beforeSyncs: the moment after the last command at that time, before anything reacted', () => {
    const host = liveSession();
    const before = host.stateAt(15_000, { beforeSyncs: true });
    const b = before.find((o) => o.key === 'b')!;
    expect(b.object.metadata?.labels).toMatchObject({ disk: 'ssd' });
    const onB = (objs: typeof before) =>
      podsIn(objs).filter((o) => JSON.stringify((o.object as Pod).spec).includes('"b"'));
    expect(onB(before)).toEqual([]);
    expect(onB(host.stateAt(15_000))).toHaveLength(1);
    // With no command at that time: the instant as it began, which is the end of the last busy one
    // (nothing happens between t+0 and the kubelets' first look at 0.5 s).
    expect(host.stateAt(500, { beforeSyncs: true })).toEqual(host.stateAt(0));
    expect(host.stateAt(500)).not.toEqual(host.stateAt(0));
    // Back and forth between the two views of one instant.
    expect(JSON.stringify(host.stateAt(40_000, { beforeSyncs: true }))).toBe(
      JSON.stringify(host.stateAt(40_000, { beforeSyncs: true })),
    );
    expect(JSON.stringify(host.stateAt(40_000))).toBe(replayed(host.currentSession(), 40_000));
    expect(onB(host.stateAt(15_000, { beforeSyncs: true }))).toEqual([]);
  });

  it('sees commands issued after an earlier scrub', () => {
    const host = liveSession();
    host.stateAt(200_000);
    host.execute({ type: 'patchNode', name: 'a', labels: { zone: 'z1' } });
    host.advanceTo(230_000);
    const at = host.stateAt(230_000);
    expect(at.find((o) => o.key === 'a')?.object.metadata?.labels).toMatchObject({ disk: 'ssd', zone: 'z1' });
    expect(JSON.stringify(at)).toBe(JSON.stringify(host.objects()));
  });

  it('a loaded scenario replaces the replays', () => {
    const host = liveSession();
    host.stateAt(100_000);
    const scenario = `name: one node\nobjects:\n  - {apiVersion: v1, kind: Node, metadata: {name: solo}}\n`;
    host.execute({ type: 'loadScenario', text: scenario, file: 's.yaml' });
    expect(
      host
        .stateAt(0)
        .filter((o) => o.kind === 'Node')
        .map((o) => o.key),
    ).toEqual(['solo']);
  });
});

describe('SimHost.stepSync', () => {
  it('steps one sync at a time; the session still restores to the same cluster', () => {
    const host = new SimHost(4);
    host.execute({
      type: 'applyYaml',
      text: NODES.replace('metadata: {name: b}', 'metadata: {name: b, labels: {disk: ssd}}'),
    });
    host.execute({ type: 'applyYaml', text: DS });
    host.advanceTo(10_000);
    host.execute({ type: 'patchNode', name: 'a', taints: [{ key: 'k', effect: 'NoExecute' }] });
    // The command settled its instant; step through what comes after, syncs and clock moves.
    const seen: string[] = [];
    for (let i = 0; i < 40; i++) {
      const next = host.pendingWork()[0];
      const s = host.stepSync();
      if (!s) break;
      if (next && s.controller !== 'clock') expect({ controller: s.controller, key: s.key }).toEqual(next);
      seen.push(`${s.atMs} ${s.controller} ${s.key}`);
    }
    expect(seen.some((l) => l.includes('daemonset-controller'))).toBe(true);
    expect(seen.some((l) => l.includes(' clock '))).toBe(true);
    // A restore lands at the end of the instant the stepping stopped in, after all its syncs.
    const restored = SimHost.restore(host.currentSession());
    host.advanceTo(host.nowMs());
    expect(JSON.stringify(restored.objects())).toBe(JSON.stringify(host.objects()));
    host.advanceTo(60_000);
    restored.advanceTo(60_000);
    expect(JSON.stringify(restored.objects())).toBe(JSON.stringify(host.objects()));
  });

  it('a command part-way through an instant first finishes it, as its replay will', () => {
    const host = new SimHost(2);
    host.execute({ type: 'applyYaml', text: NODES });
    host.advanceTo(5_000);
    host.execute({ type: 'applyYaml', text: DS.replace('nodeSelector: {disk: ssd}', 'nodeSelector: {}') });
    host.advanceTo(20_000);
    const pod = [...host.simulation.api.list('Pod')][0]!;
    host.execute({ type: 'delete', kind: 'Pod', namespace: 'default', name: pod.metadata!.name! });
    // Step until an instant has several syncs queued, then take just one of them.
    for (let i = 0; i < 100 && host.pendingWork().length < 2; i++) host.stepSync();
    expect(host.pendingWork().length).toBeGreaterThanOrEqual(2);
    host.stepSync();
    expect(host.simulation.busy()).toBe(true);
    const at = host.nowMs();
    host.execute({ type: 'patchNode', name: 'c', labels: { y: 'z' } });
    expect(host.currentSession().log.at(-1)?.atMs).toBe(at);
    host.advanceTo(40_000);
    const restored = SimHost.restore(host.currentSession());
    expect(JSON.stringify(restored.objects())).toBe(JSON.stringify(host.objects()));
  });
});

describe('SimHost.timelineBetween', () => {
  it('lists what happened in a window, and a restored session has the same timeline', () => {
    const host = liveSession();
    const window = host.timelineBetween(15_000, 20_000);
    expect(window.length).toBeGreaterThan(0);
    expect(window.every((e) => e.atMs >= 15_000 && e.atMs <= 20_000)).toBe(true);
    expect(window[0]).toMatchObject({
      type: 'write',
      actor: 'kubectl',
      verb: 'MODIFIED',
      kind: 'Node',
      key: 'b',
    });
    const restored = SimHost.restore(host.currentSession());
    expect(JSON.stringify(restored.timelineBetween(0, 200_000))).toBe(
      JSON.stringify(host.timelineBetween(0, 200_000)),
    );
  });
});

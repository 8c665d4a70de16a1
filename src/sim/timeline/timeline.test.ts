import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnyObject, DaemonSet, Node } from '../api/types.ts';
import { createSimulation, type Simulation } from '../engine/simulation.ts';
import { parseScenario } from '../scenario/parse.ts';
import { runScenario } from '../scenario/runner.ts';
import { DEFAULT_TIMELINE_CAPACITY, Timeline, type TimelineEntry, type WriteEntry } from './timeline.ts';

const node = (name: string): Node => ({ apiVersion: 'v1', kind: 'Node', metadata: { name } });
const daemonSet = (name = 'agent'): DaemonSet => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name, namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'agent', image: 'registry.k8s.io/pause:3.9' }] },
    },
  },
});

function session(seed: number, timeline: boolean | { capacity: number } = true): Simulation {
  const sim = createSimulation({ seed, timeline });
  for (const n of ['node-a', 'node-b', 'node-c']) sim.apply(node(n));
  sim.apply(daemonSet());
  sim.advance(20);
  sim.apply({ ...node('node-b'), spec: { taints: [{ key: 'x', effect: 'NoExecute' }] } });
  sim.advance(20);
  sim.delete('DaemonSet', 'default', 'agent');
  sim.advance(60);
  return sim;
}

const writes = (entries: TimelineEntry[]): WriteEntry[] =>
  entries.filter((e): e is WriteEntry => e.type === 'write');

describe('Timeline: determinism', () => {
  it('the same calls and seed record the identical timeline', () => {
    const a = session(5).timeline().entries();
    const b = session(5).timeline().entries();
    expect(a.length).toBeGreaterThan(50);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('the same scenario file records the same timeline twice (and it is plain data)', () => {
    const file = join(import.meta.dirname, '../../scenarios/rolling-update-stalls-on-silent-node.yaml');
    const parsed = parseScenario(readFileSync(file, 'utf8'), file);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const record = () => {
      const run = runScenario(parsed.scenario);
      const tl = run.sim.timeline();
      run.sim.advance(120);
      return tl.entries();
    };
    const a = record();
    expect(JSON.stringify(record())).toBe(JSON.stringify(a));
    expect(structuredClone(a)).toEqual(a);
  });

  it('a different seed gives different pod names on the timeline', () => {
    const names = (seed: number) =>
      writes(session(seed).timeline().entries())
        .filter((w) => w.kind === 'Pod')
        .map((w) => w.key)
        .join();
    expect(names(5)).not.toBe(names(6));
  });

  it('is off unless asked for', () => {
    const sim = createSimulation({ seed: 1 });
    sim.apply(node('n'));
    sim.settle();
    // Turned on now: only what happens from here on.
    const tl = sim.timeline();
    expect(tl.size).toBe(0);
    sim.apply(node('m'));
    expect(writes(tl.entries()).map((w) => w.key)).toEqual(['m']);
  });
});

describe('Timeline: what it records', () => {
  it('a pod created, scheduled, run and deleted: in order, with actors, syncs and events', () => {
    const sim = createSimulation({ seed: 3, timeline: true });
    sim.apply(node('n1'));
    sim.apply(daemonSet());
    sim.advance(10);
    const pod = [...sim.api.list('Pod')][0]!;
    const podKey = `default/${pod.metadata!.name!}`;
    sim.delete('Pod', 'default', pod.metadata!.name!);
    sim.advance(5);
    const all = sim.timeline().entries();

    // Bootstrap, then the user's writes.
    expect(
      writes(all)
        .slice(0, 4)
        .map((w) => `${w.actor} ${w.verb} ${w.kind} ${w.key}`),
    ).toEqual([
      'kube-apiserver ADDED PriorityClass system-node-critical',
      'kube-apiserver ADDED PriorityClass system-cluster-critical',
      'kubectl ADDED Node n1',
      'kubectl ADDED DaemonSet default/agent',
    ]);

    const life = writes(all)
      .filter((w) => w.kind === 'Pod' && w.key === podKey)
      .map((w) => `${w.atMs} ${w.actor} ${w.verb}`);
    expect(life).toEqual([
      '0 daemonset-controller ADDED', // created
      '0 default-scheduler MODIFIED', // bound
      '500 kubelet MODIFIED', // ContainerCreating
      '2500 kubelet MODIFIED', // Running, Ready
      '10000 kubectl MODIFIED', // deletionTimestamp
      '11000 kubelet DELETED', // gone after its grace period
    ]);

    // Sequence numbers strictly increase; time never goes back.
    for (let i = 1; i < all.length; i++) {
      expect(all[i]!.seq).toBe(all[i - 1]!.seq + 1);
      expect(all[i]!.atMs).toBeGreaterThanOrEqual(all[i - 1]!.atMs);
    }
    // resourceVersions of writes increase (a DELETED keeps the last one).
    const rvs = writes(all)
      .filter((w) => w.verb !== 'DELETED')
      .map((w) => Number(w.resourceVersion));
    expect(rvs).toEqual([...rvs].sort((a, b) => a - b));

    // The sync that created the pod: the DaemonSet controller's, with its record, owning the writes.
    const created = writes(all).find((w) => w.key === podKey && w.verb === 'ADDED')!;
    const sync = all.find((e) => e.seq === created.sync);
    expect(sync).toMatchObject({ type: 'sync', controller: 'daemonset-controller', key: 'default/agent' });
    expect(sync?.type === 'sync' && sync.record?.creates).toEqual([pod.metadata!.name]);
    const owned = writes(all).filter((w) => w.sync === sync!.seq);
    expect(sync?.type === 'sync' && sync.writes).toBe(owned.length);
    expect(owned.map((w) => w.kind)).toEqual(['ControllerRevision', 'Pod', 'Event', 'DaemonSet']);

    // Events are flagged, with what kubectl get events shows.
    const scheduled = writes(all).find((w) => w.event?.reason === 'Scheduled');
    expect(scheduled).toMatchObject({
      kind: 'Event',
      actor: 'default-scheduler',
      event: { type: 'Normal', object: `Pod ${podKey}`, count: 1 },
    });
    expect(scheduled?.event?.message).toContain('Successfully assigned');
    // User writes belong to no sync.
    expect(
      writes(all)
        .filter((w) => w.actor === 'kubectl')
        .every((w) => w.sync === undefined),
    ).toBe(true);
  });

  it('between() and since() select by time and by sequence number', () => {
    const tl = session(2).timeline();
    const all = tl.entries();
    const mid = tl.between(20_000, 40_000);
    expect(mid.length).toBeGreaterThan(0);
    expect(mid).toEqual(all.filter((e) => e.atMs >= 20_000 && e.atMs <= 40_000));
    expect(tl.since(all[10]!.seq)).toEqual(all.slice(10));
    expect(tl.between(1e9, 2e9)).toEqual([]);
  });
});

describe('Timeline: bounded memory', () => {
  it(`keeps the newest entries (default ${DEFAULT_TIMELINE_CAPACITY}) and counts what it dropped`, () => {
    const full = session(4).timeline().entries();
    const tl = session(4, { capacity: 50 }).timeline();
    expect(tl.capacity).toBe(50);
    expect(tl.size).toBe(50);
    expect(tl.dropped).toBe(full.length - 50);
    expect(tl.entries()).toEqual(full.slice(-50));
    expect(tl.between(0, Infinity)).toEqual(full.slice(-50));
    expect(tl.since(0)).toEqual(full.slice(-50));
    expect(tl.since(full.at(-3)!.seq)).toEqual(full.slice(-3));
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new Timeline({ nowMs: () => 0 }, { capacity: 0 })).toThrow();
  });

  it('turned on later with options, keeps them', () => {
    const sim = createSimulation({ seed: 1 });
    expect(sim.timeline({ capacity: 10 }).capacity).toBe(10);
    expect(sim.timeline({ capacity: 99 }).capacity).toBe(10);
    for (let i = 0; i < 20; i++) sim.apply(node(`n${i}`) as AnyObject);
    expect(sim.timeline().size).toBe(10);
  });
});

// Step mode: stepping one sync at a time must reach exactly the state settling and advancing reach,
// through the same syncs in the same order. Every scenario file runs both ways and is compared byte
// for byte.

import { execKubectl } from '../kubectl/kubectl.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnyObject, DaemonSet, Node } from '../api/types.ts';
import { isKind } from '../cluster/apiServer.ts';
import { NAMESPACED } from '../api/types.ts';
import { rolloutUndo } from '../rollout/rollout.ts';
import { parseScenario } from '../scenario/parse.ts';
import { runOutput, runScenario } from '../scenario/runner.ts';
import type { Scenario } from '../scenario/types.ts';
import { createSimulation, type Simulation, type SyncStep } from './simulation.ts';

const SHARED = join(import.meta.dirname, '../../../../shared/conformance');
const BUILT_IN = join(import.meta.dirname, '../../scenarios');

function scenarioFiles(): string[] {
  const out: string[] = [];
  for (const dir of [SHARED, BUILT_IN]) {
    for (const f of readdirSync(dir).sort()) if (/\.ya?ml$/.test(f)) out.push(join(dir, f));
  }
  return out;
}

function load(file: string): Scenario {
  const parsed = parseScenario(readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(`${file}: ${parsed.error.message}`);
  return parsed.scenario;
}

/** Settle the current instant one sync at a time. */
function settleByStepping(sim: Simulation, log?: SyncStep[]): void {
  for (let s = sim.stepSync({ withinInstant: true }); s; s = sim.stepSync({ withinInstant: true }))
    log?.push(s);
}

/** `advanceTo`, one sync (or one clock move) at a time. */
function advanceByStepping(sim: Simulation, targetMs: number, log?: SyncStep[]): void {
  for (;;) {
    settleByStepping(sim, log);
    const next = sim.clock.nextDue();
    if (next === undefined || next > targetMs) break;
    const s = sim.stepSync();
    if (s) log?.push(s);
  }
  sim.advanceTo(targetMs);
}

/** The scenario runner's steps, with every settle and advance done by stepping. */
function runByStepping(scenario: Scenario, log?: SyncStep[]): Simulation {
  const sim = createSimulation({ seed: scenario.seed ?? 1 });
  for (const obj of scenario.objects) sim.apply(obj as unknown as AnyObject);
  settleByStepping(sim, log);
  for (const step of scenario.steps) {
    switch (step.type) {
      case 'apply':
        sim.apply(step.apply as unknown as AnyObject);
        break;
      case 'delete': {
        const d = step.delete;
        if (isKind(d.kind))
          sim.delete(d.kind, NAMESPACED[d.kind] ? (d.namespace ?? 'default') : undefined, d.name, d.cascade);
        break;
      }
      case 'advance':
        advanceByStepping(sim, sim.nowMs() + Math.round(step.advanceSeconds * 1000), log);
        break;
      case 'setPodPhase': {
        const a = step.setPodPhase;
        sim.setPodPhase(a.daemonSet, a.node, a.phase, a.ready);
        break;
      }
      case 'rolloutUndo': {
        const [ns, name] = step.rolloutUndo.daemonSet.split('/') as [string, string];
        rolloutUndo(sim, ns, name, step.rolloutUndo.toRevision);
        break;
      }
      case 'kubectl':
        execKubectl(sim, step.kubectl);
        break;
    }
    settleByStepping(sim, log);
  }
  return sim;
}

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

function cluster(nodes = 3): Simulation {
  const sim = createSimulation({ seed: 7 });
  for (let i = 0; i < nodes; i++) sim.apply(node(`node-${i}`));
  sim.apply(daemonSet());
  return sim;
}

describe('stepSync: the same state as settle and advanceTo', () => {
  for (const file of scenarioFiles()) {
    const name = file.split('/').slice(-2).join('/');
    it(`${name}: stepped through, byte-identical objects`, () => {
      const scenario = load(file);
      const expected = JSON.stringify(runOutput(runScenario(scenario)).objects);
      const sim = runByStepping(scenario);
      expect(JSON.stringify(sim.objects())).toBe(expected);
    });
  }

  it('the same syncs in the same order as settle runs them', () => {
    const stepped = cluster(4);
    const log: SyncStep[] = [];
    advanceByStepping(stepped, 30_000, log);

    const settled = cluster(4);
    const order: string[] = [];
    settled.timeline().entries(); // turn the timeline on: it sees every sync settle runs
    settled.advanceTo(30_000);
    for (const e of settled.timeline().entries())
      if (e.type === 'sync') order.push(`${e.atMs} ${e.controller} ${e.key}`);

    const steppedOrder = log
      .filter((s) => s.controller !== 'clock')
      .map((s) => `${s.atMs} ${s.controller} ${s.key}`);
    expect(steppedOrder).toEqual(order);
    expect(order.length).toBeGreaterThan(10);
    expect(JSON.stringify(stepped.objects())).toBe(JSON.stringify(settled.objects()));
  });

  it('stepping part of an instant, then settle, finishes it exactly', () => {
    const a = cluster(5);
    a.stepSync();
    a.stepSync();
    a.stepSync();
    a.advanceTo(20_000);
    const b = cluster(5);
    b.advanceTo(20_000);
    expect(JSON.stringify(a.objects())).toBe(JSON.stringify(b.objects()));
  });

  it('one step is one sync: a DaemonSet sync carries its record and its writes', () => {
    const sim = cluster(3);
    const steps: SyncStep[] = [];
    settleByStepping(sim, steps);
    const ds = steps.find(
      (s) => s.controller === 'daemonset-controller' && s.record && s.record.creates.length > 0,
    );
    expect(ds?.key).toBe('default/agent');
    expect(ds?.record?.creates).toHaveLength(3);
    for (const pod of ds!.record!.creates) expect(pod).toMatch(/^agent-/);
    // Its writes: the ControllerRevision, the pods it created and their events.
    const created = ds!.writes.filter((w) => w.kind === 'Pod' && w.verb === 'ADDED');
    expect(created).toHaveLength(3);
    expect(ds!.writes.every((w) => w.actor === 'daemonset-controller')).toBe(true);
    expect(ds!.writes.filter((w) => w.event?.reason === 'SuccessfulCreate')).toHaveLength(3);
    // Scheduler syncs are one pod each.
    const binds = steps.filter((s) => s.controller === 'default-scheduler');
    expect(binds.length).toBeGreaterThanOrEqual(3);
    for (const b of binds) expect(b.key).toMatch(/^default\/agent-/);
  });

  it('with no work at the current instant, a step moves the clock and fires its timers, no sync', () => {
    const sim = cluster(2);
    sim.settle();
    expect(sim.busy()).toBe(false);
    const next = sim.clock.nextDue()!;
    const s = sim.stepSync();
    expect(s?.controller).toBe('clock');
    expect(s?.atMs).toBe(next);
    expect(sim.nowMs()).toBe(next);
    expect(sim.stepSync({ withinInstant: true })?.controller).not.toBe('clock');
  });

  it('returns undefined when nothing at all is scheduled', () => {
    const sim = createSimulation({ seed: 1 });
    sim.runUntilQuiet();
    expect(sim.stepSync()).toBeUndefined();
  });
});

describe('pendingWork', () => {
  it('lists what is queued; its first entry is what the next step runs', () => {
    const sim = cluster(3);
    // The writes have not been delivered yet: take the first step, then check every next one.
    sim.stepSync();
    for (let i = 0; i < 200; i++) {
      const pending = sim.pendingWork();
      if (pending.length === 0) break;
      const s = sim.stepSync({ withinInstant: true });
      expect(s && { controller: s.controller, key: s.key }).toEqual(pending[0]);
    }
  });

  it('is empty once the instant is settled', () => {
    const sim = cluster(3);
    sim.settle();
    expect(sim.pendingWork()).toEqual([]);
  });

  it('shows the DaemonSet controller and scheduler work in round-robin order', () => {
    const sim = cluster(3);
    let pending = sim.pendingWork();
    while (!pending.some((p) => p.controller === 'default-scheduler')) {
      sim.stepSync({ withinInstant: true });
      pending = sim.pendingWork();
    }
    expect(pending.filter((p) => p.controller === 'default-scheduler')).toHaveLength(3);
  });
});

// The verdicts agree with where the pods actually ended up, in every scenario of the shared
// conformance suite and of src/scenarios: after the steps, every node with shouldRun has exactly one
// live daemon pod of that DaemonSet (bound to it, or targeting it while Pending), and every node
// without shouldContinueRunning has none.
//
// Skipped, because the end state is legitimately mid-transition (the list is pinned below, so a new
// skip fails the test until it is looked at):
// - a DaemonSet being deleted (foreground cascade): the controller creates nothing for it;
// - a node where a pod of the DaemonSet is terminating (graceful deletion in progress, H5) or Failed
//   (deleted on the next sync after its backoff, H2/H3): the replacement is not due yet;
// - a node holding two live pods during a maxSurge rollout (H6): old and new overlap by design.
// Today only the surge overlap of src/scenarios/surge-stalls-on-host-port.yaml is skipped: every other
// scenario ends settled.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowsSurge } from '../daemonset/util.ts';
import { formatScenarioError, parseScenario } from '../scenario/parse.ts';
import { runScenario } from '../scenario/runner.ts';
import { explainDaemonSet } from './explain.ts';

const SHARED = resolve(__dirname, '../../../../shared/conformance');
const LOCAL = resolve(__dirname, '../../scenarios');

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** `file ds node: why`, for every check skipped; pinned so a new one is looked at. */
const EXPECTED_SKIPS: string[] = [
  // The surge pod cannot share node-a's hostPort with the old pod it replaces: both stay (pinned by
  // the scenario itself as a stalled rollout).
  'surge-stalls-on-host-port.yaml default/agent node-a: surge overlap',
];

const all = [...files(SHARED), ...files(LOCAL)];
const skipped: string[] = [];

describe('verdicts agree with the pods after every scenario', () => {
  it('finds the scenarios', () => {
    expect(all.length).toBeGreaterThan(50);
  });

  for (const file of all) {
    const base = file.split('/').pop()!;
    it(base, () => {
      const parsed = parseScenario(readFileSync(file, 'utf8'), base);
      if (!parsed.ok) throw new Error(formatScenarioError(parsed.error));
      const { sim } = runScenario(parsed.scenario);
      for (const ds of sim.api.list('DaemonSet')) {
        const e = explainDaemonSet(sim, ds.metadata?.namespace ?? 'default', ds.metadata?.name ?? '')!;
        if (e.deleting) {
          skipped.push(`${base} ${e.daemonSet}: being deleted`);
          continue;
        }
        expect(e.desired, `${e.daemonSet} desired`).toBe(ds.status?.desiredNumberScheduled ?? 0);
        for (const v of e.verdicts) {
          const where = `${base} ${e.daemonSet} ${v.node}`;
          const live = v.pods.filter(
            (p) => !p.terminating && p.phase !== 'Failed' && p.phase !== 'Succeeded',
          );
          if (v.pods.some((p) => p.terminating)) {
            skipped.push(`${where}: a pod is terminating`);
            continue;
          }
          if (v.pods.some((p) => p.phase === 'Failed')) {
            skipped.push(`${where}: a Failed pod awaits deletion`);
            continue;
          }
          if (allowsSurge(ds) && live.length === 2) {
            skipped.push(`${where}: surge overlap`);
            continue;
          }
          if (v.shouldRun)
            expect(
              live.map((p) => p.name),
              `${where}: ${v.summary}`,
            ).toHaveLength(1);
          if (!v.shouldContinueRunning)
            expect(
              live.map((p) => p.name),
              `${where}: ${v.summary}`,
            ).toHaveLength(0);
          // A pending pod's scheduler verdict is there exactly when the pod is not bound.
          expect(v.scheduler !== undefined, where).toBe(live.some((p) => !p.bound));
          // ...and its failing filters are the ones the scheduler's own message counts.
          const message = v.scheduler?.condition?.message;
          if (message)
            for (const f of v.scheduler!.filters.filter((x) => !x.ok))
              for (const r of f.reasons) expect(message, where).toContain(`1 ${r}`);
        }
      }
    });
  }

  it('skips only the pinned mid-transition states', () => {
    expect(skipped).toEqual(EXPECTED_SKIPS);
  });
});

// A scenario loaded into the app becomes session commands at virtual times. Replaying them must give
// exactly what the scenario runner gives, for every scenario we have.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../sim/scenario/parse.ts';
import { runScenario } from '../sim/scenario/runner.ts';
import { SimHost } from './host.ts';

const DIRS = [
  resolve(import.meta.dirname, '../../../shared/conformance'),
  resolve(import.meta.dirname, '../scenarios'),
  resolve(import.meta.dirname, '../../public/scenarios'),
];
const files = DIRS.filter((d) => existsSync(d)).flatMap((d) =>
  readdirSync(d)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .map((f) => join(d, f)),
);

describe('scenarios loaded into the app', () => {
  it('are there', () => expect(files.length).toBeGreaterThan(50));

  it.each(files.map((f) => [f.split('/').pop()!, f]))('%s: same cluster as the runner', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const parsed = parseScenario(text, file);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const expected = runScenario(parsed.scenario).sim;
    const host = new SimHost();
    const r = host.execute({ type: 'loadScenario', text, file });
    expect(r.ok).toBe(true);
    expect(host.nowMs()).toBe(expected.nowMs());
    expect(JSON.stringify(host.simulation.objects())).toBe(JSON.stringify(expected.objects()));
    // And a reload (a replay of the session log) lands in the same place.
    const again = SimHost.restore(host.currentSession());
    expect(JSON.stringify(again.simulation.objects())).toBe(JSON.stringify(expected.objects()));
  });
});

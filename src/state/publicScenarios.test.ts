// The scenarios shipped with the site (public/scenarios, linkable with ?scenario=) must load and
// meet their own expectations, like every other scenario.

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../sim/scenario/parse.ts';
import { checkExpectations, runScenario } from '../sim/scenario/runner.ts';

const DIR = resolve(import.meta.dirname, '../../public/scenarios');
const files = readdirSync(DIR).filter((f) => /\.(ya?ml|json)$/.test(f));

describe('public scenarios', () => {
  it('exist', () => expect(files.length).toBeGreaterThan(0));
  it.each(files)('%s passes', (f) => {
    const parsed = parseScenario(readFileSync(join(DIR, f), 'utf8'), f);
    if (!parsed.ok)
      throw new Error(
        `${parsed.error.file}:${parsed.error.line}:${parsed.error.column}: ${parsed.error.message}`,
      );
    expect(checkExpectations(parsed.scenario, runScenario(parsed.scenario))).toEqual([]);
  });
});

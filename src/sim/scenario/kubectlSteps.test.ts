// `kubectl:` scenario steps: the runner runs them through the console, records what they printed
// in the run output's `console`, and their refusals in `rejections`.
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse.ts';
import { runOutput, runScenario } from './runner.ts';

describe('scenario steps', () => {
  const scenario = (steps: string): ReturnType<typeof parseScenario> =>
    parseScenario(
      `name: x\nobjects:\n  - {apiVersion: v1, kind: Node, metadata: {name: node-a}}\nsteps:\n${steps}`,
      'x.yaml',
    );

  it('run the command, record what it printed in console, and refusals in rejections', () => {
    const parsed = scenario('  - kubectl: kubectl label node node-a disk=ssd\n  - kubectl: cordon nope\n');
    if (!parsed.ok) throw new Error(parsed.error.message);
    const out = runOutput(runScenario(parsed.scenario));
    expect(out.console).toEqual([
      {
        at: 'steps[0]',
        command: 'kubectl label node node-a disk=ssd',
        output: 'node/node-a labeled\n',
        exitCode: 0,
      },
      {
        at: 'steps[1]',
        command: 'cordon nope',
        output: 'Error from server (NotFound): nodes "nope" not found\n',
        exitCode: 1,
      },
    ]);
    expect(out.rejections).toEqual([
      {
        at: 'steps[1]',
        kind: 'Node',
        name: 'nope',
        errors: [
          {
            field: '',
            type: 'Invalid value',
            message: 'Error from server (NotFound): nodes "nope" not found',
          },
        ],
        kubectlMessage: 'Error from server (NotFound): nodes "nope" not found',
      },
    ]);
    expect(out.objects.find((o) => o.kind === 'Node')!.metadata!.labels!.disk).toBe('ssd');
  });

  it('leave the output of a scenario without kubectl steps as it was (no console key)', () => {
    const parsed = scenario('  - advanceSeconds: 1\n');
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(Object.keys(runOutput(runScenario(parsed.scenario)))).toEqual([
      'timeSeconds',
      'objects',
      'rejections',
    ]);
  });
});

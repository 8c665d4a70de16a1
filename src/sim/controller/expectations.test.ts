import { describe, expect, it } from 'vitest';
import { ControllerExpectations, EXPECTATIONS_TIMEOUT_MS } from './expectations.ts';

function setup() {
  let now = 0;
  const exp = new ControllerExpectations(() => now);
  return {
    exp,
    at(ms: number) {
      now = ms;
    },
  };
}

type Op = 'create' | 'delete' | { lower: [number, number] };

describe('ControllerExpectations (J5, controller_utils.go)', () => {
  it('ExpectationsTimeout is 5 minutes (A3)', () => {
    expect(EXPECTATIONS_TIMEOUT_MS).toBe(300_000);
  });

  it('a key without expectations is satisfied', () => {
    expect(setup().exp.satisfiedExpectations('default/agent')).toBe(true);
  });

  const cases: Array<{ name: string; add: number; del: number; ops: Op[]; want: boolean }> = [
    { name: 'nothing expected', add: 0, del: 0, ops: [], want: true },
    { name: 'creates pending', add: 2, del: 0, ops: [], want: false },
    { name: 'one of two creates observed', add: 2, del: 0, ops: ['create'], want: false },
    { name: 'all creates observed', add: 2, del: 0, ops: ['create', 'create'], want: true },
    { name: 'deletes pending', add: 0, del: 1, ops: [], want: false },
    { name: 'delete observed', add: 0, del: 1, ops: ['delete'], want: true },
    { name: 'creates observed, delete pending', add: 1, del: 1, ops: ['create'], want: false },
    { name: 'both observed', add: 1, del: 1, ops: ['delete', 'create'], want: true },
    {
      name: 'over-observed (negative) still satisfied',
      add: 1,
      del: 0,
      ops: ['create', 'create'],
      want: true,
    },
    { name: 'deletion observed does not satisfy creates', add: 1, del: 0, ops: ['delete'], want: false },
    { name: 'lowered for failed creates', add: 3, del: 0, ops: [{ lower: [3, 0] }], want: true },
    { name: 'lowered partly', add: 3, del: 2, ops: [{ lower: [3, 1] }], want: false },
    { name: 'lowered both', add: 3, del: 2, ops: ['create', { lower: [2, 2] }], want: true },
  ];
  it.each(cases)('$name', ({ add, del, ops, want }) => {
    const { exp } = setup();
    exp.setExpectations('k', add, del);
    for (const op of ops) {
      if (op === 'create') exp.creationObserved('k');
      else if (op === 'delete') exp.deletionObserved('k');
      else exp.lowerExpectations('k', op.lower[0], op.lower[1]);
    }
    expect(exp.satisfiedExpectations('k')).toBe(want);
  });

  it('records the counters and the time they were set', () => {
    const { exp, at } = setup();
    at(42_000);
    exp.setExpectations('k', 3, 1);
    exp.creationObserved('k');
    expect(exp.get('k')).toEqual({ add: 2, del: 1, timestampMs: 42_000 });
  });

  // isExpired: time since the expectations were set > ExpectationsTimeout (strictly).
  const expiry: Array<{ elapsed: number; want: boolean }> = [
    { elapsed: 0, want: false },
    { elapsed: 299_999, want: false },
    { elapsed: 300_000, want: false },
    { elapsed: 300_001, want: true },
    { elapsed: 3_600_000, want: true },
  ];
  it.each(expiry)(
    'unfulfilled expectations expire after 5 min: elapsed $elapsed ms → $want',
    ({ elapsed, want }) => {
      const { exp, at } = setup();
      at(10_000);
      exp.setExpectations('k', 1, 0);
      at(10_000 + elapsed);
      expect(exp.satisfiedExpectations('k')).toBe(want);
    },
  );

  it('setting expectations again restarts the timeout and replaces the counters', () => {
    const { exp, at } = setup();
    exp.setExpectations('k', 1, 0);
    at(200_000);
    exp.setExpectations('k', 0, 2);
    at(400_000);
    expect(exp.satisfiedExpectations('k')).toBe(false);
    expect(exp.get('k')).toEqual({ add: 0, del: 2, timestampMs: 200_000 });
    at(500_001);
    expect(exp.satisfiedExpectations('k')).toBe(true);
  });

  it('observations for a key without expectations do not create any', () => {
    const { exp } = setup();
    exp.creationObserved('k');
    exp.deletionObserved('k');
    exp.lowerExpectations('k', 1, 1);
    expect(exp.get('k')).toBeUndefined();
    expect(exp.satisfiedExpectations('k')).toBe(true);
  });

  it('deleteExpectations forgets the key (a recreated DaemonSet starts fresh)', () => {
    const { exp } = setup();
    exp.setExpectations('k', 5, 5);
    exp.deleteExpectations('k');
    expect(exp.get('k')).toBeUndefined();
    expect(exp.satisfiedExpectations('k')).toBe(true);
    exp.creationObserved('k');
    expect(exp.get('k')).toBeUndefined();
  });

  it('keys are independent', () => {
    const { exp } = setup();
    exp.setExpectations('a', 1, 0);
    exp.setExpectations('b', 1, 0);
    exp.creationObserved('a');
    expect(exp.satisfiedExpectations('a')).toBe(true);
    expect(exp.satisfiedExpectations('b')).toBe(false);
  });
});

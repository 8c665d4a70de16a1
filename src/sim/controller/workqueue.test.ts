import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../engine/clock.ts';
import { WorkQueue } from './workqueue.ts';

function drain(q: WorkQueue): string[] {
  const out: string[] = [];
  for (let k = q.pop(); k !== undefined; k = q.pop()) out.push(k);
  return out;
}

/** Advance the clock to `ms`, firing timers as they fall due. */
function runTo(clock: VirtualClock, ms: number): void {
  for (;;) {
    const next = clock.nextDue();
    if (next === undefined || next > ms) break;
    clock.advanceTo(next);
    clock.fireDue();
  }
  clock.advanceTo(ms);
}

describe('WorkQueue.add (dedup FIFO)', () => {
  const cases: Array<{ name: string; adds: string[]; want: string[] }> = [
    { name: 'empty', adds: [], want: [] },
    { name: 'FIFO', adds: ['a', 'b', 'c'], want: ['a', 'b', 'c'] },
    { name: 'duplicate keeps its first position', adds: ['a', 'b', 'a', 'c', 'b'], want: ['a', 'b', 'c'] },
    { name: 'same key many times', adds: ['x', 'x', 'x'], want: ['x'] },
  ];
  it.each(cases)('$name', ({ adds, want }) => {
    const q = new WorkQueue(new VirtualClock(), 'test');
    for (const k of adds) q.add(k);
    expect(q.length).toBe(want.length);
    expect(drain(q)).toEqual(want);
    expect(q.length).toBe(0);
    expect(q.pop()).toBeUndefined();
  });

  it('has() reports queued keys only', () => {
    const q = new WorkQueue(new VirtualClock(), 'test');
    q.add('a');
    expect(q.has('a')).toBe(true);
    expect(q.has('b')).toBe(false);
    q.pop();
    expect(q.has('a')).toBe(false);
  });

  it('a key re-added after pop (during its sync) is queued again, at the back', () => {
    const q = new WorkQueue(new VirtualClock(), 'test');
    q.add('a');
    q.add('b');
    expect(q.pop()).toBe('a');
    q.add('a');
    expect(drain(q)).toEqual(['b', 'a']);
  });

  it('keeps its name', () => {
    expect(new WorkQueue(new VirtualClock(), 'daemonset-controller').name).toBe('daemonset-controller');
  });
});

describe('WorkQueue.addAfter (delaying queue)', () => {
  it('the key appears only when its delay has passed', () => {
    const clock = new VirtualClock();
    const q = new WorkQueue(clock, 'test');
    q.addAfter('a', 1000);
    expect(q.length).toBe(0);
    runTo(clock, 999);
    expect(q.has('a')).toBe(false);
    runTo(clock, 1000);
    expect(q.has('a')).toBe(true);
  });

  const immediate = [0, -5];
  it.each(immediate)('a delay of %i adds at once', (d) => {
    const clock = new VirtualClock();
    const q = new WorkQueue(clock, 'test');
    q.addAfter('a', d);
    expect(q.has('a')).toBe(true);
    expect(clock.pendingTimers()).toBe(0);
  });

  // client-go delaying_queue: a key already waiting keeps the earliest ready time.
  const earliest: Array<{ name: string; delays: Array<{ atMs: number; delay: number }>; want: number }> = [
    {
      name: 'later call cannot postpone',
      delays: [
        { atMs: 0, delay: 1000 },
        { atMs: 0, delay: 5000 },
      ],
      want: 1000,
    },
    {
      name: 'earlier call moves it forward',
      delays: [
        { atMs: 0, delay: 5000 },
        { atMs: 0, delay: 1000 },
      ],
      want: 1000,
    },
    {
      name: 'comparison uses absolute due times',
      delays: [
        { atMs: 0, delay: 3000 },
        { atMs: 2000, delay: 500 },
      ],
      want: 2500,
    },
    {
      name: 'absolute due time later than the pending one',
      delays: [
        { atMs: 0, delay: 3000 },
        { atMs: 2000, delay: 2000 },
      ],
      want: 3000,
    },
  ];
  it.each(earliest)('earliest pending time wins: $name', ({ delays, want }) => {
    const clock = new VirtualClock();
    const q = new WorkQueue(clock, 'test');
    for (const { atMs, delay } of delays) {
      runTo(clock, atMs);
      q.addAfter('k', delay);
    }
    expect(clock.pendingTimers()).toBe(1);
    runTo(clock, want - 1);
    expect(q.has('k')).toBe(false);
    runTo(clock, want);
    expect(q.has('k')).toBe(true);
    expect(q.pop()).toBe('k');
    runTo(clock, 100_000);
    expect(q.length).toBe(0);
  });

  it('a delayed add of a key that is already queued does not duplicate it', () => {
    const clock = new VirtualClock();
    const q = new WorkQueue(clock, 'test');
    q.add('a');
    q.addAfter('a', 100);
    runTo(clock, 100);
    expect(q.length).toBe(1);
    expect(drain(q)).toEqual(['a']);
  });

  it('a delayed add fires even if the key was processed meanwhile', () => {
    const clock = new VirtualClock();
    const q = new WorkQueue(clock, 'test');
    q.addAfter('a', 100);
    q.add('a');
    expect(q.pop()).toBe('a');
    runTo(clock, 100);
    expect(q.pop()).toBe('a');
  });

  it('after firing, a new addAfter schedules a new timer', () => {
    const clock = new VirtualClock();
    const q = new WorkQueue(clock, 'test');
    q.addAfter('a', 100);
    runTo(clock, 100);
    expect(q.pop()).toBe('a');
    q.addAfter('a', 100);
    expect(clock.pendingTimers()).toBe(1);
    runTo(clock, 199);
    expect(q.has('a')).toBe(false);
    runTo(clock, 200);
    expect(q.has('a')).toBe(true);
  });

  it('keys are independent and become ready in due-time order', () => {
    const clock = new VirtualClock();
    const q = new WorkQueue(clock, 'test');
    q.addAfter('c', 300);
    q.addAfter('a', 100);
    q.addAfter('b', 200);
    runTo(clock, 1000);
    expect(drain(q)).toEqual(['a', 'b', 'c']);
  });
});

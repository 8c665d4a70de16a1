import { describe, expect, it } from 'vitest';
import { EPOCH_MS, VirtualClock } from './clock.ts';
import { Rng } from './rng.ts';

describe('VirtualClock time and timestamps', () => {
  it('starts at t+0 on the virtual epoch 2026-01-01T00:00:00Z', () => {
    const clock = new VirtualClock();
    expect(clock.nowMs()).toBe(0);
    expect(EPOCH_MS).toBe(Date.UTC(2026, 0, 1));
    expect(clock.timestamp()).toBe('2026-01-01T00:00:00Z');
  });

  // metav1.Time serialises RFC 3339 with second precision: sub-second parts are truncated.
  const seconds: Array<{ ms: number; want: string }> = [
    { ms: 0, want: '2026-01-01T00:00:00Z' },
    { ms: 999, want: '2026-01-01T00:00:00Z' },
    { ms: 1000, want: '2026-01-01T00:00:01Z' },
    { ms: 1500, want: '2026-01-01T00:00:01Z' },
    { ms: 59_999, want: '2026-01-01T00:00:59Z' },
    { ms: 3_600_000 + 61_000, want: '2026-01-01T01:01:01Z' },
    { ms: 86_400_000, want: '2026-01-02T00:00:00Z' },
  ];
  it.each(seconds)('timestamp($ms) = $want', ({ ms, want }) => {
    expect(new VirtualClock().timestamp(ms)).toBe(want);
  });

  // metav1.MicroTime: six fractional digits.
  const micro: Array<{ ms: number; want: string }> = [
    { ms: 0, want: '2026-01-01T00:00:00.000000Z' },
    { ms: 1, want: '2026-01-01T00:00:00.001000Z' },
    { ms: 1234, want: '2026-01-01T00:00:01.234000Z' },
    { ms: 61_999, want: '2026-01-01T00:01:01.999000Z' },
  ];
  it.each(micro)('microTimestamp($ms) = $want', ({ ms, want }) => {
    expect(new VirtualClock().microTimestamp(ms)).toBe(want);
  });

  it('timestamp() without an argument renders the current virtual time', () => {
    const clock = new VirtualClock();
    clock.advanceTo(12_345);
    expect(clock.timestamp()).toBe('2026-01-01T00:00:12Z');
    expect(clock.microTimestamp()).toBe('2026-01-01T00:00:12.345000Z');
  });

  it('advanceTo never moves time backwards', () => {
    const clock = new VirtualClock();
    clock.advanceTo(5000);
    clock.advanceTo(3000);
    expect(clock.nowMs()).toBe(5000);
    clock.advanceTo(5000);
    expect(clock.nowMs()).toBe(5000);
    clock.advanceTo(5001);
    expect(clock.nowMs()).toBe(5001);
  });
});

describe('VirtualClock timers', () => {
  /** Schedule one timer per delay (labelled by index) and fire everything; returns the firing order. */
  function fireOrder(delays: number[]): number[] {
    const clock = new VirtualClock();
    const fired: number[] = [];
    delays.forEach((d, i) => clock.schedule(d, () => fired.push(i)));
    clock.advanceTo(Math.max(0, ...delays));
    clock.fireDue();
    return fired;
  }

  const orders: Array<{ name: string; delays: number[]; want: number[] }> = [
    { name: 'ascending', delays: [10, 20, 30], want: [0, 1, 2] },
    { name: 'descending', delays: [30, 20, 10], want: [2, 1, 0] },
    { name: 'ties fire in the order they were set', delays: [5, 5, 5, 5], want: [0, 1, 2, 3] },
    { name: 'ties mixed with others', delays: [20, 10, 20, 10, 0], want: [4, 1, 3, 0, 2] },
    { name: 'negative delay is treated as now', delays: [10, -50, 0], want: [1, 2, 0] },
  ];
  it.each(orders)('fires by (due time, insertion order): $name', ({ delays, want }) => {
    expect(fireOrder(delays)).toEqual(want);
  });

  it('fires only timers that are due, and reports how many fired', () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.schedule(1000, () => fired.push('a'));
    clock.schedule(2000, () => fired.push('b'));
    clock.schedule(3000, () => fired.push('c'));
    expect(clock.fireDue()).toBe(0);
    clock.advanceTo(2000);
    expect(clock.fireDue()).toBe(2);
    expect(fired).toEqual(['a', 'b']);
    expect(clock.nextDue()).toBe(3000);
    expect(clock.pendingTimers()).toBe(1);
  });

  it('schedules relative to the current time', () => {
    const clock = new VirtualClock();
    clock.advanceTo(10_000);
    const t = clock.schedule(500, () => undefined);
    expect(t.at).toBe(10_500);
    expect(clock.nextDue()).toBe(10_500);
  });

  it('a cancelled timer never fires and is skipped by nextDue/pendingTimers', () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    const a = clock.schedule(100, () => fired.push('a'));
    clock.schedule(200, () => fired.push('b'));
    clock.cancel(a);
    clock.cancel(undefined);
    expect(clock.nextDue()).toBe(200);
    expect(clock.pendingTimers()).toBe(1);
    clock.advanceTo(1000);
    expect(clock.fireDue()).toBe(1);
    expect(fired).toEqual(['b']);
    expect(clock.nextDue()).toBeUndefined();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('a timer scheduled at the current instant while firing fires in the same call', () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.schedule(0, () => {
      fired.push('first');
      clock.schedule(0, () => fired.push('chained'));
      clock.schedule(1, () => fired.push('later'));
    });
    expect(clock.fireDue()).toBe(2);
    expect(fired).toEqual(['first', 'chained']);
    expect(clock.nextDue()).toBe(1);
  });

  it('a timer can cancel another one due at the same instant', () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    const holder: { b?: ReturnType<VirtualClock['schedule']> } = {};
    clock.schedule(10, () => {
      fired.push('a');
      clock.cancel(holder.b);
    });
    holder.b = clock.schedule(10, () => fired.push('b'));
    clock.advanceTo(10);
    clock.fireDue();
    expect(fired).toEqual(['a']);
  });

  it('keeps heap order for many random timers (deterministic tie-break by sequence)', () => {
    const clock = new VirtualClock();
    const rng = new Rng(7);
    const scheduled: Array<{ at: number; seq: number }> = [];
    const fired: Array<{ at: number; seq: number }> = [];
    const cancelled = new Set<number>();
    for (let i = 0; i < 500; i++) {
      const at = rng.int(50) * 10;
      const t = clock.schedule(at, () => fired.push({ at, seq: i }));
      scheduled.push({ at, seq: i });
      if (rng.int(5) === 0) {
        clock.cancel(t);
        cancelled.add(i);
      }
    }
    clock.advanceTo(10_000);
    expect(clock.fireDue()).toBe(500 - cancelled.size);
    const want = scheduled.filter((s) => !cancelled.has(s.seq)).sort((a, b) => a.at - b.at || a.seq - b.seq);
    expect(fired).toEqual(want);
  });
});

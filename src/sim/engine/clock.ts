// Virtual time: milliseconds since the simulation's epoch, advanced only by the engine. Timers sit
// in a binary heap ordered by (due time, insertion sequence), so ties fire in the order they were set.

/** Virtual epoch: t+0 is rendered as this instant in every timestamp the API server writes. */
export const EPOCH_MS = Date.UTC(2026, 0, 1, 0, 0, 0);

export interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
  cancelled: boolean;
}

/** Heap order: due time, then the order the timers were set. */
function less(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

export class VirtualClock {
  private now = 0;
  private seq = 0;
  private heap: Timer[] = [];

  /** Milliseconds of virtual time elapsed since t+0. */
  nowMs(): number {
    return this.now;
  }

  /** RFC 3339 timestamp with second precision, as metav1.Time serialises. */
  timestamp(ms: number = this.now): string {
    const sec = Math.floor(ms / 1000);
    if (sec !== this.stampSec) {
      this.stampSec = sec;
      this.stamp = new Date(EPOCH_MS + sec * 1000).toISOString().replace('.000Z', 'Z');
    }
    return this.stamp;
  }
  private stampSec = NaN;
  private stamp = '';

  /** RFC 3339 with microseconds, as metav1.MicroTime serialises (event series, leases). */
  microTimestamp(ms: number = this.now): string {
    return new Date(EPOCH_MS + ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
  }

  schedule(delayMs: number, fn: () => void): Timer {
    const t: Timer = { at: this.now + Math.max(0, delayMs), seq: this.seq++, fn, cancelled: false };
    this.push(t);
    return t;
  }

  cancel(t: Timer | undefined): void {
    if (t) t.cancelled = true;
  }

  /** Due time of the earliest live timer, or undefined when none is pending. */
  nextDue(): number | undefined {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.pop();
    return this.heap[0]?.at;
  }

  /** Fire every timer due at or before the current time, in order. Returns how many fired. */
  fireDue(): number {
    let fired = 0;
    for (;;) {
      const next = this.nextDue();
      if (next === undefined || next > this.now) return fired;
      const t = this.pop()!;
      fired++;
      t.fn();
    }
  }

  /** Move time forward (never backwards). */
  advanceTo(ms: number): void {
    if (ms > this.now) this.now = ms;
  }

  pendingTimers(): number {
    return this.heap.filter((t) => !t.cancelled).length;
  }

  // Sift up / sift down move a hole rather than swapping pairs: no temporaries per level.
  private push(t: Timer): void {
    const h = this.heap;
    let i = h.length;
    h.push(t);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p]!;
      if (!less(t, parent)) break;
      h[i] = parent;
      i = p;
    }
    h[i] = t;
  }

  private pop(): Timer | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    const n = h.length;
    if (n > 0 && last) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let m = l;
        if (r < n && less(h[r]!, h[l]!)) m = r;
        const child = h[m]!;
        if (!less(child, last)) break;
        h[i] = child;
        i = m;
      }
      h[i] = last;
    }
    return top;
  }
}

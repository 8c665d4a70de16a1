import type { Timer, VirtualClock } from '../engine/clock.ts';

// A deduplicating FIFO of keys, like client-go's workqueue: a key added while queued is not added
// twice; `addAfter` uses the virtual clock (one pending timer per key: the earliest wins).
export class WorkQueue {
  /** Membership, for dedup; `order` holds the same keys first-in first-out from `head`. */
  private readonly queued = new Set<string>();
  private order: string[] = [];
  private head = 0;
  private readonly delayed = new Map<string, Timer>();

  constructor(
    private readonly clock: VirtualClock,
    readonly name: string,
  ) {}

  add(key: string): void {
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.order.push(key);
  }

  addAfter(key: string, delayMs: number): void {
    if (delayMs <= 0) {
      this.add(key);
      return;
    }
    const at = this.clock.nowMs() + delayMs;
    const existing = this.delayed.get(key);
    if (existing && !existing.cancelled && existing.at <= at) return;
    this.clock.cancel(existing);
    this.delayed.set(
      key,
      this.clock.schedule(delayMs, () => {
        this.delayed.delete(key);
        this.add(key);
      }),
    );
  }

  /** Take the oldest key, or undefined when empty. */
  pop(): string | undefined {
    // Not the Set's first entry: a drained Set keeps its deleted slots until it shrinks, so finding
    // the first live one again and again would cost quadratic time over a long queue.
    if (this.head >= this.order.length) return undefined;
    const k = this.order[this.head++]!;
    this.queued.delete(k);
    if (this.head === this.order.length) {
      this.order = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
    return k;
  }

  /** The queued keys, oldest first: what step mode shows as coming next. */
  keys(): string[] {
    return this.order.slice(this.head);
  }

  get length(): number {
    return this.queued.size;
  }

  has(key: string): boolean {
    return this.queued.has(key);
  }
}

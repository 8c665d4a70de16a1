import type { Timer, VirtualClock } from '../engine/clock.ts';

// A deduplicating FIFO of keys, like client-go's workqueue: a key added while queued is not added
// twice; `addAfter` uses the virtual clock (one pending timer per key: the earliest wins).
export class WorkQueue {
  private readonly queued = new Set<string>();
  private readonly delayed = new Map<string, Timer>();

  constructor(
    private readonly clock: VirtualClock,
    readonly name: string,
  ) {}

  add(key: string): void {
    this.queued.add(key);
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
    for (const k of this.queued) {
      this.queued.delete(k);
      return k;
    }
    return undefined;
  }

  get length(): number {
    return this.queued.size;
  }

  has(key: string): boolean {
    return this.queued.has(key);
  }
}

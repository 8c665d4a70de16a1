// The timeline: every change the cluster goes through, in order, against virtual time. API writes
// (who wrote what, at which resourceVersion), controller syncs (which controller, which key, and for
// the DaemonSet controller what the sync decided), and events (Event objects are writes too; they
// are flagged). Entries are plain data, so the worker can post them as they are.
//
// Memory is bounded: a ring buffer keeps the newest `capacity` entries and counts what it dropped.

import type { SyncRecord } from '../daemonset/controller.ts';
import type { Event, Kind } from '../api/types.ts';
import { eventCount } from '../api/eventTimes.ts';
import type { WatchEvent, WatchEventType, WriteContext } from '../cluster/apiServer.ts';

/** Entries kept by default: at about 200 bytes an entry, some 10 MB at most. */
export const DEFAULT_TIMELINE_CAPACITY = 50_000;

/** What one DaemonSet sync decided: the controller's own SyncRecord. */
export type DaemonSetSyncRecord = SyncRecord;

interface EntryBase {
  /** Strictly increasing from 0; never reused, also after old entries are dropped. */
  seq: number;
  /** Virtual time, ms since t+0. */
  atMs: number;
}

/** One successful write to the API server. */
export interface WriteEntry extends EntryBase {
  type: 'write';
  verb: WatchEventType;
  kind: Kind;
  /** `namespace/name`, or `name` for cluster-scoped kinds. */
  key: string;
  /** The WriteContext's actor: `kubectl`, `daemonset-controller`, `default-scheduler`, `kubelet`, ... */
  actor: string;
  /** The object's resourceVersion after the write (for DELETED, its last one). */
  resourceVersion: string;
  /** `seq` of the controller sync this write belongs to; absent for user commands and timers. */
  sync?: number;
  /** Set when the object written is an Event: what `kubectl get events` shows of it. */
  event?: TimelineEvent;
}

export interface TimelineEvent {
  type: string;
  reason: string;
  message: string;
  /** `Kind namespace/name` of the involved object. */
  object: string;
  count: number;
}

/** One controller sync of one key. Recorded when it starts; `writes` and `record` when it ends. */
export interface SyncEntry extends EntryBase {
  type: 'sync';
  /** The controller (runnable) name: `daemonset-controller`, `default-scheduler`, `kubelet`, ... */
  controller: string;
  key: string;
  /** How many writes the sync made (its write entries carry `sync: this.seq`). */
  writes: number;
  /** For a DaemonSet sync that got as far as deciding: its creates, deletes and status. */
  record?: DaemonSetSyncRecord;
}

export type TimelineEntry = WriteEntry | SyncEntry;

export interface TimelineOptions {
  /** Entries kept (the newest). Default DEFAULT_TIMELINE_CAPACITY. */
  capacity?: number;
}

export class Timeline {
  readonly capacity: number;
  private readonly buf: TimelineEntry[] = [];
  /** Index in `buf` of the oldest entry once the ring is full. */
  private start = 0;
  private seq = 0;
  private current: SyncEntry | undefined;

  constructor(
    private readonly clock: { nowMs(): number },
    opts: TimelineOptions = {},
  ) {
    const cap = opts.capacity ?? DEFAULT_TIMELINE_CAPACITY;
    if (!Number.isInteger(cap) || cap < 1) throw new Error(`timeline capacity must be a positive integer`);
    this.capacity = cap;
  }

  /** The seq the next entry will get. */
  get nextSeq(): number {
    return this.seq;
  }

  /** Entries held now (at most `capacity`). */
  get size(): number {
    return this.buf.length;
  }

  /** Entries dropped to keep within `capacity` (the oldest go first). */
  get dropped(): number {
    return this.seq - this.buf.length;
  }

  recordWrite(e: WatchEvent, ctx: WriteContext): WriteEntry {
    const meta = e.object.metadata;
    const entry: WriteEntry = {
      seq: this.seq,
      atMs: this.clock.nowMs(),
      type: 'write',
      verb: e.type,
      kind: e.kind,
      key: e.key,
      actor: ctx.actor,
      resourceVersion: meta?.resourceVersion ?? '',
    };
    if (this.current) {
      entry.sync = this.current.seq;
      this.current.writes++;
    }
    if (e.kind === 'Event') entry.event = eventSummary(e.object as Event);
    this.push(entry);
    return entry;
  }

  beginSync(controller: string, key: string): SyncEntry {
    const entry: SyncEntry = {
      seq: this.seq,
      atMs: this.clock.nowMs(),
      type: 'sync',
      controller,
      key,
      writes: 0,
    };
    this.current = entry;
    this.push(entry);
    return entry;
  }

  /** The DaemonSet controller's record of the sync in progress. */
  recordDaemonSetSync(r: DaemonSetSyncRecord): void {
    if (!this.current) return;
    const record: DaemonSetSyncRecord = {
      daemonSet: r.daemonSet,
      timeMs: r.timeMs,
      creates: [...r.creates],
      deletes: [...r.deletes],
      statusOnly: r.statusOnly,
    };
    if (r.status) record.status = r.status;
    this.current.record = record;
  }

  endSync(): SyncEntry | undefined {
    const entry = this.current;
    this.current = undefined;
    return entry;
  }

  /** Every entry held, oldest first. */
  entries(): TimelineEntry[] {
    return this.start === 0
      ? this.buf.slice()
      : [...this.buf.slice(this.start), ...this.buf.slice(0, this.start)];
  }

  /** Entries with fromMs <= atMs <= toMs, oldest first. */
  between(fromMs: number, toMs: number): TimelineEntry[] {
    const lo = this.lowerBound((e) => e.atMs >= fromMs);
    const hi = this.lowerBound((e) => e.atMs > toMs);
    return this.range(lo, hi);
  }

  /** Entries with seq >= `seq`, oldest first (what is new since the last look). */
  since(seq: number): TimelineEntry[] {
    const first = this.seq - this.buf.length;
    return this.range(Math.max(0, seq - first), this.buf.length);
  }

  private at(i: number): TimelineEntry {
    return this.buf[(this.start + i) % this.buf.length]!;
  }

  private range(lo: number, hi: number): TimelineEntry[] {
    const out: TimelineEntry[] = [];
    for (let i = lo; i < hi; i++) out.push(this.at(i));
    return out;
  }

  /** First logical index whose entry satisfies `pred` (monotone in time), or size. */
  private lowerBound(pred: (e: TimelineEntry) => boolean): number {
    let lo = 0;
    let hi = this.buf.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pred(this.at(mid))) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private push(entry: TimelineEntry): void {
    this.seq++;
    if (this.buf.length < this.capacity) {
      this.buf.push(entry);
      return;
    }
    this.buf[this.start] = entry;
    this.start = (this.start + 1) % this.capacity;
  }
}

function eventSummary(ev: Event): TimelineEvent {
  const io = ev.involvedObject;
  const ns = io.namespace ? `${io.namespace}/` : '';
  return {
    type: ev.type ?? '',
    reason: ev.reason ?? '',
    message: ev.message ?? '',
    object: `${io.kind ?? ''} ${ns}${io.name ?? ''}`,
    count: eventCount(ev),
  };
}

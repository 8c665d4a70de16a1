// Event recording as client-go's record.EventRecorder does it (tools/record/events_cache.go):
// identical events bump `count`; more than 9 distinct messages with the same reason on one object
// within 10 minutes fold into one "(combined from similar events): ..." event; and each
// source+object may burst 25 events, then one every 5 minutes (the rest are dropped).

import type { AnyObject, Event, Kind, ObjectMeta } from '../api/types.ts';
import { API_VERSION } from '../api/types.ts';
import type { ApiServer } from '../cluster/apiServer.ts';
import { EPOCH_MS } from '../engine/clock.ts';

const AGGREGATE_MAX_EVENTS = 10;
const AGGREGATE_INTERVAL_MS = 600_000;
const SPAM_BURST = 25;
const SPAM_QPS = 1 / 300;
/** client-go keeps each of its three caches in an LRU of this many entries (maxLruCacheEntries). */
const LRU_ENTRIES = 4096;

/**
 * A Map used as an LRU. Refreshing moves an entry to the back (delete + set); to keep reads cheap,
 * an entry is refreshed only once it has drifted half the capacity towards eviction, so anything
 * used within the last LRU_ENTRIES / 2 operations is never the one evicted. Values carry their
 * own recency tick.
 */
class Lru<V extends { tick: number }> {
  private readonly map = new Map<string, V>();
  private tick = 0;
  get(k: string): V | undefined {
    const v = this.map.get(k);
    if (v && this.tick - v.tick > LRU_ENTRIES / 2) this.touch(k, v);
    return v;
  }
  /** Insert a new value (or replace one) as the most recently used. */
  set(k: string, v: V): void {
    this.touch(k, v);
    if (this.map.size > LRU_ENTRIES) this.map.delete(this.map.keys().next().value as string);
  }
  private touch(k: string, v: V): void {
    this.map.delete(k);
    v.tick = ++this.tick;
    this.map.set(k, v);
  }
}

/** The distinct messages seen for one object and reason: one string until a second arrives. */
interface AggregateRecord {
  first: string;
  more: Set<string> | undefined;
  lastMs: number;
  tick: number;
}
interface EventLog {
  count: number;
  firstTimestamp: string;
  name: string;
  namespace: string;
  tick: number;
}
interface Bucket {
  tokens: number;
  lastMs: number;
  tick: number;
}

export type EventType = 'Normal' | 'Warning';

/** The event's involvedObject: kind, name, namespace, uid, apiVersion, resourceVersion (when set). */
function involvedObjectOf(kind: Kind, meta: ObjectMeta): Event['involvedObject'] {
  const name = meta.name ?? '';
  const apiVersion = API_VERSION[kind];
  const { namespace, uid, resourceVersion } = meta;
  // The common case as one literal (one hidden class, all fields in the object); else built up.
  if (namespace !== undefined && uid !== undefined && resourceVersion !== undefined)
    return { kind, name, namespace, uid, apiVersion, resourceVersion };
  const involved: Event['involvedObject'] = { kind, name };
  if (namespace !== undefined) involved.namespace = namespace;
  if (uid !== undefined) involved.uid = uid;
  involved.apiVersion = apiVersion;
  if (resourceVersion !== undefined) involved.resourceVersion = resourceVersion;
  return involved;
}

/** The event-name sequence each API server's recorders share (see EventRecorder.eventName). */
const NAMING = new WeakMap<ApiServer, { ms: number; seq: number; high: string; low: number }>();

export class EventRecorder {
  private readonly aggregates = new Lru<AggregateRecord>();
  private readonly logs = new Lru<EventLog>();
  private readonly buckets = new Lru<Bucket>();
  /** Shared by every event this recorder writes (stored objects are never mutated). */
  private readonly source: NonNullable<Event['source']>;

  constructor(
    private readonly api: ApiServer,
    readonly component: string,
    private readonly host = '',
  ) {
    this.source = host ? { component, host } : { component };
  }

  event(kind: Kind, obj: AnyObject, type: EventType, reason: string, message: string): void {
    const meta = obj.metadata ?? {};
    const nowMs = this.api.clock.nowMs();
    const now = this.api.clock.timestamp();
    const ns = meta.namespace ?? 'default';
    const involved = involvedObjectOf(kind, meta);
    // Each recorder keeps its own caches, so its component and host need not be in the keys. The
    // keys are joined (flat strings), not concatenated: the caches keep thousands of them.
    const objKey = [kind, involved.uid ?? involved.name].join('\0');

    // EventAggregate
    const aggregateKey = [objKey, type, reason].join('\0');
    let record = this.aggregates.get(aggregateKey);
    if (!record || nowMs - record.lastMs > AGGREGATE_INTERVAL_MS) {
      record = { first: message, more: undefined, lastMs: nowMs, tick: 0 };
      this.aggregates.set(aggregateKey, record);
    } else if (record.more) {
      record.more.add(message);
    } else if (record.first !== message) {
      record.more = new Set([record.first, message]);
    }
    record.lastMs = nowMs;
    let key = [aggregateKey, message].join('\0');
    let finalMessage = message;
    if (record.more && record.more.size >= AGGREGATE_MAX_EVENTS) {
      const first = record.more.values().next().value;
      if (first !== undefined) record.more.delete(first);
      key = aggregateKey;
      finalMessage = '(combined from similar events): ' + message;
    }

    // eventObserve: the cache is updated even when the spam filter then drops the event.
    let log = this.logs.get(key);
    if (log) log.count++;
    else {
      log = {
        count: 1,
        firstTimestamp: now,
        name: this.eventName(involved.name ?? '', nowMs, ns),
        namespace: ns,
        tick: 0,
      };
      this.logs.set(key, log);
    }

    // EventSourceObjectSpamFilter: token bucket per source+object.
    let bucket = this.buckets.get(objKey);
    if (!bucket) {
      bucket = { tokens: SPAM_BURST, lastMs: nowMs, tick: 0 };
      this.buckets.set(objKey, bucket);
    }
    bucket.tokens = Math.min(SPAM_BURST, bucket.tokens + ((nowMs - bucket.lastMs) / 1000) * SPAM_QPS);
    bucket.lastMs = nowMs;
    if (bucket.tokens < 1) return;
    bucket.tokens -= 1;

    const ev: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      // insertTrusted fills the placeholders in place (same keys, same order, one hidden class).
      metadata: {
        name: log.name,
        namespace: log.namespace,
        uid: '',
        resourceVersion: '',
        creationTimestamp: '',
      },
      involvedObject: involved,
      reason,
      message: finalMessage,
      source: this.source,
      firstTimestamp: log.firstTimestamp,
      lastTimestamp: now,
      count: log.count,
      type,
      reportingComponent: this.component,
      reportingInstance: this.host,
    };
    const existing = log.count > 1 ? this.api.get('Event', log.namespace, log.name) : undefined;
    if (existing) {
      this.api.replace('Event', { ...ev, metadata: existing.metadata! }, { actor: this.component });
    } else {
      this.api.insertTrusted('Event', ev, { actor: this.component });
    }
  }

  /**
   * `<object>.<hex nanoseconds>` as the recorder names events. Virtual time is coarse, so every
   * recorder of one API server draws from one sequence that restarts each virtual millisecond:
   * names are unique by construction (below a million events in one millisecond; past that, the
   * store is checked).
   */
  private eventName(objName: string, nowMs: number, ns: string): string {
    let n = NAMING.get(this.api);
    if (!n) NAMING.set(this.api, (n = { ms: -1, seq: 0, high: '', low: 0 }));
    if (n.ms !== nowMs) {
      const base = BigInt(EPOCH_MS + nowMs) * 1_000_000n;
      n.ms = nowMs;
      n.seq = 0;
      n.high = (base >> 24n).toString(16);
      n.low = Number(base & 0xffffffn);
    }
    for (;;) {
      const seq = n.seq++;
      const low = n.low + seq;
      const hex =
        low < 0x1000000
          ? n.high + low.toString(16).padStart(6, '0')
          : (BigInt(EPOCH_MS + nowMs) * 1_000_000n + BigInt(seq)).toString(16);
      const name = [objName, hex].join('.'); // flat, not a cons string kept in every event
      if (seq < 1_000_000 || !this.api.get('Event', ns, name)) return name;
    }
  }
}

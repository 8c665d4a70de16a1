// Event recording as client-go's record.EventRecorder does it (tools/record/events_cache.go):
// identical events bump `count`; more than 9 distinct messages with the same reason on one object
// within 10 minutes fold into one "(combined from similar events): ..." event; and each
// source+object may burst 25 events, then one every 5 minutes (the rest are dropped).

import type { AnyObject, Event, Kind } from '../api/types.ts';
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
 * used within the last LRU_ENTRIES / 2 operations is never the one evicted.
 */
class Lru<V> {
  private readonly map = new Map<string, { v: V; tick: number }>();
  private tick = 0;
  get(k: string): V | undefined {
    const e = this.map.get(k);
    if (!e) return undefined;
    if (this.tick - e.tick > LRU_ENTRIES / 2) {
      this.map.delete(k);
      e.tick = ++this.tick;
      this.map.set(k, e);
    }
    return e.v;
  }
  set(k: string, v: V): void {
    const e = this.map.get(k);
    if (e && this.tick - e.tick <= LRU_ENTRIES / 2) {
      e.v = v;
      return;
    }
    this.map.delete(k);
    this.map.set(k, { v, tick: ++this.tick });
    if (this.map.size > LRU_ENTRIES) this.map.delete(this.map.keys().next().value as string);
  }
}

interface AggregateRecord {
  localKeys: Set<string>;
  lastMs: number;
}
interface EventLog {
  count: number;
  firstTimestamp: string;
  name: string;
  namespace: string;
}
interface Bucket {
  tokens: number;
  lastMs: number;
}

export type EventType = 'Normal' | 'Warning';

export class EventRecorder {
  private readonly aggregates = new Lru<AggregateRecord>();
  private readonly logs = new Lru<EventLog>();
  private readonly buckets = new Lru<Bucket>();
  private seq = 0;
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
    const involved: Event['involvedObject'] = { kind, name: meta.name ?? '' };
    if (meta.namespace !== undefined) involved.namespace = meta.namespace;
    if (meta.uid !== undefined) involved.uid = meta.uid;
    involved.apiVersion = API_VERSION[kind];
    if (meta.resourceVersion !== undefined) involved.resourceVersion = meta.resourceVersion;
    // The uid identifies the object; kind and name keep keys readable when debugging.
    const objKey = `${this.component}\0${this.host}\0${kind}\0${involved.uid ?? involved.name}`;
    const eventKey = `${objKey}\0${type}\0${reason}\0${message}`;

    // EventAggregate
    const aggregateKey = `${objKey}\0${type}\0${reason}`;
    let record = this.aggregates.get(aggregateKey);
    if (!record || nowMs - record.lastMs > AGGREGATE_INTERVAL_MS)
      record = { localKeys: new Set(), lastMs: nowMs };
    record.localKeys.add(message);
    record.lastMs = nowMs;
    this.aggregates.set(aggregateKey, record);
    let key = eventKey;
    let finalMessage = message;
    if (record.localKeys.size >= AGGREGATE_MAX_EVENTS) {
      const first = record.localKeys.values().next().value;
      if (first !== undefined) record.localKeys.delete(first);
      key = aggregateKey;
      finalMessage = '(combined from similar events): ' + message;
    }

    // eventObserve: the cache is updated even when the spam filter then drops the event.
    const last = this.logs.get(key);
    const log: EventLog = last
      ? { ...last, count: last.count + 1 }
      : {
          count: 1,
          firstTimestamp: now,
          name: this.eventName(involved.name ?? '', nowMs, ns),
          namespace: ns,
        };
    this.logs.set(key, log);

    // EventSourceObjectSpamFilter: token bucket per source+object.
    let bucket = this.buckets.get(objKey);
    if (!bucket) bucket = { tokens: SPAM_BURST, lastMs: nowMs };
    bucket.tokens = Math.min(SPAM_BURST, bucket.tokens + ((nowMs - bucket.lastMs) / 1000) * SPAM_QPS);
    bucket.lastMs = nowMs;
    this.buckets.set(objKey, bucket);
    if (bucket.tokens < 1) return;
    bucket.tokens -= 1;

    const ev: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: log.name, namespace: log.namespace },
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
   * `<object>.<hex nanoseconds>` as the recorder names events. Virtual time is coarse, so a
   * sequence, checked against the store (other recorders name events too), keeps names unique.
   */
  private eventName(objName: string, nowMs: number, ns: string): string {
    if (nowMs !== this.nameMs) {
      this.nameMs = nowMs;
      this.nameBase = BigInt(EPOCH_MS + nowMs) * 1_000_000n;
    }
    for (;;) {
      const name = `${objName}.${(this.nameBase + BigInt(this.seq++ % 1_000_000)).toString(16)}`;
      if (!this.api.get('Event', ns, name)) return name;
    }
  }
  private nameMs = -1;
  private nameBase = 0n;
}

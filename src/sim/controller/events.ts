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
 * A cache entry's key — the involved object (`id`: its uid, else its name; and its kind), then the
 * event's type, reason, message and the involved object's fieldPath as far as the cache keys on
 * them ('' where it does not; a message of `undefined` is the combined entry) — its place in the
 * recency list, and the next entry of the same object.
 */
interface Entry {
  id: string;
  kind: string;
  type: string;
  reason: string;
  message: string | undefined;
  path: string;
  tick: number;
  prev: Entry | undefined;
  next: Entry | undefined;
  sibling: Entry | undefined;
}

function sameKey(
  a: Entry,
  kind: string,
  type: string,
  reason: string,
  message: string | undefined,
  path: string,
): boolean {
  return (
    a.kind === kind && a.type === type && a.reason === reason && a.message === message && a.path === path
  );
}

/**
 * An LRU of LRU_ENTRIES entries. Refreshing moves an entry to the back; to keep reads cheap, an
 * entry is refreshed only once it has drifted half the capacity towards eviction, so anything used
 * within the last LRU_ENTRIES / 2 operations is never the one evicted. Entries are found through
 * their object (the uid string the object already carries: no key string is built or kept per
 * event), whose few entries are chained through `sibling`; recency is a doubly linked list.
 */
class Lru<V extends Entry> {
  /** Per object, the first of its entries. */
  private readonly byObject = new Map<string, V>();
  private head: V | undefined;
  private tail: V | undefined;
  private size = 0;
  private tick = 0;

  get(
    id: string,
    kind: string,
    type: string,
    reason: string,
    message: string | undefined,
    path: string,
  ): V | undefined {
    for (let v = this.byObject.get(id); v !== undefined; v = v.sibling as V | undefined) {
      if (sameKey(v, kind, type, reason, message, path)) {
        if (this.tick - v.tick > LRU_ENTRIES / 2) {
          this.unlink(v);
          this.append(v);
        }
        return v;
      }
    }
    return undefined;
  }

  /** Insert a new entry (replacing one with the same key) as the most recently used. */
  set(v: V): void {
    const first = this.byObject.get(v.id);
    let before: V | undefined;
    let same = first;
    while (same !== undefined && !sameKey(same, v.kind, v.type, v.reason, v.message, v.path)) {
      before = same;
      same = same.sibling as V | undefined;
    }
    if (same !== undefined) {
      // Take the old entry's place in the chain.
      v.sibling = same.sibling;
      if (before === undefined) this.byObject.set(v.id, v);
      else before.sibling = v;
      this.unlink(same);
      this.size--;
    } else if (before !== undefined) {
      // A new key of a known object: chained after its last entry (the walk ended there).
      v.sibling = undefined;
      before.sibling = v;
    } else {
      v.sibling = undefined;
      this.byObject.set(v.id, v);
    }
    this.append(v);
    this.size++;
    if (this.size > LRU_ENTRIES) this.evict(this.head!);
  }

  private evict(v: V): void {
    this.unlink(v);
    this.size--;
    const first = this.byObject.get(v.id)!;
    if (first === v) {
      if (v.sibling === undefined) this.byObject.delete(v.id);
      else this.byObject.set(v.id, v.sibling as V);
    } else {
      let before = first;
      while (before.sibling !== v) before = before.sibling as V;
      before.sibling = v.sibling;
    }
    v.sibling = undefined;
  }

  private append(v: V): void {
    v.tick = ++this.tick;
    v.prev = this.tail;
    v.next = undefined;
    if (this.tail) this.tail.next = v;
    else this.head = v;
    this.tail = v;
  }

  private unlink(v: V): void {
    if (v.prev) v.prev.next = v.next;
    else this.head = v.next as V | undefined;
    if (v.next) v.next.prev = v.prev;
    else this.tail = v.prev as V | undefined;
    v.prev = v.next = undefined;
  }
}

/** The distinct messages seen for one object and reason: one string until a second arrives. */
interface AggregateRecord extends Entry {
  first: string;
  more: Set<string> | undefined;
  lastMs: number;
}
interface EventLog extends Entry {
  count: number;
  firstTimestamp: string;
  name: string;
  namespace: string;
}
interface Bucket extends Entry {
  tokens: number;
  lastMs: number;
}

export type EventType = 'Normal' | 'Warning';

/**
 * The event's involvedObject: kind, name, namespace, uid, apiVersion, resourceVersion (when set),
 * and the fieldPath of the part it is about (a container: `spec.containers{name}`), if any.
 */
function involvedObjectOf(kind: Kind, meta: ObjectMeta, fieldPath: string): Event['involvedObject'] {
  const name = meta.name ?? '';
  const apiVersion = API_VERSION[kind];
  const { namespace, uid, resourceVersion } = meta;
  // The common cases as one literal (one hidden class, all fields in the object); else built up.
  if (namespace !== undefined && uid !== undefined && resourceVersion !== undefined) {
    if (fieldPath === '') return { kind, name, namespace, uid, apiVersion, resourceVersion };
    return { kind, name, namespace, uid, apiVersion, resourceVersion, fieldPath };
  }
  const involved: Event['involvedObject'] = { kind, name };
  if (namespace !== undefined) involved.namespace = namespace;
  if (uid !== undefined) involved.uid = uid;
  involved.apiVersion = apiVersion;
  if (resourceVersion !== undefined) involved.resourceVersion = resourceVersion;
  if (fieldPath !== '') involved.fieldPath = fieldPath;
  return involved;
}

/** The event-name sequence each API server's recorders share (see nextEventName). */
export interface EventNaming {
  ms: number;
  seq: number;
  high: string;
  low: number;
}
const NAMING = new WeakMap<ApiServer, EventNaming>();

/** This API server's event-name sequence, shared by every recorder that writes to it. */
export function eventNamingOf(api: ApiServer): EventNaming {
  let n = NAMING.get(api);
  if (n === undefined) NAMING.set(api, (n = { ms: -1, seq: 0, high: '', low: 0 }));
  return n;
}

/**
 * `<object>.<hex nanoseconds>` as both of client-go's recorders name events. Virtual time is
 * coarse, so every recorder of one API server draws from one sequence that restarts each virtual
 * millisecond: names are unique by construction (below a million events in one millisecond; past
 * that, the store is checked).
 */
export function nextEventName(
  n: EventNaming,
  api: ApiServer,
  objName: string,
  nowMs: number,
  ns: string,
): string {
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
    if (seq < 1_000_000 || !api.get('Event', ns, name)) return name;
  }
}

export class EventRecorder {
  private readonly aggregates = new Lru<AggregateRecord>();
  private readonly logs = new Lru<EventLog>();
  private readonly buckets = new Lru<Bucket>();
  /** Shared by every event this recorder writes (stored objects are never mutated). */
  private readonly source: NonNullable<Event['source']>;
  private lastMeta: ObjectMeta | undefined;
  /** This API server's event-name sequence (NAMING), looked up once. */
  private naming: EventNaming | undefined;
  private lastKind: Kind | undefined;
  private lastFieldPath = '';
  private lastInvolved: Event['involvedObject'] = { kind: '', name: '' };

  constructor(
    private readonly api: ApiServer,
    readonly component: string,
    private readonly host = '',
  ) {
    this.source = host ? { component, host } : { component };
  }

  /**
   * Record an event about `obj`, or (with `fieldPath`, e.g. `spec.containers{agent}`) about a part
   * of it, as the kubelet does for its container events.
   */
  event(kind: Kind, obj: AnyObject, type: EventType, reason: string, message: string, fieldPath = ''): void {
    const meta = obj.metadata ?? {};
    const nowMs = this.api.clock.nowMs();
    const now = this.api.clock.timestamp();
    const ns = meta.namespace ?? 'default';
    // Several events about one object version in a row (Pulled, Created, Started) share one
    // involvedObject: stored objects are immutable, so sharing it is invisible.
    if (this.lastMeta !== meta || this.lastKind !== kind || this.lastFieldPath !== fieldPath) {
      this.lastMeta = meta;
      this.lastKind = kind;
      this.lastFieldPath = fieldPath;
      this.lastInvolved = involvedObjectOf(kind, meta, fieldPath);
    }
    const involved = this.lastInvolved;
    // Each recorder keeps its own caches, so its component and host need not be in the keys.
    const id = involved.uid ?? involved.name ?? '';

    // EventAggregate (its key leaves the fieldPath out)
    let record = this.aggregates.get(id, kind, type, reason, '', '');
    if (!record || nowMs - record.lastMs > AGGREGATE_INTERVAL_MS) {
      record = {
        id,
        kind,
        type,
        reason,
        message: '',
        path: '',
        tick: 0,
        prev: undefined,
        next: undefined,
        sibling: undefined,
        first: message,
        more: undefined,
        lastMs: nowMs,
      };
      this.aggregates.set(record);
    } else if (record.more) {
      record.more.add(message);
    } else if (record.first !== message) {
      record.more = new Set([record.first, message]);
    }
    record.lastMs = nowMs;
    // The log is keyed by the message and fieldPath, or (once combined) by the aggregate alone.
    let logMessage: string | undefined = message;
    let logPath = fieldPath;
    let finalMessage = message;
    if (record.more && record.more.size >= AGGREGATE_MAX_EVENTS) {
      const first = record.more.values().next().value;
      if (first !== undefined) record.more.delete(first);
      logMessage = undefined;
      logPath = '';
      finalMessage = '(combined from similar events): ' + message;
    }

    // eventObserve: the cache is updated even when the spam filter then drops the event.
    let log = this.logs.get(id, kind, type, reason, logMessage, logPath);
    if (log) log.count++;
    else {
      log = {
        id,
        kind,
        type,
        reason,
        message: logMessage,
        path: logPath,
        tick: 0,
        prev: undefined,
        next: undefined,
        sibling: undefined,
        count: 1,
        firstTimestamp: now,
        name: this.eventName(involved.name ?? '', nowMs, ns),
        namespace: ns,
      };
      this.logs.set(log);
    }

    // EventSourceObjectSpamFilter: token bucket per source+object.
    let bucket = this.buckets.get(id, kind, '', '', '', '');
    if (!bucket) {
      bucket = {
        id,
        kind,
        type: '',
        reason: '',
        message: '',
        path: '',
        tick: 0,
        prev: undefined,
        next: undefined,
        sibling: undefined,
        tokens: SPAM_BURST,
        lastMs: nowMs,
      };
      this.buckets.set(bucket);
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

  private eventName(objName: string, nowMs: number, ns: string): string {
    this.naming ??= eventNamingOf(this.api);
    return nextEventName(this.naming, this.api, objName, nowMs, ns);
  }
}

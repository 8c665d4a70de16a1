// Event recording through the events.k8s.io API, as client-go's tools/events recorder does it
// (event_recorder.go, event_broadcaster.go). The scheduler records this way; the controllers and
// the kubelet use the older core/v1 correlator (events.ts).
//
// What a learner sees differs from the correlator's events:
// - the event has `eventTime` (microseconds), `action`, `reportingComponent` and
//   `reportingInstance`; read through core/v1 its `source` is empty, `firstTimestamp` and
//   `lastTimestamp` are null and there is no `count`;
// - two events are "isomorphic" when type, action, reason, reporter and the whole object reference
//   (resourceVersion included) agree, whatever their note says. The second one writes
//   `series: {count: 2, lastObservedTime}` onto the first event; later ones only count in the
//   recorder's memory, which is written out every 30 minutes, or when the series has seen nothing
//   for 6 minutes (checked every 6 minutes), after which the next one starts a new event;
// - a singleton event is forgotten 6 minutes after it happened (checked every 6 minutes), so an
//   isomorphic event after that is a new event, not a series.

import type { AnyObject, Event, Kind, ObjectMeta } from '../api/types.ts';
import { API_VERSION } from '../api/types.ts';
import type { ApiServer } from '../cluster/apiServer.ts';
import type { Timer } from '../engine/clock.ts';
import { eventNamingOf, nextEventName, type EventNaming, type EventType } from './events.ts';

/** finishTime and refreshTime in event_broadcaster.go. */
export const SERIES_FINISH_MS = 6 * 60_000;
export const SERIES_REFRESH_MS = 30 * 60_000;

type ObjectReference = NonNullable<Event['involvedObject']>;

/** The empty core/v1 `source` every such event has (stored objects are immutable: one is shared). */
const NO_SOURCE = Object.freeze({});

/**
 * The cached event of one isomorphism key, chained with the other keys of the same object. Most
 * events stay singletons, so an entry is small and keeps its series apart.
 */
interface Entry {
  /** The event as first stored (stored objects are immutable): the key is read from it. */
  event: Event;
  eventTimeMs: number;
  series: Series | undefined;
  next: Entry | undefined;
}

/** A series as the recorder counts it, and what the stored event says of it (`written`). */
interface Series {
  count: number;
  lastObservedMs: number;
  writtenCount: number;
  writtenLastMs: number;
}

/** The cache's key for an event: its involved object's uid, else its name. */
function idOf(ref: ObjectReference): string {
  return ref.uid ?? ref.name ?? '';
}

function referenceTo(kind: Kind, meta: ObjectMeta): ObjectReference {
  const ref: ObjectReference = { kind };
  if (meta.namespace !== undefined) ref.namespace = meta.namespace;
  ref.name = meta.name ?? '';
  if (meta.uid !== undefined) ref.uid = meta.uid;
  ref.apiVersion = API_VERSION[kind];
  if (meta.resourceVersion !== undefined) ref.resourceVersion = meta.resourceVersion;
  return ref;
}

/** Everything of a reference, for the isomorphism key of `related` (rarely set). */
function refKey(ref: ObjectReference | undefined): string {
  if (!ref) return '';
  return [
    ref.kind,
    ref.namespace,
    ref.name,
    ref.uid,
    ref.apiVersion,
    ref.resourceVersion,
    ref.fieldPath,
  ].join('\u0000');
}

/**
 * The first finishSeries tick that forgets a singleton event recorded at `eventTimeMs`: ticks run
 * every SERIES_FINISH_MS from the recorder's start (t+0) and drop events older than
 * SERIES_FINISH_MS, strictly. A tick at the same instant as an event is taken to run first.
 */
function forgottenAt(eventTimeMs: number): number {
  return (Math.floor((eventTimeMs + SERIES_FINISH_MS) / SERIES_FINISH_MS) + 1) * SERIES_FINISH_MS;
}

export class SeriesRecorder {
  /** The recorder's eventCache, per involved object (uid, else name). */
  private readonly cache = new Map<string, Entry>();
  /** Entries with a series: the periodic ticks write them out. */
  private readonly series = new Set<Entry>();
  private timer: Timer | undefined;
  private entries = 0;
  private sweepAt = 4096;
  private naming: EventNaming | undefined;
  /** The last eventTime written, shared by the events of one virtual millisecond. */
  private stampMs = -1;
  private stamp = '';

  constructor(
    private readonly api: ApiServer,
    /** reportingController (shown as reportingComponent) and reportingInstance. */
    readonly controller: string,
    readonly instance: string,
  ) {}

  /**
   * Eventf(regarding, related, type, reason, action, note): record an event about `obj` (as the
   * caller saw it: its resourceVersion is part of the event), optionally naming a related object.
   */
  event(
    kind: Kind,
    obj: AnyObject,
    type: EventType,
    reason: string,
    action: string,
    note: string,
    related?: { kind: Kind; object: AnyObject },
  ): void {
    const nowMs = this.api.clock.nowMs();
    const meta = obj.metadata ?? {};
    const regarding = referenceTo(kind, meta);
    const relatedRef = related ? referenceTo(related.kind, related.object.metadata ?? {}) : undefined;
    const relatedKey = refKey(relatedRef);
    const id = idOf(regarding);
    const rv = regarding.resourceVersion ?? '';
    const fieldPath = regarding.fieldPath ?? '';

    let before: Entry | undefined;
    let entry = this.cache.get(id);
    while (
      entry !== undefined &&
      !(
        entry.event.type === type &&
        entry.event.action === action &&
        entry.event.reason === reason &&
        entry.event.involvedObject.kind === kind &&
        (entry.event.involvedObject.resourceVersion ?? '') === rv &&
        (entry.event.involvedObject.fieldPath ?? '') === fieldPath &&
        refKey(entry.event.related) === relatedKey
      )
    ) {
      before = entry;
      entry = entry.next;
    }
    if (entry !== undefined && entry.series === undefined && nowMs >= forgottenAt(entry.eventTimeMs)) {
      // finishSeries has forgotten it: this one starts afresh.
      this.unlink(id, before, entry);
      entry = undefined;
    }
    if (entry !== undefined) {
      if (entry.series) {
        // Counted here; a tick writes it.
        entry.series.count++;
        entry.series.lastObservedMs = nowMs;
      } else {
        // The second occurrence is written at once.
        entry.series = { count: 2, lastObservedMs: nowMs, writtenCount: 1, writtenLastMs: entry.eventTimeMs };
        this.series.add(entry);
        this.write(entry);
        this.arm();
      }
      return;
    }

    const namespace = regarding.namespace || 'default';
    this.naming ??= eventNamingOf(this.api);
    const name = nextEventName(this.naming, this.api, regarding.name ?? '', nowMs, namespace);
    const ev = this.eventObject(namespace, name, regarding, type, reason, note, nowMs, action, relatedRef);
    this.api.insertTrusted('Event', ev, { actor: this.controller });
    this.cache.set(id, { event: ev, eventTimeMs: nowMs, series: undefined, next: this.cache.get(id) });
    if (++this.entries > this.sweepAt) this.sweep(nowMs);
  }

  private eventTime(ms: number): string {
    if (ms !== this.stampMs) {
      this.stampMs = ms;
      this.stamp = this.api.clock.microTimestamp(ms);
    }
    return this.stamp;
  }

  /** The core/v1 view of an events.k8s.io event (the Go struct's field order). */
  private eventObject(
    namespace: string,
    name: string,
    regarding: ObjectReference,
    type: EventType,
    reason: string,
    note: string,
    nowMs: number,
    action: string,
    related: ObjectReference | undefined,
  ): Event {
    const ev = {
      apiVersion: 'v1',
      kind: 'Event',
      // insertTrusted fills the placeholders in place.
      metadata: { name, namespace, uid: '', resourceVersion: '', creationTimestamp: '' },
      involvedObject: regarding,
      reason,
      message: note,
      source: NO_SOURCE,
      firstTimestamp: null,
      lastTimestamp: null,
      type,
      eventTime: this.eventTime(nowMs),
      action,
      ...(related ? { related } : {}),
      reportingComponent: this.controller,
      reportingInstance: this.instance,
    };
    return ev as unknown as Event;
  }

  /**
   * recordEvent for a series: patch `series` onto the stored event (a no-op patch changes nothing);
   * if the event is gone, create it again under its name.
   */
  private write(entry: Entry): void {
    const s = entry.series;
    if (!s || (s.writtenCount === s.count && s.writtenLastMs === s.lastObservedMs)) return;
    s.writtenCount = s.count;
    s.writtenLastMs = s.lastObservedMs;
    const series = { count: s.count, lastObservedTime: this.api.clock.microTimestamp(s.lastObservedMs) };
    const { namespace, name } = entry.event.metadata ?? {};
    const stored = this.api.get('Event', namespace, name ?? '');
    const ctx = { actor: this.controller };
    if (!stored) {
      // Deleted meanwhile: created again, series and all, under the same name.
      const { metadata, ...rest } = entry.event;
      this.api.insertTrusted(
        'Event',
        this.withSeries(
          {
            ...rest,
            metadata: {
              name: metadata?.name,
              namespace: metadata?.namespace,
              uid: '',
              resourceVersion: '',
              creationTimestamp: '',
            },
          } as Event,
          series,
        ),
        ctx,
      );
    } else {
      this.api.replace('Event', this.withSeries(stored, series), ctx);
    }
  }

  /** `event` with `series`, which sits between eventTime and action in the Go struct. */
  private withSeries(event: Event, series: NonNullable<Event['series']>): Event {
    const { action, related, reportingComponent, reportingInstance, ...rest } = event;
    return {
      ...rest,
      series,
      ...(action !== undefined ? { action } : {}),
      ...(related !== undefined ? { related } : {}),
      reportingComponent,
      reportingInstance,
    } as Event;
  }

  /** The finishSeries / refreshExistingEventSeries ticks run while some series is cached. */
  private arm(): void {
    if (this.timer !== undefined) return;
    const now = this.api.clock.nowMs();
    const next = (Math.floor(now / SERIES_FINISH_MS) + 1) * SERIES_FINISH_MS;
    this.timer = this.api.clock.schedule(next - now, () => this.tick(next));
  }

  private tick(at: number): void {
    this.timer = undefined;
    // finishSeries: a series quiet for SERIES_FINISH_MS is written a last time and forgotten.
    for (const entry of this.series) {
      if (entry.series!.lastObservedMs < at - SERIES_FINISH_MS) {
        this.write(entry);
        this.forget(entry);
      }
    }
    // refreshExistingEventSeries, every SERIES_REFRESH_MS.
    if (at % SERIES_REFRESH_MS === 0) for (const entry of this.series) this.write(entry);
    this.sweep(at);
    if (this.series.size > 0) this.arm();
  }

  private forget(entry: Entry): void {
    this.series.delete(entry);
    const id = idOf(entry.event.involvedObject);
    let before: Entry | undefined;
    for (let e = this.cache.get(id); e !== undefined; before = e, e = e.next) {
      if (e === entry) {
        this.unlink(id, before, e);
        return;
      }
    }
  }

  private unlink(id: string, before: Entry | undefined, entry: Entry): void {
    if (before) before.next = entry.next;
    else if (entry.next) this.cache.set(id, entry.next);
    else this.cache.delete(id);
    entry.next = undefined;
    this.entries--;
  }

  /** Drop singletons finishSeries has forgotten by `nowMs` (they can never match again). */
  private sweep(nowMs: number): void {
    for (const [id, first] of this.cache) {
      let before: Entry | undefined;
      let e: Entry | undefined = first;
      while (e !== undefined) {
        const next: Entry | undefined = e.next;
        if (e.series === undefined && nowMs >= forgottenAt(e.eventTimeMs)) this.unlink(id, before, e);
        else before = e;
        e = next;
      }
    }
    this.sweepAt = Math.max(4096, 2 * this.entries);
  }
}

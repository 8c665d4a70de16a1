// When and how often an event happened, read the way kubectl reads it. Events recorded through the
// core/v1 correlator carry firstTimestamp, lastTimestamp and count; those recorded through
// events.k8s.io (the scheduler's) carry eventTime and, once repeated, a series.

import type { Event } from './types.ts';

/** How many times it happened as far as the stored event says: the series count, else count, else 1. */
export function eventCount(e: Event): number {
  return e.series?.count ?? e.count ?? 1;
}

/**
 * When it last happened (kubectl's sort key, util/event `eventTime`): the series' lastObservedTime,
 * else lastTimestamp, else eventTime; the creation time where none is set.
 */
export function eventLastSeen(e: Event): string {
  return e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? '';
}

/** When it first happened: eventTime, else firstTimestamp (kubectl describe's "over" time). */
export function eventFirstSeen(e: Event): string {
  return e.eventTime ?? e.firstTimestamp ?? '';
}

/**
 * Order two RFC 3339 UTC timestamps the API server wrote, of second (`…:05Z`) or microsecond
 * (`…:05.250000Z`) precision: a second-precision time counts as the start of its second.
 */
export function compareTimestamps(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === b.length) return a < b ? -1 : 1;
  const fa = a.length === 20 ? a.slice(0, 19) + '.000000Z' : a;
  const fb = b.length === 20 ? b.slice(0, 19) + '.000000Z' : b;
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

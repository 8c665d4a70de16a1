import { describe, expect, it } from 'vitest';
import { compareTimestamps, eventCount, eventFirstSeen, eventLastSeen } from './eventTimes.ts';
import type { Event } from './types.ts';

const base: Event = {
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'e', creationTimestamp: '2026-01-01T00:00:09Z' },
  involvedObject: {},
};

describe('eventTimes', () => {
  it.each([
    [
      'a core/v1 event',
      { count: 3, firstTimestamp: '2026-01-01T00:00:01Z', lastTimestamp: '2026-01-01T00:00:05Z' },
      3,
      '2026-01-01T00:00:05Z',
      '2026-01-01T00:00:01Z',
    ],
    [
      'an events.k8s.io singleton',
      { firstTimestamp: null, lastTimestamp: null, eventTime: '2026-01-01T00:00:02.500000Z' },
      1,
      '2026-01-01T00:00:02.500000Z',
      '2026-01-01T00:00:02.500000Z',
    ],
    [
      'an events.k8s.io series',
      {
        eventTime: '2026-01-01T00:00:02.500000Z',
        series: { count: 4, lastObservedTime: '2026-01-01T00:00:07.000000Z' },
      },
      4,
      '2026-01-01T00:00:07.000000Z',
      '2026-01-01T00:00:02.500000Z',
    ],
    ['an event with no times', {}, 1, '2026-01-01T00:00:09Z', ''],
  ] as const)('%s', (_, fields, count, last, first) => {
    const e = { ...base, ...fields } as unknown as Event;
    expect(eventCount(e)).toBe(count);
    expect(eventLastSeen(e)).toBe(last);
    expect(eventFirstSeen(e)).toBe(first);
  });

  it('orders second and microsecond precision timestamps by time', () => {
    const times = [
      '2026-01-01T00:00:05.250000Z',
      '2026-01-01T00:00:05Z',
      '2026-01-01T00:00:04.999000Z',
      '2026-01-01T00:00:06Z',
      '2026-01-01T00:00:05.000000Z',
    ];
    expect([...times].sort(compareTimestamps)).toEqual([
      '2026-01-01T00:00:04.999000Z',
      '2026-01-01T00:00:05Z',
      '2026-01-01T00:00:05.000000Z',
      '2026-01-01T00:00:05.250000Z',
      '2026-01-01T00:00:06Z',
    ]);
    expect(compareTimestamps('2026-01-01T00:00:05Z', '2026-01-01T00:00:05.000000Z')).toBe(0);
  });
});

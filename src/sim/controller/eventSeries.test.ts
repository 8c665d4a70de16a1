import { describe, expect, it } from 'vitest';
import type { Event, Pod } from '../api/types.ts';
import { ApiServer } from '../cluster/apiServer.ts';
import { VirtualClock } from '../engine/clock.ts';
import { Rng } from '../engine/rng.ts';
import { SERIES_FINISH_MS, SERIES_REFRESH_MS, SeriesRecorder } from './eventSeries.ts';

function world() {
  const clock = new VirtualClock();
  const api = new ApiServer(clock, new Rng(1), { freeze: true });
  const recorder = new SeriesRecorder(api, 'default-scheduler', 'default-scheduler-control-plane');
  /** Move the clock, firing the recorder's ticks on the way. */
  const advanceTo = (ms: number) => {
    for (let due = clock.nextDue(); due !== undefined && due <= ms; due = clock.nextDue()) {
      clock.advanceTo(due);
      clock.fireDue();
    }
    clock.advanceTo(ms);
  };
  return { clock, api, recorder, advanceTo, events: (): Event[] => [...api.list('Event')] };
}

const pod = (resourceVersion = '5', name = 'agent-x'): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'kube-system', uid: `uid-${name}`, resourceVersion },
});

const FAILED = '0/3 nodes are available: 1 Insufficient cpu.';

function failed(recorder: SeriesRecorder, p: Pod = pod(), note = FAILED): void {
  recorder.event('Pod', p, 'Warning', 'FailedScheduling', 'Scheduling', note);
}

describe('SeriesRecorder: the event as core/v1 shows it', () => {
  it('has eventTime, action and the reporter, and no source, timestamps or count', () => {
    const { advanceTo, recorder, events } = world();
    advanceTo(12_345);
    recorder.event(
      'Pod',
      pod(),
      'Normal',
      'Scheduled',
      'Binding',
      'Successfully assigned kube-system/agent-x to n1',
    );
    const [e, ...rest] = events();
    expect(rest).toEqual([]);
    expect(e!.metadata?.name).toMatch(/^agent-x\.[0-9a-f]+$/);
    expect(e!.metadata?.namespace).toBe('kube-system');
    expect(e).toMatchObject({
      involvedObject: {
        kind: 'Pod',
        namespace: 'kube-system',
        name: 'agent-x',
        uid: 'uid-agent-x',
        apiVersion: 'v1',
        resourceVersion: '5',
      },
      reason: 'Scheduled',
      message: 'Successfully assigned kube-system/agent-x to n1',
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      type: 'Normal',
      eventTime: '2026-01-01T00:00:12.345000Z',
      action: 'Binding',
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-control-plane',
    });
    // The Go struct's field order, as `kubectl get -o json` would print it.
    expect(Object.keys(e!)).toEqual([
      'apiVersion',
      'kind',
      'metadata',
      'involvedObject',
      'reason',
      'message',
      'source',
      'firstTimestamp',
      'lastTimestamp',
      'type',
      'eventTime',
      'action',
      'reportingComponent',
      'reportingInstance',
    ]);
  });

  it('names a related object, which is part of what makes two events the same', () => {
    const { recorder, events } = world();
    const victim = pod('9', 'low');
    const preemptor = pod('3', 'agent-y');
    const preempt = (by: Pod) =>
      recorder.event('Pod', victim, 'Normal', 'Preempted', 'Preempting', 'Preempted by pod x on node n1', {
        kind: 'Pod',
        object: by,
      });
    preempt(preemptor);
    preempt(pod('4', 'agent-y'));
    const list = events();
    expect(list).toHaveLength(2);
    expect(list[0]!.related).toEqual({
      kind: 'Pod',
      namespace: 'kube-system',
      name: 'agent-y',
      uid: 'uid-agent-y',
      apiVersion: 'v1',
      resourceVersion: '3',
    });
    expect(list.map((e) => e.series)).toEqual([undefined, undefined]);
  });
});

describe('SeriesRecorder: isomorphic events become a series', () => {
  it('writes the second occurrence as series count 2 and keeps the first note', () => {
    const { advanceTo, recorder, events } = world();
    failed(recorder);
    const first = events()[0]!;
    advanceTo(10_000);
    failed(recorder, pod(), '0/3 nodes are available: 1 Too many pods.');
    const [e, ...rest] = events();
    expect(rest).toEqual([]);
    expect(e!.metadata?.name).toBe(first.metadata?.name);
    expect(Number(e!.metadata?.resourceVersion)).toBeGreaterThan(Number(first.metadata?.resourceVersion));
    expect(e!.message).toBe(FAILED);
    expect(e!.eventTime).toBe('2026-01-01T00:00:00.000000Z');
    expect(e!.series).toEqual({ count: 2, lastObservedTime: '2026-01-01T00:00:10.000000Z' });
    expect(Object.keys(e!).slice(-5)).toEqual([
      'eventTime',
      'series',
      'action',
      'reportingComponent',
      'reportingInstance',
    ]);
  });

  it('counts later occurrences in memory only, until a tick writes them', () => {
    const { advanceTo, recorder, events, clock } = world();
    failed(recorder);
    advanceTo(1_000);
    failed(recorder);
    const written = events()[0]!;
    for (let s = 2; s <= 5; s++) {
      advanceTo(s * 1_000);
      failed(recorder);
    }
    expect(events()[0]).toBe(written); // nothing written for occurrences 3 to 6
    expect(written.series?.count).toBe(2);
    // The 6-minute tick does not finish a series seen within the last 6 minutes.
    advanceTo(SERIES_FINISH_MS);
    expect(events()[0]).toBe(written);
    // Quiet for more than 6 minutes by the 12-minute tick: written a last time and forgotten.
    advanceTo(2 * SERIES_FINISH_MS);
    expect(events()[0]!.series).toEqual({ count: 6, lastObservedTime: '2026-01-01T00:00:05.000000Z' });
    // With nothing cached, no tick stays armed.
    expect(clock.nextDue()).toBeUndefined();
    // Forgotten, so the next occurrence starts a new event.
    failed(recorder);
    expect(events()).toHaveLength(2);
    expect(events()[1]!.series).toBeUndefined();
  });

  it('refreshes a series still running every 30 minutes', () => {
    const { advanceTo, recorder, events, clock } = world();
    failed(recorder);
    // One occurrence a minute, never quiet for 6 minutes.
    for (let m = 1; m < 30; m++) {
      advanceTo(m * 60_000);
      failed(recorder);
    }
    expect(events()[0]!.series?.count).toBe(2);
    advanceTo(SERIES_REFRESH_MS);
    expect(events()[0]!.series).toEqual({ count: 30, lastObservedTime: '2026-01-01T00:29:00.000000Z' });
    expect(clock.nextDue()).toBe(SERIES_REFRESH_MS + SERIES_FINISH_MS);
  });

  it('treats the same pod at another resourceVersion as another event', () => {
    const { recorder, events } = world();
    failed(recorder, pod('5'));
    failed(recorder, pod('6')); // after the scheduler wrote PodScheduled=False
    failed(recorder, pod('6'));
    const list = events();
    expect(list).toHaveLength(2);
    expect(list.map((e) => e.involvedObject.resourceVersion)).toEqual(['5', '6']);
    expect(list.map((e) => e.series?.count)).toEqual([undefined, 2]);
  });

  it('keys on type, action and reason, not on the note', () => {
    const { recorder, events } = world();
    failed(recorder);
    recorder.event('Pod', pod(), 'Normal', 'FailedScheduling', 'Scheduling', FAILED);
    recorder.event('Pod', pod(), 'Warning', 'FailedScheduling', 'Binding', FAILED);
    recorder.event('Pod', pod(), 'Warning', 'Other', 'Scheduling', FAILED);
    expect(events()).toHaveLength(4);
  });

  it('forgets a singleton at the first 6-minute tick after it is 6 minutes old', () => {
    // Recorded at t+0: still known at the 6-minute tick (not older than 6 minutes then), forgotten
    // at the 12-minute one.
    const joined = world();
    failed(joined.recorder);
    joined.advanceTo(2 * SERIES_FINISH_MS - 1);
    failed(joined.recorder);
    expect(joined.events()).toHaveLength(1);
    expect(joined.events()[0]!.series?.count).toBe(2);

    const fresh = world();
    failed(fresh.recorder);
    fresh.advanceTo(2 * SERIES_FINISH_MS);
    failed(fresh.recorder);
    expect(fresh.events()).toHaveLength(2);
    expect(fresh.events().map((e) => e.series)).toEqual([undefined, undefined]);
  });

  it('creates the event again when it was deleted before its series is written', () => {
    const { api, advanceTo, recorder, events } = world();
    failed(recorder);
    const name = events()[0]!.metadata!.name!;
    api.delete('Event', 'kube-system', name);
    advanceTo(1_000);
    failed(recorder);
    const [e, ...rest] = events();
    expect(rest).toEqual([]);
    expect(e!.metadata?.name).toBe(name);
    expect(e!.message).toBe(FAILED);
    expect(e!.series).toEqual({ count: 2, lastObservedTime: '2026-01-01T00:00:01.000000Z' });
  });
});

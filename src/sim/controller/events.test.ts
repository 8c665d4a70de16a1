import { describe, expect, it } from 'vitest';
import type { AnyObject, DaemonSet, Event, Node } from '../api/types.ts';
import { ApiServer } from '../cluster/apiServer.ts';
import { VirtualClock } from '../engine/clock.ts';
import { Rng } from '../engine/rng.ts';
import { EventRecorder } from './events.ts';

function world() {
  const clock = new VirtualClock();
  const api = new ApiServer(clock, new Rng(1), { freeze: true });
  return { clock, api, events: (): Event[] => [...api.list('Event')] };
}

const ds = (name = 'agent', uid = 'uid-agent'): DaemonSet => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name, namespace: 'default', uid, resourceVersion: '7' },
});

const node: Node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-a', uid: 'uid-node' } };

function only(events: Event[]): Event {
  expect(events).toHaveLength(1);
  return events[0]!;
}

describe('EventRecorder: the event object', () => {
  it('records a core/v1 Event about the involved object', () => {
    const { clock, api, events } = world();
    clock.advanceTo(12_000);
    new EventRecorder(api, 'daemonset-controller').event(
      'DaemonSet',
      ds(),
      'Normal',
      'SuccessfulCreate',
      'Created pod: agent-x',
    );
    const e = only(events());
    expect(e.metadata?.name).toMatch(/^agent\.[0-9a-f]+$/);
    expect(e.metadata?.namespace).toBe('default');
    expect(e.involvedObject).toEqual({
      kind: 'DaemonSet',
      namespace: 'default',
      name: 'agent',
      uid: 'uid-agent',
      apiVersion: 'apps/v1',
      resourceVersion: '7',
    });
    expect(e).toMatchObject({
      type: 'Normal',
      reason: 'SuccessfulCreate',
      message: 'Created pod: agent-x',
      count: 1,
      firstTimestamp: '2026-01-01T00:00:12Z',
      lastTimestamp: '2026-01-01T00:00:12Z',
      source: { component: 'daemonset-controller' },
      reportingComponent: 'daemonset-controller',
    });
    expect(e.source?.host).toBeUndefined();
  });

  it('a recorder with a host (kubelet) records source.host', () => {
    const { api, events } = world();
    new EventRecorder(api, 'kubelet', 'node-a').event('DaemonSet', ds(), 'Normal', 'Pulled', 'x');
    const e = only(events());
    expect(e.source).toEqual({ component: 'kubelet', host: 'node-a' });
    expect(e.reportingInstance).toBe('node-a');
  });

  it('events about cluster-scoped objects land in the default namespace', () => {
    const { api, events } = world();
    new EventRecorder(api, 'node-controller').event('Node', node, 'Normal', 'NodeNotReady', 'x');
    const e = only(events());
    expect(e.metadata?.namespace).toBe('default');
    expect(e.involvedObject.namespace).toBeUndefined();
    expect(e.involvedObject).toMatchObject({ kind: 'Node', name: 'node-a', apiVersion: 'v1' });
  });

  it('event names are unique even within one instant', () => {
    const { api, events } = world();
    const r = new EventRecorder(api, 'c');
    for (let i = 0; i < 5; i++) r.event('DaemonSet', ds(), 'Normal', `R${i}`, 'm');
    expect(new Set(events().map((e) => e.metadata?.name)).size).toBe(5);
  });
});

describe('EventRecorder: identical events (eventObserve)', () => {
  it('bump count and lastTimestamp on the same Event; firstTimestamp stays', () => {
    const { clock, api, events } = world();
    const r = new EventRecorder(api, 'daemonset-controller');
    r.event('DaemonSet', ds(), 'Warning', 'FailedDaemonPod', 'm');
    const name = only(events()).metadata?.name;
    clock.advanceTo(30_000);
    r.event('DaemonSet', ds(), 'Warning', 'FailedDaemonPod', 'm');
    clock.advanceTo(65_000);
    r.event('DaemonSet', ds(), 'Warning', 'FailedDaemonPod', 'm');
    const e = only(events());
    expect(e.metadata?.name).toBe(name);
    expect(e.count).toBe(3);
    expect(e.firstTimestamp).toBe('2026-01-01T00:00:00Z');
    expect(e.lastTimestamp).toBe('2026-01-01T00:01:05Z');
  });

  // getEventKey: source, involved object (incl. uid), type, reason, message.
  const distinct: Array<{ name: string; second: [DaemonSet, 'Normal' | 'Warning', string, string] }> = [
    { name: 'another message', second: [ds(), 'Normal', 'R', 'other'] },
    { name: 'another reason', second: [ds(), 'Normal', 'R2', 'm'] },
    { name: 'another type', second: [ds(), 'Warning', 'R', 'm'] },
    { name: 'another object', second: [ds('other', 'uid-other'), 'Normal', 'R', 'm'] },
    { name: 'same name, new uid (recreated)', second: [ds('agent', 'uid-2'), 'Normal', 'R', 'm'] },
  ];
  it.each(distinct)('$name gives a separate Event', ({ second }) => {
    const { api, events } = world();
    const r = new EventRecorder(api, 'c');
    r.event('DaemonSet', ds(), 'Normal', 'R', 'm');
    r.event('DaemonSet', ...second);
    expect(events()).toHaveLength(2);
    expect(events().map((e) => e.count)).toEqual([1, 1]);
  });

  // Upstream names events `<object>.<UnixNano hex>`; a clash is an AlreadyExists error, never an
  // overwrite of another component's event.
  it('two components reporting about one object in the same instant give two Events', () => {
    const { api, events } = world();
    new EventRecorder(api, 'a').event('DaemonSet', ds(), 'Normal', 'R', 'm');
    new EventRecorder(api, 'b', 'node-b').event('DaemonSet', ds(), 'Warning', 'Other', 'x');
    expect(events()).toHaveLength(2);
    expect(events().map((e) => [e.source?.component, e.reason])).toEqual([
      ['a', 'R'],
      ['b', 'Other'],
    ]);
  });

  // getEventKey includes involvedObject.fieldPath; the aggregate and spam keys do not.
  it('events about parts of an object (fieldPath) are counted per part', () => {
    const { api, events } = world();
    const r = new EventRecorder(api, 'kubelet', 'node-a');
    r.event('DaemonSet', ds(), 'Normal', 'Started', 'Container started', 'spec.containers{a}');
    r.event('DaemonSet', ds(), 'Normal', 'Started', 'Container started', 'spec.containers{b}');
    r.event('DaemonSet', ds(), 'Normal', 'Started', 'Container started', 'spec.containers{a}');
    r.event('DaemonSet', ds(), 'Normal', 'Started', 'Container started');
    expect(events().map((e) => [e.involvedObject.fieldPath, e.count])).toEqual([
      ['spec.containers{a}', 2],
      ['spec.containers{b}', 1],
      [undefined, 1],
    ]);
    expect(Object.keys(events()[0]!.involvedObject)).toEqual([
      'kind',
      'name',
      'namespace',
      'uid',
      'apiVersion',
      'resourceVersion',
      'fieldPath',
    ]);
  });

  it('two components reporting the same thing at different instants give two Events', () => {
    const { clock, api, events } = world();
    new EventRecorder(api, 'a').event('DaemonSet', ds(), 'Normal', 'R', 'm');
    clock.advanceTo(1000);
    new EventRecorder(api, 'b').event('DaemonSet', ds(), 'Normal', 'R', 'm');
    expect(events()).toHaveLength(2);
  });
});

describe('EventRecorder: aggregation of similar events (EventAggregate)', () => {
  const emit = (r: EventRecorder, i: number, reason = 'FailedCreate', obj: AnyObject = ds()) =>
    r.event('DaemonSet', obj, 'Warning', reason, `Error creating: attempt ${i}`);

  it('the first 9 distinct messages are recorded as they are', () => {
    const { api, events } = world();
    const r = new EventRecorder(api, 'c');
    for (let i = 0; i < 9; i++) emit(r, i);
    expect(events().map((e) => e.message)).toEqual(
      Array.from({ length: 9 }, (_, i) => `Error creating: attempt ${i}`),
    );
  });

  it('from the 10th distinct message on, they fold into one "(combined from similar events)" event', () => {
    const { clock, api, events } = world();
    const r = new EventRecorder(api, 'c');
    for (let i = 0; i < 9; i++) emit(r, i);
    clock.advanceTo(1000);
    emit(r, 9);
    let list = events();
    expect(list).toHaveLength(10);
    const combined = list[9]!;
    expect(combined.message).toBe('(combined from similar events): Error creating: attempt 9');
    expect(combined.count).toBe(1);
    expect(combined.reason).toBe('FailedCreate');
    expect(combined.type).toBe('Warning');
    expect(combined.firstTimestamp).toBe('2026-01-01T00:00:01Z');
    clock.advanceTo(5000);
    emit(r, 10);
    emit(r, 11);
    list = events();
    expect(list).toHaveLength(10);
    expect(list[9]!.metadata?.name).toBe(combined.metadata?.name);
    expect(list[9]!.message).toBe('(combined from similar events): Error creating: attempt 11');
    expect(list[9]!.count).toBe(3);
    expect(list[9]!.firstTimestamp).toBe('2026-01-01T00:00:01Z');
    expect(list[9]!.lastTimestamp).toBe('2026-01-01T00:00:05Z');
  });

  const windows: Array<{ name: string; gapsMs: number[]; combined: boolean }> = [
    { name: 'all within one instant', gapsMs: Array(9).fill(0), combined: true },
    {
      name: 'each 5 min after the previous (sliding window)',
      gapsMs: Array(9).fill(300_000),
      combined: true,
    },
    { name: 'exactly 10 min before the 10th', gapsMs: [...Array(8).fill(0), 600_000], combined: true },
    { name: 'more than 10 min before the 10th', gapsMs: [...Array(8).fill(0), 600_001], combined: false },
  ];
  it.each(windows)('10-minute window: $name → combined=$combined', ({ gapsMs, combined }) => {
    const { clock, api, events } = world();
    const r = new EventRecorder(api, 'c');
    emit(r, 0);
    gapsMs.forEach((gap, i) => {
      clock.advanceTo(clock.nowMs() + gap);
      emit(r, i + 1);
    });
    const last = events().at(-1)!;
    expect(last.message?.startsWith('(combined from similar events): ')).toBe(combined);
  });

  const separate: Array<{ name: string; tenth: (r: EventRecorder) => void }> = [
    { name: 'another reason', tenth: (r) => emit(r, 9, 'OtherReason') },
    { name: 'another object', tenth: (r) => emit(r, 9, 'FailedCreate', ds('b', 'uid-b')) },
    {
      name: 'another type',
      tenth: (r) => r.event('DaemonSet', ds(), 'Normal', 'FailedCreate', 'Error creating: attempt 9'),
    },
  ];
  it.each(separate)(
    'similar events are grouped per object/type/reason: $name is not combined',
    ({ tenth }) => {
      const { api, events } = world();
      const r = new EventRecorder(api, 'c');
      for (let i = 0; i < 9; i++) emit(r, i);
      tenth(r);
      expect(events().at(-1)!.message).toBe('Error creating: attempt 9');
    },
  );
});

describe('EventRecorder: spam filter (EventSourceObjectSpamFilter)', () => {
  it('allows a burst of 25 events per source+object, then drops', () => {
    const { api, events } = world();
    const r = new EventRecorder(api, 'c');
    for (let i = 0; i < 30; i++) r.event('DaemonSet', ds(), 'Normal', `Reason${i}`, 'm');
    expect(events()).toHaveLength(25);
    expect(events().at(-1)!.reason).toBe('Reason24');
  });

  it('refills one token every 300 s', () => {
    const { clock, api, events } = world();
    const r = new EventRecorder(api, 'c');
    for (let i = 0; i < 26; i++) r.event('DaemonSet', ds(), 'Normal', `Reason${i}`, 'm');
    expect(events()).toHaveLength(25);
    clock.advanceTo(299_000);
    r.event('DaemonSet', ds(), 'Normal', 'Late1', 'm');
    expect(events()).toHaveLength(25);
    clock.advanceTo(301_000);
    r.event('DaemonSet', ds(), 'Normal', 'Late2', 'm');
    r.event('DaemonSet', ds(), 'Normal', 'Late3', 'm');
    expect(
      events()
        .map((e) => e.reason)
        .slice(25),
    ).toEqual(['Late2']);
    clock.advanceTo(301_000 + 25 * 300_000 + 1000);
    for (let i = 0; i < 30; i++) r.event('DaemonSet', ds(), 'Normal', `Again${i}`, 'm');
    expect(events()).toHaveLength(26 + 25);
  });

  it('dropped occurrences are still counted: the next accepted one carries the full count', () => {
    const { clock, api, events } = world();
    const r = new EventRecorder(api, 'c');
    for (let i = 0; i < 30; i++) r.event('DaemonSet', ds(), 'Warning', 'BackOff', 'same');
    expect(only(events()).count).toBe(25);
    clock.advanceTo(301_000);
    r.event('DaemonSet', ds(), 'Warning', 'BackOff', 'same');
    expect(only(events()).count).toBe(31);
  });

  // getSpamKey: source component+host and involved object; not the event type.
  const buckets: Array<{
    name: string;
    next: (api: ApiServer, r: EventRecorder) => void;
    accepted: boolean;
  }> = [
    {
      name: 'same object, other type (shares the bucket)',
      next: (_api, r) => r.event('DaemonSet', ds(), 'Warning', 'W', 'm'),
      accepted: false,
    },
    {
      name: 'other object',
      next: (_api, r) => r.event('DaemonSet', ds('b', 'uid-b'), 'Normal', 'N', 'm'),
      accepted: true,
    },
    {
      name: 'other component',
      next: (api) => new EventRecorder(api, 'other').event('DaemonSet', ds(), 'Normal', 'N', 'm'),
      accepted: true,
    },
    {
      name: 'same component, other host',
      next: (api) => new EventRecorder(api, 'c', 'node-b').event('DaemonSet', ds(), 'Normal', 'N', 'm'),
      accepted: true,
    },
  ];
  it.each(buckets)('after the burst is spent: $name → accepted=$accepted', ({ next, accepted }) => {
    const { clock, api, events } = world();
    const r = new EventRecorder(api, 'c');
    for (let i = 0; i < 25; i++) r.event('DaemonSet', ds(), 'Normal', `Reason${i}`, 'm');
    // 1 ms later (refills 1/300000 of a token): keeps this test about the filter, not event naming.
    clock.advanceTo(1);
    next(api, r);
    expect(events()).toHaveLength(accepted ? 26 : 25);
  });
});

describe('EventRecorder: each cache keeps the 4096 most recent entries (maxLruCacheEntries)', () => {
  const message = 'Created pod: x';
  /** `reasons` about one DaemonSet, then one event about each of `others` other DaemonSets, then `again`. */
  function run(reasons: string[], others: number, again: string[]): Event[] {
    const { api, events } = world();
    const r = new EventRecorder(api, 'daemonset-controller');
    const first = ds('first', 'uid-first');
    for (const reason of reasons) r.event('DaemonSet', first, 'Normal', reason, message);
    for (let i = 0; i < others; i++)
      r.event('DaemonSet', ds(`ds-${i}`, `uid-${i}`), 'Normal', 'SuccessfulCreate', message);
    for (const reason of again) r.event('DaemonSet', first, 'Normal', reason, message);
    return events().filter((e) => e.involvedObject.name === 'first');
  }

  it('an event repeated while its entry is cached bumps the count of the same Event', () => {
    const first = run(['SuccessfulCreate'], 4095, ['SuccessfulCreate']);
    expect(first.map((e) => e.count)).toEqual([2]);
  });

  it('once 4096 newer entries have pushed its entry out, the same event starts a new Event', () => {
    const first = run(['SuccessfulCreate'], 4096, ['SuccessfulCreate']);
    expect(first.map((e) => e.count)).toEqual([1, 1]);
    expect(new Set(first.map((e) => e.metadata?.name)).size).toBe(2);
  });

  it('evicts only the oldest of one object’s entries', () => {
    // 3 + 4094 = 4097 entries: only the first reason's entry goes. (Asked in reverse, so that B
    // and C are refreshed before A's new entry pushes the next oldest out.)
    const first = run(['A', 'B', 'C'], 4094, ['C', 'B', 'A']);
    const byReason = (reason: string) => first.filter((e) => e.reason === reason).map((e) => e.count);
    expect(byReason('A')).toEqual([1, 1]);
    expect(byReason('B')).toEqual([2]);
    expect(byReason('C')).toEqual([2]);
  });
});

import { describe, expect, it } from 'vitest';
import { defaultSession, nodeObject } from '../state/defaults.ts';
import { PROTOCOL_VERSION, type FromWorker, type ToWorker } from './protocol.ts';
import { createRuntime } from './runtime.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A runtime with a hand-driven wall clock and timer. */
function harness() {
  const out: FromWorker[] = [];
  let wall = 0;
  let pending: { fn: () => void; at: number } | undefined;
  const rt = createRuntime({
    post: (m) => out.push(m),
    now: () => wall,
    setTimer: (fn, ms) => (pending = { fn, at: wall + ms }),
    clearTimer: () => (pending = undefined),
  });
  const send = (m: DistributiveOmit<ToWorker, 'v'>) => rt.receive({ v: PROTOCOL_VERSION, ...m } as ToWorker);
  /** Let wall time pass, firing the timer as it falls due. */
  const wait = (ms: number) => {
    const end = wall + ms;
    while (pending && pending.at <= end) {
      const p = pending;
      pending = undefined;
      wall = p.at;
      p.fn();
    }
    wall = end;
  };
  return { out, send, wait, now: () => wall };
}

describe('watched views while playing', () => {
  it('are refreshed at most every 250 ms of wall time, and the last state always arrives', () => {
    const h = harness();
    h.send({ type: 'init', session: defaultSession(), playing: false, speed: 1 });
    h.send({ type: 'watch', daemonSet: 'kube-system/fluentd-elasticsearch', node: null });
    h.send({ type: 'play', speed: 1 });
    const at: number[] = [];
    h.out.length = 0;
    for (let i = 0; i < 80; i++) {
      h.wait(50);
      const m = h.out.at(-1);
      if (m?.type === 'diff' && m.watched) at.push(h.now());
    }
    expect(at.length).toBeGreaterThan(1);
    for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(250);
    // The pods became Ready during that time; the last view sent says the rollout is done.
    const last = [...h.out].reverse().find((m) => m.type === 'diff' && m.watched);
    expect(last?.type === 'diff' && last.watched?.rollout?.status).toMatchObject({ done: true });
  });

  it('a change right after a refresh waits for the next slot instead of recomputing at once', () => {
    const h = harness();
    h.send({ type: 'init', session: defaultSession(), playing: false, speed: 1 });
    h.send({ type: 'play', speed: 1 });
    h.wait(420);
    // Views computed now (wall ~420); the kubelets pick the pods up at virtual t+0.5s.
    h.send({ type: 'watch', daemonSet: 'kube-system/fluentd-elasticsearch', node: null });
    h.out.length = 0;
    h.wait(130);
    const withChanges = h.out.filter((m) => m.type === 'diff' && m.changes.length > 0);
    expect(withChanges.length).toBeGreaterThan(0);
    expect(withChanges.every((m) => m.type === 'diff' && m.watched === undefined)).toBe(true);
    h.wait(250);
    expect(h.out.some((m) => m.type === 'diff' && m.watched !== undefined)).toBe(true);
  });
});

const createdPods = (m: FromWorker) =>
  m.type === 'diff'
    ? m.changes.filter((c) => c.type === 'upsert' && c.kind === 'Pod' && c.created).length
    : 0;

describe('worker runtime', () => {
  it('plays the clock at the chosen speed', () => {
    const h = harness();
    h.send({ type: 'init', session: defaultSession(), playing: false, speed: 1 });
    h.send({ type: 'play', speed: 2 });
    h.wait(1000);
    const last = h.out.at(-1)!;
    expect(last.type === 'diff' && last.nowMs).toBe(2000);
    h.send({ type: 'pause' });
    h.wait(1000);
    const after = h.out.at(-1)!;
    expect(after.type === 'diff' && after.nowMs).toBe(2000);
  });

  it('shows slow-start batches one after another when playing slowly', () => {
    const h = harness();
    const session = defaultSession();
    session.log = [session.log[0]!]; // the nodes, without the DaemonSet
    h.send({ type: 'init', session, playing: false, speed: 0.5 });
    h.send({
      type: 'command',
      id: 1,
      command: { type: 'applyObjects', objects: [1, 2, 3, 4].map((i) => nodeObject(`n-${i}`)) },
    });
    h.send({ type: 'play', speed: 0.5 });
    h.out.length = 0;
    h.send({ type: 'command', id: 2, command: { type: 'applyYaml', text: DS } });
    h.wait(4000);
    // 7 nodes: batches of 1, 2 and 4, each in its own message, the clock held meanwhile.
    const batches = h.out.map(createdPods).filter((n) => n > 0);
    expect(batches).toEqual([1, 2, 4]);
  });

  it.each([
    ['paused', false, 0.5],
    ['playing fast', true, 5],
  ])('delivers a sync whole when %s', (_what, playing, speed) => {
    const h = harness();
    const session = defaultSession();
    session.log = [session.log[0]!];
    h.send({ type: 'init', session, playing: false, speed });
    h.send({
      type: 'command',
      id: 1,
      command: { type: 'applyObjects', objects: [1, 2, 3, 4].map((i) => nodeObject(`n-${i}`)) },
    });
    if (playing) h.send({ type: 'play', speed });
    h.out.length = 0;
    h.send({ type: 'command', id: 2, command: { type: 'applyYaml', text: DS } });
    h.wait(2000);
    expect(h.out.map(createdPods).filter((n) => n > 0)).toEqual([7]);
  });
});

const DS = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      tolerations: [{operator: Exists}]
      containers: [{name: c, image: busybox}]
`;

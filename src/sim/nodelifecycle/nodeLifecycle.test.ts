import { describe, expect, it } from 'vitest';
import type { AnyObject, Node, NodeCondition, Pod, PodCondition, Taint, Toleration } from '../api/types.ts';
import { ApiServer } from '../cluster/apiServer.ts';
import { VirtualClock } from '../engine/clock.ts';
import { Rng } from '../engine/rng.ts';
import { NodeLifecycleController, TaintEvictionController, desiredLifecycleTaints } from './nodeLifecycle.ts';
import { ControlLoop } from '../engine/simulation.ts';

const IMAGE = 'registry.k8s.io/pause:3.9';
const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';

// ---- a small world: API server, node lifecycle + taint eviction, and a loop that runs them ------

function world() {
  const clock = new VirtualClock();
  const api = new ApiServer(clock, new Rng(1), { freeze: true });
  api.addIndex('Pod', 'nodeName', (p) => (p.spec?.nodeName ? [p.spec.nodeName] : []));
  const nlc = new NodeLifecycleController(api);
  const te = new TaintEvictionController(api);

  const loop = new ControlLoop(clock, api, [nlc, te]);
  const settle = (): void => void loop.settle();
  const advance = (seconds: number): void => loop.advanceTo(clock.nowMs() + Math.round(seconds * 1000));
  function create<T extends AnyObject>(obj: T): T {
    const r = api.create(obj);
    if (!r.ok) throw new Error(r.error.message);
    return r.object as T;
  }
  const node = (name = 'node-a') => api.get('Node', undefined, name)!;
  const pod = (name = 'web') => api.get('Pod', 'default', name);
  /** What the kubelet (or the node lifecycle controller) reports for the Ready condition. */
  function setReady(status: string, name = 'node-a'): void {
    const n = node(name);
    const conditions = (n.status?.conditions ?? []).map((c) =>
      c.type === 'Ready' ? { ...c, status, lastTransitionTime: clock.timestamp() } : c,
    );
    api.replace('Node', { ...n, status: { ...n.status, conditions } }, { actor: 'kubelet' });
    settle();
  }
  function setCondition(type: string, status: string, name = 'node-a'): void {
    const n = node(name);
    const conditions = (n.status?.conditions ?? []).map((c) => (c.type === type ? { ...c, status } : c));
    api.replace('Node', { ...n, status: { ...n.status, conditions } }, { actor: 'kubelet' });
    settle();
  }
  /** `kubectl taint` / `kubectl cordon`: a user update of the node's spec. */
  function setSpec(spec: Node['spec'], name = 'node-a'): void {
    const n = JSON.parse(JSON.stringify(node(name))) as Node;
    n.spec = { ...n.spec, ...spec };
    const r = api.update(n);
    if (!r.ok) throw new Error(r.error.message);
    settle();
  }
  const evictionEvents = () =>
    [...api.list('Event')]
      .filter((e) => e.reason === 'TaintManagerEviction')
      .map((e) => `${e.message} (x${e.count ?? 1})`);
  return { clock, api, settle, advance, create, node, pod, setReady, setCondition, setSpec, evictionEvents };
}

const newNode = (name = 'node-a', taints?: Taint[]): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  spec: taints ? { taints } : {},
});

const newPod = (tolerations?: Toleration[], name = 'web', nodeName = 'node-a'): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'c', image: IMAGE }], nodeName, ...(tolerations ? { tolerations } : {}) },
});

const taintKeys = (taints: readonly Taint[] | undefined) =>
  (taints ?? []).map((t) => `${t.key}:${t.effect}`).sort();

// ---- desiredLifecycleTaints ---------------------------------------------------------------------

describe('desiredLifecycleTaints (O1 doNoScheduleTaintingPass, O2 doNoExecuteTaintingPass)', () => {
  const healthy: NodeCondition[] = [
    { type: 'MemoryPressure', status: 'False' },
    { type: 'DiskPressure', status: 'False' },
    { type: 'PIDPressure', status: 'False' },
    { type: 'Ready', status: 'True' },
  ];
  const withCond = (type: string, status: string): NodeCondition[] => [
    ...healthy.filter((c) => c.type !== type),
    { type, status },
  ];
  const cases: Array<{ name: string; conditions: NodeCondition[]; unschedulable?: boolean; want: string[] }> =
    [
      { name: 'healthy', conditions: healthy, want: [] },
      { name: 'no conditions at all', conditions: [], want: [] },
      {
        name: 'Ready=False',
        conditions: withCond('Ready', 'False'),
        want: [`${NOT_READY}:NoExecute`, `${NOT_READY}:NoSchedule`],
      },
      {
        name: 'Ready=Unknown',
        conditions: withCond('Ready', 'Unknown'),
        want: [`${UNREACHABLE}:NoExecute`, `${UNREACHABLE}:NoSchedule`],
      },
      {
        name: 'MemoryPressure=True',
        conditions: withCond('MemoryPressure', 'True'),
        want: ['node.kubernetes.io/memory-pressure:NoSchedule'],
      },
      {
        name: 'DiskPressure=True',
        conditions: withCond('DiskPressure', 'True'),
        want: ['node.kubernetes.io/disk-pressure:NoSchedule'],
      },
      {
        name: 'PIDPressure=True',
        conditions: withCond('PIDPressure', 'True'),
        want: ['node.kubernetes.io/pid-pressure:NoSchedule'],
      },
      {
        name: 'NetworkUnavailable=True',
        conditions: withCond('NetworkUnavailable', 'True'),
        want: ['node.kubernetes.io/network-unavailable:NoSchedule'],
      },
      { name: 'NetworkUnavailable=False', conditions: withCond('NetworkUnavailable', 'False'), want: [] },
      { name: 'MemoryPressure=Unknown', conditions: withCond('MemoryPressure', 'Unknown'), want: [] },
      {
        name: 'cordoned',
        conditions: healthy,
        unschedulable: true,
        want: ['node.kubernetes.io/unschedulable:NoSchedule'],
      },
      {
        name: 'cordoned and not ready with disk pressure',
        conditions: [
          ...withCond('Ready', 'False').filter((c) => c.type !== 'DiskPressure'),
          { type: 'DiskPressure', status: 'True' },
        ],
        unschedulable: true,
        want: [
          'node.kubernetes.io/disk-pressure:NoSchedule',
          `${NOT_READY}:NoExecute`,
          `${NOT_READY}:NoSchedule`,
          'node.kubernetes.io/unschedulable:NoSchedule',
        ],
      },
    ];
  it.each(cases)('$name', ({ conditions, unschedulable, want }) => {
    const node: Node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n' },
      spec: unschedulable ? { unschedulable } : {},
      status: { conditions },
    };
    expect(taintKeys(desiredLifecycleTaints(node))).toEqual(want);
  });
});

// ---- NodeLifecycleController ---------------------------------------------------------------------

describe('NodeLifecycleController: conditions and cordon become taints', () => {
  it('a node that goes NotReady gets not-ready NoSchedule and NoExecute taints with timeAdded', () => {
    const w = world();
    w.create(newNode());
    w.settle();
    expect(w.node().spec?.taints).toBeUndefined();
    w.clock.advanceTo(30_000);
    w.setReady('False');
    const taints = w.node().spec?.taints ?? [];
    expect(taintKeys(taints)).toEqual([`${NOT_READY}:NoExecute`, `${NOT_READY}:NoSchedule`]);
    expect(taints.map((t) => t.timeAdded)).toEqual(['2026-01-01T00:00:30Z', '2026-01-01T00:00:30Z']);
  });

  it('Ready=False → Unknown swaps not-ready for unreachable (the two are mutually exclusive)', () => {
    const w = world();
    w.create(newNode());
    w.setReady('False');
    w.setReady('Unknown');
    expect(taintKeys(w.node().spec?.taints)).toEqual([
      `${UNREACHABLE}:NoExecute`,
      `${UNREACHABLE}:NoSchedule`,
    ]);
  });

  it('a node that becomes Ready again loses the lifecycle taints but keeps user taints', () => {
    const w = world();
    w.create(newNode('node-a', [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]));
    w.setReady('Unknown');
    expect(w.node().spec?.taints).toHaveLength(3);
    w.setReady('True');
    expect(w.node().spec?.taints).toEqual([{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]);
  });

  it('pressure conditions come and go as NoSchedule taints', () => {
    const w = world();
    w.create(newNode());
    w.setCondition('MemoryPressure', 'True');
    expect(taintKeys(w.node().spec?.taints)).toEqual(['node.kubernetes.io/memory-pressure:NoSchedule']);
    w.setCondition('MemoryPressure', 'False');
    expect(w.node().spec?.taints ?? []).toEqual([]);
  });

  it('cordon adds node.kubernetes.io/unschedulable:NoSchedule; uncordon removes it', () => {
    const w = world();
    w.create(newNode());
    w.setSpec({ unschedulable: true });
    expect(taintKeys(w.node().spec?.taints)).toEqual(['node.kubernetes.io/unschedulable:NoSchedule']);
    w.setSpec({ unschedulable: false });
    expect(w.node().spec?.taints ?? []).toEqual([]);
  });

  it('an existing lifecycle taint keeps its timeAdded when another one is added', () => {
    const w = world();
    w.create(newNode());
    w.setCondition('DiskPressure', 'True');
    const first = w.node().spec?.taints?.[0]?.timeAdded;
    w.clock.advanceTo(90_000);
    w.setSpec({ unschedulable: true });
    const disk = w.node().spec?.taints?.find((t) => t.key === 'node.kubernetes.io/disk-pressure');
    const cordon = w.node().spec?.taints?.find((t) => t.key === 'node.kubernetes.io/unschedulable');
    expect(disk?.timeAdded).toBe(first);
    expect(cordon?.timeAdded).toBe('2026-01-01T00:01:30Z');
  });

  it("taints with a lifecycle key but another effect are the user's and stay", () => {
    const w = world();
    const mine: Taint = { key: 'node.kubernetes.io/memory-pressure', effect: 'PreferNoSchedule' };
    w.create(newNode('node-a', [mine]));
    w.settle();
    w.setReady('True');
    expect(w.node().spec?.taints).toEqual([mine]);
  });
});

describe('NodeLifecycleController: MarkPodsNotReady', () => {
  function readyPod(w: ReturnType<typeof world>, name = 'web'): Pod {
    const p = w.create(newPod(undefined, name));
    const conditions: PodCondition[] = [
      { type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' },
      { type: 'ContainersReady', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' },
    ];
    return w.api.replace(
      'Pod',
      { ...p, status: { ...p.status, phase: 'Running', conditions } },
      { actor: 'kubelet' },
    )!;
  }
  const cond = (p: Pod | undefined, type: string) => p?.status?.conditions?.find((c) => c.type === type);

  // monitorNodeHealth calls MarkPodsNotReady only when it flips the node's Ready from True itself
  // (`currentReadyCondition != True && observedReadyCondition == True`), i.e. True → Unknown when the
  // kubelet goes silent. A kubelet that reports Ready=False itself does not get its pods marked by the
  // node lifecycle controller (kubernetes/kubernetes#109998).
  const transitions: Array<{ to: string; podReady: string }> = [
    { to: 'Unknown', podReady: 'False' },
    { to: 'False', podReady: 'True' },
    { to: 'True', podReady: 'True' },
  ];
  it.each(transitions)('node Ready True → $to: pod Ready becomes $podReady', ({ to, podReady }) => {
    const w = world();
    w.create(newNode());
    readyPod(w);
    w.settle();
    w.clock.advanceTo(45_000);
    w.setReady(to);
    const p = w.pod();
    expect(cond(p, 'Ready')?.status).toBe(podReady);
    expect(cond(p, 'Ready')?.lastTransitionTime).toBe(
      podReady === 'True' ? '2026-01-01T00:00:00Z' : '2026-01-01T00:00:45Z',
    );
    expect(cond(p, 'ContainersReady')?.status).toBe('True');
    expect(p?.status?.phase).toBe('Running');
  });

  it('only pods on that node are touched', () => {
    const w = world();
    w.create(newNode('node-a'));
    w.create(newNode('node-b'));
    const other = w.create(newPod(undefined, 'elsewhere', 'node-b'));
    w.api.replace(
      'Pod',
      { ...other, status: { ...other.status, conditions: [{ type: 'Ready', status: 'True' }] } },
      { actor: 'kubelet' },
    );
    w.settle();
    w.setReady('Unknown', 'node-a');
    expect(cond(w.pod('elsewhere'), 'Ready')?.status).toBe('True');
  });
});

// ---- TaintEvictionController ---------------------------------------------------------------------

describe('TaintEvictionController (O3)', () => {
  const dedicated = (effect = 'NoExecute'): Taint => ({ key: 'dedicated', value: 'db', effect });
  const tolerate = (seconds?: number): Toleration => ({
    key: 'dedicated',
    operator: 'Exists',
    effect: 'NoExecute',
    ...(seconds === undefined ? {} : { tolerationSeconds: seconds }),
  });

  function evicted(p: Pod | undefined): boolean {
    return p === undefined || p.metadata?.deletionTimestamp !== undefined;
  }

  it('an untolerated NoExecute taint evicts at once: DisruptionTarget condition, graceful delete, event', () => {
    const w = world();
    w.create(newNode());
    w.create(newPod());
    w.settle();
    w.clock.advanceTo(12_000);
    w.setSpec({ taints: [dedicated()] });
    const p = w.pod();
    expect(p?.metadata?.deletionTimestamp).toBe('2026-01-01T00:00:42Z');
    expect(p?.status?.conditions).toEqual([
      expect.objectContaining({
        type: 'DisruptionTarget',
        status: 'True',
        reason: 'DeletionByTaintManager',
        message: 'Taint manager: deleting due to NoExecute taint',
      }),
    ]);
    expect(w.evictionEvents()).toEqual(['Marking for deletion Pod default/web (x1)']);
    const ev = [...w.api.list('Event')][0];
    expect(ev?.source?.component).toBe('taint-eviction-controller');
    expect(ev?.type).toBe('Normal');
    expect(ev?.involvedObject).toMatchObject({ kind: 'Pod', name: 'web', namespace: 'default' });
  });

  const effects = ['NoSchedule', 'PreferNoSchedule'];
  it.each(effects)('a %s taint never evicts', (effect) => {
    const w = world();
    w.create(newNode());
    w.create(newPod());
    w.setSpec({ taints: [dedicated(effect)] });
    w.advance(3600);
    expect(evicted(w.pod())).toBe(false);
  });

  const timed: Array<{
    name: string;
    tolerations: Toleration[];
    taints: Taint[];
    evictAt: number | 'never';
  }> = [
    {
      name: 'tolerated without tolerationSeconds: forever',
      tolerations: [tolerate()],
      taints: [dedicated()],
      evictAt: 'never',
    },
    { name: 'tolerationSeconds 60', tolerations: [tolerate(60)], taints: [dedicated()], evictAt: 60 },
    { name: 'tolerationSeconds 0: at once', tolerations: [tolerate(0)], taints: [dedicated()], evictAt: 0 },
    {
      name: 'negative tolerationSeconds: at once',
      tolerations: [tolerate(-5)],
      taints: [dedicated()],
      evictAt: 0,
    },
    {
      name: 'minimum over the tolerations used',
      tolerations: [
        tolerate(100),
        { key: 'maintenance', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 40 },
      ],
      taints: [dedicated(), { key: 'maintenance', effect: 'NoExecute' }],
      evictAt: 40,
    },
    {
      name: 'one forever and one timed toleration: the timed one counts',
      tolerations: [
        tolerate(),
        { key: 'maintenance', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 40 },
      ],
      taints: [dedicated(), { key: 'maintenance', effect: 'NoExecute' }],
      evictAt: 40,
    },
    {
      name: 'one of two taints untolerated: at once',
      tolerations: [tolerate()],
      taints: [dedicated(), { key: 'maintenance', effect: 'NoExecute' }],
      evictAt: 0,
    },
    {
      name: 'a wildcard toleration covers every taint',
      tolerations: [{ operator: 'Exists' }],
      taints: [dedicated(), { key: 'maintenance', effect: 'NoExecute' }],
      evictAt: 'never',
    },
    // GetMatchingTolerations takes the first toleration that matches each taint.
    {
      name: 'only the first matching toleration per taint is used (forever listed first)',
      tolerations: [tolerate(), tolerate(30)],
      taints: [dedicated()],
      evictAt: 'never',
    },
    {
      name: 'only the first matching toleration per taint is used (timed listed first)',
      tolerations: [tolerate(30), tolerate()],
      taints: [dedicated()],
      evictAt: 30,
    },
  ];
  it.each(timed)('$name', ({ tolerations, taints, evictAt }) => {
    const w = world();
    w.create(newNode());
    w.create(newPod(tolerations));
    w.settle();
    w.clock.advanceTo(1000);
    w.setSpec({ taints });
    if (evictAt === 'never') {
      w.advance(24 * 3600);
      expect(evicted(w.pod())).toBe(false);
      expect(w.evictionEvents()).toEqual([]);
      return;
    }
    if (evictAt > 0) {
      w.advance(evictAt - 0.001);
      expect(evicted(w.pod())).toBe(false);
      w.advance(0.001);
    }
    expect(evicted(w.pod())).toBe(true);
    expect(w.pod()?.status?.conditions?.find((c) => c.type === 'DisruptionTarget')?.lastTransitionTime).toBe(
      w.clock.timestamp(),
    );
  });

  it('the timer starts when the taint is observed, not at its timeAdded', () => {
    const w = world();
    w.create(newNode());
    w.create(newPod([tolerate(60)]));
    w.clock.advanceTo(600_000);
    w.setSpec({ taints: [{ ...dedicated(), timeAdded: '2026-01-01T00:00:00Z' }] });
    w.advance(59);
    expect(evicted(w.pod())).toBe(false);
    w.advance(1);
    expect(evicted(w.pod())).toBe(true);
  });

  it('a pod bound to a node that is already tainted is evicted', () => {
    const w = world();
    w.create(newNode('node-a', [dedicated()]));
    w.settle();
    w.create(newPod());
    w.settle();
    expect(evicted(w.pod())).toBe(true);
  });

  it('removing the taint before the timer fires cancels the eviction, with an event', () => {
    const w = world();
    w.create(newNode());
    w.create(newPod([tolerate(60)]));
    w.setSpec({ taints: [dedicated()] });
    w.advance(30);
    w.setSpec({ taints: [] });
    w.advance(3600);
    expect(evicted(w.pod())).toBe(false);
    expect(w.evictionEvents()).toEqual(['Cancelling deletion of Pod default/web (x1)']);
  });

  it('unrelated taint changes keep the timer running', () => {
    const w = world();
    w.create(newNode());
    w.create(newPod([tolerate(60)]));
    w.setSpec({ taints: [dedicated()] });
    w.advance(30);
    w.setSpec({ taints: [dedicated(), { key: 'other', effect: 'NoSchedule' }] });
    w.advance(30);
    expect(evicted(w.pod())).toBe(true);
  });

  // processPodOnNode: with an eviction already scheduled (created earlier), the new trigger time is
  // compared as CreatedAt+min vs now+min, so the existing schedule is kept.
  it('a later, shorter toleration does not move an already scheduled eviction earlier', () => {
    const w = world();
    w.create(newNode());
    w.create(
      newPod([
        tolerate(300),
        { key: 'maintenance', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
      ]),
    );
    w.setSpec({ taints: [dedicated()] });
    w.advance(10);
    w.setSpec({ taints: [dedicated(), { key: 'maintenance', effect: 'NoExecute' }] });
    w.advance(100);
    expect(evicted(w.pod())).toBe(false);
    w.advance(190);
    expect(evicted(w.pod())).toBe(true);
  });

  // processPodOnNode → cancelWorkWithEvent before the immediate eviction.
  it('an untolerated taint while an eviction is scheduled: the schedule is cancelled (event) and the pod evicted', () => {
    const w = world();
    w.create(newNode());
    w.create(newPod([tolerate(300)]));
    w.setSpec({ taints: [dedicated()] });
    w.advance(10);
    w.setSpec({ taints: [dedicated(), { key: 'maintenance', effect: 'NoExecute' }] });
    expect(evicted(w.pod())).toBe(true);
    expect(w.evictionEvents()).toEqual([
      'Cancelling deletion of Pod default/web (x1)',
      'Marking for deletion Pod default/web (x1)',
    ]);
  });

  // handlePodUpdate: a pod that is gone → cancelWorkWithEvent.
  it('a pod deleted by someone else while its eviction is scheduled: cancelled with an event', () => {
    const w = world();
    w.create(newNode());
    w.create(newPod([tolerate(300)]));
    w.setSpec({ taints: [dedicated()] });
    w.advance(10);
    w.api.delete('Pod', 'default', 'web', { gracePeriodSeconds: 0 });
    w.advance(600);
    expect(w.evictionEvents()).toEqual(['Cancelling deletion of Pod default/web (x1)']);
  });

  it('a timed eviction does not hit a new pod that reuses the name', () => {
    const w = world();
    w.create(newNode());
    w.create(newPod([tolerate(60)]));
    w.setSpec({ taints: [dedicated()] });
    w.advance(10);
    w.api.delete('Pod', 'default', 'web', { gracePeriodSeconds: 0 });
    w.settle();
    w.create(newPod([tolerate()]));
    w.advance(600);
    expect(evicted(w.pod())).toBe(false);
  });
});

describe('node failure and ordinary versus daemon pods (O4)', () => {
  const daemonTolerations: Toleration[] = [
    { key: NOT_READY, operator: 'Exists', effect: 'NoExecute' },
    { key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute' },
  ];
  const cases: Array<{
    name: string;
    tolerations: Toleration[] | undefined;
    ready: string;
    evictAt: number | 'never';
  }> = [
    {
      name: 'ordinary pod, node NotReady: evicted after the admitted 300 s',
      tolerations: undefined,
      ready: 'False',
      evictAt: 300,
    },
    {
      name: 'ordinary pod, node unreachable: evicted after 300 s',
      tolerations: undefined,
      ready: 'Unknown',
      evictAt: 300,
    },
    {
      name: 'daemon pod, node NotReady: never evicted',
      tolerations: daemonTolerations,
      ready: 'False',
      evictAt: 'never',
    },
    {
      name: 'daemon pod, node unreachable: never evicted',
      tolerations: daemonTolerations,
      ready: 'Unknown',
      evictAt: 'never',
    },
  ];
  it.each(cases)('$name', ({ tolerations, ready, evictAt }) => {
    const w = world();
    w.create(newNode());
    w.create(newPod(tolerations));
    w.settle();
    w.setReady(ready);
    if (evictAt === 'never') {
      w.advance(24 * 3600);
      expect(w.pod()?.metadata?.deletionTimestamp).toBeUndefined();
      return;
    }
    w.advance(evictAt - 1);
    expect(w.pod()?.metadata?.deletionTimestamp).toBeUndefined();
    w.advance(1);
    expect(w.pod()?.metadata?.deletionTimestamp).toBeDefined();
  });

  it("a node that recovers within 300 s cancels the ordinary pod's eviction", () => {
    const w = world();
    w.create(newNode());
    w.create(newPod());
    w.setReady('False');
    w.advance(120);
    w.setReady('True');
    w.advance(3600);
    expect(w.pod()?.metadata?.deletionTimestamp).toBeUndefined();
    expect(w.evictionEvents()).toEqual(['Cancelling deletion of Pod default/web (x1)']);
  });
});

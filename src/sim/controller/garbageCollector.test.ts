import { describe, expect, it } from 'vitest';
import type { AnyObject, ControllerRevision, DaemonSet, Node, OwnerReference, Pod } from '../api/types.ts';
import { ApiServer, type WatchEvent } from '../cluster/apiServer.ts';
import { VirtualClock } from '../engine/clock.ts';
import { Rng } from '../engine/rng.ts';
import { GarbageCollector, POD_GC_QUARANTINE_MS, PodGarbageCollector } from './garbageCollector.ts';
import { ControlLoop } from '../engine/simulation.ts';

// ---- a small world: API server, the two collectors, and a loop that runs them -------------------

const IMAGE = 'registry.k8s.io/pause:3.9';

function world() {
  const clock = new VirtualClock();
  const api = new ApiServer(clock, new Rng(1), { freeze: true });
  const none: readonly string[] = [];
  api.addIndex('Pod', 'nodeName', (p) => (p.spec?.nodeName ? [p.spec.nodeName] : none));
  api.addIndex('Pod', 'ownerUid', (p) => p.metadata?.ownerReferences?.map((r) => r.uid) ?? none);
  api.addIndex(
    'ControllerRevision',
    'ownerUid',
    (c) => c.metadata?.ownerReferences?.map((r) => r.uid) ?? none,
  );
  const gc = new GarbageCollector(api);
  const podGc = new PodGarbageCollector(api);
  const writes: Array<{ type: string; kind: string; object: AnyObject; actor: string }> = [];
  api.onWrite = (e: WatchEvent, ctx) =>
    writes.push({ type: e.type, kind: e.kind, object: e.object, actor: ctx.actor });

  const loop = new ControlLoop(clock, api, [gc, podGc]);
  const settle = (): void => void loop.settle();
  const advance = (seconds: number): void => loop.advanceTo(clock.nowMs() + Math.round(seconds * 1000));
  function create<T extends AnyObject>(obj: T): T {
    const r = api.create(obj);
    if (!r.ok) throw new Error(r.error.message);
    return r.object as T;
  }
  return { clock, api, settle, advance, create, writes };
}

const newDaemonSet = (name: string): DaemonSet => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name, namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: IMAGE }] } },
  },
});

const ownerRef = (ds: DaemonSet, blockOwnerDeletion = true): OwnerReference => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  name: ds.metadata?.name ?? '',
  uid: ds.metadata?.uid ?? '',
  controller: true,
  blockOwnerDeletion,
});

const newPod = (name: string, owners: OwnerReference[], nodeName?: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', ownerReferences: owners },
  spec: { containers: [{ name: 'c', image: IMAGE }], ...(nodeName ? { nodeName } : {}) },
});

const newRevision = (name: string, owners: OwnerReference[]): ControllerRevision => ({
  apiVersion: 'apps/v1',
  kind: 'ControllerRevision',
  metadata: { name, namespace: 'default', ownerReferences: owners },
  revision: 1,
  data: {},
});

const newNode = (name: string): Node => ({ apiVersion: 'v1', kind: 'Node', metadata: { name } });

/** A DaemonSet with an unbound pod, a bound pod and a ControllerRevision, all owned by it. */
function owned(w: ReturnType<typeof world>, blockOwnerDeletion = true) {
  w.create(newNode('node-a'));
  const ds = w.create(newDaemonSet('agent'));
  const ref = ownerRef(ds, blockOwnerDeletion);
  w.create(newPod('agent-unbound', [ref]));
  w.create(newPod('agent-bound', [ref], 'node-a'));
  w.create(newRevision('agent-5d4f', [ref]));
  w.settle();
  return ds;
}

const pod = (w: ReturnType<typeof world>, name: string) => w.api.get('Pod', 'default', name);

// ---- garbage collector -------------------------------------------------------------------------

describe('GarbageCollector: background cascade (kubectl default)', () => {
  it('the owner goes at once; its dependents are then deleted (bound pods gracefully)', () => {
    const w = world();
    owned(w);
    w.api.delete('DaemonSet', 'default', 'agent', { propagationPolicy: 'Background' });
    expect(w.api.get('DaemonSet', 'default', 'agent')).toBeUndefined();
    w.settle();
    expect(pod(w, 'agent-unbound')).toBeUndefined();
    expect(w.api.get('ControllerRevision', 'default', 'agent-5d4f')).toBeUndefined();
    const bound = pod(w, 'agent-bound');
    expect(bound?.metadata?.deletionTimestamp).toBeDefined();
    expect(bound?.metadata?.deletionGracePeriodSeconds).toBe(30);
    const byGc = w.writes.filter((x) => x.actor === 'garbage-collector').map((x) => `${x.type} ${x.kind}`);
    expect(byGc.sort()).toEqual(['DELETED ControllerRevision', 'DELETED Pod', 'MODIFIED Pod']);
  });

  it('a dependent with another live owner only loses the reference to the deleted one', () => {
    const w = world();
    const a = w.create(newDaemonSet('agent'));
    const b = w.create(newDaemonSet('other'));
    w.create(newPod('shared', [ownerRef(a), { ...ownerRef(b), controller: false }]));
    w.settle();
    w.api.delete('DaemonSet', 'default', 'agent');
    w.settle();
    expect(pod(w, 'shared')?.metadata?.ownerReferences?.map((r) => r.name)).toEqual(['other']);
    expect(pod(w, 'shared')?.metadata?.deletionTimestamp).toBeUndefined();
  });

  const dangling: Array<{ name: string; setup: (w: ReturnType<typeof world>) => OwnerReference }> = [
    {
      name: 'owner never existed',
      setup: () => ({
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        name: 'ghost',
        uid: 'uid-ghost',
        controller: true,
      }),
    },
    {
      name: 'owner of that name was recreated (other uid, I5)',
      setup: (w) => ({ ...ownerRef(w.create(newDaemonSet('agent'))), uid: 'uid-of-the-old-one' }),
    },
  ];
  it.each(dangling)(
    'a dependent created with a dangling owner reference is collected: $name',
    ({ setup }) => {
      const w = world();
      const ref = setup(w);
      w.create(newPod('stray', [ref]));
      w.settle();
      expect(pod(w, 'stray')).toBeUndefined();
    },
  );

  it('objects whose owners are alive are left alone', () => {
    const w = world();
    const ds = owned(w);
    w.advance(120);
    expect(pod(w, 'agent-unbound')?.metadata?.ownerReferences?.[0]?.uid).toBe(ds.metadata?.uid);
    expect(w.api.count('Pod')).toBe(2);
    expect(w.writes.filter((x) => x.actor !== 'kubectl')).toEqual([]);
  });
});

describe('GarbageCollector: orphan (kubectl delete --cascade=orphan)', () => {
  it('removes the owner reference from every dependent, then removes the owner', () => {
    const w = world();
    owned(w);
    w.api.delete('DaemonSet', 'default', 'agent', { propagationPolicy: 'Orphan' });
    expect(w.api.get('DaemonSet', 'default', 'agent')?.metadata?.finalizers).toEqual(['orphan']);
    w.settle();
    expect(w.api.get('DaemonSet', 'default', 'agent')).toBeUndefined();
    for (const name of ['agent-unbound', 'agent-bound']) {
      const p = pod(w, name);
      expect(p).toBeDefined();
      expect(p?.metadata?.deletionTimestamp).toBeUndefined();
      expect(p?.metadata?.ownerReferences ?? []).toEqual([]);
    }
    const cr = w.api.get('ControllerRevision', 'default', 'agent-5d4f');
    expect(cr).toBeDefined();
    expect(cr?.metadata?.ownerReferences ?? []).toEqual([]);
  });

  it('orphaned pods stay orphaned (nothing collects them later)', () => {
    const w = world();
    owned(w);
    w.api.delete('DaemonSet', 'default', 'agent', { propagationPolicy: 'Orphan' });
    w.advance(300);
    expect(w.api.count('Pod')).toBe(2);
  });
});

describe('GarbageCollector: foreground (kubectl delete --cascade=foreground)', () => {
  it('deletes the dependents first; the owner goes only when the blocking ones are gone', () => {
    const w = world();
    owned(w);
    w.api.delete('DaemonSet', 'default', 'agent', { propagationPolicy: 'Foreground' });
    w.settle();
    const owner = w.api.get('DaemonSet', 'default', 'agent');
    expect(owner?.metadata?.finalizers).toEqual(['foregroundDeletion']);
    expect(owner?.metadata?.deletionTimestamp).toBeDefined();
    expect(pod(w, 'agent-unbound')).toBeUndefined();
    expect(w.api.get('ControllerRevision', 'default', 'agent-5d4f')).toBeUndefined();
    expect(pod(w, 'agent-bound')?.metadata?.deletionTimestamp).toBeDefined();
    w.advance(120);
    expect(w.api.get('DaemonSet', 'default', 'agent')).toBeDefined();

    // The kubelet finishes the graceful deletion.
    w.api.delete('Pod', 'default', 'agent-bound', { gracePeriodSeconds: 0 });
    w.settle();
    expect(w.api.get('DaemonSet', 'default', 'agent')).toBeUndefined();
  });

  it('dependents without blockOwnerDeletion are deleted but do not hold the owner', () => {
    const w = world();
    owned(w, false);
    w.api.delete('DaemonSet', 'default', 'agent', { propagationPolicy: 'Foreground' });
    w.settle();
    expect(w.api.get('DaemonSet', 'default', 'agent')).toBeUndefined();
    expect(pod(w, 'agent-unbound')).toBeUndefined();
    expect(pod(w, 'agent-bound')?.metadata?.deletionTimestamp).toBeDefined();
  });

  it('an owner without dependents goes at once', () => {
    const w = world();
    w.create(newDaemonSet('lonely'));
    w.api.delete('DaemonSet', 'default', 'lonely', { propagationPolicy: 'Foreground' });
    w.settle();
    expect(w.api.get('DaemonSet', 'default', 'lonely')).toBeUndefined();
  });
});

// ---- pod GC ------------------------------------------------------------------------------------

describe('PodGarbageCollector: pods bound to a node that no longer exists (H9)', () => {
  function podOnDeletedNode(phase: string) {
    const w = world();
    w.create(newNode('node-a'));
    const p = w.create(newPod('web', [], 'node-a'));
    w.api.replace('Pod', { ...p, status: { ...p.status, phase } }, { actor: 'kubelet' });
    w.create(newPod('unbound', []));
    w.settle();
    w.api.delete('Node', undefined, 'node-a');
    w.settle();
    return w;
  }

  it('the quarantine is 40 s', () => {
    expect(POD_GC_QUARANTINE_MS).toBe(40_000);
  });

  it('waits 40 s, then marks the pod Failed with DisruptionTarget and force-deletes it', () => {
    const w = podOnDeletedNode('Running');
    w.advance(39);
    expect(pod(w, 'web')?.status?.phase).toBe('Running');
    expect(pod(w, 'web')?.metadata?.deletionTimestamp).toBeUndefined();
    w.advance(1);
    expect(pod(w, 'web')).toBeUndefined();
    const byGc = w.writes.filter((x) => x.actor === 'pod-garbage-collector');
    expect(byGc.map((x) => x.type)).toEqual(['MODIFIED', 'DELETED']);
    const marked = byGc[0]!.object as Pod;
    expect(marked.status?.phase).toBe('Failed');
    expect(marked.status?.conditions).toEqual([
      expect.objectContaining({
        type: 'DisruptionTarget',
        status: 'True',
        reason: 'DeletionByPodGC',
        message: 'PodGC: node no longer exists',
        lastTransitionTime: '2026-01-01T00:00:40Z',
      }),
    ]);
    expect(pod(w, 'unbound')).toBeDefined();
  });

  // podgc markFailedAndDeletePodWithCondition patches only pods that are not already terminal.
  const terminal = ['Succeeded', 'Failed'];
  it.each(terminal)('a %s pod is force-deleted without a status patch', (phase) => {
    const w = podOnDeletedNode(phase);
    w.advance(40);
    expect(pod(w, 'web')).toBeUndefined();
    const byGc = w.writes.filter((x) => x.actor === 'pod-garbage-collector');
    expect(byGc.map((x) => x.type)).toEqual(['DELETED']);
    expect((byGc[0]!.object as Pod).status?.phase).toBe(phase);
  });

  it('a node that comes back within the quarantine keeps its pods', () => {
    const w = podOnDeletedNode('Running');
    w.advance(20);
    w.create(newNode('node-a'));
    w.advance(60);
    expect(pod(w, 'web')?.status?.phase).toBe('Running');
  });

  it('a pod created bound to a node that does not exist is collected after 40 s', () => {
    const w = world();
    w.create(newPod('orphan', [], 'node-ghost'));
    w.advance(39);
    expect(pod(w, 'orphan')).toBeDefined();
    w.advance(1);
    expect(pod(w, 'orphan')).toBeUndefined();
  });

  it('pods on existing nodes are never collected', () => {
    const w = world();
    w.create(newNode('node-a'));
    w.create(newPod('web', [], 'node-a'));
    w.advance(600);
    expect(pod(w, 'web')).toBeDefined();
  });
});

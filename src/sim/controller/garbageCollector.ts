// The garbage collector (pkg/controller/garbagecollector), outlined: dependents whose owners are all
// gone are deleted (background cascade and dangling references); an owner with the `orphan`
// finalizer has its ownerReferences removed from dependents first; an owner with
// `foregroundDeletion` waits until its blocking dependents are gone. Plus pod GC (podgc): pods
// bound to a node that no longer exists are failed and force-deleted after a 40 s quarantine.

import type { AnyObject, Kind, Pod } from '../api/types.ts';
import type { ApiServer, WatchEvent } from '../cluster/apiServer.ts';
import { keyOf } from '../cluster/objects.ts';
import { WorkQueue } from './workqueue.ts';
import { setCondition } from '../scheduler/scheduler.ts';

const GC = { actor: 'garbage-collector' };
const PODGC = { actor: 'pod-garbage-collector' };
const DEPENDENT_KINDS: Kind[] = ['Pod', 'ControllerRevision'];
const OWNER_KINDS: Kind[] = ['DaemonSet'];
export const POD_GC_QUARANTINE_MS = 40_000;

export class GarbageCollector {
  readonly name = 'garbage-collector';
  readonly queue: WorkQueue;

  constructor(private readonly api: ApiServer) {
    this.queue = new WorkQueue(api.clock, this.name);
    for (const kind of OWNER_KINDS) {
      api.watch(kind, (e) => {
        const uid = e.object.metadata?.uid ?? '';
        if (e.type === 'DELETED' || e.object.metadata?.deletionTimestamp)
          this.queue.add(`owner:${kind}:${e.key}:${uid}`);
      });
    }
    for (const kind of DEPENDENT_KINDS) {
      api.watch(kind, (e: WatchEvent) => {
        // A dependent whose owner is absent (created late, or the owner went first) is collected too.
        // (The graph builder only queues an item whose owner it has not seen: a "virtual" owner.)
        const refs = e.object.metadata?.ownerReferences;
        const ns = e.object.metadata?.namespace;
        if (e.type === 'ADDED' && refs && refs.some((r) => !this.ownerExists(ns, r))) {
          this.queue.add(`dep:${kind}:${e.key}`);
        }
        if (e.type === 'DELETED') {
          // A dependent going may release a foreground owner.
          for (const ref of e.object.metadata?.ownerReferences ?? []) {
            if (ref.kind === 'DaemonSet')
              this.queue.add(
                `owner:DaemonSet:${keyOf('DaemonSet', e.object.metadata?.namespace, ref.name)}:${ref.uid}`,
              );
          }
        }
      });
    }
  }

  private ownerExists(ns: string | undefined, ref: { kind: string; name: string; uid: string }): boolean {
    if (ref.kind !== 'DaemonSet') return true; // we only know DaemonSet owners; leave others alone
    const o = this.api.get('DaemonSet', ns, ref.name);
    return !!o && o.metadata?.uid === ref.uid;
  }

  private dependentsOf(uid: string): Array<{ kind: Kind; obj: AnyObject }> {
    const out: Array<{ kind: Kind; obj: AnyObject }> = [];
    for (const kind of DEPENDENT_KINDS)
      for (const obj of this.api.byIndex(kind, 'ownerUid', uid)) out.push({ kind, obj });
    return out;
  }

  sync(item: string): void {
    const [type, kind, ...rest] = item.split(':');
    if (type === 'dep') {
      const key = rest.join(':');
      const obj = this.api.getByKey(kind as Kind, key);
      if (obj) this.attemptToDelete(kind as Kind, obj);
      return;
    }
    const uid = rest.pop()!;
    const key = rest.join(':');
    const owner = this.api.getByKey(kind as Kind, key);
    const live = owner && owner.metadata?.uid === uid ? owner : undefined;
    const finalizers = live?.metadata?.finalizers ?? [];
    if (live && live.metadata?.deletionTimestamp && finalizers.includes('orphan')) {
      for (const { kind: dk, obj } of this.dependentsOf(uid)) {
        const refs = (obj.metadata?.ownerReferences ?? []).filter((r) => r.uid !== uid);
        this.api.replace(
          dk,
          { ...obj, metadata: { ...obj.metadata, ownerReferences: refs } } as AnyObject,
          GC,
        );
      }
      this.api.removeFinalizer(kind as Kind, live, 'orphan', GC);
      return;
    }
    if (live && live.metadata?.deletionTimestamp && finalizers.includes('foregroundDeletion')) {
      let blocking = 0;
      for (const { kind: dk, obj } of this.dependentsOf(uid)) {
        const ref = obj.metadata?.ownerReferences?.find((r) => r.uid === uid);
        if (ref?.blockOwnerDeletion) blocking++;
        if (!obj.metadata?.deletionTimestamp)
          this.api.delete(dk, obj.metadata?.namespace, obj.metadata?.name ?? '', {}, GC);
      }
      if (blocking === 0) this.api.removeFinalizer(kind as Kind, live, 'foregroundDeletion', GC);
      return;
    }
    if (!live) for (const { kind: dk, obj } of this.dependentsOf(uid)) this.attemptToDelete(dk, obj);
  }

  /** attemptToDeleteItem: delete when no owner remains; drop references to owners that are gone. */
  private attemptToDelete(kind: Kind, obj: AnyObject): void {
    const refs = obj.metadata?.ownerReferences ?? [];
    if (refs.length === 0 || obj.metadata?.deletionTimestamp) return;
    const ns = obj.metadata?.namespace;
    const alive = refs.filter((r) => this.ownerExists(ns, r));
    if (alive.length === refs.length) return;
    if (alive.length === 0) {
      this.api.delete(kind, ns, obj.metadata?.name ?? '', { propagationPolicy: 'Background' }, GC);
      return;
    }
    this.api.replace(
      kind,
      { ...obj, metadata: { ...obj.metadata, ownerReferences: alive } } as AnyObject,
      GC,
    );
  }
}

/** podgc gcOrphaned: pods bound to a deleted node. */
export class PodGarbageCollector {
  readonly name = 'pod-garbage-collector';
  readonly queue: WorkQueue;

  constructor(private readonly api: ApiServer) {
    this.queue = new WorkQueue(api.clock, this.name);
    api.watch('Node', (e) => {
      if (e.type !== 'DELETED') return;
      for (const pod of this.api.byIndex('Pod', 'nodeName', e.object.metadata?.name ?? '')) {
        this.queue.addAfter(
          keyOf('Pod', pod.metadata?.namespace, pod.metadata?.name ?? ''),
          POD_GC_QUARANTINE_MS,
        );
      }
    });
    api.watch('Pod', (e) => {
      const n = e.object.spec?.nodeName;
      if (e.type !== 'DELETED' && n && e.old?.spec?.nodeName !== n && !this.api.get('Node', undefined, n)) {
        this.queue.addAfter(e.key, POD_GC_QUARANTINE_MS);
      }
    });
  }

  sync(key: string): void {
    const [ns, name] = key.split('/') as [string, string];
    const pod = this.api.get('Pod', ns, name);
    const nodeName = pod?.spec?.nodeName;
    if (!pod || !nodeName || this.api.get('Node', undefined, nodeName)) return;
    // markFailedAndDeletePodWithCondition patches only pods that have not finished.
    if (pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded') {
      this.api.delete('Pod', ns, name, { gracePeriodSeconds: 0 }, PODGC);
      return;
    }
    const now = this.api.clock.timestamp();
    const conditions = setCondition(pod.status?.conditions, {
      type: 'DisruptionTarget',
      status: 'True',
      lastProbeTime: null as unknown as string,
      lastTransitionTime: now,
      reason: 'DeletionByPodGC',
      message: 'PodGC: node no longer exists',
    });
    const failed: Pod | undefined = this.api.replace(
      'Pod',
      { ...pod, status: { ...pod.status, phase: 'Failed', conditions } },
      PODGC,
    );
    this.api.delete('Pod', ns, failed?.metadata?.name ?? name, { gracePeriodSeconds: 0 }, PODGC);
  }
}

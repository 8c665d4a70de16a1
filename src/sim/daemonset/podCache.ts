// The DaemonSet controller's view of its pods, fed by pod watch events the way an informer cache
// is: for every DaemonSet (by uid), the pods that name it as controller, grouped by target node
// (GetTargetNodeName). Each group carries a version that changes whenever its pods do, so a sync
// can tell which nodes need looking at again.

import type { Pod } from '../api/types.ts';
import type { WatchEvent } from '../cluster/apiServer.ts';
import { controllerRefOf } from './controllerRef.ts';
import { targetNodeOf } from './util.ts';

export interface NodeGroup {
  version: number;
  /**
   * In the order they arrived; a new version of a pod takes its old one's place. A list, not a map
   * by uid: a group holds one pod, rarely a few, and a map per node and DaemonSet would be most of
   * what the cache retains.
   */
  pods: Pod[];
}

/** Where the pod with this uid sits in the list, or -1. */
function indexOfUid(pods: readonly Pod[], uid: string): number {
  for (let i = 0; i < pods.length; i++) if (pods[i]!.metadata?.uid === uid) return i;
  return -1;
}

let versionSeq = 0;

export class DaemonPodCache {
  private readonly byDs = new Map<string, Map<string, NodeGroup>>();
  /** pod uid → where it is placed, to move or drop it on the next event. */
  private readonly placement = new Map<string, { ds: string; node: string; group: NodeGroup }>();
  /** Per DaemonSet, the nodes whose pods changed since the controller last took them. */
  private readonly dirty = new Map<string, Set<string>>();

  private touch(ds: string, node: string): void {
    let d = this.dirty.get(ds);
    if (!d) this.dirty.set(ds, (d = new Set()));
    d.add(node);
  }

  /** The nodes whose pods changed for this DaemonSet since the last call. */
  takeDirty(dsUid: string): Set<string> | undefined {
    const d = this.dirty.get(dsUid);
    this.dirty.delete(dsUid);
    return d;
  }

  observe(e: WatchEvent<'Pod'>): void {
    if (e.type === 'DELETED') this.remove(e.object);
    else this.place(e.object);
  }

  /** Put (or move) a pod where its controller reference and target node say. */
  place(pod: Pod): void {
    const uid = pod.metadata?.uid ?? '';
    const ref = controllerRefOf(pod);
    const node = targetNodeOf(pod);
    const prev = this.placement.get(uid);
    if (!ref || ref.kind !== 'DaemonSet' || node === undefined) {
      if (prev) this.remove(pod);
      return;
    }
    if (prev !== undefined) {
      if (prev.ds === ref.uid && prev.node === node) {
        // The common case, a new version of a pod where it already is: its group is still there.
        const g = prev.group;
        g.pods[indexOfUid(g.pods, uid)] = pod;
        g.version = ++versionSeq;
        this.touch(ref.uid, node);
        return;
      }
      this.remove(pod);
    }
    let groups = this.byDs.get(ref.uid);
    if (!groups) this.byDs.set(ref.uid, (groups = new Map()));
    let g = groups.get(node);
    // A new group's list is built with its pod (an empty list's first push reserves 17 slots).
    if (!g) groups.set(node, (g = { version: 0, pods: [pod] }));
    else g.pods.push(pod);
    g.version = ++versionSeq;
    this.placement.set(uid, { ds: ref.uid, node, group: g });
    this.touch(ref.uid, node);
  }

  private remove(pod: Pod): void {
    const uid = pod.metadata?.uid ?? '';
    const prev = this.placement.get(uid);
    if (!prev) return;
    this.placement.delete(uid);
    const groups = this.byDs.get(prev.ds);
    const g = groups?.get(prev.node);
    if (!g) return;
    const i = indexOfUid(g.pods, uid);
    if (i >= 0) g.pods.splice(i, 1);
    g.version = ++versionSeq;
    this.touch(prev.ds, prev.node);
    if (g.pods.length === 0) groups!.delete(prev.node);
  }

  /** Node name → group, for one DaemonSet. */
  groups(dsUid: string): ReadonlyMap<string, NodeGroup> {
    return this.byDs.get(dsUid) ?? EMPTY;
  }

  forget(dsUid: string): void {
    this.byDs.delete(dsUid);
    this.dirty.delete(dsUid);
  }
}

const EMPTY: ReadonlyMap<string, NodeGroup> = new Map();

// What the inspector shows beside an object: its events, its owner, what it owns, and for a daemon
// pod, what the DaemonSet controller added to the template. Pure functions over stored objects.

import type { AnyObject, DaemonSet, Event, Pod, Toleration } from '../sim/api/types.ts';
import { compareTimestamps, eventLastSeen } from '../sim/api/eventTimes.ts';
import { controllerRefOf } from '../sim/daemonset/controllerRef.ts';
import { canonicalJson } from '../sim/cluster/objects.ts';
import type { ClusterMaps } from './store.ts';

export interface ObjectRef {
  kind: string;
  namespace?: string;
  name: string;
}

/** Events about one object, oldest first (as `kubectl describe` lists them). */
export function eventsFor(events: Map<string, Event>, ref: ObjectRef): Event[] {
  const out: Event[] = [];
  for (const e of events.values()) {
    const o = e.involvedObject;
    if (o.kind !== ref.kind || o.name !== ref.name) continue;
    if (ref.namespace !== undefined && (o.namespace ?? '') !== ref.namespace) continue;
    out.push(e);
  }
  return out.sort((a, b) => compareTimestamps(eventLastSeen(a), eventLastSeen(b)));
}

/** Owner references of an object, resolved to stored objects where they exist. */
export function ownersOf(
  cluster: ClusterMaps,
  obj: AnyObject,
): Array<ObjectRef & { controller: boolean; exists: boolean }> {
  const ns = obj.metadata?.namespace;
  return (obj.metadata?.ownerReferences ?? []).map((r) => {
    const map = (cluster as unknown as Record<string, Map<string, AnyObject> | undefined>)[r.kind];
    const stored = map ? [...map.values()].find((o) => o.metadata?.uid === r.uid) : undefined;
    return {
      kind: r.kind,
      ...(ns ? { namespace: ns } : {}),
      name: r.name,
      controller: r.controller === true,
      exists: stored !== undefined,
    };
  });
}

/** Objects whose controller reference points at `uid` (a DaemonSet's pods and revisions). */
export function ownedBy(cluster: ClusterMaps, uid: string): ObjectRef[] {
  const out: ObjectRef[] = [];
  for (const kind of ['Pod', 'ControllerRevision'] as const) {
    for (const o of (cluster[kind] as Map<string, AnyObject>).values()) {
      if (o.metadata?.ownerReferences?.some((r) => r.uid === uid))
        out.push({
          kind,
          ...(o.metadata?.namespace ? { namespace: o.metadata.namespace } : {}),
          name: o.metadata?.name ?? '',
        });
    }
  }
  return out;
}

export interface InjectedToleration {
  toleration: Toleration;
  /** In the DaemonSet's template (false: added by the controller or by admission). */
  fromTemplate: boolean;
}

/**
 * A daemon pod's tolerations against its DaemonSet's template: the ones not in the template were
 * added when the pod was made (the controller's AddOrUpdateDaemonPodTolerations, or admission).
 */
export function podTolerations(pod: Pod, ds: DaemonSet | undefined): InjectedToleration[] {
  const template = new Set((ds?.spec?.template?.spec?.tolerations ?? []).map((t) => canonicalJson(t)));
  return (pod.spec?.tolerations ?? []).map((t) => ({
    toleration: t,
    fromTemplate: template.has(canonicalJson(t)),
  }));
}

/** The pod's required node affinity, and whether it differs from the template's (the injected term). */
export function podAffinity(
  pod: Pod,
  ds: DaemonSet | undefined,
): { pod: unknown; template: unknown; injected: boolean } {
  const mine = pod.spec?.affinity ?? null;
  const theirs = ds?.spec?.template?.spec?.affinity ?? null;
  return { pod: mine, template: theirs, injected: canonicalJson(mine) !== canonicalJson(theirs) };
}

/** The DaemonSet that controls a pod, if it is stored. */
export function controllingDaemonSet(cluster: ClusterMaps, pod: Pod): DaemonSet | undefined {
  const ref = controllerRefOf(pod);
  if (!ref || ref.kind !== 'DaemonSet') return undefined;
  return [...cluster.DaemonSet.values()].find((d) => d.metadata?.uid === ref.uid);
}

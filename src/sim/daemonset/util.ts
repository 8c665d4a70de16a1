// Pure helpers of the DaemonSet controller: pkg/controller/daemon/util/daemonset_util.go,
// pkg/api/v1/pod/util.go and controller_utils.go pieces the controller depends on.

import type { DaemonSet, IntOrString, Pod, PodCondition, PodTemplateSpec } from '../api/types.ts';
import { canonicalJson } from '../cluster/objects.ts';
import { templateGeneration } from '../cluster/strategies.ts';
import { addOrUpdateDaemonPodTolerations } from '../scheduling/taints.ts';
import { NAME_ALPHABET } from '../engine/rng.ts';
import { EPOCH_MS } from '../engine/clock.ts';
import { getTargetNodeName } from '../scheduling/nodeAffinity.ts';

export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';
export const POD_TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
export const BURST_REPLICAS = 250;
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

// These read a few fields directly. (A per-pod-object cache in a WeakMap cost more than it saved:
// an ephemeron per stored pod version for the garbage collector to trace.)

/** The pod's Ready condition when it is True. */
function readyCondition(pod: Pod): PodCondition | undefined {
  const conditions = pod.status?.conditions;
  if (conditions === undefined) return undefined;
  for (const c of conditions) if (c.type === 'Ready' && c.status === 'True') return c;
  return undefined;
}

/** IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return readyCondition(pod) !== undefined;
}

/** IsPodAvailable: Ready and Ready for at least minReadySeconds (the newest tree's "at or before now"). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  const ready = readyCondition(pod);
  if (ready === undefined) return false;
  if (minReadySeconds === 0) return true;
  // Virtual ms of the Ready condition's lastTransitionTime (second precision, as stored).
  const readySinceMs = ready.lastTransitionTime ? Date.parse(ready.lastTransitionTime) - EPOCH_MS : 0;
  return readySinceMs + minReadySeconds * 1000 <= nowMs;
}

export function isPodTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Failed' || phase === 'Succeeded';
}

/** GetTargetNodeName. */
export function targetNodeOf(pod: Pod): string | undefined {
  return getTargetNodeName(pod);
}

/** podByCreationTimestampAndPhase: bound pods first, then older, then by name. */
export function comparePodsByCreationTimestampAndPhase(a: Pod, b: Pod): number {
  const aBound = !!a.spec?.nodeName;
  const bBound = !!b.spec?.nodeName;
  if (aBound !== bBound) return aBound ? -1 : 1;
  const at = a.metadata?.creationTimestamp ?? '';
  const bt = b.metadata?.creationTimestamp ?? '';
  if (at === bt) {
    const an = a.metadata?.name ?? '';
    const bn = b.metadata?.name ?? '';
    return an < bn ? -1 : an > bn ? 1 : 0;
  }
  return at < bt ? -1 : 1;
}

/** IsPodUpdated: the revision hash or the template generation label matches. */
export function isPodUpdated(pod: Pod, hash: string, dsTemplateGeneration: number | undefined): boolean {
  const labels = pod.metadata?.labels ?? {};
  const templateMatches =
    dsTemplateGeneration !== undefined &&
    labels[POD_TEMPLATE_GENERATION_LABEL] === String(dsTemplateGeneration);
  const hashMatches = hash.length > 0 && labels[CONTROLLER_REVISION_HASH_LABEL] === hash;
  return hashMatches || templateMatches;
}

/** GetTemplateGeneration: the annotation's value, or undefined when absent or unparsable. */
export function getTemplateGeneration(ds: DaemonSet): number | undefined {
  const g = templateGeneration(ds);
  return g > 0 ? g : undefined;
}

/** FNV-1a, 32 bit, over UTF-8 bytes. */
function fnv32a(s: string, extra?: Uint8Array): number {
  let h = 0x811c9dc5;
  const bytes = new TextEncoder().encode(s);
  const feed = (b: number) => {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  };
  for (const b of bytes) feed(b);
  if (extra) for (const b of extra) feed(b);
  return h >>> 0;
}

/** rand.SafeEncodeString: each character re-encoded into the vowel-free alphabet. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += NAME_ALPHABET[s.charCodeAt(i) % NAME_ALPHABET.length];
  return out;
}

/**
 * controller.ComputeHash: FNV-32a of the template (plus the collision count) printed as a decimal
 * number and safe-encoded. Upstream hashes Go's deep-printed struct, which cannot be reproduced here;
 * we hash the canonical JSON instead, so values differ from a real cluster's but have the same
 * shape (1–10 characters from 456789bcdf) and the same stability.
 */
export function computeHash(
  template: PodTemplateSpec | undefined,
  collisionCount: number | undefined,
): string {
  let extra: Uint8Array | undefined;
  if (collisionCount !== undefined) {
    extra = new Uint8Array(8);
    new DataView(extra.buffer).setUint32(0, collisionCount >>> 0, true);
  }
  return safeEncodeString(String(fnv32a(canonicalJson(template ?? {}), extra)));
}

/** The ControllerRevision data for the DaemonSet's current template (history.go getPatch). */
export function revisionPatch(ds: DaemonSet): unknown {
  return { spec: { template: { ...(ds.spec?.template ?? {}), $patch: 'replace' } } };
}

/** GetScaledValueFromIntOrPercent with round-up, as UnavailableCount / SurgeCount use it. */
export function scaledValue(v: IntOrString | undefined, total: number): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) {
    const n = Number(v);
    return Number.isInteger(n) ? n : 0;
  }
  return Math.ceil((Number(m[1]) * total) / 100);
}

/** AllowsSurge: RollingUpdate with maxSurge that scales to > 0 against 1. */
export function allowsSurge(ds: DaemonSet): boolean {
  const s = ds.spec?.updateStrategy;
  if (s?.type !== 'RollingUpdate') return false;
  return scaledValue(s.rollingUpdate?.maxSurge, 1) > 0;
}

export function surgeCount(ds: DaemonSet, desired: number): number {
  const s = ds.spec?.updateStrategy;
  if (s?.type !== 'RollingUpdate') return 0;
  return scaledValue(s.rollingUpdate?.maxSurge, desired);
}

export function unavailableCount(ds: DaemonSet, desired: number): number {
  const s = ds.spec?.updateStrategy;
  if (s?.type !== 'RollingUpdate') return 0;
  return scaledValue(s.rollingUpdate?.maxUnavailable, desired);
}

/** CreatePodTemplate: the template plus daemon tolerations and the generation/hash labels. */
export function createPodTemplate(
  template: PodTemplateSpec | undefined,
  generation: number | undefined,
  hash: string,
): PodTemplateSpec {
  const spec = template?.spec ?? { containers: [] };
  const labels: Record<string, string> = { ...(template?.metadata?.labels ?? {}) };
  if (generation !== undefined) labels[POD_TEMPLATE_GENERATION_LABEL] = String(generation);
  if (hash) labels[CONTROLLER_REVISION_HASH_LABEL] = hash;
  return {
    metadata: { ...(template?.metadata ?? {}), labels },
    spec: {
      ...spec,
      tolerations: addOrUpdateDaemonPodTolerations(spec.tolerations, spec.hostNetwork === true),
    },
  };
}

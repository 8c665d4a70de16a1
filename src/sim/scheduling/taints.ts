// Taints and tolerations (rule book E5–E8, F1, F2), ported from core/v1 `toleration.go`
// (ToleratesTaint with the TaintTolerationComparisonOperators gate off, MatchToleration),
// component-helpers `scheduling/corev1/helpers.go` (TolerationsTolerateTaint,
// FindMatchingUntoleratedTaint), pkg/apis/core/v1/helper (AddOrUpdateTolerationInPodSpec) and
// pkg/controller/daemon/util (AddOrUpdateDaemonPodTolerations).

import type { Taint, Toleration } from '../api/types.ts';

export const TAINT_EFFECT_NO_SCHEDULE = 'NoSchedule';
export const TAINT_EFFECT_PREFER_NO_SCHEDULE = 'PreferNoSchedule';
export const TAINT_EFFECT_NO_EXECUTE = 'NoExecute';

export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_NODE_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_NODE_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_NODE_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';
export const TAINT_NODE_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';

/** The automatic daemon-pod tolerations of rule F1, in order (the last only with hostNetwork). */
export const DAEMON_TOLERATIONS: readonly Readonly<Toleration>[] = Object.freeze([
  Object.freeze({ key: TAINT_NODE_NOT_READY, operator: 'Exists', effect: TAINT_EFFECT_NO_EXECUTE }),
  Object.freeze({ key: TAINT_NODE_UNREACHABLE, operator: 'Exists', effect: TAINT_EFFECT_NO_EXECUTE }),
  Object.freeze({ key: TAINT_NODE_DISK_PRESSURE, operator: 'Exists', effect: TAINT_EFFECT_NO_SCHEDULE }),
  Object.freeze({ key: TAINT_NODE_MEMORY_PRESSURE, operator: 'Exists', effect: TAINT_EFFECT_NO_SCHEDULE }),
  Object.freeze({ key: TAINT_NODE_PID_PRESSURE, operator: 'Exists', effect: TAINT_EFFECT_NO_SCHEDULE }),
  Object.freeze({ key: TAINT_NODE_UNSCHEDULABLE, operator: 'Exists', effect: TAINT_EFFECT_NO_SCHEDULE }),
]);
/** Added after DAEMON_TOLERATIONS when `spec.hostNetwork` is true. */
export const DAEMON_HOST_NETWORK_TOLERATION: Readonly<Toleration> = Object.freeze({
  key: TAINT_NODE_NETWORK_UNAVAILABLE,
  operator: 'Exists',
  effect: TAINT_EFFECT_NO_SCHEDULE,
});
/** Keys of the automatic tolerations, in F1 order (network-unavailable last). */
export const DAEMON_TOLERATION_KEYS: readonly string[] = Object.freeze([
  ...DAEMON_TOLERATIONS.map((t) => t.key ?? ''),
  TAINT_NODE_NETWORK_UNAVAILABLE,
]);

/** Why one toleration does not tolerate one taint (undefined = it does). */
export type TolerationMismatch =
  /** toleration.effect is set and differs from the taint's */
  | 'effect'
  /** toleration.key is set and differs from the taint's */
  | 'key'
  /** operator Equal (or empty) and the values differ */
  | 'value'
  /** Lt/Gt (the TaintTolerationComparisonOperators alpha gate is off) or an unknown operator */
  | 'operator';

/**
 * THE toleration semantics (TOL `ToleratesTaint`, rule E7), reporting which check failed.
 * Allocation-free: returns a constant string or undefined.
 */
export function tolerationMismatch(t: Toleration, taint: Taint): TolerationMismatch | undefined {
  const effect = t.effect ?? '';
  if (effect.length > 0 && effect !== taint.effect) return 'effect';
  const key = t.key ?? '';
  if (key.length > 0 && key !== taint.key) return 'key';
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '') ? undefined : 'value';
    case 'Exists':
      return undefined;
    default:
      // 'Lt' / 'Gt' never tolerate while the alpha gate is off; anything else never tolerates.
      return 'operator';
  }
}

/** TOL `Toleration.ToleratesTaint` (comparison-operator gate off). `tolerationSeconds` is irrelevant. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  return tolerationMismatch(t, taint) === undefined;
}

/** CH `TolerationsTolerateTaint`: any toleration tolerates the taint. */
export function tolerationsTolerateTaint(
  tolerations: readonly Toleration[] | undefined,
  taint: Taint,
): boolean {
  if (tolerations === undefined) return false;
  for (let i = 0; i < tolerations.length; i++)
    if (toleratesTaint(tolerations[i] as Toleration, taint)) return true;
  return false;
}

/** Inclusion filter used by the DaemonSet controller and the TaintToleration filter (E5). */
export const isNoScheduleOrNoExecute = (t: Taint): boolean =>
  t.effect === TAINT_EFFECT_NO_SCHEDULE || t.effect === TAINT_EFFECT_NO_EXECUTE;
export const isNoExecute = (t: Taint): boolean => t.effect === TAINT_EFFECT_NO_EXECUTE;

/**
 * CH `FindMatchingUntoleratedTaint`: the first taint passing `inclusionFilter` (all taints when
 * omitted) that no toleration tolerates, or undefined when every such taint is tolerated.
 */
export function findMatchingUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  inclusionFilter?: (t: Taint) => boolean,
): Taint | undefined {
  if (taints === undefined) return undefined;
  for (let i = 0; i < taints.length; i++) {
    const taint = taints[i] as Taint;
    if (inclusionFilter !== undefined && !inclusionFilter(taint)) continue;
    if (!tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

export interface TolerationCheck {
  /** Index into the tolerations list. */
  index: number;
  tolerates: boolean;
  mismatch?: TolerationMismatch;
}

export interface TaintExplanation {
  taint: Taint;
  /** NoSchedule / NoExecute; PreferNoSchedule taints are ignored by the controller (E5). */
  effectConsidered: boolean;
  /** Indexes of the tolerations that tolerate this taint. */
  toleratedBy: number[];
  tolerated: boolean;
  /** Every toleration checked against this taint, with the failed check when it does not tolerate. */
  perToleration: TolerationCheck[];
}

/** Every taint against every toleration, through `tolerationMismatch`. */
export function explainTaints(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
): TaintExplanation[] {
  const tols = tolerations ?? [];
  return (taints ?? []).map((taint) => {
    const perToleration = tols.map((t, index): TolerationCheck => {
      const mismatch = tolerationMismatch(t, taint);
      return mismatch === undefined ? { index, tolerates: true } : { index, tolerates: false, mismatch };
    });
    const toleratedBy = perToleration.filter((c) => c.tolerates).map((c) => c.index);
    return {
      taint,
      effectConsidered: isNoScheduleOrNoExecute(taint),
      toleratedBy,
      tolerated: toleratedBy.length > 0,
      perToleration,
    };
  });
}

/** core/v1 `Taint.ToString()`: `key=value:Effect`, or `key:Effect` when the value is empty. */
export function taintToString(t: Taint): string {
  const value = t.value ?? '';
  return value.length === 0 ? `${t.key}:${t.effect}` : `${t.key}=${value}:${t.effect}`;
}

/** A readable form of a toleration, for explanations: `key=value:Effect`, `key:Effect` (Exists), `*` … */
export function tolerationToString(t: Toleration): string {
  const op = t.operator ?? '';
  const key = t.key ?? '';
  let out = key === '' ? '*' : key;
  if (op === '' || op === 'Equal') out += `=${t.value ?? ''}`;
  else if (op !== 'Exists') out += ` ${op} ${t.value ?? ''}`;
  out += `:${t.effect !== undefined && t.effect !== '' ? t.effect : '*'}`;
  if (t.tolerationSeconds !== undefined) out += ` for ${t.tolerationSeconds}s`;
  return out;
}

/** TOL `MatchToleration`: same key, effect, operator and value (Go zero values: absent == ""). */
export function matchToleration(a: Toleration, b: Toleration): boolean {
  return (
    (a.key ?? '') === (b.key ?? '') &&
    (a.effect ?? '') === (b.effect ?? '') &&
    (a.operator ?? '') === (b.operator ?? '') &&
    (a.value ?? '') === (b.value ?? '')
  );
}

/** `Semantic.DeepEqual` on two tolerations that already `matchToleration`. */
function sameTolerationSeconds(a: Toleration, b: Toleration): boolean {
  return a.tolerationSeconds === b.tolerationSeconds;
}

/**
 * V1H `AddOrUpdateTolerationInPodSpec`, without mutation: when some existing toleration is exactly
 * equal, the list is returned unchanged (same array); otherwise every toleration matching
 * key/operator/value/effect is replaced in place by (a copy of) `toleration`, or it is appended
 * when none matched (F2).
 */
export function addOrUpdateToleration(
  tolerations: readonly Toleration[],
  toleration: Readonly<Toleration>,
): Toleration[] {
  const out: Toleration[] = [];
  let updated = false;
  for (const existing of tolerations) {
    if (matchToleration(toleration, existing)) {
      if (sameTolerationSeconds(toleration, existing)) return tolerations as Toleration[];
      out.push({ ...toleration });
      updated = true;
      continue;
    }
    out.push(existing);
  }
  if (!updated) out.push({ ...toleration });
  return out;
}

/**
 * DU `AddOrUpdateDaemonPodTolerations` (F1 + F2): the user's tolerations (copied) with the
 * automatic daemon tolerations merged in. Created tolerations have key order key, operator, effect.
 */
export function addOrUpdateDaemonPodTolerations(
  tolerations: readonly Toleration[] | undefined,
  hostNetwork: boolean,
): Toleration[] {
  let out: Toleration[] = (tolerations ?? []).map((t) => ({ ...t }));
  for (const auto of DAEMON_TOLERATIONS) out = addOrUpdateToleration(out, auto);
  if (hostNetwork) out = addOrUpdateToleration(out, DAEMON_HOST_NETWORK_TOLERATION);
  return out;
}

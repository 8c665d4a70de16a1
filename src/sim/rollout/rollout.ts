// `kubectl rollout history|undo|status` for a DaemonSet, as pure functions over the simulation:
// the data the UI shows and the text kubectl prints. Mirrors kubectl/pkg/polymorphichelpers
// (history.go DaemonSetHistoryViewer, rollback.go DaemonSetRollbacker, rollout_status.go
// DaemonSetStatusViewer) and kubectl/pkg/cmd/rollout (how each result is printed: the name printer's
// `daemonset.apps/NAME <operation>` line). Progress is computed with the DaemonSet controller's own
// helpers (daemonset/util.ts), so it counts what the controller counts.

import type { ControllerRevision, DaemonSet, Pod, PodTemplateSpec } from '../api/types.ts';
import { qualifiedResource } from '../cluster/apiServer.ts';
import { canonicalJson } from '../cluster/objects.ts';
import { controllerRefOf } from '../daemonset/controllerRef.ts';
import {
  CONTROLLER_REVISION_HASH_LABEL,
  comparePodsByCreationTimestampAndPhase,
  computeHash,
  getTemplateGeneration,
  isPodAvailable,
  isPodReady,
  isPodTerminal,
  isPodUpdated,
  revisionPatch,
  surgeCount,
  targetNodeOf,
  unavailableCount,
} from '../daemonset/util.ts';
import type { Simulation } from '../engine/simulation.ts';
import { nodeReadyStatus } from '../kubelet/kubelet.ts';
import { compileLabelSelector, isSelectorError } from '../scheduling/labels.ts';
import { describePodTemplate } from './describe.ts';
import type {
  NodeRolloutState,
  RevisionInfo,
  RolloutFailure,
  RolloutProgress,
  RolloutResult,
  RolloutStatusResult,
} from './types.ts';

export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
const KUBECTL = { actor: 'kubectl' };

// ---- shared lookups ------------------------------------------------------------------------

/** A plain error as kubectl prints it (cmdutil.CheckErr: `error: <message>`). */
function failure(message: string): RolloutFailure {
  return { ok: false, error: message, kubectlMessage: `error: ${message}` };
}

/** The GET kubectl's resource builder does first; a missing DaemonSet is the server's 404. */
function getDaemonSet(sim: Simulation, namespace: string, name: string): DaemonSet | RolloutFailure {
  const ds = sim.api.get('DaemonSet', namespace, name);
  if (ds) return ds;
  const message = `${qualifiedResource('DaemonSet')} "${name}" not found`;
  return { ok: false, error: message, kubectlMessage: `Error from server (NotFound): ${message}` };
}

/** history.go controlledHistory: revisions in the namespace matching the selector, controlled by ds. */
function controlledHistory(sim: Simulation, ds: DaemonSet): ControllerRevision[] {
  const uid = ds.metadata?.uid ?? '';
  const sel = compileLabelSelector(ds.spec?.selector);
  if (isSelectorError(sel)) return [];
  const out: ControllerRevision[] = [];
  for (const cr of sim.api.byIndex('ControllerRevision', 'ownerUid', uid)) {
    if (cr.metadata?.namespace !== ds.metadata?.namespace) continue;
    if (controllerRefOf(cr)?.uid !== uid) continue;
    if (sel.matches(cr.metadata?.labels)) out.push(cr);
  }
  // A List returns objects in key (name) order.
  return out.sort((a, b) => cmp(a.metadata?.name ?? '', b.metadata?.name ?? ''));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** rollback.go daemonSetMatch: the revision's data equals the patch of the DaemonSet's template. */
function matchesCurrent(ds: DaemonSet, cr: ControllerRevision): boolean {
  return canonicalJson(cr.data) === canonicalJson(revisionPatch(ds));
}

/** The template a revision records: its data's spec.template without the `$patch` directive. */
function revisionTemplate(cr: ControllerRevision): PodTemplateSpec {
  const data = cr.data as { spec?: { template?: PodTemplateSpec & { $patch?: string } } } | undefined;
  const t = { ...(data?.spec?.template ?? {}) };
  delete t.$patch;
  return t;
}

function revisionInfo(ds: DaemonSet, cr: ControllerRevision): RevisionInfo {
  const cause = cr.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION];
  return {
    revision: cr.revision,
    name: cr.metadata?.name ?? '',
    hash: cr.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '',
    template: revisionTemplate(cr),
    ...(cause ? { changeCause: cause } : {}),
    current: matchesCurrent(ds, cr),
  };
}

/** The revisions by number, as ViewHistory's map holds them (a later duplicate number wins). */
function historyByRevision(history: ControllerRevision[]): Map<number, ControllerRevision> {
  const byRevision = new Map<number, ControllerRevision>();
  for (const cr of history) byRevision.set(cr.revision, cr);
  return new Map([...byRevision].sort(([a], [b]) => a - b));
}

/** The name printer: `daemonset.apps/NAME[ operation]` and a newline (cli-runtime printers/name.go). */
function printName(name: string, operation: string): string {
  return `daemonset.apps/${name}${operation.length > 0 ? ` ${operation}` : ''}\n`;
}

/**
 * text/tabwriter as history.go's tabbedString sets it up (minwidth 0, padding 2, padchar ' '): every
 * tab-terminated cell is padded to its column's widest cell plus two; the last cell is not.
 */
function tabbed(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows)
    row.slice(0, -1).forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length + 2)));
  return rows
    .map((row) =>
      row
        .map((cell, i) =>
          i < row.length - 1 ? cell.padEnd(widths[i]! + cell.length - [...cell].length) : cell,
        )
        .join(''),
    )
    .map((line) => `${line}\n`)
    .join('');
}

// ---- history ---------------------------------------------------------------------------------

/** `kubectl rollout history ds/NAME`: the revisions, and the table kubectl prints. */
export function rolloutHistory(
  sim: Simulation,
  namespace: string,
  name: string,
): { ok: true; revisions: RevisionInfo[]; output: string } | RolloutFailure {
  const ds = getDaemonSet(sim, namespace, name);
  if ('ok' in ds) return ds;
  const byRevision = historyByRevision(controlledHistory(sim, ds));
  const revisions = [...byRevision.values()].map((cr) => revisionInfo(ds, cr));
  let info: string;
  if (revisions.length === 0) {
    info = 'No rollout history found.';
  } else {
    info = tabbed([
      ['REVISION', 'CHANGE-CAUSE'],
      ...revisions.map((r) => [String(r.revision), r.changeCause || '<none>']),
    ]);
  }
  // rollout_history.go: the operation is `fmt.Sprintf("%s\n%s", withRevision, historyInfo)`.
  return { ok: true, revisions, output: printName(name, `\n${info}`) };
}

/** `kubectl rollout history ds/NAME --revision=N`: the revision's pod template, described. */
export function rolloutHistoryRevision(
  sim: Simulation,
  namespace: string,
  name: string,
  revision: number,
): RolloutResult {
  if (revision < 0) return failure(`revision must be a positive integer: ${revision}`);
  if (revision === 0) {
    const all = rolloutHistory(sim, namespace, name);
    return all.ok ? { ok: true, output: all.output } : all;
  }
  const ds = getDaemonSet(sim, namespace, name);
  if ('ok' in ds) return ds;
  const byRevision = historyByRevision(controlledHistory(sim, ds));
  let info: string;
  if (byRevision.size === 0) {
    info = 'No rollout history found.';
  } else {
    const cr = byRevision.get(revision);
    if (!cr) return failure('unable to find the specified revision');
    // applyDaemonSetHistory: the revision's `$patch: replace` template replaces the DaemonSet's.
    info = describePodTemplate(revisionTemplate(cr));
  }
  return { ok: true, output: printName(name, `with revision #${revision}\n${info}`) };
}

// ---- undo ------------------------------------------------------------------------------------

/**
 * `kubectl rollout undo ds/NAME [--to-revision=N]` (rollback.go DaemonSetRollbacker.Rollback):
 * find the revision (0 or undefined: the second-highest), skip when the DaemonSet's template already
 * matches it, else patch spec.template with the revision's data through the API server. The DaemonSet
 * controller then finds that revision current and renumbers it to the highest (constructHistory).
 * Nothing else runs until the simulation is settled or advanced, as after any other write.
 */
export function rolloutUndo(
  sim: Simulation,
  namespace: string,
  name: string,
  toRevision?: number,
): RolloutResult {
  const to = toRevision ?? 0;
  if (to < 0) return failure(revisionNotFound(to));
  const ds = getDaemonSet(sim, namespace, name);
  if ('ok' in ds) return ds;
  const history = controlledHistory(sim, ds);
  if (to === 0 && history.length <= 1) return failure('no last revision to roll back to');
  const target = findHistory(to, history);
  if (!target) return failure(revisionNotFound(to));
  if (matchesCurrent(ds, target)) {
    return {
      ok: true,
      output: printName(name, `skipped rollback (current template already matches revision ${to})`),
    };
  }
  // A strategic merge patch whose template carries `$patch: replace`: the template is replaced whole.
  const patched: DaemonSet = { ...ds, spec: { ...ds.spec!, template: revisionTemplate(target) } };
  const r = sim.api.update(patched, KUBECTL);
  if (!r.ok) return failure(`failed restoring revision ${to}: ${r.error.message}`);
  return { ok: true, output: printName(name, 'rolled back') };
}

function revisionNotFound(r: number): string {
  return `unable to find specified revision ${r} in history`;
}

/** rollback.go findHistory: revision N, or with N = 0 the second-highest revision. */
function findHistory(to: number, history: ControllerRevision[]): ControllerRevision | undefined {
  if (to === 0) {
    if (history.length <= 1) return undefined;
    const sorted = [...history].sort((a, b) => a.revision - b.revision);
    return sorted[sorted.length - 2];
  }
  return history.find((h) => h.revision === to);
}

// ---- progress --------------------------------------------------------------------------------

/** The current revision's hash: the controller's current ControllerRevision, else what it will be. */
function currentHash(sim: Simulation, ds: DaemonSet): string {
  const current = controlledHistory(sim, ds)
    .filter((cr) => matchesCurrent(ds, cr))
    .sort((a, b) => b.revision - a.revision)[0];
  return (
    current?.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] ??
    computeHash(ds.spec?.template, ds.status?.collisionCount)
  );
}

/** Why one node cannot move on by itself; `pod` reasons are about its new pod. */
interface Block {
  about: 'pod' | 'node';
  text: string;
}

type NodeClass = 'done' | 'blocked' | 'waiting' | 'moving';

interface NodeView {
  state: NodeRolloutState;
  cls: NodeClass;
  block?: Block;
  surging: boolean;
}

function podName(p: Pod | undefined): string | undefined {
  return p?.metadata?.name;
}

/**
 * Where a DaemonSet's rollout stands, counted as the controller counts (update.go rollingUpdate,
 * updateDaemonSetStatus), from the store as it is now.
 *
 * `stalled` — the rule: a RollingUpdate that is not done is stalled when no node can move on
 * without something outside the controller changing, and at least one node is blocked. Per node
 * (the nodes rollingUpdate walks: those that should run the daemon, plus any that have its pods):
 * - blocked: its new pod is not available and cannot become so by itself — the scheduler cannot
 *   place it (PodScheduled=False; its message is quoted), its node is NotReady with a silent kubelet
 *   (Ready=Unknown: the pod cannot start or turn Ready; an old pod there stays Terminating), or it
 *   runs but is not Ready (a failing readiness check);
 * - waiting: it runs only an available old pod, so replacing it needs budget;
 * - done: it runs only an available new pod;
 * - moving: anything else — a pod being created, scheduled, started, terminated or replaced, a new
 *   pod Ready but inside minReadySeconds, an unavailable old pod the controller replaces at once.
 * Any moving node means progress is still under way: not stalled. Otherwise, with waiting nodes the
 * budget must be used up by blocked nodes (maxUnavailable: blocked nodes count unavailable;
 * maxSurge: blocked nodes running an old and a new pod), and `stalled` names them:
 * `maxUnavailable=1 is used by node-2, whose new pod is not Ready`. With no waiting node, it names
 * the blocked nodes: `node-3's new pod is Pending — 0/5 nodes are available: …`.
 * OnDelete rollouts wait for deletions by design and are never called stalled.
 */
export function rolloutProgress(sim: Simulation, ds: DaemonSet): RolloutProgress {
  const strategy = ds.spec?.updateStrategy?.type === 'OnDelete' ? 'OnDelete' : 'RollingUpdate';
  const hash = currentHash(sim, ds);
  const generation = getTemplateGeneration(ds);
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const now = sim.nowMs();
  const available = (p: Pod) => isPodAvailable(p, minReady, now);

  // getNodesToDaemonPods: the DaemonSet's pods by target node (terminal pods being deleted left out).
  const podsByNode = new Map<string, Pod[]>();
  for (const pod of sim.api.byIndex('Pod', 'controllerUid', ds.metadata?.uid ?? '')) {
    if (pod.metadata?.deletionTimestamp && isPodTerminal(pod)) continue;
    const node = targetNodeOf(pod);
    if (node === undefined) continue;
    let list = podsByNode.get(node);
    if (!list) podsByNode.set(node, (list = []));
    list.push(pod);
  }
  for (const list of podsByNode.values()) list.sort(comparePodsByCreationTimestampAndPhase);

  const shouldRun = new Map<string, boolean>();
  for (const node of sim.api.list('Node'))
    shouldRun.set(node.metadata?.name ?? '', sim.daemonSets.decide(ds, node).shouldRun);
  const names = [...shouldRun.keys()].filter((n) => shouldRun.get(n) || podsByNode.has(n));
  names.push(...[...podsByNode.keys()].filter((n) => !shouldRun.has(n)).sort(cmp));

  let desired = 0;
  let updated = 0;
  let availableCount = 0;
  for (const [n, run] of shouldRun) {
    if (!run) continue;
    desired++;
    // updateDaemonSetStatus reads the first pod in podByCreationTimestampAndPhase order.
    const first = podsByNode.get(n)?.[0];
    if (first && isPodUpdated(first, hash, generation)) updated++;
    if (first && available(first)) availableCount++;
  }
  let maxUnavailable = unavailableCount(ds, desired);
  const maxSurge = surgeCount(ds, desired);
  if (strategy === 'RollingUpdate' && desired > 0 && maxUnavailable === 0 && maxSurge === 0)
    maxUnavailable = 1;

  let unavailable = 0;
  let surged = 0;
  const views: NodeView[] = names.map((n) => {
    const pods = podsByNode.get(n) ?? [];
    const live = pods.filter((p) => !p.metadata?.deletionTimestamp);
    const news = live.filter((p) => isPodUpdated(p, hash, generation));
    const olds = live.filter((p) => !isPodUpdated(p, hash, generation));
    const newPod = news[0];
    const oldPod = olds[0];
    const duplicate = news.length > 1 || olds.length > 1;
    const newAvailable = newPod !== undefined && available(newPod);
    const oldAvailable = oldPod !== undefined && available(oldPod);
    const scheduled = newPod?.status?.conditions?.find((c) => c.type === 'PodScheduled');
    const state: NodeRolloutState = {
      node: n,
      ...(podName(oldPod) ? { oldPod: podName(oldPod)! } : {}),
      ...(podName(newPod) ? { newPod: podName(newPod)! } : {}),
      newAvailable,
      oldAvailable,
      ...(scheduled?.status === 'False' ? { unschedulable: scheduled.message ?? '' } : {}),
      shouldRun: shouldRun.get(n) ?? false,
    };
    // rollingUpdate's numUnavailable (the maxSurge = 0 branch) and the nodes running both revisions.
    if (duplicate || (!newPod && !oldPod) || (newPod && oldPod)) unavailable++;
    else if ((newPod && !newAvailable) || (oldPod && !oldAvailable)) unavailable++;
    const surging = !duplicate && newPod !== undefined && oldPod !== undefined;
    if (surging) surged++;

    const silent = nodeReadyStatus(sim.api.get('Node', undefined, n)) === 'Unknown';
    let cls: NodeClass = 'moving';
    let block: Block | undefined;
    if (duplicate) cls = 'moving';
    else if (newPod && newAvailable) cls = oldPod ? 'moving' : 'done';
    else if (newPod) {
      if (state.unschedulable !== undefined)
        block = { about: 'pod', text: `is Pending — ${state.unschedulable}` };
      else if (silent)
        block = { about: 'node', text: 'is NotReady (Ready=Unknown), so its new pod cannot become Ready' };
      else if (newPod.status?.phase === 'Running' && !isPodReady(newPod))
        block = { about: 'pod', text: 'is not Ready' };
      if (block) cls = 'blocked';
    } else if (oldPod) cls = oldAvailable ? 'waiting' : 'moving';
    else if (silent && pods.length > 0) {
      block = { about: 'node', text: 'is NotReady (Ready=Unknown), so its old pod is stuck Terminating' };
      cls = 'blocked';
    }
    if (block) state.blocked = direct(n, block);
    return { state, cls, ...(block ? { block } : {}), surging };
  });

  const done = updated === desired && availableCount === desired;
  const progress: RolloutProgress = {
    strategy,
    desired,
    updated,
    available: availableCount,
    unavailable,
    maxUnavailable,
    maxSurge,
    surged,
    done,
    nodes: views.map((v) => v.state),
  };
  if (strategy === 'RollingUpdate' && !done) {
    const stalled = stallReason(views, maxUnavailable, maxSurge);
    if (stalled) progress.stalled = stalled;
  }
  return progress;
}

function direct(node: string, b: Block): string {
  return b.about === 'pod' ? `${node}'s new pod ${b.text}` : `${node} ${b.text}`;
}

function holding(node: string, b: Block): string {
  return b.about === 'pod' ? `${node}, whose new pod ${b.text}` : `${node}, which ${b.text}`;
}

/** The stall rule of rolloutProgress, over the classified nodes. */
function stallReason(views: NodeView[], maxUnavailable: number, maxSurge: number): string | undefined {
  if (views.some((v) => v.cls === 'moving')) return undefined;
  const blocked = views.filter((v) => v.cls === 'blocked');
  if (blocked.length === 0) return undefined;
  if (!views.some((v) => v.cls === 'waiting')) {
    return blocked.map((v) => direct(v.state.node, v.block!)).join('; ');
  }
  const surge = maxSurge > 0;
  const holders = surge ? blocked.filter((v) => v.surging) : blocked;
  const budget = surge ? maxSurge : maxUnavailable;
  if (holders.length < budget) return undefined; // the controller still has budget to spend
  const who = holders.map((v) => holding(v.state.node, v.block!)).join('; ');
  return `${surge ? 'maxSurge' : 'maxUnavailable'}=${budget} is used by ${who}`;
}

// ---- status ----------------------------------------------------------------------------------

const ONLY_ROLLING_UPDATE = 'rollout status is only available for RollingUpdate strategy type';

/**
 * `kubectl rollout status ds/NAME --watch=false` (rollout_status.go DaemonSetStatusViewer.Status),
 * read from the DaemonSet's status as kubectl reads it. When `progress.stalled` is set, one more
 * line says why — the playground's addition, not kubectl's: `Stalled: <progress.stalled>`.
 */
export function rolloutStatus(sim: Simulation, namespace: string, name: string): RolloutStatusResult {
  const ds = getDaemonSet(sim, namespace, name);
  if ('ok' in ds) return ds;
  const progress = rolloutProgress(sim, ds);
  if (ds.spec?.updateStrategy?.type !== 'RollingUpdate') {
    // Upstream returns done = true with the error: the command stops and fails.
    return {
      ok: true,
      done: true,
      output: `error: ${ONLY_ROLLING_UPDATE}\n`,
      error: ONLY_ROLLING_UPDATE,
      progress,
    };
  }
  const s = ds.status;
  const desired = s?.desiredNumberScheduled ?? 0;
  const updatedN = s?.updatedNumberScheduled ?? 0;
  const availableN = s?.numberAvailable ?? 0;
  let output: string;
  let done = false;
  if ((ds.metadata?.generation ?? 0) <= (s?.observedGeneration ?? 0)) {
    if (updatedN < desired) {
      output = `Waiting for daemon set "${name}" rollout to finish: ${updatedN} out of ${desired} new pods have been updated...\n`;
    } else if (availableN < desired) {
      output = `Waiting for daemon set "${name}" rollout to finish: ${availableN} of ${desired} updated pods are available...\n`;
    } else {
      output = `daemon set "${name}" successfully rolled out\n`;
      done = true;
    }
  } else {
    output = 'Waiting for daemon set spec update to be observed...\n';
  }
  if (!done && progress.stalled) output += `Stalled: ${progress.stalled}\n`;
  return { ok: true, done, output, progress };
}

// The DaemonSet controller, laid out like pkg/controller/daemon/daemon_controller.go and update.go
// so the two can be read side by side. Handlers only enqueue keys (and note expectations); every
// decision is taken in syncDaemonSet from the current state of the store.

import type { ControllerRevision, DaemonSet, Node, OwnerReference, Pod } from '../api/types.ts';
import type { ApiResult, ApiServer, WatchEvent } from '../cluster/apiServer.ts';
import { canonicalJson, keyOf } from '../cluster/objects.ts';
import { ControllerExpectations } from '../controller/expectations.ts';
import { EventRecorder } from '../controller/events.ts';
import { WorkQueue } from '../controller/workqueue.ts';
import { compileLabelSelector, type CompiledSelector } from '../scheduling/labels.ts';
import { replaceDaemonSetPodNodeNameNodeAffinity } from '../scheduling/nodeAffinity.ts';
import { DecisionCache, type NodeDecision } from './predicates.ts';
import { controllerRefOf } from './controllerRef.ts';
import { DaemonPodCache, type NodeGroup } from './podCache.ts';
import {
  BURST_REPLICAS,
  CONTROLLER_REVISION_HASH_LABEL,
  SLOW_START_INITIAL_BATCH_SIZE,
  allowsSurge,
  comparePodsByCreationTimestampAndPhase,
  computeHash,
  createPodTemplate,
  getTemplateGeneration,
  isPodAvailable,
  isPodReady,
  isPodTerminal,
  isPodUpdated,
  revisionPatch,
  surgeCount,
  targetNodeOf,
  unavailableCount,
} from './util.ts';

export const COMPONENT = 'daemonset-controller';
const ACTOR = { actor: COMPONENT };
const BACKOFF_INITIAL_MS = 1000;
const BACKOFF_MAX_MS = 15 * 60 * 1000;

/** What one sync decided: the timeline and step mode show it. */
export interface SyncRecord {
  daemonSet: string;
  timeMs: number;
  creates: string[];
  deletes: string[];
  statusOnly: boolean;
  status?: DaemonSet['status'];
}

export { controllerRefOf } from './controllerRef.ts';

function dsKeyOf(ds: DaemonSet): string {
  return keyOf('DaemonSet', ds.metadata?.namespace, ds.metadata?.name ?? '');
}

export class DaemonSetsController {
  readonly name = COMPONENT;
  readonly queue: WorkQueue;
  readonly expectations: ControllerExpectations;
  readonly decisions = new DecisionCache();
  /** The controller's informer-fed view of its pods, grouped by target node. */
  readonly pods = new DaemonPodCache();
  private readonly memos = new Map<string, DsMemo>();
  /** Node creation order: the lister order creates are issued in. */
  private readonly nodeSeq = new Map<string, number>();
  /** Scratch lists for nodeMemo's call of podsShouldBeOnNode (emptied after each use). */
  private readonly scratchNeeds: string[] = [];
  private readonly scratchDeletes: string[] = [];
  private readonly recorder: EventRecorder;
  private readonly backoff = new Map<string, { backoffMs: number; lastUpdateMs: number }>();
  private readonly selectors = new WeakMap<object, CompiledSelector | { error: string }>();
  /** Listener for sync records (timeline, step mode). */
  onSync: ((r: SyncRecord) => void) | undefined;

  constructor(private readonly api: ApiServer) {
    this.queue = new WorkQueue(api.clock, COMPONENT);
    this.expectations = new ControllerExpectations(() => api.clock.nowMs());
    this.recorder = new EventRecorder(api, COMPONENT);
    api.watch('DaemonSet', (e) => this.onDaemonSet(e));
    api.watch('Pod', (e) => {
      this.pods.observe(e);
      this.onPod(e);
    });
    api.watch('Node', (e) => this.onNode(e));
    api.watch('ControllerRevision', (e) => this.onRevision(e));
  }

  // ---- event handlers: enqueue only ---------------------------------------------------------

  private onDaemonSet(e: WatchEvent<'DaemonSet'>): void {
    if (e.type === 'DELETED') {
      // deleteDaemonset: a DaemonSet recreated under the same name starts with fresh expectations.
      this.expectations.deleteExpectations(dsKeyOf(e.object));
      this.decisions.forget(e.object.metadata?.uid ?? '');
      this.memos.delete(e.object.metadata?.uid ?? '');
    }
    this.queue.add(dsKeyOf(e.object));
  }

  private resolveControllerRef(
    ns: string | undefined,
    ref: OwnerReference | undefined,
  ): DaemonSet | undefined {
    if (!ref || ref.kind !== 'DaemonSet') return undefined;
    const ds = this.api.get('DaemonSet', ns, ref.name);
    return ds && ds.metadata?.uid === ref.uid ? ds : undefined;
  }

  /** getDaemonSetsForPod: DaemonSets in the pod's namespace whose selector matches it. */
  private daemonSetsForOrphan(pod: Pod): DaemonSet[] {
    const out: DaemonSet[] = [];
    for (const ds of this.api.list('DaemonSet')) {
      if (ds.metadata?.namespace !== pod.metadata?.namespace) continue;
      const sel = this.selectorOf(ds);
      if ('matches' in sel && !sel.isEmpty() && sel.matches(pod.metadata?.labels)) out.push(ds);
    }
    return out;
  }

  private onPod(e: WatchEvent<'Pod'>): void {
    const pod = e.object;
    const ns = pod.metadata?.namespace;
    if (e.type === 'ADDED') {
      if (pod.metadata?.deletionTimestamp) return this.podDeleted(pod);
      const ref = controllerRefOf(pod);
      if (ref) {
        const ds = this.resolveControllerRef(ns, ref);
        if (!ds) return;
        const key = dsKeyOf(ds);
        this.expectations.creationObserved(key);
        this.queue.add(key);
        return;
      }
      for (const ds of this.daemonSetsForOrphan(pod)) this.queue.add(dsKeyOf(ds));
      return;
    }
    if (e.type === 'DELETED') return this.podDeleted(pod);
    // updatePod
    const old = e.old!;
    if (pod.metadata?.deletionTimestamp) return this.podDeleted(pod);
    const curRef = controllerRefOf(pod);
    const oldRef = controllerRefOf(old);
    const refChanged = curRef?.uid !== oldRef?.uid;
    if (refChanged && oldRef) {
      const ds = this.resolveControllerRef(ns, oldRef);
      if (ds) this.queue.add(dsKeyOf(ds));
    }
    if (curRef) {
      const ds = this.resolveControllerRef(ns, curRef);
      if (!ds) return;
      this.queue.add(dsKeyOf(ds));
      const minReady = ds.spec?.minReadySeconds ?? 0;
      if (!isPodReady(old) && isPodReady(pod) && minReady > 0) {
        this.queue.addAfter(dsKeyOf(ds), minReady * 1000 + 1000);
      }
      return;
    }
    const labelsChanged = canonicalJson(pod.metadata?.labels) !== canonicalJson(old.metadata?.labels);
    if (labelsChanged || refChanged)
      for (const ds of this.daemonSetsForOrphan(pod)) this.queue.add(dsKeyOf(ds));
  }

  private podDeleted(pod: Pod): void {
    const ds = this.resolveControllerRef(pod.metadata?.namespace, controllerRefOf(pod));
    if (!ds) return;
    const key = dsKeyOf(ds);
    this.expectations.deletionObserved(key);
    this.queue.add(key);
  }

  private onNode(e: WatchEvent<'Node'>): void {
    // Every node change invalidates that node's memo for every DaemonSet (not a sync trigger).
    const name = e.object.metadata?.name ?? '';
    if (e.type === 'ADDED' && !this.nodeSeq.has(name)) this.nodeSeq.set(name, this.nodeSeq.size);
    for (const memo of this.memos.values()) memo.dirty.add(name);
    if (e.type === 'DELETED') return; // pod GC's deletions are what the controller reacts to
    if (e.type === 'ADDED') {
      for (const ds of this.api.list('DaemonSet'))
        if (this.decisions.decide(ds, e.object).shouldRun) this.queue.add(dsKeyOf(ds));
      return;
    }
    const old = e.old!;
    const cur = e.object;
    // shouldIgnoreNodeUpdate: only label and taint changes matter.
    if (
      canonicalJson(old.metadata?.labels) === canonicalJson(cur.metadata?.labels) &&
      canonicalJson(old.spec?.taints) === canonicalJson(cur.spec?.taints)
    ) {
      return;
    }
    for (const ds of this.api.list('DaemonSet')) {
      const a = this.decisions.decide(ds, old);
      const b = this.decisions.decide(ds, cur);
      if (a.shouldRun !== b.shouldRun || a.shouldContinueRunning !== b.shouldContinueRunning)
        this.queue.add(dsKeyOf(ds));
    }
  }

  private onRevision(e: WatchEvent<'ControllerRevision'>): void {
    const ns = e.object.metadata?.namespace;
    const ds = this.resolveControllerRef(ns, controllerRefOf(e.object));
    if (ds) this.queue.add(dsKeyOf(ds));
  }

  // ---- sync ------------------------------------------------------------------------------

  private selectorOf(ds: DaemonSet): CompiledSelector | { error: string } {
    const sel = ds.spec?.selector;
    const key = (sel ?? ds) as object;
    let c = this.selectors.get(key);
    if (!c) {
      c = compileLabelSelector(sel);
      this.selectors.set(key, c);
    }
    return c;
  }

  decide(ds: DaemonSet, node: Node): NodeDecision {
    return this.decisions.decide(ds, node);
  }

  /** syncDaemonSet */
  sync(key: string): void {
    const [ns, name] = key.split('/') as [string, string];
    const ds = this.api.get('DaemonSet', ns, name);
    if (!ds) {
      this.expectations.deleteExpectations(key);
      return;
    }
    const sel = ds.spec?.selector;
    if (sel && Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0) {
      this.recorder.event(
        'DaemonSet',
        ds,
        'Warning',
        'SelectingAll',
        'This daemon set is selecting all pods. A non-empty selector is required.',
      );
      return;
    }
    if (ds.metadata?.deletionTimestamp) return;

    const history = this.constructHistory(ds);
    if (!history) return; // collision bumped or retried; the status update re-enqueues us
    const hash = history.cur.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '';
    const record: SyncRecord = {
      daemonSet: key,
      timeMs: this.api.clock.nowMs(),
      creates: [],
      deletes: [],
      statusOnly: false,
    };

    // The pods come from the controller's informer-fed cache, which does not yet show what this sync
    // creates or deletes — as upstream's lister does not.
    const manage = this.expectations.satisfiedExpectations(key);
    record.statusOnly = !manage;
    const view = this.evaluate(ds, hash, manage);
    if (!manage) {
      this.updateDaemonSetStatus(ds, view.counts, false, record);
      return;
    }
    this.syncNodes(ds, view.podsToDelete, view.nodesNeedingDaemonPods, hash, record);
    // rollingUpdate only runs when manage issued nothing, so the same view is what it would see.
    // Every deletion or surge it can issue starts from an old-revision pod; with none it would
    // issue nothing, so it is skipped (a shortcut, not a change of behaviour).
    if (
      this.expectations.satisfiedExpectations(key) &&
      ds.spec?.updateStrategy?.type === 'RollingUpdate' &&
      view.hasOldPods
    ) {
      this.rollingUpdate(ds, [...this.api.list('Node')], view.nodeToDaemonPods(), hash, record);
    }
    this.cleanupHistory(ds, history.old);
    this.updateDaemonSetStatus(ds, view.counts, true, record);
  }

  /**
   * Claims (adopt orphans, release pods that no longer match), then for every node what manage
   * would do (podsShouldBeOnNode) and what it adds to the status counters. A node's result is kept
   * until its node object or its pods change (or the template does); the counters are running totals
   * of those results. Nodes whose result depends on time or has side effects (failed or succeeded
   * pods; ready pods not yet available) are evaluated afresh every sync, as upstream evaluates all.
   * So a sync costs what changed, not the size of the cluster, and decides exactly what a full pass
   * would.
   */
  private evaluate(ds: DaemonSet, hash: string, manage: boolean): SyncView {
    const uid = ds.metadata?.uid ?? '';
    this.adoptOrphans(ds);
    const generation = getTemplateGeneration(ds);
    const minReady = ds.spec?.minReadySeconds ?? 0;
    const surge = allowsSurge(ds);
    const groups = this.pods.groups(uid);
    let memo = this.memos.get(uid);
    let names: Iterable<string>;
    if (
      !memo ||
      memo.template !== ds.spec?.template ||
      memo.hash !== hash ||
      memo.generation !== generation ||
      memo.minReady !== minReady ||
      memo.surge !== surge
    ) {
      memo = newDsMemo(ds.spec?.template, hash, generation, minReady, surge);
      this.memos.set(uid, memo);
      this.pods.takeDirty(uid);
      const all = new Set<string>();
      for (const node of this.api.list('Node')) all.add(node.metadata?.name ?? '');
      for (const name of groups.keys()) all.add(name);
      names = all;
    } else {
      const changed = this.pods.takeDirty(uid) ?? new Set<string>();
      for (const n of memo.dirty) changed.add(n);
      for (const n of memo.volatile) changed.add(n);
      names = changed;
    }
    memo.dirty.clear();
    for (const name of names) {
      const node = this.api.get('Node', undefined, name);
      const prev = memo.nodes.get(name);
      const m = this.nodeMemo(ds, name, node, groups.get(name), hash, generation, minReady);
      if (prev) addMemo(memo, prev, -1);
      if (!node && m.pods.length === 0 && m.release.length === 0) memo.nodes.delete(name);
      else {
        memo.nodes.set(name, m);
        addMemo(memo, m, 1);
      }
    }

    const nodesNeedingDaemonPods: string[] = [];
    const podsToDelete: string[] = [];
    if (manage) {
      for (const name of this.inNodeOrder(memo.creating)) nodesNeedingDaemonPods.push(name);
      for (const name of memo.deleting) podsToDelete.push(...memo.nodes.get(name)!.deletes);
      for (const name of this.inNodeOrder(memo.volatile)) {
        const m = memo.nodes.get(name)!;
        if (m.node) this.podsShouldBeOnNode(m.node, m.pods, ds, hash, nodesNeedingDaemonPods, podsToDelete);
      }
    }
    if (!ds.metadata?.deletionTimestamp) {
      for (const name of memo.releasing) {
        for (const pod of memo.nodes.get(name)!.release) {
          this.api.replace('Pod', withoutOwner(pod, uid), ACTOR);
        }
      }
    }
    return {
      counts: { ...memo.counts },
      nodesNeedingDaemonPods,
      podsToDelete,
      hasOldPods: memo.oldNodes > 0,
      nodeToDaemonPods: nodeToDaemonPodsOf(memo),
    };
  }

  /** Nodes in the order they were first seen (creation order), unknown ones last. */
  private seq(n: string): number {
    return this.nodeSeq.get(n) ?? Number.MAX_SAFE_INTEGER;
  }

  /**
   * `names` sorted by `seq` (a stable sort: unknown nodes last, in the set's order). `nodeSeq` is
   * kept in seq order, so when `names` covers much of the cluster one pass over it is cheaper than
   * sorting.
   */
  private inNodeOrder(names: ReadonlySet<string>): string[] {
    if (names.size === 0) return [];
    if (names.size * 16 < this.nodeSeq.size) return [...names].sort((a, b) => this.seq(a) - this.seq(b));
    const out: string[] = [];
    for (const n of this.nodeSeq.keys()) if (names.has(n)) out.push(n);
    if (out.length < names.size) for (const n of names) if (!this.nodeSeq.has(n)) out.push(n);
    return out;
  }

  /** Everything one node contributes to a sync, from its node object and its claimed pods. */
  private nodeMemo(
    ds: DaemonSet,
    name: string,
    node: Node | undefined,
    group: NodeGroup | undefined,
    hash: string,
    generation: number | undefined,
    minReady: number,
  ): NodeMemo {
    const sel = this.selectorOf(ds);
    // Most nodes hold one pod or none and release none: the shared empty lists stand in until a
    // pod is added (memos are replaced, never edited, once built).
    let pods: Pod[] = NO_PODS;
    let release: Pod[] = NO_PODS;
    let cacheable = true;
    let hasOld = false;
    if (group) {
      for (const pod of group.pods) {
        if (!('matches' in sel) || !sel.matches(pod.metadata?.labels)) {
          // (A list's first push would reserve 17 slots; a literal holds just its pod.)
          if (release === NO_PODS) release = [pod];
          else release.push(pod);
          continue;
        }
        const terminal = isPodTerminal(pod);
        if (terminal && pod.metadata?.deletionTimestamp) continue;
        // Time-dependent: a failed pod's backoff, or a ready pod waiting out minReadySeconds.
        if (terminal || (minReady > 0 && isPodReady(pod) && !this.available(pod, ds))) cacheable = false;
        if (!pod.metadata?.deletionTimestamp && !isPodUpdated(pod, hash, generation)) hasOld = true;
        if (pods === NO_PODS) pods = [pod];
        else pods.push(pod);
      }
      if (pods.length > 1) pods.sort(comparePodsByCreationTimestampAndPhase);
    }
    const m: NodeMemo = {
      name,
      node,
      version: group?.version ?? 0,
      cacheable,
      pods,
      release,
      hasOld,
      desired: 0,
      current: 0,
      misscheduled: 0,
      ready: 0,
      available: 0,
      updated: 0,
      create: false,
      deletes: NO_NAMES,
    };
    if (!node) {
      for (const pod of pods)
        if (!pod.spec?.nodeName && !pod.metadata?.deletionTimestamp) {
          if (m.deletes === NO_NAMES) m.deletes = [];
          m.deletes.push(pod.metadata?.name ?? '');
        }
      return m;
    }
    // updateDaemonSetStatus, for this node: the oldest pod represents it.
    const { shouldRun } = this.decide(ds, node);
    if (shouldRun) {
      m.desired = 1;
      const pod = pods[0];
      if (pod) {
        m.current = 1;
        if (isPodReady(pod)) {
          m.ready = 1;
          if (this.available(pod, ds)) m.available = 1;
        }
        if (isPodUpdated(pod, hash, generation)) m.updated = 1;
      }
    } else if (pods.length > 0) {
      m.misscheduled = 1;
    }
    // manage, for this node, when it has no side effects and does not depend on time.
    if (cacheable) {
      const needs = this.scratchNeeds;
      const deletes = this.scratchDeletes;
      this.podsShouldBeOnNode(node, pods, ds, hash, needs, deletes);
      m.create = needs.length > 0;
      if (deletes.length > 0) m.deletes = [...deletes];
      needs.length = 0;
      deletes.length = 0;
    }
    return m;
  }

  /** ClaimPods, the adoption half: orphans in the namespace whose labels match the selector. */
  private adoptOrphans(ds: DaemonSet): void {
    if (
      ds.metadata?.deletionTimestamp ||
      this.api.indexSize('Pod', 'orphanNs', ds.metadata?.namespace ?? 'default') === 0
    ) {
      return;
    }
    const sel = this.selectorOf(ds);
    if (!('matches' in sel)) return;
    for (const pod of [...this.api.byIndex('Pod', 'orphanNs', ds.metadata?.namespace ?? 'default')]) {
      if (pod.metadata?.deletionTimestamp || !sel.matches(pod.metadata?.labels)) continue;
      const adopted = this.api.replace('Pod', withOwner(pod, newControllerRef(ds)), ACTOR);
      // The claim hands adopted pods to this very sync; the cache learns of them now too.
      if (adopted) this.pods.place(adopted);
    }
  }

  /** The DaemonSet's claimed pods, read after evaluate() has adopted and released this sync. */
  private getDaemonPods(ds: DaemonSet): Pod[] {
    const sel = this.selectorOf(ds);
    if (!('matches' in sel)) return [];
    return [...this.api.byIndex('Pod', 'controllerUid', ds.metadata?.uid ?? '')].filter((p) =>
      sel.matches(p.metadata?.labels),
    );
  }

  /** podsShouldBeOnNode */
  private podsShouldBeOnNode(
    node: Node,
    daemonPods: readonly Pod[],
    ds: DaemonSet,
    hash: string,
    nodesNeedingDaemonPods: string[],
    podsToDelete: string[],
  ): void {
    const nodeName = node.metadata?.name ?? '';
    const { shouldRun, shouldContinueRunning } = this.decide(ds, node);
    const exists = daemonPods.length > 0;
    if (shouldRun && !exists) {
      nodesNeedingDaemonPods.push(nodeName);
      return;
    }
    if (shouldContinueRunning) {
      // The common case, one live running pod, is left alone whatever the strategy.
      if (daemonPods.length === 1) {
        const only = daemonPods[0]!;
        const phase = only.status?.phase;
        if (!only.metadata?.deletionTimestamp && phase !== 'Failed' && phase !== 'Succeeded') return;
      }
      const running: Pod[] = [];
      for (const pod of daemonPods) {
        if (pod.metadata?.deletionTimestamp) continue;
        const phase = pod.status?.phase;
        if (phase === 'Failed') {
          const backoffKey = `${ds.metadata?.uid}/${ds.status?.observedGeneration ?? 0}/${nodeName}`;
          const now = this.api.clock.nowMs();
          const entry = this.backoff.get(backoffKey);
          if (entry && now - entry.lastUpdateMs < entry.backoffMs) {
            this.queue.addAfter(dsKeyOf(ds), entry.backoffMs);
            continue;
          }
          // flowcontrol.Backoff.Next: double, or start over after 2× max idle.
          const fresh = !entry || now - entry.lastUpdateMs > 2 * BACKOFF_MAX_MS;
          this.backoff.set(backoffKey, {
            backoffMs: fresh ? BACKOFF_INITIAL_MS : Math.min(entry.backoffMs * 2, BACKOFF_MAX_MS),
            lastUpdateMs: now,
          });
          this.recorder.event(
            'DaemonSet',
            ds,
            'Warning',
            'FailedDaemonPod',
            `Found failed daemon pod ${pod.metadata?.namespace}/${pod.metadata?.name} on node ${nodeName}, will try to kill it`,
          );
          podsToDelete.push(pod.metadata?.name ?? '');
        } else if (phase === 'Succeeded') {
          this.recorder.event(
            'DaemonSet',
            ds,
            'Normal',
            'SucceededDaemonPod',
            `Found succeeded daemon pod ${pod.metadata?.namespace}/${pod.metadata?.name} on node ${nodeName}, will try to delete it`,
          );
          podsToDelete.push(pod.metadata?.name ?? '');
        } else {
          running.push(pod);
        }
      }
      if (!allowsSurge(ds)) {
        if (running.length <= 1) return;
        running.sort(comparePodsByCreationTimestampAndPhase);
        for (let i = 1; i < running.length; i++) podsToDelete.push(running[i]!.metadata?.name ?? '');
        return;
      }
      if (running.length <= 1) {
        if (running.length === 0 && shouldRun) nodesNeedingDaemonPods.push(nodeName);
        return;
      }
      // Surge: keep the oldest new-hash pod and the oldest old-hash pod; the old one goes when it is
      // not ready or the new one is available.
      running.sort(comparePodsByCreationTimestampAndPhase);
      let oldestNew: Pod | undefined;
      let oldestOld: Pod | undefined;
      for (const pod of running) {
        if (pod.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash) {
          if (!oldestNew) {
            oldestNew = pod;
            continue;
          }
        } else if (!oldestOld) {
          oldestOld = pod;
          continue;
        }
        podsToDelete.push(pod.metadata?.name ?? '');
      }
      if (oldestNew && oldestOld) {
        if (!isPodReady(oldestOld) || this.available(oldestNew, ds))
          podsToDelete.push(oldestOld.metadata?.name ?? '');
      }
      return;
    }
    if (exists) {
      for (const pod of daemonPods)
        if (!pod.metadata?.deletionTimestamp) podsToDelete.push(pod.metadata?.name ?? '');
    }
  }

  private available(pod: Pod, ds: DaemonSet): boolean {
    return isPodAvailable(pod, ds.spec?.minReadySeconds ?? 0, this.api.clock.nowMs());
  }

  /** syncNodes: creations in slow-start batches, then deletions; at most 250 of each. */
  private syncNodes(
    ds: DaemonSet,
    podsToDelete: string[],
    nodesNeedingDaemonPods: string[],
    hash: string,
    record: SyncRecord,
  ): void {
    const key = dsKeyOf(ds);
    const createDiff = Math.min(nodesNeedingDaemonPods.length, BURST_REPLICAS);
    const deleteDiff = Math.min(podsToDelete.length, BURST_REPLICAS);
    this.expectations.setExpectations(key, createDiff, deleteDiff);
    const template = createPodTemplate(ds.spec?.template, getTemplateGeneration(ds), hash);
    const ns = ds.metadata?.namespace ?? 'default';
    const controllerRef = newControllerRef(ds);
    const base: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: podsPrefix(ds.metadata?.name ?? ''),
        namespace: ns,
        labels: template.metadata?.labels ?? {},
        ...(template.metadata?.annotations ? { annotations: template.metadata.annotations } : {}),
        ...(template.metadata?.finalizers ? { finalizers: template.metadata.finalizers } : {}),
        ownerReferences: [controllerRef],
      },
      spec: template.spec!,
    };
    let errors = 0;
    // The pods of one sync differ only in the node named by the injected affinity: prepare the first
    // through the API server's defaulting, admission and validation, and send variants of it.
    let prepared: ApiResult<Pod> | undefined;
    let batchSize = Math.min(createDiff, SLOW_START_INITIAL_BATCH_SIZE);
    for (let pos = 0; createDiff > pos;) {
      let failed = 0;
      for (let i = pos; i < pos + batchSize; i++) {
        const nodeName = nodesNeedingDaemonPods[i]!;
        if (Object.keys(base.metadata?.labels ?? {}).length === 0) {
          this.recorder.event(
            'DaemonSet',
            ds,
            'Warning',
            'FailedCreate',
            'Error creating: unable to create pods, no labels',
          );
          this.expectations.creationObserved(key);
          failed++;
          continue;
        }
        const affinity = replaceDaemonSetPodNodeNameNodeAffinity(base.spec?.affinity, nodeName);
        prepared ??= this.api.prepareCreate<'Pod'>({ ...base, spec: { ...base.spec!, affinity } });
        const r = prepared.ok
          ? this.api.insertPrepared<'Pod'>(
              { ...prepared.object, spec: { ...prepared.object.spec!, affinity } },
              ACTOR,
            )
          : prepared;
        if (r.ok) {
          record.creates.push(r.object.metadata?.name ?? '');
          this.recorder.event(
            'DaemonSet',
            ds,
            'Normal',
            'SuccessfulCreate',
            `Created pod: ${r.object.metadata?.name}`,
          );
        } else {
          this.recorder.event(
            'DaemonSet',
            ds,
            'Warning',
            'FailedCreate',
            `Error creating: ${r.error.message}`,
          );
          this.expectations.creationObserved(key);
          failed++;
        }
      }
      errors += failed;
      const skipped = createDiff - (batchSize + pos);
      if (failed > 0 && skipped > 0) {
        this.expectations.lowerExpectations(key, skipped, 0);
        break;
      }
      pos += batchSize;
      batchSize = Math.min(2 * batchSize, createDiff - pos);
    }
    for (let i = 0; i < deleteDiff; i++) {
      const podName = podsToDelete[i]!;
      const r = this.api.delete('Pod', ns, podName, {}, ACTOR);
      if (r.ok) {
        record.deletes.push(podName);
        this.recorder.event('DaemonSet', ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${podName}`);
      } else {
        this.expectations.deletionObserved(key);
        if (r.error.reason !== 'NotFound') {
          errors++;
          this.recorder.event(
            'DaemonSet',
            ds,
            'Warning',
            'FailedDelete',
            `Error deleting: ${r.error.message}`,
          );
        }
      }
    }
    // A sync that hit errors is retried (the workqueue's rate limiter; simplified to 1 s).
    if (errors > 0) this.queue.addAfter(key, 1000);
  }

  // ---- rolling update (update.go) ---------------------------------------------------------

  private rollingUpdate(
    ds: DaemonSet,
    nodes: Node[],
    snapshot: Map<string, Pod[]>,
    hash: string,
    record: SyncRecord,
  ): void {
    const nodeToDaemonPods = new Map(snapshot);
    let desired = 0;
    for (const node of nodes) {
      if (!this.decide(ds, node).shouldRun) continue;
      desired++;
      const n = node.metadata?.name ?? '';
      if (!nodeToDaemonPods.has(n)) nodeToDaemonPods.set(n, []);
    }
    let maxUnavailable = unavailableCount(ds, desired);
    const maxSurge = surgeCount(ds, desired);
    if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
    const generation = getTemplateGeneration(ds);

    const findUpdatedPodsOnNode = (pods: Pod[]): { newPod?: Pod; oldPod?: Pod; ok: boolean } => {
      let newPod: Pod | undefined;
      let oldPod: Pod | undefined;
      for (const pod of pods) {
        if (pod.metadata?.deletionTimestamp) continue;
        if (isPodUpdated(pod, hash, generation)) {
          if (newPod) return { ok: false };
          newPod = pod;
        } else {
          if (oldPod) return { ok: false };
          oldPod = pod;
        }
      }
      return { ...(newPod ? { newPod } : {}), ...(oldPod ? { oldPod } : {}), ok: true };
    };

    if (maxSurge === 0) {
      let numUnavailable = 0;
      const allowedReplacementPods: string[] = [];
      const candidatePodsToDelete: string[] = [];
      for (const [, pods] of nodeToDaemonPods) {
        const { newPod, oldPod, ok } = findUpdatedPodsOnNode(pods);
        if (!ok) {
          numUnavailable++;
          continue;
        }
        if ((!oldPod && !newPod) || (oldPod && newPod)) {
          numUnavailable++;
        } else if (newPod) {
          if (!this.available(newPod, ds)) numUnavailable++;
        } else if (oldPod) {
          if (!this.available(oldPod, ds)) {
            allowedReplacementPods.push(oldPod.metadata?.name ?? '');
            numUnavailable++;
          } else if (numUnavailable >= maxUnavailable) {
            continue;
          } else {
            candidatePodsToDelete.push(oldPod.metadata?.name ?? '');
          }
        }
      }
      const remaining = Math.min(Math.max(0, maxUnavailable - numUnavailable), candidatePodsToDelete.length);
      this.syncNodes(
        ds,
        [...allowedReplacementPods, ...candidatePodsToDelete.slice(0, remaining)],
        [],
        hash,
        record,
      );
      return;
    }

    const oldPodsToDelete: string[] = [];
    const shouldNotRunPodsToDelete: string[] = [];
    const candidateNewNodes: string[] = [];
    const allowedNewNodes: string[] = [];
    let numSurge = 0;
    let numAvailable = 0;
    for (const [nodeName, pods] of nodeToDaemonPods) {
      const { newPod, oldPod, ok } = findUpdatedPodsOnNode(pods);
      if (!ok) {
        numSurge++;
        continue;
      }
      if (oldPod) {
        if (this.available(oldPod, ds)) numAvailable++;
      } else if (newPod && this.available(newPod, ds)) numAvailable++;

      if (!oldPod) continue;
      if (!newPod) {
        const node = this.api.get('Node', undefined, nodeName);
        const shouldRun = node ? this.decide(ds, node).shouldRun : false;
        if (!this.available(oldPod, ds)) {
          if (!shouldRun) {
            oldPodsToDelete.push(oldPod.metadata?.name ?? '');
            continue;
          }
          allowedNewNodes.push(nodeName);
        } else {
          if (!shouldRun) {
            shouldNotRunPodsToDelete.push(oldPod.metadata?.name ?? '');
            continue;
          }
          if (numSurge >= maxSurge) continue;
          candidateNewNodes.push(nodeName);
        }
        continue;
      }
      if (!this.available(newPod, ds)) {
        numSurge++;
        continue;
      }
      oldPodsToDelete.push(oldPod.metadata?.name ?? '');
    }
    const deletable = Math.min(numAvailable - desired, shouldNotRunPodsToDelete.length);
    if (deletable > 0) oldPodsToDelete.push(...shouldNotRunPodsToDelete.slice(0, deletable));
    const remainingSurge = Math.min(Math.max(0, maxSurge - numSurge), candidateNewNodes.length);
    this.syncNodes(
      ds,
      oldPodsToDelete,
      [...allowedNewNodes, ...candidateNewNodes.slice(0, remainingSurge)],
      hash,
      record,
    );
  }

  // ---- history (history.go in older trees, update.go now) ---------------------------------

  /** controlledHistories: claim ControllerRevisions as pods are claimed. */
  private controlledHistories(ds: DaemonSet): ControllerRevision[] {
    const uid = ds.metadata?.uid ?? '';
    const ns = ds.metadata?.namespace;
    const sel = this.selectorOf(ds);
    const out: ControllerRevision[] = [];
    for (const cr of [...this.api.list('ControllerRevision')]) {
      if (cr.metadata?.namespace !== ns) continue;
      const ref = controllerRefOf(cr);
      const matches = 'matches' in sel && sel.matches(cr.metadata?.labels);
      if (ref) {
        if (ref.uid !== uid) continue;
        if (matches) out.push(cr);
        else if (!ds.metadata?.deletionTimestamp)
          this.api.replace('ControllerRevision', withoutOwner(cr, uid), ACTOR);
      } else if (matches && !ds.metadata?.deletionTimestamp && !cr.metadata?.deletionTimestamp) {
        const adopted = this.api.replace('ControllerRevision', withOwner(cr, newControllerRef(ds)), ACTOR);
        if (adopted) out.push(adopted);
      }
    }
    return out;
  }

  /** constructHistory: find or create the current revision; returns undefined to retry later. */
  private constructHistory(
    ds: DaemonSet,
  ): { cur: ControllerRevision; old: ControllerRevision[] } | undefined {
    const patch = patchOf(ds);
    const current: ControllerRevision[] = [];
    const old: ControllerRevision[] = [];
    for (let h of this.controlledHistories(ds)) {
      if (!h.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL]) {
        h = this.api.replace(
          'ControllerRevision',
          {
            ...h,
            metadata: {
              ...h.metadata,
              labels: { ...h.metadata?.labels, [CONTROLLER_REVISION_HASH_LABEL]: h.metadata?.name ?? '' },
            },
          },
          ACTOR,
        )!;
      }
      if (dataOf(h) === patch) current.push(h);
      else old.push(h);
    }
    const currRevision = old.reduce((m, h) => Math.max(m, h.revision), 0) + 1;
    if (current.length === 0) {
      const cur = this.snapshot(ds, currRevision);
      return cur ? { cur, old } : undefined;
    }
    let cur = this.dedupCurHistories(ds, current);
    if (cur.revision < currRevision)
      cur = this.api.replace('ControllerRevision', { ...cur, revision: currRevision }, ACTOR) ?? cur;
    return { cur, old };
  }

  private snapshot(ds: DaemonSet, revision: number): ControllerRevision | undefined {
    const collisionCount = ds.status?.collisionCount;
    const hash = computeHash(ds.spec?.template, collisionCount);
    const name = `${ds.metadata?.name}-${hash}`;
    const ns = ds.metadata?.namespace;
    const history: ControllerRevision = {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name,
        namespace: ns ?? 'default',
        labels: { ...(ds.spec?.template?.metadata?.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: hash },
        ...(ds.metadata?.annotations ? { annotations: ds.metadata.annotations } : {}),
        ownerReferences: [newControllerRef(ds)],
      },
      data: JSON.parse(patchOf(ds)) as NonNullable<ControllerRevision['data']>,
      revision,
    };
    const r = this.api.createAs<'ControllerRevision'>(history, ACTOR);
    if (r.ok) return r.object;
    if (r.error.reason !== 'AlreadyExists') return undefined;
    const existing = this.api.get('ControllerRevision', ns, name);
    if (existing && dataOf(existing) === patchOf(ds)) return existing;
    // A hash collision with a different template: bump collisionCount and retry.
    const fresh = this.api.get('DaemonSet', ns, ds.metadata?.name ?? '');
    if (!fresh || fresh.status?.collisionCount !== collisionCount) return undefined;
    this.api.replace(
      'DaemonSet',
      { ...fresh, status: { ...fresh.status!, collisionCount: (collisionCount ?? 0) + 1 } },
      ACTOR,
    );
    return undefined;
  }

  /** dedupCurHistories: keep the highest revision, relabel pods of the others, delete them. */
  private dedupCurHistories(ds: DaemonSet, current: ControllerRevision[]): ControllerRevision {
    if (current.length === 1) return current[0]!;
    const keep = current.reduce((a, b) => (b.revision > a.revision ? b : a));
    const keepHash = keep.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '';
    for (const cr of current) {
      if (cr === keep) continue;
      const dupHash = cr.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL];
      for (const pod of this.getDaemonPods(ds)) {
        if (pod.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] === dupHash) {
          this.api.replace(
            'Pod',
            {
              ...pod,
              metadata: {
                ...pod.metadata,
                labels: { ...pod.metadata?.labels, [CONTROLLER_REVISION_HASH_LABEL]: keepHash },
              },
            },
            ACTOR,
          );
        }
      }
      this.api.delete('ControllerRevision', cr.metadata?.namespace, cr.metadata?.name ?? '', {}, ACTOR);
    }
    return keep;
  }

  /** cleanupHistory: trim old revisions beyond revisionHistoryLimit, sparing any a pod still uses. */
  private cleanupHistory(ds: DaemonSet, old: ControllerRevision[]): void {
    const limit = ds.spec?.revisionHistoryLimit ?? 10;
    let toKill = old.length - limit;
    if (toKill <= 0) return;
    const live = new Set<string>();
    // getNodesToDaemonPods(ds, true): every claimed pod with a target node, deleted terminal ones too.
    for (const pod of this.getDaemonPods(ds)) {
      const h = pod.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL];
      if (h && targetNodeOf(pod) !== undefined) live.add(h);
    }
    for (const h of [...old].sort((a, b) => a.revision - b.revision)) {
      if (toKill <= 0) break;
      if (live.has(h.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '')) continue;
      this.api.delete('ControllerRevision', h.metadata?.namespace, h.metadata?.name ?? '', {}, ACTOR);
      toKill--;
    }
  }

  // ---- status ------------------------------------------------------------------------------

  /** updateDaemonSetStatus + storeDaemonSetStatus, from the counters evaluate() summed per node. */
  private updateDaemonSetStatus(
    ds: DaemonSet,
    counts: StatusCounts,
    updateObservedGen: boolean,
    record: SyncRecord,
  ): void {
    const { desired, current, misscheduled, ready, updated, available } = counts;
    const unavailable = desired - available;
    const s: NonNullable<DaemonSet['status']> = ds.status ?? {
      currentNumberScheduled: 0,
      desiredNumberScheduled: 0,
      numberMisscheduled: 0,
      numberReady: 0,
    };
    const generationNow = ds.metadata?.generation ?? 0;
    const unchanged =
      s.desiredNumberScheduled === desired &&
      s.currentNumberScheduled === current &&
      s.numberMisscheduled === misscheduled &&
      s.numberReady === ready &&
      (s.updatedNumberScheduled ?? 0) === updated &&
      (s.numberAvailable ?? 0) === available &&
      (s.numberUnavailable ?? 0) === unavailable &&
      (s.observedGeneration ?? 0) >= generationNow;
    if (!unchanged) {
      // Re-read: the status write must not undo a concurrent spec change (UpdateStatus keeps spec).
      const fresh = this.api.get('DaemonSet', ds.metadata?.namespace, ds.metadata?.name ?? '') ?? ds;
      // Field order and omitempty as apps/v1 DaemonSetStatus serialises: zero-valued optional
      // counters are left out.
      const observed = updateObservedGen ? generationNow : (s.observedGeneration ?? 0);
      const status: NonNullable<DaemonSet['status']> = {
        currentNumberScheduled: current,
        desiredNumberScheduled: desired,
        ...(available > 0 ? { numberAvailable: available } : {}),
        numberMisscheduled: misscheduled,
        numberReady: ready,
        ...(observed > 0 ? { observedGeneration: observed } : {}),
        ...(updated > 0 ? { updatedNumberScheduled: updated } : {}),
        ...(unavailable > 0 ? { numberUnavailable: unavailable } : {}),
        ...(fresh.status?.collisionCount !== undefined
          ? { collisionCount: fresh.status.collisionCount }
          : {}),
      };
      this.api.replace('DaemonSet', { ...fresh, status }, ACTOR);
      record.status = status;
    }
    this.onSync?.(record);
    const minReady = ds.spec?.minReadySeconds ?? 0;
    if (minReady > 0 && ready !== available) this.queue.addAfter(dsKeyOf(ds), minReady * 1000);
  }
}

/** The object with one more owner reference (adoption). */
function withOwner<T extends Pod | ControllerRevision>(obj: T, ref: OwnerReference): T {
  return {
    ...obj,
    metadata: { ...obj.metadata, ownerReferences: [...(obj.metadata?.ownerReferences ?? []), ref] },
  };
}

/** The object without its reference to the owner with this uid (release). */
function withoutOwner<T extends Pod | ControllerRevision>(obj: T, uid: string): T {
  const ownerReferences = (obj.metadata?.ownerReferences ?? []).filter((r) => r.uid !== uid);
  return { ...obj, metadata: { ...obj.metadata, ownerReferences } };
}

/**
 * Match (history.go): a revision is current when its data equals the patch built from the
 * DaemonSet's template, byte for byte (Go's json.Marshal of a map sorts keys, as canonicalJson
 * does). Both serialisations are kept per object: stored objects are immutable.
 */
const PATCHES = new WeakMap<object, string>();
function patchOf(ds: DaemonSet): string {
  const key = (ds.spec?.template ?? ds) as object;
  let p = PATCHES.get(key);
  if (p === undefined) PATCHES.set(key, (p = canonicalJson(revisionPatch(ds))));
  return p;
}
function dataOf(cr: ControllerRevision): string {
  const key = (cr.data ?? cr) as object;
  let p = PATCHES.get(key);
  if (p === undefined) PATCHES.set(key, (p = canonicalJson(cr.data)));
  return p;
}

/** metav1.NewControllerRef */
export function newControllerRef(ds: DaemonSet): OwnerReference {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    name: ds.metadata?.name ?? '',
    uid: ds.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** getPodsPrefix: `<name>-`, or the bare name when that is not a valid generateName. */
function podsPrefix(name: string): string {
  const prefix = `${name}-`;
  return prefix.length <= 253 ? prefix : name;
}

interface StatusCounts {
  desired: number;
  current: number;
  misscheduled: number;
  ready: number;
  updated: number;
  available: number;
}

/** Shared empty lists of NodeMemo (never pushed to: a memo allocates its own on the first item). */
const NO_PODS: Pod[] = [];
const NO_NAMES: string[] = [];

/** What one node contributes to a sync (see DaemonSetsController.evaluate). */
interface NodeMemo extends StatusCounts {
  name: string;
  node: Node | undefined;
  version: number;
  /** False when the node's result depends on time or has side effects: never reused. */
  cacheable: boolean;
  /** Claimed pods on the node, oldest first, without terminal pods already being deleted. */
  pods: Pod[];
  /** Pods controlled by the DaemonSet whose labels no longer match its selector. */
  release: Pod[];
  hasOld: boolean;
  create: boolean;
  deletes: string[];
}

/** The memo of one DaemonSet, valid for one template, hash and strategy. */
interface DsMemo {
  template: unknown;
  hash: string;
  generation: number | undefined;
  minReady: number;
  surge: boolean;
  nodes: Map<string, NodeMemo>;
  /** Nodes whose node object changed since the last sync. */
  dirty: Set<string>;
  /** Running totals of every node's contribution. */
  counts: StatusCounts;
  /** Nodes with a create / deletes / releases pending, or evaluated afresh every sync. */
  creating: Set<string>;
  deleting: Set<string>;
  releasing: Set<string>;
  volatile: Set<string>;
  /** How many nodes hold an old-revision pod. */
  oldNodes: number;
}

function newDsMemo(
  template: unknown,
  hash: string,
  generation: number | undefined,
  minReady: number,
  surge: boolean,
): DsMemo {
  return {
    template,
    hash,
    generation,
    minReady,
    surge,
    nodes: new Map(),
    dirty: new Set(),
    counts: { desired: 0, current: 0, misscheduled: 0, ready: 0, updated: 0, available: 0 },
    creating: new Set(),
    deleting: new Set(),
    releasing: new Set(),
    volatile: new Set(),
    oldNodes: 0,
  };
}

/** Add (sign 1) or take away (sign -1) one node's contribution to the DaemonSet's memo. */
function addMemo(memo: DsMemo, m: NodeMemo, sign: 1 | -1): void {
  const c = memo.counts;
  c.desired += sign * m.desired;
  c.current += sign * m.current;
  c.misscheduled += sign * m.misscheduled;
  c.ready += sign * m.ready;
  c.updated += sign * m.updated;
  c.available += sign * m.available;
  memo.oldNodes += sign * (m.hasOld ? 1 : 0);
  const name = m.name;
  // No local closures here: this runs for every node of every sync.
  if (m.create) flagNode(memo.creating, name, sign);
  if (m.deletes.length > 0) flagNode(memo.deleting, name, sign);
  if (m.release.length > 0) flagNode(memo.releasing, name, sign);
  if (!m.cacheable) flagNode(memo.volatile, name, sign);
}

/** The per-node pods, built only when a rolling update asks for them. */
function nodeToDaemonPodsOf(memo: DsMemo): () => Map<string, Pod[]> {
  return () => {
    const out = new Map<string, Pod[]>();
    for (const [name, m] of memo.nodes) if (m.pods.length) out.set(name, m.pods);
    return out;
  };
}

function flagNode(set: Set<string>, name: string, sign: 1 | -1): void {
  if (sign > 0) set.add(name);
  else set.delete(name);
}

interface SyncView {
  counts: StatusCounts;
  nodesNeedingDaemonPods: string[];
  podsToDelete: string[];
  hasOldPods: boolean;
  nodeToDaemonPods: () => Map<string, Pod[]>;
}

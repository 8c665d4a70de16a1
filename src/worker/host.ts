// The worker's brain without the worker: owns one simulation, executes commands the way kubectl or a
// kubelet would issue them, records them in the session log, and collects what changed for the UI.
// Pure (no DOM, no timers): the Web Worker glue, the in-process client and the tests all drive it.

import { parseAllDocuments } from 'yaml';
import type { AnyObject, Kind, Node, NodeCondition, Pod } from '../sim/api/types.ts';
import { KINDS, NAMESPACED } from '../sim/api/types.ts';
import { isKind, type ApiError } from '../sim/cluster/apiServer.ts';
import { keyOf } from '../sim/cluster/objects.ts';
import {
  createSimulation,
  type PendingSync,
  type Simulation,
  type SyncStep,
} from '../sim/engine/simulation.ts';
import type { TimelineEntry } from '../sim/timeline/timeline.ts';
import { formatScenarioError, parseScenario, YAML_OPTIONS } from '../sim/scenario/parse.ts';
import type { Step } from '../sim/scenario/types.ts';
import { rolloutHistory, rolloutStatus, rolloutUndo } from '../sim/rollout/rollout.ts';
import { completeKubectl, resourceName as kubectlResourceName, runKubectl } from '../sim/kubectl/kubectl.ts';
import { explainDaemonSet, explainNodeForDaemonSets } from '../sim/explain/explain.ts';
import type {
  ApplyOutcome,
  Command,
  CommandResult,
  LogEntry,
  ObjectChange,
  RolloutView,
  Session,
  WatchedViews,
  TaintSpec,
} from './protocol.ts';

const USER = { actor: 'kubectl' };
const KUBELET = { actor: 'kubelet' };

/** `daemonset.apps/agent`, `node/worker-1`: how kubectl names a resource in its output. */
export function resourceName(kind: string, name: string): string {
  return isKind(kind) ? kubectlResourceName(kind, name) : `${kind.toLowerCase()}/${name}`;
}

/** `stateAt` options. */
export interface StateAtOptions {
  /**
   * The moment just after the user's last command at `ms`, before the cluster reacted to it (no
   * sync, no timer ran after it); with no command at `ms`, the instant as it began (everything
   * before `ms` done, nothing due at `ms` run yet). Without it: the end of instant `ms`.
   */
  beforeSyncs?: boolean;
}

export interface HostOptions {
  /** Record the timeline (default true; the replicas `stateAt` replays into do not). */
  timeline?: boolean;
}

/** A replay of the session log kept for `stateAt`: where it stands, so it can move forward. */
interface Replica {
  host: SimHost;
  /** Log entries executed. */
  next: number;
  /** The time it was replayed to, and whether that instant has been settled. */
  atMs: number;
  settled: boolean;
  epoch: number;
  lastUsed: number;
}

/** Replicas kept for scrubbing: each holds a whole cluster, so few. */
const MAX_REPLICAS = 3;

export class SimHost {
  private sim: Simulation;
  private session: Session;
  private changes = new Map<string, ObjectChange>();
  private readonly recordTimeline: boolean;
  /** A stepSync left the current instant part-way: a command first finishes it (as a replay does). */
  private stepped = false;
  /** Bumped when the session is replaced (a scenario loaded): older replicas replay another log. */
  private epoch = 0;
  private replicas: Replica[] = [];
  private replicaClock = 0;
  private lastState:
    { epoch: number; logLength: number; ms: number; before: boolean; out: HostObject[] } | undefined;

  constructor(seed = 1, opts: HostOptions = {}) {
    this.recordTimeline = opts.timeline ?? true;
    this.session = { seed, log: [], nowMs: 0 };
    this.sim = this.attach(createSimulation({ seed }));
  }

  /** Rebuild a saved session exactly: replay every command at the virtual time it was issued. */
  static restore(session: Session): SimHost {
    const host = new SimHost(session.seed);
    for (const entry of session.log) {
      // (A log written before scenarios became commands may start with loadScenario.)
      if (entry.command.type !== 'loadScenario') host.advanceTo(entry.atMs);
      host.execute(entry.command);
    }
    host.advanceTo(session.nowMs);
    host.changes.clear();
    return host;
  }

  get simulation(): Simulation {
    return this.sim;
  }

  nowMs(): number {
    return this.sim.nowMs();
  }

  nextDueMs(): number | undefined {
    return this.sim.clock.nextDue();
  }

  currentSession(): Session {
    return { seed: this.session.seed, log: [...this.session.log], nowMs: this.sim.nowMs() };
  }

  advanceTo(ms: number): void {
    if (ms > this.sim.nowMs()) this.sim.advanceTo(ms);
    else this.sim.settle();
  }

  /** Jump to the next moment something is due and run it. False when nothing is scheduled. */
  step(): boolean {
    return this.sim.stepToNext();
  }

  /**
   * Step mode: run exactly one sync (or, when the instant has no work left, move the clock to the
   * next due time and fire its timers) and say what it did. No command is logged: stepping runs
   * what advancing would, in the same order, so the session still replays. A replay lands at the end
   * of an instant, after all its syncs; a command issued part-way through an instant first finishes
   * the instant, as its replay will.
   */
  stepSync(): SyncStep | undefined {
    this.stepped = true;
    return this.sim.stepSync();
  }

  /** What is queued now, in the order it will run (`[0]` is what the next `stepSync` runs). */
  pendingWork(): PendingSync[] {
    return this.sim.pendingWork();
  }

  /**
   * Timeline entries with fromMs <= atMs <= toMs, oldest first. The live timeline keeps the newest
   * DEFAULT_TIMELINE_CAPACITY entries; a loaded scenario's own run is not on it (it starts after).
   */
  timelineBetween(fromMs: number, toMs: number): TimelineEntry[] {
    return this.sim.timeline().between(fromMs, toMs);
  }

  /**
   * The cluster as it was at virtual time `ms` (read-only): the session log replayed to `ms` in a
   * separate simulation, so exactly what a restore to `ms` gives — the end of instant `ms`, after
   * all its syncs — or, with `beforeSyncs`, the moment the user's last command at `ms` had been
   * applied and nothing had reacted (at t+0 of the default session: nodes and the DaemonSet, no pod).
   * `ms` is clamped to [0, now]. Replays are kept and moved forward, so scrubbing forward costs only
   * the stretch between; a jump back before every kept replay replays from t+0. A session started
   * from a scenario cannot be taken back inside the scenario's own steps (it shows their end).
   */
  stateAt(ms: number, opts: StateAtOptions = {}): HostObject[] {
    const before = opts.beforeSyncs ?? false;
    const t = Math.max(0, Math.min(Math.round(ms), this.sim.nowMs()));
    const log = this.session.log;
    const c = this.lastState;
    if (c && c.epoch === this.epoch && c.logLength === log.length && c.ms === t && c.before === before)
      return c.out;
    const r = this.replicaFor(t, before);
    this.replayTo(r, t, before);
    const out = r.host.objects();
    this.lastState = { epoch: this.epoch, logLength: log.length, ms: t, before, out };
    return out;
  }

  /** The kept replica closest before (t, before), or a fresh one. */
  private replicaFor(t: number, before: boolean): Replica {
    let best: Replica | undefined;
    this.replicas = this.replicas.filter((r) => r.epoch === this.epoch);
    for (const r of this.replicas) {
      const usable = r.atMs < t || (r.atMs === t && (!r.settled || !before));
      if (!usable) continue;
      if (!best || r.atMs > best.atMs || (r.atMs === best.atMs && r.next > best.next)) best = r;
    }
    if (!best) {
      best = {
        host: new SimHost(this.session.seed, { timeline: false }),
        next: 0,
        atMs: 0,
        settled: false,
        epoch: this.epoch,
        lastUsed: 0,
      };
      if (this.replicas.length >= MAX_REPLICAS) {
        const lru = this.replicas.reduce((a, b) => (b.lastUsed < a.lastUsed ? b : a));
        this.replicas.splice(this.replicas.indexOf(lru), 1);
      }
      this.replicas.push(best);
    }
    best.lastUsed = ++this.replicaClock;
    return best;
  }

  /** Move a replica forward to (t, before), executing the log as `restore` does. */
  private replayTo(r: Replica, t: number, before: boolean): void {
    const log = this.session.log;
    const h = r.host;
    let last = -1;
    if (before)
      for (let i = r.next; i < log.length && log[i]!.atMs <= t; i++) if (log[i]!.atMs === t) last = i;
    for (; r.next < log.length && log[r.next]!.atMs <= t; r.next++) {
      const entry = log[r.next]!;
      if (entry.command.type !== 'loadScenario') h.advanceTo(entry.atMs);
      if (r.next === last && entry.command.type !== 'loadScenario') h.run(entry.command);
      else h.execute(entry.command);
    }
    if (!before) h.advanceTo(t);
    else if (last < 0) h.sim.advanceToStartOf(t);
    r.atMs = t;
    r.settled = !before;
    h.changes.clear();
  }

  /** Every stored object, kinds in a fixed order, each kind in creation order (for a stable layout). */
  objects(): HostObject[] {
    const out: HostObject[] = [];
    for (const kind of KINDS) {
      for (const object of this.sim.api.list(kind))
        out.push({ kind, key: keyOf(kind, object.metadata?.namespace, object.metadata?.name ?? ''), object });
    }
    return out;
  }

  /** What changed since the last call; several writes to one object collapse into the latest. */
  takeChanges(): ObjectChange[] {
    const out = [...this.changes.values()];
    this.changes.clear();
    return out;
  }

  /** Execute a user command at the current virtual time, log it, and run what falls due now. */
  execute(command: Command, opts: { settle?: boolean } = {}): CommandResult {
    if (this.stepped) {
      this.stepped = false;
      this.sim.settle();
    }
    if (command.type === 'loadScenario') return this.loadScenario(command.text, command.file);
    const result = this.run(command);
    // A command refused as a whole changes nothing, so it need not be replayed.
    if (result.ok || command.type === 'kubectl' || result.outcomes.some((o) => o.result !== 'error'))
      this.session.log.push({ atMs: this.sim.nowMs(), command } satisfies LogEntry);
    // Step mode: leave the reaction to the user's single steps. The instant is finished before the
    // next command (as a replay does), so a restore still lands where the live cluster will.
    if (opts.settle === false) this.stepped = true;
    else this.sim.settle();
    return result;
  }

  private attach(sim: Simulation): Simulation {
    if (this.recordTimeline) sim.timeline();
    sim.onWrite((e) => {
      const kind = e.kind;
      const key = e.key;
      const id = `${kind}\u0000${key}`;
      if (e.type === 'DELETED') {
        this.changes.set(id, { type: 'delete', kind, key });
        return;
      }
      const prev = this.changes.get(id);
      const created = e.type === 'ADDED' || (prev?.type === 'upsert' && prev.created === true);
      this.changes.set(id, {
        type: 'upsert',
        kind,
        key,
        object: e.object,
        ...(created ? { created: true } : {}),
      });
    });
    return sim;
  }

  /**
   * Start over from a scenario. Its objects and steps become ordinary session commands at their
   * virtual times, replayed here like any session: the result is what the scenario runner gives
   * (a test checks every scenario byte for byte), and the timeline and the scrubber cover the
   * scenario's own steps too.
   */
  private loadScenario(text: string, file: string): CommandResult {
    const parsed = parseScenario(text, file);
    if (!parsed.ok) {
      const e = parsed.error;
      return { ok: false, message: formatScenarioError(e), outcomes: [], line: e.line, column: e.column };
    }
    const sc = parsed.scenario;
    const seed = sc.seed ?? 1;
    this.sim = this.attach(createSimulation({ seed }));
    this.epoch++;
    this.replicas = [];
    this.lastState = undefined;
    this.stepped = false;
    this.session = { seed, log: [], nowMs: 0 };
    const outcomes: ApplyOutcome[] = [];
    const run = (at: string, command: Command) => {
      const r = this.execute(command);
      for (const o of r.outcomes)
        if (o.result === 'error') outcomes.push({ ...o, message: `${at}: ${o.message}` });
      if (!r.ok && r.outcomes.length === 0)
        outcomes.push({
          docIndex: -1,
          resource: '',
          result: 'error',
          message: `${at}: ${r.message}`,
          causes: [],
        });
    };
    // objects[i] all at t=0, then one settle, as the runner applies them.
    if (sc.objects.length > 0)
      run('objects', { type: 'applyObjects', objects: sc.objects as unknown as AnyObject[] });
    for (const step of sc.steps) {
      const command = scenarioStepCommand(step);
      if (command === 'advance') {
        this.advanceTo(
          this.sim.nowMs() + Math.round((step as { advanceSeconds: number }).advanceSeconds * 1000),
        );
        continue;
      }
      run(step.at, command);
    }
    this.session.nowMs = this.sim.nowMs();
    this.changes.clear();
    return { ok: true, outcomes };
  }

  private run(command: Exclude<Command, { type: 'loadScenario' }>): CommandResult {
    switch (command.type) {
      case 'applyYaml':
        return this.applyYaml(command.text);
      case 'applyObjects':
        return this.applyAll(command.objects.map((o) => ({ docIndex: -1, object: o })));
      case 'delete':
        return this.deleteObject(command.kind, command.namespace, command.name, command.cascade);
      case 'patchNode':
        return this.patchNode(command.name, command.labels, command.taints, command.unschedulable);
      case 'setNodeCondition':
        return this.setNodeCondition(command.name, command.condition, command.status);
      case 'failPod':
        return this.failPod(command.namespace, command.name);
      case 'setPodPhase': {
        const pod = this.sim.setPodPhase(command.daemonSet, command.node, command.phase, command.ready);
        return pod
          ? { ok: true, outcomes: [] }
          : {
              ok: false,
              message: `error: no pod of DaemonSet ${command.daemonSet} on node ${command.node}`,
              outcomes: [],
            };
      }
      case 'kubectl': {
        const r = runKubectl(
          this.sim,
          command.line,
          command.stdin !== undefined ? { stdin: command.stdin } : {},
        );
        const console = { output: r.output, exitCode: r.exitCode };
        return r.exitCode === 0
          ? { ok: true, outcomes: [], console }
          : { ok: false, message: r.output, outcomes: [], console };
      }
      case 'rolloutUndo': {
        const r = rolloutUndo(this.sim, command.namespace, command.name, command.toRevision);
        const resource = resourceName('DaemonSet', command.name);
        return r.ok
          ? {
              ok: true,
              outcomes: [
                { docIndex: -1, resource, result: 'configured', message: r.output.trimEnd(), causes: [] },
              ],
            }
          : { ok: false, message: r.kubectlMessage, outcomes: [] };
      }
    }
  }

  /** Everything the UI watches: a DaemonSet's rollout and verdicts, and one node's verdicts. */
  watched(daemonSet: string | null, node: string | null): WatchedViews {
    let explain = null;
    if (daemonSet !== null) {
      const [ns, name] = daemonSet.split('/') as [string, string];
      explain = explainDaemonSet(this.sim, ns, name) ?? null;
    }
    const nodeVerdicts =
      node !== null && this.sim.api.get('Node', undefined, node)
        ? explainNodeForDaemonSets(this.sim, node)
        : null;
    return { rollout: daemonSet !== null ? this.rolloutView(daemonSet) : null, explain, nodeVerdicts };
  }

  /** Tab completion for the console. */
  complete(line: string): { replaceFrom: number; candidates: string[] } {
    return completeKubectl(this.sim, line);
  }

  /** `kubectl rollout status` and `history` of a DaemonSet, or null when it does not exist. */
  rolloutView(key: string): RolloutView | null {
    const [ns, name] = key.split('/') as [string, string];
    if (!this.sim.api.get('DaemonSet', ns, name)) return null;
    const status = rolloutStatus(this.sim, ns, name);
    const history = rolloutHistory(this.sim, ns, name);
    return {
      daemonSet: key,
      status: status.ok
        ? { done: status.done, output: status.output, progress: status.progress }
        : { error: status.kubectlMessage },
      history: history.ok
        ? { revisions: history.revisions, output: history.output }
        : { error: history.kubectlMessage },
    };
  }

  private applyYaml(text: string): CommandResult {
    // The whole buffer is parsed before anything is sent, so a syntax error anywhere applies nothing.
    // Read exactly as the editor's locator reads it, so document numbers and values agree.
    const docs = parseAllDocuments(text, YAML_OPTIONS);
    const items: Array<{ docIndex: number; object: AnyObject }> = [];
    const list = Array.isArray(docs) ? docs : [docs];
    let index = 0;
    for (const doc of list) {
      const err = doc.errors[0];
      if (err) {
        const [line, column] = lineCol(text, err.pos[0]);
        return {
          ok: false,
          message: `error: error parsing editor: error converting YAML to JSON: yaml: line ${line}: ${firstLine(err.message)}`,
          outcomes: [],
          line,
          column,
        };
      }
      const value: unknown = doc.toJS();
      if (value === null || value === undefined) continue;
      const docIndex = index++;
      if (typeof value !== 'object' || Array.isArray(value)) {
        const [line, column] = lineCol(text, doc.range[0]);
        return {
          ok: false,
          message: `error: error parsing editor: document ${docIndex + 1} is not a Kubernetes object (expected a mapping with apiVersion and kind)`,
          outcomes: [],
          line,
          column,
        };
      }
      const obj = value as AnyObject;
      if (typeof obj.kind !== 'string' || (obj.kind as string) === '') {
        const [line, column] = lineCol(text, doc.range[0]);
        return {
          ok: false,
          message: `error: unable to decode "editor": Object 'Kind' is missing in '${JSON.stringify(obj)}'`,
          outcomes: [],
          line,
          column,
        };
      }
      if (!isKind(obj.kind) || (obj.kind as string) === 'Event') {
        const [line, column] = lineCol(text, doc.range[0]);
        return {
          ok: false,
          message:
            `error: resource mapping not found for name: "${obj.metadata?.name ?? ''}" namespace: "${obj.metadata?.namespace ?? ''}" from "editor": ` +
            `no matches for kind "${obj.kind}" in version "${String(obj.apiVersion ?? '')}" (this playground simulates Node, Pod, DaemonSet, ControllerRevision and PriorityClass)`,
          outcomes: [],
          line,
          column,
        };
      }
      items.push({ docIndex, object: obj });
    }
    if (items.length === 0) return { ok: false, message: 'error: no objects passed to apply', outcomes: [] };
    return this.applyAll(items);
  }

  /** Like `kubectl apply`: every document on its own; one refusal does not undo the others. */
  private applyAll(items: Array<{ docIndex: number; object: AnyObject }>): CommandResult {
    const outcomes = items.map(({ docIndex, object }) => this.applyOne(docIndex, object));
    const failed = outcomes.filter((o) => o.result === 'error');
    if (failed.length === 0) return { ok: true, outcomes };
    return { ok: false, message: failed.map((o) => o.message).join('\n'), outcomes };
  }

  private applyOne(docIndex: number, object: AnyObject): ApplyOutcome {
    const kind = object.kind as Kind;
    const name = object.metadata?.name ?? '';
    const ns = NAMESPACED[kind] ? object.metadata?.namespace || 'default' : undefined;
    const before = isKind(kind) ? this.sim.api.get(kind, ns, name) : undefined;
    const r = this.sim.apply(object, USER);
    const resource = resourceName(kind, name);
    if (!r.ok) return refusal(docIndex, resource, r.error);
    const verb = !before
      ? 'created'
      : before.metadata?.resourceVersion === r.object.metadata?.resourceVersion
        ? 'unchanged'
        : 'configured';
    return { docIndex, resource, result: verb, message: `${resource} ${verb}`, causes: [] };
  }

  private deleteObject(
    kind: Kind,
    namespace: string | undefined,
    name: string,
    cascade: 'background' | 'foreground' | 'orphan' = 'background',
  ): CommandResult {
    if (!isKind(kind))
      return {
        ok: false,
        message: `error: the server doesn't have a resource type "${String(kind)}"`,
        outcomes: [],
      };
    const ns = NAMESPACED[kind] ? namespace || 'default' : undefined;
    const r = this.sim.delete(kind, ns, name, cascade, USER);
    const resource = resourceName(kind, name);
    if (!r.ok) {
      const o = refusal(-1, resource, r.error);
      return { ok: false, message: o.message, outcomes: [o] };
    }
    return {
      ok: true,
      outcomes: [{ docIndex: -1, resource, result: 'deleted', message: `${resource} deleted`, causes: [] }],
    };
  }

  private node(name: string): Node | CommandResult {
    const node = this.sim.api.get('Node', undefined, name);
    if (node) return node;
    const message = `Error from server (NotFound): nodes "${name}" not found`;
    return { ok: false, message, outcomes: [] };
  }

  private patchNode(
    name: string,
    labels: Record<string, string | null> | undefined,
    taints: TaintSpec[] | undefined,
    unschedulable: boolean | undefined,
  ): CommandResult {
    const node = this.node(name);
    if ('ok' in node) return node;
    const meta = { ...node.metadata };
    if (labels) {
      const next: Record<string, string> = { ...(meta.labels ?? {}) };
      for (const [k, v] of Object.entries(labels)) {
        if (v === null) delete next[k];
        else next[k] = v;
      }
      meta.labels = next;
    }
    const spec: NonNullable<Node['spec']> = { ...node.spec };
    if (taints) {
      if (taints.length > 0) spec.taints = taints.map((t) => ({ ...t }));
      else delete spec.taints;
    }
    if (unschedulable !== undefined) {
      if (unschedulable) spec.unschedulable = true;
      else delete spec.unschedulable;
    }
    const r = this.sim.api.update({ ...node, metadata: meta, spec }, USER);
    const resource = resourceName('Node', name);
    if (!r.ok) {
      const o = refusal(-1, resource, r.error);
      return { ok: false, message: o.message, outcomes: [o] };
    }
    const verb =
      r.object.metadata?.resourceVersion === node.metadata?.resourceVersion ? 'unchanged' : 'patched';
    return {
      ok: true,
      outcomes: [
        {
          docIndex: -1,
          resource,
          result: verb === 'unchanged' ? 'unchanged' : 'configured',
          message: `${resource} ${verb}`,
          causes: [],
        },
      ],
    };
  }

  private setNodeCondition(name: string, type: string, status: 'True' | 'False' | 'Unknown'): CommandResult {
    const node = this.node(name);
    if ('ok' in node) return node;
    const now = this.sim.api.clock.timestamp();
    const conditions: NodeCondition[] = [...(node.status?.conditions ?? [])];
    const i = conditions.findIndex((c) => c.type === type);
    const [reason, message] = conditionText(type, status);
    const next: NodeCondition = {
      type,
      status,
      reason,
      message,
      lastHeartbeatTime: now,
      lastTransitionTime:
        i >= 0 && conditions[i]!.status === status ? (conditions[i]!.lastTransitionTime ?? now) : now,
    };
    if (i >= 0) conditions[i] = next;
    else conditions.push(next);
    const r = this.sim.api.update({ ...node, status: { ...node.status, conditions } }, KUBELET);
    const resource = resourceName('Node', name);
    if (!r.ok) {
      const o = refusal(-1, resource, r.error);
      return { ok: false, message: o.message, outcomes: [o] };
    }
    return {
      ok: true,
      outcomes: [
        {
          docIndex: -1,
          resource,
          result: 'configured',
          message: `${resource} condition ${type}=${status}`,
          causes: [],
        },
      ],
    };
  }

  private failPod(namespace: string, name: string): CommandResult {
    const pod: Pod | undefined = this.sim.api.get('Pod', namespace, name);
    if (!pod)
      return { ok: false, message: `Error from server (NotFound): pods "${name}" not found`, outcomes: [] };
    const after = this.sim.kubelets.setPodPhase(pod, 'Failed', false);
    const resource = resourceName('Pod', name);
    if (!after) return { ok: false, message: `error: pod "${name}" could not be failed`, outcomes: [] };
    return {
      ok: true,
      outcomes: [{ docIndex: -1, resource, result: 'configured', message: `${resource} failed`, causes: [] }],
    };
  }
}

/** One stored object, as `objects()` and `stateAt()` list them. */
export interface HostObject {
  kind: Kind;
  key: string;
  object: AnyObject;
}

function refusal(docIndex: number, resource: string, err: ApiError): ApplyOutcome {
  return { docIndex, resource, result: 'error', message: err.kubectlMessage, causes: err.causes };
}

/** The reason and message a kubelet (or, for Unknown, the node lifecycle controller) reports. */
const CONDITION_TEXT: Record<string, Record<string, [string, string]>> = {
  Ready: {
    True: ['KubeletReady', 'kubelet is posting ready status'],
    False: ['KubeletNotReady', 'container runtime network not ready: NetworkReady=false'],
    Unknown: ['NodeStatusUnknown', 'Kubelet stopped posting node status.'],
  },
  MemoryPressure: {
    True: ['KubeletHasInsufficientMemory', 'kubelet has insufficient memory available'],
    False: ['KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  },
  DiskPressure: {
    True: ['KubeletHasDiskPressure', 'kubelet has disk pressure'],
    False: ['KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  },
  PIDPressure: {
    True: ['KubeletHasInsufficientPID', 'kubelet has insufficient PID available'],
    False: ['KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
  },
  NetworkUnavailable: {
    True: ['NoRouteCreated', 'Node network is not configured'],
    False: ['RouteCreated', 'RouteController created a route'],
  },
};

function conditionText(type: string, status: string): [string, string] {
  return CONDITION_TEXT[type]?.[status] ?? ['NodeStatusUnknown', 'Kubelet stopped posting node status.'];
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

/** 1-based line and column of a character offset. */
export function lineCol(text: string, offset: number): [number, number] {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return [line, offset - last];
}

/** A scenario step as the session command that does the same; `advance` is just time passing. */
function scenarioStepCommand(step: Step): Command | 'advance' {
  switch (step.type) {
    case 'advance':
      return 'advance';
    case 'apply':
      return { type: 'applyObjects', objects: [step.apply as unknown as AnyObject] };
    case 'delete': {
      const d = step.delete;
      return {
        type: 'delete',
        kind: d.kind as Kind,
        ...(d.namespace !== undefined ? { namespace: d.namespace } : {}),
        name: d.name,
        ...(d.cascade ? { cascade: d.cascade } : {}),
      };
    }
    case 'setPodPhase': {
      const a = step.setPodPhase;
      return {
        type: 'setPodPhase',
        daemonSet: a.daemonSet,
        node: a.node,
        phase: a.phase,
        ...(a.ready !== undefined ? { ready: a.ready } : {}),
      };
    }
    case 'rolloutUndo': {
      const [namespace, name] = step.rolloutUndo.daemonSet.split('/') as [string, string];
      return {
        type: 'rolloutUndo',
        namespace,
        name,
        ...(step.rolloutUndo.toRevision !== undefined ? { toRevision: step.rolloutUndo.toRevision } : {}),
      };
    }
    case 'kubectl':
      return { type: 'kubectl', line: step.kubectl };
  }
}

// Runs a parsed scenario against a fresh simulation and checks its `expect` block. The CLI, the
// conformance tests and (later) the browser all use this one runner.

import type { AnyObject, DaemonSet, Event, FieldError, Kind, Pod } from '../api/types.ts';
import { KINDS, NAMESPACED } from '../api/types.ts';
import { eventCount } from '../api/eventTimes.ts';
import { isKind, type ApiError } from '../cluster/apiServer.ts';
import { canonicalJson } from '../cluster/objects.ts';
import { controllerRefOf } from '../daemonset/controller.ts';
import { CONTROLLER_REVISION_HASH_LABEL } from '../daemonset/util.ts';
import { createSimulation, type Simulation } from '../engine/simulation.ts';
import { execKubectl } from '../kubectl/kubectl.ts';
import { rolloutUndo } from '../rollout/rollout.ts';
import { getTargetNodeName } from '../scheduling/nodeAffinity.ts';
import { scenarioRegExp } from './parse.ts';
import type { Expect, JsonValue, PodMetadataExpectation, Scenario, Step } from './types.ts';

export interface Rejection {
  at: string;
  kind: string;
  namespace?: string;
  name: string;
  errors: FieldError[];
  kubectlMessage: string;
}

/** What a `kubectl` step printed (stdout and stderr in order) and its exit status. */
export interface ConsoleEntry {
  at: string;
  command: string;
  output: string;
  exitCode: number;
}

export interface RunOutput {
  timeSeconds: number;
  objects: AnyObject[];
  rejections: Rejection[];
  /** Present only when the scenario has `kubectl` steps, so other outputs stay as they were. */
  console?: ConsoleEntry[];
}

export interface ScenarioRun {
  sim: Simulation;
  rejections: Rejection[];
  /** One entry per `kubectl` step, in order; undefined when the scenario has none. */
  console?: ConsoleEntry[];
  /** Daemon pods (uid → name) that existed when the objects had been applied, before any step. */
  podsBeforeSteps: Map<string, string>;
}

function rejection(at: string, err: ApiError): Rejection {
  return {
    at,
    kind: err.kind,
    ...(err.namespace ? { namespace: err.namespace } : {}),
    name: err.name,
    errors: err.causes.length > 0 ? err.causes : [{ field: '', type: 'Invalid value', message: err.message }],
    kubectlMessage: err.kubectlMessage,
  };
}

function stepFailure(step: Step, kind: string, name: string, message: string): Rejection {
  return {
    at: step.at,
    kind,
    name,
    errors: [{ field: '', type: 'Not found', message }],
    kubectlMessage: `error: ${message}`,
  };
}

/** A refused kubectl command (not an API validation error): its message and the line kubectl prints. */
function commandFailure(
  step: Step,
  kind: string,
  namespace: string,
  name: string,
  f: { error: string; kubectlMessage: string },
): Rejection {
  return {
    at: step.at,
    kind,
    namespace,
    name,
    errors: [{ field: '', type: 'Invalid value', message: f.error }],
    kubectlMessage: f.kubectlMessage,
  };
}

export function runScenario(scenario: Scenario): ScenarioRun {
  const sim = createSimulation({ seed: scenario.seed ?? 1 });
  const rejections: Rejection[] = [];
  scenario.objects.forEach((obj, i) => {
    const r = sim.apply(obj as unknown as AnyObject);
    if (!r.ok) rejections.push(rejection(`objects[${i}]`, r.error));
  });
  sim.settle();
  const podsBeforeSteps = new Map<string, string>();
  for (const pod of sim.api.list('Pod')) {
    if (controllerRefOf(pod)?.kind === 'DaemonSet')
      podsBeforeSteps.set(pod.metadata?.uid ?? '', pod.metadata?.name ?? '');
  }
  const consoleEntries: ConsoleEntry[] | undefined = scenario.steps.some((s) => s.type === 'kubectl')
    ? []
    : undefined;
  for (const step of scenario.steps) {
    runStep(sim, step, rejections, consoleEntries);
    sim.settle();
  }
  return { sim, rejections, podsBeforeSteps, ...(consoleEntries ? { console: consoleEntries } : {}) };
}

function runStep(sim: Simulation, step: Step, rejections: Rejection[], entries?: ConsoleEntry[]): void {
  switch (step.type) {
    case 'apply': {
      const r = sim.apply(step.apply as unknown as AnyObject);
      if (!r.ok) rejections.push(rejection(step.at, r.error));
      return;
    }
    case 'delete': {
      const d = step.delete;
      if (!isKind(d.kind)) {
        rejections.push(
          stepFailure(step, d.kind, d.name, `the server doesn't have a resource type "${d.kind}"`),
        );
        return;
      }
      const ns = NAMESPACED[d.kind] ? (d.namespace ?? 'default') : undefined;
      const r = sim.delete(d.kind, ns, d.name, d.cascade);
      if (!r.ok) rejections.push(rejection(step.at, r.error));
      return;
    }
    case 'advance':
      sim.advance(step.advanceSeconds);
      return;
    case 'setPodPhase': {
      const a = step.setPodPhase;
      const pod = sim.setPodPhase(a.daemonSet, a.node, a.phase, a.ready);
      if (!pod)
        rejections.push(stepFailure(step, 'Pod', '', `no pod of DaemonSet ${a.daemonSet} on node ${a.node}`));
      return;
    }
    case 'rolloutUndo': {
      const a = step.rolloutUndo;
      const [ns, name] = a.daemonSet.split('/') as [string, string];
      const r = rolloutUndo(sim, ns, name, a.toRevision);
      if (!r.ok) rejections.push(commandFailure(step, 'DaemonSet', ns, name, r));
      return;
    }
    case 'kubectl': {
      // Like a failed `kubectl apply`, a command that exits non-zero does not stop the scenario:
      // each refusal it printed is recorded in `rejections` (with the API server's field errors when
      // the server refused a write), and its text in `console`.
      const r = execKubectl(sim, step.kubectl);
      entries?.push({ at: step.at, command: step.kubectl, output: r.output, exitCode: r.exitCode });
      for (const f of r.failures) rejections.push({ at: step.at, ...f });
      return;
    }
  }
}

export function runOutput(run: ScenarioRun): RunOutput {
  const out: RunOutput = {
    timeSeconds: run.sim.nowMs() / 1000,
    objects: run.sim.objects(),
    rejections: run.rejections,
  };
  if (run.console) out.console = run.console;
  return out;
}

// ---- expectations ------------------------------------------------------------------------------

/** Returns every unmet expectation, in words. An empty list means the scenario passes. */
export function checkExpectations(scenario: Scenario, run: ScenarioRun): string[] {
  const expect = scenario.expect;
  if (!expect) return [];
  const out: string[] = [];
  const c = new Checker(run, out);
  if (expect.podsByNode) c.podsByNode(expect.podsByNode);
  if (expect.status) c.status(expect.status);
  if (expect.rejected) c.rejected(expect.rejected);
  if (expect.podTolerations) c.podTolerations(expect.podTolerations);
  if (expect.podAffinity) c.podAffinity(expect.podAffinity);
  if (expect.unscheduled) c.unscheduled(expect.unscheduled);
  if (expect.events) c.events(expect.events);
  if (expect.controllerRevisions) c.controllerRevisions(expect.controllerRevisions);
  if (expect.storedObject) c.storedObject(expect.storedObject);
  if (expect.podsPreserved !== undefined) c.podsPreserved(expect.podsPreserved);
  if (expect.absent) c.absent(expect.absent);
  if (expect.podMetadata) c.podMetadata(expect.podMetadata);
  return out;
}

const OMITEMPTY_STATUS = [
  'updatedNumberScheduled',
  'numberAvailable',
  'numberUnavailable',
  'observedGeneration',
  'collisionCount',
];

class Checker {
  private readonly sim: Simulation;
  private readonly placeholders = new Map<string, unknown>();

  constructor(
    private readonly run: ScenarioRun,
    private readonly out: string[],
  ) {
    this.sim = run.sim;
  }

  private ds(ref: string): DaemonSet | undefined {
    return this.sim.daemonSet(ref);
  }

  /** Live (non-terminating) pods controlled by the DaemonSet, by target node. */
  private podsByTarget(ref: string): Map<string, Pod[]> {
    const ds = this.ds(ref);
    const byNode = new Map<string, Pod[]>();
    if (!ds) return byNode;
    for (const pod of this.sim.api.byIndex('Pod', 'controllerUid', ds.metadata?.uid ?? '')) {
      if (pod.metadata?.deletionTimestamp) continue;
      const node = getTargetNodeName(pod) ?? '';
      let list = byNode.get(node);
      if (!list) byNode.set(node, (list = []));
      list.push(pod);
    }
    return byNode;
  }

  private daemonPods(): Pod[] {
    return [...this.sim.api.list('Pod')].filter(
      (p) => controllerRefOf(p)?.kind === 'DaemonSet' && !p.metadata?.deletionTimestamp,
    );
  }

  podsByNode(expected: NonNullable<Expect['podsByNode']>): void {
    for (const [ref, nodes] of Object.entries(expected)) {
      const byNode = this.podsByTarget(ref);
      for (const node of nodes) {
        const n = byNode.get(node)?.length ?? 0;
        if (n !== 1) this.out.push(`podsByNode ${ref}: node ${node} has ${n} pods, expected exactly 1`);
      }
      for (const [node, pods] of byNode) {
        if (!nodes.includes(node))
          this.out.push(
            `podsByNode ${ref}: node ${node || '(none)'} has ${pods.length} pod(s) (${pods.map((p) => p.metadata?.name).join(', ')}), expected none`,
          );
      }
    }
  }

  status(expected: NonNullable<Expect['status']>): void {
    for (const [ref, want] of Object.entries(expected)) {
      const ds = this.ds(ref);
      if (!ds) {
        this.out.push(`status ${ref}: DaemonSet not found`);
        continue;
      }
      const got = (ds.status ?? {}) as Record<string, unknown>;
      for (const [k, v] of Object.entries(want)) {
        const actual = got[k] ?? (OMITEMPTY_STATUS.includes(k) ? 0 : undefined);
        if (canonicalJson(actual) !== canonicalJson(v))
          this.out.push(`status ${ref}: ${k} is ${JSON.stringify(actual)}, expected ${JSON.stringify(v)}`);
      }
    }
  }

  rejected(expected: NonNullable<Expect['rejected']>): void {
    for (const want of expected) {
      const hit = this.run.rejections.find((r) =>
        r.errors.some((e) => e.field === want.field && e.message.includes(want.contains)),
      );
      if (!hit) {
        const seen = this.run.rejections.flatMap((r) => r.errors.map((e) => e.message));
        this.out.push(
          `rejected: no apply was refused with an error on ${want.field} containing ${JSON.stringify(want.contains)}${seen.length ? `; refusals seen: ${seen.map((s) => JSON.stringify(s)).join('; ')}` : '; nothing was refused'}`,
        );
        continue;
      }
      if (want.kubectlMessage !== undefined && hit.kubectlMessage !== want.kubectlMessage) {
        this.out.push(
          `rejected: kubectl would print ${JSON.stringify(hit.kubectlMessage)}, expected ${JSON.stringify(want.kubectlMessage)}`,
        );
      }
    }
  }

  podTolerations(expected: NonNullable<Expect['podTolerations']>): void {
    const pods = this.daemonPods();
    if (pods.length === 0) this.out.push('podTolerations: there are no daemon pods');
    for (const pod of pods) {
      const got = canonicalJson(pod.spec?.tolerations ?? []);
      if (got !== canonicalJson(expected))
        this.out.push(
          `podTolerations: pod ${pod.metadata?.name} has ${got}, expected ${canonicalJson(expected)}`,
        );
    }
  }

  podAffinity(expected: NonNullable<Expect['podAffinity']>): void {
    const pods = this.daemonPods();
    for (const [node, want] of Object.entries(expected)) {
      const pod = pods.find((p) => getTargetNodeName(p) === node);
      if (!pod) {
        this.out.push(`podAffinity: no daemon pod targets node ${node}`);
        continue;
      }
      if (canonicalJson(pod.spec?.affinity) !== canonicalJson(want)) {
        this.out.push(
          `podAffinity ${node}: pod ${pod.metadata?.name} has ${canonicalJson(pod.spec?.affinity)}, expected ${canonicalJson(want)}`,
        );
      }
    }
  }

  unscheduled(expected: NonNullable<Expect['unscheduled']>): void {
    for (const want of expected) {
      const pods = this.podsByTarget(want.daemonSet).get(want.node) ?? [];
      // Beside a surge pod the node also runs the old one: the unscheduled pod is the unbound one.
      const pod = pods.find((p) => !p.spec?.nodeName) ?? pods[0];
      const where = `unscheduled ${want.daemonSet} on ${want.node}`;
      if (!pod) {
        this.out.push(`${where}: no such pod`);
        continue;
      }
      if (want.phase && pod.status?.phase !== want.phase)
        this.out.push(`${where}: phase is ${pod.status?.phase}, expected ${want.phase}`);
      const cond = pod.status?.conditions?.find((c) => c.type === (want.condition?.type ?? 'PodScheduled'));
      if (want.condition) {
        for (const [k, v] of Object.entries(want.condition)) {
          const actual = (cond as Record<string, unknown> | undefined)?.[k];
          if (actual !== v)
            this.out.push(
              `${where}: condition ${k} is ${JSON.stringify(actual)}, expected ${JSON.stringify(v)}`,
            );
        }
      }
      if (want.message !== undefined) {
        if (cond?.message !== want.message)
          this.out.push(
            `${where}: message is ${JSON.stringify(cond?.message)}, expected ${JSON.stringify(want.message)}`,
          );
        const ev = [...this.sim.api.list('Event')].find(
          (e) =>
            e.reason === 'FailedScheduling' &&
            e.involvedObject.uid === pod.metadata?.uid &&
            e.message === want.message,
        );
        if (!ev) this.out.push(`${where}: no FailedScheduling event with that message`);
      }
    }
  }

  events(expected: NonNullable<Expect['events']>): void {
    const all = [...this.sim.api.list('Event')];
    for (const want of expected) {
      const re = want.messagePattern !== undefined ? scenarioRegExp(want.messagePattern) : undefined;
      const matching = all.filter((e) => eventMatches(e, want.object, want.type, want.reason, re));
      const total = matching.reduce((n, e) => n + eventCount(e), 0);
      const desc = [want.object, want.type, want.reason, want.messagePattern && `/${want.messagePattern}/`]
        .filter(Boolean)
        .join(' ');
      if (want.count !== undefined && total !== want.count)
        this.out.push(`events ${desc}: happened ${total} time(s), expected ${want.count}`);
      else if (want.countAtLeast !== undefined && total < want.countAtLeast)
        this.out.push(`events ${desc}: happened ${total} time(s), expected at least ${want.countAtLeast}`);
      else if (want.count === undefined && want.countAtLeast === undefined && total === 0)
        this.out.push(`events ${desc}: no such event`);
    }
  }

  controllerRevisions(expected: NonNullable<Expect['controllerRevisions']>): void {
    for (const [ref, want] of Object.entries(expected)) {
      const ds = this.ds(ref);
      const owned = ds
        ? [...this.sim.api.byIndex('ControllerRevision', 'ownerUid', ds.metadata?.uid ?? '')]
        : [];
      if (want.count !== undefined && owned.length !== want.count)
        this.out.push(`controllerRevisions ${ref}: ${owned.length} revision(s), expected ${want.count}`);
      if (want.revisions) {
        const got = owned.map((r) => r.revision).sort((a, b) => a - b);
        const exp = [...want.revisions].sort((a, b) => a - b);
        if (canonicalJson(got) !== canonicalJson(exp))
          this.out.push(
            `controllerRevisions ${ref}: revisions ${JSON.stringify(got)}, expected ${JSON.stringify(exp)}`,
          );
      }
    }
  }

  storedObject(expected: NonNullable<Expect['storedObject']>): void {
    for (const [ref, want] of Object.entries(expected)) {
      const [a, b] = ref.split('/');
      const obj = b === undefined ? this.findByName(undefined, a!) : this.findByName(a, b);
      if (!obj) {
        this.out.push(`storedObject ${ref}: not found`);
        continue;
      }
      this.subset(`storedObject ${ref}`, obj, want);
    }
  }

  private findByName(ns: string | undefined, name: string): AnyObject | undefined {
    for (const kind of ['DaemonSet', ...KINDS.filter((k) => k !== 'DaemonSet')] as Kind[]) {
      const o = this.sim.api.get(kind, NAMESPACED[kind] ? ns : undefined, name);
      if (o) return o;
    }
    return undefined;
  }

  podsPreserved(want: boolean): void {
    const before = this.run.podsBeforeSteps;
    if (before.size === 0) {
      this.out.push('podsPreserved: no daemon pods existed before the steps');
      return;
    }
    let kept = 0;
    for (const [uid, name] of before) {
      const pod = this.findPod(name);
      if (pod && pod.metadata?.uid === uid && !pod.metadata.deletionTimestamp) kept++;
    }
    if (want && kept !== before.size)
      this.out.push(
        `podsPreserved: ${before.size - kept} of ${before.size} original daemon pods were replaced, expected all kept`,
      );
    if (!want && kept !== 0)
      this.out.push(
        `podsPreserved: ${kept} of ${before.size} original daemon pods are still there, expected none`,
      );
  }

  private findPod(name: string): Pod | undefined {
    for (const p of this.sim.api.list('Pod')) if (p.metadata?.name === name) return p;
    return undefined;
  }

  absent(expected: NonNullable<Expect['absent']>): void {
    for (const want of expected) {
      if (!isKind(want.kind)) continue;
      const ns = NAMESPACED[want.kind] ? (want.namespace ?? 'default') : undefined;
      for (const o of this.sim.api.list(want.kind)) {
        if (ns !== undefined && o.metadata?.namespace !== ns) continue;
        const name = o.metadata?.name ?? '';
        const hit = 'name' in want ? name === want.name : name.startsWith(want.namePrefix);
        if (hit) this.out.push(`absent: ${want.kind} ${ns ? ns + '/' : ''}${name} exists`);
      }
    }
  }

  podMetadata(expected: NonNullable<Expect['podMetadata']>): void {
    for (const [ref, want] of Object.entries(expected.byDaemonSet ?? {})) {
      const ds = this.ds(ref);
      const pods = ds ? [...this.sim.api.byIndex('Pod', 'controllerUid', ds.metadata?.uid ?? '')] : [];
      if (pods.length === 0) this.out.push(`podMetadata ${ref}: the DaemonSet has no pods`);
      for (const pod of pods) this.podMeta(`podMetadata ${ref} pod ${pod.metadata?.name}`, pod, want, ds);
    }
    for (const [ref, want] of Object.entries(expected.pods ?? {})) {
      const [ns, name] = ref.split('/') as [string, string];
      const pod = this.sim.api.get('Pod', ns, name);
      if (!pod) {
        this.out.push(`podMetadata ${ref}: pod not found`);
        continue;
      }
      this.podMeta(`podMetadata ${ref}`, pod, want, undefined);
    }
  }

  private podMeta(where: string, pod: Pod, want: PodMetadataExpectation, ds: DaemonSet | undefined): void {
    const meta = pod.metadata ?? {};
    if (want.generateName !== undefined && meta.generateName !== want.generateName)
      this.out.push(
        `${where}: generateName is ${JSON.stringify(meta.generateName)}, expected ${JSON.stringify(want.generateName)}`,
      );
    if (want.namePattern !== undefined && !scenarioRegExp(want.namePattern).test(meta.name ?? ''))
      this.out.push(`${where}: name does not match /${want.namePattern}/`);
    if (
      want.hashPattern !== undefined &&
      !scenarioRegExp(want.hashPattern).test(meta.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '')
    ) {
      this.out.push(
        `${where}: ${CONTROLLER_REVISION_HASH_LABEL} ${JSON.stringify(meta.labels?.[CONTROLLER_REVISION_HASH_LABEL])} does not match /${want.hashPattern}/`,
      );
    }
    if (want.labels) this.subset(`${where} labels`, meta.labels ?? {}, want.labels as JsonValue);
    if (want.annotations)
      this.subset(`${where} annotations`, meta.annotations ?? {}, want.annotations as JsonValue);
    if (want.ownerReferences)
      this.subset(`${where} ownerReferences`, meta.ownerReferences ?? [], want.ownerReferences as JsonValue);
    if (want.annotationsFromTemplateOnly) {
      const template = ds?.spec?.template?.metadata?.annotations ?? {};
      if (canonicalJson(meta.annotations ?? {}) !== canonicalJson(template))
        this.out.push(
          `${where}: annotations ${canonicalJson(meta.annotations ?? {})} are not the template's ${canonicalJson(template)}`,
        );
    }
  }

  /** `want` must be contained in `got`; `<placeholders>` bind on first sight. */
  private subset(where: string, got: unknown, want: JsonValue | unknown): void {
    if (typeof want === 'string' && /^<[^>]+>$/.test(want)) {
      if (got === undefined) {
        this.out.push(`${where}: missing (expected ${want})`);
        return;
      }
      if (!this.placeholders.has(want)) this.placeholders.set(want, got);
      else if (canonicalJson(this.placeholders.get(want)) !== canonicalJson(got)) {
        this.out.push(
          `${where}: ${JSON.stringify(got)} differs from ${want} seen before as ${JSON.stringify(this.placeholders.get(want))}`,
        );
      }
      return;
    }
    if (Array.isArray(want)) {
      if (!Array.isArray(got) || got.length !== want.length) {
        this.out.push(
          `${where}: ${canonicalJson(got)}, expected ${want.length} item(s) like ${canonicalJson(want)}`,
        );
        return;
      }
      want.forEach((w, i) => this.subset(`${where}[${i}]`, got[i], w));
      return;
    }
    if (want !== null && typeof want === 'object') {
      if (got === null || typeof got !== 'object') {
        this.out.push(`${where}: ${canonicalJson(got)}, expected an object like ${canonicalJson(want)}`);
        return;
      }
      for (const [k, v] of Object.entries(want))
        this.subset(`${where}.${k}`, (got as Record<string, unknown>)[k], v);
      return;
    }
    if (got !== want) this.out.push(`${where}: ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  }
}

function eventMatches(
  e: Event,
  object: string | undefined,
  type: string | undefined,
  reason: string | undefined,
  re: RegExp | undefined,
): boolean {
  if (type !== undefined && e.type !== type) return false;
  if (reason !== undefined && e.reason !== reason) return false;
  if (re && !re.test(e.message ?? '')) return false;
  if (object !== undefined) {
    const io = e.involvedObject;
    const desc = io.namespace ? `${io.kind} ${io.namespace}/${io.name}` : `${io.kind} ${io.name}`;
    if (desc !== object) return false;
  }
  return true;
}

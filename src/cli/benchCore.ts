// The simulation benchmark's measurements, runnable in Node (`npm run bench`) and in a browser
// (`npm run bench -- --runtime chromium`): the clock, CPU time, heap and GC come from the host.
// Wall-clock timing lives here and in the host, never inside src/sim.
import type { AnyObject, DaemonSet, Node } from '../sim/api/types.ts';
import { ApiServer } from '../sim/cluster/apiServer.ts';
import { VirtualClock } from '../sim/engine/clock.ts';
import { Rng } from '../sim/engine/rng.ts';
import { createSimulation, type Simulation } from '../sim/engine/simulation.ts';

const DAEMONSETS = 10;
const ZONES = ['zone-a', 'zone-b', 'zone-c'];
/** One-node changes: this many run first, unmeasured; then the median of MEASURED changes. */
const WARMUP = 3;
const MEASURED = 15;
/** (a) and (d) are each run this many times; the median is reported. */
const REPEATS = 3;

/** What the measuring needs from the runtime it runs in. */
export interface BenchHost {
  now(): number;
  /** CPU time used so far (user + system, all threads), in ms; undefined where unknown. */
  cpuMs(): number | undefined;
  /** Heap in use, in MB. */
  heapMB(): number;
  /** A full garbage collection (a no-op where the runtime does not offer one). */
  gc(): void;
}

let host: BenchHost;

export interface BenchResult {
  nodes: number;
  daemonSets: number;
  pods: number;
  convergeMs: number;
  /** CPU time (user + system, all threads including the GC's) of the convergence; null where the
   * runtime cannot tell (a browser). */
  convergeCpuMs: number | null;
  labelChangeMs: number;
  addNodeMs: number;
  floorMs: number;
  ratio: number;
  heapMB: number;
  /** Heap the converged simulation holds: heap used after a full GC, less the heap before it. */
  retainedMB: number;
}

function node(i: number): Node {
  const labels: Record<string, string> = {
    'topology.kubernetes.io/zone': ZONES[i % ZONES.length]!,
    'node.kubernetes.io/instance-type': i % 4 === 0 ? 'gpu' : 'standard',
  };
  if (i % 2 === 0) labels.disk = 'ssd';
  const spec: Node['spec'] = {};
  if (i % 10 === 0) spec.taints = [{ key: 'dedicated', value: 'infra', effect: 'NoSchedule' }];
  if (i % 25 === 0) spec.taints = [...(spec.taints ?? []), { key: 'gpu', effect: 'NoExecute' }];
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: `node-${String(i).padStart(5, '0')}`, labels },
    spec,
  };
}

/** Ten DaemonSets with mixed selectors and tolerations, so some nodes are excluded from each. */
function daemonSet(d: number): DaemonSet {
  const name = `agent-${d}`;
  const spec: NonNullable<DaemonSet['spec']>['template']['spec'] = {
    containers: [{ name: 'agent', image: `registry.k8s.io/agent-${d}:1.0` }],
  };
  if (d % 3 === 1) spec.nodeSelector = { disk: 'ssd' };
  if (d % 3 === 2) {
    spec.affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            {
              matchExpressions: [
                { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['zone-a', 'zone-b'] },
              ],
            },
          ],
        },
      },
    };
  }
  if (d % 2 === 0) spec.tolerations = [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }];
  if (d === 0) spec.tolerations = [{ operator: 'Exists' }];
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec },
    },
  };
}

function converged(sim: Simulation): boolean {
  for (const ds of sim.api.list('DaemonSet')) {
    const s = ds.status;
    if (!s || (s.observedGeneration ?? 0) < (ds.metadata?.generation ?? 0)) return false;
    if (s.numberReady !== s.desiredNumberScheduled || s.currentNumberScheduled !== s.desiredNumberScheduled)
      return false;
    if ((s.numberMisscheduled ?? 0) !== 0 || (s.updatedNumberScheduled ?? 0) !== s.desiredNumberScheduled)
      return false;
  }
  return true;
}

/** Advance virtual time in small steps until every DaemonSet is fully rolled out and nothing is pending. */
function runToConvergence(sim: Simulation): void {
  for (let i = 0; i < 10_000; i++) {
    if (!sim.stepToNext() && converged(sim)) return;
    if (converged(sim) && sim.clock.nextDue() === undefined) return;
  }
  throw new Error('did not converge');
}

function heapMB(): number {
  return host.heapMB();
}

function gc(): void {
  host.gc();
}

function cpuSince(start: number | undefined): number | undefined {
  const end = host.cpuMs();
  return start === undefined || end === undefined ? undefined : end - start;
}

/** (a): a fresh simulation, everything applied, run until every pod is Running and Ready. */
function converge(n: number): { sim: Simulation; ms: number; cpuMs: number | undefined } {
  const objects: AnyObject[] = [];
  for (let i = 0; i < n; i++) objects.push(node(i));
  for (let d = 0; d < DAEMONSETS; d++) objects.push(daemonSet(d));
  gc();
  const sim = createSimulation({ seed: 1 });
  const cpu0 = host.cpuMs();
  const t0 = host.now();
  for (const o of objects) sim.apply(o);
  runToConvergence(sim);
  const ms = host.now() - t0;
  return { sim, ms, cpuMs: cpuSince(cpu0) };
}

/** `converge`, keeping only the timings (the simulation is garbage once this returns). */
function convergeAndDrop(n: number, sample: () => void): { ms: number; cpuMs: number | undefined } {
  const { ms, cpuMs } = converge(n);
  sample();
  return { ms, cpuMs };
}

function benchSize(n: number): BenchResult {
  gc();
  const before = heapMB();
  let peak = before;
  const sample = () => (peak = Math.max(peak, heapMB()));

  // (a) REPEATS convergences from scratch; the median is reported (one run on a shared machine
  // can be off by 10-20% either way). The last simulation is kept for (b) and (c).
  // Only the last run's simulation outlives its run: each one is built with no other in memory.
  const runs: Array<{ ms: number; cpuMs: number | undefined }> = [];
  for (let r = 0; r < REPEATS - 1; r++) runs.push(convergeAndDrop(n, sample));
  const last = converge(n);
  sample();
  const sim = last.sim;
  runs.push({ ms: last.ms, cpuMs: last.cpuMs });
  gc();
  const retainedMB = heapMB() - before;
  const typical = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)]!;
  const convergeMs = typical.ms;
  const convergeCpuMs = typical.cpuMs;
  let pods = 0;
  for (const p of sim.api.list('Pod')) {
    if (p.status?.phase !== 'Running') throw new Error(`pod ${p.metadata?.name} is ${p.status?.phase}`);
    pods++;
  }

  // (b) one node's labels change: it gains disk=ssd (three DaemonSets add a pod) and, unless it is
  // there already, moves to zone-c (three remove one). Each change is a different odd-numbered node;
  // the first WARMUP changes are run but not measured (they re-optimise code paths the convergence
  // did not use), then the median of MEASURED changes, each after a full GC.
  const labelChanges: number[] = [];
  for (let c = 0; c < WARMUP + MEASURED; c++) {
    const target = sim.api.get('Node', undefined, node(2 * c + 1).metadata!.name!)!;
    const relabelled: Node = {
      ...target,
      metadata: {
        ...target.metadata,
        labels: { ...target.metadata?.labels, disk: 'ssd', 'topology.kubernetes.io/zone': 'zone-c' },
      },
    };
    gc();
    const t = host.now();
    sim.apply(relabelled);
    runToConvergence(sim);
    if (c >= WARMUP) labelChanges.push(host.now() - t);
  }
  const labelChangeMs = median(labelChanges);

  // (c) one node is added (a new one each time): WARMUP unmeasured, then the median of MEASURED.
  const adds: number[] = [];
  for (let k = 0; k < WARMUP + MEASURED; k++) {
    gc();
    const t = host.now();
    sim.apply(node(n + k));
    runToConvergence(sim);
    if (k >= WARMUP) adds.push(host.now() - t);
  }
  const addNodeMs = median(adds);
  sample();

  // (d) floor: build and store the same number of pod objects through the API server, with no
  // controller, scheduler or kubelet; the median of REPEATS, each after a full GC.
  const floors: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    gc();
    floors.push(floor(pods));
    sample();
  }
  const floorMs = median(floors);
  return {
    nodes: n,
    daemonSets: DAEMONSETS,
    pods,
    convergeMs: round(convergeMs),
    convergeCpuMs: convergeCpuMs === undefined ? null : round(convergeCpuMs),
    labelChangeMs: round(labelChangeMs),
    addNodeMs: round(addNodeMs),
    floorMs: round(floorMs),
    ratio: round(convergeMs / floorMs),
    heapMB: round(peak),
    retainedMB: round(retainedMB),
  };
}

/**
 * The floor: build the same number of pod objects (the template plus each pod's own node affinity,
 * as the controller builds them) and store them — name and uid generation, resourceVersion, indexes,
 * a queued watch event — with no defaulting, validation, admission or controller logic.
 */
function floor(count: number): number {
  const clock = new VirtualClock();
  const api = new ApiServer(clock, new Rng(1));
  api.addIndex('Pod', 'nodeName', (p) => (p.spec?.nodeName ? [p.spec.nodeName] : []));
  api.addIndex('Pod', 'controllerUid', (p) => p.metadata?.ownerReferences?.map((r) => r.uid) ?? []);
  const template = api.prepareCreate<'Pod'>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { generateName: 'agent-', namespace: 'kube-system', labels: { app: 'agent' } },
    spec: { containers: [{ name: 'agent', image: 'registry.k8s.io/agent:1.0' }] },
  });
  if (!template.ok) throw new Error(template.error.message);
  const base = template.object;
  const t0 = host.now();
  for (let i = 0; i < count; i++) {
    const node = `node-${i}`;
    const affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }],
        },
      },
    };
    api.insertPrepared<'Pod'>({ ...base, spec: { ...base.spec!, affinity } });
  }
  api.deliverWatchEvents();
  return host.now() - t0;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The whole benchmark: a small warm-up run (the JIT compiles the hot paths), then each size. */
export function runBench(sizes: readonly number[], h: BenchHost): BenchResult[] {
  host = h;
  benchSize(50);
  return sizes.map(benchSize);
}

export const BENCH_NOTES = { WARMUP, MEASURED, REPEATS };

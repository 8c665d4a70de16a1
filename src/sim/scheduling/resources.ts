// Pod requests, node allocatable and the NodeResourcesFit check (rule book N6), ported from
// component-helpers `resource/helpers.go` (PodRequests / AggregateContainerRequests),
// pkg/scheduler/framework types (Resource.SetMaxResource, IsScalarResourceName) and
// pkg/scheduler/framework/plugins/noderesources/fit.go (fitsRequest).

import type { Container, Node, Pod, PodSpec } from '../api/types.ts';
import { isQualifiedName } from './labels.ts';
import { nanosToMilli, nanosToValue, quantityNanos, toValue } from './quantity.ts';

/** Requests in scheduler units (upstream `framework.Resource`). */
export interface ResourceList {
  /** millicores */
  milliCpu: number;
  /** bytes */
  memory: number;
  /** bytes */
  ephemeralStorage: number;
  /** extended resources, hugepages-*, attachable-volumes-*, kubernetes.io/ prefixed (whole units) */
  scalar: Record<string, number>;
}

export interface NodeAllocatable extends ResourceList {
  /** `allocatable.pods` */
  pods: number;
}

export const RESOURCE_CPU = 'cpu';
export const RESOURCE_MEMORY = 'memory';
export const RESOURCE_EPHEMERAL_STORAGE = 'ephemeral-storage';
export const RESOURCE_PODS = 'pods';

type QuantityMap = Readonly<Record<string, string | number>>;

/** V1H `IsNativeResource`: no domain, or in the kubernetes.io domain. */
function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** V1H `IsExtendedResourceName`. */
export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}

/** Scheduler `IsScalarResourceName`: extended, hugepages-*, prefixed native, attachable-volumes-*. */
export function isScalarResourceName(name: string): boolean {
  return (
    isExtendedResourceName(name) ||
    name.startsWith('hugepages-') ||
    name.includes('kubernetes.io/') ||
    name.startsWith('attachable-volumes-')
  );
}

// Exact accumulation in nano-units, like upstream's Quantity arithmetic.
type NanoList = Map<string, bigint>;

function addInto(target: NanoList, rl: QuantityMap | undefined): void {
  if (rl === undefined) return;
  for (const name of Object.keys(rl)) {
    const q = rl[name];
    const n = q === undefined ? undefined : quantityNanos(q);
    if (n === undefined) continue; // unparsable: the API server would have rejected it
    target.set(name, (target.get(name) ?? 0n) + n);
  }
}

function maxInto(target: NanoList, other: NanoList): void {
  for (const [name, v] of other) {
    const cur = target.get(name);
    if (cur === undefined || v > cur) target.set(name, v);
  }
}

/**
 * A container's effective requests: `resources.requests`, with `resources.limits` filling in the
 * missing keys (core/v1 `SetDefaults_Pod`, which the API server applies to every created pod).
 */
function containerRequests(c: Container): QuantityMap | undefined {
  const req = c.resources?.requests;
  const lim = c.resources?.limits;
  if (lim === undefined) return req;
  if (req === undefined) return lim;
  let merged: Record<string, string> | undefined;
  for (const k of Object.keys(lim)) {
    if (!Object.hasOwn(req, k)) {
      merged ??= { ...req };
      merged[k] = lim[k] ?? '';
    }
  }
  return merged ?? req;
}

function toResourceList(nanos: NanoList): ResourceList {
  const out: ResourceList = { milliCpu: 0, memory: 0, ephemeralStorage: 0, scalar: {} };
  for (const [name, v] of nanos) {
    switch (name) {
      case RESOURCE_CPU:
        out.milliCpu = nanosToMilli(v);
        break;
      case RESOURCE_MEMORY:
        out.memory = nanosToValue(v);
        break;
      case RESOURCE_EPHEMERAL_STORAGE:
        out.ephemeralStorage = nanosToValue(v);
        break;
      case RESOURCE_PODS:
        break;
      default:
        if (isScalarResourceName(name)) out.scalar[name] = nanosToValue(v);
    }
  }
  return out;
}

/**
 * Requests of a pod spec (N6): the sum of the regular containers, raised to the peak of the init
 * phase, plus `overhead`. Sidecars (init containers with `restartPolicy: Always`) follow the KEP-753
 * formula upstream uses: they add to the sum and to every later init container's peak. Without
 * sidecars this is exactly "max(sum of containers, each init container) + overhead".
 * Pod-level `spec.resources` (PodLevelResources) is not modelled.
 */
export function podSpecRequests(spec: PodSpec | undefined): ResourceList {
  // Pods of one template share their containers array (writes copy the spec shallowly), so the
  // common case — containers only — is computed once per array. The result is frozen: callers read.
  if (
    spec !== undefined &&
    spec.initContainers === undefined &&
    spec.overhead === undefined &&
    spec.containers
  ) {
    let r = CONTAINER_REQUESTS.get(spec.containers);
    if (r === undefined) {
      r = computePodSpecRequests(spec);
      Object.freeze(r.scalar);
      CONTAINER_REQUESTS.set(spec.containers, Object.freeze(r));
    }
    return r;
  }
  return computePodSpecRequests(spec);
}

const CONTAINER_REQUESTS = new WeakMap<readonly Container[], ResourceList>();

function computePodSpecRequests(spec: PodSpec | undefined): ResourceList {
  const sum: NanoList = new Map();
  if (spec === undefined) return toResourceList(sum);
  for (const c of spec.containers ?? []) addInto(sum, containerRequests(c));
  const sidecars: NanoList = new Map();
  const initPeak: NanoList = new Map();
  for (const c of spec.initContainers ?? []) {
    const reqs = containerRequests(c);
    if (c.restartPolicy === 'Always') {
      addInto(sum, reqs);
      addInto(sidecars, reqs);
      maxInto(initPeak, sidecars);
    } else {
      const combined: NanoList = new Map(sidecars);
      addInto(combined, reqs);
      maxInto(initPeak, combined);
    }
  }
  maxInto(sum, initPeak);
  addInto(sum, spec.overhead);
  return toResourceList(sum);
}

/** `podSpecRequests(pod.spec)`: what NodeResourcesFit counts for the pod (N6). */
export function podRequests(pod: Pod): ResourceList {
  return podSpecRequests(pod.spec);
}

/**
 * A node's allocatable resources as the scheduler sees them (`NodeInfo.SetNode`), falling back to
 * `capacity` when `allocatable` is absent (core/v1 `SetDefaults_NodeStatus`).
 */
export function nodeAllocatable(node: Node): NodeAllocatable {
  const status = node.status;
  const rl: QuantityMap | undefined = status?.allocatable ?? status?.capacity;
  if (rl === undefined) return computeAllocatable({});
  // A node's status map is shared by its versions until it changes: parsed once per map. Frozen,
  // since every caller gets the same object.
  let a = ALLOCATABLE.get(rl);
  if (a === undefined) {
    a = computeAllocatable(rl);
    Object.freeze(a.scalar);
    ALLOCATABLE.set(rl, Object.freeze(a));
  }
  return a;
}

const ALLOCATABLE = new WeakMap<QuantityMap, NodeAllocatable>();

function computeAllocatable(rl: QuantityMap): NodeAllocatable {
  const nanos: NanoList = new Map();
  addInto(nanos, rl);
  const base = toResourceList(nanos);
  const podsQ = rl[RESOURCE_PODS];
  return {
    milliCpu: base.milliCpu,
    memory: base.memory,
    ephemeralStorage: base.ephemeralStorage,
    scalar: base.scalar,
    pods: podsQ === undefined ? 0 : (toValue(podsQ) ?? 0),
  };
}

export function emptyRequests(): ResourceList {
  return { milliCpu: 0, memory: 0, ephemeralStorage: 0, scalar: {} };
}

function combine(a: ResourceList, b: ResourceList, sign: 1 | -1): ResourceList {
  const scalar: Record<string, number> = { ...a.scalar };
  for (const k of Object.keys(b.scalar)) scalar[k] = (scalar[k] ?? 0) + sign * (b.scalar[k] ?? 0);
  return {
    milliCpu: a.milliCpu + sign * b.milliCpu,
    memory: a.memory + sign * b.memory,
    ephemeralStorage: a.ephemeralStorage + sign * b.ephemeralStorage,
    scalar,
  };
}

/** a + b (new object). */
export function addRequests(a: ResourceList, b: ResourceList): ResourceList {
  return combine(a, b, 1);
}

/** a − b (new object). */
export function subtractRequests(a: ResourceList, b: ResourceList): ResourceList {
  return combine(a, b, -1);
}

/**
 * Accumulator variants for incremental per-node accounting: they MUTATE `acc` (which the caller
 * owns) and return it; `delta` is not modified.
 */
export function addRequestsInPlace(acc: ResourceList, delta: ResourceList): ResourceList {
  acc.milliCpu += delta.milliCpu;
  acc.memory += delta.memory;
  acc.ephemeralStorage += delta.ephemeralStorage;
  for (const k of Object.keys(delta.scalar)) acc.scalar[k] = (acc.scalar[k] ?? 0) + (delta.scalar[k] ?? 0);
  return acc;
}
export function subtractRequestsInPlace(acc: ResourceList, delta: ResourceList): ResourceList {
  acc.milliCpu -= delta.milliCpu;
  acc.memory -= delta.memory;
  acc.ephemeralStorage -= delta.ephemeralStorage;
  for (const k of Object.keys(delta.scalar)) acc.scalar[k] = (acc.scalar[k] ?? 0) - (delta.scalar[k] ?? 0);
  return acc;
}

/** One resource check of NodeResourcesFit (upstream `InsufficientResource`, plus passing checks). */
export interface ResourceCheck {
  resource: string;
  /** `Too many pods`, `Insufficient cpu`, … (upstream reason wording). */
  reason: string;
  requested: number;
  used: number;
  capacity: number;
  ok: boolean;
}

/** THE per-resource rule (upstream: insufficient when `requested > capacity - used`). */
export function fitsResource(requested: number, used: number, capacity: number): boolean {
  return requested <= capacity - used;
}

function check(
  resource: string,
  reason: string,
  requested: number,
  used: number,
  capacity: number,
): ResourceCheck {
  return { resource, reason, requested, used, capacity, ok: fitsResource(requested, used, capacity) };
}

const NO_REASONS: readonly string[] = Object.freeze([]);

function isEmptyRecord(r: Record<string, number>): boolean {
  for (const _k in r) return false;
  return true;
}

/**
 * Every check NodeResourcesFit performs, in upstream order: pods first, then (only when the pod
 * requests anything) cpu, memory, ephemeral-storage and scalar resources (sorted by name —
 * upstream iterates a Go map), each only when its request is non-zero.
 */
export function explainFitsRequest(
  podReq: ResourceList,
  allocatable: NodeAllocatable,
  usedByPodsOnNode: ResourceList,
  podCountOnNode: number,
): ResourceCheck[] {
  const out: ResourceCheck[] = [check(RESOURCE_PODS, 'Too many pods', 1, podCountOnNode, allocatable.pods)];
  const scalarNames = Object.keys(podReq.scalar);
  if (
    podReq.milliCpu === 0 &&
    podReq.memory === 0 &&
    podReq.ephemeralStorage === 0 &&
    scalarNames.length === 0
  )
    return out;
  if (podReq.milliCpu > 0)
    out.push(
      check(
        RESOURCE_CPU,
        'Insufficient cpu',
        podReq.milliCpu,
        usedByPodsOnNode.milliCpu,
        allocatable.milliCpu,
      ),
    );
  if (podReq.memory > 0)
    out.push(
      check(
        RESOURCE_MEMORY,
        'Insufficient memory',
        podReq.memory,
        usedByPodsOnNode.memory,
        allocatable.memory,
      ),
    );
  if (podReq.ephemeralStorage > 0)
    out.push(
      check(
        RESOURCE_EPHEMERAL_STORAGE,
        'Insufficient ephemeral-storage',
        podReq.ephemeralStorage,
        usedByPodsOnNode.ephemeralStorage,
        allocatable.ephemeralStorage,
      ),
    );
  for (const name of scalarNames.sort()) {
    const q = podReq.scalar[name] ?? 0;
    if (q === 0) continue;
    out.push(
      check(
        name,
        `Insufficient ${name}`,
        q,
        usedByPodsOnNode.scalar[name] ?? 0,
        allocatable.scalar[name] ?? 0,
      ),
    );
  }
  return out;
}

/**
 * Upstream `fitsRequest` (N6): the failure reasons, in upstream order and wording; empty when the
 * pod fits. `usedByPodsOnNode` is the sum of the requests of the pods already assigned to the node
 * (terminating ones included) and `podCountOnNode` their number.
 */
export function fitsRequest(
  podReq: ResourceList,
  allocatable: NodeAllocatable,
  usedByPodsOnNode: ResourceList,
  podCountOnNode: number,
): readonly string[] {
  // Fast path for the common case (no allocation): when every resource fits — zero requests
  // included — none of the checks below can fail.
  if (
    fitsResource(1, podCountOnNode, allocatable.pods) &&
    fitsResource(podReq.milliCpu, usedByPodsOnNode.milliCpu, allocatable.milliCpu) &&
    fitsResource(podReq.memory, usedByPodsOnNode.memory, allocatable.memory) &&
    fitsResource(podReq.ephemeralStorage, usedByPodsOnNode.ephemeralStorage, allocatable.ephemeralStorage) &&
    isEmptyRecord(podReq.scalar)
  )
    return NO_REASONS;
  const failed = explainFitsRequest(podReq, allocatable, usedByPodsOnNode, podCountOnNode).filter(
    (c) => !c.ok,
  );
  return failed.length === 0 ? NO_REASONS : failed.map((c) => c.reason);
}

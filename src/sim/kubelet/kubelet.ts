// One simulated kubelet per node, all run by one component: it admits pods bound to its node,
// reports ContainerCreating, then Running and Ready after a short start-up delay, and finishes
// graceful deletions. A node whose Ready condition is Unknown has a silent kubelet: nothing moves.

import type { Node, Pod, PodCondition, PodStatus } from '../api/types.ts';
import type { ApiServer, WatchEvent } from '../cluster/apiServer.ts';
import { keyOf, merge } from '../cluster/objects.ts';
import type { Rng } from '../engine/rng.ts';
import { EventRecorder } from '../controller/events.ts';
import { WorkQueue } from '../controller/workqueue.ts';
import {
  fitsRequest,
  nodeAllocatable,
  podRequests,
  addRequestsInPlace,
  type ResourceList,
} from '../scheduling/resources.ts';
import { setCondition } from '../scheduler/scheduler.ts';

type ContainerState = NonNullable<NonNullable<PodStatus['containerStatuses']>[number]['state']>;

const ACTOR = { actor: 'kubelet' };
/**
 * A kubelet's pod worker picks a newly bound pod up this long after the binding (admission, then
 * ContainerCreating). It also paces what follows a rejection: a DaemonSet whose pods the kubelet
 * keeps rejecting churns at this rate, as in a real cluster, instead of within one instant.
 */
export const PICKUP_DELAY_MS = 500;
/**
 * Containers start 2 s after admission (image already present, as for pause). The same for every
 * pod: pods created together turn Ready in the same second, which is what upstream's timing around
 * minReadySeconds assumes (a DaemonSet is requeued minReadySeconds after its first pod turns Ready,
 * and client-go's delaying queue keeps only the earliest pending time; conformance scenario 64).
 */
export const START_DELAY_MS = 2000;
/** The simulated containers exit this long after SIGTERM (or at the grace period, if shorter). */
export const STOP_DELAY_MS = 1000;

export function nodeReadyStatus(node: Node | undefined): string | undefined {
  const conditions = node?.status?.conditions;
  if (conditions === undefined || conditions === null) return undefined;
  for (const c of conditions) if (c.type === 'Ready') return c.status;
  return undefined;
}

/** Names of the pod's containers that are running, in spec order. */
function runningContainers(pod: Pod): string[] {
  const statuses = pod.status?.containerStatuses ?? [];
  const out: string[] = [];
  for (const c of pod.spec?.containers ?? []) {
    if (statuses.some((cs) => cs.name === c.name && cs.state?.running)) out.push(c.name);
  }
  return out;
}

export class Kubelets {
  readonly name = 'kubelet';
  readonly queue: WorkQueue;
  private readonly recorders = new Map<string, EventRecorder>();
  private readonly startAt = new Map<string, number>();
  /** Pods being stopped (uid): when their containers will have exited. */
  private readonly stopAt = new Map<string, number>();
  /**
   * Pods removed from the API server at once (a force delete) while their containers ran, by store
   * key: the kubelet still stops those containers, at the next sync of the key (or, on a silent
   * node, once it is back).
   */
  private readonly removed = new Map<string, Pod>();
  private podIpSeq = 0;
  /**
   * Status parts that are the same for every pod a sync writes at one instant (the condition lists,
   * a container's state, a node's hostIPs) are shared between pods instead of copied into each:
   * stored objects are immutable, so sharing is invisible, and it keeps what the run retains small.
   * Each memo holds only its last input; `hostIPs` holds one list per node address.
   */
  private admitMemo = {
    from: undefined as PodCondition[] | undefined,
    now: '',
    unready: '',
    to: [] as PodCondition[],
  };
  private startMemo = { from: undefined as PodCondition[] | undefined, now: '', to: [] as PodCondition[] };
  private runningMemo = { now: '', state: undefined as unknown as ContainerState };
  private readonly hostIPs = new Map<string, Array<{ ip: string }>>();

  constructor(
    private readonly api: ApiServer,
    private readonly rng: Rng,
  ) {
    this.queue = new WorkQueue(api.clock, 'kubelet');
    api.watch('Pod', (e) => this.onPod(e));
    api.watch('Node', (e) => this.onNode(e));
  }

  private recorder(node: string): EventRecorder {
    let r = this.recorders.get(node);
    if (!r) this.recorders.set(node, (r = new EventRecorder(this.api, 'kubelet', node)));
    return r;
  }

  private onPod(e: WatchEvent<'Pod'>): void {
    if (e.type === 'DELETED') {
      const uid = e.object.metadata?.uid ?? '';
      // Gone without a graceful stop begun here: its running containers still have to be killed.
      if (!this.stopAt.has(uid) && e.object.spec?.nodeName && runningContainers(e.object).length > 0) {
        this.removed.set(e.key, e.object);
        this.queue.add(e.key);
      }
      this.startAt.delete(uid);
      this.stopAt.delete(uid);
      return;
    }
    const pod = e.object;
    if (!pod.spec?.nodeName) return;
    const key = e.key;
    if (pod.metadata?.deletionTimestamp) {
      // Now, to start stopping the containers (sync then waits for them to exit).
      if (!e.old?.metadata?.deletionTimestamp) this.queue.add(key);
      return;
    }
    if (e.type === 'ADDED' || !e.old?.spec?.nodeName) this.queue.addAfter(key, PICKUP_DELAY_MS);
  }

  /** A node coming back (Ready again) lets its kubelet catch up on every pod bound there. */
  private onNode(e: WatchEvent<'Node'>): void {
    const name = e.object.metadata?.name ?? '';
    if (e.type === 'DELETED') {
      // No kubelet left to stop the containers of pods removed while it was silent.
      for (const [key, pod] of this.removed) if (pod.spec?.nodeName === name) this.removed.delete(key);
      return;
    }
    if (e.type !== 'MODIFIED') return;
    if (nodeReadyStatus(e.old) === 'Unknown' && nodeReadyStatus(e.object) !== 'Unknown') {
      for (const p of this.api.byIndex('Pod', 'nodeName', name)) {
        this.queue.add(keyOf('Pod', p.metadata?.namespace, p.metadata?.name ?? ''));
      }
      for (const [key, pod] of this.removed) if (pod.spec?.nodeName === name) this.queue.add(key);
    }
  }

  sync(key: string): void {
    const gone = this.removed.get(key);
    if (gone) this.killRemoved(key, gone);
    // The key is the pod's store key (namespace/name): look it up as is.
    const pod = this.api.getByKey('Pod', key);
    if (!pod?.spec?.nodeName) return;
    const node = this.api.get('Node', undefined, pod.spec.nodeName);
    if (!node || nodeReadyStatus(node) === 'Unknown') return; // no kubelet to act
    const uid = pod.metadata?.uid ?? '';
    if (pod.metadata?.deletionTimestamp) {
      const now = this.api.clock.nowMs();
      let due = this.stopAt.get(uid);
      if (due === undefined) {
        // SIGTERM to every running container (killContainer), each with a Killing event.
        due = now + Math.min(STOP_DELAY_MS, (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000);
        this.stopAt.set(uid, due);
        this.killing(pod);
      }
      if (due > now) {
        // (The delaying queue keeps only a key's earliest wake-up: ask again for this one.)
        this.queue.addAfter(key, due - now);
        return;
      }
      // Containers stopped: the kubelet finishes the graceful deletion with a delete of grace 0.
      const [ns, name] = key.split('/') as [string, string];
      this.api.delete('Pod', ns, name, { gracePeriodSeconds: 0 }, ACTOR);
      return;
    }
    const phase = pod.status?.phase;
    if (phase === 'Failed' || phase === 'Succeeded') return;
    if (!pod.status?.startTime) {
      this.admit(pod, node, key);
      return;
    }
    const due = this.startAt.get(uid);
    if (due !== undefined && due <= this.api.clock.nowMs() && phase === 'Pending') this.start(pod, key);
  }

  /** Kubelet admission (resources, for pods that bypassed the scheduler) then ContainerCreating. */
  private admit(pod: Pod, node: Node, key: string): void {
    const nodeName = node.metadata?.name ?? '';
    const now = this.api.clock.timestamp();
    if (!pod.status?.conditions?.some((c) => c.type === 'PodScheduled')) {
      // Pods created with spec.nodeName never met the scheduler; check what it would have.
      const others = this.api
        .listByIndex('Pod', 'nodeName', nodeName)
        .filter(
          (p) =>
            p.metadata?.uid !== pod.metadata?.uid &&
            p.status?.startTime &&
            p.status.phase !== 'Failed' &&
            p.status.phase !== 'Succeeded',
        );
      const used: ResourceList = { milliCpu: 0, memory: 0, ephemeralStorage: 0, scalar: {} };
      for (const p of others) addRequestsInPlace(used, podRequests(p));
      const req = podRequests(pod);
      const alloc = nodeAllocatable(node);
      const reasons = fitsRequest(req, alloc, used, others.length);
      if (reasons.length > 0) {
        // InsufficientResourceError: the first failing resource, with requested/used/capacity.
        const r = reasons[0]!;
        const resource = r === 'Too many pods' ? 'pods' : r.replace('Insufficient ', '');
        const amounts: Record<string, [number, number, number]> = {
          pods: [1, others.length, alloc.pods],
          cpu: [req.milliCpu, used.milliCpu, alloc.milliCpu],
          memory: [req.memory, used.memory, alloc.memory],
          'ephemeral-storage': [req.ephemeralStorage, used.ephemeralStorage, alloc.ephemeralStorage],
        };
        const [requested, inUse, capacity] = amounts[resource] ?? [
          req.scalar[resource] ?? 0,
          used.scalar[resource] ?? 0,
          alloc.scalar[resource] ?? 0,
        ];
        const reason = `OutOf${resource}`;
        const detail = `Node didn't have enough resource: ${resource}, requested: ${requested}, used: ${inUse}, capacity: ${capacity}`;
        const message = `Pod was rejected: ${detail}`;
        this.api.replace(
          'Pod',
          { ...pod, status: merge(pod.status, { phase: 'Failed', reason, message, startTime: now }) },
          ACTOR,
        );
        this.recorder(nodeName).event('Pod', pod, 'Warning', reason, detail);
        return;
      }
    }
    const containers = pod.spec?.containers ?? [];
    const names = containers.map((c) => c.name).join(' ');
    const from = pod.status?.conditions;
    const unready = `containers with unready status: [${names}]`;
    const memo = this.admitMemo;
    if (memo.from !== from || memo.now !== now || memo.unready !== unready) {
      let conditions: PodCondition[] = from ?? [];
      conditions = setCondition(conditions, condition('PodReadyToStartContainers', 'False', now));
      conditions = setCondition(conditions, condition('Initialized', 'True', now));
      conditions = setCondition(conditions, condition('Ready', 'False', now, 'ContainersNotReady', unready));
      conditions = setCondition(
        conditions,
        condition('ContainersReady', 'False', now, 'ContainersNotReady', unready),
      );
      if (!conditions.some((c) => c.type === 'PodScheduled'))
        conditions = setCondition(conditions, condition('PodScheduled', 'True', now));
      this.admitMemo = { from, now, unready, to: conditions };
    }
    const conditions = this.admitMemo.to;
    const hostIP = nodeInternalIP(node);
    let hostIPs = this.hostIPs.get(hostIP);
    if (hostIPs === undefined) this.hostIPs.set(hostIP, (hostIPs = [{ ip: hostIP }]));
    const status = merge(pod.status, {
      phase: 'Pending',
      conditions,
      hostIP,
      hostIPs,
      startTime: now,
      containerStatuses: creatingStatuses(containers),
    });
    const updated = this.api.replace('Pod', { ...pod, status }, ACTOR, key);
    if (!updated) return;
    const delay = START_DELAY_MS;
    this.startAt.set(pod.metadata?.uid ?? '', this.api.clock.nowMs() + delay);
    this.queue.addAfter(key, delay);
  }

  private start(pod: Pod, key: string): void {
    const now = this.api.clock.timestamp();
    const nodeName = pod.spec?.nodeName ?? '';
    const node = this.api.get('Node', undefined, nodeName);
    // Every condition turns True; one that already was keeps its transition time.
    const from = pod.status?.conditions;
    if (this.startMemo.from !== from || this.startMemo.now !== now) {
      const conditions = (from ?? []).map((c) =>
        c.status === 'True'
          ? c
          : {
              type: c.type,
              status: 'True',
              lastProbeTime: null as unknown as string,
              lastTransitionTime: now,
            },
      );
      if (!conditions.some((c) => c.type === 'PodScheduled')) {
        conditions.push({
          type: 'PodScheduled',
          status: 'True',
          lastProbeTime: null as unknown as string,
          lastTransitionTime: now,
        });
      }
      this.startMemo = { from, now, to: conditions };
    }
    const conditions = this.startMemo.to;
    if (this.runningMemo.now !== now) this.runningMemo = { now, state: { running: { startedAt: now } } };
    const running = this.runningMemo.state;
    const podIP = pod.spec?.hostNetwork ? nodeInternalIP(node) : this.nextPodIP();
    const containers = pod.spec?.containers ?? [];
    const status = merge(pod.status, {
      phase: 'Running',
      conditions,
      podIP,
      podIPs: [{ ip: podIP }],
      containerStatuses: containers.map((c) => ({
        name: c.name,
        image: c.image ?? '',
        imageID: imageIdOf(c.image ?? ''),
        containerID: ['containerd:/', this.rng.uuid().replace(/-/g, '')].join('/'),
        ready: true,
        restartCount: 0,
        started: true,
        state: running,
      })),
    });
    const r = this.recorder(nodeName);
    for (const c of containers) {
      const m = containerEvents(c.image, c.name);
      r.event('Pod', pod, 'Normal', 'Pulled', m.pulled, m.fieldPath);
      r.event('Pod', pod, 'Normal', 'Created', CREATED_MESSAGE, m.fieldPath);
      r.event('Pod', pod, 'Normal', 'Started', STARTED_MESSAGE, m.fieldPath);
    }
    this.api.replace('Pod', { ...pod, status }, ACTOR, key);
    this.startAt.delete(pod.metadata?.uid ?? '');
  }

  /** `Killing` for each container that is running, as its stop begins. */
  private killing(pod: Pod): void {
    const r = this.recorder(pod.spec?.nodeName ?? '');
    for (const name of runningContainers(pod)) {
      r.event('Pod', pod, 'Normal', 'Killing', `Stopping container ${name}`, containerFieldPath(name));
    }
  }

  /** A force-deleted pod's containers are stopped by its kubelet, once that kubelet can act. */
  private killRemoved(key: string, pod: Pod): void {
    const node = this.api.get('Node', undefined, pod.spec?.nodeName ?? '');
    if (node && nodeReadyStatus(node) === 'Unknown') return; // silent: when it is back (onNode)
    this.removed.delete(key);
    if (node) this.killing(pod);
  }

  /** What the kubelet reports when told to (scenario `setPodPhase`, the UI's "fail pod"). */
  setPodPhase(
    pod: Pod,
    phase: 'Running' | 'Failed' | 'Succeeded' | 'Pending',
    ready: boolean | undefined,
  ): Pod | undefined {
    const now = this.api.clock.timestamp();
    const isReady = phase === 'Running' ? (ready ?? true) : false;
    let conditions = pod.status?.conditions ?? [];
    for (const type of ['Ready', 'ContainersReady']) {
      const prev = conditions.find((c) => c.type === type);
      const status = isReady ? 'True' : 'False';
      conditions = setCondition(conditions, {
        type,
        status,
        lastProbeTime: null as unknown as string,
        lastTransitionTime: prev?.status === status ? (prev.lastTransitionTime ?? now) : now,
        ...(isReady ? {} : { reason: phase === 'Running' ? 'ContainersNotReady' : 'PodFailed' }),
      });
    }
    const containers = pod.spec?.containers ?? [];
    const containerStatuses = containers.map((c, i) => {
      const prev = pod.status?.containerStatuses?.[i];
      const state =
        phase === 'Failed' || phase === 'Succeeded'
          ? {
              terminated: {
                exitCode: phase === 'Failed' ? 1 : 0,
                reason: phase === 'Failed' ? 'Error' : 'Completed',
                finishedAt: now,
              },
            }
          : (prev?.state ?? { running: { startedAt: now } });
      return {
        ...(prev ?? { name: c.name, image: c.image ?? '', imageID: '', restartCount: 0 }),
        ready: isReady,
        started: phase === 'Running',
        state,
      };
    });
    this.startAt.delete(pod.metadata?.uid ?? '');
    return this.api.replace(
      'Pod',
      { ...pod, status: merge(pod.status, { phase, conditions, containerStatuses }) },
      ACTOR,
    );
  }

  private nextPodIP(): string {
    const n = this.podIpSeq++;
    // Joined, so the address is stored as one flat string rather than a tree of cons strings.
    return ['10.244', (n >> 8) & 255, (n & 255) + 1 > 255 ? 1 : (n & 255) + 1].join('.');
  }
}

/**
 * The kubelet's per-container strings depend only on the image and container name: built once, so
 * every pod and event shares one flat copy instead of holding its own concatenation.
 */
const IMAGE_IDS = new Map<string, string>();
function imageIdOf(image: string): string {
  let id = IMAGE_IDS.get(image);
  if (id === undefined) {
    id = [image.split(':')[0], 'sha256:' + '0'.repeat(64)].join('@');
    if (IMAGE_IDS.size < 10_000) IMAGE_IDS.set(image, id);
  }
  return id;
}

/**
 * What the kubelet says about one container as it starts it (kuberuntime startContainer, 1.35
 * wording): the image is already there (image_manager, with KubeletEnsureSecretPulledImages on by
 * default), then created and started. The events are about the container: their involvedObject
 * carries its fieldPath (container.GenerateContainerRef).
 */
interface ContainerEvents {
  fieldPath: string;
  pulled: string;
}
const CREATED_MESSAGE = 'Container created';
const STARTED_MESSAGE = 'Container started';
const CONTAINER_EVENTS = new Map<string, ContainerEvents>();
function containerEvents(image: string | undefined, name: string): ContainerEvents {
  const key = `${String(image)}\0${name}`;
  let m = CONTAINER_EVENTS.get(key);
  if (m === undefined) {
    m = {
      fieldPath: containerFieldPath(name),
      pulled: [
        'Container image "',
        String(image),
        '" already present on machine and can be accessed by the pod',
      ].join(''),
    };
    if (CONTAINER_EVENTS.size < 10_000) CONTAINER_EVENTS.set(key, m);
  }
  return m;
}

/** `spec.containers{name}`, how an event names the container it is about. */
function containerFieldPath(name: string): string {
  return `spec.containers{${name}}`;
}

type ContainerStatusList = NonNullable<PodStatus['containerStatuses']>;
type ContainerList = NonNullable<Pod['spec']>['containers'];

/**
 * The container statuses of a pod whose containers are being created. They depend only on the
 * containers, which the pods of one template share: built once per containers list (stored objects
 * are immutable, so sharing them is invisible).
 */
function creatingStatuses(containers: ContainerList): ContainerStatusList {
  let out = CREATING_STATUSES.get(containers);
  if (out === undefined) {
    out = containers.map((c) => ({
      name: c.name,
      image: c.image ?? '',
      imageID: '',
      ready: false,
      restartCount: 0,
      started: false,
      state: CONTAINER_CREATING,
    }));
    CREATING_STATUSES.set(containers, out);
  }
  return out;
}
const CREATING_STATUSES = new WeakMap<ContainerList, ContainerStatusList>();

/** A waiting container's state while its image is pulled; shared (stored objects are immutable). */
const CONTAINER_CREATING: ContainerState = { waiting: { reason: 'ContainerCreating' } };

/** A pod condition as the kubelet writes it (reason and message only when given). */
function condition(
  type: string,
  status: string,
  now: string,
  reason?: string,
  message?: string,
): PodCondition {
  const c: PodCondition = { type, status, lastProbeTime: null as unknown as string, lastTransitionTime: now };
  if (reason !== undefined) c.reason = reason;
  if (message !== undefined) c.message = message;
  return c;
}

export function nodeInternalIP(node: Node | undefined): string {
  const addr = node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
  if (addr) return addr;
  // A stable made-up address in 172.18.0.0/16 derived from the name (FNV-1a).
  let h = 0x811c9dc5;
  for (const ch of node?.metadata?.name ?? '') h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  const host = (h % 65024) + 256; // skip 172.18.0.x
  return ['172.18', host >> 8, host & 255 || 1].join('.');
}

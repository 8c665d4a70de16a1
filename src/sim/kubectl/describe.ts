// `kubectl describe ds|pod|node`: a faithful subset of kubectl/pkg/describe/describe.go
// (describeDaemonSet, describePod, describeNode and the helpers they call), written through a
// PrefixWriter into Go's tabwriter (minwidth 0, padding 2) as describe.tabbedString does, with the
// Flush that DescribeEvents makes before its table.
//
// Left out:
// - DaemonSet: nothing of describeDaemonSet itself; its pod template comes from
//   src/sim/rollout/describe.ts describePodTemplate (whose own omissions the README lists).
// - Pod: Runtime Class Name, Service Account (pods get none here), SeccompProfile, Resources
//   (pod-level), Ephemeral Containers, Readiness Gates, topology spread constraints, scheduling
//   groups; in containers: probes, env-from, the value of fieldRef/resourceFieldRef variables and
//   volume devices; volumes other than hostPath, emptyDir, configMap, secret and
//   persistentVolumeClaim print `<unknown>`.
// - Node: Lease (no leases are simulated), PodCIDR(s), ProviderID, node-local ResourceSlices, and
//   hugepages / extended-resource lines under "Allocated resources". A node whose status has no
//   addresses shows the stand-ins the simulated kubelet reports (InternalIP 172.18.x.y, Hostname).

import type { Container, DaemonSet, Event, Node, Pod, Taint, Toleration } from '../api/types.ts';
import { controllerRefOf } from '../daemonset/controllerRef.ts';
import type { Simulation } from '../engine/simulation.ts';
import { describePodTemplate, describeVolumes } from '../rollout/describe.ts';
import { compileLabelSelector, isSelectorError } from '../scheduling/labels.ts';
import { formatBytes, formatCpuMilli } from '../scheduling/quantity.ts';
import { nodeAllocatable, podRequests, podSpecRequests } from '../scheduling/resources.ts';
import { eventFirstSeen, eventLastSeen } from '../api/eventTimes.ts';
import { byteCompare, formatLabels, rfc1123z, timestampSince, virtualMs } from './format.ts';
import { nodeAddresses, nodeRoles } from './printers.ts';
import { DESCRIBE_WRITER, tabwrite } from './tabwriter.ts';

/** describe.PrefixWriter over a tabwriter; `flush` ends a block of aligned columns. */
class PrefixWriter {
  private blocks: string[] = [];
  private current = '';
  write(level: number, text: string): void {
    this.current += '  '.repeat(level) + text;
  }
  flush(): void {
    this.blocks.push(this.current);
    this.current = '';
  }
  toString(): string {
    this.flush();
    return this.blocks.map((b) => tabwrite(b, DESCRIBE_WRITER)).join('');
  }
}

const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const MAX_ANNOTATION_LEN = 140;

function printLabelsMultiline(
  w: PrefixWriter,
  title: string,
  labels: Record<string, string> | undefined,
): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort(byteCompare);
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((k, i) => w.write(0, `${i === 0 ? '' : '\t'}${k}=${labels![k]}\n`));
}

function printAnnotationsMultiline(
  w: PrefixWriter,
  title: string,
  annotations: Record<string, string> | undefined,
): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !SKIP_ANNOTATIONS.has(k))
    .sort(byteCompare);
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, '\t');
    const value = annotations![key]!.replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${key}:\n`);
      for (const s of value.split('\n')) {
        const short = s.length > MAX_ANNOTATION_LEN - 2 ? `${s.slice(0, MAX_ANNOTATION_LEN - 2)}...` : s;
        w.write(0, `\t  ${short}\n`);
      }
    } else w.write(0, `${key}: ${value}\n`);
  });
}

function printTaintsMultiline(w: PrefixWriter, title: string, taints: readonly Taint[]): void {
  w.write(0, `${title}:\t`);
  if (taints.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  const key = (t: Taint): string => `${t.effect},${t.key}`;
  [...taints]
    .sort((a, b) => byteCompare(key(a), key(b)))
    .forEach((t, i) => {
      const s = t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
      w.write(0, `${i === 0 ? '' : '\t'}${s}\n`);
    });
}

function printTolerationsMultiline(w: PrefixWriter, title: string, tolerations: readonly Toleration[]): void {
  w.write(0, `${title}:\t`);
  if (tolerations.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  [...tolerations]
    .sort((a, b) => byteCompare(a.key ?? '', b.key ?? ''))
    .forEach((t, i) => {
      let s = t.key ?? '';
      if (t.value) s += `=${t.value}`;
      if (t.effect) s += `:${t.effect}`;
      if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
      if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null)
        s += ` for ${t.tolerationSeconds}s`;
      w.write(0, `${i === 0 ? '' : '\t'}${s}\n`);
    });
}

// ---- events --------------------------------------------------------------------------------------

/** searchEvents: the events whose involvedObject is this object (by uid, or for nodes by name). */
function eventsFor(
  sim: Simulation,
  kind: string,
  namespace: string | undefined,
  name: string,
  uid: string,
): Event[] {
  const out: Event[] = [];
  for (const e of sim.api.list('Event')) {
    const io = e.involvedObject;
    if (io.name !== name || (io.namespace ?? '') !== (namespace ?? '')) continue;
    if (io.kind && io.kind !== kind) continue;
    if (io.uid && io.uid !== uid && !(kind === 'Node' && io.uid === name)) continue;
    out.push(e);
  }
  return out.sort((a, b) => byteCompare(a.metadata?.name ?? '', b.metadata?.name ?? ''));
}

/**
 * DescribeEvents: sorted by last time seen; `Age` is the first time seen, or for repeated events
 * `<last> (xN over <first>)` from the series (events.k8s.io) or the count (core/v1); a message about
 * a part of the object is prefixed with its fieldPath.
 */
function describeEvents(w: PrefixWriter, events: Event[], nowMs: number): void {
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const time = (e: Event): number => virtualMs(eventLastSeen(e));
  const sorted = [...events].sort((a, b) => time(a) - time(b));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = timestampSince(eventFirstSeen(e), nowMs);
    let age = first;
    if (e.series)
      age = `${timestampSince(e.series.lastObservedTime, nowMs)} (x${e.series.count} over ${first})`;
    else if ((e.count ?? 0) > 1)
      age = `${timestampSince(e.lastTimestamp, nowMs)} (x${e.count} over ${first})`;
    const from = e.source?.component || e.reportingComponent || '';
    // kubectl 1.35 names the part of the object an event is about (a container) before its message.
    const path = e.involvedObject?.fieldPath;
    const message = path ? `${path}: ${(e.message ?? '').trim()}` : (e.message ?? '').trim();
    w.write(1, `${e.type ?? ''}\t${e.reason ?? ''}\t${age}\t${from}\t${message}\n`);
  }
}

// ---- DaemonSet -----------------------------------------------------------------------------------

export function describeDaemonSet(sim: Simulation, ds: DaemonSet): string {
  const w = new PrefixWriter();
  const meta = ds.metadata ?? {};
  const compiled = compileLabelSelector(ds.spec?.selector);
  const selector = isSelectorError(compiled) ? '' : compiled.toString();
  // getPodStatusForController: pods matching the selector and controlled by this DaemonSet.
  let running = 0;
  let waiting = 0;
  let succeeded = 0;
  let failed = 0;
  if (!isSelectorError(compiled)) {
    for (const pod of sim.api.byIndex('Pod', 'controllerUid', meta.uid ?? '')) {
      if (pod.metadata?.namespace !== meta.namespace || !compiled.matches(pod.metadata?.labels)) continue;
      const phase = pod.status?.phase;
      if (phase === 'Running') running++;
      else if (phase === 'Pending') waiting++;
      else if (phase === 'Succeeded') succeeded++;
      else if (phase === 'Failed') failed++;
    }
  }
  const s = ds.status;
  w.write(0, `Name:\t${meta.name}\n`);
  w.write(0, `Namespace:\t${meta.namespace}\n`);
  w.write(0, `Selector:\t${selector}\n`);
  w.write(0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${s?.desiredNumberScheduled ?? 0}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${s?.currentNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${s?.updatedNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${s?.numberAvailable ?? 0}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${s?.numberMisscheduled ?? 0}\n`);
  w.write(
    0,
    `Pods Status:\t${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed\n`,
  );
  w.write(0, describePodTemplate(ds.spec?.template));
  describeEvents(
    w,
    eventsFor(sim, 'DaemonSet', meta.namespace, meta.name ?? '', meta.uid ?? ''),
    sim.nowMs(),
  );
  return w.toString();
}

// ---- Pod -----------------------------------------------------------------------------------------

type ContainerStatus = NonNullable<NonNullable<Pod['status']>['containerStatuses']>[number];
type ContainerState = NonNullable<ContainerStatus['state']>;

function describeStatus(w: PrefixWriter, title: string, state: ContainerState | undefined): void {
  if (state?.running) {
    w.write(2, `${title}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(2, `${title}:\tWaiting\n`);
    if (state.waiting.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(2, `${title}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode}\n`);
    if (t.signal) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else w.write(2, `${title}:\tWaiting\n`);
}

function portsString(c: Container, host: boolean): string {
  return (c.ports ?? [])
    .map((p) => {
      const s = `${host ? (p.hostPort ?? 0) : p.containerPort}/${p.protocol ?? 'TCP'}`;
      return p.name ? `${s} (${p.name})` : s;
    })
    .join(', ');
}

function describeContainers(
  w: PrefixWriter,
  label: string,
  containers: Container[],
  statuses: ContainerStatus[],
): void {
  w.write(0, `${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const st = statuses.find((s) => s.name === c.name);
    w.write(1, `${c.name}:\n`);
    if (st) w.write(2, `Container ID:\t${st.containerID ?? ''}\n`);
    w.write(2, `Image:\t${c.image ?? ''}\n`);
    if (st) w.write(2, `Image ID:\t${st.imageID ?? ''}\n`);
    const ports = portsString(c, false);
    w.write(2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`);
    const hostPorts = portsString(c, true);
    w.write(
      2,
      hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`,
    );
    if (c.command?.length) {
      w.write(2, 'Command:\n');
      for (const s of c.command.flatMap((x) => x.split('\n'))) w.write(3, `${s}\n`);
    }
    if (c.args?.length) {
      w.write(2, 'Args:\n');
      for (const s of c.args.flatMap((x) => x.split('\n'))) w.write(3, `${s}\n`);
    }
    if (st) {
      describeStatus(w, 'State', st.state);
      if (st.lastState?.terminated) describeStatus(w, 'Last State', st.lastState);
      w.write(2, `Ready:\t${st.ready ? 'True' : 'False'}\n`);
      w.write(2, `Restart Count:\t${st.restartCount ?? 0}\n`);
    }
    const res = c.resources ?? {};
    for (const [title, list] of [
      ['Limits', res.limits],
      ['Requests', res.requests],
    ] as const) {
      const names = Object.keys(list ?? {}).sort(byteCompare);
      if (names.length > 0) w.write(2, `${title}:\n`);
      for (const n of names) w.write(3, `${n}:\t${String(list![n])}\n`);
    }
    const env = c.env ?? [];
    w.write(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
    for (const e of env) {
      if (!e.valueFrom) {
        (e.value ?? '')
          .split('\n')
          .forEach((s, i) => w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
      } else if (e.valueFrom.fieldRef) {
        w.write(
          3,
          `${e.name}:\t (${e.valueFrom.fieldRef.apiVersion ?? ''}:${e.valueFrom.fieldRef.fieldPath})\n`,
        );
      } else if (e.valueFrom.resourceFieldRef) {
        w.write(3, `${e.name}:\t (${e.valueFrom.resourceFieldRef.resource})\n`);
      } else if (e.valueFrom.secretKeyRef) {
        const r = e.valueFrom.secretKeyRef;
        w.write(
          3,
          `${e.name}:\t<set to the key '${r.key}' in secret '${r.name ?? ''}'>\tOptional: ${r.optional === true}\n`,
        );
      } else if (e.valueFrom.configMapKeyRef) {
        const r = e.valueFrom.configMapKeyRef;
        w.write(
          3,
          `${e.name}:\t<set to the key '${r.key}' of config map '${r.name ?? ''}'>\tOptional: ${r.optional === true}\n`,
        );
      }
    }
    const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => byteCompare(a.mountPath, b.mountPath));
    w.write(2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
    for (const m of mounts) {
      const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path=${JSON.stringify(m.subPath)}`] : [])];
      w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
    }
  }
}

export function describePod(sim: Simulation, pod: Pod): string {
  const w = new PrefixWriter();
  const meta = pod.metadata ?? {};
  const spec = pod.spec;
  const status = pod.status ?? {};
  w.write(0, `Name:\t${meta.name}\n`);
  w.write(0, `Namespace:\t${meta.namespace}\n`);
  if (spec?.priority !== undefined) w.write(0, `Priority:\t${spec.priority}\n`);
  if (spec?.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec?.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(0, spec?.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  if (meta.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${timestampSince(meta.deletionTimestamp, sim.nowMs())})\n`);
    w.write(0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
  } else w.write(0, `Status:\t${status.phase ?? ''}\n`);
  if (status.reason) w.write(0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(0, `Message:\t${status.message}\n`);
  w.write(0, `IP:\t${status.podIP ?? ''}\n`);
  const ips = status.podIPs ?? [];
  if (ips.length === 0) w.write(0, 'IPs:\t<none>\n');
  else {
    w.write(0, 'IPs:\n');
    for (const ip of ips) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const ref = controllerRefOf(pod);
  if (ref) w.write(0, `Controlled By:\t${ref.kind}/${ref.name}\n`);
  if (status.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  if (spec?.initContainers?.length)
    describeContainers(w, 'Init Containers', spec.initContainers, status.initContainerStatuses ?? []);
  describeContainers(w, 'Containers', spec?.containers ?? [], status.containerStatuses ?? []);
  if (status.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(spec?.volumes ?? [], w, '');
  w.write(0, `QoS Class:\t${status.qosClass ?? ''}\n`);
  printLabelsMultiline(w, 'Node-Selectors', spec?.nodeSelector);
  printTolerationsMultiline(w, 'Tolerations', spec?.tolerations ?? []);
  describeEvents(w, eventsFor(sim, 'Pod', meta.namespace, meta.name ?? '', meta.uid ?? ''), sim.nowMs());
  return w.toString();
}

// ---- Node ----------------------------------------------------------------------------------------

/** Integer percentage as Go's int64(float64) truncation computes it (0 when the total is 0). */
function percent(part: number, total: number): number {
  return total > 0 ? Math.trunc((part / total) * 100) : 0;
}

export function describeNode(sim: Simulation, node: Node): string {
  const w = new PrefixWriter();
  const meta = node.metadata ?? {};
  const status = node.status ?? {};
  const now = sim.nowMs();
  w.write(0, `Name:\t${meta.name}\n`);
  w.write(0, `Roles:\t${nodeRoles(node).join(',') || '<none>'}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(meta.creationTimestamp)}\n`);
  printTaintsMultiline(w, 'Taints', node.spec?.taints ?? []);
  w.write(0, `Unschedulable:\t${node.spec?.unschedulable === true}\n`);
  if (status.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of status.conditions) {
      w.write(
        1,
        `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
      );
    }
  }
  w.write(0, 'Addresses:\n');
  for (const a of nodeAddresses(node)) w.write(1, `${a.type}:\t${a.address}\n`);
  for (const [title, list] of [
    ['Capacity', status.capacity],
    ['Allocatable', status.allocatable],
  ] as const) {
    const names = Object.keys(list ?? {}).sort(byteCompare);
    if (names.length === 0) continue;
    w.write(0, `${title}:\n`);
    for (const n of names) w.write(0, `  ${n}:\t${String(list![n])}\n`);
  }
  const info = status.nodeInfo;
  w.write(0, 'System Info:\n');
  w.write(0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
  w.write(0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
  w.write(0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
  w.write(0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
  w.write(0, `  OS Image:\t${info?.osImage ?? ''}\n`);
  w.write(0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
  w.write(0, `  Architecture:\t${info?.architecture ?? ''}\n`);
  w.write(0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
  w.write(0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);

  // describeNodeResource over the node's pods that are not Succeeded or Failed.
  const pods = [...sim.api.byIndex('Pod', 'nodeName', meta.name ?? '')]
    .filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
    .sort((a, b) =>
      byteCompare(
        `${a.metadata?.namespace}/${a.metadata?.name}`,
        `${b.metadata?.namespace}/${b.metadata?.name}`,
      ),
    );
  const alloc = nodeAllocatable(node);
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const total = { cpuReq: 0, cpuLim: 0, memReq: 0, memLim: 0, esReq: 0, esLim: 0 };
  for (const pod of pods) {
    const req = podRequests(pod);
    const lim = podSpecRequests(limitsAsRequests(pod));
    total.cpuReq += req.milliCpu;
    total.cpuLim += lim.milliCpu;
    total.memReq += req.memory;
    total.memLim += lim.memory;
    total.esReq += req.ephemeralStorage;
    total.esLim += lim.ephemeralStorage;
    w.write(
      1,
      `${pod.metadata?.namespace}\t${pod.metadata?.name}\t\t` +
        `${formatCpuMilli(req.milliCpu)} (${percent(req.milliCpu, alloc.milliCpu)}%)\t` +
        `${formatCpuMilli(lim.milliCpu)} (${percent(lim.milliCpu, alloc.milliCpu)}%)\t` +
        `${formatBytes(req.memory)} (${percent(req.memory, alloc.memory)}%)\t` +
        `${formatBytes(lim.memory)} (${percent(lim.memory, alloc.memory)}%)\t` +
        `${timestampSince(pod.metadata?.creationTimestamp, now)}\n`,
    );
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  w.write(
    1,
    `cpu\t${formatCpuMilli(total.cpuReq)} (${percent(total.cpuReq, alloc.milliCpu)}%)\t${formatCpuMilli(total.cpuLim)} (${percent(total.cpuLim, alloc.milliCpu)}%)\n`,
  );
  w.write(
    1,
    `memory\t${formatBytes(total.memReq)} (${percent(total.memReq, alloc.memory)}%)\t${formatBytes(total.memLim)} (${percent(total.memLim, alloc.memory)}%)\n`,
  );
  w.write(
    1,
    `ephemeral-storage\t${formatBytes(total.esReq)} (${percent(total.esReq, alloc.ephemeralStorage)}%)\t${formatBytes(total.esLim)} (${percent(total.esLim, alloc.ephemeralStorage)}%)\n`,
  );
  describeEvents(w, eventsFor(sim, 'Node', undefined, meta.name ?? '', meta.uid ?? ''), now);
  return w.toString();
}

/** The pod's limits in the shape of requests, so the same aggregation (PodRequestsAndLimits) sums them. */
function limitsAsRequests(pod: Pod): NonNullable<Pod['spec']> {
  const swap = (cs: Container[] | undefined): Container[] | undefined =>
    cs?.map((c) => ({ ...c, resources: { requests: c.resources?.limits ?? {} } }));
  const spec = pod.spec ?? { containers: [] };
  return {
    ...spec,
    containers: swap(spec.containers) ?? [],
    initContainers: swap(spec.initContainers),
    overhead: undefined,
  } as unknown as NonNullable<Pod['spec']>;
}

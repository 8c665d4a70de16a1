// The table columns `kubectl get` prints for pods, nodes and DaemonSets, computed as
// pkg/printers/internalversion/printers.go does (printPod, printNode, printDaemonSet), and laid out
// by kubectl's table printer (tabwriter: minwidth 6, padding 3).

import type { Container, DaemonSet, Kind, LabelSelector, Node, Pod } from '../api/types.ts';
import { qualifiedResource } from '../cluster/apiServer.ts';
import { compileLabelSelector, isSelectorError } from '../scheduling/labels.ts';
import { nodeInternalIP } from '../kubelet/kubelet.ts';
import { formatLabels, timestampSince } from './format.ts';
import { TABLE_WRITER, tabwrite } from './tabwriter.ts';

export type TableKind = 'Pod' | 'Node' | 'DaemonSet';

export interface TableOptions {
  wide: boolean;
  /** -A: a NAMESPACE column first (namespaced kinds only). */
  withNamespace: boolean;
  showLabels: boolean;
  nowMs: number;
  /** Several resource types in one `get`: NAME shows `daemonset.apps/agent`. */
  namePrefix?: string;
}

/** `daemonset.apps/agent`, `pod/x`, `node/y`: the name printer's form. */
export function resourceName(kind: Kind, name: string): string {
  const q = qualifiedResource(kind);
  const dot = q.indexOf('.');
  return `${kind.toLowerCase()}${dot < 0 ? '' : q.slice(dot)}/${name}`;
}

const HEADERS: Record<TableKind, { normal: string[]; wide: string[] }> = {
  Pod: {
    normal: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
    wide: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
  },
  Node: {
    normal: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
    wide: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
  },
  DaemonSet: {
    normal: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
    wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  },
};

/** The whole table, header included, as kubectl prints it (trailing newline included). */
export function printTable(kind: TableKind, objects: readonly unknown[], opts: TableOptions): string {
  const h = HEADERS[kind];
  const header = [...(opts.withNamespace ? ['NAMESPACE'] : []), ...h.normal, ...(opts.wide ? h.wide : [])];
  if (opts.showLabels) header.push('LABELS');
  const rows: string[][] = [header];
  for (const o of objects) {
    const meta = (o as Pod).metadata;
    const cells =
      kind === 'Pod'
        ? podRow(o as Pod, opts)
        : kind === 'Node'
          ? nodeRow(o as Node, opts)
          : daemonSetRow(o as DaemonSet, opts);
    if (opts.namePrefix) cells[0] = opts.namePrefix + cells[0]!;
    if (opts.withNamespace) cells.unshift(meta?.namespace ?? '');
    if (opts.showLabels) cells.push(formatLabels(meta?.labels));
    rows.push(cells);
  }
  return tabwrite(rows.map((r) => r.join('\t')).join('\n') + '\n', TABLE_WRITER);
}

// ---- pods ----------------------------------------------------------------------------------------

/** printPod's READY, STATUS and RESTARTS cells. */
export function podStatusCells(pod: Pod, nowMs: number): { ready: string; status: string; restarts: string } {
  const spec = pod.spec;
  const status = pod.status ?? {};
  let restarts = 0;
  const total = spec?.containers?.length ?? 0;
  let ready = 0;
  let lastRestart: string | undefined;
  let reason: string = status.reason || status.phase || '';
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  // Init containers (not restartable sidecars): the first one not finished names the status.
  let initializing = false;
  const inits = status.initContainerStatuses ?? [];
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i]!;
    restarts += c.restartCount ?? 0;
    const term = c.state?.terminated;
    if (term && term.exitCode === 0) continue;
    if (term) reason = term.reason ? `Init:${term.reason}` : `Init:ExitCode:${term.exitCode}`;
    else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing')
      reason = `Init:${c.state.waiting.reason}`;
    else reason = `Init:${i}/${spec?.initContainers?.length ?? 0}`;
    initializing = true;
    break;
  }
  const initialized = status.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initialized) {
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!;
      restarts += c.restartCount ?? 0;
      const finished = c.lastState?.terminated?.finishedAt;
      if (finished && (!lastRestart || finished > lastRestart)) lastRestart = finished;
      const st = c.state;
      if (st?.waiting?.reason) reason = st.waiting.reason;
      else if (st?.terminated?.reason) reason = st.terminated.reason;
      else if (st?.terminated)
        reason = st.terminated.signal
          ? `Signal:${st.terminated.signal}`
          : `ExitCode:${st.terminated.exitCode}`;
      else if (c.ready && st?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const podReady = status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
      reason = podReady ? 'Running' : 'NotReady';
    }
  }
  const terminal = status.phase === 'Failed' || status.phase === 'Succeeded';
  if (pod.metadata?.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && !terminal) reason = 'Terminating';
  const restartsCell =
    restarts !== 0 && lastRestart
      ? `${restarts} (${timestampSince(lastRestart, nowMs)} ago)`
      : String(restarts);
  return { ready: `${ready}/${total}`, status: reason, restarts: restartsCell };
}

function podRow(pod: Pod, opts: TableOptions): string[] {
  const s = podStatusCells(pod, opts.nowMs);
  const cells = [
    pod.metadata?.name ?? '',
    s.ready,
    s.status,
    s.restarts,
    timestampSince(pod.metadata?.creationTimestamp, opts.nowMs),
  ];
  if (opts.wide) {
    const gates = pod.spec?.readinessGates ?? [];
    let readiness = '<none>';
    if (gates.length > 0) {
      const trueCount = gates.filter(
        (g) => pod.status?.conditions?.find((c) => c.type === g.conditionType)?.status === 'True',
      ).length;
      readiness = `${trueCount}/${gates.length}`;
    }
    cells.push(
      pod.status?.podIPs?.[0]?.ip || '<none>',
      pod.spec?.nodeName || '<none>',
      pod.status?.nominatedNodeName || '<none>',
      readiness,
    );
  }
  return cells;
}

// ---- nodes ---------------------------------------------------------------------------------------

/** printers.go findNodeRoles: `node-role.kubernetes.io/<role>` keys and `kubernetes.io/role`. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return [...roles].sort();
}

/** printNode's STATUS: `Ready`/`NotReady` from the Ready condition, `Unknown` without one. */
export function nodeStatus(node: Node): string {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const status = ready ? [ready.status === 'True' ? 'Ready' : 'NotReady'] : ['Unknown'];
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

/** The node's InternalIP, or the made-up one the simulated kubelet reports (see kubelet.ts). */
export function nodeAddresses(node: Node): Array<{ type: string; address: string }> {
  const addrs = node.status?.addresses ?? [];
  if (addrs.length > 0) return addrs;
  return [
    { type: 'InternalIP', address: nodeInternalIP(node) },
    { type: 'Hostname', address: node.metadata?.name ?? '' },
  ];
}

function nodeRow(node: Node, opts: TableOptions): string[] {
  const roles = nodeRoles(node).join(',') || '<none>';
  const info = node.status?.nodeInfo;
  const cells = [
    node.metadata?.name ?? '',
    nodeStatus(node),
    roles,
    timestampSince(node.metadata?.creationTimestamp, opts.nowMs),
    info?.kubeletVersion ?? '',
  ];
  if (opts.wide) {
    const addrs = nodeAddresses(node);
    cells.push(
      addrs.find((a) => a.type === 'InternalIP')?.address ?? '<none>',
      addrs.find((a) => a.type === 'ExternalIP')?.address ?? '<none>',
      info?.osImage || '<unknown>',
      info?.kernelVersion || '<unknown>',
      info?.containerRuntimeVersion || '<unknown>',
    );
  }
  return cells;
}

// ---- DaemonSets ----------------------------------------------------------------------------------

/** metav1.FormatLabelSelector. */
export function formatLabelSelector(sel: LabelSelector | undefined): string {
  const compiled = compileLabelSelector(sel);
  if (isSelectorError(compiled)) return '<error>';
  return compiled.toString() || '<none>';
}

function layoutContainerCells(containers: readonly Container[]): [string, string] {
  return [containers.map((c) => c.name).join(','), containers.map((c) => c.image ?? '').join(',')];
}

function daemonSetRow(ds: DaemonSet, opts: TableOptions): string[] {
  const s = ds.status;
  const cells = [
    ds.metadata?.name ?? '',
    String(s?.desiredNumberScheduled ?? 0),
    String(s?.currentNumberScheduled ?? 0),
    String(s?.numberReady ?? 0),
    String(s?.updatedNumberScheduled ?? 0),
    String(s?.numberAvailable ?? 0),
    formatLabels(ds.spec?.template?.spec?.nodeSelector),
    timestampSince(ds.metadata?.creationTimestamp, opts.nowMs),
  ];
  if (opts.wide) {
    const [names, images] = layoutContainerCells(ds.spec?.template?.spec?.containers ?? []);
    cells.push(names, images, formatLabelSelector(ds.spec?.selector));
  }
  return cells;
}

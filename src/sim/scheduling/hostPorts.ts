// Host ports and the NodePorts filter (rule book N5), ported from pkg/scheduler/util
// `GetHostPorts` and framework `HostPortInfo` (Add / CheckConflict / sanitize).

import type { Pod } from '../api/types.ts';

export const DEFAULT_BIND_ALL_HOST_IP = '0.0.0.0';
export const DEFAULT_PROTOCOL = 'TCP';

/** A host port in use (already sanitized: protocol defaults to TCP, hostIP to 0.0.0.0). */
export interface HostPort {
  hostIP: string;
  protocol: string;
  port: number;
}

/** NodePorts failure reason (Unschedulable). */
export const NODE_PORTS_REASON = "node(s) didn't have free ports for the requested pod ports";

/**
 * Upstream `GetHostPorts` + sanitize: every container port with `hostPort > 0`, from init containers
 * with `restartPolicy: Always` (sidecars, which run for the pod's lifetime) and then from regular
 * containers.
 */
export function podHostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  const spec = pod.spec;
  if (spec === undefined) return out;
  for (const c of spec.initContainers ?? []) if (c.restartPolicy === 'Always') collectHostPorts(c.ports, out);
  for (const c of spec.containers ?? []) collectHostPorts(c.ports, out);
  return out;
}

// A module-level function, not a closure per call: the scheduler asks for every pod it places.
function collectHostPorts(
  ports: ReadonlyArray<{ hostPort?: number; hostIP?: string; protocol?: string }> | undefined,
  out: HostPort[],
): void {
  for (const p of ports ?? []) {
    if (p.hostPort === undefined || !(p.hostPort > 0)) continue;
    out.push({
      hostIP: p.hostIP !== undefined && p.hostIP !== '' ? p.hostIP : DEFAULT_BIND_ALL_HOST_IP,
      protocol: p.protocol !== undefined && p.protocol !== '' ? p.protocol : DEFAULT_PROTOCOL,
      port: p.hostPort,
    });
  }
}

const ipOf = (p: HostPort): string => (p.hostIP === '' ? DEFAULT_BIND_ALL_HOST_IP : p.hostIP);
const protocolOf = (p: HostPort): string => (p.protocol === '' ? DEFAULT_PROTOCOL : p.protocol);

/**
 * THE conflict rule (upstream `HostPortInfo.CheckConflict` for one used entry): same protocol and
 * port, and overlapping IPs — a wanted 0.0.0.0 overlaps every used IP; a wanted specific IP
 * overlaps a used 0.0.0.0 or the same IP. Ports ≤ 0 never conflict.
 */
export function hostPortConflictsWith(wanted: HostPort, used: HostPort): boolean {
  if (wanted.port <= 0 || used.port <= 0) return false;
  if (wanted.port !== used.port || protocolOf(wanted) !== protocolOf(used)) return false;
  const wip = ipOf(wanted);
  if (wip === DEFAULT_BIND_ALL_HOST_IP) return true;
  const uip = ipOf(used);
  return uip === DEFAULT_BIND_ALL_HOST_IP || uip === wip;
}

/** NodePorts `fitsPorts` negated: does any wanted port conflict with any used one? */
export function hostPortsConflict(wanted: readonly HostPort[], used: readonly HostPort[]): boolean {
  for (let i = 0; i < wanted.length; i++) {
    const w = wanted[i] as HostPort;
    for (let j = 0; j < used.length; j++) if (hostPortConflictsWith(w, used[j] as HostPort)) return true;
  }
  return false;
}

export interface HostPortConflict {
  wanted: HostPort;
  /** The used entries it collides with (empty = free). */
  conflictsWith: HostPort[];
}

/** Each wanted port with the used entries it collides with. */
export function explainHostPortConflicts(
  wanted: readonly HostPort[],
  used: readonly HostPort[],
): HostPortConflict[] {
  return wanted.map((w) => ({ wanted: w, conflictsWith: used.filter((u) => hostPortConflictsWith(w, u)) }));
}

export function hostPortToString(p: HostPort): string {
  return `${ipOf(p)}:${p.port}/${protocolOf(p)}`;
}

/**
 * Per-node multiset of used host ports for incremental accounting (upstream `NodeInfo.UsedPorts`,
 * but reference-counted so removing one pod's ports does not free another pod's identical entry).
 * Lookups go by protocol/port, then through `hostPortConflictsWith`.
 */
export class HostPortIndex {
  private readonly byProtoPort = new Map<string, Map<string, { port: HostPort; count: number }>>();

  private static key(p: HostPort): string {
    return `${protocolOf(p)}/${p.port}`;
  }

  add(ports: readonly HostPort[]): void {
    for (const p of ports) {
      if (p.port <= 0) continue;
      const k = HostPortIndex.key(p);
      let byIp = this.byProtoPort.get(k);
      if (byIp === undefined) this.byProtoPort.set(k, (byIp = new Map()));
      const ip = ipOf(p);
      const entry = byIp.get(ip);
      if (entry === undefined)
        byIp.set(ip, { port: { hostIP: ip, protocol: protocolOf(p), port: p.port }, count: 1 });
      else entry.count++;
    }
  }

  remove(ports: readonly HostPort[]): void {
    for (const p of ports) {
      const k = HostPortIndex.key(p);
      const byIp = this.byProtoPort.get(k);
      const ip = ipOf(p);
      const entry = byIp?.get(ip);
      if (byIp === undefined || entry === undefined) continue;
      if (--entry.count <= 0) byIp.delete(ip);
      if (byIp.size === 0) this.byProtoPort.delete(k);
    }
  }

  /** The used entries `wanted` collides with. */
  conflictsFor(wanted: HostPort): HostPort[] {
    const byIp = this.byProtoPort.get(HostPortIndex.key(wanted));
    const out: HostPort[] = [];
    if (byIp === undefined) return out;
    for (const { port } of byIp.values()) if (hostPortConflictsWith(wanted, port)) out.push(port);
    return out;
  }

  conflicts(wanted: readonly HostPort[]): boolean {
    for (const w of wanted) {
      const byIp = this.byProtoPort.get(HostPortIndex.key(w));
      if (byIp === undefined) continue;
      for (const { port } of byIp.values()) if (hostPortConflictsWith(w, port)) return true;
    }
    return false;
  }

  /** All used entries (for display). */
  entries(): HostPort[] {
    const out: HostPort[] = [];
    for (const byIp of this.byProtoPort.values()) for (const { port } of byIp.values()) out.push(port);
    return out;
  }
}

// Deterministic synthetic clusters for the frame-time benchmark, the screenshots and the unit tests.
// A hash of (node, daemonSet, tick) stands in for randomness so every run draws the same picture.
import type { GraphModel, GraphNode, GraphPod, PodVisualPhase } from '../model';

function hash(a: number, b: number, c = 0): number {
  let h = (a * 374761393 + b * 668265263 + c * 2147483647) | 0;
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
const TYPES = ['m6i.large', 'm6i.xlarge', 'c6i.2xlarge', 'r6i.large'];
const DS_NAMES = ['node-exporter', 'fluent-bit', 'kube-proxy', 'cilium', 'csi-node', 'gpu-plugin', 'falco'];

export interface SyntheticOptions {
  nodes: number;
  daemonSets: number;
  /** Advances the phases of a few pods, to simulate live updates. */
  tick?: number;
}

export function podSuffix(i: number, d: number): string {
  return ((i * 7919 + d * 104729) % 60466176).toString(36).padStart(5, '0');
}

export function syntheticModel({ nodes, daemonSets, tick = 0 }: SyntheticOptions): GraphModel {
  const ds = Array.from({ length: daemonSets }, (_, d) => ({
    key: `kube-system/${DS_NAMES[d % DS_NAMES.length] ?? 'ds'}${d >= DS_NAMES.length ? `-${d}` : ''}`,
    colorIndex: d,
  }));
  const out: GraphNode[] = [];
  for (let i = 0; i < nodes; i++) {
    const name = `worker-${String(i + 1).padStart(String(nodes).length, '0')}`;
    const r = hash(i, 1);
    const ready: GraphNode['ready'] = r < 0.03 ? 'False' : r < 0.045 ? 'Unknown' : 'True';
    const taints: GraphNode['taints'] = [];
    if (hash(i, 2) < 0.1) taints.push({ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' });
    if (hash(i, 3) < 0.05) taints.push({ key: 'node.kubernetes.io/disk-pressure', effect: 'NoSchedule' });
    if (ready !== 'True') taints.push({ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' });
    const unschedulable = hash(i, 4) < 0.04;
    const excluded = taints.some((t) => t.key === 'dedicated');
    const pods: GraphPod[] = [];
    for (let d = 0; d < daemonSets; d++) {
      const dsKey = ds[d]?.key ?? '';
      if (excluded && d === 0) continue;
      const p = hash(i, d + 10, Math.floor(tick / 3) + (d === 1 ? tick : 0));
      let phase: PodVisualPhase = 'Running';
      let podReady = true;
      let unschedulableReason: string | undefined;
      if (ready === 'False') podReady = false;
      if (p < 0.02) phase = 'Pending';
      else if (p < 0.04) phase = 'ContainerCreating';
      else if (p < 0.06) {
        phase = 'Running';
        podReady = false;
      } else if (p < 0.07) phase = 'Terminating';
      else if (p < 0.075) phase = 'Failed';
      else if (p < 0.08) phase = 'Succeeded';
      if (phase !== 'Running' && phase !== 'Terminating') podReady = false;
      if (d === daemonSets - 1 && hash(i, 99) < 0.03) {
        phase = 'Pending';
        podReady = false;
        unschedulableReason = '0/1 nodes are available: 1 Insufficient memory.';
      }
      const podName = `${dsKey.split('/')[1] ?? 'pod'}-${podSuffix(i, d)}`;
      const pod: GraphPod = {
        key: `kube-system/${podName}`,
        name: podName,
        namespace: 'kube-system',
        node: name,
        daemonSet: dsKey,
        colorIndex: d,
        phase,
        ready: podReady,
        revision: hash(i, d, 7) < 0.1 ? 'old' : 'current',
      };
      if (unschedulableReason !== undefined) pod.unschedulableReason = unschedulableReason;
      pods.push(pod);
    }
    const node: GraphNode = {
      name,
      keyLabels: [
        ['zone', ZONES[i % ZONES.length] ?? ''],
        ['type', TYPES[Math.floor(hash(i, 5) * TYPES.length)] ?? ''],
      ],
      taints,
      unschedulable,
      ready,
      problems: hash(i, 6) < 0.03 ? ['MemoryPressure'] : [],
      pods,
    };
    if (excluded) node.excludedReason = "doesn't tolerate taint dedicated=gpu:NoSchedule";
    out.push(node);
  }
  return { nodes: out, daemonSets: ds, orphanPods: [] };
}

// Words for the accessible list, the tooltip and the box text. Pure so they are tested without a DOM.
import { taintToString } from '../../sim/scheduling/taints.ts';
import type { GraphNode, GraphPod, GraphTaint } from './model';

export function readyWord(ready: GraphNode['ready']): string {
  return ready === 'True' ? 'Ready' : ready === 'False' ? 'NotReady' : 'Unknown';
}

/** `key=value:Effect` (core/v1 Taint.ToString), as kubectl prints taints. */
export function formatTaint(t: GraphTaint): string {
  return taintToString(t);
}

/** All taints when they fit in `maxItems`, else the first ones and "+N". */
export function taintSummary(taints: readonly GraphTaint[], maxItems = 1): string {
  if (taints.length === 0) return '';
  const shown = taints.slice(0, maxItems).map(formatTaint).join(', ');
  return taints.length > maxItems ? `${shown} +${taints.length - maxItems}` : shown;
}

export function labelsSummary(labels: ReadonlyArray<[string, string]>): string {
  return labels.map(([k, v]) => `${k}=${v}`).join('  ');
}

export function phaseWords(pod: Pick<GraphPod, 'phase' | 'ready' | 'unschedulableReason'>): string {
  const ready = pod.ready ? 'ready' : 'not ready';
  return pod.unschedulableReason !== undefined ? `${pod.phase}, unschedulable` : `${pod.phase}, ${ready}`;
}

export function nodeAriaLabel(node: GraphNode): string {
  const parts = [
    `node ${node.name}`,
    readyWord(node.ready),
    `${node.pods.length} pod${node.pods.length === 1 ? '' : 's'}`,
  ];
  if (node.unschedulable) parts.push('cordoned');
  if (node.taints.length > 0) parts.push(`taints ${node.taints.map(formatTaint).join(' ')}`);
  if (node.problems.length > 0) parts.push(`problems ${node.problems.join(' ')}`);
  if (node.excludedReason !== undefined) parts.push(`excluded: ${node.excludedReason}`);
  return parts.join(', ');
}

export function podAriaLabel(pod: GraphPod): string {
  const where = pod.node ? ` on ${pod.node}` : ' with no node';
  return `pod ${pod.key}${where}, ${phaseWords(pod)}`;
}

/** Tooltip lines: first line is the title. */
export function nodeTooltip(node: GraphNode): string[] {
  const lines = [
    node.name,
    `${readyWord(node.ready)} · ${node.pods.length} pod${node.pods.length === 1 ? '' : 's'}${node.unschedulable ? ' · cordoned' : ''}`,
  ];
  if (node.keyLabels.length > 0) lines.push(labelsSummary(node.keyLabels));
  for (const t of node.taints) lines.push(`taint ${formatTaint(t)}`);
  if (node.problems.length > 0) lines.push(`⚠ ${node.problems.join(', ')}`);
  if (node.excludedReason !== undefined) lines.push(`Excluded: ${node.excludedReason}`);
  return lines;
}

export function podTooltip(pod: GraphPod): string[] {
  const lines = [pod.key, `${phaseWords(pod)}${pod.node ? ` · ${pod.node}` : ''}`];
  if (pod.daemonSet)
    lines.push(`DaemonSet ${pod.daemonSet}${pod.revision === 'old' ? ' (old revision)' : ''}`);
  if (pod.unschedulableReason !== undefined) lines.push(pod.unschedulableReason);
  return lines;
}

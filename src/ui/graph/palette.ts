// Colours and the phase → mark mapping. Pure (no DOM), so the mapping is unit-tested and the legend,
// the canvas and the far-zoom batches all draw from the same table.
import { color as d3color, interpolateRgb, schemeTableau10 } from 'd3';
import type { GraphNode, GraphPod } from './model';

/** Tableau 10: designed to stay distinguishable for the common colour-vision deficiencies. */
export const DAEMONSET_PALETTE: readonly string[] = schemeTableau10;
/** Pods without a DaemonSet owner (colorIndex -1). */
export const NEUTRAL_POD = '#8a929c';
/** Failure and scheduling trouble: darker than Tableau's red so it still reads on a red DaemonSet. */
export const DANGER = '#c62828';
export const WARNING = '#d98e04';
export const OK = '#2e9e5b';
export const ACCENT = '#2563eb';
export const INK = '#1f2933';
export const MUTED_INK = '#5b6672';
export const CANVAS_BG = '#f5f6f8';
export const SUCCEEDED_GREY = '#a7adb5';

export function podColor(colorIndex: number): string {
  if (colorIndex < 0) return NEUTRAL_POD;
  return DAEMONSET_PALETTE[colorIndex % DAEMONSET_PALETTE.length] ?? NEUTRAL_POD;
}

const lightCache = new Map<string, string>();
/** `c` mixed towards white by `amount` (0..1), as a hex string; cached because it runs per pod. */
export function lighten(c: string, amount: number): string {
  const key = `${c}|${amount}`;
  let v = lightCache.get(key);
  if (v === undefined) {
    v = d3color(interpolateRgb(c, '#ffffff')(amount))?.formatHex() ?? c;
    lightCache.set(key, v);
  }
  return v;
}

/** How one pod mark is drawn at normal zoom. */
export interface PodStyle {
  /** Fill colour; '#ffffff' for hollow marks (so the outline reads against the box). */
  fill: string;
  /** ContainerCreating: only the lower half carries `halfFill`. */
  halfFill: string;
  stroke: string;
  lineWidth: number;
  dashed: boolean;
  alpha: number;
  /** 'strike': one diagonal (Terminating); 'x': red cross (Failed). */
  cross: '' | 'strike' | 'x';
  crossColor: string;
  /** The one colour used when zoomed out, where every pod is a plain rectangle. */
  farFill: string;
  /** A pod of an older revision of its DaemonSet (during a rollout): a dark dot in its corner. */
  oldRevision?: boolean;
  /** Short word for the legend, tooltips and labels. */
  label: string;
}

export type PodStyleInput = Pick<GraphPod, 'phase' | 'ready' | 'colorIndex'> & {
  unschedulableReason?: string | undefined;
  revision?: 'current' | 'old' | undefined;
};

export function podStyle(pod: PodStyleInput): PodStyle {
  const st = phaseStyle(pod);
  return pod.revision === 'old' ? { ...st, oldRevision: true } : st;
}

function phaseStyle(pod: PodStyleInput): PodStyle {
  const c = podColor(pod.colorIndex);
  const base: PodStyle = {
    fill: c,
    halfFill: '',
    stroke: '',
    lineWidth: 1.5,
    dashed: false,
    alpha: 1,
    cross: '',
    crossColor: INK,
    farFill: c,
    label: pod.phase,
  };
  // An unschedulable pod is Pending by definition; the scheduling failure is what matters to show.
  if (pod.unschedulableReason !== undefined) {
    return {
      ...base,
      fill: '#ffffff',
      stroke: DANGER,
      dashed: true,
      farFill: DANGER,
      label: 'Unschedulable',
    };
  }
  switch (pod.phase) {
    case 'Pending':
      return { ...base, fill: '#ffffff', stroke: c, farFill: lighten(c, 0.6) };
    case 'ContainerCreating':
      return { ...base, fill: '#ffffff', halfFill: c, stroke: c, farFill: lighten(c, 0.35) };
    case 'Running':
      return pod.ready
        ? base
        : {
            ...base,
            fill: lighten(c, 0.55),
            stroke: c,
            farFill: lighten(c, 0.5),
            label: 'Running (not ready)',
          };
    case 'Terminating':
      return { ...base, alpha: 0.45, cross: 'strike', farFill: lighten(c, 0.7) };
    case 'Failed':
      return {
        ...base,
        fill: lighten(c, 0.6),
        stroke: DANGER,
        lineWidth: 2,
        cross: 'x',
        crossColor: DANGER,
        farFill: DANGER,
      };
    case 'Succeeded':
      return { ...base, fill: SUCCEEDED_GREY, stroke: c, lineWidth: 1, farFill: SUCCEEDED_GREY };
  }
}

/** How a node box is drawn. */
export interface NodeStyle {
  background: string;
  border: string;
  borderWidth: number;
  dashed: boolean;
  /** The Ready dot. */
  dot: string;
  /** Multiplier for everything inside the box: excluded nodes are dimmed. */
  alpha: number;
  readyText: 'Ready' | 'NotReady' | 'Unknown';
}

export function nodeStyle(
  node: Pick<GraphNode, 'ready' | 'unschedulable'> & { excludedReason?: string | undefined },
): NodeStyle {
  const excluded = node.excludedReason !== undefined;
  let s: NodeStyle;
  if (node.ready === 'False') {
    s = {
      background: '#fdf1f1',
      border: DANGER,
      borderWidth: 2,
      dashed: false,
      dot: DANGER,
      alpha: 1,
      readyText: 'NotReady',
    };
  } else if (node.ready === 'Unknown') {
    s = {
      background: '#fdf7e8',
      border: WARNING,
      borderWidth: 2,
      dashed: true,
      dot: WARNING,
      alpha: 1,
      readyText: 'Unknown',
    };
  } else {
    s = {
      background: '#ffffff',
      border: '#d5dae1',
      borderWidth: 1,
      dashed: false,
      dot: OK,
      alpha: 1,
      readyText: 'Ready',
    };
  }
  if (node.unschedulable && node.ready === 'True') s.background = '#f3f4f6';
  if (excluded) {
    s.alpha = 0.5;
    s.background = '#eef0f3';
  }
  return s;
}

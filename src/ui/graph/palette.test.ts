import { describe, expect, it } from 'vitest';
import type { PodVisualPhase } from './model';
import {
  DAEMONSET_PALETTE,
  DANGER,
  NEUTRAL_POD,
  SUCCEEDED_GREY,
  nodeStyle,
  podColor,
  podStyle,
} from './palette';

const c0 = DAEMONSET_PALETTE[0] as string;

describe('podStyle', () => {
  const style = (phase: PodVisualPhase, ready = false) => podStyle({ phase, ready, colorIndex: 0 });

  it('Running and ready is the solid DaemonSet colour', () => {
    const s = style('Running', true);
    expect(s.fill).toBe(c0);
    expect(s.alpha).toBe(1);
    expect(s.cross).toBe('');
  });
  it('Running but not ready is lighter than ready, outlined in the colour', () => {
    const s = style('Running', false);
    expect(s.fill).not.toBe(c0);
    expect(s.stroke).toBe(c0);
    expect(s.farFill).not.toBe(style('Running', true).farFill);
  });
  it('Pending is hollow (white fill, coloured outline)', () => {
    const s = style('Pending');
    expect(s.fill).toBe('#ffffff');
    expect(s.stroke).toBe(c0);
    expect(s.halfFill).toBe('');
  });
  it('ContainerCreating is half filled', () => {
    expect(style('ContainerCreating').halfFill).toBe(c0);
  });
  it('Terminating is faded and struck through', () => {
    const s = style('Terminating', true);
    expect(s.alpha).toBeLessThan(1);
    expect(s.cross).toBe('strike');
  });
  it('Failed has a red border and a red X', () => {
    const s = style('Failed');
    expect(s.stroke).toBe(DANGER);
    expect(s.cross).toBe('x');
    expect(s.crossColor).toBe(DANGER);
  });
  it('Succeeded is grey', () => {
    expect(style('Succeeded').fill).toBe(SUCCEEDED_GREY);
  });
  it('an unschedulable pod has a dashed red outline whatever its phase', () => {
    const s = podStyle({ phase: 'Pending', ready: false, colorIndex: 3, unschedulableReason: 'no fit' });
    expect(s.dashed).toBe(true);
    expect(s.stroke).toBe(DANGER);
  });
  it('every phase gives a distinct far-zoom colour from ready Running', () => {
    const phases: PodVisualPhase[] = ['Pending', 'ContainerCreating', 'Terminating', 'Failed', 'Succeeded'];
    for (const p of phases) expect(style(p).farFill).not.toBe(c0);
  });
});

describe('podColor', () => {
  it('uses the palette by colorIndex, wraps, and is neutral for -1', () => {
    expect(podColor(1)).toBe(DAEMONSET_PALETTE[1]);
    expect(podColor(DAEMONSET_PALETTE.length + 2)).toBe(DAEMONSET_PALETTE[2]);
    expect(podColor(-1)).toBe(NEUTRAL_POD);
  });
  it('has ten distinct colours', () => {
    expect(new Set(DAEMONSET_PALETTE).size).toBe(10);
  });
});

describe('nodeStyle', () => {
  it('makes NotReady and Unknown stand out from Ready', () => {
    const ok = nodeStyle({ ready: 'True', unschedulable: false });
    const bad = nodeStyle({ ready: 'False', unschedulable: false });
    const unk = nodeStyle({ ready: 'Unknown', unschedulable: false });
    expect(bad.border).toBe(DANGER);
    expect(bad.borderWidth).toBeGreaterThan(ok.borderWidth);
    expect(unk.dashed).toBe(true);
    expect(new Set([ok.dot, bad.dot, unk.dot]).size).toBe(3);
  });
  it('dims excluded nodes', () => {
    expect(nodeStyle({ ready: 'True', unschedulable: false, excludedReason: 'x' }).alpha).toBeLessThan(1);
  });
});

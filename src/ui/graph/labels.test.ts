import { describe, expect, it } from 'vitest';
import { formatTaint, nodeAriaLabel, podAriaLabel, taintSummary } from './labels';
import type { GraphNode, GraphPod } from './model';

const pod: GraphPod = {
  key: 'default/agent-x7k2p',
  name: 'agent-x7k2p',
  namespace: 'default',
  node: 'worker-1',
  daemonSet: 'default/agent',
  colorIndex: 0,
  phase: 'Running',
  ready: true,
};
const node: GraphNode = {
  name: 'worker-1',
  keyLabels: [],
  taints: [],
  unschedulable: false,
  ready: 'True',
  problems: [],
  pods: [pod, { ...pod, key: 'default/b', name: 'b' }],
};

describe('labels', () => {
  it('names nodes and pods the way the issue asks', () => {
    expect(nodeAriaLabel(node)).toBe('node worker-1, Ready, 2 pods');
    expect(podAriaLabel(pod)).toBe('pod default/agent-x7k2p on worker-1, Running, ready');
    expect(podAriaLabel({ ...pod, ready: false })).toBe(
      'pod default/agent-x7k2p on worker-1, Running, not ready',
    );
  });
  it('mentions cordon, problems and exclusion', () => {
    const l = nodeAriaLabel({
      ...node,
      ready: 'False',
      unschedulable: true,
      problems: ['DiskPressure'],
      excludedReason: 'no',
    });
    expect(l).toContain('NotReady');
    expect(l).toContain('cordoned');
    expect(l).toContain('DiskPressure');
    expect(l).toContain('excluded: no');
  });
  it('formats taints as key=value:Effect and abbreviates many', () => {
    expect(formatTaint({ key: 'a', value: 'b', effect: 'NoSchedule' })).toBe('a=b:NoSchedule');
    expect(formatTaint({ key: 'a', effect: 'NoExecute' })).toBe('a:NoExecute');
    const t = [
      { key: 'a', effect: 'NoSchedule' },
      { key: 'b', effect: 'NoSchedule' },
      { key: 'c', effect: 'NoSchedule' },
    ];
    expect(taintSummary(t, 1)).toBe('a:NoSchedule +2');
    expect(taintSummary([], 1)).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { runBench, type BenchHost } from './benchCore.ts';

/** A host with a clock that advances 1 ms per reading, a fixed heap and no CPU time or GC. */
function fakeHost(): BenchHost {
  let t = 0;
  return { now: () => (t += 1), cpuMs: () => undefined, heapMB: () => 10, gc: () => undefined };
}

/** The bench cluster's expected daemon pods, worked out from its rules rather than by simulating. */
function expectedPods(nodes: number): number {
  let pods = 0;
  for (let i = 0; i < nodes; i++) {
    for (let d = 0; d < 10; d++) {
      if (d % 3 === 1 && i % 2 !== 0) continue; // nodeSelector disk=ssd: even nodes only
      if (d % 3 === 2 && i % 3 === 2) continue; // affinity zone In [a, b]: not zone-c
      const tolerated = (effect: string) => d === 0 || (effect === 'NoSchedule' && d % 2 === 0);
      if (i % 10 === 0 && !tolerated('NoSchedule')) continue; // dedicated=infra:NoSchedule
      if (i % 25 === 0 && !tolerated('NoExecute')) continue; // gpu:NoExecute
      pods++;
    }
  }
  return pods;
}

describe('runBench', () => {
  it('converges the cluster it describes and reports every figure', () => {
    const [r] = runBench([100], fakeHost());
    expect(r).toBeDefined();
    expect(r!.nodes).toBe(100);
    expect(r!.daemonSets).toBe(10);
    expect(r!.pods).toBe(expectedPods(100));
    expect(r!.convergeCpuMs).toBeNull(); // the host cannot tell
    for (const k of ['convergeMs', 'labelChangeMs', 'addNodeMs', 'floorMs'] as const)
      expect(r![k]).toBeGreaterThan(0);
    expect(r!.ratio).toBeCloseTo(r!.convergeMs / r!.floorMs, 1);
    expect(r!.heapMB).toBe(10);
    expect(r!.retainedMB).toBe(0);
  });
});

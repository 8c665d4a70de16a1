import { describe, expect, it } from 'vitest';
import { syntheticModel } from './bench/synthetic';
import { BOX_W, CELL_W, POD_CAPACITY, slotRect } from './layout';
import type { GraphModel, GraphNode, GraphPod } from './model';
import { ANIM_MS, Scene } from './scene';

function pod(node: string, i: number, colorIndex = 0): GraphPod {
  return {
    key: `ns/${node}-p${i}`,
    name: `${node}-p${i}`,
    namespace: 'ns',
    node,
    daemonSet: `ns/ds${colorIndex}`,
    colorIndex,
    phase: 'Running',
    ready: true,
  };
}

function node(name: string, pods: GraphPod[] = []): GraphNode {
  return { name, keyLabels: [], taints: [], unschedulable: false, ready: 'True', problems: [], pods };
}

function model(names: string[]): GraphModel {
  return { nodes: names.map((n) => node(n, [pod(n, 0)])), daemonSets: [], orphanPods: [] };
}

const slots = (s: Scene, names: string[]) => names.map((n) => s.nodes.get(n)?.slot);

describe('Scene layout stability', () => {
  it('keeps every node in its slot as others come and go; new nodes fill gaps once they are free', () => {
    const s = new Scene();
    s.update(model(['a', 'b', 'c', 'd']), 0, 1280, 800);
    expect(slots(s, ['a', 'b', 'c', 'd'])).toEqual([0, 1, 2, 3]);

    // b leaves: it fades out in place, so its slot is not free yet; e appends.
    s.update(model(['a', 'c', 'd', 'e']), 1000, 1280, 800);
    expect(slots(s, ['a', 'c', 'd', 'e'])).toEqual([0, 2, 3, 4]);
    expect(s.nodes.get('b')?.goneAt).toBe(1000);

    // After the fade, b's slot is the first free one and the next new node takes it.
    expect(s.prune(1000 + ANIM_MS + 1)).toBe(false);
    expect(s.nodes.has('b')).toBe(false);
    s.update(model(['a', 'c', 'd', 'e', 'f']), 2000, 1280, 800);
    expect(slots(s, ['a', 'c', 'd', 'e', 'f'])).toEqual([0, 2, 3, 4, 1]);
  });

  it('keeps the column count while nodes come and go', () => {
    const s = new Scene();
    s.update(model(['a', 'b']), 0, 1280, 800);
    const cols = s.cols;
    s.update(model(['a', 'b', ...Array.from({ length: 50 }, (_, i) => `n${i}`)]), 10, 1280, 800);
    expect(s.cols).toBe(cols);
  });

  it('starts a fresh grid for a model sharing no node with the current one (a scenario switch)', () => {
    const s = new Scene();
    s.update(model(['a', 'b', 'c']), 0, 1280, 800);
    const reset = s.update(model(['x', 'y']), 10, 1280, 800);
    expect(reset).toBe(true);
    expect(slots(s, ['x', 'y'])).toEqual([0, 1]);
    expect(s.nodes.has('a')).toBe(false);
  });

  it('does not animate the first picture, animates later arrivals and departures', () => {
    const s = new Scene();
    s.update(model(['a']), 500, 1280, 800);
    expect(s.nodes.get('a')?.bornAt).toBe(-Infinity);
    expect(s.prune(500)).toBe(false);
    s.update(
      { nodes: [node('a', [pod('a', 0), pod('a', 1)])], daemonSets: [], orphanPods: [] },
      600,
      1280,
      800,
    );
    expect(s.nodes.get('a')?.podMap.get('ns/a-p1')?.bornAt).toBe(600);
    expect(s.prune(650)).toBe(true);
    s.update({ nodes: [node('a', [pod('a', 1)])], daemonSets: [], orphanPods: [] }, 1000, 1280, 800);
    expect(s.nodes.get('a')?.podMap.get('ns/a-p0')?.goneAt).toBe(1000);
    expect(s.prune(1000 + ANIM_MS)).toBe(false);
    expect(s.nodes.get('a')?.pods.map((p) => p.pod.key)).toEqual(['ns/a-p1']);
  });

  it('orders pods by DaemonSet colour so each DaemonSet sits in the same place on every box', () => {
    const s = new Scene();
    s.update(
      {
        nodes: [node('a', [pod('a', 0, 2), pod('a', 1, -1), pod('a', 2, 0)])],
        daemonSets: [],
        orphanPods: [],
      },
      0,
      800,
      600,
    );
    expect(s.nodes.get('a')?.pods.map((p) => p.pod.colorIndex)).toEqual([0, 2, -1]);
  });

  it('marks a phase change with changedAt so the mark can animate', () => {
    const s = new Scene();
    const p = pod('a', 0);
    s.update(
      { nodes: [node('a', [{ ...p, phase: 'Pending', ready: false }])], daemonSets: [], orphanPods: [] },
      0,
      800,
      600,
    );
    s.update({ nodes: [node('a', [p])], daemonSets: [], orphanPods: [] }, 100, 800, 600);
    expect(s.nodes.get('a')?.podMap.get(p.key)?.changedAt).toBe(100);
  });
});

describe('Scene hit-testing', () => {
  const m = syntheticModel({ nodes: 1000, daemonSets: 5 });
  const s = new Scene();
  s.update(m, 0, 1280, 800);

  it('finds every node by its header and every pod by its mark', () => {
    for (const n of m.nodes) {
      const r = s.rectOf('node', n.name);
      expect(r).toBeDefined();
      if (r === undefined) continue;
      expect(s.hitTest(r.x + 20, r.y + 8)).toEqual({ kind: 'node', name: n.name });
      for (const p of n.pods) {
        const pr = s.rectOf('pod', p.key);
        expect(pr).toBeDefined();
        if (pr !== undefined)
          expect(s.hitTest(pr.x + pr.w / 2, pr.y + pr.h / 2)).toEqual({ kind: 'pod', name: p.key });
      }
    }
  });

  it('returns nothing for the gaps and outside the grid', () => {
    const r = slotRect(0, s.cols);
    expect(s.hitTest(r.x + BOX_W + 4, r.y + 10)).toBeUndefined();
    expect(s.hitTest(-50, -50)).toBeUndefined();
    expect(s.hitTest(s.cols * CELL_W + 10, 10)).toBeUndefined();
    expect(s.hitTest(10, 1e6)).toBeUndefined();
  });

  it('maps the overflow cell of a crowded node to the node', () => {
    const crowded = new Scene();
    const pods = Array.from({ length: POD_CAPACITY + 5 }, (_, i) => pod('big', i));
    crowded.update({ nodes: [node('big', pods)], daemonSets: [], orphanPods: [] }, 0, 800, 600);
    const last = crowded.podRect(crowded.nodes.get('big')!, POD_CAPACITY - 1);
    expect(crowded.hitTest(last.x + 2, last.y + 2)).toEqual({ kind: 'node', name: 'big' });
    const first = crowded.rectOf('pod', pods[0]!.key)!;
    expect(crowded.hitTest(first.x + 2, first.y + 2)).toEqual({ kind: 'pod', name: pods[0]!.key });
  });

  it('finds pods in the no-node area above the grid', () => {
    const o = new Scene();
    const orphan = { ...pod('gone', 0), node: 'gone' };
    o.update({ nodes: [node('a')], daemonSets: [], orphanPods: [orphan] }, 0, 800, 600);
    const r = o.rectOf('pod', orphan.key)!;
    expect(r.y).toBeLessThan(0);
    expect(o.hitTest(r.x + 3, r.y + 3)).toEqual({ kind: 'pod', name: orphan.key });
    expect(o.bounds().y).toBeLessThan(0);
  });
});

// The renderer's retained state: where every node sits, which pods are in which order, and when each
// thing appeared, changed or left (for the short animations). Pure — the clock is passed in — so slot
// stability and hit-testing are unit-tested without a browser.
import {
  CELL_H,
  CELL_W,
  GAP,
  ORPHAN_HEADER,
  POD_CAPACITY,
  POD_COLS,
  POD_SIZE,
  SlotAllocator,
  chooseColumns,
  orphanArea,
  podIndexAt,
  podOffset,
  slotAt,
  slotRect,
  type Rect,
} from './layout';
import type { GraphModel, GraphNode, GraphPod } from './model';
import { nodeStyle, podStyle, type NodeStyle, type PodStyle } from './palette';

/** Length of the appear / change / leave animations. */
export const ANIM_MS = 250;

export type Target = { kind: 'node' | 'pod'; name: string };

export interface ScenePod {
  pod: GraphPod;
  style: PodStyle;
  /** Position in its box's display order (drives the mark's place). */
  index: number;
  bornAt: number;
  changedAt: number;
  /** Alpha before the last phase change, to fade from. */
  prevAlpha: number;
  /** When it left the model; Infinity while present. */
  goneAt: number;
  seen: number;
}

export interface SceneNode {
  name: string;
  node: GraphNode;
  style: NodeStyle;
  slot: number;
  bornAt: number;
  goneAt: number;
  seen: number;
  /** Display order: by DaemonSet colour (so the same DaemonSet sits in the same place on every box), then key. */
  pods: ScenePod[];
  podMap: Map<string, ScenePod>;
}

function podOrder(a: ScenePod, b: ScenePod): number {
  const ca = a.pod.colorIndex < 0 ? 1e9 : a.pod.colorIndex;
  const cb = b.pod.colorIndex < 0 ? 1e9 : b.pod.colorIndex;
  if (ca !== cb) return ca - cb;
  return a.pod.key < b.pod.key ? -1 : a.pod.key > b.pod.key ? 1 : 0;
}

function samePodLook(a: GraphPod, b: GraphPod): boolean {
  return (
    a.phase === b.phase &&
    a.ready === b.ready &&
    a.colorIndex === b.colorIndex &&
    a.unschedulableReason === b.unschedulableReason &&
    a.revision === b.revision
  );
}

export class Scene {
  cols = 1;
  readonly nodes = new Map<string, SceneNode>();
  /** slot → node, for grid-arithmetic lookup. */
  bySlot: Array<SceneNode | undefined> = [];
  /** Pods whose node does not exist, shown in a box above the grid. */
  readonly orphans: SceneNode;
  /** Where every pod lives, for `locate` and selection. */
  readonly podOwner = new Map<string, SceneNode>();
  selected: Target | undefined;
  daemonSets: GraphModel['daemonSets'] = [];
  /** Nothing animates until this time has passed. */
  animUntil = 0;

  private slots = new SlotAllocator();
  private generation = 0;
  private hasContent = false;
  private readonly leaving = new Set<SceneNode>();
  private readonly leavingPods = new Set<SceneNode>();

  constructor() {
    this.orphans = this.blankNode('', -1, -Infinity);
  }

  private blankNode(name: string, slot: number, bornAt: number): SceneNode {
    const node: GraphNode = {
      name,
      keyLabels: [],
      taints: [],
      unschedulable: false,
      ready: 'True',
      problems: [],
      pods: [],
    };
    return {
      name,
      node,
      style: nodeStyle(node),
      slot,
      bornAt,
      goneAt: Infinity,
      seen: 0,
      pods: [],
      podMap: new Map(),
    };
  }

  /** Number of grid rows ever used. */
  get rows(): number {
    return Math.max(1, Math.ceil(this.slots.extent / this.cols));
  }

  /**
   * Apply a model. `animate` is false for the first picture (nothing to fade from). Returns whether the
   * layout was reset (a different cluster), so the caller can re-fit the view.
   */
  update(model: GraphModel, now: number, viewportW: number, viewportH: number): boolean {
    const gen = ++this.generation;
    let reset = false;
    // A model sharing no node with the current picture is a different cluster (a scenario switch):
    // start a fresh grid sized for it rather than appending it below the old one's empty slots.
    const live = this.slots.size - this.leaving.size;
    if (live === 0 || !model.nodes.some((n) => this.nodes.get(n.name)?.goneAt === Infinity)) {
      if (model.nodes.length > 0 || live > 0) {
        this.resetLayout(model.nodes.length, viewportW, viewportH);
        reset = true;
      }
    }
    // A cluster that grew many times over (a bulk add) would become a tall thin strip in the grid
    // chosen for the small one: re-flow once, keeping every node's order.
    if (!reset && chooseColumns(model.nodes.length, viewportW, viewportH) > this.cols * 2) {
      this.reflow(model.nodes.length, viewportW, viewportH);
      reset = true;
    }
    const animate = this.hasContent && !reset;
    const t = animate ? now : -Infinity;

    for (const n of model.nodes) {
      let rec = this.nodes.get(n.name);
      if (rec === undefined) {
        rec = this.blankNode(n.name, this.slots.assign(n.name), t);
        this.nodes.set(n.name, rec);
        this.bySlot[rec.slot] = rec;
      } else if (rec.goneAt !== Infinity) {
        rec.goneAt = Infinity;
        this.leaving.delete(rec);
      }
      rec.seen = gen;
      if (rec.node !== n) {
        rec.node = n;
        rec.style = nodeStyle(n);
        this.syncPods(rec, n.pods, t, gen);
      }
    }
    for (const rec of this.nodes.values()) {
      if (rec.seen === gen || rec.goneAt !== Infinity) continue;
      if (animate) {
        rec.goneAt = now;
        this.leaving.add(rec);
      } else {
        this.dropNode(rec);
      }
    }
    this.orphans.seen = gen;
    this.syncPods(this.orphans, model.orphanPods, t, gen);

    this.selected = model.selected;
    this.daemonSets = model.daemonSets;
    this.hasContent = this.hasContent || model.nodes.length > 0 || model.orphanPods.length > 0;
    if (animate && (this.leaving.size > 0 || this.leavingPods.size > 0))
      this.animUntil = Math.max(this.animUntil, now + ANIM_MS);
    return reset;
  }

  private resetLayout(count: number, w: number, h: number): void {
    for (const rec of [...this.nodes.values()]) this.dropNode(rec);
    this.leaving.clear();
    this.slots = new SlotAllocator();
    this.bySlot = [];
    this.cols = chooseColumns(count, w, h);
  }

  private reflow(count: number, w: number, h: number): void {
    const order = [...this.nodes.values()]
      .filter((r) => r.goneAt === Infinity)
      .sort((a, b) => a.slot - b.slot);
    for (const rec of this.leaving) this.dropNode(rec);
    this.leaving.clear();
    this.slots = new SlotAllocator();
    this.bySlot = [];
    this.cols = chooseColumns(count, w, h);
    for (const rec of order) {
      rec.slot = this.slots.assign(rec.name);
      this.bySlot[rec.slot] = rec;
    }
  }

  private dropNode(rec: SceneNode): void {
    this.nodes.delete(rec.name);
    this.slots.release(rec.name);
    if (this.bySlot[rec.slot] === rec) this.bySlot[rec.slot] = undefined;
    for (const p of rec.pods) if (this.podOwner.get(p.pod.key) === rec) this.podOwner.delete(p.pod.key);
    this.leavingPods.delete(rec);
  }

  private syncPods(rec: SceneNode, pods: readonly GraphPod[], t: number, gen: number): void {
    const animate = t !== -Infinity;
    let membership = false;
    for (const pod of pods) {
      let p = rec.podMap.get(pod.key);
      if (p === undefined) {
        const style = podStyle(pod);
        p = {
          pod,
          style,
          index: 0,
          bornAt: t,
          changedAt: -Infinity,
          prevAlpha: style.alpha,
          goneAt: Infinity,
          seen: gen,
        };
        rec.podMap.set(pod.key, p);
        rec.pods.push(p);
        this.podOwner.set(pod.key, rec);
        membership = true;
        if (animate) this.animUntil = Math.max(this.animUntil, t + ANIM_MS);
      } else {
        if (p.goneAt !== Infinity) {
          p.goneAt = Infinity;
          this.podOwner.set(pod.key, rec);
        }
        if (p.pod !== pod && !samePodLook(p.pod, pod)) {
          p.prevAlpha = p.style.alpha;
          p.style = podStyle(pod);
          p.changedAt = t;
          if (animate) this.animUntil = Math.max(this.animUntil, t + ANIM_MS);
        }
        if (p.pod.colorIndex !== pod.colorIndex) membership = true;
        p.pod = pod;
        p.seen = gen;
      }
    }
    if (pods.length !== rec.pods.length) {
      for (let i = rec.pods.length - 1; i >= 0; i--) {
        const p = rec.pods[i] as ScenePod;
        if (p.seen === gen || p.goneAt !== Infinity) continue;
        if (animate) {
          p.goneAt = t;
          this.leavingPods.add(rec);
        } else {
          rec.pods.splice(i, 1);
          rec.podMap.delete(p.pod.key);
          if (this.podOwner.get(p.pod.key) === rec) this.podOwner.delete(p.pod.key);
          membership = true;
        }
      }
    }
    if (membership) this.reorder(rec);
  }

  private reorder(rec: SceneNode): void {
    rec.pods.sort(podOrder);
    for (let i = 0; i < rec.pods.length; i++) (rec.pods[i] as ScenePod).index = i;
  }

  /** Forget nodes and pods whose leave animation has finished. Returns whether anything still animates. */
  prune(now: number): boolean {
    for (const rec of this.leaving) {
      if (now - rec.goneAt >= ANIM_MS) {
        this.leaving.delete(rec);
        this.dropNode(rec);
      }
    }
    for (const rec of this.leavingPods) {
      let still = false;
      let removed = false;
      for (let i = rec.pods.length - 1; i >= 0; i--) {
        const p = rec.pods[i] as ScenePod;
        if (p.goneAt === Infinity) continue;
        if (now - p.goneAt >= ANIM_MS) {
          rec.pods.splice(i, 1);
          rec.podMap.delete(p.pod.key);
          if (this.podOwner.get(p.pod.key) === rec) this.podOwner.delete(p.pod.key);
          removed = true;
        } else {
          still = true;
        }
      }
      if (removed) this.reorder(rec);
      if (!still) this.leavingPods.delete(rec);
    }
    return now < this.animUntil || this.leaving.size > 0 || this.leavingPods.size > 0;
  }

  orphanRect(): (Rect & { perRow: number; rows: number }) | undefined {
    if (this.orphans.pods.length === 0) return undefined;
    return orphanArea(this.orphans.pods.length, this.cols);
  }

  /** World rectangle holding everything drawn. */
  bounds(): Rect {
    const used = Math.max(1, this.slots.extent);
    const cols = Math.min(this.cols, used);
    const w = cols * CELL_W - GAP;
    const h = this.rows * CELL_H - GAP;
    const o = this.orphanRect();
    if (o === undefined) return { x: 0, y: 0, w, h };
    return { x: 0, y: o.y, w: Math.max(w, o.w), h: h - o.y };
  }

  /** The box of a node, in world units. */
  nodeRect(rec: SceneNode): Rect {
    if (rec === this.orphans) {
      const o = this.orphanRect();
      return o ?? { x: 0, y: 0, w: 0, h: 0 };
    }
    return slotRect(rec.slot, this.cols);
  }

  /** The mark of a pod, in world units (an overflowed pod maps to the "+N" cell). */
  podRect(rec: SceneNode, index: number): Rect {
    const box = this.nodeRect(rec);
    if (rec === this.orphans) {
      const o = this.orphanRect();
      const off = podOffset(index, o?.perRow ?? POD_COLS, ORPHAN_HEADER);
      return { x: box.x + off.x, y: box.y + off.y, w: POD_SIZE, h: POD_SIZE };
    }
    const i = rec.pods.length > POD_CAPACITY ? Math.min(index, POD_CAPACITY - 1) : index;
    const off = podOffset(i);
    return { x: box.x + off.x, y: box.y + off.y, w: POD_SIZE, h: POD_SIZE };
  }

  rectOf(kind: 'node' | 'pod', name: string): Rect | undefined {
    if (kind === 'node') {
      const rec = this.nodes.get(name);
      return rec === undefined ? undefined : this.nodeRect(rec);
    }
    const rec = this.podOwner.get(name);
    const p = rec?.podMap.get(name);
    if (rec === undefined || p === undefined) return undefined;
    return this.podRect(rec, p.index);
  }

  /** What is under a world point: a pod, else its node, else nothing (empty space). */
  hitTest(wx: number, wy: number): Target | undefined {
    const o = this.orphanRect();
    if (o !== undefined && wx >= o.x && wx <= o.x + o.w && wy >= o.y && wy <= o.y + o.h) {
      const i = podIndexAt(wx - o.x, wy - o.y, o.perRow, o.rows, ORPHAN_HEADER);
      const p = i >= 0 ? this.orphans.pods[i] : undefined;
      return p !== undefined && p.goneAt === Infinity ? { kind: 'pod', name: p.pod.key } : undefined;
    }
    const hit = slotAt(wx, wy, this.cols);
    if (hit === undefined) return undefined;
    const rec = this.bySlot[hit.slot];
    if (rec === undefined || rec.goneAt !== Infinity) return undefined;
    const i = podIndexAt(hit.lx, hit.ly);
    const overflow = rec.pods.length > POD_CAPACITY;
    if (i >= 0 && !(overflow && i === POD_CAPACITY - 1)) {
      const p = rec.pods[i];
      if (p !== undefined && p.goneAt === Infinity) return { kind: 'pod', name: p.pod.key };
    }
    return { kind: 'node', name: rec.name };
  }
}

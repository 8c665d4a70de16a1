// Grid geometry and slot assignment. Pure arithmetic: drawing, hit-testing and the e2e `locate` hook
// all derive positions from these functions, so they cannot disagree about where a box is.

/** World units are CSS pixels at zoom 1. */
export const BOX_W = 208;
export const BOX_H = 122;
export const GAP = 16;
export const CELL_W = BOX_W + GAP;
export const CELL_H = BOX_H + GAP;
export const PAD = 10;

export const POD_SIZE = 14;
export const POD_GAP = 4;
export const POD_STEP = POD_SIZE + POD_GAP;
/** Pod marks start below the header, labels and taints lines. */
export const POD_TOP = 66;
export const POD_COLS = Math.floor((BOX_W - 2 * PAD + POD_GAP) / POD_STEP);
export const POD_ROWS = 2;
/** Beyond this many pods, the last cell shows "+N" and selects the node. */
export const POD_CAPACITY = POD_COLS * POD_ROWS;

/** The "pods without a node" box sits above the grid. */
export const ORPHAN_HEADER = 30;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Column count for a fresh layout: a grid roughly the shape of the viewport for `count` nodes, but at
 * least as many columns as fit the viewport at zoom 1 (so a small cluster fills the width instead of
 * making a tall thin column).
 */
export function chooseColumns(count: number, viewportW: number, viewportH: number): number {
  const w = viewportW > 0 ? viewportW : 1280;
  const h = viewportH > 0 ? viewportH : 800;
  const byWidth = Math.max(1, Math.floor((w + GAP) / CELL_W));
  const byShape = Math.ceil(Math.sqrt((Math.max(count, 1) * (w / h) * CELL_H) / CELL_W));
  return Math.max(byWidth, byShape);
}

/**
 * Each name keeps its slot until released; a new name takes the lowest free slot, else appends.
 * That is what keeps the picture still while nodes come and go: nothing ever moves to fill a gap.
 */
export class SlotAllocator {
  private readonly slots = new Map<string, number>();
  /** Released slots, kept sorted ascending so the lowest is reused first. */
  private readonly free: number[] = [];
  private next = 0;

  slotOf(name: string): number | undefined {
    return this.slots.get(name);
  }

  assign(name: string): number {
    const have = this.slots.get(name);
    if (have !== undefined) return have;
    const slot = this.free.length > 0 ? (this.free.shift() as number) : this.next++;
    this.slots.set(name, slot);
    return slot;
  }

  release(name: string): void {
    const slot = this.slots.get(name);
    if (slot === undefined) return;
    this.slots.delete(name);
    // Binary insertion: frees are rare and the list is short, but keep it O(log n) to find the place.
    let lo = 0;
    let hi = this.free.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.free[mid] as number) < slot) lo = mid + 1;
      else hi = mid;
    }
    this.free.splice(lo, 0, slot);
  }

  /** One past the highest slot ever handed out (the grid's extent). */
  get extent(): number {
    return this.next;
  }

  get size(): number {
    return this.slots.size;
  }
}

export function slotRect(slot: number, cols: number): Rect {
  const col = slot % cols;
  const row = Math.floor(slot / cols);
  return { x: col * CELL_W, y: row * CELL_H, w: BOX_W, h: BOX_H };
}

/** Top-left of pod mark `i` relative to its box. */
export function podOffset(i: number, perRow = POD_COLS, top = POD_TOP): { x: number; y: number } {
  return { x: PAD + (i % perRow) * POD_STEP, y: top + Math.floor(i / perRow) * POD_STEP };
}

/** Which slot (if any) a world point falls in; gaps between boxes belong to no slot. */
export function slotAt(
  wx: number,
  wy: number,
  cols: number,
): { slot: number; lx: number; ly: number } | undefined {
  if (wx < 0 || wy < 0) return undefined;
  const col = Math.floor(wx / CELL_W);
  if (col >= cols) return undefined;
  const row = Math.floor(wy / CELL_H);
  const lx = wx - col * CELL_W;
  const ly = wy - row * CELL_H;
  if (lx > BOX_W || ly > BOX_H) return undefined;
  return { slot: row * cols + col, lx, ly };
}

/** Which pod cell a box-local point falls in, or -1 (gaps between marks count as the node). */
export function podIndexAt(
  lx: number,
  ly: number,
  perRow = POD_COLS,
  rows = POD_ROWS,
  top = POD_TOP,
): number {
  const x = lx - PAD;
  const y = ly - top;
  if (x < 0 || y < 0) return -1;
  const c = Math.floor(x / POD_STEP);
  const r = Math.floor(y / POD_STEP);
  if (c >= perRow || r >= rows) return -1;
  if (x - c * POD_STEP > POD_SIZE || y - r * POD_STEP > POD_SIZE) return -1;
  return r * perRow + c;
}

/** Inclusive range of grid cells overlapping a world rectangle (for culling). */
export function visibleCells(
  view: Rect,
  cols: number,
  rows: number,
): { c0: number; c1: number; r0: number; r1: number } {
  return {
    c0: Math.max(0, Math.floor(view.x / CELL_W)),
    c1: Math.min(cols - 1, Math.floor((view.x + view.w) / CELL_W)),
    r0: Math.max(0, Math.floor(view.y / CELL_H)),
    r1: Math.min(rows - 1, Math.floor((view.y + view.h) / CELL_H)),
  };
}

/** Geometry of the orphan-pods box above the grid, sized by its pod count. */
export function orphanArea(count: number, cols: number): Rect & { perRow: number; rows: number } {
  const w = Math.max(BOX_W, Math.min(cols, 3) * CELL_W - GAP);
  const perRow = Math.floor((w - 2 * PAD + POD_GAP) / POD_STEP);
  const rows = Math.max(1, Math.ceil(count / perRow));
  const h = ORPHAN_HEADER + rows * POD_STEP + PAD - POD_GAP;
  return { x: 0, y: -(h + GAP * 2), w, h, perRow, rows };
}

import { describe, expect, it } from 'vitest';
import {
  BOX_H,
  BOX_W,
  CELL_H,
  CELL_W,
  PAD,
  POD_COLS,
  POD_SIZE,
  POD_STEP,
  POD_TOP,
  SlotAllocator,
  chooseColumns,
  podIndexAt,
  podOffset,
  slotAt,
  slotRect,
  visibleCells,
} from './layout';

describe('SlotAllocator', () => {
  it('hands out slots in order and keeps them', () => {
    const s = new SlotAllocator();
    expect(['a', 'b', 'c'].map((n) => s.assign(n))).toEqual([0, 1, 2]);
    expect(s.assign('b')).toBe(1);
    expect(s.slotOf('c')).toBe(2);
  });

  it('does not move the others when one is released, and reuses the lowest free slot first', () => {
    const s = new SlotAllocator();
    for (const n of ['a', 'b', 'c', 'd', 'e']) s.assign(n);
    s.release('d');
    s.release('b');
    expect(['a', 'c', 'e'].map((n) => s.slotOf(n))).toEqual([0, 2, 4]);
    expect(s.assign('x')).toBe(1);
    expect(s.assign('y')).toBe(3);
    expect(s.assign('z')).toBe(5);
    expect(s.extent).toBe(6);
  });

  it('ignores releasing an unknown name', () => {
    const s = new SlotAllocator();
    s.assign('a');
    s.release('nope');
    expect(s.assign('b')).toBe(1);
  });
});

describe('chooseColumns', () => {
  it('fills the viewport width for small clusters', () => {
    expect(chooseColumns(3, 1280, 800)).toBe(Math.floor((1280 + 16) / CELL_W));
  });
  it('makes a grid roughly the viewport shape for large clusters', () => {
    const cols = chooseColumns(1000, 1280, 800);
    const rows = Math.ceil(1000 / cols);
    const aspect = (cols * CELL_W) / (rows * CELL_H);
    expect(aspect).toBeGreaterThan(1.2);
    expect(aspect).toBeLessThan(2.2);
  });
  it('copes with an unmeasured (0×0) container', () => {
    expect(chooseColumns(10, 0, 0)).toBeGreaterThanOrEqual(1);
  });
});

describe('grid arithmetic', () => {
  it('slotAt inverts slotRect, and gaps belong to no slot', () => {
    const cols = 7;
    for (const slot of [0, 1, 6, 7, 48]) {
      const r = slotRect(slot, cols);
      expect(slotAt(r.x + 1, r.y + 1, cols)?.slot).toBe(slot);
      expect(slotAt(r.x + r.w - 1, r.y + r.h - 1, cols)?.slot).toBe(slot);
      expect(slotAt(r.x + BOX_W + 3, r.y + 5, cols)).toBeUndefined();
      expect(slotAt(r.x + 5, r.y + BOX_H + 3, cols)).toBeUndefined();
    }
    expect(slotAt(-1, 5, cols)).toBeUndefined();
    expect(slotAt(cols * CELL_W + 5, 5, cols)).toBeUndefined();
  });

  it('podIndexAt inverts podOffset; gaps between marks are not pods', () => {
    for (let i = 0; i < POD_COLS * 2; i++) {
      const o = podOffset(i);
      expect(podIndexAt(o.x + POD_SIZE / 2, o.y + POD_SIZE / 2)).toBe(i);
    }
    expect(podIndexAt(PAD + POD_SIZE + 1, POD_TOP + 2)).toBe(-1);
    expect(podIndexAt(PAD - 2, POD_TOP + 2)).toBe(-1);
    expect(podIndexAt(PAD + 2, POD_TOP + 2 * POD_STEP + 2)).toBe(-1);
  });

  it('visibleCells covers exactly the cells overlapping the view, clamped to the grid', () => {
    expect(visibleCells({ x: -100, y: -100, w: CELL_W * 2, h: CELL_H }, 10, 10)).toEqual({
      c0: 0,
      c1: 1,
      r0: 0,
      r1: 0,
    });
    expect(visibleCells({ x: CELL_W * 8.5, y: CELL_H * 9.5, w: 10000, h: 10000 }, 10, 10)).toEqual({
      c0: 8,
      c1: 9,
      r0: 9,
      r1: 9,
    });
  });
});

// Canvas drawing of a Scene at a zoom transform. Everything is on one canvas because SVG/DOM cannot
// hold 6,000 live marks at 50+ fps; cost is bounded by culling to the visible grid cells and by level
// of detail: zoomed out, boxes and pods are plain rectangles batched into one path per colour.
import {
  BOX_H,
  BOX_W,
  CELL_H,
  CELL_W,
  PAD,
  POD_CAPACITY,
  POD_COLS,
  POD_SIZE,
  POD_STEP,
  POD_TOP,
  visibleCells,
  type Rect,
} from './layout';
import { labelsSummary, taintSummary } from './labels';
import { ACCENT, CANVAS_BG, DANGER, INK, MUTED_INK, WARNING, type PodStyle } from './palette';
import { ANIM_MS, type Scene, type SceneNode, type ScenePod, type Target } from './scene';

export interface View {
  /** d3-zoom transform. */
  x: number;
  y: number;
  k: number;
  /** Canvas size in CSS pixels. */
  width: number;
  height: number;
  dpr: number;
}

export interface Highlights {
  hover?: Target | undefined;
  focus?: Target | undefined;
}

export type Lod = 'far' | 'mid' | 'near';

/** Below ~64 screen px per box text is unreadable, so it is not drawn at all. */
export function lodFor(k: number): Lod {
  const boxPx = BOX_W * k;
  return boxPx < 64 ? 'far' : boxPx < 130 ? 'mid' : 'near';
}

const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const FONT_NAME = `600 12px ${FONT_FAMILY}`;
const FONT_NAME_MID = `600 20px ${FONT_FAMILY}`;
const FONT_SMALL = `11px ${FONT_FAMILY}`;
const FONT_SMALL_BOLD = `600 11px ${FONT_FAMILY}`;
const FONT_ITALIC = `italic 11px ${FONT_FAMILY}`;
const TAINT_INK = '#8a5300';

const ease = (t: number): number => 1 - (1 - t) ** 3;

/** Fitted (ellipsised) strings, cached: measureText per frame per box would dominate near-zoom frames. */
const fitCache = new Map<string, string>();
function fit(ctx: CanvasRenderingContext2D, text: string, maxW: number): string {
  const key = `${ctx.font}\u0000${maxW}\u0000${text}`;
  let v = fitCache.get(key);
  if (v !== undefined) return v;
  if (fitCache.size > 20000) fitCache.clear();
  v = text;
  if (ctx.measureText(text).width > maxW) {
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ctx.measureText(`${text.slice(0, mid)}…`).width <= maxW) lo = mid;
      else hi = mid - 1;
    }
    v = `${text.slice(0, lo)}…`;
  }
  fitCache.set(key, v);
  return v;
}

/** Split text into at most two lines at a space (the second is ellipsised by `fit` if still long). */
const wrapCache = new Map<string, string[]>();
function wrap2(ctx: CanvasRenderingContext2D, text: string, maxW: number): string[] {
  const key = `${ctx.font}\u0000${maxW}\u0000${text}`;
  const have = wrapCache.get(key);
  if (have !== undefined) return have;
  if (wrapCache.size > 5000) wrapCache.clear();
  let lines = [text];
  if (ctx.measureText(text).width > maxW) {
    const words = text.split(' ');
    let n = 1;
    while (n < words.length && ctx.measureText(words.slice(0, n + 1).join(' ')).width <= maxW) n++;
    lines = n < words.length ? [words.slice(0, n).join(' '), words.slice(n).join(' ')] : [text];
  }
  wrapCache.set(key, lines);
  return lines;
}

/** A node's animation: alpha and scale while appearing or leaving. */
function nodeAnim(rec: SceneNode, now: number): number {
  if (rec.goneAt !== Infinity) return Math.max(0, 1 - (now - rec.goneAt) / ANIM_MS);
  const t = (now - rec.bornAt) / ANIM_MS;
  return t >= 1 ? 1 : ease(Math.max(0, t));
}

interface PodAnim {
  alpha: number;
  scale: number;
}
const animOut: PodAnim = { alpha: 1, scale: 1 };
function podAnim(p: ScenePod, now: number): PodAnim {
  animOut.alpha = p.style.alpha;
  animOut.scale = 1;
  if (p.goneAt !== Infinity) {
    const t = Math.min(1, (now - p.goneAt) / ANIM_MS);
    animOut.alpha = p.style.alpha * (1 - t);
    animOut.scale = 1 - 0.5 * t;
  } else if (now - p.bornAt < ANIM_MS) {
    const t = ease(Math.max(0, (now - p.bornAt) / ANIM_MS));
    animOut.alpha = p.style.alpha * t;
    animOut.scale = 0.4 + 0.6 * t;
  } else if (now - p.changedAt < ANIM_MS) {
    // A phase change "pops" the mark and fades between the old and new opacity.
    const t = ease(Math.max(0, (now - p.changedAt) / ANIM_MS));
    animOut.alpha = p.prevAlpha + (p.style.alpha - p.prevAlpha) * t;
    animOut.scale = 1 + 0.35 * (1 - t);
  }
  return animOut;
}

/**
 * One pod mark at (x, y) of size s. Exported so the legend draws exactly the marks the graph uses.
 * `lw` scales line widths (1 at world scale).
 */
export function drawPodMark(
  ctx: CanvasRenderingContext2D,
  st: PodStyle,
  x: number,
  y: number,
  s: number,
  lw = 1,
): void {
  const r = Math.min(3, s / 4);
  ctx.beginPath();
  ctx.roundRect(x, y, s, s, r);
  ctx.fillStyle = st.fill;
  ctx.fill();
  if (st.halfFill) {
    ctx.save();
    ctx.clip();
    ctx.fillStyle = st.halfFill;
    ctx.fillRect(x, y + s / 2, s, s / 2);
    ctx.restore();
  }
  if (st.stroke) {
    ctx.beginPath();
    const inset = (st.lineWidth * lw) / 2;
    ctx.roundRect(x + inset, y + inset, s - 2 * inset, s - 2 * inset, Math.max(0, r - inset));
    ctx.strokeStyle = st.stroke;
    ctx.lineWidth = st.lineWidth * lw;
    if (st.dashed) ctx.setLineDash([3 * lw, 2 * lw]);
    ctx.stroke();
    if (st.dashed) ctx.setLineDash([]);
  }
  if (st.oldRevision) {
    const d = Math.max(2, s * 0.42);
    ctx.beginPath();
    ctx.arc(x + s - d / 2, y + d / 2, d / 2, 0, Math.PI * 2);
    ctx.fillStyle = INK;
    ctx.fill();
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 1 * lw;
    ctx.stroke();
  }
  if (st.cross) {
    const m = s * 0.22;
    ctx.beginPath();
    ctx.moveTo(x + m, y + s - m);
    ctx.lineTo(x + s - m, y + m);
    if (st.cross === 'x') {
      ctx.moveTo(x + m, y + m);
      ctx.lineTo(x + s - m, y + s - m);
    }
    ctx.strokeStyle = st.crossColor;
    ctx.lineWidth = 1.6 * lw;
    ctx.lineCap = 'round';
    ctx.stroke();
    ctx.lineCap = 'butt';
  }
}

function ring(
  ctx: CanvasRenderingContext2D,
  r: Rect,
  k: number,
  color: string,
  px: number,
  radius: number,
  dashed = false,
): void {
  const off = (px / 2 + 2) / k;
  ctx.beginPath();
  ctx.roundRect(r.x - off, r.y - off, r.w + 2 * off, r.h + 2 * off, radius + off);
  ctx.strokeStyle = color;
  ctx.lineWidth = px / k;
  if (dashed) ctx.setLineDash([4 / k, 3 / k]);
  ctx.stroke();
  if (dashed) ctx.setLineDash([]);
}

/** Batches for the far level of detail: one path per colour instead of one call per mark. */
class Batches {
  private readonly groups = new Map<string, number[]>();
  add(color: string, x: number, y: number, w: number, h: number): void {
    let a = this.groups.get(color);
    if (a === undefined) {
      a = [];
      this.groups.set(color, a);
    }
    a.push(x, y, w, h);
  }
  fill(ctx: CanvasRenderingContext2D, alpha: number): void {
    ctx.globalAlpha = alpha;
    for (const [color, a] of this.groups) {
      if (a.length === 0) continue;
      ctx.beginPath();
      for (let i = 0; i < a.length; i += 4)
        ctx.rect(a[i] as number, a[i + 1] as number, a[i + 2] as number, a[i + 3] as number);
      ctx.fillStyle = color;
      ctx.fill();
      a.length = 0;
    }
    ctx.globalAlpha = 1;
  }
  stroke(ctx: CanvasRenderingContext2D, width: number): void {
    for (const [color, a] of this.groups) {
      if (a.length === 0) continue;
      ctx.beginPath();
      for (let i = 0; i < a.length; i += 4)
        ctx.rect(a[i] as number, a[i + 1] as number, a[i + 2] as number, a[i + 3] as number);
      ctx.strokeStyle = color;
      ctx.lineWidth = width;
      ctx.stroke();
      a.length = 0;
    }
  }
}
const boxFill = new Batches();
const boxStroke = new Batches();
const boxStrokeBold = new Batches();
const podFill = new Batches();
const podFillDim = new Batches();

/** Draw the whole scene. Returns nothing; the caller decides whether another frame is needed. */
export function drawScene(
  ctx: CanvasRenderingContext2D,
  scene: Scene,
  view: View,
  now: number,
  hl: Highlights,
): void {
  const { k, dpr } = view;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.globalAlpha = 1;
  ctx.fillStyle = CANVAS_BG;
  ctx.fillRect(0, 0, view.width, view.height);
  ctx.setTransform(dpr * k, 0, 0, dpr * k, dpr * view.x, dpr * view.y);

  const world: Rect = { x: -view.x / k, y: -view.y / k, w: view.width / k, h: view.height / k };
  const cells = visibleCells(world, scene.cols, scene.rows);
  const lod = lodFor(k);
  const animating: SceneNode[] = [];

  if (lod === 'far') {
    // Zoomed out, marks are a few pixels wide: pod animations are not worth drawing boxes one by one
    // (only appearing/leaving nodes are). Leaving pods simply vanish, new and changed ones snap.
    const px = 1 / k;
    for (let r = cells.r0; r <= cells.r1; r++) {
      for (let c = cells.c0; c <= cells.c1; c++) {
        const rec = scene.bySlot[r * scene.cols + c];
        if (rec === undefined) continue;
        if (rec.goneAt !== Infinity || now - rec.bornAt < ANIM_MS) {
          animating.push(rec);
          continue;
        }
        farNode(rec, c * CELL_W, r * CELL_H, px);
      }
    }
    boxFill.fill(ctx, 1);
    boxStroke.stroke(ctx, px);
    boxStrokeBold.stroke(ctx, 2.5 * px);
    podFill.fill(ctx, 1);
    podFillDim.fill(ctx, 0.45);
    for (const rec of animating) drawNodeFull(ctx, scene, rec, lod, k, now, hl);
  } else {
    for (let r = cells.r0; r <= cells.r1; r++) {
      for (let c = cells.c0; c <= cells.c1; c++) {
        const rec = scene.bySlot[r * scene.cols + c];
        if (rec !== undefined) drawNodeFull(ctx, scene, rec, lod, k, now, hl);
      }
    }
  }

  const orphan = scene.orphanRect();
  if (orphan !== undefined && orphan.y + orphan.h >= world.y && orphan.y <= world.y + world.h) {
    drawOrphans(ctx, scene, orphan, lod, k, now);
  }

  // Highlights go last so no neighbour paints over them.
  const sel = scene.selected;
  if (sel !== undefined) {
    const r = scene.rectOf(sel.kind, sel.name);
    if (r !== undefined) ring(ctx, r, k, ACCENT, 2.5, sel.kind === 'node' ? 8 : 3);
  }
  for (const t of [hl.hover, hl.focus]) {
    if (t === undefined || (sel !== undefined && t.kind === sel.kind && t.name === sel.name)) continue;
    const r = scene.rectOf(t.kind, t.name);
    if (r !== undefined)
      ring(ctx, r, k, t === hl.focus ? ACCENT : '#7b8794', 1.5, t.kind === 'node' ? 8 : 3, t === hl.focus);
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
}

function farNode(rec: SceneNode, x: number, y: number, px: number): void {
  const st = rec.style;
  const dim = st.alpha < 1;
  boxFill.add(st.background, x, y, BOX_W, BOX_H);
  // Thin borders are only drawn while boxes are big enough to need them: stroking thousands of
  // rectangles is a large share of a zoomed-out frame, and white boxes still read on the grey canvas.
  if (st.borderWidth > 1) boxStrokeBold.add(st.border, x + px, y + px, BOX_W - 2 * px, BOX_H - 2 * px);
  else if (BOX_W / px >= 40) boxStroke.add(st.border, x + px / 2, y + px / 2, BOX_W - px, BOX_H - px);
  const pods = rec.pods;
  const n = Math.min(pods.length, POD_CAPACITY);
  const target = dim ? podFillDim : podFill;
  for (let i = 0; i < n; i++) {
    const p = pods[i] as ScenePod;
    if (p.goneAt !== Infinity) continue;
    const col = i % POD_COLS;
    const row = (i - col) / POD_COLS;
    target.add(p.style.farFill, x + PAD + col * POD_STEP, y + POD_TOP + row * POD_STEP, POD_SIZE, POD_SIZE);
  }
}

function drawNodeFull(
  ctx: CanvasRenderingContext2D,
  scene: Scene,
  rec: SceneNode,
  lod: Lod,
  k: number,
  now: number,
  hl: Highlights,
): void {
  const box = scene.nodeRect(rec);
  const a = nodeAnim(rec, now);
  if (a <= 0) return;
  const st = rec.style;
  const node = rec.node;
  const hovered = hl.hover?.kind === 'node' && hl.hover.name === rec.name;

  ctx.globalAlpha = a;
  ctx.beginPath();
  ctx.roundRect(box.x, box.y, box.w, box.h, 8);
  ctx.fillStyle = st.background;
  ctx.fill();
  const bw = lod === 'far' ? st.borderWidth / k : st.borderWidth;
  ctx.lineWidth = hovered ? bw + 0.5 : bw;
  ctx.strokeStyle = hovered && st.borderWidth === 1 ? '#9aa5b1' : st.border;
  if (st.dashed) ctx.setLineDash([5, 3]);
  ctx.stroke();
  if (st.dashed) ctx.setLineDash([]);

  const inner = a * st.alpha;
  ctx.globalAlpha = inner;
  if (lod !== 'far') drawHeader(ctx, rec, box, lod);
  if (lod === 'near') {
    ctx.textAlign = 'left';
    ctx.font = FONT_SMALL;
    const textW = BOX_W - 2 * PAD;
    if (node.keyLabels.length > 0) {
      ctx.fillStyle = MUTED_INK;
      ctx.fillText(fit(ctx, labelsSummary(node.keyLabels), textW), box.x + PAD, box.y + 38);
    }
    if (node.taints.length > 0) {
      ctx.fillStyle = TAINT_INK;
      ctx.fillText(
        fit(ctx, taintSummary(node.taints, node.taints.length > 2 ? 1 : 2), textW),
        box.x + PAD,
        box.y + 54,
      );
    }
  }

  // Pods.
  const pods = rec.pods;
  const overflow = pods.length > POD_CAPACITY;
  const shown = overflow ? POD_CAPACITY - 1 : pods.length;
  for (let i = 0; i < shown; i++) {
    const p = pods[i] as ScenePod;
    const r = scene.podRect(rec, i);
    if (lod === 'far') {
      if (p.goneAt !== Infinity) continue;
      ctx.globalAlpha = inner;
      ctx.fillStyle = p.style.farFill;
      ctx.fillRect(r.x, r.y, r.w, r.h);
      continue;
    }
    const an = podAnim(p, now);
    ctx.globalAlpha = inner * an.alpha;
    const s = POD_SIZE * an.scale;
    const off = (POD_SIZE - s) / 2;
    drawPodMark(ctx, p.style, r.x + off, r.y + off, s, an.scale);
  }
  if (overflow && lod !== 'far') {
    const r = scene.podRect(rec, POD_CAPACITY - 1);
    ctx.globalAlpha = inner;
    ctx.font = FONT_SMALL_BOLD;
    ctx.fillStyle = MUTED_INK;
    ctx.textAlign = 'center';
    ctx.fillText(`+${pods.length - shown}`, r.x + r.w / 2, r.y + r.h / 2 + 1);
    ctx.textAlign = 'left';
  }

  ctx.globalAlpha = inner;
  if (lod === 'near') {
    ctx.textAlign = 'left';
    if (node.excludedReason !== undefined) {
      // The reason stays at full strength: the box is dimmed, the explanation must stay readable.
      // It may take the second pod row when that row is empty, so most reasons show in full.
      ctx.globalAlpha = a;
      ctx.font = FONT_ITALIC;
      ctx.fillStyle = '#4b5563';
      const lines =
        pods.length <= POD_COLS ? wrap2(ctx, node.excludedReason, BOX_W - 2 * PAD) : [node.excludedReason];
      const y0 = box.y + BOX_H - 12 - (lines.length - 1) * 15;
      lines.forEach((line, i) => ctx.fillText(fit(ctx, line, BOX_W - 2 * PAD), box.x + PAD, y0 + i * 15));
    } else if (pods.length > 0) {
      let ready = 0;
      for (const p of node.pods) if (p.ready) ready++;
      ctx.font = FONT_SMALL;
      ctx.fillStyle = '#8a939e';
      ctx.textAlign = 'right';
      ctx.fillText(`${ready}/${node.pods.length} ready`, box.x + BOX_W - PAD, box.y + BOX_H - 12);
      ctx.textAlign = 'left';
    }
  }
  ctx.globalAlpha = 1;
}

function drawHeader(ctx: CanvasRenderingContext2D, rec: SceneNode, box: Rect, lod: Lod): void {
  const node = rec.node;
  const st = rec.style;
  const mid = lod === 'mid';
  const cy = box.y + (mid ? 24 : 18);
  const dotR = mid ? 7 : 4.5;
  ctx.textBaseline = 'middle';
  ctx.beginPath();
  ctx.arc(box.x + PAD + dotR, cy, dotR, 0, Math.PI * 2);
  ctx.fillStyle = st.dot;
  ctx.fill();

  // Marks from the right edge inwards: warning, cordon, then the readiness word when not Ready.
  let right = box.x + BOX_W - PAD;
  const m = mid ? 16 : 12;
  if (node.problems.length > 0) {
    warningMark(ctx, right - m, cy, m);
    right -= m + 4;
  }
  if (node.unschedulable) {
    cordonMark(ctx, right - m, cy, m);
    right -= m + 4;
  }
  if (!mid && st.readyText !== 'Ready') {
    ctx.font = FONT_SMALL_BOLD;
    ctx.fillStyle = st.readyText === 'NotReady' ? DANGER : '#a86a00';
    ctx.textAlign = 'right';
    ctx.fillText(st.readyText, right, cy);
    right -= ctx.measureText(st.readyText).width + 6;
    ctx.textAlign = 'left';
  }
  const x = box.x + PAD + dotR * 2 + (mid ? 8 : 6);
  ctx.font = mid ? FONT_NAME_MID : FONT_NAME;
  ctx.fillStyle = INK;
  ctx.textAlign = 'left';
  ctx.fillText(fit(ctx, node.name, Math.max(10, right - x - 4)), x, cy);
}

function warningMark(ctx: CanvasRenderingContext2D, x: number, cy: number, s: number): void {
  const h = s * 0.9;
  ctx.beginPath();
  ctx.moveTo(x + s / 2, cy - h / 2);
  ctx.lineTo(x + s, cy + h / 2);
  ctx.lineTo(x, cy + h / 2);
  ctx.closePath();
  ctx.fillStyle = WARNING;
  ctx.fill();
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(x + s / 2 - s * 0.06, cy - h * 0.12, s * 0.12, h * 0.32);
  ctx.fillRect(x + s / 2 - s * 0.06, cy + h * 0.28, s * 0.12, s * 0.1);
}

/** A "no entry" disc: the node is cordoned (spec.unschedulable). */
function cordonMark(ctx: CanvasRenderingContext2D, x: number, cy: number, s: number): void {
  ctx.beginPath();
  ctx.arc(x + s / 2, cy, s / 2, 0, Math.PI * 2);
  ctx.fillStyle = '#4b5563';
  ctx.fill();
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(x + s * 0.2, cy - s * 0.09, s * 0.6, s * 0.18);
}

function drawOrphans(
  ctx: CanvasRenderingContext2D,
  scene: Scene,
  o: Rect,
  lod: Lod,
  k: number,
  now: number,
): void {
  ctx.globalAlpha = 1;
  ctx.beginPath();
  ctx.roundRect(o.x, o.y, o.w, o.h, 8);
  ctx.fillStyle = '#fff8f6';
  ctx.fill();
  ctx.setLineDash([6, 4]);
  ctx.lineWidth = lod === 'far' ? 1.5 / k : 1.5;
  ctx.strokeStyle = DANGER;
  ctx.stroke();
  ctx.setLineDash([]);
  if (lod !== 'far') {
    ctx.font = FONT_NAME;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    ctx.fillStyle = INK;
    ctx.fillText(`Pods without a node (${scene.orphans.pods.length})`, o.x + PAD, o.y + 16);
  }
  const pods = scene.orphans.pods;
  for (let i = 0; i < pods.length; i++) {
    const p = pods[i] as ScenePod;
    const r = scene.podRect(scene.orphans, i);
    const an = podAnim(p, now);
    ctx.globalAlpha = an.alpha;
    const s = POD_SIZE * an.scale;
    drawPodMark(ctx, p.style, r.x + (POD_SIZE - s) / 2, r.y + (POD_SIZE - s) / 2, s, an.scale);
  }
  ctx.globalAlpha = 1;
}

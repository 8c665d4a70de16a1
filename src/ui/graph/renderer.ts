// The node graph as an imperative handle: React (GraphView) owns its lifetime, this owns every pixel.
//
// Design: one canvas for the picture (redrawn in requestAnimationFrame when the zoom transform, the
// model, the hover or an animation changes), d3-zoom for pan/zoom, hit-testing by grid arithmetic
// (Scene.hitTest), and a visually hidden DOM list mirroring the picture for assistive technology,
// keyboard users and tests (AccessibleList).
//
// Test hook for end-to-end tests: after creation the host element carries
//   (element as any).__graph = { locate, hitTest, transformTo, getTransform, fit, stats }
// `locate('node', 'worker-1')` returns the node box's rectangle in client (viewport) coordinates at
// the current transform, or undefined if it is not in the model, so a Playwright test can do
//   const r = await page.evaluate(() => document.querySelector('#graph').__graph.locate('node', 'worker-1'));
//   await page.mouse.click(r.x + r.width / 2, r.y + 8);
// (aim at the header, y + 8, to hit the node rather than one of its pods). The rectangle may lie
// outside the viewport: call `transformTo` or `fit()` first. The host also gets data-graph-ready="true"
// after the first frame is drawn. Items in the hidden list cannot be mouse-clicked (they are clipped);
// select them with focus() + Enter, or dispatchEvent('click').
import './graph.css';
import { select, zoom, zoomIdentity, type D3ZoomEvent, type ZoomBehavior, type ZoomTransform } from 'd3';
import { AccessibleList } from './a11y';
import { drawScene, lodFor } from './draw';
import { nodeTooltip, podTooltip } from './labels';
import { Legend } from './legend';
import type { GraphCallbacks, GraphModel, GraphPod, GraphRenderer } from './model';
import { Scene, type Target } from './scene';

export type { Target as GraphTarget } from './scene';

export interface ClientRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface GraphTransform {
  x: number;
  y: number;
  k: number;
}

export interface GraphStats {
  /** Frames drawn since creation. */
  frames: number;
  /** Frames drawn during the last second (0 when idle: nothing is drawn without a change). */
  fps: number;
  lastDrawMs: number;
  /** Over the last 120 frames. */
  meanDrawMs: number;
  p95DrawMs: number;
  lod: 'far' | 'mid' | 'near';
}

/** The test hook attached to the host element as `__graph`. */
export interface GraphTestHook {
  locate(kind: 'node' | 'pod', name: string): ClientRect | undefined;
  /** What a click at these client coordinates would select. */
  hitTest(clientX: number, clientY: number): Target | undefined;
  transformTo(t: GraphTransform, durationMs?: number): void;
  getTransform(): GraphTransform;
  /** Frame the whole cluster. Instant by default, so a test can `locate` right after it. */
  fit(durationMs?: number): void;
  stats(): GraphStats;
}

export interface GraphRendererHandle extends GraphRenderer, GraphTestHook {
  /** Zoom by a factor around the viewport centre (the +/− buttons). */
  zoomBy(factor: number): void;
  /** Pan so that a node or pod is in view (no zoom change unless it cannot fit). */
  reveal(kind: 'node' | 'pod', name: string): void;
}

export type GraphHost = HTMLElement & { __graph?: GraphTestHook };

const MARGIN = 24;

export function createGraphRenderer(element: HTMLElement, callbacks: GraphCallbacks): GraphRendererHandle {
  const doc = element.ownerDocument;
  const win = doc.defaultView ?? window;
  const host = element as GraphHost;

  element.classList.add('dsg-host');
  const oldPosition = element.style.position;
  if (win.getComputedStyle(element).position === 'static') element.style.position = 'relative';

  const canvas = doc.createElement('canvas');
  canvas.className = 'dsg-canvas';
  // The picture is mirrored by the accessible list; the canvas itself is decoration to a screen reader.
  canvas.setAttribute('aria-hidden', 'true');
  const ctx = canvas.getContext('2d', { alpha: false });
  if (ctx === null) throw new Error('graph: 2D canvas is not available');

  const tooltip = doc.createElement('div');
  tooltip.className = 'dsg-tooltip';
  tooltip.setAttribute('role', 'tooltip');
  tooltip.hidden = true;
  tooltip.style.left = '0';
  tooltip.style.top = '0';

  const scene = new Scene();
  const legend = new Legend(doc);
  const list = new AccessibleList(
    doc,
    (t) => callbacks.onSelect(t),
    (t) => {
      focus = t;
      if (t !== undefined) handle.reveal(t.kind, t.name);
      schedule();
    },
  );

  const controls = doc.createElement('div');
  controls.className = 'dsg-controls';
  const controlButton = (text: string, label: string, action: () => void): HTMLButtonElement => {
    const b = doc.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.title = label;
    b.setAttribute('aria-label', label);
    b.addEventListener('click', action);
    return b;
  };
  controls.append(
    controlButton('+', 'Zoom in', () => handle.zoomBy(1.5)),
    controlButton('−', 'Zoom out', () => handle.zoomBy(1 / 1.5)),
    controlButton('FIT', 'Fit the whole cluster in view', () => handle.fit(250)),
  );

  element.append(canvas, controls, legend.root, tooltip, list.root);
  // In a small panel the open legend would cover a good part of the graph: start it folded there.
  if (element.clientHeight > 0 && (element.clientHeight < 560 || element.clientWidth < 640))
    legend.root.open = false;

  let transform: ZoomTransform = zoomIdentity;
  let width = 0;
  let height = 0;
  let dpr = 1;
  let frame = 0;
  let destroyed = false;
  /** Once the user pans or zooms, resizes and updates no longer re-fit the view under them. */
  let userMoved = false;
  let needsFit = false;
  let bounds = scene.bounds();
  let hover: Target | undefined;
  let focus: Target | undefined;
  let pointer: { x: number; y: number } | undefined;
  let frames = 0;
  let lastDrawMs = 0;
  const drawTimes: number[] = [];
  const frameStamps: number[] = [];

  const zoomBehavior: ZoomBehavior<HTMLCanvasElement, unknown> = zoom<HTMLCanvasElement, unknown>()
    .scaleExtent([0.01, 4])
    // A few pixels of jitter during a click is still a click, not a pan.
    .clickDistance(4)
    .on('zoom', (ev: D3ZoomEvent<HTMLCanvasElement, unknown>) => {
      transform = ev.transform;
      if (ev.sourceEvent) userMoved = true;
      hideTooltip();
      schedule();
    });
  const canvasSel = select(canvas);
  canvasSel.call(zoomBehavior);

  function schedule(): void {
    if (frame === 0 && !destroyed) frame = win.requestAnimationFrame(render);
  }

  function render(now: number): void {
    frame = 0;
    if (width === 0 || height === 0) return;
    const t0 = performance.now();
    const more = scene.prune(now);
    drawScene(
      ctx as CanvasRenderingContext2D,
      scene,
      { x: transform.x, y: transform.y, k: transform.k, width, height, dpr },
      now,
      {
        hover,
        focus,
      },
    );
    lastDrawMs = performance.now() - t0;
    drawTimes.push(lastDrawMs);
    if (drawTimes.length > 120) drawTimes.shift();
    frameStamps.push(now);
    while (frameStamps.length > 0 && (frameStamps[0] as number) < now - 1000) frameStamps.shift();
    if (frames++ === 0) element.dataset.graphReady = 'true';
    if (more) schedule();
  }

  function resize(): void {
    const w = element.clientWidth;
    const h = element.clientHeight;
    const r = win.devicePixelRatio || 1;
    if (w === width && h === height && r === dpr) return;
    width = w;
    height = h;
    dpr = r;
    canvas.width = Math.max(1, Math.round(w * r));
    canvas.height = Math.max(1, Math.round(h * r));
    if ((needsFit || !userMoved) && w > 0 && h > 0) fitView(0);
    schedule();
  }
  const ro = new ResizeObserver(resize);
  ro.observe(element);
  resize();

  function fitView(durationMs: number): void {
    if (width === 0 || height === 0) {
      needsFit = true;
      return;
    }
    needsFit = false;
    const b = scene.bounds();
    const [kMin, kMax] = zoomBehavior.scaleExtent();
    const k = Math.max(kMin, Math.min(kMax, 1, (width - 2 * MARGIN) / b.w, (height - 2 * MARGIN) / b.h));
    const x = (width - b.w * k) / 2 - b.x * k;
    // Small clusters sit near the top rather than floating in the middle of a tall panel.
    const y = Math.min((height - b.h * k) / 2, MARGIN * 2) - b.y * k;
    applyTransform({ x, y, k }, durationMs);
  }

  function applyTransform(t: GraphTransform, durationMs = 0): void {
    const zt = zoomIdentity.translate(t.x, t.y).scale(t.k);
    if (durationMs > 0) canvasSel.transition().duration(durationMs).call(zoomBehavior.transform, zt);
    else canvasSel.call(zoomBehavior.transform, zt);
  }

  /** Canvas-relative pointer position → world coordinates. */
  function toWorld(clientX: number, clientY: number): [number, number] {
    const r = canvas.getBoundingClientRect();
    return transform.invert([clientX - r.left, clientY - r.top]);
  }

  function findPod(key: string): GraphPod | undefined {
    return scene.podOwner.get(key)?.podMap.get(key)?.pod;
  }

  /** What the tooltip currently shows: rebuilt only when the item or its data changes, not per move. */
  let tipFor: unknown;

  function showTooltip(t: Target, x: number, y: number): void {
    const data = t.kind === 'node' ? scene.nodes.get(t.name)?.node : findPod(t.name);
    if (data !== undefined && data === tipFor && !tooltip.hidden) {
      placeTooltip(x, y);
      return;
    }
    tipFor = data;
    let lines: string[] | undefined;
    let danger = -1;
    if (t.kind === 'node') {
      const n = scene.nodes.get(t.name)?.node;
      if (n !== undefined) {
        lines = nodeTooltip(n);
        if (n.excludedReason !== undefined) danger = lines.length - 1;
      }
    } else {
      const p = findPod(t.name);
      if (p !== undefined) {
        lines = podTooltip(p);
        if (p.unschedulableReason !== undefined) danger = lines.length - 1;
      }
    }
    if (lines === undefined) {
      hideTooltip();
      return;
    }
    const parts = lines.map((line, i) => {
      const el = doc.createElement(i === 0 ? 'strong' : 'div');
      el.textContent = line;
      if (i === danger) el.className = 'dsg-tip-danger';
      return el;
    });
    tooltip.replaceChildren(...parts);
    tooltip.hidden = false;
    placeTooltip(x, y);
  }

  function placeTooltip(x: number, y: number): void {
    // Keep the tooltip inside the host: flip left/up near the right/bottom edges.
    const tw = tooltip.offsetWidth;
    const th = tooltip.offsetHeight;
    const left = x + 14 + tw > width ? Math.max(4, x - 14 - tw) : x + 14;
    const top = y + 14 + th > height ? Math.max(4, y - 14 - th) : y + 14;
    tooltip.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
  }

  function hideTooltip(): void {
    if (!tooltip.hidden) tooltip.hidden = true;
  }

  function refreshHover(): void {
    if (pointer === undefined) return;
    const [wx, wy] = transform.invert([pointer.x, pointer.y]);
    const hit = scene.hitTest(wx, wy);
    if (hit?.kind !== hover?.kind || hit?.name !== hover?.name) {
      hover = hit;
      schedule();
    }
    canvas.classList.toggle('dsg-pointer', hit !== undefined);
    if (hit === undefined) hideTooltip();
    else showTooltip(hit, pointer.x, pointer.y);
  }

  const onPointerMove = (ev: PointerEvent): void => {
    // While dragging, d3-zoom owns the pointer; a tooltip chasing the drag would only be noise.
    if (ev.buttons !== 0) return;
    const r = canvas.getBoundingClientRect();
    pointer = { x: ev.clientX - r.left, y: ev.clientY - r.top };
    refreshHover();
  };
  const onPointerLeave = (): void => {
    pointer = undefined;
    hideTooltip();
    if (hover !== undefined) {
      hover = undefined;
      schedule();
    }
  };
  const onClick = (ev: MouseEvent): void => {
    // d3-zoom swallows the click that ends a drag, so a click here is a real selection gesture.
    const [wx, wy] = toWorld(ev.clientX, ev.clientY);
    callbacks.onSelect(scene.hitTest(wx, wy));
  };
  canvas.addEventListener('pointermove', onPointerMove);
  canvas.addEventListener('pointerleave', onPointerLeave);
  canvas.addEventListener('click', onClick);

  const handle: GraphRendererHandle = {
    update(model: GraphModel): void {
      if (destroyed) return;
      const reset = scene.update(model, performance.now(), width, height);
      list.update(model);
      legend.update(model.daemonSets);
      const b = scene.bounds();
      const grew = b.w !== bounds.w || b.h !== bounds.h || b.y !== bounds.y;
      bounds = b;
      if (reset) {
        // A different cluster: its picture is framed afresh even if the user had moved the old one.
        userMoved = false;
        fitView(0);
      } else if (grew && !userMoved) {
        // Until the user takes over the view, keep the whole cluster framed as it grows. Instant, not
        // animated, so a test that calls locate() right after an update gets the final position.
        fitView(0);
      }
      if (pointer !== undefined) refreshHover();
      schedule();
    },

    destroy(): void {
      if (destroyed) return;
      destroyed = true;
      if (frame !== 0) win.cancelAnimationFrame(frame);
      ro.disconnect();
      canvasSel.interrupt();
      canvasSel.on('.zoom', null);
      canvas.removeEventListener('pointermove', onPointerMove);
      canvas.removeEventListener('pointerleave', onPointerLeave);
      canvas.removeEventListener('click', onClick);
      list.destroy();
      legend.destroy();
      canvas.remove();
      controls.remove();
      tooltip.remove();
      element.classList.remove('dsg-host');
      element.style.position = oldPosition;
      delete element.dataset.graphReady;
      if (host.__graph === hook) delete host.__graph;
    },

    locate(kind, name) {
      const r = scene.rectOf(kind, name);
      if (r === undefined) return undefined;
      const c = canvas.getBoundingClientRect();
      const [x, y] = transform.apply([r.x, r.y]);
      return { x: c.left + x, y: c.top + y, width: r.w * transform.k, height: r.h * transform.k };
    },

    hitTest(clientX, clientY) {
      const [wx, wy] = toWorld(clientX, clientY);
      return scene.hitTest(wx, wy);
    },

    transformTo(t, durationMs = 0) {
      applyTransform(t, durationMs);
    },

    getTransform() {
      return { x: transform.x, y: transform.y, k: transform.k };
    },

    fit(durationMs = 0) {
      fitView(durationMs);
    },

    zoomBy(factor) {
      canvasSel.transition().duration(200).call(zoomBehavior.scaleBy, factor);
    },

    reveal(kind, name) {
      const r = scene.rectOf(kind, name);
      if (r === undefined || width === 0) return;
      const [x0, y0] = transform.apply([r.x, r.y]);
      const x1 = x0 + r.w * transform.k;
      const y1 = y0 + r.h * transform.k;
      if (x0 >= 0 && y0 >= 0 && x1 <= width && y1 <= height) return;
      // Centre it, zooming in to a readable level if the current zoom is too far out to see it.
      const k = Math.max(transform.k, 0.8);
      applyTransform({ x: width / 2 - (r.x + r.w / 2) * k, y: height / 2 - (r.y + r.h / 2) * k, k }, 200);
    },

    stats() {
      const sorted = [...drawTimes].sort((a, b) => a - b);
      const mean = sorted.length > 0 ? sorted.reduce((a, b) => a + b, 0) / sorted.length : 0;
      const p95 =
        sorted.length > 0
          ? (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] as number)
          : 0;
      return {
        frames,
        fps: frameStamps.length,
        lastDrawMs,
        meanDrawMs: mean,
        p95DrawMs: p95,
        lod: lodFor(transform.k),
      };
    },
  };

  const hook: GraphTestHook = {
    locate: handle.locate,
    hitTest: handle.hitTest,
    transformTo: handle.transformTo,
    getTransform: handle.getTransform,
    fit: handle.fit,
    stats: handle.stats,
  };
  host.__graph = hook;
  return handle;
}

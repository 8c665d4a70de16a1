// Stand-alone harness for the graph renderer: the frame-time benchmark (scripts/bench-ui.ts) and
// screenshots drive it through `window.__bench`. Query: ?nodes=1000&ds=5
import type { GraphModel } from '../model';
import { createGraphRenderer, type GraphTransform } from '../renderer';
import { syntheticModel } from './synthetic';

export interface RunResult {
  frames: number;
  meanFps: number;
  meanFrameMs: number;
  p95FrameMs: number;
  maxFrameMs: number;
  meanDrawMs: number;
  p95DrawMs: number;
  /** Time inside renderer.update() (0 when the run feeds no models). */
  meanUpdateMs: number;
  maxUpdateMs: number;
}

export interface BenchApi {
  nodes: number;
  pods: number;
  /** Drive the zoom behaviour every frame for `ms`: 'pan' at the fitted zoom, 'zoom' from fitted to 4× it
   * and back, 'detail' a pan at zoom 1 (text drawn); `updatesPerSecond` also feeds new models. */
  run(mode: 'pan' | 'zoom' | 'detail', ms: number, updatesPerSecond?: number): Promise<RunResult>;
  fit(): void;
  transformTo(t: GraphTransform): void;
  select(kind: 'node' | 'pod', name: string): void;
  /** The current model, and a way to replace it (for interaction checks). */
  model(): GraphModel;
  update(m: GraphModel): void;
}

const params = new URLSearchParams(location.search);
const nodes = Number(params.get('nodes') ?? '1000');
const ds = Number(params.get('ds') ?? '5');
const host = document.getElementById('graph') as HTMLElement;

let tick = 0;
function withSelected(m: GraphModel, selected: GraphModel['selected']): GraphModel {
  const { selected: _old, ...rest } = m;
  return selected === undefined ? rest : { ...rest, selected };
}

let model: GraphModel = syntheticModel({ nodes, daemonSets: ds });
const renderer = createGraphRenderer(host, {
  onSelect(t) {
    model = withSelected(model, t);
    renderer.update(model);
  },
});
renderer.update(model);

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0
    ? 0
    : (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number);
}

function run(mode: 'pan' | 'zoom' | 'detail', ms: number, updatesPerSecond = 0): Promise<RunResult> {
  renderer.fit();
  return new Promise((resolve) => {
    // Let the fit transition settle before measuring.
    setTimeout(() => {
      const fitted = renderer.getTransform();
      const w = host.clientWidth;
      const h = host.clientHeight;
      const frameTimes: number[] = [];
      let drawnFrames = renderer.stats().frames;
      const drawMs: number[] = [];
      const updateMs: number[] = [];
      // Models are made before timing starts: producing them is the app's cost, not the renderer's.
      const feed =
        updatesPerSecond > 0
          ? Array.from({ length: 4 }, (_, i) => syntheticModel({ nodes, daemonSets: ds, tick: i + 1 }))
          : [];
      let last = -1;
      let t0 = -1;
      let lastUpdate = 0;
      const step = (now: number): void => {
        if (t0 < 0) t0 = now;
        else frameTimes.push(now - last);
        last = now;
        const t = (now - t0) / 1000;
        if (mode === 'pan') {
          renderer.transformTo({
            x: fitted.x + 220 * Math.sin(t * 2.1),
            y: fitted.y + 160 * Math.cos(t * 1.7),
            k: fitted.k,
          });
        } else if (mode === 'zoom') {
          const k = fitted.k * 2 ** (1 - Math.cos(t * 2));
          // Zoom about the viewport centre, as the wheel would about the pointer.
          const cx = (w / 2 - fitted.x) / fitted.k;
          const cy = (h / 2 - fitted.y) / fitted.k;
          renderer.transformTo({ x: w / 2 - cx * k, y: h / 2 - cy * k, k });
        } else {
          renderer.transformTo({
            x: -400 - 600 * (1 - Math.cos(t * 1.3)),
            y: -300 - 300 * Math.sin(t * 1.1),
            k: 1,
          });
        }
        if (updatesPerSecond > 0 && now - lastUpdate >= 1000 / updatesPerSecond) {
          lastUpdate = now;
          model = withSelected(feed[tick++ % feed.length] as GraphModel, model.selected);
          const u0 = performance.now();
          renderer.update(model);
          updateMs.push(performance.now() - u0);
        }
        const s = renderer.stats();
        if (s.frames > drawnFrames) drawMs.push(s.lastDrawMs);
        drawnFrames = s.frames;
        if (now - t0 < ms) {
          requestAnimationFrame(step);
          return;
        }
        const sorted = [...frameTimes].sort((a, b) => a - b);
        const mean = frameTimes.reduce((a, b) => a + b, 0) / Math.max(1, frameTimes.length);
        const draws = [...drawMs].sort((a, b) => a - b);
        resolve({
          frames: frameTimes.length,
          meanFps: 1000 / mean,
          meanFrameMs: mean,
          p95FrameMs: percentile(sorted, 0.95),
          maxFrameMs: sorted[sorted.length - 1] ?? 0,
          meanDrawMs: draws.reduce((a, b) => a + b, 0) / Math.max(1, draws.length),
          p95DrawMs: percentile(draws, 0.95),
          meanUpdateMs: updateMs.reduce((a, b) => a + b, 0) / Math.max(1, updateMs.length),
          maxUpdateMs: Math.max(0, ...updateMs),
        });
      };
      requestAnimationFrame(step);
    }, 400);
  });
}

const api: BenchApi = {
  nodes,
  pods: model.nodes.reduce((n, node) => n + node.pods.length, 0),
  run,
  fit: () => renderer.fit(),
  transformTo: (t) => renderer.transformTo(t),
  model: () => model,
  update(m) {
    model = m;
    renderer.update(m);
  },
  select(kind, name) {
    model = { ...model, selected: { kind, name } };
    renderer.update(model);
  },
};
(window as unknown as { __bench: BenchApi }).__bench = api;

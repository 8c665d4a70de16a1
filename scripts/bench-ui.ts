// Frame-time benchmark of the graph renderer in headless Chromium.
//   npm run bench:ui                 table
//   npm run bench:ui -- --json       JSON
//   npm run bench:ui -- --screenshots /tmp     also save graph-<n>.png and graph-<n>-zoom.png
//   npm run bench:ui -- --ms 3000 --nodes 1000,5000 --ds 5
// Builds src/ui/graph/bench (a Vite build, offline; scripts/harness.ts), serves it locally, and drives
// the zoom behaviour every animation frame, timing frames with requestAnimationFrame.
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import type { BenchApi, RunResult } from '../src/ui/graph/bench/main';
import { openHarness } from './harness.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const json = process.argv.includes('--json');
const ms = Number(arg('ms') ?? '3000');
const sizes = (arg('nodes') ?? '1000,5000').split(',').map(Number);
const dsCount = Number(arg('ds') ?? '5');
const shotDir = arg('screenshots');
const log = (s: string): void => {
  if (!json) process.stderr.write(`${s}\n`);
};

const root = resolve(import.meta.dirname, '../src/ui/graph/bench');

interface HookHost {
  __graph: import('../src/ui/graph/renderer').GraphTestHook;
}

/** Before timing anything: the hidden list mirrors the model, and a click where `locate` says a node
 * and a pod are selects them (the e2e hook works at this size). */
async function smokeCheck(page: Page, n: number, pods: number, problems: string[]): Promise<void> {
  await page.waitForFunction(
    ([nodes, podCount]) =>
      document.querySelectorAll('li[data-kind="node"]').length === nodes &&
      document.querySelectorAll('li[data-kind="pod"]').length === podCount,
    [n, pods] as const,
    { timeout: 30000 },
  );
  // At zoom 1 so a pod is 14 px: at the fitted zoom of 5,000 nodes it is about one pixel.
  await page.evaluate(() =>
    (window as unknown as { __bench: BenchApi }).__bench.transformTo({ x: 20, y: 20, k: 1 }),
  );
  const name = `worker-${String(Math.min(n, 3)).padStart(String(n).length, '0')}`;
  const pod = await page.evaluate((node) => {
    const li = document.querySelector(`li[data-kind="pod"][data-node="${node}"]`);
    return li?.getAttribute('data-name') ?? '';
  }, name);
  for (const [kind, target] of [
    ['node', name],
    ['pod', pod],
  ] as const) {
    const r = await page.evaluate(
      ([k, t]) => (document.getElementById('graph') as unknown as HookHost).__graph.locate(k, t),
      [kind, target] as const,
    );
    if (r === undefined) {
      problems.push(`[${n}] locate(${kind}, ${target}) found nothing`);
      continue;
    }
    // Aim at the node's header (pods fill the middle of the box).
    await page.mouse.click(
      r.x + r.width / 2,
      kind === 'node' ? r.y + Math.max(2, r.height * 0.07) : r.y + r.height / 2,
    );
    const sel = await page.evaluate(() =>
      document.querySelector('li[data-selected="true"]')?.getAttribute('data-name'),
    );
    if (sel !== target) problems.push(`[${n}] clicking ${kind} ${target} selected ${String(sel)}`);
  }
}

async function main(): Promise<void> {
  log('building harness…');
  const harness = await openHarness(root);
  const { browser } = harness;
  const port = new URL(harness.origin).port;

  const rows: Array<{ nodes: number; pods: number; mode: string } & RunResult> = [];
  const problems: string[] = [];
  try {
    for (const n of sizes) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning')
          problems.push(`[${n}] console ${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`[${n}] page error: ${e.message}`));
      page.on('request', (r) => {
        if (!r.url().startsWith(`http://127.0.0.1:${port}/`) && !r.url().startsWith('data:'))
          problems.push(`[${n}] request ${r.url()}`);
      });
      await page.goto(`http://127.0.0.1:${port}/index.html?nodes=${n}&ds=${dsCount}`);
      await page.waitForSelector('#graph[data-graph-ready="true"]');
      const pods = await page.evaluate(() => (window as unknown as { __bench: BenchApi }).__bench.pods);
      await smokeCheck(page, n, pods, problems);
      const modes: Array<['pan' | 'zoom' | 'detail', number, string]> = [
        ['pan', 0, 'pan (fit)'],
        ['zoom', 0, 'zoom (fit..4x)'],
        ['detail', 0, 'pan (zoom 1)'],
        ['pan', 4, 'pan + 4 updates/s'],
      ];
      for (const [mode, ups, label] of modes) {
        log(`${n} nodes: ${label}…`);
        const r = await page.evaluate(
          ([m, t, u]) => (window as unknown as { __bench: BenchApi }).__bench.run(m, t, u),
          [mode, ms, ups] as const,
        );
        rows.push({ nodes: n, pods, mode: label, ...r });
      }
      if (shotDir !== undefined) {
        await page.evaluate(() => (window as unknown as { __bench: BenchApi }).__bench.fit());
        await page.waitForTimeout(500);
        await page.screenshot({ path: join(shotDir, `graph-${n}.png`) });
        await page.evaluate(() => {
          const b = (window as unknown as { __bench: BenchApi }).__bench;
          b.select('node', 'worker-0004');
          b.transformTo({ x: 30, y: 30, k: 1.1 });
        });
        await page.waitForTimeout(400);
        await page.screenshot({ path: join(shotDir, `graph-${n}-zoom.png`) });
        await page.evaluate(() =>
          (window as unknown as { __bench: BenchApi }).__bench.transformTo({ x: 20, y: 20, k: 0.5 }),
        );
        await page.waitForTimeout(400);
        await page.screenshot({ path: join(shotDir, `graph-${n}-mid.png`) });
      }
      await page.close();
    }
  } finally {
    await harness.close();
  }

  if (json) {
    process.stdout.write(`${JSON.stringify({ rows, problems }, null, 2)}\n`);
  } else {
    const head = [
      'nodes',
      'pods',
      'mode',
      'mean fps',
      'p95 frame ms',
      'max frame ms',
      'mean draw ms',
      'p95 draw ms',
      'update ms',
      'max update ms',
    ];
    const body = rows.map((r) => [
      String(r.nodes),
      String(r.pods),
      r.mode,
      r.meanFps.toFixed(1),
      r.p95FrameMs.toFixed(1),
      r.maxFrameMs.toFixed(1),
      r.meanDrawMs.toFixed(2),
      r.p95DrawMs.toFixed(2),
      r.meanUpdateMs > 0 ? r.meanUpdateMs.toFixed(1) : '-',
      r.maxUpdateMs > 0 ? r.maxUpdateMs.toFixed(1) : '-',
    ]);
    const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
    const line = (cells: string[]): string => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');
    process.stdout.write(`${line(head)}\n${body.map(line).join('\n')}\n`);
    for (const p of problems) process.stdout.write(`problem: ${p}\n`);
  }
  if (problems.length > 0) process.exitCode = 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});

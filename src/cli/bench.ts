// `npm run bench [-- --json] [-- --sizes 100,1000] [-- --runtime node|chromium]`: how fast the
// simulation core converges at cluster scale (the measuring itself is in benchCore.ts). Node by
// default; `--runtime chromium` runs the same code in headless Chromium, where the app runs it.
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BENCH_NOTES, round, runBench, type BenchHost, type BenchResult } from './benchCore.ts';

const { WARMUP, MEASURED, REPEATS } = BENCH_NOTES;

/** Node: the process's own clock, CPU time and heap; a GC when run with --expose-gc. */
const NODE_HOST: BenchHost = {
  now: () => performance.now(),
  cpuMs: () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  },
  heapMB: () => process.memoryUsage().heapUsed / 1024 / 1024,
  gc: () => (globalThis as { gc?: () => void }).gc?.(),
};

/** The same benchmark in headless Chromium (the runtime the app's simulation worker runs in). */
async function runInChromium(sizes: number[]): Promise<BenchResult[]> {
  const { openHarness } = await import('../../scripts/harness.ts');
  process.stderr.write('building the browser harness…\n');
  const harness = await openHarness(resolve(import.meta.dirname, 'bench-browser'), [
    '--js-flags=--expose-gc',
    '--enable-precise-memory-info',
  ]);
  try {
    const page = await harness.browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => {
      if (!r.url().startsWith(harness.origin)) problems.push(`request to ${r.url()}`);
    });
    await page.goto(`${harness.origin}index.html`);
    await page.waitForFunction(() => '__runBench' in window);
    process.stderr.write(`running in ${harness.browser.version()}…\n`);
    page.setDefaultTimeout(0);
    const results = await page.evaluate(
      (s) => (window as unknown as { __runBench: (sizes: number[]) => BenchResult[] }).__runBench(s),
      sizes,
    );
    if (problems.length > 0) throw new Error(`the browser harness failed: ${problems.join('; ')}`);
    return results;
  } finally {
    await harness.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  const sizesArg = argv.indexOf('--sizes');
  const sizesText = sizesArg >= 0 ? (argv[sizesArg + 1] ?? '') : '100,1000,5000';
  const sizes = sizesText.split(',').map(Number);
  // The relabel series (b) changes nodes 1, 3, … up to 2 × (WARMUP + MEASURED) - 1.
  const smallest = 2 * (WARMUP + MEASURED);
  const bad = sizes.findIndex((n) => !Number.isInteger(n) || n < smallest);
  if (bad >= 0) {
    process.stderr.write(
      `error: --sizes ${sizesText}: size ${bad + 1} (${sizesText.split(',')[bad] || 'empty'}) must be a whole number of nodes, at least ${smallest}\n`,
    );
    process.exitCode = 2;
    return;
  }
  const runtimeArg = argv.indexOf('--runtime');
  const runtime = runtimeArg >= 0 ? argv[runtimeArg + 1] : 'node';
  if (runtime !== 'node' && runtime !== 'chromium') {
    process.stderr.write(`error: --runtime must be node or chromium, not ${String(runtime)}\n`);
    process.exitCode = 2;
    return;
  }
  const results = runtime === 'chromium' ? await runInChromium(sizes) : runBench(sizes, NODE_HOST);
  if (json) {
    process.stdout.write(JSON.stringify({ results }, null, 2) + '\n');
    return;
  }
  const header = [
    'nodes',
    'daemonSets',
    'pods',
    'converge ms',
    'converge cpu ms',
    'label change ms',
    'add node ms',
    'floor ms',
    'ratio a/d',
    'heap MB',
    'retained MB',
    'µs per node×DS',
  ];
  const rows = results.map((r) => [
    r.nodes,
    r.daemonSets,
    r.pods,
    r.convergeMs,
    r.convergeCpuMs ?? '—',
    r.labelChangeMs,
    r.addNodeMs,
    r.floorMs,
    r.ratio,
    r.heapMB,
    r.retainedMB,
    round((r.convergeMs * 1000) / (r.nodes * r.daemonSets)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: Array<string | number>) =>
    cells.map((c, i) => String(c).padStart(widths[i]!)).join('  ');
  process.stdout.write(`runtime: ${runtime}\n` + line(header) + '\n' + rows.map(line).join('\n') + '\n');
  process.stdout.write(
    `\n(a) converge: apply nodes and DaemonSets until every pod is Running and Ready (median of ${REPEATS} runs from scratch); (b)/(c) one node relabelled / added, until converged (${WARMUP} different\nchanges unmeasured, then the median of ${MEASURED} more); converge cpu ms: user+system CPU time of (a), GC threads included;\nheap MB: the most heap in use at the end of any phase (garbage not yet collected included); retained MB: what the converged cluster holds after a full GC;\n(d) floor: the same number of pod objects built and stored, with no defaulting, validation or controllers (median of ${REPEATS}). Wall-clock; targets: 5,000×10 under 2 s, one-node changes under 5 ms, a/d under 10.\n`,
  );
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});

// A Vite-built page served from a local static server and opened in headless Chromium: what the
// browser benchmarks (`npm run bench:ui`, `npm run bench -- --runtime chromium`) share. The browser
// is the one scripts/chromium.ts picks (the e2e tests' too).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { build } from 'vite';
import { chromiumLaunchOptions } from './chromium.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

export interface Harness {
  /** Where the built page is served, e.g. `http://127.0.0.1:4567/`. */
  origin: string;
  browser: Browser;
  close(): Promise<void>;
}

/** Build the page at `root` (index.html), serve it, and launch Chromium with `args` added. */
export async function openHarness(root: string, args: readonly string[] = []): Promise<Harness> {
  const outDir = mkdtempSync(join(tmpdir(), 'harness-'));
  await build({
    root,
    base: './',
    configFile: false,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, reportCompressedSize: false },
  });
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
      /^([/\\])+/,
      '',
    );
    const file = join(outDir, path === '' ? 'index.html' : path);
    if (!file.startsWith(outDir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const browser = await chromium.launch(chromiumLaunchOptions(args));
  return {
    origin: `http://127.0.0.1:${port}/`,
    browser,
    async close() {
      await browser.close();
      server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

// Serves the built site (dist/) under a sub-path, the way a docs site would host it in a folder.
// Usage: tsx e2e/serve.ts [port] [base]. Anything outside the base is a 404, so a stray absolute
// URL in the build fails the tests instead of passing by accident.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const port = Number(process.argv[2] ?? 4173);
const base = process.argv[3] ?? '/app/';
const root = resolve(import.meta.dirname, '..', 'dist');
// Test-only files (e.g. a broken scenario) are served beside the app, never shipped in dist/.
const FIXTURES = '__fixtures__/';
const fixtures = resolve(import.meta.dirname, 'fixtures');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.yaml': 'text/yaml; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
  '.ttf': 'font/ttf',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

createServer((req, res) => {
  void (async () => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(base)) {
      res.writeHead(404).end('not under ' + base);
      return;
    }
    const rel = normalize(decodeURIComponent(url.pathname.slice(base.length)) || 'index.html');
    if (rel.startsWith('..')) {
      res.writeHead(403).end();
      return;
    }
    let file = rel.startsWith(FIXTURES) ? join(fixtures, rel.slice(FIXTURES.length)) : join(root, rel);
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  })();
}).listen(port, '127.0.0.1', () => {
  process.stdout.write(`serving ${root} at http://127.0.0.1:${port}${base}\n`);
});

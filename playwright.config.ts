import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

// Playwright cannot download browsers on machines without internet: use the system Chromium
// (Debian's package) when there is one, else Playwright's own if `npx playwright install chromium`
// put it there. Say clearly when neither exists.
const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(
  (p) => existsSync(p),
);
if (!SYSTEM_CHROMIUM && !process.env.PLAYWRIGHT_BROWSERS_PATH && !process.env.CI_ALLOW_PLAYWRIGHT_CHROMIUM) {
  process.stderr.write(
    'e2e: no Chromium found at /usr/bin/chromium. Install it (apt-get install chromium) or run `npx playwright install chromium`.\n',
  );
}

export const PORT = 4173;
export const BASE = '/app/';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['./e2e/countReporter.ts']],
  outputDir: 'test-results/e2e',
  use: {
    baseURL: `http://127.0.0.1:${PORT}${BASE}`,
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      ...(SYSTEM_CHROMIUM ? { executablePath: SYSTEM_CHROMIUM } : {}),
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `npx tsx e2e/serve.ts ${PORT} ${BASE}`,
    url: `http://127.0.0.1:${PORT}${BASE}`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});

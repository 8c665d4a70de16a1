import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions, SYSTEM_CHROMIUM } from './scripts/chromium.ts';

// Say clearly when there is neither a system Chromium nor Playwright's own (scripts/chromium.ts).
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
    launchOptions: chromiumLaunchOptions(),
  },
  webServer: {
    command: `npx tsx e2e/serve.ts ${PORT} ${BASE}`,
    url: `http://127.0.0.1:${PORT}${BASE}`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});

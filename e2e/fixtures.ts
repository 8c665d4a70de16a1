// Shared test fixture: every test watches for requests to other origins and console errors, and
// fails if it saw any. Each test starts from a clean slate (no autosave from an earlier test).

import { test as base, expect, type Page } from '@playwright/test';

export interface Watch {
  foreignRequests: string[];
  consoleErrors: string[];
}

export const test = base.extend<{ watch: Watch }>({
  watch: [
    async ({ page, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      const watch: Watch = { foreignRequests: [], consoleErrors: [] };
      page.on('request', (r) => {
        const u = r.url();
        if (u.startsWith('data:') || u.startsWith('blob:')) return;
        if (new URL(u).origin !== origin) watch.foreignRequests.push(u);
      });
      page.on('console', (m) => {
        if (m.type() === 'error') watch.consoleErrors.push(m.text());
      });
      page.on('pageerror', (e) => watch.consoleErrors.push(String(e)));
      await use(watch);
      expect(watch.foreignRequests, 'requests to other origins').toEqual([]);
      expect(watch.consoleErrors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Open the app fresh (no saved state) and wait until the worker has sent its first snapshot. */
export async function openFresh(page: Page, query = ''): Promise<void> {
  await page.goto('./' + query);
  await page.evaluate(() => localStorage.clear());
  await page.goto('./' + query);
  await page.locator('.app[data-ready="true"]').waitFor();
}

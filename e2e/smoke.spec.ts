import { expect, openFresh, test } from './fixtures.ts';

test('first load shows the default cluster and its daemon pods', async ({ page }) => {
  await openFresh(page);
  const nodes = page.locator('[data-kind="node"]');
  await expect(nodes).toHaveCount(3);
  const pods = page.locator('[data-kind="pod"][data-daemonset="kube-system/fluentd-elasticsearch"]');
  await expect(pods).toHaveCount(3, { timeout: 2_500 });
  await expect(page.locator('[data-kind="pod"][data-phase="Running"]')).toHaveCount(3, { timeout: 15_000 });
  await page.screenshot({ path: 'test-results/default.png' });
});

import type { Page } from '@playwright/test';
import { expect, openFresh, test } from './fixtures.ts';
import { GraphPage } from './pages.ts';

async function openConsole(page: Page) {
  await page.getByRole('tab', { name: 'kubectl' }).click();
  return page.getByRole('textbox', { name: 'kubectl command' });
}

async function type(page: Page, command: string): Promise<string> {
  const input = page.getByRole('textbox', { name: 'kubectl command' });
  const before = await page.getByTestId('console-entry').count();
  await input.fill(command);
  await input.press('Enter');
  await expect(page.getByTestId('console-entry')).toHaveCount(before + 1);
  return (await page.getByTestId('console-result').last().textContent()) ?? '';
}

test('kubectl get ds prints kubectl columns; taint then describe node shows the taint', async ({ page }) => {
  await openFresh(page);
  await expect(new GraphPage(page).pods({ phase: 'Running' })).toHaveCount(3);
  await page.getByRole('button', { name: 'Pause' }).click();
  await openConsole(page);

  const ds = await type(page, 'kubectl get ds -n kube-system');
  const [header, row] = ds.split('\n');
  expect(header!.split(/\s{2,}/)).toEqual([
    'NAME',
    'DESIRED',
    'CURRENT',
    'READY',
    'UP-TO-DATE',
    'AVAILABLE',
    'NODE SELECTOR',
    'AGE',
  ]);
  expect(row!.split(/\s{2,}/).slice(0, 7)).toEqual([
    'fluentd-elasticsearch',
    '3',
    '3',
    '3',
    '3',
    '3',
    '<none>',
  ]);

  expect(await type(page, 'taint node worker-2 dedicated=infra:NoSchedule')).toBe('node/worker-2 tainted\n');
  const describe = await type(page, 'describe node worker-2');
  expect(describe).toMatch(/^Taints:\s+dedicated=infra:NoSchedule$/m);
  // The graph shows it too: the taint went through the simulated API server.
  await expect(new GraphPage(page).node('worker-2')).toHaveAttribute(
    'aria-label',
    /dedicated=infra:NoSchedule/,
  );

  // Errors are kubectl's.
  expect(await type(page, 'get deployments')).toContain(
    `error: the server doesn't have a resource type "deployments"`,
  );
  await expect(page.getByTestId('console-entry').last()).toHaveAttribute('data-exit-code', '1');
});

test('the console keeps a history and completes names with Tab', async ({ page }) => {
  await openFresh(page);
  const input = await openConsole(page);
  await type(page, 'get nodes');
  await type(page, 'get pods -A');
  await input.press('ArrowUp');
  await expect(input).toHaveValue('get pods -A');
  await input.press('ArrowUp');
  await expect(input).toHaveValue('get nodes');
  await input.press('ArrowDown');
  await expect(input).toHaveValue('get pods -A');

  await input.fill('describe node work');
  await input.press('Tab');
  // Two candidates share the prefix `worker-`.
  await expect(input).toHaveValue('describe node worker-');
  await input.pressSequentially('1');
  await input.press('Enter');
  await expect(page.getByTestId('console-result').last()).toHaveText(/^Name:\s+worker-1$/m);
});

test('apply -f - takes pasted YAML', async ({ page }) => {
  await openFresh(page);
  const input = await openConsole(page);
  await input.fill('apply -f -');
  await input.press('Enter');
  await page
    .getByRole('textbox', { name: 'Standard input' })
    .fill('apiVersion: v1\nkind: Node\nmetadata:\n  name: pasted-1\n  labels: {disk: ssd}\n');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('console-result').last()).toHaveText('node/pasted-1 created\n');
  await expect(new GraphPage(page).pods({ node: 'pasted-1', phase: 'Running' })).toHaveCount(1);
});

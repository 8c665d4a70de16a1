import { expect, openFresh, test } from './fixtures.ts';
import { EditorPage, GraphPage, TimePage } from './pages.ts';

const GPU = '?scenario=scenarios/gpu-taint.yaml';

test('the verdict names the untolerated taint; adding the toleration changes it and the pod lands', async ({
  page,
}) => {
  await openFresh(page, GPU);
  const graph = new GraphPage(page);
  // Dimmed, with the one-line reason.
  await expect(graph.node('gpu-1')).toHaveAttribute('data-excluded', 'true');
  await expect(graph.node('gpu-1')).toHaveAttribute('title', 'taint dedicated=gpu:NoSchedule not tolerated');
  await expect(graph.livePods('gpu-1')).toHaveCount(0);

  await graph.clickNode('gpu-1');
  const verdict = page.locator('[data-testid="verdict"][data-daemonset="default/node-agent"]');
  await expect(verdict.getByTestId('verdict-summary')).toHaveText(
    /no new pod; an existing one may stay — taint dedicated=gpu:NoSchedule not tolerated/,
  );
  await expect(verdict.locator('[data-check="taints"]')).toHaveAttribute('data-ok', 'false');
  await expect(verdict.locator('[data-check="nodeSelector"]')).toHaveAttribute('data-ok', 'true');

  // Add the toleration in the YAML, under the pod template's spec.
  const editor = new EditorPage(page);
  const lines = (await editor.text()).split('\n');
  const templateSpec = lines.findIndex((l) => l === '    spec:') + 1;
  expect(templateSpec).toBeGreaterThan(0);
  await editor.addLinesAfter(templateSpec, [
    '      tolerations:',
    '        - key: dedicated',
    '          operator: Equal',
    '          value: gpu',
    '          effect: NoSchedule',
  ]);
  await editor.apply();
  await expect(page.getByTestId('apply-output')).toHaveText('daemonset.apps/node-agent configured');
  await page.getByRole('button', { name: 'Play' }).click();

  await expect(verdict.getByTestId('verdict-summary')).toHaveText(/runs a pod/);
  await expect(verdict).toContainText('tolerated by dedicated=gpu:NoSchedule');
  await expect(graph.node('gpu-1')).toHaveAttribute('data-excluded', 'false');
  await expect(graph.pods({ node: 'gpu-1', daemonSet: 'default/node-agent', phase: 'Running' })).toHaveCount(
    1,
  );
});

test('"why DESIRED" lists the excluded nodes by reason', async ({ page }) => {
  await openFresh(page, GPU);
  await page.getByRole('button', { name: '+ Add nodes' }).click();
  const form = page.getByRole('form', { name: 'Add nodes' });
  await form.getByLabel('Count').fill('2');
  await form.getByLabel('Name pattern').fill('gpu-extra-{n}');
  await form.getByLabel('Taints').fill('dedicated=gpu:NoSchedule');
  await form.getByRole('button', { name: 'Add' }).click();
  await page.locator('tr[data-daemonset="default/node-agent"]').click();
  const why = page.getByTestId('why-desired');
  await expect(why.getByRole('heading', { level: 3 })).toHaveText('Why is DESIRED 2?');
  await expect(why).toContainText('2 of 5 nodes pass');
  const groups = why.getByTestId('excluded-group');
  await expect(groups).toHaveCount(1);
  await expect(groups.first()).toContainText(
    'taint dedicated=gpu:NoSchedule not tolerated (3): gpu-1, gpu-extra-1, gpu-extra-2',
  );
});

test('scrubbing back to t+0 shows no pods; back to live shows them again', async ({ page }) => {
  await openFresh(page);
  const graph = new GraphPage(page);
  await expect(graph.pods({ phase: 'Running' })).toHaveCount(3);
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await page.getByRole('button', { name: 't+0', exact: true }).click();
  await expect(page.locator('.app')).toHaveAttribute('data-past', '0');
  await expect(
    page.getByRole('status').filter({ hasText: 'Viewing the cluster as it was at t+0s' }),
  ).toBeVisible();
  await expect(graph.host.locator('[data-kind="node"]')).toHaveCount(3);
  await expect(graph.pods()).toHaveCount(0);
  // Read-only: the editor cannot apply and nodes cannot be added.
  await expect(page.getByRole('button', { name: 'Apply', exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: '+ Add nodes' })).toBeDisabled();

  // A later moment: the pods are there, still read-only.
  const slider = page.getByRole('slider', { name: 'Scrub timeline' });
  await slider.focus();
  await slider.press('End');
  await expect(page.getByTestId('timeline-position')).toHaveText(/^t\+\d+s$/);
  await expect(graph.pods()).toHaveCount(3);

  await page.getByRole('button', { name: 'Back to live' }).first().click();
  await expect(page.locator('.app')).not.toHaveAttribute('data-past', /./);
  await expect(graph.pods({ phase: 'Running' })).toHaveCount(3);
  await expect(page.getByRole('button', { name: 'Apply', exact: true })).toBeEnabled();
});

test('step mode runs the controllers one sync at a time and shows what each decided', async ({ page }) => {
  await openFresh(page);
  const graph = new GraphPage(page);
  await expect(graph.pods({ phase: 'Running' })).toHaveCount(3);
  await new TimePage(page).pause();
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const step = page.getByRole('button', { name: 'Step one sync' });
  await step.click();

  // A new node: nothing reacts until we step.
  await page.getByRole('button', { name: '+ Add nodes' }).click();
  await page.getByRole('form', { name: 'Add nodes' }).getByLabel('Name pattern').fill('late');
  await page.getByRole('form', { name: 'Add nodes' }).getByRole('button', { name: 'Add' }).click();
  await expect(graph.node('late')).toHaveCount(1);
  await expect(graph.pods({ node: 'late' })).toHaveCount(0);

  const last = page.getByTestId('last-sync');
  const timeline = page.getByRole('region', { name: 'Timeline' });
  /** Press Step and wait for that step's answer. */
  const stepOnce = async () => {
    const n = Number(await timeline.getAttribute('data-steps'));
    await step.click();
    await expect(timeline).toHaveAttribute('data-steps', String(n + 1));
    return (await last.getAttribute('data-controller')) ?? '';
  };
  const seen: string[] = [];
  for (let i = 0; i < 12 && !seen.includes('daemonset-controller'); i++) seen.push(await stepOnce());
  expect(seen).toContain('daemonset-controller');
  // The DaemonSet controller's sync: one create for the new node, and the status it wrote.
  await expect(last.getByTestId('decision-creates')).toHaveText(
    /^creates: fluentd-elasticsearch-[a-z0-9]{5}$/,
  );
  await expect(last.getByTestId('decision-deletes')).toHaveText('deletes: none');
  await expect(last.getByTestId('decision-status')).toContainText('desired 4');
  await expect(graph.pods({ node: 'late', phase: 'Pending' })).toHaveCount(1);

  // The next steps: the scheduler binds it.
  for (let i = 0; i < 20; i++) if ((await stepOnce()) === 'default-scheduler') break;
  await expect(last).toHaveAttribute('data-controller', 'default-scheduler');
  await expect(last).toContainText('Scheduled');
  await expect(graph.pods({ node: 'late', phase: 'ContainerCreating' })).toHaveCount(1);
});

test('a scenario loaded by link has a timeline from its very start', async ({ page }) => {
  await openFresh(page, GPU);
  const graph = new GraphPage(page);
  await expect(graph.pods({ phase: 'Running' })).toHaveCount(2);
  await page.getByRole('tab', { name: 'Timeline' }).click();
  // The scenario's own steps are in the timeline: the DaemonSet controller's first sync is there.
  await expect(page.getByRole('table', { name: 'Timeline entries' })).toContainText(
    'sync default/node-agent',
  );
  await page.getByRole('button', { name: 't+0', exact: true }).click();
  await expect(graph.pods()).toHaveCount(0);
  await page.getByRole('button', { name: 'Back to live' }).first().click();
  await expect(graph.pods({ phase: 'Running' })).toHaveCount(2);
});

test('a scenario link to another site is refused without a request', async ({ page, watch }) => {
  await openFresh(page, '?scenario=https://example.com/evil.yaml');
  await expect(page.locator('.notice-error')).toContainText(
    'Could not load scenario https://example.com/evil.yaml: scenarios load only from this site',
  );
  await expect(new GraphPage(page).host.locator('[data-kind="node"]')).toHaveCount(3);
  expect(watch.foreignRequests).toEqual([]);
});

import { expect, openFresh, test } from './fixtures.ts';
import { EditorPage, GraphPage, InspectorPage } from './pages.ts';

test('the editor completes Kubernetes fields from the schema and warns about wrong types', async ({
  page,
}) => {
  await openFresh(page);
  const editor = new EditorPage(page);
  // Under the top-level `spec:` (line 8), at its children's indentation.
  await editor.addLinesAfter(8, ['  updateStr']);
  await page.keyboard.press('ControlOrMeta+Space');
  const suggest = page.locator('.monaco-editor .suggest-widget');
  await expect(suggest.getByText('updateStrategy', { exact: true })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect.poll(() => editor.text()).toContain('\n  updateStrategy:');

  // A wrong type is a schema warning (monaco-yaml), before anything is applied.
  await expect(page.locator('.monaco-editor .squiggly-warning')).toHaveCount(0);
  await editor.addLinesAfter(8, ['  revisionHistoryLimit: ten']);
  await expect(page.locator('.monaco-editor .squiggly-warning').first()).toBeVisible();
  // Show the hover for the caret's position from the keyboard (Ctrl+K Ctrl+I).
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ControlOrMeta+K');
  await page.keyboard.press('ControlOrMeta+I');
  await expect(page.getByRole('tooltip', { name: /Incorrect type\. Expected "integer"/ })).toBeVisible();
});

test('a node whose kubelet stops reporting keeps its daemon pod; a removed node loses it', async ({
  page,
}) => {
  await openFresh(page);
  const graph = new GraphPage(page);
  const inspector = new InspectorPage(page);
  await expect(graph.pods({ node: 'worker-2', phase: 'Running' })).toHaveCount(1);
  await graph.clickNode('worker-2');
  await inspector.root.getByLabel('Ready condition').selectOption('Unknown');
  await expect(graph.node('worker-2')).toHaveAttribute('data-ready', 'Unknown');
  // The node lifecycle controller taints it unreachable (NoSchedule and NoExecute) ...
  await expect(
    inspector.root
      .getByRole('list', { name: 'Taints' })
      .getByText('node.kubernetes.io/unreachable:NoExecute'),
  ).toBeVisible();
  await expect(
    inspector.root
      .getByRole('list', { name: 'Taints' })
      .getByText('node.kubernetes.io/unreachable:NoSchedule'),
  ).toBeVisible();
  // ... and daemon pods tolerate both with no tolerationSeconds: the pod is not evicted (it turns not ready).
  await page.getByLabel('Speed').selectOption('20');
  const t0 = Number(await page.getByTestId('clock').getAttribute('data-ms'));
  await expect
    .poll(async () => Number(await page.getByTestId('clock').getAttribute('data-ms')))
    .toBeGreaterThan(t0 + 60_000);
  await expect(graph.livePods('worker-2')).toHaveCount(1);
  await expect(graph.pods({ node: 'worker-2' })).toHaveAttribute('data-ready', 'false');

  await inspector.root.getByRole('button', { name: 'Remove node' }).click();
  await expect(graph.node('worker-2')).toHaveCount(0);
  // The pod garbage collector deletes pods bound to a node that no longer exists (after 40 s).
  await expect(graph.pods({ node: 'worker-2' })).toHaveCount(0, { timeout: 20_000 });
  await expect(page.locator('tr[data-daemonset="kube-system/fluentd-elasticsearch"] td').nth(1)).toHaveText(
    '2',
  );
});

test('empty `limits:` and `requests:` left in the template apply as if absent: the pods roll out and run', async ({
  page,
}) => {
  await openFresh(page);
  const editor = new EditorPage(page);
  const graph = new GraphPage(page);
  const ds = 'kube-system/fluentd-elasticsearch';
  await expect(graph.pods({ daemonSet: ds, phase: 'Running' })).toHaveCount(3);
  // Delete what is under `limits:` (one line) and under `requests:` (two), as someone mid-edit
  // would, leaving both keys with no value (YAML null).
  const limits = (await editor.text()).split('\n').findIndex((l) => l.trim() === 'limits:') + 1;
  await editor.gotoLine(limits + 1);
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Delete');
  await editor.gotoLine(limits + 2);
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Delete');
  await expect
    .poll(() => editor.text())
    .toMatch(/resources:\n\s*limits:\n\s*requests:\n\s*terminationGracePeriodSeconds: 30/);
  await editor.apply();
  await expect(page.getByTestId('apply-output')).toHaveText(
    'daemonset.apps/fluentd-elasticsearch configured',
  );
  // A new template: each node's pod is replaced by one of the new revision, which runs.
  await page.getByLabel('Speed').selectOption('20');
  await expect
    .poll(
      () =>
        graph
          .pods({ daemonSet: ds })
          .evaluateAll((ps) =>
            ps.map((p) => `${p.getAttribute('data-revision')} ${p.getAttribute('data-phase')}`).join(', '),
          ),
      { timeout: 30_000 },
    )
    .toBe('current Running, current Running, current Running');
  await expect(page.locator('.notice-error')).toHaveCount(0);
});

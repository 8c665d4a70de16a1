import type { Page } from '@playwright/test';
import { expect, openFresh, test } from './fixtures.ts';
import { EditorPage, GraphPage, TimePage } from './pages.ts';

const DS = 'kube-system/fluentd-elasticsearch';
interface NodeState {
  node: string;
  /** Live (not terminating) pods: revision and whether available (Running and Ready). */
  pods: Array<{ revision: string | null; available: boolean }>;
}

/** What the graph shows, node by node. */
async function nodeStates(page: Page): Promise<NodeState[]> {
  return page.locator('[data-kind="node"]').evaluateAll((nodes) =>
    nodes.map((n) => {
      const name = n.getAttribute('data-name')!;
      const pods = [...document.querySelectorAll(`[data-kind="pod"][data-node="${name}"]`)]
        .filter((p) => p.getAttribute('data-phase') !== 'Terminating')
        .map((p) => ({
          revision: p.getAttribute('data-revision'),
          available: p.getAttribute('data-phase') === 'Running' && p.getAttribute('data-ready') === 'true',
        }));
      return { node: name, pods };
    }),
  );
}

const unavailable = (s: NodeState[]) => s.filter((n) => !n.pods.some((p) => p.available)).length;
const surged = (s: NodeState[]) => s.filter((n) => n.pods.length > 1).length;
const rolledOut = (s: NodeState[]) =>
  s.every((n) => n.pods.length === 1 && n.pods[0]!.revision === 'current' && n.pods[0]!.available);

/** Change the image tag in the editor, as a user would, and apply. */
async function changeImage(page: Page, editor: EditorPage, tag: string): Promise<void> {
  const text = await editor.text();
  const line =
    text.split('\n').findIndex((l) => l.includes('image: quay.io/fluentd_elasticsearch/fluentd:')) + 1;
  await editor.gotoLine(line);
  await page.keyboard.press('End');
  // Select the old tag (`v5.0.1`, six characters) and type the new one over it.
  for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.insertText(tag);
  await expect.poll(() => editor.text()).toContain(`fluentd:${tag}`);
  await editor.apply();
  await expect(page.getByTestId('apply-output')).toHaveText(
    'daemonset.apps/fluentd-elasticsearch configured',
  );
}

/** Press Step until the rollout is done, checking the budget after every step. */
async function stepThroughRollout(
  page: Page,
  check: (states: NodeState[], step: number) => void,
  maxSteps = 80,
): Promise<number> {
  const time = new TimePage(page);
  for (let step = 1; step <= maxSteps; step++) {
    const before = await time.clockMs();
    await page.getByRole('button', { name: 'Step' }).click();
    await expect.poll(() => time.clockMs()).toBeGreaterThan(before);
    // The graph's list follows the store within a frame.
    await page.waitForTimeout(30);
    const states = await nodeStates(page);
    check(states, step);
    if (rolledOut(states)) return step;
  }
  throw new Error(`the rollout did not finish in ${maxSteps} steps`);
}

async function settleDefault(page: Page) {
  await openFresh(page);
  const graph = new GraphPage(page);
  await expect(graph.pods({ daemonSet: DS, phase: 'Running' })).toHaveCount(3);
  await new TimePage(page).pause();
  return { graph, editor: new EditorPage(page) };
}

test.describe('rollouts', () => {
  test('RollingUpdate with maxUnavailable=1: node by node, never more than one unavailable', async ({
    page,
  }) => {
    const { editor } = await settleDefault(page);
    await changeImage(page, editor, 'v5.0.2');
    const seen = new Set<number>();
    const steps = await stepThroughRollout(page, (s, step) => {
      expect(unavailable(s), `unavailable nodes after step ${step}`).toBeLessThanOrEqual(1);
      expect(surged(s), `nodes with two pods after step ${step}`).toBe(0);
      seen.add(s.filter((n) => n.pods.some((p) => p.revision === 'current')).length);
    });
    // It went one node at a time: 1, 2, then 3 nodes on the new revision were each seen.
    expect([...seen].sort()).toEqual(expect.arrayContaining([1, 2, 3]));
    expect(steps).toBeGreaterThan(3);
    await page.locator(`tr[data-daemonset="${DS}"]`).click();
    await expect(page.getByTestId('rollout-status')).toHaveText(
      'daemon set "fluentd-elasticsearch" successfully rolled out',
    );
  });

  test('RollingUpdate with maxSurge=1, maxUnavailable=0: a new pod starts beside the old one', async ({
    page,
  }) => {
    const { editor } = await settleDefault(page);
    await editor.addLinesAfter(8, [
      '  updateStrategy:',
      '    type: RollingUpdate',
      '    rollingUpdate:',
      '      maxSurge: 1',
      '      maxUnavailable: 0',
    ]);
    await editor.apply();
    await expect(page.getByTestId('apply-output')).toHaveText(
      'daemonset.apps/fluentd-elasticsearch configured',
    );
    await changeImage(page, editor, 'v5.0.2');
    let sawSurge = false;
    await stepThroughRollout(page, (s, step) => {
      expect(unavailable(s), `unavailable nodes after step ${step}`).toBe(0);
      expect(surged(s), `surged nodes after step ${step}`).toBeLessThanOrEqual(1);
      if (surged(s) === 1) sawSurge = true;
    });
    expect(sawSurge).toBe(true);
  });

  test('OnDelete: old pods stay until they are deleted', async ({ page }) => {
    const { graph, editor } = await settleDefault(page);
    await editor.addLinesAfter(8, ['  updateStrategy:', '    type: OnDelete']);
    await editor.apply();
    await changeImage(page, editor, 'v5.0.2');
    await page.getByRole('button', { name: 'Play' }).click();
    await page.getByLabel('Speed').selectOption('20');
    const time = new TimePage(page);
    const t0 = await time.clockMs();
    await expect.poll(() => time.clockMs()).toBeGreaterThan(t0 + 60_000);
    await expect(page.locator('[data-kind="pod"][data-revision="old"]')).toHaveCount(3);
    await expect(page.locator('[data-kind="pod"][data-revision="current"]')).toHaveCount(0);

    const victim = await graph.pods({ node: 'worker-1' }).getAttribute('data-name');
    await page.locator(`[data-kind="pod"][data-name="${victim}"] button`).dispatchEvent('click');
    await page.getByRole('button', { name: 'Delete pod' }).click();
    await expect(
      page.locator('[data-kind="pod"][data-node="worker-1"][data-revision="current"][data-phase="Running"]'),
    ).toHaveCount(1);
    await expect(
      page.locator('[data-kind="pod"][data-revision="old"]:not([data-phase="Terminating"])'),
    ).toHaveCount(2);
    await page.locator(`tr[data-daemonset="${DS}"]`).click();
    await expect(page.getByTestId('rollout-status')).toContainText(
      'rollout status is only available for RollingUpdate strategy type',
    );
  });

  test('roll back to revision 1 from the history', async ({ page }) => {
    const { graph, editor } = await settleDefault(page);
    await changeImage(page, editor, 'v5.0.2');
    await page.getByRole('button', { name: 'Play' }).click();
    await page.getByLabel('Speed').selectOption('20');
    await expect(
      page.locator('[data-kind="pod"][data-revision="current"][data-phase="Running"]'),
    ).toHaveCount(3);
    await page.locator(`tr[data-daemonset="${DS}"]`).click();
    const panel = page.locator('section.rollout');
    await expect(panel.locator('tr[data-revision]')).toHaveCount(2);
    // The diff shows the image change between the two revisions.
    await expect(panel.getByRole('region', { name: 'Diff of revision 1 and revision 2' })).toContainText(
      'v5.0.2',
    );
    await panel.getByRole('button', { name: 'Roll back to 1' }).click();
    // kubectl rollout undo re-labels the old template as the newest revision: 1 becomes 3.
    await expect(panel.locator('tr[data-revision="3"]')).toContainText('current');
    await expect(panel.locator('tr[data-revision="1"]')).toHaveCount(0);
    await expect(
      page.locator('[data-kind="pod"][data-revision="current"][data-phase="Running"]'),
    ).toHaveCount(3, { timeout: 20_000 });
    await expect(panel.getByTestId('rollout-status')).toHaveText(
      'daemon set "fluentd-elasticsearch" successfully rolled out',
    );
    const pod = await graph.pods({ node: 'worker-1' }).first().getAttribute('data-name');
    await page.locator(`[data-kind="pod"][data-name="${pod}"] button`).dispatchEvent('click');
    await expect(page.locator('section.inspector')).toHaveAttribute('data-inspecting', `pod/${pod}`);
  });

  test('a rollout blocked by an unschedulable surge pod says why', async ({ page }) => {
    const { editor } = await settleDefault(page);
    await editor.addLinesAfter(8, [
      '  updateStrategy:',
      '    rollingUpdate:',
      '      maxSurge: 1',
      '      maxUnavailable: 0',
    ]);
    await editor.apply();
    // Ask for all four CPUs: the surge pod cannot fit beside the old pod (100m) on any node.
    const text = await editor.text();
    const line = text.split('\n').findIndex((l) => l.includes('cpu: 100m')) + 1;
    await editor.gotoLine(line);
    await page.keyboard.press('End');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.insertText('4');
    await expect.poll(() => editor.text()).toContain('cpu: 4\n');
    await editor.apply();
    await expect(page.getByTestId('apply-output')).toHaveText(
      'daemonset.apps/fluentd-elasticsearch configured',
    );
    await page.getByRole('button', { name: 'Play' }).click();
    await page.locator(`tr[data-daemonset="${DS}"]`).click();
    const stall = page.getByTestId('rollout-stalled');
    await expect(stall).toContainText('new pod is Pending — 0/3 nodes are available');
    await expect(stall).toContainText('Insufficient cpu');
    await expect(page.getByTestId('rollout-status')).toContainText(
      'Waiting for daemon set "fluentd-elasticsearch" rollout to finish: 0 out of 3 new pods have been updated...',
    );
    await expect(page.getByTestId('rollout-status')).toContainText((await stall.textContent()) ?? '');
    await page.screenshot({ path: 'test-results/rollout-stalled.png' });
  });
});

import { expect, openFresh, test } from './fixtures.ts';
import { EditorPage, GraphPage, InspectorPage, TimePage, squiggleLines } from './pages.ts';

const DS = 'kube-system/fluentd-elasticsearch';

test.describe('the playground, acting as a user', () => {
  test('a nodeSelector typed into the YAML sends pods away from nodes that no longer match', async ({
    page,
  }) => {
    await openFresh(page);
    const graph = new GraphPage(page);
    const editor = new EditorPage(page);
    const inspector = new InspectorPage(page);
    await expect(graph.pods({ daemonSet: DS, phase: 'Running' })).toHaveCount(3);

    // Label worker-1 so that one node matches the selector.
    await graph.clickNode('worker-1');
    await inspector.expectNode('worker-1');
    await inspector.addLabel('disk=ssd');
    await expect(inspector.root.getByText('disk=ssd')).toBeVisible();

    // Line 16 is the template's `    spec:`: put the nodeSelector right under it.
    await editor.addLinesAfter(16, ['      nodeSelector:', '        disk: ssd']);
    expect(await editor.text()).toContain(
      '    spec:\n      nodeSelector:\n        disk: ssd\n      tolerations:',
    );
    await editor.apply();
    await expect(page.getByTestId('apply-output')).toHaveText(
      'daemonset.apps/fluentd-elasticsearch configured',
    );

    await expect(graph.livePods('control-plane')).toHaveCount(0);
    await expect(graph.livePods('worker-2')).toHaveCount(0);
    await expect(graph.livePods('worker-1')).toHaveCount(1);
    const row = page.locator(`tr[data-daemonset="${DS}"]`);
    await expect(row.locator('td').nth(1)).toHaveText('1'); // DESIRED
    await expect(row.locator('td').nth(6)).toHaveText('disk=ssd'); // NODE SELECTOR
  });

  test('a node added with a matching label gets a pod', async ({ page }) => {
    await openFresh(page);
    const graph = new GraphPage(page);
    await page.getByRole('button', { name: '+ Add nodes' }).click();
    const form = page.getByRole('form', { name: 'Add nodes' });
    await form.getByLabel('Count').fill('2');
    await form.getByLabel('Name pattern').fill('ssd-{n}');
    await form.getByLabel('Labels').fill('disk=ssd');
    await form.getByRole('button', { name: 'Add' }).click();
    await expect(graph.node('ssd-1')).toHaveCount(1);
    await expect(graph.node('ssd-2')).toHaveCount(1);
    await expect(graph.pods({ node: 'ssd-1', daemonSet: DS, phase: 'Running' })).toHaveCount(1);
    await expect(graph.pods({ node: 'ssd-2', daemonSet: DS, phase: 'Running' })).toHaveCount(1);
    await expect(page.locator(`tr[data-daemonset="${DS}"] td`).nth(1)).toHaveText('5');
  });

  test('the add-nodes form names a bad taint and keeps what was typed', async ({ page }) => {
    await openFresh(page);
    await page.getByRole('button', { name: '+ Add nodes' }).click();
    const form = page.getByRole('form', { name: 'Add nodes' });
    await form.getByLabel('Taints').fill('gpu=true:Sometimes');
    await form.getByRole('button', { name: 'Add' }).click();
    await expect(form.getByRole('alert')).toHaveText(/^taints: item 1: invalid taint effect: Sometimes/);
    await expect(form.getByLabel('Taints')).toHaveValue('gpu=true:Sometimes');
    await expect(new GraphPage(page).host.locator('[data-kind="node"]')).toHaveCount(3);
  });

  test('NoSchedule keeps the running pod; NoExecute evicts it', async ({ page }) => {
    await openFresh(page);
    const graph = new GraphPage(page);
    const inspector = new InspectorPage(page);
    await expect(graph.pods({ node: 'worker-2', phase: 'Running' })).toHaveCount(1);
    const podName = await graph.pods({ node: 'worker-2' }).getAttribute('data-name');

    await graph.clickNode('worker-2');
    await inspector.addTaint('dedicated=infra:NoSchedule');
    await expect(graph.node('worker-2')).toHaveAttribute('aria-label', /dedicated=infra:NoSchedule/);
    // Give the controllers a few virtual seconds: the pod must still be there, the same pod.
    const time = new TimePage(page);
    const t0 = await time.clockMs();
    await expect.poll(() => time.clockMs()).toBeGreaterThan(t0 + 3000);
    await expect(graph.pods({ node: 'worker-2', phase: 'Running' })).toHaveCount(1);
    expect(await graph.pods({ node: 'worker-2' }).getAttribute('data-name')).toBe(podName);

    await inspector.addTaint('dedicated=infra:NoExecute');
    await expect(graph.pods({ node: 'worker-2' })).toHaveCount(0, { timeout: 20_000 });
    await expect(graph.livePods('worker-1')).toHaveCount(1);
  });

  test('a cordoned node still gets its daemon pod', async ({ page }) => {
    await openFresh(page);
    const graph = new GraphPage(page);
    const inspector = new InspectorPage(page);
    await expect(graph.pods({ node: 'worker-1', phase: 'Running' })).toHaveCount(1);
    const old = await graph.pods({ node: 'worker-1' }).getAttribute('data-name');
    await graph.clickNode('worker-1');
    await inspector.cordon();
    await expect(graph.node('worker-1')).toHaveAttribute('data-cordoned', 'true');
    await expect(inspector.root.getByRole('button', { name: 'Uncordon' })).toBeVisible();
    // Delete its pod: the DaemonSet controller replaces it on the cordoned node.
    await page.locator(`[data-kind="pod"][data-name="${old}"] button`).dispatchEvent('click');
    await expect(page.locator('section.inspector')).toHaveAttribute('data-inspecting', `pod/${old}`);
    await page.getByRole('button', { name: 'Delete pod' }).click();
    await expect(
      page.locator(`[data-kind="pod"][data-node="worker-1"][data-phase="Running"]:not([data-name="${old}"])`),
    ).toHaveCount(1, {
      timeout: 20_000,
    });
  });

  test('a broken selector is marked on its line and the cluster is unchanged', async ({ page }) => {
    await openFresh(page);
    const graph = new GraphPage(page);
    const editor = new EditorPage(page);
    await expect(graph.pods({ phase: 'Running' })).toHaveCount(3);
    const before = await graph
      .pods()
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-name')).sort());
    const time = new TimePage(page);
    await time.pause();

    // Line 11 is `      name: fluentd-elasticsearch` under spec.selector.matchLabels.
    await editor.gotoLine(11);
    await page.keyboard.press('End');
    await page.keyboard.type('-broken');
    await editor.applyWithKeyboard();

    const output = page.getByTestId('apply-output');
    await expect(output).toContainText('The DaemonSet "fluentd-elasticsearch" is invalid:');
    await expect(output).toContainText(
      '* spec.selector: Invalid value: {"matchLabels":{"name":"fluentd-elasticsearch-broken"}}: field is immutable',
    );
    const problems = page.getByTestId('problem');
    await expect(problems).toHaveCount(2);
    await expect(problems.first()).toContainText('14:');
    await expect(problems.first()).toContainText('spec.template.metadata.labels: Invalid value');
    // The squiggles are drawn on the right lines: match their height to the line numbers'.
    await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible();
    expect(await squiggleLines(page)).toEqual([9, 14]);

    const after = await graph.pods().evaluateAll((els) => els.map((e) => e.getAttribute('data-name')).sort());
    expect(after).toEqual(before);
    await expect(page.locator(`tr[data-daemonset="${DS}"] td`).nth(6)).toHaveText('<none>');
    await page.screenshot({ path: 'test-results/error-state.png' });
  });

  test('a reload restores the editor text and the cluster exactly', async ({ page }) => {
    await openFresh(page);
    const graph = new GraphPage(page);
    const editor = new EditorPage(page);
    await page.getByRole('button', { name: '+ Add nodes' }).click();
    await page.getByRole('form', { name: 'Add nodes' }).getByRole('button', { name: 'Add' }).click();
    await expect(graph.pods({ node: 'node-1', phase: 'Running' })).toHaveCount(1);
    await new TimePage(page).pause();
    await editor.gotoLine(1);
    await page.keyboard.insertText('# my notes');
    await page.keyboard.press('Enter');
    const snapshot = async () => ({
      clock: await page.getByTestId('clock').textContent(),
      pods: await graph
        .pods()
        .evaluateAll((els) =>
          els
            .map((e) =>
              [e.getAttribute('data-name'), e.getAttribute('data-node'), e.getAttribute('data-phase')].join(
                ' ',
              ),
            )
            .sort(),
        ),
      nodes: await graph.host
        .locator('[data-kind="node"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))),
      text: await editor.text(),
      ds: await page.locator(`tr[data-daemonset="${DS}"]`).textContent(),
    });
    const before = await snapshot();
    expect(before.text.startsWith('# my notes\n')).toBe(true);
    await page.reload();
    await page.locator('.app[data-ready="true"]').waitFor();
    await expect(graph.pods()).toHaveCount(before.pods.length);
    expect(await snapshot()).toEqual(before);
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  });

  test('?scenario= loads a scenario file served beside the app', async ({ page }) => {
    await openFresh(page, '?scenario=scenarios/gpu-taint.yaml');
    const graph = new GraphPage(page);
    await expect(graph.host.locator('[data-kind="node"]')).toHaveCount(3);
    await expect(graph.livePods('gpu-1')).toHaveCount(0);
    await expect(graph.livePods('cpu-1')).toHaveCount(1);
    expect(await new EditorPage(page).text()).toContain('name: node-agent');
  });

  test('a scenario that does not parse is reported with file, line and column', async ({ page }) => {
    await openFresh(page, '?scenario=__fixtures__/broken-scenario.yaml');
    await expect(page.locator('.notice-error')).toContainText(
      'Scenario not loaded: __fixtures__/broken-scenario.yaml:6:1: unknown key "stepz"',
    );
    // The last good state stays: the default cluster.
    await expect(new GraphPage(page).host.locator('[data-kind="node"]')).toHaveCount(3);
  });
});

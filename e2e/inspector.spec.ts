import { expect, openFresh, test } from './fixtures.ts';
import { GraphPage } from './pages.ts';

test('the inspector shows a pod as stored, its events, its owner and what the controller added', async ({
  page,
}) => {
  await openFresh(page);
  const graph = new GraphPage(page);
  await expect(graph.pods({ node: 'worker-1', phase: 'Running' })).toHaveCount(1);
  const pod = (await graph.pods({ node: 'worker-1' }).getAttribute('data-name'))!;
  await page.locator(`[data-kind="pod"][data-name="${pod}"] button`).dispatchEvent('click');
  const inspector = page.locator('section.inspector');
  await expect(inspector).toHaveAttribute('data-inspecting', `pod/${pod}`);

  // Tolerations the template has, and the ones the DaemonSet controller added (highlighted).
  const tolerations = inspector.getByRole('list', { name: 'Pod tolerations' });
  await expect(tolerations.locator('li[data-added="false"]')).toHaveCount(2);
  await expect(tolerations.locator('li[data-added="true"]')).toContainText([
    'node.kubernetes.io/not-ready Exists:NoExecute',
    'node.kubernetes.io/unreachable Exists:NoExecute',
    'node.kubernetes.io/disk-pressure Exists:NoSchedule',
    'node.kubernetes.io/memory-pressure Exists:NoSchedule',
    'node.kubernetes.io/pid-pressure Exists:NoSchedule',
    'node.kubernetes.io/unschedulable Exists:NoSchedule',
  ]);
  await expect(inspector.getByLabel('Pod node affinity')).toContainText('"values": [\n');
  await expect(inspector.getByLabel('Pod node affinity')).toContainText('"worker-1"');

  const events = inspector.getByRole('table', { name: `Events of Pod ${pod.split('/')[1]}` });
  await expect(events).toContainText('Scheduled');
  await expect(events).toContainText(`Successfully assigned ${pod} to worker-1`);
  // The scheduler records through events.k8s.io: no source, so its reportingComponent is shown.
  await expect(events.getByRole('row').filter({ hasText: 'Scheduled' })).toContainText('default-scheduler');
  await expect(events).toContainText('Started');
  // Container events name their container (involvedObject.fieldPath), as kubectl describe does.
  await expect(events).toContainText('spec.containers{fluentd-elasticsearch}: Container started');

  await inspector.getByText('YAML (as stored)').click();
  await expect(inspector.getByTestId('object-yaml')).toContainText('kind: Pod');

  // The owner link opens the DaemonSet.
  await inspector
    .getByRole('list', { name: 'Owner' })
    .getByRole('button', { name: 'daemonset/fluentd-elasticsearch' })
    .click();
  await expect(inspector).toHaveAttribute('data-inspecting', 'daemonset/kube-system/fluentd-elasticsearch');
  await expect(inspector.getByRole('list', { name: 'Owns' })).toContainText('pod/fluentd-elasticsearch-');
  await expect(inspector.getByRole('list', { name: 'Owns' })).toContainText(
    'controllerrevision/fluentd-elasticsearch-',
  );
});

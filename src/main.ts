// Until the playground UI lands, the page runs the built-in example scenario in the browser with the
// same simulation core the CLI uses, and shows the DaemonSet's status and pods as text.
import { createSimulation } from './sim/engine/simulation.ts';
import type { AnyObject } from './sim/api/types.ts';

const sim = createSimulation({ seed: 1 });
const node = (name: string, taints?: Array<{ key: string; effect: string }>) =>
  ({ apiVersion: 'v1', kind: 'Node', metadata: { name }, spec: taints ? { taints } : {} }) as AnyObject;
sim.apply(node('control-plane', [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]));
sim.apply(node('worker-1'));
sim.apply(node('worker-2'));
sim.apply({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: {
    name: 'fluentd-elasticsearch',
    namespace: 'kube-system',
    labels: { 'k8s-app': 'fluentd-logging' },
  },
  spec: {
    selector: { matchLabels: { name: 'fluentd-elasticsearch' } },
    template: {
      metadata: { labels: { name: 'fluentd-elasticsearch' } },
      spec: {
        containers: [
          { name: 'fluentd-elasticsearch', image: 'quay.io/fluentd_elasticsearch/fluentd:v5.0.1' },
        ],
      },
    },
  },
} as AnyObject);
sim.advance(10);

const root = document.getElementById('root')!;
const ds = sim.daemonSet('kube-system/fluentd-elasticsearch');
const pods = [...sim.api.list('Pod')].map(
  (p) => `${p.metadata?.name}  ${p.spec?.nodeName ?? '<pending>'}  ${p.status?.phase}`,
);
root.innerHTML = '';
const pre = document.createElement('pre');
pre.textContent = [
  'DaemonSet Playground — simulation core preview (the interactive playground is coming)',
  '',
  `t+${sim.nowMs() / 1000}s  kube-system/fluentd-elasticsearch status:`,
  JSON.stringify(ds?.status, null, 2),
  '',
  'pods:',
  ...pods,
].join('\n');
root.appendChild(pre);

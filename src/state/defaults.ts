// What a first-time visitor sees: three nodes, one of them a tainted control-plane node, and the
// fluentd-elasticsearch DaemonSet from the Kubernetes documentation's DaemonSet page.

import type { AnyObject } from '../sim/api/types.ts';
import type { Session } from '../worker/protocol.ts';

export const DEFAULT_DAEMONSET_YAML = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd-elasticsearch
  namespace: kube-system
  labels:
    k8s-app: fluentd-logging
spec:
  selector:
    matchLabels:
      name: fluentd-elasticsearch
  template:
    metadata:
      labels:
        name: fluentd-elasticsearch
    spec:
      tolerations:
        # these tolerations are to have the daemonset runnable on control plane nodes
        # remove them if your control plane nodes should not run pods
        - key: node-role.kubernetes.io/control-plane
          operator: Exists
          effect: NoSchedule
        - key: node-role.kubernetes.io/master
          operator: Exists
          effect: NoSchedule
      containers:
        - name: fluentd-elasticsearch
          image: quay.io/fluentd_elasticsearch/fluentd:v5.0.1
          resources:
            limits:
              memory: 200Mi
            requests:
              cpu: 100m
              memory: 200Mi
      terminationGracePeriodSeconds: 30
`;

export function nodeObject(
  name: string,
  labels: Record<string, string> = {},
  taints: Array<{ key: string; value?: string; effect: string }> = [],
  capacity?: { cpu?: string; memory?: string; pods?: string },
): AnyObject {
  const node: AnyObject = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, ...(Object.keys(labels).length > 0 ? { labels } : {}) },
    spec: taints.length > 0 ? { taints } : {},
  };
  if (capacity && Object.values(capacity).some((v) => v)) {
    const c: Record<string, string> = {};
    for (const [k, v] of Object.entries(capacity)) if (v) c[k] = v;
    (node as { status?: unknown }).status = { capacity: c };
  }
  return node;
}

export const DEFAULT_NODES: AnyObject[] = [
  nodeObject('control-plane', { 'node-role.kubernetes.io/control-plane': '' }, [
    { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
  ]),
  nodeObject('worker-1'),
  nodeObject('worker-2'),
];

export function defaultSession(): Session {
  return {
    seed: 1,
    nowMs: 0,
    log: [
      { atMs: 0, command: { type: 'applyObjects', objects: DEFAULT_NODES } },
      { atMs: 0, command: { type: 'applyYaml', text: DEFAULT_DAEMONSET_YAML } },
    ],
  };
}

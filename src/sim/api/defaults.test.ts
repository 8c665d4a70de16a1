import { describe, it, expect } from 'vitest';
import type { Container, DaemonSet, Node, Pod, PodSpec } from './types.ts';
import { defaultDaemonSet, defaultNode, defaultPod, defaultPodSpec } from './defaults.ts';

function deepFreeze<T>(o: T): T {
  if (o !== null && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}

function ds(spec: Partial<DaemonSet['spec']> = {}): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { containers: [{ name: 'agent', image: 'registry.k8s.io/pause:3.9' }] },
      },
      ...spec,
    } as NonNullable<DaemonSet['spec']>,
  };
}

function container(c: Partial<Container> = {}): Container {
  return { name: 'c', image: 'nginx:1.25', ...c };
}

/** Every object's keys are in alphabetical order (kubectl -o yaml order). */
function keysSorted(v: unknown): boolean {
  if (Array.isArray(v)) return v.every(keysSorted);
  if (v === null || typeof v !== 'object') return true;
  const keys = Object.keys(v);
  return keys.join('\u0000') === [...keys].sort().join('\u0000') && Object.values(v).every(keysSorted);
}

describe('defaultDaemonSet (rule B1)', () => {
  it.each<[string, Partial<DaemonSet['spec']>, unknown]>([
    [
      'no strategy → RollingUpdate 1/0',
      {},
      { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
    ],
    [
      'empty type → RollingUpdate',
      { updateStrategy: { type: '' } },
      { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
    ],
    [
      'only maxSurge set → maxUnavailable still defaults to 1',
      { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } },
      { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } },
    ],
    [
      'only maxUnavailable 0 → maxSurge 0',
      { updateStrategy: { rollingUpdate: { maxUnavailable: 0 } } },
      { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } },
    ],
    [
      'percentages are kept',
      { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '10%' } } },
      { type: 'RollingUpdate', rollingUpdate: { maxSurge: '10%', maxUnavailable: 0 } },
    ],
    ['OnDelete: nothing defaulted', { updateStrategy: { type: 'OnDelete' } }, { type: 'OnDelete' }],
    [
      'OnDelete keeps a given rollingUpdate untouched',
      { updateStrategy: { type: 'OnDelete', rollingUpdate: { maxSurge: 1 } } },
      { type: 'OnDelete', rollingUpdate: { maxSurge: 1 } },
    ],
    ['unknown type: nothing defaulted', { updateStrategy: { type: 'Recreate' } }, { type: 'Recreate' }],
  ])('%s', (_name, spec, want) => {
    expect(defaultDaemonSet(ds(spec)).spec?.updateStrategy).toEqual(want);
  });

  it.each<[string, Partial<DaemonSet['spec']>, number]>([
    ['absent → 10', {}, 10],
    ['0 is kept', { revisionHistoryLimit: 0 }, 0],
    ['3 is kept', { revisionHistoryLimit: 3 }, 3],
  ])('revisionHistoryLimit %s', (_name, spec, want) => {
    expect(defaultDaemonSet(ds(spec)).spec?.revisionHistoryLimit).toBe(want);
  });

  it('does not default minReadySeconds', () => {
    expect(defaultDaemonSet(ds()).spec?.minReadySeconds).toBeUndefined();
  });

  it('defaults the pod template like `kubectl get ds -o yaml` shows it', () => {
    const out = defaultDaemonSet(ds());
    expect(out.spec?.template).toEqual({
      metadata: { labels: { app: 'agent' } },
      spec: {
        containers: [
          {
            image: 'registry.k8s.io/pause:3.9',
            imagePullPolicy: 'IfNotPresent',
            name: 'agent',
            resources: {},
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
          },
        ],
        dnsPolicy: 'ClusterFirst',
        restartPolicy: 'Always',
        schedulerName: 'default-scheduler',
        securityContext: {},
        terminationGracePeriodSeconds: 30,
      },
    });
    expect(keysSorted(out)).toBe(true);
    expect(Object.keys(out)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
  });

  it('gives a template without metadata an empty metadata block', () => {
    const out = defaultDaemonSet(ds({ template: { spec: { containers: [container()] } } }));
    expect(out.spec?.template.metadata).toEqual({});
  });

  it('never mutates its (frozen) input and is idempotent', () => {
    const input = deepFreeze(
      ds({ updateStrategy: { rollingUpdate: { maxSurge: '10%', maxUnavailable: 0 } } }),
    );
    const once = defaultDaemonSet(input);
    expect(once).not.toBe(input);
    expect(defaultDaemonSet(once)).toEqual(once);
  });

  it('does not add the hostPort default to a hostNetwork template (Pod-only since v1.28)', () => {
    const out = defaultDaemonSet(
      ds({
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: { hostNetwork: true, containers: [container({ ports: [{ containerPort: 9100 }] })] },
        },
      }),
    );
    expect(out.spec?.template.spec?.containers[0]?.ports).toEqual([{ containerPort: 9100, protocol: 'TCP' }]);
    expect(out.spec?.template.spec?.enableServiceLinks).toBeUndefined();
  });
});

describe('defaultPodSpec (rule B2)', () => {
  it.each<[string, string | undefined, string]>([
    ['no tag → Always', 'nginx', 'Always'],
    [':latest → Always', 'nginx:latest', 'Always'],
    ['explicit tag → IfNotPresent', 'nginx:1.25', 'IfNotPresent'],
    ['registry with port, no tag → Always', 'registry.local:5000/team/app', 'Always'],
    ['registry with port and tag → IfNotPresent', 'localhost:5000/app:v1', 'IfNotPresent'],
    ['digest only → IfNotPresent', 'nginx@sha256:' + 'a'.repeat(64), 'IfNotPresent'],
    ['latest tag with digest → Always', 'nginx:latest@sha256:' + 'a'.repeat(64), 'Always'],
    ['unparseable (upper case repository) → IfNotPresent', 'Nginx', 'IfNotPresent'],
    ['missing image → IfNotPresent', undefined, 'IfNotPresent'],
  ])('imagePullPolicy: %s', (_name, image, want) => {
    const c: Container = image === undefined ? { name: 'c' } : { name: 'c', image };
    expect(defaultPodSpec({ containers: [c] }).containers[0]?.imagePullPolicy).toBe(want);
  });

  it('keeps an explicit imagePullPolicy and other explicit values', () => {
    const out = defaultPodSpec({
      containers: [
        container({ imagePullPolicy: 'Never', terminationMessagePolicy: 'FallbackToLogsOnError' }),
      ],
      restartPolicy: 'Never',
      dnsPolicy: 'ClusterFirstWithHostNet',
      schedulerName: 'my-scheduler',
      terminationGracePeriodSeconds: 0,
      securityContext: { runAsUser: 1000 },
    });
    expect(out.containers[0]?.imagePullPolicy).toBe('Never');
    expect(out.containers[0]?.terminationMessagePolicy).toBe('FallbackToLogsOnError');
    expect(out.restartPolicy).toBe('Never');
    expect(out.dnsPolicy).toBe('ClusterFirstWithHostNet');
    expect(out.schedulerName).toBe('my-scheduler');
    expect(out.terminationGracePeriodSeconds).toBe(0);
    expect(out.securityContext).toEqual({ runAsUser: 1000 });
  });

  it('defaults container ports, init containers, probes, volumes and env field refs', () => {
    const spec: PodSpec = {
      containers: [
        container({
          ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }],
          livenessProbe: { httpGet: { port: 8080 } },
          env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
        }),
      ],
      initContainers: [container({ name: 'init' })],
      volumes: [
        { name: 'varlog', hostPath: { path: '/var/log' } },
        { name: 'cfg', configMap: { name: 'c' } },
        { name: 'scratch' },
      ],
    };
    const out = defaultPodSpec(spec);
    const c = out.containers[0];
    expect(c?.ports).toEqual([
      { containerPort: 80, protocol: 'TCP' },
      { containerPort: 53, protocol: 'UDP' },
    ]);
    expect(c?.livenessProbe).toEqual({
      failureThreshold: 3,
      httpGet: { path: '/', port: 8080, scheme: 'HTTP' },
      periodSeconds: 10,
      successThreshold: 1,
      timeoutSeconds: 1,
    });
    expect(c?.env?.[0]?.valueFrom?.fieldRef).toEqual({ apiVersion: 'v1', fieldPath: 'spec.nodeName' });
    expect(out.initContainers?.[0]?.terminationMessagePolicy).toBe('File');
    expect(out.volumes).toEqual([
      { hostPath: { path: '/var/log', type: '' }, name: 'varlog' },
      { configMap: { defaultMode: 420, name: 'c' }, name: 'cfg' },
      { emptyDir: {}, name: 'scratch' },
    ]);
  });

  it('leaves tolerations untouched', () => {
    const tolerations = [
      { operator: 'Exists' },
      { key: 'b', operator: 'Equal', value: 'x', effect: 'NoSchedule' },
    ];
    expect(defaultPodSpec({ containers: [container()], tolerations }).tolerations).toEqual(tolerations);
  });

  it.each<[string, string | number, string]>([
    ['milli stays', '100m', '100m'],
    ['decimal becomes milli', '0.5', '500m'],
    ['1000m becomes 1', '1000m', '1'],
    ['1000 becomes 1k', '1000', '1k'],
    ['binary canonical', '1024Mi', '1Gi'],
    ['binary kept', '200Mi', '200Mi'],
    ['YAML number', 2, '2'],
    ['sub-milli rounds up', '100u', '1m'],
  ])('canonicalises resource quantities: %s', (_name, q, want) => {
    const out = defaultPodSpec({
      containers: [container({ resources: { requests: { cpu: q as string } } })],
    });
    expect(out.containers[0]?.resources?.requests?.cpu).toBe(want);
  });

  it('leaves an unparseable quantity for validation', () => {
    const out = defaultPodSpec({ containers: [container({ resources: { limits: { cpu: 'lots' } } })] });
    expect(out.containers[0]?.resources?.limits?.cpu).toBe('lots');
  });

  it('does not mutate its input', () => {
    const spec = deepFreeze<PodSpec>({ containers: [container({ ports: [{ containerPort: 1 }] })] });
    const out = defaultPodSpec(spec);
    expect(spec.containers[0]?.ports?.[0]).toEqual({ containerPort: 1 });
    expect(keysSorted(out)).toBe(true);
  });
});

describe('defaultPod', () => {
  function pod(spec: PodSpec): Pod {
    return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec };
  }

  it('adds enableServiceLinks and the pod-spec defaults, not the namespace', () => {
    const out = defaultPod(pod({ containers: [container()] }));
    expect(out.spec?.enableServiceLinks).toBe(true);
    expect(out.spec?.restartPolicy).toBe('Always');
    expect(out.metadata?.namespace).toBeUndefined();
    expect(keysSorted(out)).toBe(true);
  });

  it('keeps enableServiceLinks false', () => {
    expect(
      defaultPod(pod({ containers: [container()], enableServiceLinks: false })).spec?.enableServiceLinks,
    ).toBe(false);
  });

  it('hostNetwork: hostPort defaults to containerPort', () => {
    const out = defaultPod(
      pod({
        hostNetwork: true,
        containers: [container({ ports: [{ containerPort: 9100 }, { containerPort: 80, hostPort: 8080 }] })],
      }),
    );
    expect(out.spec?.containers[0]?.ports).toEqual([
      { containerPort: 9100, hostPort: 9100, protocol: 'TCP' },
      { containerPort: 80, hostPort: 8080, protocol: 'TCP' },
    ]);
  });

  it('without hostNetwork no hostPort is added', () => {
    const out = defaultPod(pod({ containers: [container({ ports: [{ containerPort: 80 }] })] }));
    expect(out.spec?.containers[0]?.ports?.[0]?.hostPort).toBeUndefined();
  });

  it('requests default to limits, and cpu/memory requests get a NotRequired resize policy', () => {
    const out = defaultPod(
      pod({
        containers: [
          container({
            resources: { limits: { cpu: '0.5', memory: '200Mi' }, requests: { memory: '100Mi' } },
          }),
        ],
      }),
    );
    const c = out.spec?.containers[0];
    expect(c?.resources).toEqual({
      limits: { cpu: '500m', memory: '200Mi' },
      requests: { cpu: '500m', memory: '100Mi' },
    });
    expect(c?.resizePolicy).toEqual([
      { resourceName: 'cpu', restartPolicy: 'NotRequired' },
      { resourceName: 'memory', restartPolicy: 'NotRequired' },
    ]);
  });

  it('is idempotent', () => {
    const once = defaultPod(
      pod({
        hostNetwork: true,
        containers: [container({ ports: [{ containerPort: 1 }], resources: { limits: { cpu: '1' } } })],
      }),
    );
    expect(defaultPod(once)).toEqual(once);
  });
});

describe('defaultNode', () => {
  it('gives a node without status what a healthy kubelet reports', () => {
    const out = defaultNode({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-a' } });
    expect(out).toEqual({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        labels: {
          'kubernetes.io/arch': 'amd64',
          'kubernetes.io/hostname': 'node-a',
          'kubernetes.io/os': 'linux',
        },
        name: 'node-a',
      },
      spec: {},
      status: {
        allocatable: { cpu: '4', 'ephemeral-storage': '50Gi', memory: '8Gi', pods: '110' },
        capacity: { cpu: '4', 'ephemeral-storage': '50Gi', memory: '8Gi', pods: '110' },
        conditions: [
          {
            message: 'kubelet has sufficient memory available',
            reason: 'KubeletHasSufficientMemory',
            status: 'False',
            type: 'MemoryPressure',
          },
          {
            message: 'kubelet has no disk pressure',
            reason: 'KubeletHasNoDiskPressure',
            status: 'False',
            type: 'DiskPressure',
          },
          {
            message: 'kubelet has sufficient PID available',
            reason: 'KubeletHasSufficientPID',
            status: 'False',
            type: 'PIDPressure',
          },
          {
            message: 'kubelet is posting ready status',
            reason: 'KubeletReady',
            status: 'True',
            type: 'Ready',
          },
        ],
        nodeInfo: {
          architecture: 'amd64',
          bootID: '',
          containerRuntimeVersion: 'containerd://1.7.0',
          kernelVersion: '',
          kubeProxyVersion: '',
          kubeletVersion: 'v1.34.0',
          machineID: '',
          operatingSystem: 'linux',
          osImage: '',
          systemUUID: '',
        },
      },
    });
    expect(
      out.status?.conditions?.some(
        (c) => c.lastHeartbeatTime !== undefined || c.lastTransitionTime !== undefined,
      ),
    ).toBe(false);
  });

  it('copies capacity to a missing allocatable and adds healthy conditions to a status without any', () => {
    const out = defaultNode({
      metadata: { name: 'n' },
      status: { capacity: { cpu: '2', memory: '4096Mi' } },
    });
    expect(out.status?.capacity).toEqual({ cpu: '2', memory: '4Gi' });
    expect(out.status?.allocatable).toEqual({ cpu: '2', memory: '4Gi' });
    expect(out.status?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
      'MemoryPressure=False',
      'DiskPressure=False',
      'PIDPressure=False',
      'Ready=True',
    ]);
    expect(out.status?.nodeInfo).toBeUndefined();
  });

  it('keeps given allocatable, conditions and labels', () => {
    const node: Node = {
      metadata: { name: 'n', labels: { 'kubernetes.io/hostname': 'custom', zone: 'a' } },
      spec: { taints: [{ key: 'k', effect: 'NoSchedule' }] },
      status: {
        capacity: { cpu: '4' },
        allocatable: { cpu: '3500m' },
        conditions: [{ type: 'Ready', status: 'False', reason: 'KubeletNotReady' }],
        nodeInfo: {
          architecture: 'arm64',
          bootID: '',
          containerRuntimeVersion: '',
          kernelVersion: '',
          kubeProxyVersion: '',
          kubeletVersion: 'v1.33.1',
          machineID: '',
          operatingSystem: 'linux',
          osImage: '',
          systemUUID: '',
        },
      },
    };
    const out = defaultNode(deepFreeze(node));
    expect(out.status?.allocatable).toEqual({ cpu: '3500m' });
    expect(out.status?.conditions).toEqual([{ reason: 'KubeletNotReady', status: 'False', type: 'Ready' }]);
    expect(out.metadata?.labels).toEqual({
      'kubernetes.io/arch': 'arm64',
      'kubernetes.io/hostname': 'custom',
      'kubernetes.io/os': 'linux',
      zone: 'a',
    });
    expect(out.spec).toEqual({ taints: [{ effect: 'NoSchedule', key: 'k' }] });
  });

  it('is idempotent and sorts keys', () => {
    const once = defaultNode({ metadata: { name: 'node-b' } });
    expect(defaultNode(once)).toEqual(once);
    expect(keysSorted(once)).toBe(true);
  });
});

import { describe, it, expect } from 'vitest';
import type {
  Container,
  DaemonSet,
  DaemonSetSpec,
  FieldError,
  Node,
  Pod,
  PodSpec,
  PriorityClass,
  Taint,
  Toleration,
} from './types.ts';
import { defaultDaemonSet, defaultNode, defaultPod } from './defaults.ts';
import { apiInvalidMessage, kubectlInvalidMessage } from './fieldErrors.ts';
import {
  canonicalQuantity,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  parseQuantityStrict,
  validateDaemonSet,
  validateDaemonSetUpdate,
  validateLabelSelector,
  validateNode,
  validateNodeSelector,
  validatePod,
  validatePriorityClass,
  validateTolerations,
} from './validation.ts';

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const NAME_PART_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const PERCENT_MSG =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";
const MISMATCH = '`selector` does not match template `labels`';

const PAUSE: Container = { name: 'agent', image: 'registry.k8s.io/pause:3.9' };

/** The DaemonSet the conformance scenarios start from, with `patch` merged into its spec. */
function agent(patch: Partial<DaemonSetSpec> = {}, name = 'agent'): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [PAUSE] } },
      ...patch,
    },
  };
}

function withPodSpec(extra: Partial<PodSpec>, name = 'agent'): DaemonSet {
  return agent(
    { template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [PAUSE], ...extra } } },
    name,
  );
}

/** Defaults then validates, as the API server does on create. */
function create(obj: DaemonSet): FieldError[] {
  return validateDaemonSet(defaultDaemonSet(obj));
}

function messages(errs: FieldError[]): string[] {
  return errs.map((e) => e.message);
}

describe('conformance scenarios: rejected DaemonSets', () => {
  const cases: Array<[string, DaemonSet, string, string]> = [
    [
      '70 selector does not match template labels',
      agent({ template: { metadata: { labels: { app: 'other' } }, spec: { containers: [PAUSE] } } }),
      'spec.template.metadata.labels',
      'spec.template.metadata.labels: Invalid value: {"app":"other"}: ' + MISMATCH,
    ],
    [
      '71 missing selector (reported on the template labels)',
      {
        ...agent(),
        spec: {
          template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [PAUSE] } },
        } as unknown as DaemonSetSpec,
      },
      'spec.template.metadata.labels',
      'spec.template.metadata.labels: Invalid value: {"app":"agent"}: ' + MISMATCH,
    ],
    [
      '73 restartPolicy Never',
      withPodSpec({ restartPolicy: 'Never' }),
      'spec.template.spec.restartPolicy',
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ],
    [
      '74 bad name',
      agent({}, 'Agent_1'),
      'metadata.name',
      'metadata.name: Invalid value: "Agent_1": ' + SUBDOMAIN_MSG,
    ],
    [
      '76 maxUnavailable 0 with defaulted maxSurge 0',
      agent({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0 } } }),
      'spec.updateStrategy.rollingUpdate.maxUnavailable',
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
    ],
    [
      '77 maxSurge with defaulted maxUnavailable 1',
      agent({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } }),
      'spec.updateStrategy.rollingUpdate.maxSurge',
      'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero',
    ],
    [
      '79 negative maxUnavailable',
      agent({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: -1 } } }),
      'spec.updateStrategy.rollingUpdate.maxUnavailable',
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: -1: must be greater than or equal to 0',
    ],
    [
      '80 invalid percent string',
      agent({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 'abc' } } }),
      'spec.updateStrategy.rollingUpdate.maxUnavailable',
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: "abc": ' + PERCENT_MSG,
    ],
    [
      '82 negative minReadySeconds (and revisionHistoryLimit)',
      agent({ minReadySeconds: -5, revisionHistoryLimit: -1 }),
      'spec.minReadySeconds',
      'spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0',
    ],
    [
      '83 unknown strategy type',
      agent({ updateStrategy: { type: 'Recreate' } }),
      'spec.updateStrategy',
      'spec.updateStrategy: Unsupported value: {"Type":"Recreate","RollingUpdate":null}: supported values: "RollingUpdate", "OnDelete"',
    ],
    [
      '85 tolerationSeconds on NoSchedule',
      withPodSpec({
        tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 30 }],
      }),
      'spec.template.spec.tolerations[0].effect',
      'spec.template.spec.tolerations[0].effect: Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set',
    ],
    [
      '86 matchFields with two values',
      withPodSpec({
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-a', 'node-b'] }] },
              ],
            },
          },
        },
      }),
      'spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values',
      "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values: Required value: must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
    ],
    [
      '88 no containers',
      agent({ template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [] } } }),
      'spec.template.spec.containers',
      'spec.template.spec.containers: Required value',
    ],
  ];

  it.each(cases)('%s', (_name, obj, field, message) => {
    const errs = create(obj);
    expect(errs[0]?.field).toBe(field);
    expect(errs[0]?.message).toBe(message);
  });

  it('70 kubectl line', () => {
    const errs = create(cases[0]![1]);
    expect(kubectlInvalidMessage('DaemonSet', 'agent', errs)).toBe(
      'The DaemonSet "agent" is invalid: spec.template.metadata.labels: Invalid value: {"app":"other"}: `selector` does not match template `labels`',
    );
    expect(apiInvalidMessage('DaemonSet', 'apps', 'agent', errs)).toBe(
      'DaemonSet.apps "agent" is invalid: spec.template.metadata.labels: Invalid value: {"app":"other"}: `selector` does not match template `labels`',
    );
  });

  it('82 reports both errors, in upstream order', () => {
    expect(messages(create(agent({ minReadySeconds: -5, revisionHistoryLimit: -1 })))).toEqual([
      'spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0',
      'spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('80 "abc" counts as zero, so maxSurge 0 also fails the exactly-one rule', () => {
    expect(
      messages(
        create(
          agent({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 'abc' } } }),
        ),
      ),
    ).toEqual([
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: "abc": ' + PERCENT_MSG,
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
    ]);
  });

  it.each<[string, DaemonSet]>([
    ['the scenario DaemonSet', agent()],
    [
      '89 maxUnavailable 0 with maxSurge 10%',
      agent({
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '10%' } },
      }),
    ],
  ])('accepts %s', (_name, obj) => {
    expect(create(obj)).toEqual([]);
  });
});

describe('valid DaemonSets', () => {
  it('accepts the fluentd-elasticsearch DaemonSet from the Kubernetes docs', () => {
    const fluentd: DaemonSet = {
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
            tolerations: [
              { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
              { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
            ],
            containers: [
              {
                name: 'fluentd-elasticsearch',
                image: 'quay.io/fluentd_elasticsearch/fluentd:v2.5.2',
                resources: { limits: { memory: '200Mi' }, requests: { cpu: '100m', memory: '200Mi' } },
                volumeMounts: [{ name: 'varlog', mountPath: '/var/log' }],
              },
            ],
            terminationGracePeriodSeconds: 30,
            volumes: [{ name: 'varlog', hostPath: { path: '/var/log' } }],
          },
        },
      },
    };
    expect(create(fluentd)).toEqual([]);
  });

  it.each<[string, Partial<PodSpec>]>([
    ['wildcard toleration', { tolerations: [{ operator: 'Exists' }] }],
    [
      'NoExecute toleration with seconds',
      { tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] },
    ],
    ['Equal toleration with empty effect', { tolerations: [{ key: 'k', operator: 'Equal', value: 'v' }] }],
    [
      'empty node selector term',
      {
        affinity: {
          nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{}] } },
        },
      },
    ],
    [
      'Gt with a non-integer value (integer-ness is not validated)',
      {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'n', operator: 'Gt', values: ['abc'] }] }],
            },
          },
        },
      },
    ],
    ['nodeSelector', { nodeSelector: { 'kubernetes.io/os': 'linux', disktype: 'ssd' } }],
    [
      'hostNetwork with hostPort 0 in a template',
      { hostNetwork: true, containers: [{ ...PAUSE, ports: [{ containerPort: 9100 }] }] },
    ],
    ['priorityClassName', { priorityClassName: 'system-node-critical' }],
  ])('accepts %s', (_name, extra) => {
    expect(create(withPodSpec(extra))).toEqual([]);
  });

  it('accepts OnDelete with a stray rollingUpdate block (ignored)', () => {
    expect(
      create(
        agent({ updateStrategy: { type: 'OnDelete', rollingUpdate: { maxSurge: 5, maxUnavailable: 5 } } }),
      ),
    ).toEqual([]);
  });

  it('accepts revisionHistoryLimit 0 and minReadySeconds 0', () => {
    expect(create(agent({ revisionHistoryLimit: 0, minReadySeconds: 0 }))).toEqual([]);
  });

  it('accepts a matchExpressions selector that matches the template', () => {
    expect(
      create(
        agent({
          selector: {
            matchExpressions: [
              { key: 'app', operator: 'In', values: ['agent', 'x'] },
              { key: 'tier', operator: 'DoesNotExist' },
            ],
          },
        }),
      ),
    ).toEqual([]);
  });
});

describe('rule C2: metadata', () => {
  it.each<[string, DaemonSet['metadata'], string[]]>([
    [
      'missing name',
      { namespace: 'default' },
      ['metadata.name: Required value: name or generateName is required'],
    ],
    [
      'name too long',
      { name: 'a'.repeat(254), namespace: 'default' },
      [`metadata.name: Invalid value: "${'a'.repeat(254)}": must be no more than 253 characters`],
    ],
    ['253 characters is fine', { name: 'a'.repeat(253), namespace: 'default' }, []],
    ['dots are fine in a subdomain', { name: 'my.agent', namespace: 'default' }, []],
    [
      'trailing dash',
      { name: 'agent-', namespace: 'default' },
      ['metadata.name: Invalid value: "agent-": ' + SUBDOMAIN_MSG],
    ],
    ['namespace required', { name: 'agent' }, ['metadata.namespace: Required value']],
    [
      'namespace must be a DNS label',
      { name: 'agent', namespace: 'kube.system' },
      ['metadata.namespace: Invalid value: "kube.system": must not contain dots'],
    ],
    [
      'invalid label key and value',
      { name: 'agent', namespace: 'default', labels: { 'bad key': 'bad value' } },
      [
        'metadata.labels: Invalid value: "bad key": ' + NAME_PART_MSG,
        'metadata.labels: Invalid value: "bad value": ' + LABEL_VALUE_MSG,
      ],
    ],
    [
      'invalid annotation key',
      { name: 'agent', namespace: 'default', annotations: { '/x': 'v' } },
      ['metadata.annotations: Invalid value: "/x": prefix part must be non-empty'],
    ],
    [
      'annotation keys are case-insensitive',
      { name: 'agent', namespace: 'default', annotations: { 'Example.COM/Key': 'v' } },
      [],
    ],
    [
      'ownerReference without uid',
      {
        name: 'agent',
        namespace: 'default',
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'n', uid: '' }],
      },
      ['metadata.ownerReferences.uid: Invalid value: "": uid must not be empty'],
    ],
  ])('%s', (_name, metadata, want) => {
    expect(messages(create({ ...agent(), metadata: metadata ?? {} }))).toEqual(want);
  });

  it('reports object meta before the spec', () => {
    const obj = {
      ...withPodSpec({ restartPolicy: 'OnFailure' }, 'Bad_Name'),
      spec: { ...withPodSpec({ restartPolicy: 'OnFailure' }).spec!, minReadySeconds: -1 },
    };
    expect(create(obj).map((e) => e.field)).toEqual([
      'metadata.name',
      'spec.template.spec.restartPolicy',
      'spec.minReadySeconds',
    ]);
  });
});

describe('rules C3, C4 and D3: selector', () => {
  it.each<[string, DaemonSet['spec'], string[]]>([
    [
      'empty selector',
      { ...agent().spec!, selector: {} },
      ['spec.selector: Invalid value: {}: empty selector is invalid for daemonset'],
    ],
    [
      'empty matchLabels and matchExpressions count as empty',
      { ...agent().spec!, selector: { matchLabels: {}, matchExpressions: [] } },
      ['spec.selector: Invalid value: {}: empty selector is invalid for daemonset'],
    ],
    [
      'template without labels',
      { ...agent().spec!, template: { spec: { containers: [PAUSE] } } },
      ['spec.template.metadata.labels: Invalid value: null: ' + MISMATCH],
    ],
    [
      'In without values: a parse failure skips the mismatch check',
      { ...agent().spec!, selector: { matchExpressions: [{ key: 'app', operator: 'In' }] } },
      [
        "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      ],
    ],
    [
      'Exists with values',
      {
        ...agent().spec!,
        selector: { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['x'] }] },
      },
      [
        "spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      ],
    ],
    [
      'unknown operator',
      { ...agent().spec!, selector: { matchExpressions: [{ key: 'app', operator: 'Gt', values: ['1'] }] } },
      ['spec.selector.matchExpressions[0].operator: Invalid value: "Gt": not a valid selector operator'],
    ],
    [
      'invalid key',
      { ...agent().spec!, selector: { matchExpressions: [{ key: 'a b', operator: 'Exists' }] } },
      ['spec.selector.matchExpressions[0].key: Invalid value: "a b": ' + NAME_PART_MSG],
    ],
    [
      'invalid value in matchExpressions',
      { ...agent().spec!, selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['-x'] }] } },
      ['spec.selector.matchExpressions[0].values[0]: Invalid value: "-x": ' + LABEL_VALUE_MSG],
    ],
    [
      'invalid matchLabels value',
      { ...agent().spec!, selector: { matchLabels: { app: 'a b' } } },
      ['spec.selector.matchLabels: Invalid value: "a b": ' + LABEL_VALUE_MSG],
    ],
    [
      'NotIn matches when the key is absent... but not here',
      {
        ...agent().spec!,
        selector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['agent'] }] },
      },
      ['spec.template.metadata.labels: Invalid value: {"app":"agent"}: ' + MISMATCH],
    ],
  ])('%s', (_name, spec, want) => {
    expect(messages(create({ ...agent(), spec: spec! }))).toEqual(want);
  });

  it('validateLabelSelector accepts nil and lists errors in order', () => {
    expect(validateLabelSelector(undefined, 'spec.selector')).toEqual([]);
    expect(
      messages(
        validateLabelSelector(
          { matchLabels: { '': 'v' }, matchExpressions: [{ key: 'k', operator: 'Bad' }] },
          'sel',
          {},
        ),
      ),
    ).toEqual([
      'sel.matchLabels: Invalid value: "": name part must be non-empty',
      'sel.matchLabels: Invalid value: "": ' + NAME_PART_MSG,
      'sel.matchExpressions[0].operator: Invalid value: "Bad": not a valid selector operator',
    ]);
  });

  it('tolerates invalid selector values when asked to', () => {
    expect(
      validateLabelSelector({ matchExpressions: [{ key: 'k', operator: 'In', values: ['-x'] }] }, 's', {
        allowInvalidLabelValueInSelector: true,
      }),
    ).toEqual([]);
  });
});

describe('rules C5, C6: pod template', () => {
  it.each<[string, Partial<PodSpec>, string[]]>([
    [
      'container name required',
      { containers: [{ name: '', image: 'x' }] },
      ['spec.template.spec.containers[0].name: Required value'],
    ],
    [
      'container name must be a DNS label',
      { containers: [{ name: 'Agent', image: 'x' }] },
      ['spec.template.spec.containers[0].name: Invalid value: "Agent": ' + LABEL_MSG],
    ],
    [
      'container image required',
      { containers: [{ name: 'a' }] },
      ['spec.template.spec.containers[0].image: Required value'],
    ],
    [
      'duplicate container names',
      { containers: [PAUSE, PAUSE] },
      ['spec.template.spec.containers[1].name: Duplicate value: "agent"'],
    ],
    [
      'init container name clashes with a container',
      { initContainers: [PAUSE] },
      ['spec.template.spec.initContainers[0].name: Duplicate value: "agent"'],
    ],
    [
      'port out of range',
      { containers: [{ ...PAUSE, ports: [{ containerPort: 70000 }] }] },
      [
        'spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      ],
    ],
    [
      'containerPort required',
      { containers: [{ ...PAUSE, ports: [{ containerPort: 0 }] }] },
      ['spec.template.spec.containers[0].ports[0].containerPort: Required value'],
    ],
    [
      'hostPort out of range',
      { containers: [{ ...PAUSE, ports: [{ containerPort: 80, hostPort: -1 }] }] },
      [
        'spec.template.spec.containers[0].ports[0].hostPort: Invalid value: -1: must be between 1 and 65535, inclusive',
      ],
    ],
    [
      'unsupported protocol',
      { containers: [{ ...PAUSE, ports: [{ containerPort: 80, protocol: 'HTTP' }] }] },
      [
        'spec.template.spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      ],
    ],
    [
      'host port used twice',
      {
        containers: [
          { ...PAUSE, ports: [{ containerPort: 80, hostPort: 80 }] },
          { name: 'b', image: 'x', ports: [{ containerPort: 81, hostPort: 80 }] },
        ],
      },
      ['spec.template.spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//80"'],
    ],
    [
      'hostNetwork: a set hostPort must equal containerPort',
      { hostNetwork: true, containers: [{ ...PAUSE, ports: [{ containerPort: 80, hostPort: 81 }] }] },
      [
        'spec.template.spec.containers[0].ports[0].hostPort: Invalid value: 81: must match `containerPort` when `hostNetwork` is true',
      ],
    ],
    [
      'unparseable quantity',
      { containers: [{ ...PAUSE, resources: { limits: { cpu: 'lots' } } }] },
      [
        'spec.template.spec.containers[0].resources.limits[cpu]: Invalid value: "lots": quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
      ],
    ],
    [
      'negative quantity',
      { containers: [{ ...PAUSE, resources: { requests: { memory: '-1Gi' } } }] },
      [
        'spec.template.spec.containers[0].resources.requests[memory]: Invalid value: "-1Gi": must be greater than or equal to 0',
      ],
    ],
    [
      'request above limit',
      { containers: [{ ...PAUSE, resources: { requests: { cpu: '2' }, limits: { cpu: '1500m' } } }] },
      [
        'spec.template.spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1500m',
      ],
    ],
    [
      'non-standard resource name',
      { containers: [{ ...PAUSE, resources: { limits: { gpu: '1' } } }] },
      [
        'spec.template.spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
      ],
    ],
    [
      'extended resources must be integers and need a limit',
      { containers: [{ ...PAUSE, resources: { requests: { 'example.com/gpu': '0.5' } } }] },
      [
        'spec.template.spec.containers[0].resources.requests[example.com/gpu]: Invalid value: "500m": must be an integer',
        'spec.template.spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources',
      ],
    ],
    [
      'invalid nodeSelector key and value',
      { nodeSelector: { 'a/b/c': 'x y' } },
      [
        "spec.template.spec.nodeSelector: Invalid value: \"a/b/c\": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
        'spec.template.spec.nodeSelector: Invalid value: "x y": ' + LABEL_VALUE_MSG,
      ],
    ],
    [
      'restartPolicy OnFailure',
      { restartPolicy: 'OnFailure' },
      ['spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'],
    ],
    [
      'an unknown restartPolicy fails both the pod-spec and the DaemonSet check',
      { restartPolicy: 'Sometimes' },
      [
        'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
        'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always"',
      ],
    ],
    [
      'activeDeadlineSeconds',
      { activeDeadlineSeconds: 30 },
      [
        'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported',
      ],
    ],
    [
      'activeDeadlineSeconds 0 is also out of range',
      { activeDeadlineSeconds: 0 },
      [
        'spec.template.spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive',
        'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported',
      ],
    ],
    [
      'unsupported dnsPolicy',
      { dnsPolicy: 'Cluster' },
      [
        'spec.template.spec.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
      ],
    ],
    [
      'volume mount of an unknown volume',
      { containers: [{ ...PAUSE, volumeMounts: [{ name: 'data', mountPath: '/data' }] }] },
      ['spec.template.spec.containers[0].volumeMounts[0].name: Not found: "data"'],
    ],
    [
      'duplicate volume names',
      {
        volumes: [
          { name: 'v', emptyDir: {} },
          { name: 'v', emptyDir: {} },
        ],
      },
      ['spec.template.spec.volumes[1].name: Duplicate value: "v"'],
    ],
    [
      'invalid nodeName',
      { nodeName: 'Node_A' },
      ['spec.template.spec.nodeName: Invalid value: "Node_A": ' + SUBDOMAIN_MSG],
    ],
  ])('%s', (_name, extra, want) => {
    expect(messages(create(withPodSpec(extra)))).toEqual(want);
  });

  it('reports template labels at spec.template.labels (upstream path)', () => {
    const obj = agent({
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent', 'x/y/z': 'v' } }, spec: { containers: [PAUSE] } },
    });
    expect(create(obj)[0]?.field).toBe('spec.template.labels');
  });

  it('forbids ephemeral containers in a template', () => {
    const obj = withPodSpec({ ephemeralContainers: [{ name: 'debug', image: 'busybox' }] });
    expect(messages(create(obj))).toContain(
      'spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template',
    );
  });
});

describe('rule C8: update strategy', () => {
  const ru = (rollingUpdate: { maxUnavailable?: number | string; maxSurge?: number | string }) =>
    agent({ updateStrategy: { type: 'RollingUpdate', rollingUpdate } });
  const P = 'spec.updateStrategy.rollingUpdate';

  it.each<[string, DaemonSet, string[]]>([
    ['1 / 0 (the defaults)', ru({}), []],
    ['0 / 1', ru({ maxUnavailable: 0, maxSurge: 1 }), []],
    ['"25%" / 0', ru({ maxUnavailable: '25%', maxSurge: 0 }), []],
    ['"100%" / 0', ru({ maxUnavailable: '100%', maxSurge: 0 }), []],
    ['"0%" / "10%"', ru({ maxUnavailable: '0%', maxSurge: '10%' }), []],
    [
      'both non-zero',
      ru({ maxUnavailable: 1, maxSurge: 1 }),
      [`${P}.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero`],
    ],
    [
      'both non-zero, percent surge',
      ru({ maxUnavailable: '10%', maxSurge: '20%' }),
      [`${P}.maxSurge: Invalid value: "20%": may not be set when maxUnavailable is non-zero`],
    ],
    [
      'both zero',
      ru({ maxUnavailable: 0, maxSurge: 0 }),
      [`${P}.maxUnavailable: Required value: cannot be 0 when maxSurge is 0`],
    ],
    [
      '"0%" counts as zero',
      ru({ maxUnavailable: '0%', maxSurge: 0 }),
      [`${P}.maxUnavailable: Required value: cannot be 0 when maxSurge is 0`],
    ],
    [
      'percentage above 100',
      ru({ maxUnavailable: '150%' }),
      [`${P}.maxUnavailable: Invalid value: "150%": must not be greater than 100%`],
    ],
    [
      'maxSurge above 100 with maxUnavailable 0',
      ru({ maxUnavailable: 0, maxSurge: '101%' }),
      [`${P}.maxSurge: Invalid value: "101%": must not be greater than 100%`],
    ],
    [
      'negative maxSurge counts as non-zero',
      ru({ maxUnavailable: 0, maxSurge: -1 }),
      [`${P}.maxSurge: Invalid value: -1: must be greater than or equal to 0`],
    ],
    [
      'a numeric string is not a percent but is non-zero',
      ru({ maxUnavailable: '5', maxSurge: 1 }),
      [
        `${P}.maxUnavailable: Invalid value: "5": ${PERCENT_MSG}`,
        `${P}.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero`,
      ],
    ],
  ])('%s', (_name, obj, want) => {
    expect(messages(create(obj))).toEqual(want);
  });

  it('requires rollingUpdate for RollingUpdate when not defaulted', () => {
    const obj = defaultDaemonSet(agent());
    const raw = { ...obj, spec: { ...obj.spec!, updateStrategy: { type: 'RollingUpdate' } } };
    expect(messages(validateDaemonSet(raw))).toEqual(['spec.updateStrategy.rollingUpdate: Required value']);
  });

  it('renders a given rollingUpdate inside an unsupported strategy', () => {
    const obj = agent({ updateStrategy: { type: 'Canary', rollingUpdate: { maxSurge: '10%' } } });
    expect(messages(create(obj))).toEqual([
      'spec.updateStrategy: Unsupported value: {"Type":"Canary","RollingUpdate":{"MaxUnavailable":0,"MaxSurge":"10%"}}: supported values: "RollingUpdate", "OnDelete"',
    ]);
  });
});

describe('rule C9: updates', () => {
  const old = defaultDaemonSet(agent());

  it('forbids changing the selector', () => {
    const changed = defaultDaemonSet(
      agent({
        selector: { matchLabels: { app: 'agent', tier: 'node' } },
        template: { metadata: { labels: { app: 'agent', tier: 'node' } }, spec: { containers: [PAUSE] } },
      }),
    );
    expect(messages(validateDaemonSetUpdate(changed, old))).toEqual([
      'spec.selector: Invalid value: {"matchLabels":{"app":"agent","tier":"node"}}: field is immutable',
    ]);
  });

  it('allows template label changes that still match the selector', () => {
    const changed = defaultDaemonSet(
      agent({
        template: {
          metadata: { labels: { app: 'agent', version: 'v2' } },
          spec: { containers: [{ ...PAUSE, image: 'registry.k8s.io/pause:3.10' }] },
        },
      }),
    );
    expect(validateDaemonSetUpdate(changed, old)).toEqual([]);
  });

  it('still runs the create checks, reporting each message once', () => {
    const changed = defaultDaemonSet(
      agent({
        template: { metadata: { labels: { app: 'other' } }, spec: { containers: [PAUSE] } },
        minReadySeconds: -1,
      }),
    );
    expect(messages(validateDaemonSetUpdate(changed, old))).toEqual([
      'spec.template.metadata.labels: Invalid value: {"app":"other"}: ' + MISMATCH,
      'spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('forbids renaming and selector removal', () => {
    const renamed = { ...old, metadata: { ...old.metadata, name: 'agent2' } };
    const { selector: _dropped, ...specWithout } = old.spec!;
    const noSelector = { ...renamed, spec: specWithout as DaemonSetSpec };
    expect(messages(validateDaemonSetUpdate(noSelector, old))).toEqual([
      'spec.template.metadata.labels: Invalid value: {"app":"agent"}: ' + MISMATCH,
      'metadata.name: Invalid value: "agent2": field is immutable',
      'spec.selector: Invalid value: null: field is immutable',
    ]);
  });
});

describe('rule C10: tolerations', () => {
  const P = 'spec.tolerations';
  it.each<[string, Toleration, string[]]>([
    ['wildcard', { operator: 'Exists' }, []],
    [
      'empty key needs Exists',
      { operator: 'Equal', value: '' },
      [
        `${P}[0].operator: Invalid value: "Equal": operator must be Exists when \`key\` is empty, which means "match all values and all keys"`,
      ],
    ],
    [
      'empty key and no operator',
      {},
      [
        `${P}[0].operator: Invalid value: "": operator must be Exists when \`key\` is empty, which means "match all values and all keys"`,
      ],
    ],
    [
      'tolerationSeconds without effect',
      { key: 'k', operator: 'Exists', tolerationSeconds: 5 },
      [`${P}[0].effect: Invalid value: "": effect must be 'NoExecute' when \`tolerationSeconds\` is set`],
    ],
    [
      'Exists with a value',
      { key: 'k', operator: 'Exists', value: 'v', effect: 'NoSchedule' },
      [
        `${P}[0].operator: Invalid value: {"Key":"k","Operator":"Exists","Value":"v","Effect":"NoSchedule","TolerationSeconds":null}: value must be empty when \`operator\` is 'Exists'`,
      ],
    ],
    [
      'invalid value',
      { key: 'k', value: 'a b' },
      [`${P}[0].operator: Invalid value: "a b": ${LABEL_VALUE_MSG}`],
    ],
    [
      'unsupported operator',
      { key: 'k', operator: 'Lt', value: '5' },
      [`${P}[0].operator: Unsupported value: "Lt": supported values: "Equal", "Exists"`],
    ],
    [
      'unsupported effect',
      { key: 'k', operator: 'Exists', effect: 'NoScheduleNoAdmit' },
      [
        `${P}[0].effect: Unsupported value: "NoScheduleNoAdmit": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"`,
      ],
    ],
    [
      'invalid key',
      { key: 'bad key', operator: 'Exists' },
      [`${P}[0].key: Invalid value: "bad key": ${NAME_PART_MSG}`],
    ],
  ])('%s', (_name, t, want) => {
    expect(messages(validateTolerations([t], P))).toEqual(want);
  });
});

describe('rule C10: node affinity', () => {
  const P = 'spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution';
  const T = `${P}.nodeSelectorTerms[0]`;
  it.each<
    [
      string,
      NonNullable<
        NonNullable<
          NonNullable<PodSpec['affinity']>['nodeAffinity']
        >['requiredDuringSchedulingIgnoredDuringExecution']
      >,
      string[],
    ]
  >([
    [
      'no terms',
      { nodeSelectorTerms: [] },
      [`${P}.nodeSelectorTerms: Required value: must have at least one node selector term`],
    ],
    [
      'In without values',
      { nodeSelectorTerms: [{ matchExpressions: [{ key: 'k', operator: 'In' }] }] },
      [
        `${T}.matchExpressions[0].values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`,
      ],
    ],
    [
      'DoesNotExist with values',
      { nodeSelectorTerms: [{ matchExpressions: [{ key: 'k', operator: 'DoesNotExist', values: ['x'] }] }] },
      [
        `${T}.matchExpressions[0].values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`,
      ],
    ],
    [
      'Lt with two values',
      { nodeSelectorTerms: [{ matchExpressions: [{ key: 'k', operator: 'Lt', values: ['1', '2'] }] }] },
      [
        `${T}.matchExpressions[0].values: Required value: must be specified single value when \`operator\` is 'Lt' or 'Gt'`,
      ],
    ],
    [
      'unknown operator',
      { nodeSelectorTerms: [{ matchExpressions: [{ key: 'k', operator: 'Near', values: ['x'] }] }] },
      [`${T}.matchExpressions[0].operator: Invalid value: "Near": not a valid selector operator`],
    ],
    [
      'matchFields on another field',
      { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.labels', operator: 'In', values: ['x'] }] }] },
      [`${T}.matchFields[0].key: Invalid value: "metadata.labels": not a valid field selector key`],
    ],
    [
      'matchFields with Exists',
      { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'Exists' }] }] },
      [`${T}.matchFields[0].operator: Invalid value: "Exists": not a valid selector operator`],
    ],
    [
      'matchFields value must be a node name',
      {
        nodeSelectorTerms: [
          { matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['Node_A'] }] },
        ],
      },
      [`${T}.matchFields[0].values[0]: Invalid value: "Node_A": ${SUBDOMAIN_MSG}`],
    ],
  ])('%s', (_name, required, want) => {
    expect(
      messages(
        create(
          withPodSpec({
            affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: required } },
          }),
        ),
      ),
    ).toEqual(want);
  });

  it('validateNodeSelector is usable on its own', () => {
    expect(validateNodeSelector({ nodeSelectorTerms: [{}] }, 'x')).toEqual([]);
  });

  it('checks preferred terms and pod affinity', () => {
    const errs = create(
      withPodSpec({
        affinity: {
          nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: {} }] },
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { labelSelector: { matchLabels: { app: 'agent' } }, topologyKey: '' },
            ],
          },
        },
      }),
    );
    expect(messages(errs)).toEqual([
      'spec.template.spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100',
      'spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty',
      'spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: "": name part must be non-empty',
      'spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: "": ' +
        NAME_PART_MSG,
    ]);
  });
});

describe('validatePod', () => {
  function pod(
    spec: Partial<PodSpec> = {},
    metadata: Pod['metadata'] = { name: 'p', namespace: 'default' },
  ): Pod {
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata,
      spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
    };
  }
  const check = (p: Pod) => messages(validatePod(defaultPod(p)));

  it.each<[string, Pod, string[]]>([
    ['a plain pod', pod(), []],
    ['restartPolicy OnFailure', pod({ restartPolicy: 'OnFailure' }), []],
    ['restartPolicy Never', pod({ restartPolicy: 'Never' }), []],
    [
      'unknown restartPolicy',
      pod({ restartPolicy: 'Maybe' }),
      ['spec.restartPolicy: Unsupported value: "Maybe": supported values: "Always", "OnFailure", "Never"'],
    ],
    ['activeDeadlineSeconds is allowed', pod({ activeDeadlineSeconds: 60 }), []],
    ['generateName only', pod({}, { generateName: 'agent-', namespace: 'default' }), []],
    [
      'invalid generateName',
      pod({}, { generateName: 'Agent-', namespace: 'default' }),
      ['metadata.generateName: Invalid value: "Agent-": ' + SUBDOMAIN_MSG],
    ],
    [
      'neither name nor generateName',
      pod({}, { namespace: 'default' }),
      ['metadata.name: Required value: name or generateName is required'],
    ],
    ['namespace required', pod({}, { name: 'p' }), ['metadata.namespace: Required value']],
    ['no containers', pod({ containers: [] }), ['spec.containers: Required value']],
    [
      'image with trailing space',
      pod({ containers: [{ name: 'c', image: 'nginx ' }] }),
      ['spec.containers[0].image: Invalid value: "nginx ": must not have leading or trailing whitespace'],
    ],
    [
      'hostNetwork hostPort must match (the default makes them equal)',
      pod({ hostNetwork: true, containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] }),
      [],
    ],
    [
      'hostNetwork with a different hostPort',
      pod({
        hostNetwork: true,
        containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, hostPort: 8080 }] }],
      }),
      [
        'spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true',
      ],
    ],
    [
      'ephemeral containers on create',
      pod({ ephemeralContainers: [{ name: 'dbg', image: 'busybox' }] }),
      ['spec.ephemeralContainers: Forbidden: cannot be set on create'],
    ],
  ])('%s', (_name, p, want) => {
    expect(check(p)).toEqual(want);
  });

  it('accepts a pod as the DaemonSet controller would create it', () => {
    const p = pod(
      {
        nodeName: 'node-a',
        tolerations: [
          { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
          { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
        ],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-a'] }] },
              ],
            },
          },
        },
      },
      {
        generateName: 'agent-',
        namespace: 'default',
        labels: { app: 'agent', 'controller-revision-hash': '6d4b75cb6d', 'pod-template-generation': '1' },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'DaemonSet',
            name: 'agent',
            uid: 'u-1',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
    );
    expect(check(p)).toEqual([]);
  });

  it('rejects two controller owner references', () => {
    const ref = { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'a', uid: 'u', controller: true };
    expect(
      check(pod({}, { name: 'p', namespace: 'default', ownerReferences: [ref, { ...ref, name: 'b' }] })),
    ).toEqual([
      'metadata.ownerReferences: Invalid value: [{"apiVersion":"apps/v1","kind":"DaemonSet","name":"a","uid":"u","controller":true},{"apiVersion":"apps/v1","kind":"DaemonSet","name":"b","uid":"u","controller":true}]: Only one reference can have Controller set to true. Found "true" in references for DaemonSet/a and DaemonSet/b',
    ]);
  });

  it('renders the kubectl message for a core kind', () => {
    const errs = validatePod(defaultPod(pod({ containers: [] })));
    expect(kubectlInvalidMessage('Pod', 'p', errs)).toBe(
      'The Pod "p" is invalid: spec.containers: Required value',
    );
    expect(apiInvalidMessage('Pod', '', 'p', errs)).toBe(
      'Pod "p" is invalid: spec.containers: Required value',
    );
  });
});

describe('validateNode', () => {
  function node(taints: Taint[], name = 'node-a'): Node {
    return defaultNode({ apiVersion: 'v1', kind: 'Node', metadata: { name }, spec: { taints } });
  }

  it.each<[string, Node, string[]]>([
    ['a healthy node', node([]), []],
    [
      'valid taints',
      node([
        { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
        { key: 'dedicated', value: 'gpu', effect: 'NoExecute' },
      ]),
      [],
    ],
    [
      'name must be a DNS subdomain',
      node([], 'Node_A'),
      ['metadata.name: Invalid value: "Node_A": ' + SUBDOMAIN_MSG],
    ],
    ['effect required', node([{ key: 'k', effect: '' }]), ['metadata.taints[0].effect: Required value']],
    [
      'unsupported effect',
      node([{ key: 'k', effect: 'NoEntry' }]),
      [
        'metadata.taints[0].effect: Unsupported value: "NoEntry": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      ],
    ],
    [
      'key must be a qualified name',
      node([{ key: 'bad key', effect: 'NoSchedule' }]),
      [`metadata.taints[0].key: Invalid value: "bad key": ${NAME_PART_MSG}`],
    ],
    [
      'value must be a label value',
      node([{ key: 'k', value: 'a b', effect: 'NoSchedule' }]),
      [`metadata.taints[0].value: Invalid value: "a b": ${LABEL_VALUE_MSG}`],
    ],
    [
      'duplicate key and effect',
      node([
        { key: 'k', value: 'a', effect: 'NoSchedule' },
        { key: 'k', value: 'b', effect: 'NoSchedule' },
      ]),
      [
        'metadata.taints[1]: Duplicate value: {"Key":"k","Value":"b","Effect":"NoSchedule","TimeAdded":null}: taints must be unique by key and effect pair',
      ],
    ],
    [
      'invalid label',
      defaultNode({ metadata: { name: 'n', labels: { zone: 'eu west' } } }),
      ['metadata.labels: Invalid value: "eu west": ' + LABEL_VALUE_MSG],
    ],
    [
      'negative capacity',
      defaultNode({ metadata: { name: 'n' }, status: { capacity: { cpu: '-2' } } }),
      [
        'status.capacity.cpu: Invalid value: "-2": must be greater than or equal to 0',
        'status.allocatable.cpu: Invalid value: "-2": must be greater than or equal to 0',
      ],
    ],
  ])('%s', (_name, n, want) => {
    expect(messages(validateNode(n))).toEqual(want);
  });
});

describe('validatePriorityClass', () => {
  const pc = (name: string, value?: number, extra: Partial<PriorityClass> = {}): PriorityClass =>
    ({
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name },
      ...(value === undefined ? {} : { value }),
      ...extra,
    }) as PriorityClass;

  it.each<[string, PriorityClass, string[]]>([
    ['user class', pc('high', 1000), []],
    ['system-node-critical', pc('system-node-critical', 2000001000), []],
    ['missing value', pc('high'), ['value: Required value']],
    ['non-integer value', pc('high', 1.5), ['value: Invalid value: 1.5: must be an integer']],
    [
      'above the user limit',
      pc('high', 1000000001),
      ['value: Forbidden: maximum allowed value of a user defined priority is 1000000000'],
    ],
    [
      'unknown system- name',
      pc('system-mine', 10),
      [
        "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class",
      ],
    ],
    [
      'wrong value for a system class',
      pc('system-cluster-critical', 5),
      [
        "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-cluster-critical PriorityClass must be 2000000000",
      ],
    ],
    ['bad name', pc('High', 1), ['metadata.name: Invalid value: "High": ' + SUBDOMAIN_MSG]],
    [
      'bad preemptionPolicy',
      pc('high', 1, { preemptionPolicy: 'Sometimes' }),
      ['preemptionPolicy: Unsupported value: "Sometimes": supported values: "PreemptLowerPriority", "Never"'],
    ],
  ])('%s', (_name, obj, want) => {
    expect(messages(validatePriorityClass(obj))).toEqual(want);
  });
});

describe('content helpers', () => {
  it.each<[string, string[]]>([
    ['example.com', []],
    ['a', []],
    ['-a', [SUBDOMAIN_MSG]],
    ['a..b', [SUBDOMAIN_MSG]],
    ['A', [SUBDOMAIN_MSG]],
    ['a'.repeat(254), ['must be no more than 253 characters']],
  ])('isDNS1123Subdomain(%j)', (v, want) => {
    expect(isDNS1123Subdomain(v)).toEqual(want);
  });

  it.each<[string, string[]]>([
    ['my-name', []],
    ['my.name', ['must not contain dots']],
    ['My', [LABEL_MSG]],
    ['a'.repeat(64), ['must be no more than 63 characters']],
  ])('isDNS1123Label(%j)', (v, want) => {
    expect(isDNS1123Label(v)).toEqual(want);
  });

  it.each<[string, string[]]>([
    ['app', []],
    ['kubernetes.io/hostname', []],
    ['Example.COM_x', []],
    ['/x', ['prefix part must be non-empty']],
    ['x/', ['name part must be non-empty', NAME_PART_MSG]],
    ['EXAMPLE.com/x', ['prefix part ' + SUBDOMAIN_MSG]],
    ['a'.repeat(64), ['name part must be no more than 63 characters']],
  ])('isQualifiedName(%j)', (v, want) => {
    expect(isQualifiedName(v)).toEqual(want);
  });

  it.each<[string, string[]]>([
    ['', []],
    ['v1.2_x', []],
    ['-v', [LABEL_VALUE_MSG]],
    ['a'.repeat(64), ['must be no more than 63 characters']],
  ])('isValidLabelValue(%j)', (v, want) => {
    expect(isValidLabelValue(v)).toEqual(want);
  });

  // The 63 limit counts UTF-8 bytes (Go's len): 2 per é, 4 per emoji (a surrogate pair), 3 for a
  // lone surrogate (encoded as U+FFFD).
  it.each<[string, number, boolean]>([
    ['é', 31, false],
    ['é', 32, true],
    ['😀', 15, false],
    ['😀', 16, true],
    ['\ud800', 21, false],
    ['\ud800', 22, true],
    ['a😀', 12, false],
    ['a😀', 13, true],
  ])('isValidLabelValue(%j × %i) is too long: %s', (unit, times, tooLong) => {
    expect(isValidLabelValue(unit.repeat(times)).includes('must be no more than 63 characters')).toBe(
      tooLong,
    );
  });

  it('isQualifiedName answers the same for a key it has seen before', () => {
    for (let i = 0; i < 3; i++) {
      expect(isQualifiedName('example.com/seen')).toEqual([]);
      expect(isQualifiedName('-bad')).toEqual([NAME_PART_MSG]);
    }
  });

  it.each<[string | number, number | undefined]>([
    ['500m', 0.5],
    ['8Gi', 8589934592],
    ['4', 4],
    ['110', 110],
    ['50Gi', 53687091200],
    ['1.5', 1.5],
    ['100Mi', 104857600],
    ['1k', 1000],
    ['2M', 2000000],
    ['3G', 3e9],
    ['1T', 1e12],
    ['1P', 1e15],
    ['1E', 1e18],
    ['10n', 1e-8],
    ['250u', 0.00025],
    ['1Ki', 1024],
    ['1Ti', 1099511627776],
    ['1Pi', 1125899906842624],
    ['1e3', 1000],
    ['5E-3', 0.005],
    ['-1', -1],
    ['+2', 2],
    [3, 3],
    ['', undefined],
    ['abc', undefined],
    ['1.2.3', undefined],
    ['5x', undefined],
    ['1KB', undefined],
    [' 1', undefined],
  ])('parseQuantityStrict(%j)', (v, want) => {
    const got = parseQuantityStrict(v);
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got).toBeCloseTo(want, 12);
  });

  it.each<[string, string]>([
    ['100m', '100m'],
    ['0.5', '500m'],
    ['1.5', '1500m'],
    ['1000m', '1'],
    ['2000', '2k'],
    ['1500', '1500'],
    ['1024Mi', '1Gi'],
    ['1536Mi', '1536Mi'],
    ['1.5Gi', '1536Mi'],
    ['1.5Ki', '1536'],
    ['512Ki', '512Ki'],
    ['1e3', '1e3'],
    ['0', '0'],
  ])('canonicalQuantity(%j) = %j', (v, want) => {
    expect(canonicalQuantity(v)).toBe(want);
  });
});

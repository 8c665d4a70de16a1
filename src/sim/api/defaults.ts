// Defaulting as the API server applies it on create/update (rules B1, B2), plus what a healthy
// kubelet reports for a node. Mirrors pkg/apis/apps/v1/defaults.go (SetDefaults_DaemonSet) and
// pkg/apis/core/v1/defaults.go (SetDefaults_Pod, SetDefaults_PodSpec, SetDefaults_Container, ...).
//
// Every function returns a new object (inputs may be frozen) with keys sorted alphabetically at every
// level, which is how `kubectl get -o yaml` prints objects. Resource quantities are rewritten in the
// canonical form the server stores ('0.5' → '500m', '1024Mi' → '1Gi'; SetDefaults_ResourceList
// rounds up to milli precision).
import type * as core from 'kubernetes-types/core/v1';
import type {
  Container,
  DaemonSet,
  DaemonSetSpec,
  Node,
  NodeCondition,
  NodeStatus,
  Pod,
  PodSpec,
  PodTemplateSpec,
} from './types.ts';
import { canonicalQuantity } from './validation.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** Recursively sorts object keys (arrays keep their order). */
function sortKeysDeep<T>(v: T): T {
  if (Array.isArray(v)) return v.map((e: unknown) => sortKeysDeep(e)) as T;
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) {
    if (o[k] !== undefined) out[k] = sortKeysDeep(o[k]);
  }
  return out as T;
}

/** SetDefaults_ResourceList + Quantity serialisation; unparseable values are left for validation. */
function normalizeResourceList(list: Record<string, string> | undefined): Record<string, string> | undefined {
  if (list === undefined || list === null || typeof list !== 'object') return list;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(list)) {
    const c = canonicalQuantity(v as string | number);
    out[k] = c ?? v;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Image pull policy (SetDefaults_Container → parsers.ParseImageName)

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_RE = new RegExp(`^${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]+)?$`);
const PATH_COMPONENT_RE = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG_RE = /^[\w][\w.-]{0,127}$/;
const DIGEST_RE = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

/**
 * The tag ParseImageName reports: the explicit tag, 'latest' when neither tag nor digest is given,
 * '' for a digest-only reference, and undefined when the reference does not parse.
 */
function imageTag(image: string): string | undefined {
  let rest = image;
  let digest = '';
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST_RE.test(digest)) return undefined;
  }
  let tag = '';
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG_RE.test(tag)) return undefined;
  }
  if (rest.length === 0 || rest.length > 255) return undefined;
  const parts = rest.split('/');
  const first = parts[0] ?? '';
  const hasDomain =
    parts.length > 1 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first);
  if (hasDomain) {
    if (!DOMAIN_RE.test(first)) return undefined;
    parts.shift();
  }
  if (parts.length === 0 || !parts.every((p) => PATH_COMPONENT_RE.test(p))) return undefined;
  if (tag === '' && digest === '') return 'latest';
  return tag;
}

function defaultPullPolicy(image: string | undefined): string {
  return imageTag(image ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
}

// ---------------------------------------------------------------------------------------------
// Containers and pod specs

function defaultHTTPGet(h: core.HTTPGetAction | undefined): void {
  if (h === undefined || h === null) return;
  const m = h as Mutable<core.HTTPGetAction>;
  if (!m.path) m.path = '/';
  if (!m.scheme) m.scheme = 'HTTP';
}

function defaultProbe(p: core.Probe | undefined): void {
  if (p === undefined || p === null) return;
  const m = p as Mutable<core.Probe>;
  if (!m.timeoutSeconds) m.timeoutSeconds = 1;
  if (!m.periodSeconds) m.periodSeconds = 10;
  if (!m.successThreshold) m.successThreshold = 1;
  if (!m.failureThreshold) m.failureThreshold = 3;
  defaultHTTPGet(m.httpGet);
}

/** SetDefaults_Container, SetDefaults_ContainerPort and the nested defaults of a container. */
function defaultContainer(c: Container): void {
  const m = c as Mutable<Container>;
  if (!m.imagePullPolicy) m.imagePullPolicy = defaultPullPolicy(m.image);
  if (!m.terminationMessagePath) m.terminationMessagePath = '/dev/termination-log';
  if (!m.terminationMessagePolicy) m.terminationMessagePolicy = 'File';
  for (const port of m.ports ?? []) {
    if (!port.protocol) port.protocol = 'TCP';
  }
  // ResourceRequirements is a struct without omitempty effect: it always serialises, as `{}`.
  const res = m.resources ?? {};
  const limits = normalizeResourceList(res.limits);
  const requests = normalizeResourceList(res.requests);
  m.resources = {
    ...res,
    ...(limits !== undefined ? { limits } : {}),
    ...(requests !== undefined ? { requests } : {}),
  };
  defaultProbe(m.livenessProbe);
  defaultProbe(m.readinessProbe);
  defaultProbe(m.startupProbe);
  defaultHTTPGet(m.lifecycle?.postStart?.httpGet);
  defaultHTTPGet(m.lifecycle?.preStop?.httpGet);
  for (const ev of m.env ?? []) {
    const fr = ev.valueFrom?.fieldRef;
    if (fr !== undefined && !fr.apiVersion) fr.apiVersion = 'v1';
  }
}

function defaultVolume(v: core.Volume): void {
  const m = v as Mutable<core.Volume> & Record<string, unknown>;
  const sources = Object.keys(m).filter((k) => k !== 'name' && m[k] !== undefined && m[k] !== null);
  if (sources.length === 0) m.emptyDir = {};
  if (m.hostPath !== undefined && m.hostPath.type === undefined) m.hostPath.type = '';
  if (m.secret !== undefined && m.secret.defaultMode === undefined) m.secret.defaultMode = 0o644;
  if (m.configMap !== undefined && m.configMap.defaultMode === undefined) m.configMap.defaultMode = 0o644;
  if (m.downwardAPI !== undefined && m.downwardAPI.defaultMode === undefined)
    m.downwardAPI.defaultMode = 0o644;
  for (const item of m.downwardAPI?.items ?? []) {
    if (item.fieldRef !== undefined && !item.fieldRef.apiVersion) item.fieldRef.apiVersion = 'v1';
  }
  if (m.projected !== undefined) {
    if (m.projected.defaultMode === undefined) m.projected.defaultMode = 0o644;
    for (const src of m.projected.sources ?? []) {
      if (src.serviceAccountToken !== undefined && src.serviceAccountToken.expirationSeconds === undefined) {
        src.serviceAccountToken.expirationSeconds = 3600;
      }
    }
  }
  if (m.emptyDir?.sizeLimit !== undefined) {
    const c = canonicalQuantity(m.emptyDir.sizeLimit);
    if (c !== undefined) m.emptyDir.sizeLimit = c;
  }
}

/** SetDefaults_PodSpec plus the defaults of everything a pod spec embeds; mutates `m`. */
function applyPodSpecDefaults(m: Mutable<PodSpec>): void {
  if (!m.dnsPolicy) m.dnsPolicy = 'ClusterFirst';
  if (!m.restartPolicy) m.restartPolicy = 'Always';
  if (m.securityContext === undefined || m.securityContext === null) m.securityContext = {};
  if (m.terminationGracePeriodSeconds === undefined || m.terminationGracePeriodSeconds === null)
    m.terminationGracePeriodSeconds = 30;
  if (!m.schedulerName) m.schedulerName = 'default-scheduler';
  for (const v of m.volumes ?? []) defaultVolume(v);
  for (const c of m.containers ?? []) defaultContainer(c);
  for (const c of m.initContainers ?? []) defaultContainer(c);
  for (const c of m.ephemeralContainers ?? []) defaultContainer(c as Container);
  if (m.overhead !== undefined) m.overhead = normalizeResourceList(m.overhead) ?? {};
}

/**
 * Pod-spec defaults as applied to any embedded pod spec (B2): restartPolicy Always, dnsPolicy
 * ClusterFirst, schedulerName default-scheduler, terminationGracePeriodSeconds 30,
 * securityContext {}, container terminationMessagePath/Policy, imagePullPolicy, port protocol TCP.
 * Since v1.28 the hostNetwork ⇒ hostPort default and enableServiceLinks are Pod-only
 * (SetDefaults_Pod): see defaultPod. Tolerations are untouched.
 */
export function defaultPodSpec(spec: PodSpec): PodSpec {
  const m = clone(spec) as Mutable<PodSpec>;
  applyPodSpecDefaults(m);
  return sortKeysDeep(m);
}

/** SetDefaults_Pod on top of the pod-spec defaults; metadata is left alone. */
export function defaultPod(pod: Pod): Pod {
  const out = clone(pod) as Mutable<Pod>;
  const spec = (out.spec ?? {}) as Mutable<PodSpec>;
  out.spec = spec;
  for (const list of [spec.containers ?? [], spec.initContainers ?? []]) {
    for (const c of list) {
      const limits = c.resources?.limits;
      if (limits === undefined || limits === null) continue;
      const requests = { ...(c.resources?.requests ?? {}) };
      for (const [k, v] of Object.entries(limits)) if (!(k in requests)) requests[k] = v;
      c.resources = { ...c.resources, requests };
    }
  }
  // InPlacePodVerticalScaling (beta, on by default since v1.33): regular containers with cpu/memory
  // requests get a NotRequired resize policy for each.
  for (const c of spec.containers ?? []) {
    const requests = c.resources?.requests ?? {};
    const have = new Set((c.resizePolicy ?? []).map((p) => p.resourceName));
    const add = (['cpu', 'memory'] as const).filter((r) => r in requests && !have.has(r));
    if (add.length > 0) {
      c.resizePolicy = [
        ...(c.resizePolicy ?? []),
        ...add.map((r) => ({ resourceName: r, restartPolicy: 'NotRequired' })),
      ];
    }
  }
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null)
    spec.enableServiceLinks = true;
  if (spec.hostNetwork === true) {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      for (const port of c.ports ?? []) {
        if (!port.hostPort) port.hostPort = port.containerPort;
      }
    }
  }
  applyPodSpecDefaults(spec);
  return sortKeysDeep(out);
}

/** SetDefaults_DaemonSet (B1) and the pod-template defaults (B2). */
export function defaultDaemonSet(ds: DaemonSet): DaemonSet {
  const out = clone(ds) as Mutable<DaemonSet>;
  const spec = (out.spec ?? {}) as Mutable<DaemonSetSpec>;
  out.spec = spec;
  const strategy = spec.updateStrategy ?? {};
  spec.updateStrategy = strategy;
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = strategy.rollingUpdate ?? {};
    strategy.rollingUpdate = ru;
    if (ru.maxUnavailable === undefined || ru.maxUnavailable === null) ru.maxUnavailable = 1;
    if (ru.maxSurge === undefined || ru.maxSurge === null) ru.maxSurge = 0;
  }
  if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null)
    spec.revisionHistoryLimit = 10;
  const template = (spec.template ?? {}) as Mutable<PodTemplateSpec>;
  spec.template = template;
  // ObjectMeta is a struct: the template always has a metadata block.
  if (template.metadata === undefined || template.metadata === null) template.metadata = {};
  const podSpec = (template.spec ?? {}) as Mutable<PodSpec>;
  template.spec = podSpec;
  applyPodSpecDefaults(podSpec);
  return sortKeysDeep(out);
}

// ---------------------------------------------------------------------------------------------
// Nodes

const HEALTHY_CONDITIONS: readonly NodeCondition[] = [
  {
    type: 'MemoryPressure',
    status: 'False',
    reason: 'KubeletHasSufficientMemory',
    message: 'kubelet has sufficient memory available',
  },
  {
    type: 'DiskPressure',
    status: 'False',
    reason: 'KubeletHasNoDiskPressure',
    message: 'kubelet has no disk pressure',
  },
  {
    type: 'PIDPressure',
    status: 'False',
    reason: 'KubeletHasSufficientPID',
    message: 'kubelet has sufficient PID available',
  },
  { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
];

const DEFAULT_RESOURCES: Readonly<Record<string, string>> = {
  cpu: '4',
  'ephemeral-storage': '50Gi',
  memory: '8Gi',
  pods: '110',
};

/** What a healthy kubelet reports for its node (times are left to the caller). */
function healthyNodeStatus(): NodeStatus {
  return {
    capacity: { ...DEFAULT_RESOURCES },
    allocatable: { ...DEFAULT_RESOURCES },
    conditions: HEALTHY_CONDITIONS.map((c) => ({ ...c })),
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
  };
}

/**
 * A node as the kubelet registers it: without status, a healthy one (4 CPU, 8Gi, 110 pods, 50Gi
 * ephemeral storage, no pressure, Ready); with a status lacking allocatable, allocatable = capacity
 * (SetDefaults_NodeStatus); with no conditions, the healthy ones. The kubelet's well-known labels
 * kubernetes.io/hostname, kubernetes.io/os and kubernetes.io/arch are added when absent.
 */
export function defaultNode(node: Node): Node {
  // No deep clone up front: the API server hands over its own copy of the input (or, for an update
  // without status, the stored status, which is never mutated here), everything changed below is a
  // fresh object, and sortKeysDeep at the end copies every object and array anyway.
  const out = { ...node } as Mutable<Node>;
  if (out.spec === undefined || out.spec === null) out.spec = {};
  let status = out.status;
  if (status === undefined || status === null) {
    status = healthyNodeStatus();
  } else {
    status = { ...status };
    if (
      (status.allocatable === undefined || status.allocatable === null) &&
      status.capacity !== undefined &&
      status.capacity !== null
    ) {
      status.allocatable = { ...status.capacity };
    }
    if (status.conditions === undefined || status.conditions === null || status.conditions.length === 0) {
      status.conditions = HEALTHY_CONDITIONS.map((c) => ({ ...c }));
    }
  }
  const capacity = normalizeResourceList(status.capacity);
  const allocatable = normalizeResourceList(status.allocatable);
  if (capacity !== undefined) status.capacity = capacity;
  if (allocatable !== undefined) status.allocatable = allocatable;
  out.status = status;

  const meta = { ...(out.metadata ?? {}) };
  const labels = { ...(meta.labels ?? {}) };
  const name = meta.name ?? '';
  if (name !== '' && labels['kubernetes.io/hostname'] === undefined) labels['kubernetes.io/hostname'] = name;
  if (labels['kubernetes.io/os'] === undefined)
    labels['kubernetes.io/os'] = status.nodeInfo?.operatingSystem || 'linux';
  if (labels['kubernetes.io/arch'] === undefined)
    labels['kubernetes.io/arch'] = status.nodeInfo?.architecture || 'amd64';
  meta.labels = labels;
  out.metadata = meta;
  return sortKeysDeep(out);
}

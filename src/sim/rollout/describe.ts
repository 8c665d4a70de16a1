// The pod-template half of `kubectl describe`, as `kubectl rollout history --revision=N` prints it:
// kubectl/pkg/describe/describe.go DescribePodTemplate and the helpers it calls
// (printLabelsMultiline, printAnnotationsMultiline, describeContainers, describeVolumes,
// printPodTolerationsMultiline). polymorphichelpers/history.go printTemplate writes through a
// PrefixWriter straight into a buffer, with no tabwriter, so the `\t` separators reach the terminal
// as they are. A faithful subset: what it leaves out is listed in the README ("Scenario files").

import type { Container, PodTemplateSpec, Toleration } from '../api/types.ts';

/** describe.PrefixWriter: two spaces per level before the formatted text. */
class PrefixWriter {
  out = '';
  write(level: number, text: string): void {
    this.out += '  '.repeat(level) + text;
  }
  writeLine(text: string): void {
    this.out += `${text}\n`;
  }
}

/** Annotations `kubectl describe` never prints (describe.go skipAnnotations). */
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const MAX_ANNOTATION_LEN = 140;

function sortedKeys(m: Readonly<Record<string, string>>): string[] {
  // sort.Strings: byte order, which for these ASCII keys is code-unit order.
  return Object.keys(m).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** printLabelsMultiline (printLabelsMultilineWithIndent with "" and "\t"). */
function printLabelsMultiline(
  w: PrefixWriter,
  title: string,
  labels: Readonly<Record<string, string>> | undefined,
): void {
  w.write(0, `${title}:\t`);
  const keys = sortedKeys(labels ?? {});
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, '\t');
    w.write(0, `${key}=${labels![key]}\n`);
  });
}

function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}...` : s;
}

/** printAnnotationsMultiline: long or multi-line values go on their own indented lines. */
function printAnnotationsMultiline(
  w: PrefixWriter,
  title: string,
  annotations: Readonly<Record<string, string>>,
): void {
  w.write(0, `${title}:\t`);
  const keys = sortedKeys(annotations).filter((k) => !SKIP_ANNOTATIONS.has(k));
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, indent);
    const value = annotations[key]!.replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${key}:\n`);
      for (const s of value.split('\n')) w.write(0, `${indent}  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(0, `${key}: ${value}\n`);
    }
  });
}

function stringOrNone(s: string): string {
  return s.length > 0 ? s : '<none>';
}

/** describeContainers with no statuses and no env resolver, as DescribePodTemplate calls it. */
function describeContainers(label: string, containers: readonly Container[], w: PrefixWriter, space: string) {
  w.write(0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    describeContainerBasicInfo(c, space, w);
    describeContainerCommand(c, w);
    describeResources(c, w);
    describeContainerProbes(c, w);
    if ((c.envFrom ?? []).length > 0) describeContainerEnvFrom(c, w);
    describeContainerEnvVars(c, w);
    describeContainerVolumes(c, w);
  }
}

function describeContainerBasicInfo(c: Container, space: string, w: PrefixWriter): void {
  w.write(1, `${space.length > 0 ? ' ' : ''}${c.name}:\n`);
  w.write(2, `Image:\t${c.image ?? ''}\n`);
  const ports = c.ports ?? [];
  const portString = ports.map((p) => `${p.containerPort}/${p.protocol ?? ''}`).join(', ');
  if (portString.includes(',')) w.write(2, `Ports:\t${portString}\n`);
  else w.write(2, `Port:\t${stringOrNone(portString)}\n`);
  const hostPortString = ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? ''}`).join(', ');
  if (hostPortString.includes(',')) w.write(2, `Host Ports:\t${hostPortString}\n`);
  else w.write(2, `Host Port:\t${stringOrNone(hostPortString)}\n`);
  const seccomp = c.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(2, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost') w.write(3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
}

function describeContainerCommand(c: Container, w: PrefixWriter): void {
  if ((c.command ?? []).length > 0) {
    w.write(2, 'Command:\n');
    for (const cmd of c.command!) for (const s of cmd.split('\n')) w.write(3, `${s}\n`);
  }
  if ((c.args ?? []).length > 0) {
    w.write(2, 'Args:\n');
    for (const arg of c.args!) for (const s of arg.split('\n')) w.write(3, `${s}\n`);
  }
}

/** SortedResourceNames: by name. Quantities print as stored (the API server stores them canonical). */
function describeResources(c: Container, w: PrefixWriter): void {
  const res = c.resources ?? {};
  for (const [title, list] of [
    ['Limits', res.limits],
    ['Requests', res.requests],
  ] as const) {
    const names = sortedKeys((list ?? {}) as Record<string, string>);
    if (names.length > 0) w.write(2, `${title}:\n`);
    for (const n of names) w.write(3, `${n}:\t${String(list![n])}\n`);
  }
}

type Probe = NonNullable<Container['livenessProbe']>;

/** DescribeProbe for the exec, httpGet, tcpSocket and grpc handlers. */
function describeProbe(p: Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const h = p.httpGet;
    const port = String(h.port);
    const host = port.length > 0 ? joinHostPort(h.host ?? '', port) : (h.host ?? '');
    return `http-get ${(h.scheme ?? '').toLowerCase()}://${host}${h.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${String(p.tcpSocket.port)} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function describeContainerProbes(c: Container, w: PrefixWriter): void {
  if (c.livenessProbe) w.write(2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
  if (c.readinessProbe) w.write(2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
  if (c.startupProbe) w.write(2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
}

function describeContainerEnvFrom(c: Container, w: PrefixWriter): void {
  w.write(2, 'Environment Variables from:\n');
  for (const e of c.envFrom ?? []) {
    let from = '';
    let name = '';
    let optional = false;
    if (e.configMapRef) {
      from = 'ConfigMap';
      name = e.configMapRef.name ?? '';
      optional = e.configMapRef.optional === true;
    } else if (e.secretRef) {
      from = 'Secret';
      name = e.secretRef.name ?? '';
      optional = e.secretRef.optional === true;
    }
    if (!e.prefix) w.write(3, `${name}\t${from}\tOptional: ${optional}\n`);
    else w.write(3, `${name}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
  }
}

/**
 * describeContainerEnvVars with no resolver (a template has no pod to resolve against): a fieldRef
 * prints an empty value before its path. A resourceFieldRef prints its resource with an empty
 * value (upstream computes the value from the container's limits; not reproduced).
 */
function describeContainerEnvVars(c: Container, w: PrefixWriter): void {
  const env = c.env ?? [];
  w.write(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    const from = e.valueFrom;
    if (!from) {
      (e.value ?? '').split('\n').forEach((s, i) => {
        w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`);
      });
      continue;
    }
    if (from.fieldRef) {
      w.write(3, `${e.name}:\t (${from.fieldRef.apiVersion ?? ''}:${from.fieldRef.fieldPath})\n`);
    } else if (from.resourceFieldRef) {
      w.write(3, `${e.name}:\t (${from.resourceFieldRef.resource})\n`);
    } else if (from.secretKeyRef) {
      const r = from.secretKeyRef;
      w.write(
        3,
        `${e.name}:\t<set to the key '${r.key}' in secret '${r.name ?? ''}'>\tOptional: ${r.optional === true}\n`,
      );
    } else if (from.configMapKeyRef) {
      const r = from.configMapKeyRef;
      w.write(
        3,
        `${e.name}:\t<set to the key '${r.key}' of config map '${r.name ?? ''}'>\tOptional: ${r.optional === true}\n`,
      );
    }
  }
}

function describeContainerVolumes(c: Container, w: PrefixWriter): void {
  const mounts = [...(c.volumeMounts ?? [])].sort((a, b) =>
    a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0,
  );
  const none = mounts.length === 0 ? '\t<none>' : '';
  w.write(2, `Mounts:${none}\n`);
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
  const devices = [...(c.volumeDevices ?? [])].sort((a, b) =>
    a.devicePath < b.devicePath ? -1 : a.devicePath > b.devicePath ? 1 : 0,
  );
  if (devices.length > 0) {
    w.write(2, `Devices:${none}\n`);
    for (const d of devices) w.write(3, `${d.devicePath} from ${d.name}\n`);
  }
}

type Volume = NonNullable<NonNullable<PodTemplateSpec['spec']>['volumes']>[number];

/** What the describers write through: describe.PrefixWriter's `Write(level, format)`. */
export interface LevelWriter {
  write(level: number, text: string): void;
}

/**
 * describeVolumes for the volume sources a DaemonSet commonly uses; others print `<unknown>`.
 * `space` is the pod template's extra indentation ('' when describing a pod itself).
 */
export function describeVolumes(volumes: readonly Volume[], w: LevelWriter, space: string): void {
  if (volumes.length === 0) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(1, `${space.length > 0 ? ' ' : ''}${v.name}:\n`);
    if (v.hostPath) {
      w.write(
        2,
        `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type ?? '<none>'}\n`,
      );
    } else if (v.emptyDir) {
      const size = v.emptyDir.sizeLimit;
      const sizeLimit = size !== undefined && String(size) !== '0' ? String(size) : '<unset>';
      w.write(
        2,
        `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${sizeLimit}\n`,
      );
    } else if (v.secret) {
      w.write(
        2,
        `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${v.secret.optional === true}\n`,
      );
    } else if (v.configMap) {
      w.write(
        2,
        `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n    Optional:\t${v.configMap.optional === true}\n`,
      );
    } else if (v.persistentVolumeClaim) {
      w.write(
        2,
        `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`,
      );
    } else if (v.downwardAPI) {
      w.write(2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
      for (const item of v.downwardAPI.items ?? []) {
        if (item.fieldRef) w.write(3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
        if (item.resourceFieldRef) w.write(3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
      }
    } else if (v.projected) {
      w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const s of v.projected.sources ?? []) {
        if (s.secret)
          w.write(2, `SecretName:\t${s.secret.name ?? ''}\n    Optional:\t${s.secret.optional === true}\n`);
        else if (s.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n');
        else if (s.configMap)
          w.write(
            2,
            `ConfigMapName:\t${s.configMap.name ?? ''}\n    Optional:\t${s.configMap.optional === true}\n`,
          );
        else if (s.serviceAccountToken)
          w.write(2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 0}\n`);
      }
    } else {
      w.write(1, '<unknown>\n');
    }
  }
}

/** printPodTolerationsMultiline: sorted by key (sort.Slice; stable for the short lists it sees). */
function printTolerations(w: PrefixWriter, title: string, tolerations: readonly Toleration[]): void {
  w.write(0, `${title}:\t`);
  if (tolerations.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const sorted = [...tolerations].sort((a, b) => {
    const ak = a.key ?? '';
    const bk = b.key ?? '';
    return ak < bk ? -1 : ak > bk ? 1 : 0;
  });
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null)
      s += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${s}\n`);
  });
}

/** DescribePodTemplate: the text `kubectl rollout history ds/NAME --revision=N` prints for a revision. */
export function describePodTemplate(template: PodTemplateSpec | undefined): string {
  const w = new PrefixWriter();
  w.write(0, 'Pod Template:\n');
  if (!template) {
    w.write(1, '<unset>');
    return w.out;
  }
  const spec = template.spec ?? { containers: [] };
  printLabelsMultiline(w, '  Labels', template.metadata?.labels);
  const annotations = template.metadata?.annotations ?? {};
  if (Object.keys(annotations).length > 0) printAnnotationsMultiline(w, '  Annotations', annotations);
  if (spec.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
  if ((spec.initContainers ?? []).length > 0)
    describeContainers('Init Containers', spec.initContainers!, w, '  ');
  describeContainers('Containers', spec.containers ?? [], w, '  ');
  describeVolumes(spec.volumes ?? [], w, '  ');
  if (spec.priorityClassName) w.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec.nodeSelector);
  printTolerations(w, '  Tolerations', spec.tolerations ?? []);
  return w.out;
}

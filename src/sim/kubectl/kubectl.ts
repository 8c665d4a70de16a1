// A kubectl console over the simulated cluster: `runKubectl(sim, "get pods -o wide")` prints what
// kubectl would (stdout and stderr, in order) and returns its exit status. Writes go through the
// simulated API server as kubectl makes them (actor `kubectl`), then the simulation settles so the
// controllers react at the current instant. No command waits: `delete`, `drain` and
// `rollout status` report what they see now instead of watching (kubectl would wait for pods to
// go, or keep watching the rollout).
//
// Upstream: kubectl/pkg/cmd/{get,describe,apply,delete,label,taint,drain,rollout}, cmd/util
// (CheckErr), pkg/printers/internalversion/printers.go, kubectl/pkg/describe/describe.go,
// kubectl/pkg/drain (filters.go), kubectl/pkg/cmd/taint/utils.go.

import { parseAllDocuments } from 'yaml';
import type { AnyObject, FieldError, Kind, Node, Pod, Taint } from '../api/types.ts';
import { NAMESPACED } from '../api/types.ts';
import { isValidLabelValue } from '../api/validation.ts';
import { isKind, qualifiedResource, type ApiError } from '../cluster/apiServer.ts';
import { controllerRefOf } from '../daemonset/controllerRef.ts';
import type { Cascade, Simulation } from '../engine/simulation.ts';
import { rolloutHistory, rolloutHistoryRevision, rolloutStatus, rolloutUndo } from '../rollout/rollout.ts';
import { isQualifiedName, isSelectorError, parseSelectorString } from '../scheduling/labels.ts';
import { parseBool, parseFlags, tokenize, type FlagDef, type ParsedArgs } from './args.ts';
import { describeDaemonSet, describeNode, describePod } from './describe.ts';
import { byteCompare } from './format.ts';
import { printJson, printYaml } from './output.ts';
import { printTable, resourceName, type TableKind } from './printers.ts';

export { resourceName };

export { completeKubectl } from './complete.ts';

/** A refused command, shaped like the scenario runner's rejections. */
export interface KubectlFailure {
  kind: string;
  namespace?: string;
  name: string;
  errors: FieldError[];
  kubectlMessage: string;
}

export interface KubectlResult {
  /** stdout and stderr as a terminal shows them, in order; ends with a newline unless empty. */
  output: string;
  exitCode: number;
  failures: KubectlFailure[];
}

const KUBECTL = { actor: 'kubectl' };

// ---- resource types --------------------------------------------------------------------------

/** The resource names, short names and singulars discovery offers for the kinds simulated here. */
export const RESOURCE_TYPES: Readonly<Record<string, Kind>> = {
  ds: 'DaemonSet',
  daemonset: 'DaemonSet',
  daemonsets: 'DaemonSet',
  'daemonset.apps': 'DaemonSet',
  'daemonsets.apps': 'DaemonSet',
  po: 'Pod',
  pod: 'Pod',
  pods: 'Pod',
  no: 'Node',
  node: 'Node',
  nodes: 'Node',
};

// ---- output ------------------------------------------------------------------------------------

class Console {
  text = '';
  code = 0;
  failures: KubectlFailure[] = [];

  out(s: string): void {
    this.text += s.endsWith('\n') || s === '' ? s : s + '\n';
  }

  /** An error line (and the failure it stands for); the command exits 1. */
  fail(message: string, failure?: Partial<KubectlFailure>): void {
    this.out(message);
    this.code = 1;
    this.failures.push({
      kind: failure?.kind ?? '',
      ...(failure?.namespace ? { namespace: failure.namespace } : {}),
      name: failure?.name ?? '',
      errors: failure?.errors ?? [{ field: '', type: 'Invalid value', message: stripErrorPrefix(message) }],
      kubectlMessage: failure?.kubectlMessage ?? message,
    });
  }

  apiError(err: ApiError): void {
    this.fail(err.kubectlMessage, {
      kind: err.kind,
      ...(err.namespace ? { namespace: err.namespace } : {}),
      name: err.name,
      errors:
        err.causes.length > 0 ? err.causes : [{ field: '', type: 'Invalid value', message: err.message }],
    });
  }
}

function stripErrorPrefix(s: string): string {
  return s.replace(/^error: /, '').replace(/\n[\s\S]*$/, '');
}

function notFound(kind: Kind, name: string): string {
  return `Error from server (NotFound): ${qualifiedResource(kind)} "${name}" not found`;
}

// ---- entry points ------------------------------------------------------------------------------

/** Run one kubectl command line (the leading `kubectl` is optional). */
export function runKubectl(
  sim: Simulation,
  commandLine: string,
  opts: { stdin?: string } = {},
): { output: string; exitCode: number } {
  const r = execKubectl(sim, commandLine, opts);
  return { output: r.output, exitCode: r.exitCode };
}

/** `runKubectl` plus the refusals, for the scenario runner's `rejections`. */
export function execKubectl(
  sim: Simulation,
  commandLine: string,
  opts: { stdin?: string } = {},
): KubectlResult {
  const c = new Console();
  const tokens = tokenize(commandLine);
  if ('error' in tokens) c.fail(`error: ${tokens.error}`);
  else {
    const words = tokens[0] === 'kubectl' ? tokens.slice(1) : tokens;
    dispatch(sim, c, words, opts.stdin);
  }
  return { output: c.text, exitCode: c.code, failures: c.failures };
}

export const COMMANDS = [
  'apply',
  'cordon',
  'delete',
  'describe',
  'drain',
  'get',
  'label',
  'rollout',
  'taint',
  'uncordon',
] as const;

const GLOBAL_FLAGS: FlagDef[] = [{ name: 'namespace', short: 'n', kind: 'string' }];

export const COMMAND_FLAGS: Readonly<Record<(typeof COMMANDS)[number], FlagDef[]>> = {
  apply: [{ name: 'filename', short: 'f', kind: 'string' }],
  cordon: [],
  uncordon: [],
  delete: [
    { name: 'cascade', kind: 'string', noOptDefault: 'background' },
    { name: 'grace-period', kind: 'string' },
    { name: 'force', kind: 'bool' },
    { name: 'wait', kind: 'bool' },
  ],
  describe: [
    { name: 'all-namespaces', short: 'A', kind: 'bool' },
    { name: 'selector', short: 'l', kind: 'string' },
  ],
  drain: [
    { name: 'ignore-daemonsets', kind: 'bool' },
    { name: 'delete-emptydir-data', kind: 'bool' },
    { name: 'force', kind: 'bool' },
  ],
  get: [
    { name: 'all-namespaces', short: 'A', kind: 'bool' },
    { name: 'output', short: 'o', kind: 'string' },
    { name: 'selector', short: 'l', kind: 'string' },
    { name: 'show-labels', kind: 'bool' },
    { name: 'watch', short: 'w', kind: 'bool' },
  ],
  label: [{ name: 'overwrite', kind: 'bool' }],
  rollout: [
    { name: 'revision', kind: 'string' },
    { name: 'to-revision', kind: 'string' },
  ],
  taint: [{ name: 'overwrite', kind: 'bool' }],
};

const USAGE = `kubectl controls the Kubernetes cluster manager.

This console runs against the simulated cluster and knows these commands:
  get          Display one or many resources (ds, pods, nodes)
  describe     Show details of a specific resource or group of resources
  apply        Apply a configuration to a resource by file name or stdin (-f -)
  delete       Delete resources by resource and names
  label        Update the labels on a resource
  taint        Update the taints on one or more nodes
  cordon       Mark node as unschedulable
  uncordon     Mark node as schedulable
  drain        Drain node in preparation for maintenance
  rollout      Manage the rollout of a DaemonSet (status, history, undo)
`;

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(
        d[i - 1]![j]! + 1,
        d[i]![j - 1]! + 1,
        d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
  return d[a.length]![b.length]!;
}

function dispatch(sim: Simulation, c: Console, words: string[], stdin: string | undefined): void {
  const cmd = words[0];
  if (cmd === undefined || cmd === 'help' || cmd === '--help' || cmd === '-h') {
    c.out(USAGE);
    return;
  }
  if (!(COMMANDS as readonly string[]).includes(cmd)) {
    if (cmd.startsWith('-')) {
      c.fail(`error: unknown flag: ${cmd}\nSee 'kubectl --help' for usage.`);
      return;
    }
    // cobra's findSuggestions: a Levenshtein distance of 2 or less, or a prefix.
    const near = COMMANDS.filter((k) => levenshtein(cmd, k) <= 2 || k.startsWith(cmd));
    const suggest =
      near.length > 0 ? `\n\nDid you mean this?\n${near.map((k) => `\t${k}`).join('\n')}\n` : '';
    c.fail(`error: unknown command "${cmd}" for "kubectl"${suggest}\nRun 'kubectl --help' for usage.`);
    return;
  }
  const command = cmd as (typeof COMMANDS)[number];
  const parsed = parseFlags(words.slice(1), [...GLOBAL_FLAGS, ...COMMAND_FLAGS[command]]);
  if ('error' in parsed) {
    c.fail(`error: ${parsed.error}\nSee 'kubectl ${command} --help' for usage.`);
    return;
  }
  const ns = parsed.flags.get('namespace') || 'default';
  switch (command) {
    case 'get':
      return get(sim, c, parsed, ns);
    case 'describe':
      return describe(sim, c, parsed, ns);
    case 'apply':
      return apply(sim, c, parsed, ns, stdin);
    case 'delete':
      return del(sim, c, parsed, ns);
    case 'label':
      return label(sim, c, parsed, ns);
    case 'taint':
      return taint(sim, c, parsed);
    case 'cordon':
    case 'uncordon':
      return cordon(sim, c, parsed.args, command === 'cordon');
    case 'drain':
      return drain(sim, c, parsed);
    case 'rollout':
      return rollout(sim, c, parsed, ns);
  }
}

// ---- resource arguments ---------------------------------------------------------------------

interface Target {
  kind: Kind;
  names: string[];
}

/** resource.Builder's argument forms: `TYPE [NAME...]`, `TYPE1,TYPE2`, or `TYPE/NAME...`. */
function resolveTargets(c: Console, args: readonly string[]): Target[] | undefined {
  if (args.length === 0) return [];
  const kindOf = (t: string): Kind | undefined => {
    const k = RESOURCE_TYPES[t.toLowerCase()];
    if (!k) c.fail(`error: the server doesn't have a resource type "${t}"`);
    return k;
  };
  if (args[0]!.includes('/')) {
    const targets: Target[] = [];
    for (const a of args) {
      const slash = a.indexOf('/');
      if (slash < 0) {
        c.fail(
          `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
        );
        return undefined;
      }
      const kind = kindOf(a.slice(0, slash));
      if (!kind) return undefined;
      const last = targets[targets.length - 1];
      if (last && last.kind === kind) last.names.push(a.slice(slash + 1));
      else targets.push({ kind, names: [a.slice(slash + 1)] });
    }
    return targets;
  }
  const kinds: Kind[] = [];
  for (const t of args[0]!.split(',')) {
    const k = kindOf(t);
    if (!k) return undefined;
    if (!kinds.includes(k)) kinds.push(k);
  }
  const names = args.slice(1);
  if (names.some((n) => n.includes('/'))) {
    c.fail(
      `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
    );
    return undefined;
  }
  return kinds.map((kind) => ({ kind, names: [...names] }));
}

function sortObjects<T extends AnyObject>(list: T[]): T[] {
  return list.sort((a, b) =>
    byteCompare(
      `${a.metadata?.namespace ?? ''}/${a.metadata?.name ?? ''}`,
      `${b.metadata?.namespace ?? ''}/${b.metadata?.name ?? ''}`,
    ),
  );
}

const GVR: Record<Kind, string> = {
  Pod: '/v1, Resource=pods',
  Node: '/v1, Resource=nodes',
  DaemonSet: 'apps/v1, Resource=daemonsets',
  ControllerRevision: 'apps/v1, Resource=controllerrevisions',
  PriorityClass: 'scheduling.k8s.io/v1, Resource=priorityclasses',
  Event: '/v1, Resource=events',
};

/** The objects a list request returns: in the namespace (all with -A), matching the selector. */
function listObjects(
  sim: Simulation,
  c: Console,
  kind: Kind,
  ns: string,
  all: boolean,
  selector: string | undefined,
): AnyObject[] | undefined {
  let matches: (labels: Record<string, string> | undefined) => boolean = () => true;
  if (selector !== undefined) {
    const sel = parseSelectorString(selector);
    if (isSelectorError(sel)) {
      c.fail(
        `Error from server (BadRequest): Unable to find "${GVR[kind]}" that match label selector "${selector}", field selector "": ${sel.error}`,
      );
      return undefined;
    }
    matches = (l) => sel.matches(l);
  }
  const out: AnyObject[] = [];
  for (const o of sim.api.list(kind)) {
    if (NAMESPACED[kind] && !all && o.metadata?.namespace !== ns) continue;
    if (!matches(o.metadata?.labels)) continue;
    out.push(o);
  }
  return sortObjects(out);
}

function noResources(c: Console, kind: Kind, ns: string, all: boolean): void {
  c.out(NAMESPACED[kind] && !all ? `No resources found in ${ns} namespace.` : 'No resources found');
}

// ---- get -----------------------------------------------------------------------------------------

const OUTPUT_FORMATS =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

function get(sim: Simulation, c: Console, p: ParsedArgs, ns: string): void {
  if (p.flags.has('watch') && parseBool(p.flags.get('watch')!)) {
    c.fail('error: --watch is not supported by this console: it shows the cluster at the current instant');
    return;
  }
  const output = p.flags.get('output') ?? '';
  if (!['', 'wide', 'yaml', 'json', 'name'].includes(output)) {
    if (OUTPUT_FORMATS.split(',').includes(output.split('=')[0]!))
      c.fail(`error: -o ${output} is not supported by this console (use wide, yaml, json or name)`);
    else
      c.fail(
        `error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${OUTPUT_FORMATS}`,
      );
    return;
  }
  if (p.args.length === 0) {
    c.fail(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples',
    );
    return;
  }
  const targets = resolveTargets(c, p.args);
  if (!targets) return;
  const all = parseBool(p.flags.get('all-namespaces') ?? 'false') === true;
  const selector = p.flags.get('selector');
  if (selector !== undefined && targets.some((t) => t.names.length > 0)) {
    c.fail('error: name cannot be provided when a selector is specified');
    return;
  }
  const showLabels = parseBool(p.flags.get('show-labels') ?? 'false') === true;
  const found: Array<{ kind: Kind; objects: AnyObject[] }> = [];
  const errors: string[] = [];
  for (const t of targets) {
    if (t.names.length > 0) {
      const objects: AnyObject[] = [];
      for (const name of t.names) {
        const o = sim.api.get(t.kind, NAMESPACED[t.kind] ? ns : undefined, name);
        if (o) objects.push(o);
        else errors.push(notFound(t.kind, name));
      }
      found.push({ kind: t.kind, objects });
    } else {
      const objects = listObjects(sim, c, t.kind, ns, all, selector);
      if (!objects) return;
      found.push({ kind: t.kind, objects });
    }
  }
  const total = found.reduce((n, f) => n + f.objects.length, 0);
  if (output === 'yaml' || output === 'json') {
    const objects = found.flatMap((f) => f.objects);
    const single = targets.length === 1 && targets[0]!.names.length === 1;
    if (!(single && objects.length === 0)) {
      const doc = single
        ? objects[0]
        : { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } };
      c.out(output === 'yaml' ? printYaml(doc) : printJson(doc));
    }
  } else if (output === 'name') {
    for (const f of found) for (const o of f.objects) c.out(resourceName(f.kind, o.metadata?.name ?? ''));
  } else {
    const tables: string[] = [];
    const withKind = found.length > 1;
    for (const f of found) {
      if (f.objects.length === 0) continue;
      const withNamespace = all && NAMESPACED[f.kind];
      tables.push(
        printTable(f.kind as TableKind, f.objects, {
          wide: output === 'wide',
          withNamespace,
          showLabels,
          nowMs: sim.nowMs(),
          namePrefix: withKind ? resourceName(f.kind, '') : '',
        }),
      );
    }
    if (tables.length > 0) c.out(tables.join('\n'));
  }
  if (total === 0 && errors.length === 0 && output !== 'name' && !(output === 'yaml' || output === 'json')) {
    const first = targets[0]!;
    noResources(c, first.kind, ns, all);
  }
  for (const e of errors) c.fail(e);
}

// ---- describe ------------------------------------------------------------------------------------

const DESCRIBERS: Partial<Record<Kind, (sim: Simulation, o: never) => string>> = {
  DaemonSet: describeDaemonSet,
  Pod: describePod,
  Node: describeNode,
};

function describe(sim: Simulation, c: Console, p: ParsedArgs, ns: string): void {
  if (p.args.length === 0) {
    c.fail(
      'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.',
    );
    return;
  }
  const targets = resolveTargets(c, p.args);
  if (!targets) return;
  const all = parseBool(p.flags.get('all-namespaces') ?? 'false') === true;
  const selector = p.flags.get('selector');
  const texts: string[] = [];
  const errors: string[] = [];
  let listed: Kind | undefined;
  for (const t of targets) {
    const describer = DESCRIBERS[t.kind]!;
    const objects: AnyObject[] = [];
    if (t.names.length === 0) {
      const list = listObjects(sim, c, t.kind, ns, all, selector);
      if (!list) return;
      objects.push(...list);
      listed ??= t.kind;
    }
    for (const name of t.names) {
      const o = sim.api.get(t.kind, NAMESPACED[t.kind] ? ns : undefined, name);
      if (o) {
        objects.push(o);
        continue;
      }
      // describe.go DescribeMatchingResources: a name that is not found describes every object
      // whose name starts with it.
      const prefixed = (listObjects(sim, c, t.kind, ns, false, undefined) ?? []).filter((x) =>
        (x.metadata?.name ?? '').startsWith(name),
      );
      if (prefixed.length === 0) errors.push(notFound(t.kind, name));
      objects.push(...prefixed);
    }
    for (const o of objects) texts.push(describer(sim, o as never));
  }
  if (texts.length > 0) c.out(texts.join('\n\n'));
  else if (errors.length === 0 && listed) noResources(c, listed, ns, all);
  for (const e of errors) c.fail(e);
}

// ---- apply -------------------------------------------------------------------------------------

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

function apply(sim: Simulation, c: Console, p: ParsedArgs, ns: string, stdin: string | undefined): void {
  const file = p.flags.get('filename');
  if (file === undefined) {
    c.fail("error: must specify one of -f and -k\n\nSee 'kubectl apply -h' for help and examples");
    return;
  }
  if (file !== '-') {
    c.fail(`error: the path "${file}" does not exist`);
    return;
  }
  const text = stdin ?? '';
  // The whole input is decoded before anything is sent: a syntax error applies nothing.
  const docs = parseAllDocuments(text, { prettyErrors: false });
  const objects: AnyObject[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    const err = doc.errors[0];
    if (err) {
      const msg = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      c.fail(
        `error: error parsing STDIN: error converting YAML to JSON: yaml: line ${lineOf(text, err.pos[0])}: ${msg}`,
      );
      return;
    }
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      c.fail(
        `error: error parsing STDIN: error unmarshaling JSON: json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value === 'string' ? 'string' : 'number'} into Go value of type map[string]interface {}`,
      );
      return;
    }
    const obj = value as AnyObject;
    if (typeof obj.kind !== 'string' || (obj.kind as string) === '') {
      c.fail(`error: unable to decode "STDIN": Object 'Kind' is missing in '${JSON.stringify(obj)}'`);
      return;
    }
    objects.push(obj);
  }
  if (objects.length === 0) {
    c.fail('error: no objects passed to apply');
    return;
  }
  const errors: Array<() => void> = [];
  for (const obj of objects) {
    const kind = obj.kind as Kind;
    const name = obj.metadata?.name ?? '';
    if (!isKind(kind) || kind === 'Event') {
      errors.push(() =>
        c.fail(
          `error: resource mapping not found for name: "${name}" namespace: "${obj.metadata?.namespace ?? ''}" from "STDIN": no matches for kind "${kind}" in version "${String(obj.apiVersion ?? '')}"\nensure CRDs are installed first`,
          { kind, name },
        ),
      );
      continue;
    }
    let target = obj;
    if (NAMESPACED[kind]) {
      const given = obj.metadata?.namespace;
      if (given && given !== ns && p.flags.has('namespace')) {
        errors.push(() =>
          c.fail(
            `error: the namespace from the provided object "${given}" does not match the namespace "${ns}". You must pass '--namespace=${given}' to perform this operation.`,
            { kind, name, namespace: given },
          ),
        );
        continue;
      }
      if (!given) target = { ...obj, metadata: { ...obj.metadata, namespace: ns } } as AnyObject;
    }
    const tns = NAMESPACED[kind] ? target.metadata?.namespace : undefined;
    const before = name ? sim.api.get(kind, tns, name) : undefined;
    const r = sim.apply(target, KUBECTL);
    if (!r.ok) {
      const e = r.error;
      errors.push(() => c.apiError(e));
      continue;
    }
    const verb = !before
      ? 'created'
      : before.metadata?.resourceVersion === r.object.metadata?.resourceVersion
        ? 'unchanged'
        : 'configured';
    c.out(`${resourceName(kind, r.object.metadata?.name ?? '')} ${verb}`);
  }
  sim.settle();
  for (const e of errors) e();
}

// ---- delete --------------------------------------------------------------------------------------

function del(sim: Simulation, c: Console, p: ParsedArgs, ns: string): void {
  const targets = resolveTargets(c, p.args);
  if (!targets) return;
  if (targets.length === 0) {
    c.fail(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
    );
    return;
  }
  if (targets.some((t) => t.names.length === 0)) {
    c.fail('error: resource(s) were provided, but no name was specified');
    return;
  }
  let cascadeFlag = p.flags.get('cascade') ?? 'background';
  if (cascadeFlag === 'true' || cascadeFlag === 'false') {
    c.out(
      `warning: --cascade=${cascadeFlag} is deprecated (boolean value) and can be replaced with --cascade=${cascadeFlag === 'true' ? 'background' : 'orphan'}.`,
    );
    cascadeFlag = cascadeFlag === 'true' ? 'background' : 'orphan';
  }
  if (!['background', 'foreground', 'orphan'].includes(cascadeFlag)) {
    c.fail(`error: invalid cascade value (${cascadeFlag}). Must be "background", "foreground", or "orphan".`);
    return;
  }
  const cascade = cascadeFlag as Cascade;
  const force = parseBool(p.flags.get('force') ?? 'false') === true;
  const graceText = p.flags.get('grace-period');
  let grace: number | undefined;
  if (graceText !== undefined) {
    if (!/^-?\d+$/.test(graceText)) {
      c.fail(
        `error: invalid argument "${graceText}" for "--grace-period" flag: strconv.ParseInt: parsing "${graceText}": invalid syntax`,
      );
      return;
    }
    grace = Number(graceText);
    if (grace < 0) grace = undefined;
  }
  if (force && grace === 0) {
    c.out(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.',
    );
  } else if (force && grace === undefined) grace = 0;
  for (const t of targets) {
    for (const name of t.names) {
      const tns = NAMESPACED[t.kind] ? ns : undefined;
      const r =
        grace !== undefined
          ? sim.api.delete(
              t.kind,
              tns,
              name,
              { gracePeriodSeconds: grace, propagationPolicy: PROPAGATION[cascade] },
              KUBECTL,
            )
          : sim.delete(t.kind, tns, name, cascade, KUBECTL);
      if (!r.ok) {
        c.apiError(r.error);
        continue;
      }
      const q = qualifiedResource(t.kind);
      c.out(
        `${q.replace(/^[a-z]+/, (plural) => singular(t.kind, plural))} "${name}" ${force && grace === 0 ? 'force deleted' : 'deleted'}`,
      );
    }
  }
  sim.settle();
}

const PROPAGATION = { background: 'Background', foreground: 'Foreground', orphan: 'Orphan' } as const;

function singular(kind: Kind, plural: string): string {
  return plural === qualifiedResource(kind).split('.')[0] ? kind.toLowerCase() : plural;
}

// ---- label ---------------------------------------------------------------------------------------

function label(sim: Simulation, c: Console, p: ParsedArgs, ns: string): void {
  // label.go: arguments up to the first one that looks like a label change name the resource.
  const resourceArgs: string[] = [];
  const specs: string[] = [];
  for (const a of p.args) {
    if (specs.length === 0 && !a.includes('=') && !a.endsWith('-')) resourceArgs.push(a);
    else specs.push(a);
  }
  if (specs.length === 0) {
    c.fail("error: at least one label update is required\nSee 'kubectl label -h' for help and examples");
    return;
  }
  const add = new Map<string, string>();
  const remove: string[] = [];
  for (const s of specs) {
    if (s.includes('=')) {
      const parts = s.split('=');
      if (parts.length !== 2) {
        c.fail(`error: invalid label spec: ${s}`);
        return;
      }
      const errs = isValidLabelValue(parts[1]!);
      if (errs.length > 0) {
        c.fail(`error: invalid label value: "${s}": ${errs.join(';')}`);
        return;
      }
      add.set(parts[0]!, parts[1]!);
    } else if (s.endsWith('-')) remove.push(s.slice(0, -1));
    else {
      c.fail(`error: unknown label spec: ${s}`);
      return;
    }
  }
  if (remove.some((k) => add.has(k))) {
    c.fail('error: can not both modify and remove a label in the same command');
    return;
  }
  const targets = resolveTargets(c, resourceArgs);
  if (!targets) return;
  if (targets.length === 0 || targets.some((t) => t.names.length === 0)) {
    c.fail('error: resource(s) were provided, but no name was specified');
    return;
  }
  const overwrite = parseBool(p.flags.get('overwrite') ?? 'false') === true;
  for (const t of targets) {
    for (const name of t.names) {
      const tns = NAMESPACED[t.kind] ? ns : undefined;
      const obj = sim.api.get(t.kind, tns, name);
      if (!obj) {
        c.fail(notFound(t.kind, name), { kind: t.kind, name, ...(tns ? { namespace: tns } : {}) });
        continue;
      }
      const current = obj.metadata?.labels ?? {};
      if (!overwrite) {
        const clashes = [...add].filter(([k, v]) => k in current && current[k] !== v);
        if (clashes.length > 0) {
          const msgs = clashes.map(
            ([k]) => `'${k}' already has a value (${current[k]}), and --overwrite is false`,
          );
          c.fail(msgs.length === 1 ? `error: ${msgs[0]}` : `error: [${msgs.join(', ')}]`, {
            kind: t.kind,
            name,
            ...(tns ? { namespace: tns } : {}),
            errors: msgs.map((m) => ({ field: 'metadata.labels', type: 'Invalid value', message: m })),
          });
          continue;
        }
      }
      const next: Record<string, string> = { ...current };
      for (const [k, v] of add) next[k] = v;
      for (const k of remove) {
        if (!(k in next)) c.out(`label "${k}" not found.`);
        delete next[k];
      }
      const meta = { ...obj.metadata, labels: next };
      if (Object.keys(next).length === 0) delete (meta as { labels?: unknown }).labels;
      const r = sim.api.update({ ...obj, metadata: meta } as AnyObject, KUBECTL);
      if (!r.ok) {
        c.apiError(r.error);
        continue;
      }
      // label.go updateDataChangeMsg: "unlabeled" when the object shrank (and --overwrite is off).
      const oldJson = JSON.stringify(obj);
      const newJson = JSON.stringify({ ...obj, metadata: meta });
      let msg = 'not labeled';
      if (oldJson !== newJson) msg = !overwrite && newJson.length < oldJson.length ? 'unlabeled' : 'labeled';
      c.out(`${resourceName(t.kind, name)} ${msg}`);
    }
  }
  sim.settle();
}

// ---- taint ---------------------------------------------------------------------------------------

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** taint/utils.go parseTaint. */
function parseTaint(st: string): Taint | string {
  const parts = st.split(':');
  let key: string;
  let value = '';
  let effect = '';
  if (parts.length === 1) key = parts[0]!;
  else if (parts.length === 2) {
    effect = parts[1]!;
    if (!EFFECTS.includes(effect)) return `invalid taint effect: ${effect}, unsupported taint effect`;
    const kv = parts[0]!.split('=');
    if (kv.length > 2) return `invalid taint spec: ${st}`;
    key = kv[0]!;
    if (kv.length === 2) {
      value = kv[1]!;
      const errs = isValidLabelValue(value);
      if (errs.length > 0) return `invalid taint spec: ${st}, ${errs.join('; ')}`;
    }
  } else return `invalid taint spec: ${st}`;
  const errs = isQualifiedName(key);
  if (errs.length > 0) return `invalid taint spec: ${st}, ${errs.join('; ')}`;
  const t: Taint = { key, effect: effect as Taint['effect'] };
  if (value) t.value = value;
  return t;
}

function taintString(t: Taint): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

function taint(sim: Simulation, c: Console, p: ParsedArgs): void {
  const resourceArgs: string[] = [];
  const specs: string[] = [];
  for (const a of p.args) {
    const isTaint = a.includes('=') || a.includes(':') || a.endsWith('-');
    if (specs.length === 0 && !isTaint) resourceArgs.push(a);
    else specs.push(a);
  }
  if (specs.length === 0) {
    c.fail("error: at least one taint update is required\nSee 'kubectl taint -h' for help and examples");
    return;
  }
  const toAdd: Taint[] = [];
  const toRemove: Taint[] = [];
  for (const s of specs) {
    if (s.endsWith('-')) {
      const t = parseTaint(s.slice(0, -1));
      if (typeof t === 'string') return c.fail(`error: ${t}`);
      toRemove.push(t.effect ? { key: t.key, effect: t.effect } : ({ key: t.key } as Taint));
    } else {
      const t = parseTaint(s);
      if (typeof t === 'string') return c.fail(`error: ${t}`);
      if (!t.effect) return c.fail(`error: invalid taint spec: ${s}`);
      if (toAdd.some((x) => x.key === t.key && x.effect === t.effect))
        return c.fail(`error: duplicated taints with the same key and effect: ${goTaint(t)}`);
      toAdd.push(t);
    }
  }
  const both = toAdd.filter((a) =>
    toRemove.some((r) => r.key === a.key && (!r.effect || r.effect === a.effect)),
  );
  if (both.length > 0) {
    c.fail(
      `error: can not both modify and remove the following taint(s) in the same command: ${both.map(taintString).join(', ')}`,
    );
    return;
  }
  const targets = resolveTargets(c, resourceArgs);
  if (!targets) return;
  if (targets.length === 0 || targets.some((t) => t.names.length === 0)) {
    c.fail('error: resource(s) were provided, but no name was specified');
    return;
  }
  const overwrite = parseBool(p.flags.get('overwrite') ?? 'false') === true;
  for (const t of targets) {
    if (t.kind !== 'Node') {
      c.fail(
        `error: invalid resource type ${qualifiedResource(t.kind).split('.')[0]}, only node types are supported`,
      );
      return;
    }
    for (const name of t.names) {
      const node = sim.api.get('Node', undefined, name);
      if (!node) {
        c.fail(notFound('Node', name), { kind: 'Node', name });
        continue;
      }
      const old = node.spec?.taints ?? [];
      if (!overwrite) {
        const exists = toAdd
          .filter((a) => old.some((o) => o.key === a.key && o.effect === a.effect))
          .map((a) => a.key);
        if (exists.length > 0) {
          const msg = `node ${name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`;
          c.fail(`error: ${msg}`, {
            kind: 'Node',
            name,
            errors: [{ field: 'spec.taints', type: 'Invalid value', message: msg }],
          });
          continue;
        }
      }
      // utils.go ReorganizeTaints.
      const next: Taint[] = [...toAdd];
      for (const o of old) if (!next.some((n) => n.key === o.key && n.effect === o.effect)) next.push(o);
      const added = old.length !== next.length;
      const errors: string[] = [];
      let removed = false;
      let remaining = next;
      for (const r of toRemove) {
        const before = remaining.length;
        remaining = remaining.filter((x) => !(x.key === r.key && (!r.effect || x.effect === r.effect)));
        removed = remaining.length !== before;
        if (!removed) errors.push(`taint "${taintString(r)}" not found`);
      }
      if (errors.length > 0) {
        c.fail(errors.length === 1 ? `error: ${errors[0]}` : `error: [${errors.join(', ')}]`, {
          kind: 'Node',
          name,
          errors: errors.map((m) => ({ field: 'spec.taints', type: 'Not found', message: m })),
        });
        continue;
      }
      const operation = (added && removed) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
      const spec: NonNullable<Node['spec']> = { ...node.spec };
      if (remaining.length > 0) spec.taints = remaining;
      else delete spec.taints;
      const r = sim.api.update({ ...node, spec }, KUBECTL);
      if (!r.ok) {
        c.apiError(r.error);
        continue;
      }
      c.out(`node/${name} ${operation}`);
    }
  }
  sim.settle();
}

/** Go's %v of a Taint value: `{key value effect <nil>}`. */
function goTaint(t: Taint): string {
  return `{${t.key} ${t.value ?? ''} ${t.effect} <nil>}`;
}

// ---- cordon / uncordon / drain -----------------------------------------------------------------

function nodeArgs(c: Console, args: readonly string[], verb: string): string[] | undefined {
  if (args.length === 0) {
    c.fail(`error: USAGE: ${verb} NODE [flags]\nSee 'kubectl ${verb} -h' for help and examples`);
    return undefined;
  }
  return args.map((a) => (a.startsWith('node/') || a.startsWith('nodes/') ? a.slice(a.indexOf('/') + 1) : a));
}

/** drain.go RunCordonOrUncordon for one node; false when the node does not exist. */
function setUnschedulable(sim: Simulation, c: Console, name: string, desired: boolean): boolean {
  const node = sim.api.get('Node', undefined, name);
  if (!node) {
    c.fail(notFound('Node', name), { kind: 'Node', name });
    return false;
  }
  if ((node.spec?.unschedulable === true) === desired) {
    c.out(`node/${name} already ${desired ? 'cordoned' : 'uncordoned'}`);
    return true;
  }
  const spec: NonNullable<Node['spec']> = { ...node.spec };
  if (desired) spec.unschedulable = true;
  else delete spec.unschedulable;
  const r = sim.api.update({ ...node, spec }, KUBECTL);
  if (!r.ok) {
    c.fail(`error: unable to ${desired ? 'cordon' : 'uncordon'} node "${name}": ${r.error.message}`);
    return true;
  }
  c.out(`node/${name} ${desired ? 'cordoned' : 'uncordoned'}`);
  return true;
}

function cordon(sim: Simulation, c: Console, args: readonly string[], desired: boolean): void {
  const names = nodeArgs(c, args, desired ? 'cordon' : 'uncordon');
  if (!names) return;
  for (const name of names) setUnschedulable(sim, c, name, desired);
  sim.settle();
}

/** kubectl/pkg/drain filters.go: why a pod may or may not be evicted. */
function drainFilter(
  sim: Simulation,
  pod: Pod,
  opts: { ignoreDaemonSets: boolean; deleteEmptyDir: boolean; force: boolean },
): { delete: boolean; warning?: string; error?: string; field?: string } {
  const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
  const ref = controllerRefOf(pod);
  // daemonSetFilter
  if (ref?.kind === 'DaemonSet' && !terminal) {
    if (!sim.api.get('DaemonSet', pod.metadata?.namespace, ref.name)) {
      const msg = `daemonsets.apps "${ref.name}" not found`;
      return opts.force
        ? { delete: true, warning: msg }
        : { delete: false, error: msg, field: 'metadata.ownerReferences' };
    }
    return opts.ignoreDaemonSets
      ? { delete: false, warning: 'ignoring DaemonSet-managed Pods' }
      : {
          delete: false,
          error: 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)',
          field: 'metadata.ownerReferences',
        };
  }
  // mirrorPodFilter
  if (pod.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined) return { delete: false };
  // localStorageFilter
  if (!terminal && (pod.spec?.volumes ?? []).some((v) => v.emptyDir)) {
    if (!opts.deleteEmptyDir)
      return {
        delete: false,
        error: 'Pods with local storage (use --delete-emptydir-data to override)',
        field: 'spec.volumes',
      };
    return { delete: true, warning: 'deleting Pods with local storage' };
  }
  // unreplicatedFilter
  if (!ref && !terminal) {
    if (!opts.force)
      return {
        delete: false,
        error: 'Pods declare no controller (use --force to override)',
        field: 'metadata.ownerReferences',
      };
    return { delete: true, warning: 'deleting Pods that declare no controller' };
  }
  return { delete: true };
}

function drain(sim: Simulation, c: Console, p: ParsedArgs): void {
  const names = nodeArgs(c, p.args, 'drain');
  if (!names) return;
  const flag = (n: string): boolean => parseBool(p.flags.get(n) ?? 'false') === true;
  const opts = {
    ignoreDaemonSets: flag('ignore-daemonsets'),
    deleteEmptyDir: flag('delete-emptydir-data'),
    force: flag('force'),
  };
  const existing = names.filter((n) => setUnschedulable(sim, c, n, true));
  sim.settle();
  const fatal: string[] = [];
  const remaining: string[] = [];
  for (const name of existing) {
    const pods = [...sim.api.byIndex('Pod', 'nodeName', name)].sort((a, b) =>
      byteCompare(
        `${a.metadata?.namespace}/${a.metadata?.name}`,
        `${b.metadata?.namespace}/${b.metadata?.name}`,
      ),
    );
    const warnings = new Map<string, string[]>();
    const errors = new Map<string, string[]>();
    const fields = new Map<string, string>();
    const toEvict: Pod[] = [];
    for (const pod of pods) {
      const f = drainFilter(sim, pod, opts);
      const id = `${pod.metadata?.namespace}/${pod.metadata?.name}`;
      if (f.error) {
        errors.set(f.error, [...(errors.get(f.error) ?? []), id]);
        fields.set(f.error, f.field ?? '');
      } else if (f.warning) warnings.set(f.warning, [...(warnings.get(f.warning) ?? []), id]);
      if (f.delete && !f.error) toEvict.push(pod);
    }
    if (errors.size > 0) {
      const list = [...errors].map(([msg, ids]): FieldError => ({
        field: fields.get(msg) ?? '',
        type: 'Forbidden',
        message: `cannot delete ${msg}: ${ids.join(', ')}`,
      }));
      const msgs = list.map((e) => e.message);
      const joined = msgs.length === 1 ? msgs[0]! : `[${msgs.join(', ')}]`;
      c.fail(`error: unable to drain node "${name}" due to error: ${joined}, continuing command...`, {
        kind: 'Node',
        name,
        errors: list,
        kubectlMessage: msgs.join('\n'),
      });
      fatal.push(...msgs);
      remaining.push(name);
      continue;
    }
    if (warnings.size > 0)
      c.out(`Warning: ${[...warnings].map(([msg, ids]) => `${msg}: ${ids.join(', ')}`).join('; ')}`);
    for (const pod of toEvict) {
      const ns = pod.metadata?.namespace ?? 'default';
      const podName = pod.metadata?.name ?? '';
      c.out(`evicting pod ${ns}/${podName}`);
      // An Eviction deletes the pod with its own grace period; the console does not wait for it.
      const r = sim.api.delete('Pod', ns, podName, {}, KUBECTL);
      if (!r.ok) c.apiError(r.error);
      else c.out(`pod/${podName} evicted`);
    }
    sim.settle();
    c.out(`node/${name} drained`);
  }
  if (remaining.length > 0) {
    c.out(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}`).join('\n')}`);
    c.out(fatal.join('\n'));
  }
}

// ---- rollout -------------------------------------------------------------------------------------

function rollout(sim: Simulation, c: Console, p: ParsedArgs, ns: string): void {
  const [sub, ...rest] = p.args;
  if (sub !== 'status' && sub !== 'history' && sub !== 'undo') {
    if (sub === undefined)
      c.out(
        'Manage the rollout of one or many resources.\n\nAvailable Commands:\n  history       View rollout history\n  status        Show the status of the rollout\n  undo          Undo a previous rollout',
      );
    else
      c.fail(
        `error: unknown command "${sub}" for "kubectl rollout"\nRun 'kubectl rollout --help' for usage.`,
      );
    return;
  }
  const targets = resolveTargets(c, rest);
  if (!targets) return;
  if (targets.length === 0 || targets.some((t) => t.names.length === 0)) {
    c.fail(
      "error: required resource not specified\nSee 'kubectl rollout " + sub + " -h' for help and examples",
    );
    return;
  }
  for (const t of targets) {
    for (const name of t.names) {
      if (t.kind !== 'DaemonSet') {
        c.fail(
          `error: no ${sub === 'undo' ? 'rollbacker' : sub === 'history' ? 'history viewer' : 'status viewer'} has been implemented for "${t.kind}"`,
        );
        continue;
      }
      if (sub === 'status') {
        const r = rolloutStatus(sim, ns, name);
        if (!r.ok) c.fail(r.kubectlMessage, { kind: 'DaemonSet', name, namespace: ns });
        else if (r.error) c.fail(r.output.trimEnd(), { kind: 'DaemonSet', name, namespace: ns });
        else c.out(r.output);
      } else if (sub === 'history') {
        const revText = p.flags.get('revision');
        const rev = revText === undefined ? 0 : Number(revText);
        if (!Number.isInteger(rev)) {
          c.fail(
            `error: invalid argument "${revText}" for "--revision" flag: strconv.ParseInt: parsing "${revText}": invalid syntax`,
          );
          return;
        }
        const r = rev === 0 ? rolloutHistory(sim, ns, name) : rolloutHistoryRevision(sim, ns, name, rev);
        if (!r.ok) c.fail(r.kubectlMessage, { kind: 'DaemonSet', name, namespace: ns });
        else c.out(r.output);
      } else {
        const toText = p.flags.get('to-revision');
        const to = toText === undefined ? 0 : Number(toText);
        if (!Number.isInteger(to)) {
          c.fail(
            `error: invalid argument "${toText}" for "--to-revision" flag: strconv.ParseInt: parsing "${toText}": invalid syntax`,
          );
          return;
        }
        const r = rolloutUndo(sim, ns, name, to);
        if (!r.ok) c.fail(r.kubectlMessage, { kind: 'DaemonSet', name, namespace: ns });
        else c.out(r.output);
        sim.settle();
      }
    }
  }
}

// Parses a scenario file (YAML, or JSON, which is YAML) into a `Scenario`, or reports the first
// problem with its file, line and column. Only the scenario's own structure is checked here; the
// Kubernetes objects inside are passed through as written, for the simulated API server to validate.
//
// Pure: no host APIs, so it runs the same in the browser worker, the tests and the CLI.

import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Document,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type {
  AbsentExpectation,
  ControllerRevisionsExpectation,
  DaemonSetStatusExpectation,
  DeleteCascade,
  DeleteStep,
  EventExpectation,
  EventType,
  Expect,
  JsonObject,
  JsonValue,
  ObjectLocation,
  OwnerReferenceExpectation,
  PodConditionExpectation,
  PodMetadataExpectation,
  PodMetadataExpectations,
  PodPhase,
  RawObject,
  RejectedExpectation,
  RolloutUndoStep,
  Scenario,
  ScenarioError,
  SetPodPhaseStep,
  Step,
  UnscheduledExpectation,
} from './types.ts';

export type ParseScenarioResult = { ok: true; scenario: Scenario } | { ok: false; error: ScenarioError };

/** `<file>:<line>:<column>: <message>`, the form editors and terminals link to. */
export function formatScenarioError(e: ScenarioError): string {
  return `${e.file}:${e.line}:${e.column}: ${e.message}`;
}

/**
 * How the checker must compile `messagePattern`, `namePattern` and `hashPattern`: the parser
 * validates them with this same call, so a pattern that parsed always compiles.
 */
export function scenarioRegExp(pattern: string): RegExp {
  return new RegExp(pattern);
}

/**
 * How every YAML input is read (scenarios, the editor, manifests): the core schema (YAML 1.2) even
 * under a `%YAML 1.1` directive, so values are always plain JSON-like data; merge keys (`<<`) are
 * allowed, as kubectl allows them; duplicate keys are refused.
 */
export const YAML_OPTIONS = { prettyErrors: false, schema: 'core', merge: true, uniqueKeys: true } as const;

/** A YAML stream read with YAML_OPTIONS, and a way to report a problem at a character offset. */
export interface YamlStream {
  docs: Document.Parsed[];
  lineCounter: LineCounter;
  errorAt(offset: number, message: string): { ok: false; error: ScenarioError };
}

/**
 * Read every document of a file, refusing YAML errors (and nesting too deep for the parser) with
 * the file, line and column. Shared by scenarios and manifest files.
 */
export function readYamlStream(
  text: string,
  file: string,
): { ok: true; stream: YamlStream } | { ok: false; error: ScenarioError } {
  const lineCounter = new LineCounter();
  const errorAt = (offset: number, message: string) => {
    const { line, col } = lineCounter.linePos(offset);
    return { ok: false as const, error: { file, line, column: col, message } };
  };
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { ...YAML_OPTIONS, lineCounter });
  } catch (e) {
    if (e instanceof RangeError) return errorAt(0, 'the document is nested too deeply');
    throw e;
  }
  for (const doc of docs) {
    const first = doc.errors[0];
    if (first) return errorAt(first.pos[0], `invalid YAML: ${first.message}`);
  }
  return { ok: true, stream: { docs, lineCounter, errorAt } };
}

export function parseScenario(text: string, file: string): ParseScenarioResult {
  const read = readYamlStream(text, file);
  if (!read.ok) return read;
  const { docs, lineCounter, errorAt } = read.stream;

  // Empty documents (only comments, or a stray `---`) are harmless; a second real one is not.
  const filled = docs.filter((d) => !isEmptyDocument(d));
  const second = filled[1];
  if (second) {
    return errorAt(
      second.range[0],
      'a scenario file holds exactly one YAML document, but a second one starts here ' +
        '(remove the "---" separator, or split the file)',
    );
  }
  const doc = filled[0];
  if (!doc) return errorAt(text.length, 'the file is empty: a scenario needs at least a "name"');

  try {
    const reader = new Reader(doc, lineCounter);
    return { ok: true, scenario: reader.scenario() };
  } catch (e) {
    if (e instanceof Failure) return errorAt(e.offset, e.message);
    if (e instanceof RangeError) return errorAt(0, 'the document is nested too deeply');
    throw e;
  }
}

function isEmptyDocument(doc: Document.Parsed): boolean {
  const contents: unknown = doc.contents;
  return (
    contents === null || (isScalar(contents) && contents.value === null && !contents.source && !contents.tag)
  );
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const ROOT_KEYS = ['name', 'description', 'seed', 'objects', 'steps', 'expect'] as const;
/**
 * The longest single advance. Periodic work (the node lifecycle controller looks every 5 s) makes
 * a virtual year cost a few seconds; a larger number would leave the runner, or the app's worker,
 * busy for hours.
 */
export const MAX_ADVANCE_SECONDS = 365 * 24 * 3600;

const STEP_ACTIONS = ['apply', 'delete', 'advanceSeconds', 'setPodPhase', 'rolloutUndo', 'kubectl'] as const;
const DELETE_KEYS = ['kind', 'name', 'namespace', 'cascade'] as const;
const CASCADES: readonly DeleteCascade[] = ['background', 'foreground', 'orphan'];
const SET_POD_PHASE_KEYS = ['node', 'daemonSet', 'phase', 'ready'] as const;
const POD_PHASES: readonly PodPhase[] = ['Running', 'Failed', 'Succeeded', 'Pending'];
const ROLLOUT_UNDO_KEYS = ['daemonSet', 'toRevision'] as const;
const EXPECT_KEYS = [
  'podsByNode',
  'status',
  'rejected',
  'podTolerations',
  'podAffinity',
  'unscheduled',
  'events',
  'controllerRevisions',
  'storedObject',
  'podsPreserved',
  'absent',
  'podMetadata',
] as const;
const STATUS_COUNT_KEYS = [
  'currentNumberScheduled',
  'desiredNumberScheduled',
  'numberMisscheduled',
  'numberReady',
  'updatedNumberScheduled',
  'numberAvailable',
  'numberUnavailable',
  'observedGeneration',
  'collisionCount',
] as const;
const STATUS_KEYS = [...STATUS_COUNT_KEYS, 'conditions'] as const;
const REJECTED_KEYS = ['field', 'contains', 'kubectlMessage'] as const;
const UNSCHEDULED_KEYS = ['daemonSet', 'node', 'phase', 'condition', 'message'] as const;
const CONDITION_KEYS = ['type', 'status', 'reason', 'message'] as const;
const CONDITION_STATUSES = ['True', 'False', 'Unknown'] as const;
const EVENT_KEYS = ['object', 'type', 'reason', 'messagePattern', 'count', 'countAtLeast'] as const;
const EVENT_TYPES: readonly EventType[] = ['Normal', 'Warning'];
const REVISIONS_KEYS = ['count', 'revisions', 'facts'] as const;
const ABSENT_KEYS = ['kind', 'namespace', 'name', 'namePrefix'] as const;
const POD_METADATA_KEYS = [
  'generateName',
  'namePattern',
  'hashPattern',
  'labels',
  'annotations',
  'ownerReferences',
  'annotationsFromTemplateOnly',
] as const;
const OWNER_REFERENCE_KEYS = [
  'apiVersion',
  'kind',
  'name',
  'uid',
  'controller',
  'blockOwnerDeletion',
] as const;

const NAMESPACED_NAME = /^[^\s/]+\/[^\s/]+$/;
const OPTIONALLY_NAMESPACED_NAME = /^(?:[^\s/]+\/)?[^\s/]+$/;
const EVENT_OBJECT = /^[A-Za-z][A-Za-z0-9]* (?:[^\s/]+\/)?[^\s/]+$/;
const MAX_UINT32 = 4294967295;
/** Nodes a document may expand to through aliases before it is treated as an alias bomb. */
const MAX_NODES = 1_000_000;
const MAX_DEPTH = 500;

// ---------------------------------------------------------------------------------------------
// Reading YAML nodes with positions

class Failure {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

type Resolved = Scalar | YAMLMap | YAMLSeq;

/** A value in the document: its (alias-resolved) node, where it starts and its path in words. */
interface V {
  node: Resolved | null;
  offset: number;
  path: string;
}

interface Entry {
  key: string;
  keyOffset: number;
  v: V;
}

type Fields = Map<string, Entry>;

function fail(offset: number, message: string): never {
  throw new Failure(offset, message);
}

function offsetOf(node: { range?: [number, number, number] | null | undefined } | null | undefined): number {
  return node?.range?.[0] ?? 0;
}

function keyPath(path: string, key: string): string {
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

function where(path: string): string {
  return path === '' ? 'at the top level' : `in ${path}`;
}

function quoteList(items: readonly string[]): string {
  return items.map((s) => JSON.stringify(s)).join(', ');
}

function isNull(node: Resolved | null): boolean {
  return node === null || (isScalar(node) && node.value === null);
}

/** How a value reads in "got ..." messages. */
function describe(node: Resolved | null): string {
  if (node === null) return 'an empty value';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  const value: unknown = node.value;
  if (value === null) return node.source === '' || node.source === undefined ? 'an empty value' : 'null';
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return `string ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'number') return `number ${node.source ?? String(value)}`;
  if (typeof value === 'boolean') return `boolean ${String(value)}`;
  return 'a special value';
}

/** Edit distance counting insertions, deletions, substitutions and adjacent transpositions. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const up = rows[i - 1] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((up[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (up[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(d);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}

/**
 * The closest candidate within edit distance 2 ("did you mean"). A case-only difference is the
 * closest match; a candidate must keep more than half of itself, so "base" never suggests "name".
 */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = c.toLowerCase() === word.toLowerCase() ? 0.5 : editDistance(word, c);
    if (d <= 2 && d * 2 < c.length && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

class Reader {
  private nodeBudget = MAX_NODES;
  /** Collections being read right now, to catch aliases and merges that refer to themselves. */
  private readonly open = new Set<Resolved>();

  constructor(
    private readonly doc: Document.Parsed,
    private readonly lineCounter: LineCounter,
  ) {}

  // ---- primitives ----

  private resolve(node: unknown, fallbackOffset: number): Resolved | null {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target: unknown = node.resolve(this.doc);
      if (target === undefined)
        fail(offsetOf(node), `unknown alias "*${node.source}": no anchor "&${node.source}" before it`);
      return this.resolve(target, offsetOf(node));
    }
    if (isScalar(node) || isMap(node) || isSeq(node)) return node;
    return fail(fallbackOffset, 'unsupported YAML node');
  }

  private value(node: unknown, fallbackOffset: number, path: string): V {
    const resolved = this.resolve(node, fallbackOffset);
    return { node: resolved, offset: resolved ? offsetOf(resolved) : fallbackOffset, path };
  }

  private keyOf(keyNode: unknown, mapOffset: number, path: string): string {
    const key = this.resolve(keyNode, mapOffset);
    const offset = key ? offsetOf(key) : mapOffset;
    if (key === null || isNull(key)) fail(offset, `empty key ${where(path)}`);
    if (!isScalar(key)) fail(offset, `${where(path)}: a key must be a plain string, got ${describe(key)}`);
    const v: unknown = key.value;
    return typeof v === 'string' ? v : String(v);
  }

  private static isMergeKey(keyNode: unknown): boolean {
    if (!isScalar(keyNode)) return false;
    const v: unknown = keyNode.value;
    return typeof v === 'symbol' && v.description === '<<';
  }

  /** A mapping's entries in order, with `<<` merge keys expanded (explicit keys win). */
  private entries(map: YAMLMap, path: string): Entry[] {
    if (this.open.has(map))
      fail(offsetOf(map), `${path || 'the document'}: a merge key (<<) refers to a mapping that contains it`);
    this.open.add(map);
    const mapOffset = offsetOf(map);
    const explicit = new Set<string>();
    for (const pair of map.items) {
      if (!Reader.isMergeKey(pair.key)) explicit.add(this.keyOf(pair.key, mapOffset, path));
    }
    const out: Entry[] = [];
    const seen = new Set<string>();
    for (const pair of map.items) {
      if (Reader.isMergeKey(pair.key)) {
        const keyOffset = offsetOf(pair.key as Scalar);
        const source = this.resolve(pair.value, keyOffset);
        const sources = isSeq(source)
          ? source.items.map((it) => this.resolve(it, offsetOf(source)))
          : [source];
        for (const src of sources) {
          if (!isMap(src)) {
            fail(
              src ? offsetOf(src) : keyOffset,
              `${where(path)}: a merge key (<<) needs a mapping or a list of mappings, got ${describe(src)}`,
            );
          }
          for (const e of this.entries(src, path)) {
            if (explicit.has(e.key) || seen.has(e.key)) continue;
            seen.add(e.key);
            out.push({ ...e, v: { ...e.v, path: keyPath(path, e.key) } });
          }
        }
        continue;
      }
      const key = this.keyOf(pair.key, mapOffset, path);
      const keyOffset = offsetOf(this.resolve(pair.key, mapOffset));
      seen.add(key);
      out.push({ key, keyOffset, v: this.value(pair.value, keyOffset, keyPath(path, key)) });
    }
    this.open.delete(map);
    return out;
  }

  private loc(offset: number): { line: number; column: number } {
    const { line, col } = this.lineCounter.linePos(offset);
    return { line, column: col };
  }

  // ---- typed readers ----

  private mapping(v: V, what = 'a mapping'): Fields {
    if (!isMap(v.node))
      fail(v.offset, `${v.path || 'the scenario'}: expected ${what}, got ${describe(v.node)}`);
    const fields: Fields = new Map();
    for (const e of this.entries(v.node, v.path)) fields.set(e.key, e);
    return fields;
  }

  /** A mapping whose keys must all be known; `required` ones must be present. */
  private fields(v: V, known: readonly string[], required: readonly string[] = [], what?: string): Fields {
    const fields = this.mapping(v, what);
    for (const e of fields.values()) {
      if (known.includes(e.key)) continue;
      const guess = closest(e.key, known);
      fail(
        e.keyOffset,
        `unknown key ${JSON.stringify(e.key)} ${where(v.path)}; ` +
          (guess !== undefined
            ? `did you mean ${JSON.stringify(guess)}?`
            : `expected one of: ${known.join(', ')}`),
      );
    }
    for (const key of required) {
      if (!fields.has(key)) fail(v.offset, `missing required key ${JSON.stringify(key)} ${where(v.path)}`);
    }
    return fields;
  }

  private list(v: V, what = 'a list'): V[] {
    const node = v.node;
    if (!isSeq(node)) fail(v.offset, `${v.path}: expected ${what}, got ${describe(node)}`);
    return node.items.map((item, i) => this.value(item, offsetOf(node), `${v.path}[${i}]`));
  }

  private string(v: V, what = 'a non-empty string'): string {
    const node = v.node;
    if (isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '') return node.value;
    let hint = '';
    if (isScalar(node) && node.value !== null && typeof node.value !== 'string') {
      hint = ` (quote it if you meant the string "${node.source ?? String(node.value)}")`;
    }
    return fail(v.offset, `${v.path}: expected ${what}, got ${describe(node)}${hint}`);
  }

  private oneOf<T extends string>(v: V, options: readonly T[]): T {
    const node = v.node;
    const got: unknown = isScalar(node) ? node.value : undefined;
    if (typeof got === 'string' && (options as readonly string[]).includes(got)) return got as T;
    let hint = '';
    if (typeof got === 'string') {
      const guess = closest(got, options);
      if (guess !== undefined) hint = `; did you mean ${JSON.stringify(guess)}?`;
    } else if (isScalar(node) && node.value !== null) {
      const text = node.source ?? String(got);
      const match = options.find((o) => o.toLowerCase() === text.toLowerCase());
      if (match !== undefined) hint = `; quote it: "${match}"`;
    }
    return fail(v.offset, `${v.path}: expected one of ${quoteList(options)}, got ${describe(node)}${hint}`);
  }

  private number(v: V, opts: { integer?: boolean; min?: number; max?: number; what: string }): number {
    const node = v.node;
    const got: unknown = isScalar(node) ? node.value : undefined;
    if (
      typeof got !== 'number' ||
      !Number.isFinite(got) ||
      (opts.integer === true && !Number.isSafeInteger(got)) ||
      (opts.min !== undefined && got < opts.min) ||
      (opts.max !== undefined && got > opts.max)
    ) {
      fail(v.offset, `${v.path}: expected ${opts.what}, got ${describe(node)}`);
    }
    return got;
  }

  private count(v: V): number {
    return this.number(v, { integer: true, min: 0, what: 'a non-negative integer' });
  }

  private boolean(v: V): boolean {
    const node = v.node;
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    return fail(v.offset, `${v.path}: expected true or false, got ${describe(node)}`);
  }

  private pattern(v: V): string {
    const source = this.string(v, 'a regular expression');
    try {
      scenarioRegExp(source);
    } catch (e) {
      const reason = (e instanceof Error ? e.message : String(e)).replace(
        /^Invalid regular expression: /,
        '',
      );
      fail(v.offset, `${v.path}: invalid regular expression: ${reason}`);
    }
    return source;
  }

  private namespacedName(v: V): string {
    const s = this.string(v, 'a "<namespace>/<name>" reference');
    if (!NAMESPACED_NAME.test(s))
      fail(v.offset, `${v.path}: expected "<namespace>/<name>", got ${describe(v.node)}`);
    return s;
  }

  private stringList(v: V, what = 'a non-empty string'): string[] {
    return this.list(v).map((item) => this.string(item, what));
  }

  /** A mapping with free-form keys (matching `keyRule` when given), each value read by `read`. */
  private record<T>(
    v: V,
    read: (value: V, key: string) => T,
    keyRule?: { test: RegExp; form: string },
  ): Record<string, T> {
    const out: Array<[string, T]> = [];
    for (const e of this.mapping(v).values()) {
      if (e.key.trim() === '') fail(e.keyOffset, `${v.path}: empty key`);
      if (keyRule && !keyRule.test.test(e.key)) {
        fail(
          e.keyOffset,
          `${v.path}: expected keys of the form ${keyRule.form}, got ${JSON.stringify(e.key)}`,
        );
      }
      out.push([e.key, read(e.v, e.key)]);
    }
    return Object.fromEntries(out) as Record<string, T>;
  }

  /** Any value, as plain JSON data (what a Kubernetes object is made of). */
  private plain(node: Resolved | null, path: string, depth = 0): JsonValue {
    if (node === null) return null;
    if (--this.nodeBudget < 0) {
      fail(offsetOf(node), `the document expands to more than ${MAX_NODES} values through aliases`);
    }
    if (depth > MAX_DEPTH) fail(offsetOf(node), `${path}: nested more than ${MAX_DEPTH} levels deep`);
    if (isScalar(node)) {
      const v: unknown = node.value;
      if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
      if (typeof v === 'number') {
        if (!Number.isFinite(v))
          fail(offsetOf(node), `${path}: ${node.source ?? String(v)} is not a number JSON can hold`);
        return v;
      }
      return node.source ?? String(v);
    }
    if (this.open.has(node))
      fail(offsetOf(node), `${path}: an alias refers to a collection that contains it`);
    if (isSeq(node)) {
      this.open.add(node);
      const out = node.items.map((item, i) =>
        this.plain(this.resolve(item, offsetOf(node)), `${path}[${i}]`, depth + 1),
      );
      this.open.delete(node);
      return out;
    }
    const entries = this.entries(node, path);
    this.open.add(node);
    const out = Object.fromEntries(entries.map((e) => [e.key, this.plain(e.v.node, e.v.path, depth + 1)]));
    this.open.delete(node);
    return out;
  }

  private plainObject(v: V, what = 'a mapping'): JsonObject {
    if (!isMap(v.node)) fail(v.offset, `${v.path}: expected ${what}, got ${describe(v.node)}`);
    return this.plain(v.node, v.path) as JsonObject;
  }

  /** A Kubernetes object: a mapping with string `kind` and `apiVersion`; nothing else is checked. */
  private rawObject(v: V): RawObject {
    const fields = this.mapping(v, 'a Kubernetes object (a mapping with apiVersion and kind)');
    for (const key of ['apiVersion', 'kind']) {
      const e = fields.get(key);
      if (!e) fail(v.offset, `missing required key ${JSON.stringify(key)} ${where(v.path)}`);
      this.string(e.v);
    }
    return this.plain(v.node, v.path) as RawObject;
  }

  // ---- the scenario ----

  scenario(): Scenario {
    const root: V = this.value(this.doc.contents, 0, '');
    if (!isMap(root.node)) {
      fail(
        root.offset,
        `expected the scenario to be a mapping with at least "name", got ${describe(root.node)}`,
      );
    }
    const f = this.fields(root, ROOT_KEYS, ['name']);

    const nameValue = req(f, 'name');
    const name = this.string(nameValue).replace(/\s+$/, '');
    if (/[\r\n]/.test(name)) {
      fail(nameValue.offset, 'name: must be a single line (longer text belongs in "description")');
    }
    const head: Pick<Scenario, 'name' | 'description' | 'seed'> = { name };
    const scenario: Omit<Scenario, 'name' | 'description' | 'seed'> = {
      objects: [],
      objectLocations: [],
      steps: [],
    };

    const description = f.get('description');
    if (description) {
      const node = description.v.node;
      if (!(isScalar(node) && typeof node.value === 'string')) {
        fail(description.v.offset, `description: expected a string, got ${describe(node)}`);
      }
      head.description = node.value;
    }

    const seed = f.get('seed');
    if (seed) {
      head.seed = this.number(seed.v, {
        integer: true,
        min: 0,
        max: MAX_UINT32,
        what: `a non-negative integer (at most ${MAX_UINT32})`,
      });
    }

    const objects = f.get('objects');
    if (objects && !isNull(objects.v.node)) {
      for (const item of this.list(objects.v, 'a list of Kubernetes objects')) {
        scenario.objects.push(this.rawObject(item));
        const location: ObjectLocation = { at: item.path, ...this.loc(item.offset) };
        scenario.objectLocations.push(location);
      }
    }

    const steps = f.get('steps');
    if (steps && !isNull(steps.v.node)) {
      scenario.steps = this.list(steps.v, 'a list of steps').map((item) => this.step(item));
    }

    const expect = f.get('expect');
    if (expect && !isNull(expect.v.node)) scenario.expect = this.expect(expect.v);

    // Keys in the order the format documents them, so a re-serialised scenario reads naturally.
    return { ...head, ...scenario };
  }

  private step(v: V): Step {
    const actions = STEP_ACTIONS.join(', ');
    const f = this.fields(v, STEP_ACTIONS, [], `a mapping with one action (${actions})`);
    const present = [...f.values()];
    const first = present[0];
    if (!first) fail(v.offset, `${v.path} has no action; expected one of: ${actions}`);
    const extra = present[1];
    if (extra) {
      fail(
        extra.keyOffset,
        `${v.path}: a step does exactly one thing, but this one has both ${JSON.stringify(first.key)} ` +
          `and ${JSON.stringify(extra.key)}; split it into separate steps`,
      );
    }
    const base = { at: v.path, ...this.loc(v.offset) };
    const body = first.v;
    switch (first.key as (typeof STEP_ACTIONS)[number]) {
      case 'apply':
        return { type: 'apply', ...base, apply: this.rawObject(body) };
      case 'delete': {
        const d = this.fields(body, DELETE_KEYS, ['kind', 'name']);
        const target: DeleteStep = {
          type: 'delete',
          ...base,
          delete: {
            kind: this.string(req(d, 'kind')),
            name: this.string(req(d, 'name')),
            cascade: 'background',
          },
        };
        const namespace = d.get('namespace');
        if (namespace) target.delete.namespace = this.string(namespace.v);
        const cascade = d.get('cascade');
        if (cascade) target.delete.cascade = this.oneOf(cascade.v, CASCADES);
        return target;
      }
      case 'advanceSeconds':
        return {
          type: 'advance',
          ...base,
          advanceSeconds: this.number(body, {
            min: 0,
            max: MAX_ADVANCE_SECONDS,
            what: `a non-negative number, at most ${MAX_ADVANCE_SECONDS} (365 days)`,
          }),
        };
      case 'setPodPhase': {
        const s = this.fields(body, SET_POD_PHASE_KEYS, ['node', 'daemonSet', 'phase']);
        const step: SetPodPhaseStep = {
          type: 'setPodPhase',
          ...base,
          setPodPhase: {
            node: this.string(req(s, 'node')),
            daemonSet: this.namespacedName(req(s, 'daemonSet')),
            phase: this.oneOf(req(s, 'phase'), POD_PHASES),
          },
        };
        const ready = s.get('ready');
        if (ready) step.setPodPhase.ready = this.boolean(ready.v);
        return step;
      }
      case 'rolloutUndo': {
        const r = this.fields(body, ROLLOUT_UNDO_KEYS, ['daemonSet']);
        const step: RolloutUndoStep = {
          type: 'rolloutUndo',
          ...base,
          rolloutUndo: { daemonSet: this.namespacedName(req(r, 'daemonSet')) },
        };
        const to = r.get('toRevision');
        if (to) step.rolloutUndo.toRevision = this.count(to.v);
        return step;
      }
      case 'kubectl':
        return { type: 'kubectl', ...base, kubectl: this.string(body, 'a kubectl command line') };
    }
  }

  // ---- expect ----

  private expect(v: V): Expect {
    const f = this.fields(v, EXPECT_KEYS);
    const out: Expect = {};
    for (const e of f.values()) {
      const ev = e.v;
      switch (e.key as (typeof EXPECT_KEYS)[number]) {
        case 'podsByNode':
          out.podsByNode = this.record(ev, (nodes) => this.nodeList(nodes), NS_KEY);
          break;
        case 'status':
          out.status = this.record(ev, (s) => this.statusExpectation(s), NS_KEY);
          break;
        case 'rejected':
          out.rejected = isSeq(ev.node)
            ? this.list(ev).map((item) => this.rejected(item))
            : [this.rejected(ev, 'a mapping (or a list of them) with field and contains')];
          break;
        case 'podTolerations':
          out.podTolerations = this.list(ev).map((t) => this.plainObject(t, 'a toleration (a mapping)'));
          break;
        case 'podAffinity':
          out.podAffinity = this.record(ev, (a) => this.plainObject(a, 'an affinity (a mapping)'));
          break;
        case 'unscheduled':
          out.unscheduled = this.list(ev).map((u) => this.unscheduled(u));
          break;
        case 'events':
          out.events = this.list(ev).map((item) => this.event(item));
          break;
        case 'controllerRevisions':
          out.controllerRevisions = this.record(ev, (r) => this.revisions(r), NS_KEY);
          break;
        case 'storedObject':
          out.storedObject = this.record(ev, (o) => this.plainObject(o), {
            test: OPTIONALLY_NAMESPACED_NAME,
            form: '"<namespace>/<name>" or "<name>"',
          });
          break;
        case 'podsPreserved':
          out.podsPreserved = this.boolean(ev);
          break;
        case 'absent':
          out.absent = this.list(ev).map((a) => this.absent(a));
          break;
        case 'podMetadata':
          out.podMetadata = this.podMetadata(ev);
          break;
      }
    }
    return out;
  }

  private nodeList(v: V): string[] {
    const seen = new Map<string, number>();
    return this.list(v, 'a list of node names').map((item, i) => {
      const node = this.string(item, 'a node name');
      if (seen.has(node)) fail(item.offset, `${item.path}: node ${JSON.stringify(node)} is listed twice`);
      seen.set(node, i);
      return node;
    });
  }

  private statusExpectation(v: V): DaemonSetStatusExpectation {
    const out: DaemonSetStatusExpectation = {};
    for (const e of this.fields(v, STATUS_KEYS).values()) {
      if (e.key === 'conditions') {
        out.conditions = this.list(e.v).map((c) => this.plainObject(c, 'a condition (a mapping)'));
      } else {
        out[e.key as (typeof STATUS_COUNT_KEYS)[number]] = this.count(e.v);
      }
    }
    return out;
  }

  private rejected(v: V, what?: string): RejectedExpectation {
    const f = this.fields(v, REJECTED_KEYS, ['field', 'contains'], what);
    const out: RejectedExpectation = {
      field: this.string(req(f, 'field'), 'a field path'),
      contains: this.string(req(f, 'contains')),
    };
    const kubectl = f.get('kubectlMessage');
    if (kubectl) out.kubectlMessage = this.string(kubectl.v);
    return out;
  }

  private unscheduled(v: V): UnscheduledExpectation {
    const f = this.fields(v, UNSCHEDULED_KEYS, ['daemonSet', 'node']);
    const out: UnscheduledExpectation = {
      daemonSet: this.namespacedName(req(f, 'daemonSet')),
      node: this.string(req(f, 'node'), 'a node name'),
    };
    const phase = f.get('phase');
    if (phase) out.phase = this.oneOf(phase.v, POD_PHASES);
    const condition = f.get('condition');
    if (condition) {
      const c: PodConditionExpectation = {};
      for (const e of this.fields(condition.v, CONDITION_KEYS).values()) {
        if (e.key === 'status') c.status = this.oneOf(e.v, CONDITION_STATUSES);
        else c[e.key as 'type' | 'reason' | 'message'] = this.string(e.v);
      }
      out.condition = c;
    }
    const message = f.get('message');
    if (message) out.message = this.string(message.v);
    return out;
  }

  private event(v: V): EventExpectation {
    const f = this.fields(v, EVENT_KEYS);
    const out: EventExpectation = {};
    for (const e of f.values()) {
      switch (e.key as (typeof EVENT_KEYS)[number]) {
        case 'object': {
          const object = this.string(e.v, 'an object reference');
          if (!EVENT_OBJECT.test(object)) {
            fail(
              e.v.offset,
              `${e.v.path}: expected "<Kind> <namespace>/<name>" (or "<Kind> <name>"), got ${describe(e.v.node)}`,
            );
          }
          out.object = object;
          break;
        }
        case 'type':
          out.type = this.oneOf(e.v, EVENT_TYPES);
          break;
        case 'reason':
          out.reason = this.string(e.v);
          break;
        case 'messagePattern':
          out.messagePattern = this.pattern(e.v);
          break;
        case 'count':
        case 'countAtLeast':
          out[e.key as 'count' | 'countAtLeast'] = this.count(e.v);
          break;
      }
    }
    const countAtLeast = f.get('countAtLeast');
    if (f.has('count') && countAtLeast) {
      fail(countAtLeast.keyOffset, `${v.path}: set "count" or "countAtLeast", not both`);
    }
    return out;
  }

  private revisions(v: V): ControllerRevisionsExpectation {
    const out: ControllerRevisionsExpectation = {};
    for (const e of this.fields(v, REVISIONS_KEYS).values()) {
      if (e.key === 'count') out.count = this.count(e.v);
      else if (e.key === 'revisions') {
        out.revisions = this.list(e.v, 'a list of revision numbers').map((r) =>
          this.number(r, { integer: true, min: 1, what: 'a revision number (a positive integer)' }),
        );
      } else out.facts = this.stringList(e.v);
    }
    return out;
  }

  private absent(v: V): AbsentExpectation {
    const f = this.fields(v, ABSENT_KEYS, ['kind']);
    const kind = this.string(req(f, 'kind'));
    const name = f.get('name');
    const prefix = f.get('namePrefix');
    if (name && prefix) fail(prefix.keyOffset, `${v.path}: set "name" or "namePrefix", not both`);
    let out: AbsentExpectation;
    if (name) out = { kind, name: this.string(name.v) };
    else if (prefix) out = { kind, namePrefix: this.string(prefix.v) };
    else return fail(v.offset, `missing required key "name" (or "namePrefix") ${where(v.path)}`);
    const namespace = f.get('namespace');
    if (namespace) out.namespace = this.string(namespace.v);
    return out;
  }

  private podMetadata(v: V): PodMetadataExpectations {
    const out: PodMetadataExpectations = {};
    const pods: Array<[string, PodMetadataExpectation]> = [];
    for (const e of this.mapping(v).values()) {
      if (e.key === 'byDaemonSet') {
        out.byDaemonSet = this.record(e.v, (m) => this.podMetadataExpectation(m), NS_KEY);
        continue;
      }
      if (!NAMESPACED_NAME.test(e.key)) {
        const guess = closest(e.key, ['byDaemonSet']);
        fail(
          e.keyOffset,
          `unknown key ${JSON.stringify(e.key)} ${where(v.path)}; ` +
            (guess !== undefined
              ? `did you mean ${JSON.stringify(guess)}?`
              : 'expected "byDaemonSet" or a pod as "<namespace>/<name>"'),
        );
      }
      pods.push([e.key, this.podMetadataExpectation(e.v)]);
    }
    if (pods.length > 0) out.pods = Object.fromEntries(pods);
    return out;
  }

  private podMetadataExpectation(v: V): PodMetadataExpectation {
    const out: PodMetadataExpectation = {};
    for (const e of this.fields(v, POD_METADATA_KEYS).values()) {
      switch (e.key as (typeof POD_METADATA_KEYS)[number]) {
        case 'generateName':
          out.generateName = this.string(e.v);
          break;
        case 'namePattern':
        case 'hashPattern':
          out[e.key as 'namePattern' | 'hashPattern'] = this.pattern(e.v);
          break;
        case 'labels':
        case 'annotations':
          out[e.key as 'labels' | 'annotations'] = this.record(e.v, (s) => this.textValue(s));
          break;
        case 'ownerReferences':
          out.ownerReferences = this.list(e.v).map((r) => this.ownerReference(r));
          break;
        case 'annotationsFromTemplateOnly':
          out.annotationsFromTemplateOnly = this.boolean(e.v);
          break;
      }
    }
    return out;
  }

  /** A label or annotation value: any string, even empty. */
  private textValue(v: V): string {
    const node = v.node;
    if (isScalar(node) && typeof node.value === 'string') return node.value;
    const hint =
      isScalar(node) && node.value !== null ? ` (quote it: "${node.source ?? String(node.value)}")` : '';
    return fail(v.offset, `${v.path}: expected a string, got ${describe(node)}${hint}`);
  }

  private ownerReference(v: V): OwnerReferenceExpectation {
    const out: OwnerReferenceExpectation = {};
    for (const e of this.fields(v, OWNER_REFERENCE_KEYS).values()) {
      if (e.key === 'controller' || e.key === 'blockOwnerDeletion') out[e.key] = this.boolean(e.v);
      else out[e.key as 'apiVersion' | 'kind' | 'name' | 'uid'] = this.string(e.v);
    }
    return out;
  }
}

const NS_KEY = { test: NAMESPACED_NAME, form: '"<namespace>/<name>"' };

/** A key that `fields(..., required)` has already guaranteed. */
function req(fields: Fields, key: string): V {
  const e = fields.get(key);
  if (!e) throw new Error(`scenario parser: required key ${key} not checked`);
  return e.v;
}

// Maps what the simulated API server says about an object ("spec.template.spec.containers[0].image:
// Required value") back to a place in the YAML the user typed, so the editor can underline it.
//
// Pure (no Monaco, no DOM): it runs in unit tests and could run in a worker.
//
// Document numbering: a buffer may hold several documents separated by `---`. Documents that hold
// nothing (only comments, or a stray `---`) are skipped, and `docIndex` counts the remaining ones
// from 0 in source order. This is the same rule the scenario parser (src/sim/scenario/parse.ts) uses
// for "empty", and it is what a caller gets by filtering `parseAllDocuments` the same way, so the
// index of an object sent to the API server is the index to pass back to `locateField`. A document
// with a syntax error is never empty: it is kept (and counted), so its error can be shown.

import { YAML_OPTIONS } from '../../sim/scenario/parse.ts';
import {
  isAlias,
  isCollection,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';

export interface SplitDocument {
  /** Index among non-empty documents: the `docIndex` of `locateField`. */
  index: number;
  /** 1-based line where the document's text starts (its `---` marker, when it has one). */
  startLine: number;
  /** The document's own source text, from its `---` marker (if any) to its end. */
  text: string;
  /** The document as plain data; undefined when the document has a syntax error. */
  value: unknown;
  /** The first syntax error, 1-based. */
  error?: { message: string; line: number; column: number };
}

/** A range in the whole buffer: 1-based lines and columns, `endColumn` exclusive (Monaco's convention). */
export interface TextRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

interface Parsed {
  docs: Document.Parsed[];
  lineCounter: LineCounter;
  /** Set when the parser itself gave up (nesting too deep for the stack). */
  fatal?: string;
}

function parse(text: string): Parsed {
  const lineCounter = new LineCounter();
  try {
    // The same options as the scenario parser: YAML 1.2 core schema (plain JSON-like values, as the
    // API server sees them after kubectl's YAML-to-JSON step), merge keys allowed, duplicate keys refused.
    const docs = parseAllDocuments(text, { ...YAML_OPTIONS, lineCounter });
    return { docs: Array.isArray(docs) ? docs : [], lineCounter };
  } catch (e) {
    if (e instanceof RangeError) return { docs: [], lineCounter, fatal: 'the document is nested too deeply' };
    throw e;
  }
}

function isEmptyDocument(doc: Document.Parsed): boolean {
  if (doc.errors.length > 0) return false;
  const contents: unknown = doc.contents;
  return (
    contents === null || (isScalar(contents) && contents.value === null && !contents.source && !contents.tag)
  );
}

function nonEmpty(docs: Document.Parsed[]): Document.Parsed[] {
  return docs.filter((d) => !isEmptyDocument(d));
}

export function splitDocuments(text: string): SplitDocument[] {
  const { docs, lineCounter, fatal } = parse(text);
  if (fatal) {
    return [
      { index: 0, startLine: 1, text, value: undefined, error: { message: fatal, line: 1, column: 1 } },
    ];
  }
  return nonEmpty(docs).map((doc, index) => {
    const [start, , end] = doc.range;
    const out: SplitDocument = {
      index,
      startLine: lineCounter.linePos(start).line,
      text: text.slice(start, end),
      value: undefined,
    };
    const first = doc.errors[0];
    if (first) {
      const { line, col } = lineCounter.linePos(first.pos[0]);
      out.error = { message: first.message, line, column: col };
      return out;
    }
    try {
      out.value = doc.toJS();
    } catch (e) {
      // toJS refuses alias bombs (maxAliasCount) with a ReferenceError; report it like a syntax error.
      const { line, col } = lineCounter.linePos(start);
      out.error = { message: e instanceof Error ? e.message : String(e), line, column: col };
    }
    return out;
  });
}

type Segment = { key: string; bracket: boolean };

/**
 * `spec.template.spec.containers[0].image` or `metadata.labels[app.kubernetes.io/name]`: dots split
 * field names; brackets hold a list index or a map key verbatim (dots and slashes included).
 */
function parsePath(path: string): Segment[] {
  const out: Segment[] = [];
  let i = 0;
  let name = '';
  const flush = () => {
    if (name !== '') out.push({ key: name, bracket: false });
    name = '';
  };
  while (i < path.length) {
    const ch = path[i];
    if (ch === '.') {
      flush();
      i++;
    } else if (ch === '[') {
      flush();
      const close = path.indexOf(']', i + 1);
      const end = close === -1 ? path.length : close;
      out.push({ key: path.slice(i + 1, end), bracket: true });
      i = end + 1;
    } else {
      name += ch;
      i++;
    }
  }
  flush();
  return out;
}

/** Follows aliases (`*anchor`) to the node they stand for. */
function deref(node: unknown, doc: Document.Parsed): unknown {
  let n = node;
  for (let hops = 0; isAlias(n) && hops < 100; hops++) n = n.resolve(doc);
  return n;
}

/** The pair whose key is `key`, looking through merge keys (`<<: *base`) like the value would. */
function findPair(map: YAMLMap, key: string, doc: Document.Parsed, depth = 0): Pair | undefined {
  for (const pair of map.items) {
    const k = pair.key;
    if (isScalar(k) && String(k.value) === key && k.source !== '<<') return pair as Pair;
  }
  if (depth > 20) return undefined;
  for (const pair of map.items) {
    const k = pair.key;
    if (!isScalar(k) || k.source !== '<<') continue;
    const v = deref(pair.value, doc);
    const sources = isSeq(v) ? v.items.map((it) => deref(it, doc)) : [v];
    for (const src of sources) {
      const found = isMap(src) ? findPair(src, key, doc, depth + 1) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

interface Located {
  /** The node to point at. */
  node: Node;
  /** When true, underline only the node's first line (a whole map or list would cover the file). */
  firstLineOnly: boolean;
}

function walk(doc: Document.Parsed, segments: Segment[]): Located | undefined {
  let current: unknown = deref(doc.contents, doc);
  // What to point at if the path stops here: the key that led to `current`, or the list item itself.
  let anchor: Located | undefined = isCollection(current)
    ? { node: current as Node, firstLineOnly: true }
    : undefined;
  for (const seg of segments) {
    if (isMap(current)) {
      const pair = findPair(current, seg.key, doc);
      if (!pair) return anchor;
      const value = deref(pair.value, doc);
      const key = pair.key as Node;
      if (isCollection(value) || !hasText(value)) anchor = { node: key, firstLineOnly: false };
      else anchor = { node: value as Node, firstLineOnly: false };
      current = value;
    } else if (isSeq(current) && /^\d+$/.test(seg.key)) {
      const item = deref(current.items[Number(seg.key)], doc);
      if (item === undefined || item === null) return anchor;
      anchor = { node: item as Node, firstLineOnly: isCollection(item) };
      current = item;
    } else {
      return anchor;
    }
  }
  return anchor;
}

/** False for the implicit null of `key:` with nothing after it (a zero-width node). */
function hasText(node: unknown): boolean {
  if (!isScalar(node) || !node.range) return node !== null && node !== undefined;
  return node.range[1] > node.range[0];
}

function endOfLine(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

function toRange(text: string, lineCounter: LineCounter, start: number, end: number): TextRange {
  // Block scalars and collections end after their last newline: pull the end back onto the last
  // character so the underline does not spill onto the next line.
  let e = end;
  while (e > start && /\s/.test(text[e - 1] ?? '')) e--;
  if (e === start) e = Math.max(start, endOfLine(text, start));
  const a = lineCounter.linePos(start);
  const b = lineCounter.linePos(e);
  return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
}

/**
 * Where the API server's `fieldPath` is in document `docIndex` (see the file comment for how
 * documents are counted). Points at the deepest node of the path that exists: the value of a scalar
 * field, the key of a map or list field, the first line of a list item; when the path stops early
 * (a missing required field) it points at the last key that exists, i.e. the missing field's parent.
 * A path that matches nothing points at the document's first line; a docIndex past the last
 * document points at the buffer's first line.
 */
export function locateField(text: string, docIndex: number, fieldPath: string): TextRange {
  const { docs, lineCounter } = parse(text);
  const doc = nonEmpty(docs)[docIndex];
  if (!doc) return toRange(text, lineCounter, 0, endOfLine(text, 0));

  const found = walk(doc, parsePath(fieldPath));
  const range = found?.node.range;
  if (!found || !range) {
    const start = doc.contents?.range?.[0] ?? doc.range[0];
    return toRange(text, lineCounter, start, endOfLine(text, start));
  }
  const start = range[0];
  const end = found.firstLineOnly ? Math.min(range[1], endOfLine(text, start)) : range[1];
  return toRange(text, lineCounter, start, end);
}

// Reads Kubernetes manifests for `sim explain --nodes nodes.yaml ds.yaml`: a `kind: List` (what
// `kubectl get nodes -o yaml` prints) or a multi-document stream, with each object's file position,
// and errors in the scenario parser's `file:line:column: message` form (same YAML options).
//
// Pure: no host APIs.

import { readYamlStream } from '../scenario/parse.ts';
import { isMap, isSeq, type YAMLMap } from 'yaml';
import type { ScenarioError } from '../scenario/types.ts';

export interface ManifestObject {
  object: Record<string, unknown>;
  kind: string;
  line: number;
  column: number;
}

export type ManifestResult =
  { ok: true; objects: ManifestObject[]; skipped: ManifestObject[] } | { ok: false; error: ScenarioError };

/** Fields the API server sets; a saved object still carries them, and a create must not. */
const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'generation',
  'managedFields',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
] as const;

/** A saved object made fit to create: server-set metadata dropped (and a DaemonSet's status). */
function forCreate(obj: Record<string, unknown>): Record<string, unknown> {
  const out = { ...obj };
  const meta = out['metadata'];
  if (meta !== null && typeof meta === 'object' && !Array.isArray(meta)) {
    const m = { ...(meta as Record<string, unknown>) };
    for (const k of SERVER_METADATA) delete m[k];
    out['metadata'] = m;
  }
  if (out['kind'] === 'DaemonSet') delete out['status'];
  return out;
}

/**
 * Every object of `kind` in the text. A `List` (or `<kind>List`) is unpacked. With `others:
 * 'skip'`, objects of another kind are returned in `skipped`; with `'error'` they are an error.
 */
export function parseManifests(
  text: string,
  file: string,
  kind: string,
  others: 'skip' | 'error',
): ManifestResult {
  const read = readYamlStream(text, file);
  if (!read.ok) return read;
  const { docs, lineCounter, errorAt } = read.stream;
  const objects: ManifestObject[] = [];
  const skipped: ManifestObject[] = [];
  for (const doc of docs) {
    const contents: unknown = doc.contents;
    if (contents === null || contents === undefined) continue;
    let js: unknown;
    try {
      js = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      return errorAt(doc.range[0], `cannot read the document: ${(e as Error).message}`);
    }
    if (js === null) continue;
    if (!isMap(contents) || js === undefined || typeof js !== 'object' || Array.isArray(js))
      return errorAt(doc.range[0], `expected a Kubernetes object (a mapping), got ${describe(js)}`);
    const top = js as Record<string, unknown>;
    const listKind = top['kind'];
    if (listKind === 'List' || listKind === `${kind}List`) {
      const itemsNode = (contents as YAMLMap).get('items', true);
      const items = top['items'];
      if (items === undefined || items === null) continue;
      if (!isSeq(itemsNode) || !Array.isArray(items))
        return errorAt(offsetOf(itemsNode) ?? doc.range[0], `${String(listKind)}.items: expected a list`);
      for (let i = 0; i < items.length; i++) {
        const node: unknown = itemsNode.items[i];
        const r = take(items[i], offsetOf(node) ?? doc.range[0], `items[${i}]`, node);
        if (r) return r;
      }
      continue;
    }
    const r = take(top, offsetOf(contents) ?? doc.range[0], 'the document', contents);
    if (r) return r;
  }
  return { ok: true, objects, skipped };

  function take(value: unknown, offset: number, where: string, node: unknown): ManifestResult | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      return errorAt(offset, `${where}: expected a Kubernetes object (a mapping), got ${describe(value)}`);
    const obj = value as Record<string, unknown>;
    const k = obj['kind'];
    const kindNode = isMap(node) ? node.get('kind', true) : undefined;
    if (typeof k !== 'string' || k === '')
      return errorAt(offsetOf(kindNode) ?? offset, `${where}: missing "kind" (expected ${kind})`);
    const { line, col } = lineCounter.linePos(offset);
    const entry: ManifestObject = { object: forCreate(obj), kind: k, line, column: col };
    if (k === kind) objects.push(entry);
    else if (others === 'skip') skipped.push(entry);
    else return errorAt(offsetOf(kindNode) ?? offset, `${where}: expected kind ${kind}, got "${k}"`);
    return undefined;
  }
}

function offsetOf(node: unknown): number | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  const range = (node as { range?: [number, number, number] | null }).range;
  return range ? range[0] : undefined;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v)}`;
  return `${typeof v} ${String(v)}`;
}

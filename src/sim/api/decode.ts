// Decoding, the API server's first step: before defaulting or validation a request body must fit
// the kind's Go types. A value of the wrong JSON type, an unknown field (kubectl's default
// `--validate=strict` asks for strict decoding) or a malformed quantity is refused as a 400
// "cannot be handled as a <Kind>" with upstream's wording. The types come from the schema that
// scripts/gen-schema.ts generates from `kubernetes-types`.

import schemaJson from './schema/kubernetes.schema.json' with { type: 'json' };
import { parseQuantity, QUANTITY_FORMAT_ERROR } from '../scheduling/quantity.ts';

interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
}

const DEFS = (schemaJson as { definitions: Record<string, SchemaNode> }).definitions;

/** Types whose own unmarshalling accepts anything JSON (or that we pass through unchecked). */
const OPAQUE = new Set(['RawExtension', 'FieldsV1']);

/** Integer fields Go declares as int64 (the schema only says "number"); the rest are int32. */
const INT64_FIELDS = new Set([
  'terminationGracePeriodSeconds',
  'tolerationSeconds',
  'activeDeadlineSeconds',
  'generation',
  'deletionGracePeriodSeconds',
  'observedGeneration',
  'revision',
  'runAsUser',
  'runAsGroup',
  'fsGroup',
]);

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v;
}

function refName(node: SchemaNode): string | undefined {
  return node.$ref?.slice('#/definitions/'.length);
}

/** The Go type name a field would print as in an unmarshal error. */
function goType(node: SchemaNode, field: string): string {
  const ref = refName(node);
  if (ref === 'Quantity') return 'resource.Quantity';
  if (ref === 'Time' || ref === 'MicroTime') return `v1.${ref}`;
  if (ref) return `v1.${ref}`;
  const t = node.type;
  if (Array.isArray(t)) return 'intstr.IntOrString';
  if (t === 'array') return `[]${goType(node.items ?? {}, field)}`;
  if (t === 'object') {
    const ap = node.additionalProperties;
    return typeof ap === 'object' ? `map[string]${goType(ap, field)}` : 'map[string]interface {}';
  }
  if (t === 'number') return INT64_FIELDS.has(field) ? 'int64' : 'int32';
  if (t === 'boolean') return 'bool';
  return t ?? 'interface {}';
}

interface Ctx {
  unknown: string[];
  error: string | undefined;
}

/**
 * Check `obj` against the kind's Go types. Returns the reason it cannot be decoded, worded as the
 * API server words it after `<Kind> in version "v1" cannot be handled as a <Kind>: `, or undefined.
 */
export function decodeError(kind: string, obj: unknown): string | undefined {
  const def = DEFS[kind];
  if (!def) return undefined;
  const ctx: Ctx = { unknown: [], error: undefined };
  walk(def, obj, '', kind, '', ctx);
  if (ctx.error) return ctx.error;
  if (ctx.unknown.length > 0)
    return `strict decoding error: ${ctx.unknown.map((p) => `unknown field "${p}"`).join(', ')}`;
  return undefined;
}

/** A request body as the API server holds it once decoded, or why it cannot be decoded. */
export type Decoded<T> = { ok: true; object: T } | { ok: false; error: string };

/**
 * Decode `obj` as the API server does: refuse it (decodeError) or return a fresh copy holding what
 * Go's unmarshalling would, as far as the simulation can tell from the schema. The difference from
 * a plain JSON copy is what a `null` (or an empty YAML value, `requests:`) becomes:
 * - a struct field: the field's zero value, which the server omits on output — so the field is
 *   dropped — except a time (metav1.Time), whose zero value is written as `null`;
 * - a map value (`labels: {a: null}`, `requests: {cpu: null}`): the value type's zero value, "" for
 *   a string and "0" for a quantity (Quantity.UnmarshalJSON of null);
 * - a list item: the item type's zero value ({} for a struct).
 * Go has no undefined: an undefined field is dropped, as JSON.stringify would.
 */
export function decode<T>(kind: string, obj: T): Decoded<T> {
  const error = decodeError(kind, obj);
  if (error !== undefined) return { ok: false, error };
  const def = DEFS[kind];
  return { ok: true, object: (def ? copyAs(def, obj) : plainCopy(obj)) as T };
}

/** JSON has no NaN or Infinity (JSON.stringify writes null): such numbers count as null. */
function isNull(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v));
}

function copyAs(node: SchemaNode, v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  const ref = refName(node);
  if (ref) {
    const def = DEFS[ref];
    if (OPAQUE.has(ref) || !def) return plainCopy(v);
    return copyAs(def, v);
  }
  if (Array.isArray(v)) {
    const items = node.items ?? {};
    return v.map((item: unknown) => (isNull(item) ? zeroOf(items) : copyAs(items, item)));
  }
  const out: Record<string, unknown> = {};
  const props = node.properties;
  const ap = typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    if (val === undefined) continue;
    const field = props?.[k];
    if (field) {
      if (!isNull(val)) setKey(out, k, copyAs(field, val));
      else if (isTime(field)) setKey(out, k, null);
    } else if (ap) setKey(out, k, isNull(val) ? zeroOf(ap) : copyAs(ap, val));
    else setKey(out, k, plainCopy(val));
  }
  return out;
}

function isTime(node: SchemaNode): boolean {
  const ref = refName(node);
  return ref === 'Time' || ref === 'MicroTime';
}

/** The zero value of a type, as Go's decoder leaves it for a null list item or map value. */
function zeroOf(node: SchemaNode): unknown {
  const ref = refName(node);
  if (ref === 'Quantity') return '0';
  if (ref === 'Time' || ref === 'MicroTime') return null;
  if (ref) return OPAQUE.has(ref) ? null : zeroOf(DEFS[ref] ?? {});
  const t = node.type;
  if (Array.isArray(t)) return 0; // IntOrString: a null decodes as the integer 0
  if (t === 'string') return '';
  if (t === 'number') return 0;
  if (t === 'boolean') return false;
  if (t === 'array') return [];
  return {};
}

/** A JSON copy of a part the schema does not describe (opaque data). */
function plainCopy(v: unknown): unknown {
  return v === undefined ? undefined : JSON.parse(JSON.stringify(v));
}

/** `out[k] = v`, also for a map key named `__proto__` (an assignment would set the prototype). */
function setKey(out: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__')
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  else out[k] = v;
}

function walk(node: SchemaNode, v: unknown, path: string, parent: string, field: string, ctx: Ctx): void {
  if (ctx.error || v === null || v === undefined) return;
  const ref = refName(node);
  if (ref) {
    if (OPAQUE.has(ref)) return;
    if (ref === 'Quantity') {
      if (typeof v === 'number') return;
      if (typeof v !== 'string') return mismatch(v, node, path, parent, field, ctx);
      if (parseQuantity(v) === undefined) ctx.error = QUANTITY_FORMAT_ERROR;
      return;
    }
    const def = DEFS[ref];
    if (!def) return;
    // A definition is a struct, or an alias of a scalar (Time is a string).
    if (def.properties || def.type === 'object') walkStruct(def, v, path, ref, node, parent, field, ctx);
    else if (ref === 'Time' || ref === 'MicroTime') {
      if (typeof v !== 'string') mismatch(v, node, path, parent, field, ctx);
    } else walk(def, v, path, parent, field, ctx);
    return;
  }
  const t = node.type;
  if (Array.isArray(t)) {
    if (typeof v !== 'number' && typeof v !== 'string') mismatch(v, node, path, parent, field, ctx);
    return;
  }
  switch (t) {
    case 'string':
      if (typeof v !== 'string') mismatch(v, node, path, parent, field, ctx);
      return;
    case 'number':
      if (typeof v !== 'number') mismatch(v, node, path, parent, field, ctx);
      return;
    case 'boolean':
      if (typeof v !== 'boolean') mismatch(v, node, path, parent, field, ctx);
      return;
    case 'array':
      if (!Array.isArray(v)) return mismatch(v, node, path, parent, field, ctx);
      v.forEach((item, i) => walk(node.items ?? {}, item, `${path}[${i}]`, parent, field, ctx));
      return;
    case 'object':
      walkStruct(node, v, path, parent, node, parent, field, ctx);
      return;
    default:
      return;
  }
}

function walkStruct(
  def: SchemaNode,
  v: unknown,
  path: string,
  structName: string,
  fieldNode: SchemaNode,
  parent: string,
  field: string,
  ctx: Ctx,
): void {
  if (typeof v !== 'object' || Array.isArray(v)) return mismatch(v, fieldNode, path, parent, field, ctx);
  const props = def.properties;
  const ap = def.additionalProperties;
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    const child = props?.[k];
    const childPath = path ? `${path}.${k}` : k;
    if (child) walk(child, val, childPath, structName, k, ctx);
    // A map's values report against the map field itself (Go's path has no keys).
    else if (typeof ap === 'object') walk(ap, val, path, structName, field, ctx);
    else if (ap === false || props) ctx.unknown.push(childPath);
    if (ctx.error) return;
  }
}

function mismatch(v: unknown, node: SchemaNode, path: string, parent: string, field: string, ctx: Ctx): void {
  // Go's field path names fields only: no array indices.
  const goPath = path.replace(/\[\d+\]/g, '');
  const where = goPath ? `Go struct field ${parent}.${goPath}` : `Go value`;
  ctx.error = `json: cannot unmarshal ${jsonType(v)} into ${where} of type ${goType(node, field)}`;
}

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

// Field errors shaped and rendered like apimachinery's field.Error
// (staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go, Error.ErrorBody), plus the
// two ways a 422 reaches the user: the API Status message (apimachinery/pkg/api/errors NewInvalid)
// and kubectl's rendering of it (kubectl/pkg/cmd/util/helpers.go checkErr, MultilineError).
import type { FieldError, FieldErrorType } from './types.ts';

/**
 * A Go struct value: rendered as JSON with its fields in declaration order (plain objects are
 * rendered like Go maps, with sorted keys). Internal API types (e.g. core.Toleration,
 * apps.DaemonSetUpdateStrategy) have no json tags, so their field names are the Go names.
 */
export class GoStruct {
  constructor(readonly fields: ReadonlyArray<readonly [string, unknown]>) {}
}

/** Forces JSON encoding of a top-level string (an intstr.IntOrString or resource.Quantity bad value). */
export class JsonValue {
  constructor(readonly value: unknown) {}
}

/** Marker for errors whose bad value is omitted from the message (field.OmitValueType). */
export const OMIT_VALUE: unique symbol = Symbol('omitValue');

// ---------------------------------------------------------------------------------------------
// Value rendering

const HEX = '0123456789abcdef';

function hex(n: number, width: number): string {
  let s = '';
  for (let i = width - 1; i >= 0; i--) s += HEX[(n >> (i * 4)) & 0xf];
  return s;
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Go's strconv.Quote (what fmt's %q does for a string). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') {
      out += '\\' + ch;
    } else if (PRINTABLE.test(ch)) {
      out += ch;
    } else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\v') out += '\\v';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + hex(cp, 2);
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else if (cp < 0x10000) out += '\\u' + hex(cp, 4);
    else out += '\\U' + hex(cp, 8);
  }
  return out + '"';
}

/** A string as Go's encoding/json writes it (HTML-safe escaping is on by default). */
export function goJSONString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || ch === '<' || ch === '>' || ch === '&' || cp === 0x2028 || cp === 0x2029) {
      out += '\\u' + hex(cp, 4);
    } else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return out + '"';
}

function goNumber(n: number): string {
  if (!Number.isFinite(n)) return goJSONString(String(n));
  return String(n);
}

/** encoding/json.Marshal of a value: objects are maps (sorted keys), GoStruct keeps field order. */
export function goJSON(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof JsonValue) return goJSON(v.value);
  if (v instanceof GoStruct) {
    return '{' + v.fields.map(([k, fv]) => goJSONString(k) + ':' + goJSON(fv)).join(',') + '}';
  }
  switch (typeof v) {
    case 'string':
      return goJSONString(v);
    case 'number':
      return goNumber(v);
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      break;
  }
  if (Array.isArray(v)) return '[' + v.map((e: unknown) => goJSON(e)).join(',') + ']';
  if (typeof v === 'object') {
    const obj = v as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    return '{' + keys.map((k) => goJSONString(k) + ':' + goJSON(obj[k])).join(',') + '}';
  }
  return 'null';
}

/**
 * The bad value as field.Error.ErrorBody prints it: int/float/bool bare (%v), strings with Go
 * quoting (%q), nil as `null`, everything else (maps, structs, IntOrString, lists) as JSON.
 */
export function renderValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return goJSON(v);
}

// ---------------------------------------------------------------------------------------------
// Builders (field.Required, field.Invalid, ...)

/** Types whose body never shows the bad value (ErrorBody's first switch arm). */
const VALUELESS: ReadonlySet<FieldErrorType> = new Set<FieldErrorType>([
  'Required value',
  'Forbidden',
  'Too long',
]);

/** Builds a FieldError with the message rendered exactly like field.Error.Error(). */
export function fieldError(type: FieldErrorType, field: string, value: unknown, detail = ''): FieldError {
  let body: string = type;
  if (!VALUELESS.has(type) && value !== OMIT_VALUE) body += ': ' + renderValue(value);
  if (detail.length > 0) body += ': ' + detail;
  return { field, type, message: `${field}: ${body}` };
}

export function required(field: string, detail = ''): FieldError {
  return fieldError('Required value', field, '', detail);
}

export function invalid(field: string, value: unknown, detail: string): FieldError {
  return fieldError('Invalid value', field, value, detail);
}

/** field.NotSupported: detail is `supported values: "a", "b"` (each strconv.Quote'd). */
export function notSupported(field: string, value: unknown, supported: readonly string[]): FieldError {
  const detail = supported.length > 0 ? 'supported values: ' + supported.map(goQuote).join(', ') : '';
  return fieldError('Unsupported value', field, value, detail);
}

export function forbidden(field: string, detail: string): FieldError {
  return fieldError('Forbidden', field, '', detail);
}

/** field.Duplicate; a few callers upstream set Detail afterwards (e.g. node taints). */
export function duplicate(field: string, value: unknown, detail = ''): FieldError {
  return fieldError('Duplicate value', field, value, detail);
}

export function notFound(field: string, value: unknown, detail = ''): FieldError {
  return fieldError('Not found', field, value, detail);
}

/** field.TooLong: the value is never printed; `may not be more than N bytes`. */
export function tooLong(field: string, _value: unknown, max: number): FieldError {
  const detail =
    max >= 0 ? `may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}` : 'value is too long';
  return fieldError('Too long', field, OMIT_VALUE, detail);
}

// ---------------------------------------------------------------------------------------------
// Field paths (field.Path.String())

export function child(path: string, ...names: string[]): string {
  let out = path;
  for (const n of names) out = out === '' ? n : `${out}.${n}`;
  return out;
}

export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}

export function key(path: string, k: string): string {
  return `${path}[${k}]`;
}

// ---------------------------------------------------------------------------------------------
// 422 rendering

/** Drops repeated messages, keeping the first (ErrorList.ToAggregate / kubectl both de-duplicate). */
export function dedupeErrors(errors: readonly FieldError[]): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of errors) {
    if (seen.has(e.message)) continue;
    seen.add(e.message);
    out.push(e);
  }
  return out;
}

/**
 * The Status message of a 422 (apierrors.NewInvalid): `DaemonSet.apps "agent" is invalid: <err>`,
 * or `[<err1>, <err2>]` for several. Core kinds pass an empty group: `Pod "x" is invalid: ...`.
 */
export function apiInvalidMessage(
  kind: string,
  group: string,
  name: string,
  errors: readonly FieldError[],
): string {
  const qualified = group === '' ? kind : `${kind}.${group}`;
  const head = `${qualified} ${goQuote(name)} is invalid`;
  const msgs = dedupeErrors(errors).map((e) => e.message);
  if (msgs.length === 0) return head;
  if (msgs.length === 1) return `${head}: ${msgs[0] ?? ''}`;
  return `${head}: [${msgs.join(', ')}]`;
}

/**
 * What kubectl prints for that 422 (checkErr → MultilineError). One error:
 * `The DaemonSet "agent" is invalid: <err>`; several: the prefix `The DaemonSet "agent" is invalid: `
 * (note the trailing space) followed by one `* <err>` line each. kubectl ends the output with a
 * newline; that terminal newline is not part of the returned string.
 */
export function kubectlInvalidMessage(kind: string, name: string, errors: readonly FieldError[]): string {
  const head = `The ${kind} ${goQuote(name)} is invalid`;
  const msgs = dedupeErrors(errors).map((e) => e.message);
  if (msgs.length === 0) return head;
  if (msgs.length === 1) return `${head}: ${msgs[0] ?? ''}`;
  return `${head}: \n` + msgs.map((m) => `* ${m}`).join('\n');
}

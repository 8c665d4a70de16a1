// API validation as the kube-apiserver runs it after defaulting. Each function names the upstream
// function it mirrors; checks run in upstream order so that error lists come out in the same order.
// Sources: pkg/apis/apps/validation/validation.go (VAL), pkg/apis/core/validation/validation.go
// (CVAL), staging/src/k8s.io/apimachinery/pkg/api/validation/{objectmeta,generic}.go,
// .../apis/meta/v1/validation/validation.go, .../api/validate/content/{dns,kube}.go,
// .../util/validation/validation.go, pkg/apis/scheduling/validation/validation.go,
// pkg/registry/apps/daemonset/strategy.go.
//
// Go iterates maps in random order; we iterate object keys in insertion order instead.
import {
  interpretSuffix,
  QUANTITY_FORMAT_ERROR,
  QUANTITY_SUFFIX_ERROR,
  scanQuantity,
} from '../scheduling/quantity.ts';
import type {
  Affinity,
  Container,
  ContainerPort,
  DaemonSet,
  DaemonSetSpec,
  DaemonSetUpdateStrategy,
  FieldError,
  IntOrString,
  LabelSelector,
  LabelSelectorRequirement,
  Node,
  NodeSelector,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  ObjectMeta,
  Pod,
  PodSpec,
  PodTemplateSpec,
  PriorityClass,
  Taint,
  Toleration,
} from './types.ts';
import type * as core from 'kubernetes-types/core/v1';
import {
  GoStruct,
  JsonValue,
  child,
  dedupeErrors,
  duplicate,
  forbidden,
  index,
  invalid,
  key,
  notFound,
  notSupported,
  renderValue,
  required,
  tooLong,
} from './fieldErrors.ts';

// =============================================================================================
// Content checks (apimachinery api/validate/content, util/validation)

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      // A surrogate pair is one code point beyond the BMP: 4 bytes. A lone surrogate counts 3.
      if (d >= 0xdc00 && d < 0xe000) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** content.MaxLenError */
function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** content.RegexError: note the doubled space before `or` that upstream produces. */
function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  let out = msg + ' (e.g. ';
  examples.forEach((ex, i) => {
    if (i > 0) out += ' or ';
    out += `'${ex}', `;
  });
  return out + `regex used for validation is '${fmt}')`;
}

const EMPTY_ERROR = 'must be non-empty';

function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_ERR =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_LABEL_RE = new RegExp('^' + DNS1123_LABEL_FMT + '$');
const DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + '(\\.' + DNS1123_LABEL_FMT + ')*';
const DNS1123_SUBDOMAIN_ERR =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_RE = new RegExp('^' + DNS1123_SUBDOMAIN_FMT + '$');

/** content.IsDNS1123Label */
export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > 63) errs.push(maxLenError(63));
  if (!DNS1123_LABEL_RE.test(value)) {
    if (DNS1123_SUBDOMAIN_RE.test(value)) errs.push('must not contain dots');
    else errs.push(regexError(DNS1123_LABEL_ERR, DNS1123_LABEL_FMT, 'my-name', '123-abc'));
  }
  return errs;
}

/** content.IsDNS1123Subdomain */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > 253) errs.push(maxLenError(253));
  if (!DNS1123_SUBDOMAIN_RE.test(value))
    errs.push(regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}

const LABEL_KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_KEY_ERR =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_KEY_RE = new RegExp('^' + LABEL_KEY_FMT + '$');

/** Keys already found valid (label keys repeat across objects): no errors to build again. */
const VALID_QUALIFIED_NAMES = new Set<string>();

/** content.IsLabelKey (util/validation.IsQualifiedName is an alias of it). */
export function isQualifiedName(value: string): string[] {
  if (VALID_QUALIFIED_NAMES.has(value)) return [];
  const errs = qualifiedNameErrors(value);
  if (errs.length === 0 && VALID_QUALIFIED_NAMES.size < 4096) VALID_QUALIFIED_NAMES.add(value);
  return errs;
}

function qualifiedNameErrors(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0] ?? '';
  } else if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    name = parts[1] ?? '';
    if (prefix.length === 0) errs.push('prefix part ' + EMPTY_ERROR);
    else for (const m of isDNS1123Subdomain(prefix)) errs.push('prefix part ' + m);
  } else {
    return [
      'a valid label key ' +
        regexError(LABEL_KEY_ERR, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc') +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errs.push('name part ' + EMPTY_ERROR);
  else if (utf8Length(name) > 63) errs.push('name part ' + maxLenError(63));
  if (!LABEL_KEY_RE.test(name))
    errs.push('name part ' + regexError(LABEL_KEY_ERR, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc'));
  return errs;
}

const LABEL_VALUE_FMT = '(' + LABEL_KEY_FMT + ')?';
const LABEL_VALUE_ERR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_RE = new RegExp('^' + LABEL_VALUE_FMT + '$');

/** content.IsLabelValue */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > 63) errs.push(maxLenError(63));
  if (!LABEL_VALUE_RE.test(value))
    errs.push(regexError(LABEL_VALUE_ERR, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

const PERCENT_FMT = '[0-9]+%';
const PERCENT_RE = /^[0-9]+%$/;

/** util/validation.IsValidPercent */
export function isValidPercent(value: string): string[] {
  if (PERCENT_RE.test(value)) return [];
  return [
    regexError(
      "a valid percent string must be a numeric string followed by an ending '%'",
      PERCENT_FMT,
      '1%',
      '93%',
    ),
  ];
}

/** util/validation.IsValidPortNum */
function isValidPortNum(port: number): string[] {
  return port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

/** util/validation.IsValidPortName */
function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (utf8Length(port) > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port))
    errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-')))
    errs.push('must not begin or end with a hyphen');
  return errs;
}

/** util/validation.IsRelaxedEnvVarName (RelaxedEnvironmentVariableValidation is GA). */
function isRelaxedEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (value.length === 0) errs.push('environment variable name ' + EMPTY_ERROR);
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp > 0x7e || cp < 0x20 || ch === '=') {
      errs.push(
        "a valid environment variable name must consist only of printable ASCII characters other than '='",
      );
      break;
    }
  }
  return errs;
}

const CONFIG_MAP_KEY_FMT = '[-._a-zA-Z0-9]+';

/** util/validation.IsConfigMapKey */
function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > 253) errs.push(maxLenError(253));
  if (!/^[-._a-zA-Z0-9]+$/.test(value)) {
    errs.push(
      regexError(
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
        CONFIG_MAP_KEY_FMT,
        'key.name',
        'KEY_NAME',
        'key-name',
      ),
    );
  }
  if (value === '.') errs.push("must not be '.'");
  else if (value === '..') errs.push("must not be '..'");
  else if (value.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

const MAX_INT32 = 2147483647;
const MAX_UID = 4294967295;

// Name functions (apimachinery api/validation/generic.go). With prefix=true the name will get a
// suffix appended; maskTrailingDash replaces the last two characters with "a", exactly as upstream.
type NameFn = (name: string, prefix: boolean) => string[];

function maskTrailingDash(name: string): string {
  if (name.length > 1 && name.endsWith('-')) return name.slice(0, name.length - 2) + 'a';
  return name;
}

const nameIsDNSSubdomain: NameFn = (name, prefix) =>
  isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
const nameIsDNSLabel: NameFn = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);

function nonnegative(value: number, path: string): FieldError[] {
  return value < 0 ? [invalid(path, value, 'must be greater than or equal to 0')] : [];
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

function entries(m: Record<string, string> | undefined | null): Array<[string, string]> {
  if (m === undefined || m === null || typeof m !== 'object') return [];
  return Object.entries(m).map(([k, v]) => [k, str(v)]);
}

// =============================================================================================
// Resource quantities (apimachinery api/resource/quantity.go)

type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

interface ParsedQuantity {
  /** Exact value = mant × 10^exp. */
  mant: bigint;
  exp: number;
  format: QuantityFormat;
  /** The input string when upstream keeps it as the canonical form (ParseQuantity fast path). */
  cached: string | undefined;
  /** int64Amount scale of the fast path (undefined for the inf.Dec slow path). */
  fastScale: number | undefined;
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/**
 * ParseQuantity, keeping what Quantity.String() needs: the exact value, the format and the fast
 * path's cached string. Scanning and suffixes are the shared port in scheduling/quantity.ts.
 * Returns the upstream error text on failure.
 */
function parseQuantity(input: string): ParsedQuantity | string {
  // Clusters repeat a handful of quantities ('4', '8Gi', '110', '100m') on every node and pod:
  // each distinct string is parsed once (results are never modified).
  let q = PARSED_QUANTITIES.get(input);
  if (q === undefined) {
    q = parseQuantityUncached(input);
    if (PARSED_QUANTITIES.size >= 4096) PARSED_QUANTITIES.clear();
    PARSED_QUANTITIES.set(input, q);
  }
  return q;
}

const PARSED_QUANTITIES = new Map<string, ParsedQuantity | string>();

function parseQuantityUncached(input: string): ParsedQuantity | string {
  if (input.length === 0) return QUANTITY_FORMAT_ERROR;
  const scanned = scanQuantity(input);
  if (scanned === undefined) return QUANTITY_FORMAT_ERROR;
  const suffix = scanned.suffix;
  const interpreted = interpretSuffix(suffix);
  if (interpreted === undefined) return QUANTITY_SUFFIX_ERROR;
  const [base, exponent] = interpreted;
  const format: QuantityFormat =
    base === 2
      ? 'BinarySI'
      : suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')
        ? 'DecimalExponent'
        : 'DecimalSI';
  const { num, denom } = scanned;
  const sign = scanned.positive ? '' : '-';

  const negative = sign === '-';
  const digits = BigInt(num + denom);
  let mant: bigint;
  let exp: number;
  if (base === 10) {
    mant = digits;
    exp = exponent - denom.length;
  } else {
    mant = digits * 2n ** BigInt(exponent);
    exp = -denom.length;
  }
  // Non-zero values are rounded up (away from zero) to nano precision.
  if (exp < -9 && mant !== 0n) {
    const div = pow10(-9 - exp);
    mant = (mant + div - 1n) / div;
    exp = -9;
  }
  if (negative) mant = -mant;

  // The fast path keeps the input string when it is already canonical.
  let cached: string | undefined;
  let fastScale: number | undefined;
  const shifted = num + denom;
  if (base === 10) {
    const precision = 18 - (num.length + denom.length);
    const scale = exponent - denom.length;
    if (precision >= 0 && scale >= -9) {
      fastScale = scale;
      if (scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0') cached = input;
    }
  } else if (denom.length === 0) {
    const precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
    const value = BigInt(shifted);
    if (precision >= 0 && value * 2n ** BigInt(exponent) <= 9223372036854775807n) {
      fastScale = 0;
      if (exponent % 10 === 0 && (value & 7n) !== 0n) cached = input;
    }
  }
  return { mant, exp, format, cached, fastScale };
}

function removeFactors(v: bigint, f: bigint): [bigint, number] {
  if (v === 0n) return [0n, 0];
  let times = 0;
  let x = v;
  while (x % f === 0n) {
    x /= f;
    times++;
  }
  return [x, times];
}

function isIntegral(q: { mant: bigint; exp: number }): boolean {
  return q.exp >= 0 || q.mant % pow10(-q.exp) === 0n;
}

/** Quantity.String() for a value that lost its cached string (CanonicalizeBytes). */
function canonicalize(q: { mant: bigint; exp: number; format: QuantityFormat }): string {
  if (q.mant === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    const lo = compareQuantities(q, { mant: -1024n, exp: 0 }) > 0;
    const hi = compareQuantities(q, { mant: 1024n, exp: 0 }) < 0;
    if ((lo && hi) || !isIntegral(q)) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    const whole = q.exp >= 0 ? q.mant * pow10(q.exp) : q.mant / pow10(-q.exp);
    const [amount, times] = removeFactors(whole, 1024n);
    const suffix = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'][times];
    if (suffix !== undefined) return amount.toString() + suffix;
    return (amount * 1024n ** BigInt(times - 6)).toString() + 'Ei';
  }
  const [stripped, times] = removeFactors(q.mant, 10n);
  let amount = stripped;
  let exponent = q.exp + times;
  while (((exponent % 3) + 3) % 3 !== 0) {
    amount *= 10n;
    exponent--;
  }
  if (format === 'DecimalExponent') return amount.toString() + (exponent === 0 ? '' : `e${exponent}`);
  const suffixes: Record<number, string> = {
    [-9]: 'n',
    [-6]: 'u',
    [-3]: 'm',
    0: '',
    3: 'k',
    6: 'M',
    9: 'G',
    12: 'T',
    15: 'P',
    18: 'E',
  };
  const suffix = suffixes[exponent];
  return amount.toString() + (suffix ?? `e${exponent}`);
}

function quantityString(q: ParsedQuantity): string {
  return q.cached ?? canonicalize(q);
}

/**
 * Parses Kubernetes quantity syntax (decimal with optional SI suffix n u m k M G T P E, binary
 * Ki..Ei, or e/E exponent) and returns the value in base units ('500m' → 0.5, '8Gi' → 8589934592);
 * undefined if the string is not a quantity.
 */
export function parseQuantityStrict(s: string | number): number | undefined {
  const q = parseQuantity(typeof s === 'number' ? String(s) : s);
  if (typeof q === 'string') return undefined;
  return Number.parseFloat(`${q.mant.toString()}e${q.exp}`);
}

/**
 * The string the API server would store for a quantity after defaulting (SetDefaults_ResourceList
 * rounds up to milli precision) and re-serialisation (Quantity.String): '0.5' → '500m',
 * '1000m' → '1', '1024Mi' → '1Gi', '100m' stays '100m'. Undefined if the input does not parse.
 */
export function canonicalQuantity(s: string | number): string | undefined {
  const q = parseQuantity(typeof s === 'number' ? String(s) : s);
  if (typeof q === 'string') return undefined;
  if (q.fastScale !== undefined && q.fastScale >= -3 && q.cached !== undefined) return q.cached;
  let { mant, exp } = q;
  if (exp < -3) {
    const div = pow10(-3 - exp);
    const neg = mant < 0n;
    const abs = neg ? -mant : mant;
    const rounded = (abs + div - 1n) / div;
    mant = neg ? -rounded : rounded;
    exp = -3;
  }
  return canonicalize({ mant, exp, format: q.format });
}

// =============================================================================================
// Object meta (apimachinery api/validation/objectmeta.go, core ValidateObjectMeta)

/** ValidateLabels (meta/v1/validation): every key a qualified name, every value a label value. */
export function validateLabels(labels: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of entries(labels)) {
    for (const msg of isQualifiedName(k)) errs.push(invalid(path, k, msg));
    for (const msg of isValidLabelValue(v)) errs.push(invalid(path, v, msg));
  }
  return errs;
}

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** ValidateAnnotations: keys are qualified names (case-insensitive), total size ≤ 256 KiB. */
export function validateAnnotations(
  annotations: Record<string, string> | undefined,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of entries(annotations)) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, msg));
    total += utf8Length(k) + utf8Length(v);
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(path, '', TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

/** schema.ParseGroupVersion(...).Version, '' when it does not parse. */
function apiVersionVersion(apiVersion: string): string {
  if (apiVersion === '' || apiVersion === '/') return '';
  const parts = apiVersion.split('/');
  if (parts.length === 1) return apiVersion;
  if (parts.length === 2) return parts[1] ?? '';
  return '';
}

function validateOwnerReferences(refs: ObjectMeta['ownerReferences'], path: string): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of refs ?? []) {
    const apiVersion = str(ref.apiVersion);
    if (apiVersionVersion(apiVersion) === '')
      errs.push(invalid(child(path, 'apiVersion'), apiVersion, 'version must not be empty'));
    if (str(ref.kind) === '')
      errs.push(invalid(child(path, 'kind'), str(ref.kind), 'kind must not be empty'));
    if (str(ref.name) === '')
      errs.push(invalid(child(path, 'name'), str(ref.name), 'name must not be empty'));
    if (str(ref.uid) === '') errs.push(invalid(child(path, 'uid'), str(ref.uid), 'uid must not be empty'));
    if (apiVersion === 'v1' && ref.kind === 'Event') {
      errs.push(
        invalid(path, ownerReferenceStruct(ref), '/v1, Kind=Event is disallowed from being an owner'),
      );
    }
    if (ref.controller === true) {
      const cur = `${str(ref.kind)}/${str(ref.name)}`;
      if (firstController !== '') {
        errs.push(
          invalid(
            path,
            (refs ?? []).map(ownerReferenceStruct),
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${cur}`,
          ),
        );
      } else {
        firstController = cur;
      }
    }
  }
  return errs;
}

function ownerReferenceStruct(ref: NonNullable<ObjectMeta['ownerReferences']>[number]): GoStruct {
  const fields: Array<[string, unknown]> = [
    ['apiVersion', str(ref.apiVersion)],
    ['kind', str(ref.kind)],
    ['name', str(ref.name)],
    ['uid', str(ref.uid)],
  ];
  if (ref.controller !== undefined) fields.push(['controller', ref.controller]);
  if (ref.blockOwnerDeletion !== undefined) fields.push(['blockOwnerDeletion', ref.blockOwnerDeletion]);
  return new GoStruct(fields);
}

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

function validateFinalizers(finalizers: string[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const list = finalizers ?? [];
  for (const f of list) for (const msg of isQualifiedName(f)) errs.push(invalid(path, f, msg));
  if (list.includes('orphan') && list.includes('foregroundDeletion')) {
    errs.push(invalid(path, list, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

/** core validateKubeFinalizerName, run per finalizer after the generic checks. */
function validateKubeFinalizerNames(finalizers: string[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (finalizers ?? []).forEach((f, i) => {
    const p = index(path, i);
    for (const msg of isQualifiedName(f)) errs.push(invalid(p, f, msg));
    if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) {
      errs.push(invalid(p, f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  });
  return errs;
}

interface MetaOptions {
  requiresNamespace: boolean;
  nameFn: NameFn;
}

/**
 * core ValidateObjectMeta → ValidateObjectMetaAccessor. Upstream runs after name generation; here a
 * missing name with a generateName is accepted (the server would generate `<generateName>xxxxx`).
 * The namespace of cluster-scoped objects is cleared by the server before validation, so it is
 * not checked for them.
 */
function validateObjectMeta(
  meta: ObjectMeta | undefined,
  opts: MetaOptions,
  path = 'metadata',
): FieldError[] {
  const errs: FieldError[] = [];
  const m = meta ?? {};
  const generateName = str(m.generateName);
  const name = str(m.name);
  if (generateName.length > 0) {
    for (const msg of opts.nameFn(generateName, true))
      errs.push(invalid(child(path, 'generateName'), generateName, msg));
  }
  if (name.length === 0) {
    if (generateName.length === 0)
      errs.push(required(child(path, 'name'), 'name or generateName is required'));
  } else {
    for (const msg of opts.nameFn(name, false)) errs.push(invalid(child(path, 'name'), name, msg));
  }
  if (opts.requiresNamespace) {
    const ns = str(m.namespace);
    if (ns.length === 0) errs.push(required(child(path, 'namespace')));
    else for (const msg of nameIsDNSLabel(ns, false)) errs.push(invalid(child(path, 'namespace'), ns, msg));
  }
  if (typeof m.generation === 'number') errs.push(...nonnegative(m.generation, child(path, 'generation')));
  errs.push(...validateLabels(m.labels, child(path, 'labels')));
  errs.push(...validateAnnotations(m.annotations, child(path, 'annotations')));
  errs.push(...validateOwnerReferences(m.ownerReferences, child(path, 'ownerReferences')));
  errs.push(...validateFinalizers(m.finalizers, child(path, 'finalizers')));
  errs.push(...validateKubeFinalizerNames(m.finalizers, child(path, 'finalizers')));
  return errs;
}

/** ValidateObjectMetaAccessorUpdate, reduced to what users can change: name/namespace are immutable. */
function validateObjectMetaUpdate(
  newMeta: ObjectMeta | undefined,
  oldMeta: ObjectMeta | undefined,
  path = 'metadata',
): FieldError[] {
  const errs: FieldError[] = [];
  const n = newMeta ?? {};
  const o = oldMeta ?? {};
  if (str(n.name) !== str(o.name)) errs.push(invalid(child(path, 'name'), str(n.name), 'field is immutable'));
  if (str(n.namespace) !== str(o.namespace))
    errs.push(invalid(child(path, 'namespace'), str(n.namespace), 'field is immutable'));
  if (o.uid !== undefined && str(n.uid) !== str(o.uid))
    errs.push(invalid(child(path, 'uid'), str(n.uid), 'field is immutable'));
  errs.push(...validateLabels(n.labels, child(path, 'labels')));
  errs.push(...validateAnnotations(n.annotations, child(path, 'annotations')));
  errs.push(...validateOwnerReferences(n.ownerReferences, child(path, 'ownerReferences')));
  errs.push(...validateKubeFinalizerNames(n.finalizers, child(path, 'finalizers')));
  return errs;
}

// =============================================================================================
// Label selectors (meta/v1/validation, meta/v1/helpers.go LabelSelectorAsSelector)

export interface LabelSelectorValidationOptions {
  allowInvalidLabelValueInSelector?: boolean;
}

/** ValidateLabelSelectorRequirement */
function validateLabelSelectorRequirement(
  sr: LabelSelectorRequirement,
  opts: LabelSelectorValidationOptions,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const values = sr.values ?? [];
  switch (sr.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0)
        errs.push(required(child(path, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0)
        errs.push(
          forbidden(
            child(path, 'values'),
            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
          ),
        );
      break;
    default:
      errs.push(invalid(child(path, 'operator'), str(sr.operator), 'not a valid selector operator'));
  }
  for (const msg of isQualifiedName(str(sr.key))) errs.push(invalid(child(path, 'key'), str(sr.key), msg));
  if (opts.allowInvalidLabelValueInSelector !== true) {
    values.forEach((v, i) => {
      for (const msg of isValidLabelValue(str(v)))
        errs.push(invalid(index(child(path, 'values'), i), str(v), msg));
    });
  }
  return errs;
}

/** ValidateLabelSelector (rule D3). A nil selector is valid here. */
export function validateLabelSelector(
  sel: LabelSelector | undefined | null,
  path: string,
  opts: LabelSelectorValidationOptions = {},
): FieldError[] {
  if (sel === undefined || sel === null) return [];
  const errs = validateLabels(sel.matchLabels, child(path, 'matchLabels'));
  (sel.matchExpressions ?? []).forEach((expr, i) => {
    errs.push(...validateLabelSelectorRequirement(expr, opts, index(child(path, 'matchExpressions'), i)));
  });
  return errs;
}

type Requirement = { key: string; op: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values: string[] };

/**
 * LabelSelectorAsSelector: undefined when conversion fails (bad operator, key or value, In without
 * values, Exists with values); 'nothing' for a nil selector; else the AND of the requirements.
 */
function labelSelectorAsRequirements(
  sel: LabelSelector | undefined | null,
): Requirement[] | 'nothing' | undefined {
  if (sel === undefined || sel === null) return 'nothing';
  const reqs: Requirement[] = [];
  const ok = (k: string, values: string[]): boolean =>
    isQualifiedName(k).length === 0 && values.every((v) => isValidLabelValue(v).length === 0);
  for (const [k, v] of entries(sel.matchLabels)) {
    if (!ok(k, [v])) return undefined;
    reqs.push({ key: k, op: 'In', values: [v] });
  }
  for (const expr of sel.matchExpressions ?? []) {
    const values = (expr.values ?? []).map(str);
    const k = str(expr.key);
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) return undefined;
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length !== 0) return undefined;
        break;
      default:
        return undefined;
    }
    if (!ok(k, values)) return undefined;
    reqs.push({ key: k, op: expr.operator, values });
  }
  return reqs;
}

function requirementsMatch(reqs: Requirement[], labels: Record<string, string> | undefined): boolean {
  const set = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(set, r.key);
    const v = has ? set[r.key] : undefined;
    switch (r.op) {
      case 'In':
        return has && r.values.includes(str(v));
      case 'NotIn':
        return !has || !r.values.includes(str(v));
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
    }
    return false;
  });
}

function labelSelectorHasInvalidLabelValue(sel: LabelSelector | undefined | null): boolean {
  if (sel === undefined || sel === null) return false;
  return (sel.matchExpressions ?? []).some((e) =>
    (e.values ?? []).some((v) => isValidLabelValue(str(v)).length > 0),
  );
}

/** A LabelSelector rendered as encoding/json would (metav1 types carry json tags, omitempty). */
function labelSelectorValue(sel: LabelSelector | undefined | null): unknown {
  if (sel === undefined || sel === null) return null;
  const fields: Array<[string, unknown]> = [];
  if (sel.matchLabels !== undefined && Object.keys(sel.matchLabels).length > 0)
    fields.push(['matchLabels', sel.matchLabels]);
  if (sel.matchExpressions !== undefined && sel.matchExpressions.length > 0) {
    fields.push([
      'matchExpressions',
      sel.matchExpressions.map((e) => {
        const f: Array<[string, unknown]> = [
          ['key', str(e.key)],
          ['operator', str(e.operator)],
        ];
        if (e.values !== undefined && e.values.length > 0) f.push(['values', e.values]);
        return new GoStruct(f);
      }),
    ]);
  }
  return new GoStruct(fields);
}

// =============================================================================================
// Node selectors and affinity (CVAL ValidateNodeSelector*, validateAffinity)

/** ValidateNodeSelectorRequirement (matchExpressions of node affinity). */
function validateNodeSelectorRequirement(rq: NodeSelectorRequirement, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const values = rq.values ?? [];
  switch (rq.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0)
        errs.push(required(child(path, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0)
        errs.push(
          forbidden(
            child(path, 'values'),
            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
          ),
        );
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1)
        errs.push(
          required(child(path, 'values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"),
        );
      break;
    default:
      errs.push(invalid(child(path, 'operator'), str(rq.operator), 'not a valid selector operator'));
  }
  for (const msg of isQualifiedName(str(rq.key))) errs.push(invalid(child(path, 'key'), str(rq.key), msg));
  return errs;
}

/** ValidateNodeFieldSelectorRequirement (matchFields: only metadata.name). */
function validateNodeFieldSelectorRequirement(req: NodeSelectorRequirement, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
    case 'NotIn':
      if (values.length !== 1) {
        errs.push(
          required(
            child(path, 'values'),
            "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
          ),
        );
      }
      break;
    default:
      errs.push(invalid(child(path, 'operator'), str(req.operator), 'not a valid selector operator'));
  }
  if (req.key !== 'metadata.name') {
    errs.push(invalid(child(path, 'key'), str(req.key), 'not a valid field selector key'));
  } else {
    values.forEach((v, i) => {
      for (const msg of nameIsDNSSubdomain(str(v), false))
        errs.push(invalid(index(child(path, 'values'), i), str(v), msg));
    });
  }
  return errs;
}

/** ValidateNodeSelectorTerm */
function validateNodeSelectorTerm(term: NodeSelectorTerm, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (term.matchExpressions ?? []).forEach((req, j) => {
    errs.push(...validateNodeSelectorRequirement(req, index(child(path, 'matchExpressions'), j)));
  });
  (term.matchFields ?? []).forEach((req, j) => {
    errs.push(...validateNodeFieldSelectorRequirement(req, index(child(path, 'matchFields'), j)));
  });
  return errs;
}

/** ValidateNodeSelector: a core NodeSelector (required node affinity). An empty term is allowed. */
export function validateNodeSelector(ns: NodeSelector, path: string): FieldError[] {
  const termPath = child(path, 'nodeSelectorTerms');
  const terms = ns.nodeSelectorTerms ?? [];
  if (terms.length === 0) return [required(termPath, 'must have at least one node selector term')];
  const errs: FieldError[] = [];
  terms.forEach((term, i) => errs.push(...validateNodeSelectorTerm(term, index(termPath, i))));
  return errs;
}

function validatePodAffinityTerm(
  term: core.PodAffinityTerm,
  allowInvalidLabelValue: boolean,
  path: string,
): FieldError[] {
  const opts = { allowInvalidLabelValueInSelector: allowInvalidLabelValue };
  const errs = validateLabelSelector(term.labelSelector, child(path, 'labelSelector'), opts);
  errs.push(...validateLabelSelector(term.namespaceSelector, child(path, 'namespaceSelector'), opts));
  for (const ns of term.namespaces ?? []) {
    for (const msg of nameIsDNSLabel(ns, false)) errs.push(invalid(child(path, 'namespace'), ns, msg));
  }
  const topologyKey = str(term.topologyKey);
  if (topologyKey.length === 0) errs.push(required(child(path, 'topologyKey'), 'can not be empty'));
  for (const msg of isQualifiedName(topologyKey))
    errs.push(invalid(child(path, 'topologyKey'), topologyKey, msg));
  return errs;
}

function validatePodAffinityTerms(
  required: core.PodAffinityTerm[] | undefined,
  preferred: core.WeightedPodAffinityTerm[] | undefined,
  allowInvalidLabelValue: boolean,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  (required ?? []).forEach((t, i) => {
    errs.push(
      ...validatePodAffinityTerm(
        t,
        allowInvalidLabelValue,
        index(child(path, 'requiredDuringSchedulingIgnoredDuringExecution'), i),
      ),
    );
  });
  (preferred ?? []).forEach((t, j) => {
    const p = index(child(path, 'preferredDuringSchedulingIgnoredDuringExecution'), j);
    if (t.weight <= 0 || t.weight > 100)
      errs.push(invalid(child(p, 'weight'), t.weight, 'must be in the range 1-100'));
    errs.push(
      ...validatePodAffinityTerm(t.podAffinityTerm, allowInvalidLabelValue, child(p, 'podAffinityTerm')),
    );
  });
  return errs;
}

/** validateAffinity */
function validateAffinity(
  affinity: Affinity | undefined,
  allowInvalidLabelValue: boolean,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  if (affinity === undefined || affinity === null) return errs;
  const na = affinity.nodeAffinity;
  if (na !== undefined) {
    const naPath = child(path, 'nodeAffinity');
    const req = na.requiredDuringSchedulingIgnoredDuringExecution;
    if (req !== undefined && req !== null) {
      errs.push(
        ...validateNodeSelector(req, child(naPath, 'requiredDuringSchedulingIgnoredDuringExecution')),
      );
    }
    (na.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((term, i) => {
      const p = index(child(naPath, 'preferredDuringSchedulingIgnoredDuringExecution'), i);
      if (term.weight <= 0 || term.weight > 100)
        errs.push(invalid(child(p, 'weight'), term.weight, 'must be in the range 1-100'));
      errs.push(...validateNodeSelectorTerm(term.preference ?? {}, child(p, 'preference')));
    });
  }
  if (affinity.podAffinity !== undefined) {
    const pa = affinity.podAffinity;
    errs.push(
      ...validatePodAffinityTerms(
        pa.requiredDuringSchedulingIgnoredDuringExecution,
        pa.preferredDuringSchedulingIgnoredDuringExecution,
        allowInvalidLabelValue,
        child(path, 'podAffinity'),
      ),
    );
  }
  if (affinity.podAntiAffinity !== undefined) {
    const pa = affinity.podAntiAffinity;
    errs.push(
      ...validatePodAffinityTerms(
        pa.requiredDuringSchedulingIgnoredDuringExecution,
        pa.preferredDuringSchedulingIgnoredDuringExecution,
        allowInvalidLabelValue,
        child(path, 'podAntiAffinity'),
      ),
    );
  }
  return errs;
}

// =============================================================================================
// Taints and tolerations

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** validateTaintEffect */
function validateTaintEffect(effect: string, allowEmpty: boolean, path: string): FieldError[] {
  if (!allowEmpty && effect.length === 0) return [required(path)];
  if (TAINT_EFFECTS.includes(effect)) return [];
  return [notSupported(path, effect, TAINT_EFFECTS)];
}

/** The internal core.Toleration (no json tags) as a bad value. */
function tolerationStruct(t: Toleration): GoStruct {
  return new GoStruct([
    ['Key', str(t.key)],
    ['Operator', str(t.operator)],
    ['Value', str(t.value)],
    ['Effect', str(t.effect)],
    ['TolerationSeconds', t.tolerationSeconds ?? null],
  ]);
}

/** ValidateTolerations (rule C10). */
export function validateTolerations(tolerations: Toleration[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const p = index(path, i);
    const k = str(t.key);
    const op = str(t.operator);
    const value = str(t.value);
    const effect = str(t.effect);
    if (k.length > 0) for (const msg of isQualifiedName(k)) errs.push(invalid(child(p, 'key'), k, msg));
    if (k.length === 0 && op !== 'Exists') {
      errs.push(
        invalid(
          child(p, 'operator'),
          op,
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && effect !== 'NoExecute') {
      errs.push(
        invalid(child(p, 'effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"),
      );
    }
    switch (op) {
      case 'Equal':
      case '': {
        const msgs = isValidLabelValue(value);
        if (msgs.length > 0) errs.push(invalid(child(p, 'operator'), value, msgs.join(';')));
        break;
      }
      case 'Exists':
        if (value.length > 0)
          errs.push(
            invalid(
              child(p, 'operator'),
              tolerationStruct(t),
              "value must be empty when `operator` is 'Exists'",
            ),
          );
        break;
      default:
        errs.push(notSupported(child(p, 'operator'), op, ['Equal', 'Exists']));
    }
    if (effect.length > 0) errs.push(...validateTaintEffect(effect, true, child(p, 'effect')));
  });
  return errs;
}

/** validateNodeTaints */
function validateNodeTaints(taints: Taint[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const unique = new Map<string, Set<string>>();
  taints.forEach((t, i) => {
    const p = index(path, i);
    const k = str(t.key);
    const effect = str(t.effect);
    for (const msg of isQualifiedName(k)) errs.push(invalid(child(p, 'key'), k, msg));
    const valueMsgs = isValidLabelValue(str(t.value));
    if (valueMsgs.length > 0) errs.push(invalid(child(p, 'value'), str(t.value), valueMsgs.join(';')));
    errs.push(...validateTaintEffect(effect, false, child(p, 'effect')));
    const keys = unique.get(effect);
    if (keys !== undefined && keys.has(k)) {
      const internalTaint = new GoStruct([
        ['Key', k],
        ['Value', str(t.value)],
        ['Effect', effect],
        ['TimeAdded', t.timeAdded ?? null],
      ]);
      errs.push(duplicate(p, internalTaint, 'taints must be unique by key and effect pair'));
      return;
    }
    if (keys === undefined) unique.set(effect, new Set([k]));
    else keys.add(k);
  });
  return errs;
}

// =============================================================================================
// Containers (CVAL validateContainers, validateContainerCommon, ...)

/** Options that differ between a Pod and a pod template. */
interface PodSpecOptions {
  /** The top-level object is a Pod (opts.ResourceIsPod). */
  isPod: boolean;
  allowInvalidLabelValueInSelector: boolean;
}

function validateContainerPorts(ports: ContainerPort[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const p = index(path, i);
    const name = str(port.name);
    if (name.length > 0) {
      const msgs = isValidPortName(name);
      if (msgs.length > 0) for (const msg of msgs) errs.push(invalid(child(p, 'name'), name, msg));
      else if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
      else names.add(name);
    }
    const cp = port.containerPort ?? 0;
    if (cp === 0) errs.push(required(child(p, 'containerPort')));
    else for (const msg of isValidPortNum(cp)) errs.push(invalid(child(p, 'containerPort'), cp, msg));
    const hp = port.hostPort ?? 0;
    if (hp !== 0) for (const msg of isValidPortNum(hp)) errs.push(invalid(child(p, 'hostPort'), hp, msg));
    const protocol = str(port.protocol);
    if (protocol.length === 0) errs.push(required(child(p, 'protocol')));
    else if (!['SCTP', 'TCP', 'UDP'].includes(protocol))
      errs.push(notSupported(child(p, 'protocol'), protocol, ['SCTP', 'TCP', 'UDP']));
  });
  return errs;
}

const ENV_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];
// Field labels that ConvertDownwardAPIFieldLabel accepts for v1 (others fail conversion).
const CONVERTIBLE_FIELD_PATHS = new Set([
  ...ENV_FIELD_PATHS,
  'metadata.annotations',
  'metadata.labels',
  'spec.restartPolicy',
  'spec.schedulerName',
  'status.phase',
]);
const RESOURCE_FIELD_PATHS = [
  'limits.cpu',
  'limits.ephemeral-storage',
  'limits.memory',
  'requests.cpu',
  'requests.ephemeral-storage',
  'requests.memory',
];

function validateObjectFieldSelector(fs: core.ObjectFieldSelector, path: string): FieldError[] {
  if (str(fs.apiVersion).length === 0) return [required(child(path, 'apiVersion'))];
  const fieldPath = str(fs.fieldPath);
  if (fieldPath.length === 0) return [required(child(path, 'fieldPath'))];
  const sub = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/.exec(fieldPath);
  if (sub !== null) {
    const subscript = sub[2] ?? '';
    const k = sub[1] === 'metadata.annotations' ? subscript.toLowerCase() : subscript;
    return isQualifiedName(k).map((msg) => invalid(path, k, msg));
  }
  if (!CONVERTIBLE_FIELD_PATHS.has(fieldPath)) {
    return [
      invalid(
        child(path, 'fieldPath'),
        fieldPath,
        `error converting fieldPath: field label not supported: ${fieldPath}`,
      ),
    ];
  }
  if (!ENV_FIELD_PATHS.includes(fieldPath))
    return [notSupported(child(path, 'fieldPath'), fieldPath, ENV_FIELD_PATHS)];
  return [];
}

function validateEnv(env: core.EnvVar[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (env ?? []).forEach((ev, i) => {
    const p = index(path, i);
    const name = str(ev.name);
    if (name.length === 0) errs.push(required(child(p, 'name')));
    else for (const msg of isRelaxedEnvVarName(name)) errs.push(invalid(child(p, 'name'), name, msg));
    const vf = ev.valueFrom;
    if (vf === undefined || vf === null) return;
    const vfPath = child(p, 'valueFrom');
    let sources = 0;
    if (vf.fieldRef !== undefined) {
      sources++;
      errs.push(...validateObjectFieldSelector(vf.fieldRef, child(vfPath, 'fieldRef')));
    }
    if (vf.resourceFieldRef !== undefined) {
      sources++;
      const rf = vf.resourceFieldRef;
      const rp = child(vfPath, 'resourceFieldRef');
      const resource = str(rf.resource);
      if (resource.length === 0) errs.push(required(child(rp, 'resource')));
      else if (!RESOURCE_FIELD_PATHS.includes(resource) && !/^(requests|limits)\.hugepages-/.test(resource)) {
        errs.push(notSupported(child(rp, 'resource'), resource, RESOURCE_FIELD_PATHS));
      }
    }
    for (const [field, ref] of [
      ['configMapKeyRef', vf.configMapKeyRef],
      ['secretKeyRef', vf.secretKeyRef],
    ] as const) {
      if (ref === undefined) continue;
      sources++;
      const rp = child(vfPath, field);
      const refName = str(ref.name);
      for (const msg of nameIsDNSSubdomain(refName, false))
        errs.push(invalid(child(rp, 'name'), refName, msg));
      const k = str(ref.key);
      if (k.length === 0) errs.push(required(child(rp, 'key')));
      else for (const msg of isConfigMapKey(k)) errs.push(invalid(child(rp, 'key'), k, msg));
    }
    if (sources === 0) {
      errs.push(
        invalid(
          vfPath,
          '',
          'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
        ),
      );
    } else if (str(ev.value).length !== 0) {
      errs.push(invalid(vfPath, '', 'may not be specified when `value` is not empty'));
    } else if (sources > 1) {
      errs.push(invalid(vfPath, '', 'may not have more than one field specified at a time'));
    }
  });
  return errs;
}

function validateEnvFrom(envFrom: core.EnvFromSource[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (envFrom ?? []).forEach((ev, i) => {
    const p = index(path, i);
    const prefix = str(ev.prefix);
    if (prefix.length > 0)
      for (const msg of isRelaxedEnvVarName(prefix)) errs.push(invalid(child(p, 'prefix'), prefix, msg));
    let sources = 0;
    for (const [field, ref] of [
      ['configMapRef', ev.configMapRef],
      ['secretRef', ev.secretRef],
    ] as const) {
      if (ref === undefined) continue;
      sources++;
      const name = str(ref.name);
      if (name.length === 0) errs.push(required(child(p, field, 'name')));
      else
        for (const msg of nameIsDNSSubdomain(name, true))
          errs.push(invalid(child(p, field, 'name'), name, msg));
    }
    if (sources === 0) errs.push(invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1)
      errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateVolumeMounts(
  mounts: core.VolumeMount[] | undefined,
  volumes: Set<string>,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  (mounts ?? []).forEach((mnt, i) => {
    const p = index(path, i);
    const name = str(mnt.name);
    const mountPath = str(mnt.mountPath);
    if (name.length === 0) errs.push(required(child(p, 'name')));
    if (!volumes.has(name)) errs.push(notFound(child(p, 'name'), name));
    if (mountPath.length === 0) errs.push(required(child(p, 'mountPath')));
    if (mountPoints.has(mountPath)) errs.push(invalid(child(p, 'mountPath'), mountPath, 'must be unique'));
    mountPoints.add(mountPath);
    if (str(mnt.subPath).length > 0)
      errs.push(...validateLocalDescendingPath(str(mnt.subPath), child(path, 'subPath')));
  });
  return errs;
}

function validatePathNoBacksteps(p: string, path: string): FieldError[] {
  return p.split(/[\\/]/).includes('..') ? [invalid(path, p, "must not contain '..'")] : [];
}

function validateLocalDescendingPath(p: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (p.startsWith('/')) errs.push(invalid(path, p, 'must be a relative path'));
  errs.push(...validatePathNoBacksteps(p, path));
  return errs;
}

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const STANDARD_RESOURCES = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'storage',
  'requests.storage',
  'services.nodeports',
  'services.loadbalancers',
]);

function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

function isHugePageResource(name: string): boolean {
  return name.startsWith('hugepages-');
}

function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return isQualifiedName('requests.' + name).length === 0;
}

/** validateContainerResourceName (via validateResourceName). */
function validateContainerResourceName(name: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const msg of isQualifiedName(name)) errs.push(invalid(path, name, msg));
  if (errs.length > 0) return errs;
  if (!name.includes('/')) {
    if (!STANDARD_RESOURCES.has(name) && !isHugePageResource(name)) {
      errs.push(invalid(path, name, 'must be a standard resource type or fully qualified'));
      return errs;
    }
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePageResource(name)) {
      errs.push(invalid(path, name, 'must be a standard resource for containers'));
    }
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    errs.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

/**
 * ValidateResourceQuantityValue plus the parse step. Upstream, an unparseable quantity fails JSON
 * decoding (HTTP 400, `... cannot be handled as a DaemonSet: quantities must match ...`); we
 * report it as a field error at the same path so it can be shown next to the field.
 */
function validateQuantity(
  resource: string,
  raw: unknown,
  path: string,
): { errs: FieldError[]; q: ParsedQuantity | undefined } {
  const q = parseQuantity(typeof raw === 'number' ? String(raw) : str(raw));
  if (typeof q === 'string') return { errs: [invalid(path, str(raw), q)], q: undefined };
  const errs: FieldError[] = [];
  if (q.mant < 0n) errs.push(invalid(path, quantityString(q), 'must be greater than or equal to 0'));
  const integerResource =
    [
      'pods',
      'services',
      'replicationcontrollers',
      'resourcequotas',
      'secrets',
      'configmaps',
      'persistentvolumeclaims',
      'services.nodeports',
      'services.loadbalancers',
    ].includes(resource) || isExtendedResourceName(resource);
  if (integerResource && !isIntegral(q))
    errs.push(invalid(path, new JsonValue(quantityString(q)), 'must be an integer'));
  return { errs, q };
}

function compareQuantities(a: { mant: bigint; exp: number }, b: { mant: bigint; exp: number }): number {
  const e = Math.min(a.exp, b.exp);
  const av = a.mant * pow10(a.exp - e);
  const bv = b.mant * pow10(b.exp - e);
  return av < bv ? -1 : av > bv ? 1 : 0;
}

/** ValidateResourceRequirements */
function validateResourceRequirements(
  res: core.ResourceRequirements | undefined,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const limPath = child(path, 'limits');
  const reqPath = child(path, 'requests');
  const limits = new Map<string, ParsedQuantity | undefined>();
  let limCpuMem = false;
  let reqCpuMem = false;
  let hugePages = false;
  for (const [name, raw] of Object.entries(res?.limits ?? {})) {
    const p = key(limPath, name);
    errs.push(...validateContainerResourceName(name, p));
    const { errs: qErrs, q } = validateQuantity(name, raw, p);
    errs.push(...qErrs);
    limits.set(name, q);
    if (isHugePageResource(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') limCpuMem = true;
  }
  for (const [name, raw] of Object.entries(res?.requests ?? {})) {
    const p = key(reqPath, name);
    errs.push(...validateContainerResourceName(name, p));
    const { errs: qErrs, q } = validateQuantity(name, raw, p);
    errs.push(...qErrs);
    const overcommit = !isHugePageResource(name) && !isExtendedResourceName(name);
    if (limits.has(name)) {
      const lim = limits.get(name);
      if (q !== undefined && lim !== undefined) {
        const cmp = compareQuantities(q, lim);
        if (cmp !== 0 && !overcommit) {
          errs.push(
            invalid(reqPath, quantityString(q), `must be equal to ${name} limit of ${quantityString(lim)}`),
          );
        } else if (cmp > 0) {
          errs.push(
            invalid(
              reqPath,
              quantityString(q),
              `must be less than or equal to ${name} limit of ${quantityString(lim)}`,
            ),
          );
        }
      }
    } else if (!overcommit) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePageResource(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') reqCpuMem = true;
  }
  if (!limCpuMem && !reqCpuMem && hugePages) errs.push(forbidden(path, 'HugePages require cpu or memory'));
  return errs;
}

function validateResizePolicy(
  policies: core.ContainerResizePolicy[] | undefined,
  path: string,
  podRestartPolicy: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (policies ?? []).forEach((p, i) => {
    const rn = str(p.resourceName);
    const rp = str(p.restartPolicy);
    if (seen.has(rn)) errs.push(duplicate(index(path, i), rn));
    seen.add(rn);
    if (rn === '') errs.push(required(path));
    else if (rn !== 'cpu' && rn !== 'memory') errs.push(notSupported(path, rn, ['cpu', 'memory']));
    if (rp === '') errs.push(required(path));
    else if (rp !== 'NotRequired' && rp !== 'RestartContainer')
      errs.push(notSupported(path, rp, ['NotRequired', 'RestartContainer']));
    if (podRestartPolicy === 'Never' && rp !== 'NotRequired') {
      errs.push(invalid(path, rp, "must be 'NotRequired' when `restartPolicy` is 'Never'"));
    }
  });
  return errs;
}

function validateSeccompProfileField(sp: core.SeccompProfile | undefined, path: string): FieldError[] {
  if (sp === undefined || sp === null) return [];
  const errs: FieldError[] = [];
  const t = str(sp.type);
  if (t === '') errs.push(required(child(path, 'type'), 'type is required when seccompProfile is set'));
  else if (!['Localhost', 'RuntimeDefault', 'Unconfined'].includes(t)) {
    errs.push(notSupported(child(path, 'type'), t, ['Localhost', 'RuntimeDefault', 'Unconfined']));
  }
  if (t === 'Localhost') {
    if (sp.localhostProfile === undefined)
      errs.push(required(child(path, 'localhostProfile'), 'must be set when seccomp type is Localhost'));
    else errs.push(...validateLocalDescendingPath(sp.localhostProfile, child(path, 'localhostProfile')));
  }
  return errs;
}

/** ValidateSecurityContext (container level), the user/group ranges and seccomp. */
function validateSecurityContext(sc: core.SecurityContext | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (sc === undefined || sc === null) return errs;
  if (typeof sc.runAsUser === 'number' && (sc.runAsUser < 0 || sc.runAsUser > MAX_UID)) {
    errs.push(invalid(child(path, 'runAsUser'), sc.runAsUser, inclusiveRangeError(0, MAX_UID)));
  }
  if (typeof sc.runAsGroup === 'number' && (sc.runAsGroup < 0 || sc.runAsGroup > MAX_UID)) {
    errs.push(invalid(child(path, 'runAsGroup'), sc.runAsGroup, inclusiveRangeError(0, MAX_UID)));
  }
  errs.push(...validateSeccompProfileField(sc.seccompProfile, child(path, 'seccompProfile')));
  return errs;
}

function validateHandler(
  h: core.LifecycleHandler & core.Probe,
  gracePeriod: number | undefined,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  const one = (field: string, check: () => FieldError[]): void => {
    if (n > 0) errs.push(forbidden(child(path, field), 'may not specify more than 1 handler type'));
    else {
      n++;
      errs.push(...check());
    }
  };
  if (h.exec !== undefined) {
    one('exec', () =>
      (h.exec?.command ?? []).length === 0 ? [required(child(path, 'exec', 'command'))] : [],
    );
  }
  if (h.httpGet !== undefined) {
    const g = h.httpGet;
    one('httpGet', () => {
      const e: FieldError[] = [];
      const p = child(path, 'httpGet');
      if (str(g.path).length === 0) e.push(required(child(p, 'path')));
      e.push(...validatePortNumOrName(g.port, child(p, 'port')));
      const scheme = str(g.scheme);
      if (scheme !== 'HTTP' && scheme !== 'HTTPS')
        e.push(notSupported(child(p, 'scheme'), scheme, ['HTTP', 'HTTPS']));
      return e;
    });
  }
  if (h.tcpSocket !== undefined) {
    const t = h.tcpSocket;
    one('tcpSocket', () => validatePortNumOrName(t.port, child(path, 'tcpSocket', 'port')));
  }
  if (h.grpc !== undefined) {
    const g = h.grpc;
    one('grpc', () => validatePortNumOrName(g.port, child(path, 'grpc', 'port')));
  }
  if (h.sleep !== undefined) {
    const s = h.sleep;
    one('sleep', () => {
      const grace = gracePeriod ?? 30;
      if (s.seconds <= 0 || s.seconds > grace) {
        return [
          invalid(
            child(path, 'sleep'),
            s.seconds,
            `must be greater than 0 and less than terminationGracePeriodSeconds (${grace})`,
          ),
        ];
      }
      return [];
    });
  }
  if (n === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

function validatePortNumOrName(port: IntOrString | undefined, path: string): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((msg) => invalid(path, port, msg));
  const s = str(port);
  return isValidPortName(s).map((msg) => invalid(path, s, msg));
}

function validateProbe(
  probe: core.Probe | undefined,
  gracePeriod: number | undefined,
  path: string,
  kind: 'liveness' | 'readiness' | 'startup',
): FieldError[] {
  if (probe === undefined || probe === null) return [];
  const errs = validateHandler(probe, gracePeriod, path);
  for (const f of [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ] as const) {
    const v = probe[f];
    if (typeof v === 'number') errs.push(...nonnegative(v, child(path, f)));
  }
  if (typeof probe.terminationGracePeriodSeconds === 'number' && probe.terminationGracePeriodSeconds <= 0) {
    errs.push(
      invalid(
        child(path, 'terminationGracePeriodSeconds'),
        probe.terminationGracePeriodSeconds,
        'must be greater than 0',
      ),
    );
  }
  if (kind !== 'readiness' && (probe.successThreshold ?? 1) !== 1) {
    errs.push(invalid(child(path, 'successThreshold'), probe.successThreshold, 'must be 1'));
  }
  if (kind === 'readiness' && probe.terminationGracePeriodSeconds !== undefined) {
    errs.push(
      invalid(
        child(path, 'terminationGracePeriodSeconds'),
        probe.terminationGracePeriodSeconds,
        'must not be set for readinessProbes',
      ),
    );
  }
  return errs;
}

/** validateContainerCommon */
function validateContainerCommon(
  ctr: Container,
  volumes: Set<string>,
  path: string,
  podRestartPolicy: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(ctr.name);
  if (name.length === 0) errs.push(required(child(path, 'name')));
  else for (const msg of isDNS1123Label(name)) errs.push(invalid(child(path, 'name'), name, msg));
  if (str(ctr.image).length === 0) errs.push(required(child(path, 'image')));
  const tmp = str(ctr.terminationMessagePolicy);
  if (tmp === '') errs.push(required(child(path, 'terminationMessagePolicy')));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(notSupported(child(path, 'terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']));
  }
  errs.push(...validateContainerPorts(ctr.ports, child(path, 'ports')));
  errs.push(...validateEnv(ctr.env, child(path, 'env')));
  errs.push(...validateEnvFrom(ctr.envFrom, child(path, 'envFrom')));
  errs.push(...validateVolumeMounts(ctr.volumeMounts, volumes, child(path, 'volumeMounts')));
  const pull = str(ctr.imagePullPolicy);
  if (pull === '') errs.push(required(child(path, 'imagePullPolicy')));
  else if (!['Always', 'IfNotPresent', 'Never'].includes(pull)) {
    errs.push(notSupported(child(path, 'imagePullPolicy'), pull, ['Always', 'IfNotPresent', 'Never']));
  }
  errs.push(...validateResourceRequirements(ctr.resources, child(path, 'resources')));
  errs.push(...validateResizePolicy(ctr.resizePolicy, child(path, 'resizePolicy'), podRestartPolicy));
  errs.push(...validateSecurityContext(ctr.securityContext, child(path, 'securityContext')));
  return errs;
}

/** checkHostPortConflicts / AccumulateUniqueHostPorts */
function checkHostPortConflicts(containers: Container[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((ctr, ci) => {
    (ctr.ports ?? []).forEach((port, pi) => {
      const hp = port.hostPort ?? 0;
      if (hp === 0) return;
      const s = `${str(port.protocol)}/${str(port.hostIP)}/${hp}`;
      if (seen.has(s)) errs.push(duplicate(child(index(child(index(path, ci), 'ports'), pi), 'hostPort'), s));
      else seen.add(s);
    });
  });
  return errs;
}

/** validateContainers */
function validateContainers(
  containers: Container[] | undefined,
  volumes: Set<string>,
  gracePeriod: number | undefined,
  path: string,
  podRestartPolicy: string,
): FieldError[] {
  const list = containers ?? [];
  if (list.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list.forEach((ctr, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(ctr, volumes, p, podRestartPolicy));
    const name = str(ctr.name);
    if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
    else names.add(name);
    if (ctr.lifecycle !== undefined) {
      if (ctr.lifecycle.postStart !== undefined)
        errs.push(
          ...validateHandler(ctr.lifecycle.postStart, gracePeriod, child(p, 'lifecycle', 'postStart')),
        );
      if (ctr.lifecycle.preStop !== undefined)
        errs.push(...validateHandler(ctr.lifecycle.preStop, gracePeriod, child(p, 'lifecycle', 'preStop')));
    }
    errs.push(...validateProbe(ctr.livenessProbe, gracePeriod, child(p, 'livenessProbe'), 'liveness'));
    errs.push(...validateProbe(ctr.readinessProbe, gracePeriod, child(p, 'readinessProbe'), 'readiness'));
    errs.push(...validateProbe(ctr.startupProbe, gracePeriod, child(p, 'startupProbe'), 'startup'));
    if (ctr.restartPolicy !== undefined)
      errs.push(forbidden(child(p, 'restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...checkHostPortConflicts(list, path));
  return errs;
}

/** validateInitContainers */
function validateInitContainers(
  containers: Container[] | undefined,
  regular: Container[] | undefined,
  volumes: Set<string>,
  gracePeriod: number | undefined,
  path: string,
  podRestartPolicy: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set((regular ?? []).map((c) => str(c.name)));
  (containers ?? []).forEach((ctr, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(ctr, volumes, p, podRestartPolicy));
    let restartAlways = false;
    if (ctr.restartPolicy !== undefined) {
      if (ctr.restartPolicy !== 'Always')
        errs.push(notSupported(child(p, 'restartPolicy'), ctr.restartPolicy, ['Always']));
      restartAlways = ctr.restartPolicy === 'Always';
    }
    const name = str(ctr.name);
    if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
    else if (name.length > 0) names.add(name);
    errs.push(...checkHostPortConflicts([ctr], path));
    if (restartAlways) {
      errs.push(...validateProbe(ctr.livenessProbe, gracePeriod, child(p, 'livenessProbe'), 'liveness'));
      errs.push(...validateProbe(ctr.readinessProbe, gracePeriod, child(p, 'readinessProbe'), 'readiness'));
      errs.push(...validateProbe(ctr.startupProbe, gracePeriod, child(p, 'startupProbe'), 'startup'));
    } else {
      const msg = 'may not be set for init containers without restartPolicy=Always';
      if (ctr.lifecycle !== undefined) errs.push(forbidden(child(p, 'lifecycle'), msg));
      if (ctr.livenessProbe !== undefined) errs.push(forbidden(child(p, 'livenessProbe'), msg));
      if (ctr.readinessProbe !== undefined) errs.push(forbidden(child(p, 'readinessProbe'), msg));
      if (ctr.startupProbe !== undefined) errs.push(forbidden(child(p, 'startupProbe'), msg));
    }
  });
  return errs;
}

// =============================================================================================
// Volumes (CVAL ValidateVolumes, reduced to the common sources)

const VOLUME_SOURCES = [
  'emptyDir',
  'hostPath',
  'gitRepo',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'flocker',
  'persistentVolumeClaim',
  'rbd',
  'cinder',
  'cephfs',
  'quobyte',
  'downwardAPI',
  'fc',
  'flexVolume',
  'configMap',
  'azureFile',
  'vsphereVolume',
  'photonPersistentDisk',
  'portworxVolume',
  'azureDisk',
  'storageos',
  'projected',
  'scaleIO',
  'csi',
  'ephemeral',
] as const;

const HOST_PATH_TYPES = [
  '',
  'BlockDevice',
  'CharDevice',
  'Directory',
  'DirectoryOrCreate',
  'File',
  'FileOrCreate',
  'Socket',
];

function validateVolumeSource(vol: core.Volume, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  const v = vol as unknown as Record<string, unknown>;
  for (const src of VOLUME_SOURCES) {
    if (v[src] === undefined || v[src] === null) continue;
    if (n > 0) {
      errs.push(forbidden(child(path, src), 'may not specify more than 1 volume type'));
      continue;
    }
    n++;
    const p = child(path, src);
    switch (src) {
      case 'hostPath': {
        const hp = vol.hostPath;
        if (hp === undefined) break;
        if (str(hp.path).length === 0) {
          errs.push(required(child(p, 'path')));
          break;
        }
        errs.push(...validatePathNoBacksteps(hp.path, child(p, 'path')));
        if (hp.type !== undefined && !HOST_PATH_TYPES.includes(hp.type))
          errs.push(notSupported(child(p, 'type'), hp.type, HOST_PATH_TYPES));
        break;
      }
      case 'secret':
        if (str(vol.secret?.secretName).length === 0) errs.push(required(child(p, 'secretName')));
        errs.push(...validateFileMode(vol.secret?.defaultMode, child(p, 'defaultMode')));
        break;
      case 'configMap':
        if (str(vol.configMap?.name).length === 0) errs.push(required(child(p, 'name')));
        errs.push(...validateFileMode(vol.configMap?.defaultMode, child(p, 'defaultMode')));
        break;
      case 'persistentVolumeClaim':
        if (str(vol.persistentVolumeClaim?.claimName).length === 0)
          errs.push(required(child(p, 'claimName')));
        break;
      case 'nfs':
        if (str(vol.nfs?.server).length === 0) errs.push(required(child(p, 'server')));
        if (str(vol.nfs?.path).length === 0) errs.push(required(child(p, 'path')));
        if (!str(vol.nfs?.path).startsWith('/'))
          errs.push(invalid(child(p, 'path'), str(vol.nfs?.path), 'must be an absolute path'));
        break;
      default:
        break;
    }
  }
  if (n === 0) errs.push(required(path, 'must specify a volume type'));
  return errs;
}

function validateFileMode(mode: number | undefined, path: string): FieldError[] {
  if (mode === undefined || (mode >= 0 && mode <= 0o777)) return [];
  return [invalid(path, mode, 'must be a number between 0 and 0777 (octal), both inclusive')];
}

/** ValidateVolumes: returns the names of the valid volumes. */
function validateVolumes(
  volumes: core.Volume[] | undefined,
  path: string,
): { names: Set<string>; errs: FieldError[] } {
  const names = new Set<string>();
  const errs: FieldError[] = [];
  (volumes ?? []).forEach((vol, i) => {
    const p = index(path, i);
    const namePath = child(p, 'name');
    const el = validateVolumeSource(vol, p);
    const name = str(vol.name);
    if (name.length === 0) el.push(required(namePath));
    else for (const msg of isDNS1123Label(name)) el.push(invalid(namePath, name, msg));
    if (names.has(name)) el.push(duplicate(namePath, name));
    if (el.length === 0) names.add(name);
    else errs.push(...el);
  });
  return { names, errs };
}

// =============================================================================================
// Pod spec (CVAL ValidatePodSpec)

const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';
const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_CONTAINER_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function validateSeccompAnnotationValue(p: string, path: string): FieldError[] {
  if (p === 'runtime/default' || p === 'docker/default' || p === 'unconfined') return [];
  if (p.startsWith('localhost/')) return validateLocalDescendingPath(p.slice('localhost/'.length), path);
  return [invalid(path, p, 'must be a valid seccomp profile')];
}

/** ValidatePodSpecificAnnotations */
function validatePodSpecificAnnotations(
  annotations: Record<string, string> | undefined,
  spec: PodSpec,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const ann = annotations ?? {};
  if (MIRROR_POD_ANNOTATION in ann && str(spec.nodeName).length === 0) {
    errs.push(
      invalid(
        key(path, MIRROR_POD_ANNOTATION),
        str(ann[MIRROR_POD_ANNOTATION]),
        'must set spec.nodeName if mirror pod annotation is set',
      ),
    );
  }
  if (POD_DELETION_COST in ann) {
    const v = str(ann[POD_DELETION_COST]);
    const firstOk =
      v.length > 0 && (v[0] === '-' || v === '0' || (v[0] !== undefined && v[0] >= '1' && v[0] <= '9'));
    const n = /^-?[0-9]+$/.test(v) ? Number(v) : Number.NaN;
    if (!firstOk || Number.isNaN(n) || n < -2147483648 || n > MAX_INT32) {
      errs.push(invalid(key(path, POD_DELETION_COST), v, 'must be a 32bit integer'));
    }
  }
  if (SECCOMP_POD_ANNOTATION in ann)
    errs.push(
      ...validateSeccompAnnotationValue(
        str(ann[SECCOMP_POD_ANNOTATION]),
        child(path, SECCOMP_POD_ANNOTATION),
      ),
    );
  for (const [k, v] of entries(ann)) {
    if (k.startsWith(SECCOMP_CONTAINER_PREFIX))
      errs.push(...validateSeccompAnnotationValue(v, child(path, k)));
  }
  for (const [k, v] of entries(ann)) {
    if (!k.startsWith(APPARMOR_CONTAINER_PREFIX)) continue;
    const containerName = k.slice(APPARMOR_CONTAINER_PREFIX.length);
    const all = [
      ...(spec.containers ?? []),
      ...(spec.initContainers ?? []),
      ...(spec.ephemeralContainers ?? []),
    ];
    if (!all.some((c) => c.name === containerName))
      errs.push(invalid(key(path, k), containerName, 'container not found'));
    if (v !== '' && v !== 'runtime/default' && v !== 'unconfined' && !v.startsWith('localhost/')) {
      errs.push(invalid(key(path, k), v, `invalid AppArmor profile name: ${JSON.stringify(v)}`));
    }
  }
  return errs;
}

/** validatePodSpecSecurityContext */
function validatePodSecurityContext(
  sc: core.PodSecurityContext | undefined,
  spec: PodSpec,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  if (sc === undefined || sc === null) return errs;
  for (const f of ['fsGroup', 'runAsUser', 'runAsGroup'] as const) {
    const v = sc[f];
    if (typeof v === 'number' && (v < 0 || v > MAX_UID))
      errs.push(invalid(child(path, f), v, inclusiveRangeError(0, MAX_UID)));
  }
  (sc.supplementalGroups ?? []).forEach((g, i) => {
    if (g < 0 || g > MAX_UID)
      errs.push(invalid(index(child(path, 'supplementalGroups'), i), g, inclusiveRangeError(0, MAX_UID)));
  });
  if (spec.shareProcessNamespace === true && spec.hostPID === true) {
    errs.push(
      invalid(
        child(path, 'shareProcessNamespace'),
        true,
        'ShareProcessNamespace and HostPID cannot both be enabled',
      ),
    );
  }
  if (
    sc.fsGroupChangePolicy !== undefined &&
    !['Always', 'OnRootMismatch'].includes(sc.fsGroupChangePolicy)
  ) {
    errs.push(
      notSupported(child(path, 'fsGroupChangePolicy'), sc.fsGroupChangePolicy, ['Always', 'OnRootMismatch']),
    );
  }
  errs.push(...validateSeccompProfileField(sc.seccompProfile, child(path, 'seccompProfile')));
  return errs;
}

/** ValidatePodSpec. Checks run in upstream order. */
function validatePodSpec(spec: PodSpec, path: string, opts: PodSpecOptions): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) {
    errs.push(required(child(path, 'terminationGracePeriodSeconds')));
  }
  const grace = spec.terminationGracePeriodSeconds ?? undefined;
  const restartPolicy = str(spec.restartPolicy);

  const vols = validateVolumes(spec.volumes, child(path, 'volumes'));
  errs.push(...vols.errs);
  errs.push(
    ...validateContainers(spec.containers, vols.names, grace, child(path, 'containers'), restartPolicy),
  );
  errs.push(
    ...validateInitContainers(
      spec.initContainers,
      spec.containers,
      vols.names,
      grace,
      child(path, 'initContainers'),
      restartPolicy,
    ),
  );

  // validatePodHostNetworkDeps: in a Pod hostPort must equal containerPort; in a template 0 is
  // also accepted (it is defaulted when the Pod is created).
  if (spec.hostNetwork === true) {
    (spec.containers ?? []).forEach((ctr, i) => {
      (ctr.ports ?? []).forEach((port, j) => {
        const hp = port.hostPort ?? 0;
        if ((opts.isPod || hp !== 0) && hp !== port.containerPort) {
          errs.push(
            invalid(
              child(index(child(index(child(path, 'containers'), i), 'ports'), j), 'hostPort'),
              hp,
              'must match `containerPort` when `hostNetwork` is true',
            ),
          );
        }
      });
    });
  }

  if (restartPolicy === '') errs.push(required(child(path, 'restartPolicy')));
  else if (!['Always', 'OnFailure', 'Never'].includes(restartPolicy)) {
    errs.push(notSupported(child(path, 'restartPolicy'), restartPolicy, ['Always', 'OnFailure', 'Never']));
  }
  const dnsPolicy = str(spec.dnsPolicy);
  const dnsPolicies = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
  if (dnsPolicy === '') errs.push(required(child(path, 'dnsPolicy')));
  else if (!dnsPolicies.includes(dnsPolicy))
    errs.push(notSupported(child(path, 'dnsPolicy'), dnsPolicy, dnsPolicies));
  errs.push(...validateLabels(spec.nodeSelector, child(path, 'nodeSelector')));
  errs.push(...validatePodSecurityContext(spec.securityContext, spec, child(path, 'securityContext')));
  errs.push(
    ...validateAffinity(spec.affinity, opts.allowInvalidLabelValueInSelector, child(path, 'affinity')),
  );
  if (dnsPolicy === 'None') {
    if (spec.dnsConfig === undefined)
      errs.push(required(child(path, 'dnsConfig'), 'must provide `dnsConfig` when `dnsPolicy` is None'));
    else if ((spec.dnsConfig.nameservers ?? []).length === 0) {
      errs.push(
        required(
          child(path, 'dnsConfig', 'nameservers'),
          'must provide at least one DNS nameserver when `dnsPolicy` is None',
        ),
      );
    }
  }
  (spec.readinessGates ?? []).forEach((g, i) => {
    const ct = str(g.conditionType);
    for (const msg of isQualifiedName(ct))
      errs.push(invalid(child(index(child(path, 'readinessGates'), i), 'conditionType'), ct, msg));
  });
  const gates = new Set<string>();
  (spec.schedulingGates ?? []).forEach((g, i) => {
    const p = index(child(path, 'schedulingGates'), i);
    const name = str(g.name);
    for (const msg of isQualifiedName(name)) errs.push(invalid(p, name, msg));
    if (gates.has(name)) errs.push(duplicate(p, name));
    gates.add(name);
  });
  (spec.topologySpreadConstraints ?? []).forEach((c, i) => {
    const p = index(child(path, 'topologySpreadConstraints'), i);
    if (c.maxSkew <= 0) errs.push(invalid(child(p, 'maxSkew'), c.maxSkew, 'must be greater than zero'));
    if (str(c.topologyKey).length === 0) errs.push(required(child(p, 'topologyKey'), 'can not be empty'));
    if (!['DoNotSchedule', 'ScheduleAnyway'].includes(str(c.whenUnsatisfiable))) {
      errs.push(
        notSupported(child(p, 'whenUnsatisfiable'), str(c.whenUnsatisfiable), [
          'DoNotSchedule',
          'ScheduleAnyway',
        ]),
      );
    }
  });
  for (const [field, fn] of [
    ['serviceAccountName', nameIsDNSSubdomain],
    ['nodeName', nameIsDNSSubdomain],
  ] as const) {
    const v = str(spec[field]);
    if (v.length > 0) for (const msg of fn(v, false)) errs.push(invalid(child(path, field), v, msg));
  }
  if (typeof spec.activeDeadlineSeconds === 'number') {
    const v = spec.activeDeadlineSeconds;
    if (v < 1 || v > MAX_INT32)
      errs.push(invalid(child(path, 'activeDeadlineSeconds'), v, inclusiveRangeError(1, MAX_INT32)));
  }
  for (const field of ['hostname', 'subdomain'] as const) {
    const v = str(spec[field]);
    if (v.length > 0) for (const msg of isDNS1123Label(v)) errs.push(invalid(child(path, field), v, msg));
  }
  if ((spec.tolerations ?? []).length > 0)
    errs.push(...validateTolerations(spec.tolerations, child(path, 'tolerations')));
  const pcn = str(spec.priorityClassName);
  if (pcn.length > 0)
    for (const msg of nameIsDNSSubdomain(pcn, false))
      errs.push(invalid(child(path, 'priorityClassName'), pcn, msg));
  if (spec.runtimeClassName !== undefined) {
    const rcn = str(spec.runtimeClassName);
    for (const msg of nameIsDNSSubdomain(rcn, false))
      errs.push(invalid(child(path, 'runtimeClassName'), rcn, msg));
  }
  if (spec.preemptionPolicy !== undefined)
    errs.push(...validatePreemptionPolicy(spec.preemptionPolicy, child(path, 'preemptionPolicy')));
  if (spec.os !== undefined) {
    const os = str(spec.os.name);
    if (os.length === 0) errs.push(required(child(path, 'os', 'name'), 'cannot be empty'));
    else if (os !== 'linux' && os !== 'windows')
      errs.push(notSupported(child(path, 'os'), os, ['linux', 'windows']));
  }
  return errs;
}

function validatePreemptionPolicy(policy: string, path: string): FieldError[] {
  if (policy === 'PreemptLowerPriority' || policy === 'Never') return [];
  if (policy === '') return [required(path)];
  return [notSupported(path, policy, ['PreemptLowerPriority', 'Never'])];
}

/** ValidatePodTemplateSpec: note the upstream paths `<template>.labels` / `.annotations` (no `metadata`). */
function validatePodTemplateSpec(
  template: PodTemplateSpec,
  path: string,
  opts: PodSpecOptions,
): FieldError[] {
  const meta = template.metadata ?? {};
  const spec = template.spec ?? ({ containers: [] } as PodSpec);
  const errs = validateLabels(meta.labels, child(path, 'labels'));
  errs.push(...validateAnnotations(meta.annotations, child(path, 'annotations')));
  errs.push(...validatePodSpecificAnnotations(meta.annotations, spec, child(path, 'annotations')));
  errs.push(...validatePodSpec(spec, child(path, 'spec'), opts));
  if ((spec.ephemeralContainers ?? []).length > 0) {
    errs.push(
      forbidden(
        child(path, 'spec', 'ephemeralContainers'),
        'ephemeral containers not allowed in pod template',
      ),
    );
  }
  return errs;
}

// =============================================================================================
// DaemonSet (VAL ValidateDaemonSet*, STR ValidateUpdate)

function intOrStringValue(v: IntOrString | undefined): JsonValue {
  return new JsonValue(v ?? 0);
}

/** getIntOrPercentValue: a valid percent's number, else IntOrString.IntValue() (Atoi, 0 on error). */
function getIntOrPercentValue(v: IntOrString | undefined): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') return v;
  if (PERCENT_RE.test(v)) return Number.parseInt(v.slice(0, -1), 10);
  return /^[+-]?[0-9]+$/.test(v) ? Number.parseInt(v, 10) : 0;
}

/** ValidatePositiveIntOrPercent */
function validatePositiveIntOrPercent(v: IntOrString | undefined, path: string): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((msg) => invalid(path, intOrStringValue(v), msg));
  return nonnegative(v ?? 0, path);
}

/** IsNotMoreThan100Percent */
function isNotMoreThan100Percent(v: IntOrString | undefined, path: string): FieldError[] {
  if (typeof v !== 'string' || !PERCENT_RE.test(v)) return [];
  return Number.parseInt(v.slice(0, -1), 10) > 100
    ? [invalid(path, intOrStringValue(v), 'must not be greater than 100%')]
    : [];
}

/** ValidateRollingUpdateDaemonSet (rule C8). */
function validateRollingUpdateDaemonSet(
  ru: NonNullable<DaemonSetUpdateStrategy['rollingUpdate']>,
  path: string,
): FieldError[] {
  const muPath = child(path, 'maxUnavailable');
  const msPath = child(path, 'maxSurge');
  const errs = [
    ...validatePositiveIntOrPercent(ru.maxUnavailable, muPath),
    ...validatePositiveIntOrPercent(ru.maxSurge, msPath),
    ...isNotMoreThan100Percent(ru.maxUnavailable, muPath),
    ...isNotMoreThan100Percent(ru.maxSurge, msPath),
  ];
  const hasUnavailable = getIntOrPercentValue(ru.maxUnavailable) !== 0;
  const hasSurge = getIntOrPercentValue(ru.maxSurge) !== 0;
  if (hasUnavailable && hasSurge)
    errs.push(
      invalid(msPath, intOrStringValue(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'),
    );
  else if (!hasUnavailable && !hasSurge) errs.push(required(muPath, 'cannot be 0 when maxSurge is 0'));
  return errs;
}

/** The internal apps.DaemonSetUpdateStrategy (no json tags) as a bad value. */
function updateStrategyStruct(s: DaemonSetUpdateStrategy | undefined): GoStruct {
  const ru = s?.rollingUpdate;
  return new GoStruct([
    ['Type', str(s?.type)],
    [
      'RollingUpdate',
      ru === undefined || ru === null
        ? null
        : new GoStruct([
            ['MaxUnavailable', ru.maxUnavailable ?? 0],
            ['MaxSurge', ru.maxSurge ?? 0],
          ]),
    ],
  ]);
}

/** ValidateDaemonSetUpdateStrategy */
function validateDaemonSetUpdateStrategy(
  strategy: DaemonSetUpdateStrategy | undefined,
  path: string,
): FieldError[] {
  switch (strategy?.type) {
    case 'OnDelete':
      return [];
    case 'RollingUpdate':
      if (strategy.rollingUpdate === undefined || strategy.rollingUpdate === null)
        return [required(child(path, 'rollingUpdate'))];
      return validateRollingUpdateDaemonSet(strategy.rollingUpdate, child(path, 'rollingUpdate'));
    default:
      return [notSupported(path, updateStrategyStruct(strategy), ['RollingUpdate', 'OnDelete'])];
  }
}

/** ValidateDaemonSetSpec (rules C3–C8, D3). */
function validateDaemonSetSpec(
  spec: DaemonSetSpec | undefined,
  path: string,
  allowInvalidLabelValueInSelector: boolean,
): FieldError[] {
  const s = spec ?? ({} as DaemonSetSpec);
  const template: PodTemplateSpec = s.template ?? {};
  const selectorPath = child(path, 'selector');
  const errs = validateLabelSelector(s.selector, selectorPath, { allowInvalidLabelValueInSelector });

  const reqs = labelSelectorAsRequirements(s.selector);
  if (reqs !== undefined) {
    const labels = template.metadata?.labels;
    const matches = reqs !== 'nothing' && requirementsMatch(reqs, labels);
    if (!matches)
      errs.push(
        invalid(
          child(path, 'template', 'metadata', 'labels'),
          labels ?? null,
          '`selector` does not match template `labels`',
        ),
      );
  }
  const sel = s.selector;
  if (
    sel !== undefined &&
    sel !== null &&
    Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0
  ) {
    errs.push(invalid(selectorPath, labelSelectorValue(sel), 'empty selector is invalid for daemonset'));
  }

  errs.push(
    ...validatePodTemplateSpec(template, child(path, 'template'), {
      isPod: false,
      allowInvalidLabelValueInSelector,
    }),
  );
  const podSpec = template.spec;
  const restartPolicy = str(podSpec?.restartPolicy);
  if (restartPolicy !== 'Always')
    errs.push(notSupported(child(path, 'template', 'spec', 'restartPolicy'), restartPolicy, ['Always']));
  if (podSpec?.activeDeadlineSeconds !== undefined && podSpec.activeDeadlineSeconds !== null) {
    errs.push(
      forbidden(
        child(path, 'template', 'spec', 'activeDeadlineSeconds'),
        'activeDeadlineSeconds in DaemonSet is not Supported',
      ),
    );
  }
  errs.push(...nonnegative(s.minReadySeconds ?? 0, child(path, 'minReadySeconds')));
  errs.push(...validateDaemonSetUpdateStrategy(s.updateStrategy, child(path, 'updateStrategy')));
  if (typeof s.revisionHistoryLimit === 'number')
    errs.push(...nonnegative(s.revisionHistoryLimit, child(path, 'revisionHistoryLimit')));
  return errs;
}

/** ValidateDaemonSet: object meta (name is a DNS subdomain, namespace required) then the spec. */
export function validateDaemonSet(ds: DaemonSet): FieldError[] {
  const errs = validateObjectMeta(ds.metadata, { requiresNamespace: true, nameFn: nameIsDNSSubdomain });
  errs.push(...validateDaemonSetSpec(ds.spec, 'spec', false));
  return errs;
}

/**
 * The update path of the DaemonSet strategy: ValidateDaemonSet(new), ValidateDaemonSetUpdate
 * (meta update + spec again) and selector immutability (rule C9). Repeated messages are dropped,
 * as both the API message and kubectl do. Invalid selector label values are tolerated if the old
 * selector already had them.
 */
export function validateDaemonSetUpdate(newDs: DaemonSet, oldDs: DaemonSet): FieldError[] {
  const allowInvalid = labelSelectorHasInvalidLabelValue(oldDs.spec?.selector);
  const errs = validateObjectMeta(newDs.metadata, { requiresNamespace: true, nameFn: nameIsDNSSubdomain });
  errs.push(...validateDaemonSetSpec(newDs.spec, 'spec', allowInvalid));
  errs.push(...validateObjectMetaUpdate(newDs.metadata, oldDs.metadata));
  errs.push(...validateDaemonSetSpec(newDs.spec, 'spec', allowInvalid));
  if (
    goJSONEqual(labelSelectorValue(newDs.spec?.selector), labelSelectorValue(oldDs.spec?.selector)) === false
  ) {
    errs.push(invalid('spec.selector', labelSelectorValue(newDs.spec?.selector), 'field is immutable'));
  }
  return dedupeErrors(errs);
}

function goJSONEqual(a: unknown, b: unknown): boolean {
  return renderValue(a) === renderValue(b);
}

// =============================================================================================
// Pod, Node, PriorityClass

/** ValidatePodCreate (validatePodMetadataAndSpec + create-only checks). */
export function validatePod(pod: Pod): FieldError[] {
  const spec = pod.spec ?? ({ containers: [] } as PodSpec);
  const errs = validateObjectMeta(pod.metadata, { requiresNamespace: true, nameFn: nameIsDNSSubdomain });
  errs.push(...validatePodSpecificAnnotations(pod.metadata?.annotations, spec, 'metadata.annotations'));
  errs.push(...validatePodSpec(spec, 'spec', { isPod: true, allowInvalidLabelValueInSelector: false }));
  for (const [field, list] of [
    ['containers', spec.containers],
    ['initContainers', spec.initContainers],
  ] as const) {
    (list ?? []).forEach((ctr, i) => {
      const image = str(ctr.image);
      if (image.length !== image.trim().length) {
        errs.push(
          invalid(
            child(index(child('spec', field), i), 'image'),
            image,
            'must not have leading or trailing whitespace',
          ),
        );
      }
    });
  }
  if ((spec.ephemeralContainers ?? []).length > 0)
    errs.push(forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  if (str(spec.nodeName) !== '' && (spec.schedulingGates ?? []).length > 0) {
    errs.push(forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

/**
 * ValidateNode. Upstream builds the taint paths from the metadata path, so taint errors read
 * `metadata.taints[i]...` although the field is spec.taints; resource paths use dots
 * (`status.capacity.cpu`).
 */
export function validateNode(node: Node): FieldError[] {
  const errs = validateObjectMeta(node.metadata, { requiresNamespace: false, nameFn: nameIsDNSSubdomain });
  const taints = node.spec?.taints ?? [];
  if (taints.length > 0) errs.push(...validateNodeTaints(taints, 'metadata.taints'));
  for (const field of ['capacity', 'allocatable'] as const) {
    for (const [name, raw] of Object.entries(node.status?.[field] ?? {})) {
      errs.push(...validateQuantity(name, raw, `status.${field}.${name}`).errs);
    }
  }
  return errs;
}

const SYSTEM_PRIORITY_CLASSES: Record<string, number> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};
const HIGHEST_USER_DEFINABLE_PRIORITY = 1000000000;

/**
 * ValidatePriorityClass. `value` is a required int32 in the OpenAPI schema; upstream's JSON decoding
 * would turn a missing value into 0, here it is reported as `value: Required value`.
 */
export function validatePriorityClass(pc: PriorityClass): FieldError[] {
  const errs = validateObjectMeta(pc.metadata, { requiresNamespace: false, nameFn: nameIsDNSSubdomain });
  const raw = (pc as { value?: unknown }).value;
  const name = str(pc.metadata?.name);
  if (raw === undefined || raw === null) {
    errs.push(required('value'));
  } else if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < -2147483648 || raw > MAX_INT32) {
    errs.push(invalid('value', raw, 'must be an integer'));
  } else if (name.startsWith('system-')) {
    const known = SYSTEM_PRIORITY_CLASSES[name];
    let problem: string | undefined;
    if (known === undefined) problem = `${name} is not a known system priority class`;
    else if (known !== raw) problem = `value of ${name} PriorityClass must be ${known}`;
    else if (pc.globalDefault === true) problem = `globalDefault of ${name} PriorityClass must be false`;
    if (problem !== undefined) {
      errs.push(
        forbidden(
          'metadata.name',
          `priority class names with 'system-' prefix are reserved for system use only. error: ${problem}`,
        ),
      );
    }
  } else if (raw > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(
      forbidden(
        'value',
        `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`,
      ),
    );
  }
  if (pc.preemptionPolicy !== undefined)
    errs.push(...validatePreemptionPolicy(pc.preemptionPolicy, 'preemptionPolicy'));
  return errs;
}

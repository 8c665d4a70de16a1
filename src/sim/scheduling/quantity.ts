// Kubernetes resource quantities, ported from apimachinery `api/resource/quantity.go` and
// `suffix.go`. Values are computed exactly (bigint nano-units, like upstream's rounding of every
// parsed quantity up to 1n) and only converted to numbers at the end. Parsed strings are memoised:
// the same few request strings ("100m", "8Gi") recur across thousands of pods.

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_SUFFIXES: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const SUFFIX_CHARS = 'eEinumkKMGTP';

/** Upstream's ErrFormatWrong and ErrSuffix texts. */
export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

export interface ScannedQuantity {
  positive: boolean;
  num: string;
  denom: string;
  suffix: string;
}

/**
 * Upstream `parseQuantityString` (a hand-written scanner; quirks such as "1." are kept): leading
 * zeros stripped, an empty numerator read as "0". Undefined for ErrFormatWrong.
 */
export function scanQuantity(str: string): ScannedQuantity | undefined {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (pos < end) {
    if (str[0] === '-') {
      positive = false;
      pos++;
    } else if (str[0] === '+') pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, num: '0', denom: '', suffix: '' };
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  let num = str.slice(pos, i);
  pos = i;
  if (pos >= end) return { positive, num, denom: '', suffix: '' };
  if (num.length === 0) num = '0';
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    pos = i;
    if (pos >= end) return { positive, num, denom, suffix: '' };
  }
  const suffixStart = pos;
  while (pos < end && SUFFIX_CHARS.includes(str[pos] ?? '')) pos++;
  if (pos >= end) return { positive, num, denom, suffix: str.slice(suffixStart) };
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos >= end) return { positive, num, denom, suffix: str.slice(suffixStart) };
  return undefined; // ErrFormatWrong
}

/** Upstream `suffixer.interpret`: [base, exponent] or undefined (ErrSuffix). */
export function interpretSuffix(suffix: string): [10 | 2, number] | undefined {
  if (Object.hasOwn(DECIMAL_SUFFIXES, suffix)) return [10, DECIMAL_SUFFIXES[suffix] ?? 0];
  if (Object.hasOwn(BINARY_SUFFIXES, suffix)) return [2, BINARY_SUFFIXES[suffix] ?? 0];
  if (suffix.length > 1 && (suffix[0] === 'E' || suffix[0] === 'e')) {
    const rest = suffix.slice(1);
    if (!/^[+-]?[0-9]+$/.test(rest)) return undefined;
    const e = Number(rest);
    if (!Number.isSafeInteger(e) || e > 2147483647 || e < -2147483648) return undefined;
    return [10, e];
  }
  return undefined;
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);
const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

/**
 * Exact magnitude in nano-units, rounded up (away from zero) like upstream parsing, with sign.
 * `undefined` for strings upstream rejects.
 */
function parseNanos(str: string): bigint | undefined {
  if (str.length === 0) return undefined;
  const s = scanQuantity(str);
  if (s === undefined) return undefined;
  const interp = interpretSuffix(s.suffix);
  if (interp === undefined) return undefined;
  const [base, exponent] = interp;
  let mantissa = BigInt(s.num + s.denom); // digits only: safe
  let exp10 = 9 - s.denom.length; // to nano-units
  if (base === 10) exp10 += exponent;
  else mantissa <<= BigInt(exponent);
  let nanos: bigint;
  if (exp10 > 400) return undefined; // far beyond float range; also keeps 10n ** e cheap
  if (exp10 >= 0) nanos = mantissa * pow10(exp10);
  else if (-exp10 > s.num.length + s.denom.length + 20) nanos = mantissa > 0n ? 1n : 0n;
  else nanos = ceilDiv(mantissa, pow10(-exp10));
  return s.positive ? nanos : -nanos;
}

const CACHE_LIMIT = 4096;
const cache = new Map<string, bigint | null>();

/** Exact nano-units of a quantity (memoised); `undefined` when it does not parse. */
export function quantityNanos(q: string | number): bigint | undefined {
  const str = typeof q === 'number' ? numberToQuantityString(q) : q;
  if (str === undefined) return undefined;
  let v = cache.get(str);
  if (v === undefined) {
    v = parseNanos(str) ?? null;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(str, v);
  }
  return v ?? undefined;
}

/** YAML may hand us plain numbers (`cpu: 2`, `cpu: 0.5`). */
function numberToQuantityString(n: number): string | undefined {
  if (!Number.isFinite(n)) return undefined;
  return String(n); // e.g. "0.5", "1e+21": both valid quantity syntax
}

const NANO = 1_000_000_000n;
const MICRO_PER_MILLI = 1_000_000n;

/** Rounds nanos up (away from zero) to a multiple of `unit`, returning the count of units. */
function scaleUp(nanos: bigint, unit: bigint): bigint {
  return nanos >= 0n ? ceilDiv(nanos, unit) : -ceilDiv(-nanos, unit);
}

/**
 * Parses a quantity (`500m`, `0.5`, `1`, `8Gi`, `1e3`, `129M`, `1.5Gi`) into its value in base
 * units as a float (cpu in cores, memory in bytes). `undefined` when upstream would reject it.
 */
export function parseQuantity(s: string | number): number | undefined {
  const nanos = quantityNanos(s);
  return nanos === undefined ? undefined : Number(nanos) / 1e9;
}

/** Upstream `Quantity.MilliValue()`: integer milli-units, rounded up (cpu → millicores). */
export function toMilli(s: string | number): number | undefined {
  const nanos = quantityNanos(s);
  return nanos === undefined ? undefined : Number(scaleUp(nanos, MICRO_PER_MILLI));
}

/** Upstream `Quantity.Value()`: integer base units, rounded up (memory → bytes). */
export function toValue(s: string | number): number | undefined {
  const nanos = quantityNanos(s);
  return nanos === undefined ? undefined : Number(scaleUp(nanos, NANO));
}

/** Converts exact nanos to milli-units / whole units (used for sums of quantities). */
export function nanosToMilli(nanos: bigint): number {
  return Number(scaleUp(nanos, MICRO_PER_MILLI));
}
export function nanosToValue(nanos: bigint): number {
  return Number(scaleUp(nanos, NANO));
}

/** Millicores for display: 2000 → "2", 500 → "500m", 1500 → "1500m" (canonical quantity form). */
export function formatCpuMilli(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const m = Math.ceil(n);
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

const BINARY_DISPLAY: ReadonlyArray<[string, number]> = [
  ['Ei', 2 ** 60],
  ['Pi', 2 ** 50],
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
];
const DECIMAL_DISPLAY: ReadonlyArray<[string, number]> = [
  ['E', 1e18],
  ['P', 1e15],
  ['T', 1e12],
  ['G', 1e9],
  ['M', 1e6],
  ['k', 1e3],
];

/**
 * Bytes for display: the largest binary suffix that divides exactly (8589934592 → "8Gi",
 * 1610612736 → "1536Mi"), else the largest exact decimal suffix (129000000 → "129M"), else the
 * plain integer.
 */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const v = Math.ceil(n);
  if (v === 0) return '0';
  const abs = Math.abs(v);
  const sign = v < 0 ? '-' : '';
  for (const [suffix, size] of BINARY_DISPLAY)
    if (abs >= size && abs % size === 0) return `${sign}${abs / size}${suffix}`;
  for (const [suffix, size] of DECIMAL_DISPLAY)
    if (abs >= size && abs % size === 0) return `${sign}${abs / size}${suffix}`;
  return String(v);
}

// Label selectors (rule book D1–D5), ported from apimachinery `labels/selector.go`,
// `apis/meta/v1/helpers.go` (LabelSelectorAsSelector) and `util/validation/validation.go`.
//
// Everything is compiled once into plain objects; matching a compiled selector against a label map
// allocates nothing. The explain functions reuse `requirementMatchesValue`, the single place where
// operator semantics live.

import type { LabelSelector } from '../api/types.ts';

export type Labels = Readonly<Record<string, string>>;

/**
 * Operators a compiled requirement can carry. `In`..`Lt` are the API spellings (LabelSelector and
 * NodeSelectorRequirement); `=`, `==`, `!=` come from the string syntax and from `matchLabels` /
 * `nodeSelector` maps (which upstream turns into `=` requirements).
 */
export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt' | '=' | '==' | '!=';

const OP_IN = 0;
const OP_NOT_IN = 1;
const OP_EXISTS = 2;
const OP_DOES_NOT_EXIST = 3;
const OP_GT = 4;
const OP_LT = 5;
const OP_EQUALS = 6;
const OP_DOUBLE_EQUALS = 7;
const OP_NOT_EQUALS = 8;

const OP_CODES: Readonly<Record<SelectorOperator, number>> = {
  In: OP_IN,
  NotIn: OP_NOT_IN,
  Exists: OP_EXISTS,
  DoesNotExist: OP_DOES_NOT_EXIST,
  Gt: OP_GT,
  Lt: OP_LT,
  '=': OP_EQUALS,
  '==': OP_DOUBLE_EQUALS,
  '!=': OP_NOT_EQUALS,
};

/** apimachinery `selection.Operator` spellings, used in upstream error texts. */
const UPSTREAM_OPERATOR_NAMES = ['in', 'notin', '=', '==', '!=', 'gt', 'lt', 'exists', '!'];

/** One compiled requirement (upstream `labels.Requirement`). Treat as read-only. */
export interface CompiledRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  /** Values as given (upstream keeps input order; `toString` sorts them). */
  readonly values: readonly string[];
  /** Set when upstream `NewRequirement` (or the operator conversion) would have failed. */
  readonly error: string | undefined;
  /** @internal numeric operator code. */
  readonly op: number;
  /** @internal lookup set for long value lists (undefined for short ones). */
  readonly valueSet: ReadonlySet<string> | undefined;
  /** @internal Gt/Lt operand, when it parses as an int64. */
  readonly intValue: Int64 | undefined;
}

/** A parsed base-10 int64 kept both as a bigint (exact) and a number (fast path when safe). */
interface Int64 {
  readonly big: bigint;
  readonly num: number;
  readonly safe: boolean;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const INT_RE = /^[+-]?[0-9]+$/;

/** Go `strconv.ParseInt(s, 10, 64)`: optional sign, ASCII digits only, int64 range. */
export function parseInt64(s: string): bigint | undefined {
  if (!INT_RE.test(s)) return undefined;
  const v = BigInt(s);
  return v < INT64_MIN || v > INT64_MAX ? undefined : v;
}

function toInt64(s: string): Int64 | undefined {
  const big = parseInt64(s);
  if (big === undefined) return undefined;
  const num = Number(big);
  return { big, num, safe: Number.isSafeInteger(num) };
}

/** Compare a label value against a Gt/Lt operand; undefined when the label is not an int64. */
function compareInt64(label: string, operand: Int64): number | undefined {
  // Fast path: short decimal strings are exact as numbers.
  if (operand.safe && label.length <= 15) {
    if (!INT_RE.test(label)) return undefined;
    const n = Number(label);
    return n === operand.num ? 0 : n > operand.num ? 1 : -1;
  }
  const big = parseInt64(label);
  if (big === undefined) return undefined;
  return big === operand.big ? 0 : big > operand.big ? 1 : -1;
}

const SET_THRESHOLD = 6;

// ---------------------------------------------------------------------------------------------
// Validation helpers (apimachinery util/validation), used by NewRequirement and the parser.

// Label key/value and DNS name validation is the API server's; selectors reuse it.
import { isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from '../api/validation.ts';
export { isDNS1123Subdomain, isQualifiedName, isValidLabelValue };

export function renderBadValue(v: unknown): string {
  return v === undefined ? 'null' : JSON.stringify(v);
}

/** `field.Invalid(path, value, detail).Error()`. */
export function fieldInvalid(path: string, value: unknown, detail: string): string {
  return `${path}: Invalid value: ${renderBadValue(value)}: ${detail}`;
}

/** `field.NotSupported(path, value, valid).Error()`. */
export function fieldNotSupported(path: string, value: unknown, valid: readonly string[]): string {
  return `${path}: Unsupported value: ${renderBadValue(value)}: supported values: ${valid.map((v) => `"${v}"`).join(', ')}`;
}

/** `utilerrors.NewAggregate(errs).Error()` (single message unwrapped, several in brackets). */
export function aggregateErrors(errs: readonly string[]): string | undefined {
  const uniq = [...new Set(errs)];
  if (uniq.length === 0) return undefined;
  if (uniq.length === 1) return uniq[0];
  return `[${uniq.join(', ')}]`;
}

const joinPath = (base: string, child: string): string => (base === '' ? child : `${base}.${child}`);

// ---------------------------------------------------------------------------------------------
// Requirements

/**
 * Upstream `labels.NewRequirement`: validates key, operator and values, and always returns the
 * requirement; `error` is set (aggregated field errors) when upstream would have returned an error.
 * `path` prefixes the field paths in error messages (e.g. `nodeSelectorTerms[0].matchExpressions[1]`).
 */
export function newRequirement(
  key: string,
  operator: SelectorOperator,
  values: readonly string[] | undefined,
  path = '',
): CompiledRequirement {
  const vals = values ?? [];
  const errs: string[] = [];
  const keyErrs = isQualifiedName(key);
  if (keyErrs.length > 0) errs.push(fieldInvalid(joinPath(path, 'key'), key, keyErrs.join('; ')));
  const valuePath = joinPath(path, 'values');
  const op: number | undefined = Object.hasOwn(OP_CODES, operator) ? OP_CODES[operator] : undefined;
  let intValue: Int64 | undefined;
  switch (op) {
    case OP_IN:
    case OP_NOT_IN:
      if (vals.length === 0)
        errs.push(fieldInvalid(valuePath, values, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case OP_EQUALS:
    case OP_DOUBLE_EQUALS:
    case OP_NOT_EQUALS:
      if (vals.length !== 1)
        errs.push(fieldInvalid(valuePath, values, 'exact-match compatibility requires one single value'));
      break;
    case OP_EXISTS:
    case OP_DOES_NOT_EXIST:
      if (vals.length !== 0)
        errs.push(fieldInvalid(valuePath, values, 'values set must be empty for exists and does not exist'));
      break;
    case OP_GT:
    case OP_LT:
      if (vals.length !== 1)
        errs.push(fieldInvalid(valuePath, values, "for 'Gt', 'Lt' operators, exactly one value is required"));
      vals.forEach((v, i) => {
        const parsed = toInt64(v);
        if (parsed === undefined)
          errs.push(
            fieldInvalid(`${valuePath}[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"),
          );
        else if (i === 0) intValue = parsed;
      });
      break;
    default:
      errs.push(fieldNotSupported(joinPath(path, 'operator'), operator, UPSTREAM_OPERATOR_NAMES));
  }
  vals.forEach((v, i) => {
    const vErrs = isValidLabelValue(v);
    if (vErrs.length > 0) errs.push(fieldInvalid(`${valuePath}[${i}][${key}]`, v, vErrs.join('; ')));
  });
  const frozen = Object.freeze([...vals]);
  return Object.freeze({
    key,
    operator,
    values: frozen,
    error: aggregateErrors(errs),
    op: op ?? -1,
    valueSet: frozen.length > SET_THRESHOLD ? new Set(frozen) : undefined,
    intValue,
  });
}

/** A requirement that upstream would not have validated (`SelectorFromSet` skips validation). */
function unvalidatedEquals(key: string, value: string): CompiledRequirement {
  return Object.freeze({
    key,
    operator: '=' as const,
    values: Object.freeze([value]),
    error: undefined,
    op: OP_EQUALS,
    valueSet: undefined,
    intValue: undefined,
  });
}

function hasValue(req: CompiledRequirement, value: string): boolean {
  if (req.valueSet !== undefined) return req.valueSet.has(value);
  const vals = req.values;
  for (let i = 0; i < vals.length; i++) if (vals[i] === value) return true;
  return false;
}

/**
 * THE operator semantics (upstream `Requirement.Matches`, rule D4), given the label value already
 * looked up (`undefined` = key absent). Every matcher and explainer in this package goes through here.
 */
export function requirementMatchesValue(req: CompiledRequirement, value: string | undefined): boolean {
  switch (req.op) {
    case OP_IN:
    case OP_EQUALS:
    case OP_DOUBLE_EQUALS:
      return value !== undefined && hasValue(req, value);
    case OP_NOT_IN:
    case OP_NOT_EQUALS:
      return value === undefined || !hasValue(req, value);
    case OP_EXISTS:
      return value !== undefined;
    case OP_DOES_NOT_EXIST:
      return value === undefined;
    case OP_GT:
    case OP_LT: {
      if (value === undefined || req.values.length !== 1 || req.intValue === undefined) return false;
      const cmp = compareInt64(value, req.intValue);
      if (cmp === undefined) return false;
      return req.op === OP_GT ? cmp > 0 : cmp < 0;
    }
    default:
      return false;
  }
}

/** Own-property label lookup (label values are always strings, so a typeof check suffices). */
export function lookupLabel(labels: Labels | undefined, key: string): string | undefined {
  if (labels === undefined) return undefined;
  const v = labels[key];
  return typeof v === 'string' ? v : undefined;
}

export function matchRequirement(req: CompiledRequirement, labels: Labels | undefined): boolean {
  return requirementMatchesValue(req, lookupLabel(labels, req.key));
}

/** Upstream `Requirement.String()`. */
export function requirementToString(req: CompiledRequirement): string {
  let out = req.op === OP_DOES_NOT_EXIST ? '!' : '';
  out += req.key;
  switch (req.op) {
    case OP_EQUALS:
      out += '=';
      break;
    case OP_DOUBLE_EQUALS:
      out += '==';
      break;
    case OP_NOT_EQUALS:
      out += '!=';
      break;
    case OP_IN:
      out += ' in ';
      break;
    case OP_NOT_IN:
      out += ' notin ';
      break;
    case OP_GT:
      out += '>';
      break;
    case OP_LT:
      out += '<';
      break;
    default:
      return out;
  }
  const setOp = req.op === OP_IN || req.op === OP_NOT_IN;
  if (setOp) out += '(';
  out += req.values.length === 1 ? (req.values[0] ?? '') : [...req.values].sort().join(',');
  if (setOp) out += ')';
  return out;
}

// ---------------------------------------------------------------------------------------------
// Selectors

/** Per-requirement result, for "why does (not) this selector match" displays. */
export interface RequirementExplanation {
  key: string;
  operator: SelectorOperator;
  values: readonly string[];
  /** The label's value, `undefined` when the key is absent. */
  actual: string | undefined;
  ok: boolean;
  error?: string;
}

/** Upstream `labels.Selector`, compiled. */
export interface CompiledSelector {
  /** AND of these, sorted by key (upstream `Add` sorts). */
  readonly requirements: readonly CompiledRequirement[];
  /** True only for the nil-selector result (`labels.Nothing()`). */
  readonly matchesNothing: boolean;
  matches(labels: Labels | undefined): boolean;
  /** Upstream `Empty()`: true when the selector does not restrict anything (matches everything). */
  isEmpty(): boolean;
  /** Upstream `String()`: `a=b,c in (x,y),!d` (empty for everything *and* for nothing). */
  toString(): string;
  /** Every requirement evaluated (no short-circuit). */
  explain(labels: Labels | undefined): RequirementExplanation[];
}

export function explainRequirement(
  req: CompiledRequirement,
  actual: string | undefined,
): RequirementExplanation {
  const ok = req.error === undefined && requirementMatchesValue(req, actual);
  const out: RequirementExplanation = {
    key: req.key,
    operator: req.operator,
    values: req.values,
    actual,
    ok,
  };
  if (req.error !== undefined) out.error = req.error;
  return out;
}

class Selector implements CompiledSelector {
  readonly requirements: readonly CompiledRequirement[];
  readonly matchesNothing: boolean;
  constructor(requirements: readonly CompiledRequirement[], matchesNothing: boolean) {
    this.requirements = Object.freeze(
      [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    );
    this.matchesNothing = matchesNothing;
    Object.freeze(this);
  }
  matches(labels: Labels | undefined): boolean {
    if (this.matchesNothing) return false;
    const reqs = this.requirements;
    for (let i = 0; i < reqs.length; i++) {
      const r = reqs[i] as CompiledRequirement;
      if (!requirementMatchesValue(r, lookupLabel(labels, r.key))) return false;
    }
    return true;
  }
  isEmpty(): boolean {
    return !this.matchesNothing && this.requirements.length === 0;
  }
  toString(): string {
    return this.requirements.map(requirementToString).join(',');
  }
  explain(labels: Labels | undefined): RequirementExplanation[] {
    return this.requirements.map((r) => explainRequirement(r, lookupLabel(labels, r.key)));
  }
}

/** Matches every label set (`labels.Everything()`). */
export const EVERYTHING: CompiledSelector = new Selector([], false);
/** Matches nothing (`labels.Nothing()`, the result for a nil LabelSelector). */
export const NOTHING: CompiledSelector = new Selector([], true);

export interface SelectorError {
  readonly error: string;
}

export function isSelectorError(x: CompiledSelector | SelectorError): x is SelectorError {
  return !(x instanceof Selector);
}

/** Builds a selector from already-compiled requirements (sorted by key like upstream `Add`). */
export function selectorFromRequirements(reqs: readonly CompiledRequirement[]): CompiledSelector {
  return reqs.length === 0 ? EVERYTHING : new Selector(reqs, false);
}

const LABEL_SELECTOR_OPS: Readonly<Record<string, SelectorOperator>> = {
  In: 'In',
  NotIn: 'NotIn',
  Exists: 'Exists',
  DoesNotExist: 'DoesNotExist',
};

/**
 * `metav1.LabelSelectorAsSelector` (D1, D2): nil → nothing; no requirements → everything;
 * otherwise the AND of one `=` per matchLabels entry and one requirement per matchExpressions entry.
 */
export function compileLabelSelector(
  sel: LabelSelector | undefined | null,
): CompiledSelector | SelectorError {
  if (sel === undefined || sel === null) return NOTHING;
  const matchLabels = sel.matchLabels ?? {};
  const exprs = sel.matchExpressions ?? [];
  const labelKeys = Object.keys(matchLabels);
  if (labelKeys.length + exprs.length === 0) return EVERYTHING;
  const reqs: CompiledRequirement[] = [];
  for (const k of labelKeys) {
    const r = newRequirement(k, '=', [matchLabels[k] ?? '']);
    if (r.error !== undefined) return { error: r.error };
    reqs.push(r);
  }
  for (const expr of exprs) {
    const op = Object.hasOwn(LABEL_SELECTOR_OPS, expr.operator)
      ? LABEL_SELECTOR_OPS[expr.operator]
      : undefined;
    if (op === undefined)
      return { error: `${JSON.stringify(expr.operator)} is not a valid label selector operator` };
    const r = newRequirement(expr.key, op, expr.values);
    if (r.error !== undefined) return { error: r.error };
    reqs.push(r);
  }
  return new Selector(reqs, false);
}

/** `labels.SelectorFromSet`: AND of equality requirements, no validation; empty/undefined → everything. */
export function selectorFromSet(set: Labels | undefined): CompiledSelector {
  if (set === undefined) return EVERYTHING;
  const keys = Object.keys(set);
  if (keys.length === 0) return EVERYTHING;
  return new Selector(
    keys.map((k) => unvalidatedEquals(k, set[k] ?? '')),
    false,
  );
}

// ---------------------------------------------------------------------------------------------
// String syntax (`kubectl -l`), a port of upstream's Lexer/Parser.

const T_ERROR = 0;
const T_EOS = 1;
const T_CLOSED_PAR = 2;
const T_COMMA = 3;
const T_DOES_NOT_EXIST = 4;
const T_DOUBLE_EQUALS = 5;
const T_EQUALS = 6;
const T_GREATER_THAN = 7;
const T_IDENTIFIER = 8;
const T_IN = 9;
const T_LESS_THAN = 10;
const T_NOT_EQUALS = 11;
const T_NOT_IN = 12;
const T_OPEN_PAR = 13;

const STRING_TO_TOKEN: Readonly<Record<string, number>> = {
  ')': T_CLOSED_PAR,
  ',': T_COMMA,
  '!': T_DOES_NOT_EXIST,
  '==': T_DOUBLE_EQUALS,
  '=': T_EQUALS,
  '>': T_GREATER_THAN,
  in: T_IN,
  '<': T_LESS_THAN,
  '!=': T_NOT_EQUALS,
  notin: T_NOT_IN,
  '(': T_OPEN_PAR,
};

const tokenOf = (s: string): number | undefined =>
  Object.hasOwn(STRING_TO_TOKEN, s) ? STRING_TO_TOKEN[s] : undefined;

const isWhitespace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecialSymbol = (ch: string): boolean =>
  ch === '=' || ch === '!' || ch === '(' || ch === ')' || ch === ',' || ch === '>' || ch === '<';

interface Item {
  tok: number;
  lit: string;
}

function lex(s: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  const read = (): string => (pos < s.length ? (s[pos++] ?? '') : '');
  for (;;) {
    let ch = read();
    while (ch !== '' && isWhitespace(ch)) ch = read();
    if (ch === '') {
      items.push({ tok: T_EOS, lit: '' });
      return items;
    }
    pos--;
    if (isSpecialSymbol(ch)) {
      let buffer = '';
      let last: Item | undefined;
      for (;;) {
        const c = read();
        if (c === '') break;
        if (isSpecialSymbol(c)) {
          buffer += c;
          const t = tokenOf(buffer);
          if (t !== undefined) last = { tok: t, lit: buffer };
          else if (last !== undefined) {
            pos--;
            break;
          }
        } else {
          pos--;
          break;
        }
      }
      items.push(last ?? { tok: T_ERROR, lit: `error expected: keyword found '${buffer}'` });
    } else {
      let buffer = '';
      for (;;) {
        const c = read();
        if (c === '') break;
        if (isSpecialSymbol(c) || isWhitespace(c)) {
          pos--;
          break;
        }
        buffer += c;
      }
      items.push({ tok: tokenOf(buffer) ?? T_IDENTIFIER, lit: buffer });
    }
  }
}

class ParseError extends Error {}

const EOS_ITEM: Item = { tok: T_EOS, lit: '' };

class Parser {
  private position = 0;
  constructor(private readonly items: Item[]) {}
  /** In a values context, `in`/`notin` are plain identifiers. */
  private get(values: boolean, advance: boolean): Item {
    const it = this.items[this.position] ?? EOS_ITEM;
    if (advance) this.position++;
    if (values && (it.tok === T_IN || it.tok === T_NOT_IN)) return { tok: T_IDENTIFIER, lit: it.lit };
    return it;
  }
  private lookahead(values: boolean): Item {
    return this.get(values, false);
  }
  private consume(values: boolean): Item {
    return this.get(values, true);
  }

  parse(): CompiledRequirement[] {
    const reqs: CompiledRequirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead(true);
      if (tok === T_IDENTIFIER || tok === T_DOES_NOT_EXIST) {
        let r: CompiledRequirement;
        try {
          r = this.parseRequirement();
        } catch (e) {
          throw new ParseError(`unable to parse requirement: ${(e as Error).message}`);
        }
        reqs.push(r);
        const t = this.consume(true);
        if (t.tok === T_EOS) return reqs;
        if (t.tok === T_COMMA) {
          const t2 = this.lookahead(true);
          if (t2.tok !== T_IDENTIFIER && t2.tok !== T_DOES_NOT_EXIST)
            throw new ParseError(`found '${t2.lit}', expected: identifier after ','`);
        } else {
          throw new ParseError(`found '${t.lit}', expected: ',' or 'end of string'`);
        }
      } else if (tok === T_EOS) {
        return reqs;
      } else {
        throw new ParseError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private parseRequirement(): CompiledRequirement {
    const [key, inferred] = this.parseKeyAndInferOperator();
    if (inferred !== undefined) return this.finish(key, inferred, []);
    const op = this.parseOperator();
    const values = op === 'In' || op === 'NotIn' ? this.parseValues() : this.parseExactValue();
    return this.finish(key, op, [...values].sort());
  }

  private finish(key: string, op: SelectorOperator, values: string[]): CompiledRequirement {
    const r = newRequirement(key, op, values);
    if (r.error !== undefined) throw new ParseError(r.error);
    return r;
  }

  private parseKeyAndInferOperator(): [string, SelectorOperator | undefined] {
    let op: SelectorOperator | undefined;
    let it = this.consume(true);
    if (it.tok === T_DOES_NOT_EXIST) {
      op = 'DoesNotExist';
      it = this.consume(true);
    }
    if (it.tok !== T_IDENTIFIER) throw new ParseError(`found '${it.lit}', expected: identifier`);
    const keyErrs = isQualifiedName(it.lit);
    if (keyErrs.length > 0) throw new ParseError(fieldInvalid('<nil>', it.lit, keyErrs.join('; ')));
    const next = this.lookahead(true).tok;
    if ((next === T_EOS || next === T_COMMA) && op === undefined) op = 'Exists';
    return [it.lit, op];
  }

  private parseOperator(): SelectorOperator {
    const it = this.consume(false);
    switch (it.tok) {
      case T_IN:
        return 'In';
      case T_EQUALS:
        return '=';
      case T_DOUBLE_EQUALS:
        return '==';
      case T_GREATER_THAN:
        return 'Gt';
      case T_LESS_THAN:
        return 'Lt';
      case T_NOT_IN:
        return 'NotIn';
      case T_NOT_EQUALS:
        return '!=';
      default:
        throw new ParseError(`found '${it.lit}', expected: in, notin, =, ==, !=, gt, lt`);
    }
  }

  private parseValues(): Set<string> {
    const open = this.consume(true);
    if (open.tok !== T_OPEN_PAR) throw new ParseError(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.lookahead(true);
    if (tok === T_IDENTIFIER || tok === T_COMMA) {
      const s = this.parseIdentifiersList();
      if (this.consume(true).tok !== T_CLOSED_PAR) throw new ParseError(`found '${lit}', expected: ')'`);
      return s;
    }
    if (tok === T_CLOSED_PAR) {
      this.consume(true);
      return new Set(['']);
    }
    throw new ParseError(`found '${lit}', expected: ',', ')' or identifier`);
  }

  private parseIdentifiersList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const { tok, lit } = this.consume(true);
      if (tok === T_IDENTIFIER) {
        s.add(lit);
        const t2 = this.lookahead(true);
        if (t2.tok === T_COMMA) continue;
        if (t2.tok === T_CLOSED_PAR) return s;
        throw new ParseError(`found '${t2.lit}', expected: ',' or ')'`);
      } else if (tok === T_COMMA) {
        if (s.size === 0) s.add('');
        const t2 = this.lookahead(true).tok;
        if (t2 === T_CLOSED_PAR) {
          s.add('');
          return s;
        }
        if (t2 === T_COMMA) s.add('');
      } else {
        throw new ParseError(`found '${lit}', expected: ',', or identifier`);
      }
    }
  }

  private parseExactValue(): Set<string> {
    const t = this.lookahead(true).tok;
    if (t === T_EOS || t === T_COMMA) return new Set(['']);
    const it = this.consume(true);
    if (it.tok === T_IDENTIFIER) return new Set([it.lit]);
    throw new ParseError(`found '${it.lit}', expected: identifier`);
  }
}

/**
 * `labels.Parse` — the `kubectl -l` syntax: `a=b,c!=d,e in (x,y),f notin (z),g,!h` (also `==`,
 * `a>5`, `a<5`). Returns the compiled selector or upstream's error text.
 */
export function parseSelectorString(s: string): CompiledSelector | SelectorError {
  try {
    return selectorFromRequirements(new Parser(lex(s)).parse());
  } catch (e) {
    if (e instanceof ParseError) return { error: e.message };
    throw e;
  }
}

import { describe, expect, it } from 'vitest';
import type { LabelSelector } from '../api/types.ts';
import {
  type CompiledSelector,
  type SelectorError,
  EVERYTHING,
  NOTHING,
  compileLabelSelector,
  explainRequirement,
  isQualifiedName,
  isSelectorError,
  newRequirement,
  parseInt64,
  parseSelectorString,
  requirementMatchesValue,
  selectorFromSet,
} from './labels.ts';

function ok(x: CompiledSelector | SelectorError): CompiledSelector {
  if (isSelectorError(x)) throw new Error(`unexpected selector error: ${x.error}`);
  return x;
}

describe('compileLabelSelector: nil / empty (D1)', () => {
  const cases: Array<{
    name: string;
    sel: LabelSelector | undefined;
    labels: Record<string, string> | undefined;
    want: boolean;
  }> = [
    { name: 'nil selector matches nothing', sel: undefined, labels: { app: 'x' }, want: false },
    {
      name: 'nil selector matches nothing, not even no labels',
      sel: undefined,
      labels: undefined,
      want: false,
    },
    { name: 'empty selector matches everything', sel: {}, labels: { app: 'x' }, want: true },
    { name: 'empty selector matches no labels', sel: {}, labels: undefined, want: true },
    {
      name: 'empty matchLabels and expressions match everything',
      sel: { matchLabels: {}, matchExpressions: [] },
      labels: {},
      want: true,
    },
  ];
  it.each(cases)('$name', ({ sel, labels, want }) => {
    expect(ok(compileLabelSelector(sel)).matches(labels)).toBe(want);
  });

  it('nil is NOTHING (not empty), {} is EVERYTHING (empty)', () => {
    expect(compileLabelSelector(undefined)).toBe(NOTHING);
    expect(compileLabelSelector({})).toBe(EVERYTHING);
    expect(NOTHING.isEmpty()).toBe(false);
    expect(NOTHING.matchesNothing).toBe(true);
    expect(EVERYTHING.isEmpty()).toBe(true);
    expect(ok(compileLabelSelector({ matchLabels: { a: 'b' } })).isEmpty()).toBe(false);
  });
});

describe('compileLabelSelector: operators (D4)', () => {
  const cases: Array<{
    name: string;
    sel: LabelSelector;
    labels: Record<string, string> | undefined;
    want: boolean;
  }> = [
    {
      name: 'matchLabels equal',
      sel: { matchLabels: { app: 'agent' } },
      labels: { app: 'agent', x: 'y' },
      want: true,
    },
    {
      name: 'matchLabels different value',
      sel: { matchLabels: { app: 'agent' } },
      labels: { app: 'other' },
      want: false,
    },
    { name: 'matchLabels missing key', sel: { matchLabels: { app: 'agent' } }, labels: {}, want: false },
    {
      name: 'matchLabels empty value matches empty label',
      sel: { matchLabels: { app: '' } },
      labels: { app: '' },
      want: true,
    },
    {
      name: 'matchLabels empty value vs missing',
      sel: { matchLabels: { app: '' } },
      labels: {},
      want: false,
    },
    {
      name: 'matchLabels ANDed',
      sel: { matchLabels: { a: '1', b: '2' } },
      labels: { a: '1', b: '3' },
      want: false,
    },
    {
      name: 'In hit',
      sel: { matchExpressions: [{ key: 't', operator: 'In', values: ['a', 'b'] }] },
      labels: { t: 'b' },
      want: true,
    },
    {
      name: 'In miss',
      sel: { matchExpressions: [{ key: 't', operator: 'In', values: ['a', 'b'] }] },
      labels: { t: 'c' },
      want: false,
    },
    {
      name: 'In missing key',
      sel: { matchExpressions: [{ key: 't', operator: 'In', values: ['a'] }] },
      labels: {},
      want: false,
    },
    {
      name: 'In with many values (set path)',
      sel: {
        matchExpressions: [{ key: 't', operator: 'In', values: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] }],
      },
      labels: { t: 'g' },
      want: true,
    },
    {
      name: 'NotIn hit',
      sel: { matchExpressions: [{ key: 't', operator: 'NotIn', values: ['a'] }] },
      labels: { t: 'a' },
      want: false,
    },
    {
      name: 'NotIn other value',
      sel: { matchExpressions: [{ key: 't', operator: 'NotIn', values: ['a'] }] },
      labels: { t: 'b' },
      want: true,
    },
    {
      name: 'NotIn missing key is TRUE',
      sel: { matchExpressions: [{ key: 't', operator: 'NotIn', values: ['a'] }] },
      labels: {},
      want: true,
    },
    {
      name: 'NotIn with undefined labels',
      sel: { matchExpressions: [{ key: 't', operator: 'NotIn', values: ['a'] }] },
      labels: undefined,
      want: true,
    },
    {
      name: 'Exists present',
      sel: { matchExpressions: [{ key: 't', operator: 'Exists' }] },
      labels: { t: 'x' },
      want: true,
    },
    {
      name: 'Exists present with empty value',
      sel: { matchExpressions: [{ key: 't', operator: 'Exists' }] },
      labels: { t: '' },
      want: true,
    },
    {
      name: 'Exists absent',
      sel: { matchExpressions: [{ key: 't', operator: 'Exists' }] },
      labels: { u: 'x' },
      want: false,
    },
    {
      name: 'DoesNotExist absent',
      sel: { matchExpressions: [{ key: 't', operator: 'DoesNotExist' }] },
      labels: {},
      want: true,
    },
    {
      name: 'DoesNotExist present',
      sel: { matchExpressions: [{ key: 't', operator: 'DoesNotExist' }] },
      labels: { t: '' },
      want: false,
    },
    {
      name: 'labels and expressions ANDed',
      sel: { matchLabels: { app: 'a' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['x'] }] },
      labels: { app: 'a', tier: 'y' },
      want: false,
    },
    {
      name: 'prototype keys are not labels',
      sel: { matchExpressions: [{ key: 'constructor', operator: 'Exists' }] },
      labels: {},
      want: false,
    },
  ];
  it.each(cases)('$name', ({ sel, labels, want }) => {
    expect(ok(compileLabelSelector(sel)).matches(labels)).toBe(want);
  });
});

describe('compileLabelSelector: errors (D2)', () => {
  const cases: Array<{ name: string; sel: LabelSelector; want: string | RegExp }> = [
    {
      name: 'unknown operator',
      sel: { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] },
      want: '"Gt" is not a valid label selector operator',
    },
    {
      name: 'bogus operator',
      sel: { matchExpressions: [{ key: 'a', operator: 'Foo' }] },
      want: '"Foo" is not a valid label selector operator',
    },
    {
      name: 'In without values',
      sel: { matchExpressions: [{ key: 'a', operator: 'In' }] },
      want: "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty",
    },
    {
      name: 'In with empty values',
      sel: { matchExpressions: [{ key: 'a', operator: 'NotIn', values: [] }] },
      want: "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty",
    },
    {
      name: 'Exists with values',
      sel: { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] },
      want: 'values: Invalid value: ["x"]: values set must be empty for exists and does not exist',
    },
    {
      name: 'invalid key',
      sel: { matchLabels: { 'bad key': 'x' } },
      want: /^key: Invalid value: "bad key": name part must consist of/,
    },
    {
      name: 'invalid value',
      sel: { matchLabels: { k: 'bad value!' } },
      want: /^values\[0\]\[k\]: Invalid value: "bad value!": a valid label must be/,
    },
  ];
  it.each(cases)('$name', ({ sel, want }) => {
    const r = compileLabelSelector(sel);
    expect(isSelectorError(r)).toBe(true);
    if (isSelectorError(r)) {
      if (typeof want === 'string') expect(r.error).toBe(want);
      else expect(r.error).toMatch(want);
    }
  });
});

describe('selector toString (apimachinery form, sorted by key)', () => {
  const cases: Array<{ sel: LabelSelector; want: string }> = [
    { sel: { matchLabels: { app: 'agent' } }, want: 'app=agent' },
    {
      sel: {
        matchLabels: { app: 'agent' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['b', 'a'] },
          { key: 'foo', operator: 'DoesNotExist' },
        ],
      },
      want: 'app=agent,!foo,tier in (a,b)',
    },
    {
      sel: {
        matchExpressions: [
          { key: 'x', operator: 'NotIn', values: ['z'] },
          { key: 'e', operator: 'Exists' },
        ],
      },
      want: 'e,x notin (z)',
    },
    { sel: {}, want: '' },
  ];
  it.each(cases)('$want', ({ sel, want }) => {
    expect(ok(compileLabelSelector(sel)).toString()).toBe(want);
  });
  it('nothing prints as empty string like upstream', () => {
    expect(NOTHING.toString()).toBe('');
  });
});

describe('selectorFromSet (D5)', () => {
  const cases: Array<{
    name: string;
    set: Record<string, string> | undefined;
    labels: Record<string, string>;
    want: boolean;
  }> = [
    { name: 'undefined set = everything', set: undefined, labels: {}, want: true },
    { name: 'empty set = everything', set: {}, labels: { a: 'b' }, want: true },
    { name: 'all keys equal', set: { a: '1', b: '2' }, labels: { a: '1', b: '2', c: '3' }, want: true },
    { name: 'one key differs', set: { a: '1', b: '2' }, labels: { a: '1', b: '3' }, want: false },
    { name: 'one key missing', set: { a: '1', b: '2' }, labels: { a: '1' }, want: false },
  ];
  it.each(cases)('$name', ({ set, labels, want }) => {
    expect(selectorFromSet(set).matches(labels)).toBe(want);
  });
  it('does not validate (upstream SelectorFromSet) and prints sorted', () => {
    const s = selectorFromSet({ zone: 'z1', 'bad key': 'v' });
    expect(s.matches({ zone: 'z1', 'bad key': 'v' })).toBe(true);
    expect(s.toString()).toBe('bad key=v,zone=z1');
  });
});

describe('explain', () => {
  it('evaluates every requirement with its actual value', () => {
    const s = ok(
      compileLabelSelector({
        matchLabels: { app: 'agent' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['a'] },
          { key: 'gone', operator: 'NotIn', values: ['x'] },
        ],
      }),
    );
    expect(s.explain({ app: 'agent', tier: 'b' })).toEqual([
      { key: 'app', operator: '=', values: ['agent'], actual: 'agent', ok: true },
      { key: 'gone', operator: 'NotIn', values: ['x'], actual: undefined, ok: true },
      { key: 'tier', operator: 'In', values: ['a'], actual: 'b', ok: false },
    ]);
  });
});

describe('Gt / Lt requirements (D4)', () => {
  const cases: Array<{
    name: string;
    op: 'Gt' | 'Lt';
    value: string;
    label: string | undefined;
    want: boolean;
  }> = [
    { name: 'Gt greater', op: 'Gt', value: '5', label: '10', want: true },
    { name: 'Gt equal is false (strict)', op: 'Gt', value: '5', label: '5', want: false },
    { name: 'Gt smaller', op: 'Gt', value: '5', label: '4', want: false },
    { name: 'Gt missing key', op: 'Gt', value: '5', label: undefined, want: false },
    { name: 'Gt non-integer label', op: 'Gt', value: '5', label: 'abc', want: false },
    { name: 'Gt decimal label', op: 'Gt', value: '1', label: '1.5', want: false },
    { name: 'Gt empty label', op: 'Gt', value: '1', label: '', want: false },
    { name: 'Gt signed label', op: 'Gt', value: '5', label: '+6', want: true },
    { name: 'Gt negative label', op: 'Gt', value: '3', label: '-2', want: false },
    { name: 'Gt label with spaces', op: 'Gt', value: '1', label: ' 5', want: false },
    { name: 'Lt smaller', op: 'Lt', value: '5', label: '4', want: true },
    { name: 'Lt equal', op: 'Lt', value: '5', label: '5', want: false },
    { name: 'Lt leading zeros', op: 'Lt', value: '10', label: '0009', want: true },
    {
      name: 'Lt beyond 2^53 exact',
      op: 'Lt',
      value: '9007199254740993',
      label: '9007199254740992',
      want: true,
    },
    {
      name: 'Gt beyond 2^53 exact',
      op: 'Gt',
      value: '9007199254740992',
      label: '9007199254740993',
      want: true,
    },
    { name: 'Lt label overflowing int64', op: 'Lt', value: '5', label: '9223372036854775808', want: false },
  ];
  it.each(cases)('$name', ({ op, value, label, want }) => {
    const r = newRequirement('n', op, [value]);
    expect(r.error).toBeUndefined();
    expect(requirementMatchesValue(r, label)).toBe(want);
  });

  const bad: Array<{ name: string; values: string[]; want: string }> = [
    {
      name: 'non-integer value',
      values: ['1.5'],
      want: `values[0]: Invalid value: "1.5": for 'Gt', 'Lt' operators, the value must be an integer`,
    },
    {
      name: 'negative value (fails label-value validation, like upstream)',
      values: ['-3'],
      want: `values[0][n]: Invalid value: "-3": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    },
    {
      name: 'two values',
      values: ['1', '2'],
      want: `values: Invalid value: ["1","2"]: for 'Gt', 'Lt' operators, exactly one value is required`,
    },
  ];
  it.each(bad)('$name is an error', ({ values, want }) => {
    const r = newRequirement('n', 'Gt', values);
    expect(r.error).toBe(want);
    // A broken requirement never counts as satisfied in explanations (its term/selector is unusable).
    expect(explainRequirement(r, '100')).toMatchObject({ ok: false, error: want });
  });

  it.each([
    ['0', 0n],
    ['-9223372036854775808', -(2n ** 63n)],
    ['9223372036854775807', 2n ** 63n - 1n],
    ['9223372036854775808', undefined],
    ['1e3', undefined],
    ['0x10', undefined],
    ['', undefined],
    ['+7', 7n],
  ])('parseInt64(%j)', (s, want) => {
    expect(parseInt64(s)).toBe(want);
  });
});

describe('parseSelectorString (kubectl -l)', () => {
  const cases: Array<{
    input: string;
    str: string;
    yes: Record<string, string>[];
    no: Record<string, string>[];
  }> = [
    { input: '', str: '', yes: [{}, { a: 'b' }], no: [] },
    { input: 'a=b', str: 'a=b', yes: [{ a: 'b' }], no: [{ a: 'c' }, {}] },
    { input: 'a==b', str: 'a==b', yes: [{ a: 'b' }], no: [{}] },
    { input: 'a!=b', str: 'a!=b', yes: [{ a: 'c' }, {}], no: [{ a: 'b' }] },
    { input: 'e in (y,x)', str: 'e in (x,y)', yes: [{ e: 'x' }], no: [{ e: 'z' }, {}] },
    { input: 'f notin (z)', str: 'f notin (z)', yes: [{ f: 'y' }, {}], no: [{ f: 'z' }] },
    { input: 'g', str: 'g', yes: [{ g: '' }], no: [{}] },
    { input: '!h', str: '!h', yes: [{}], no: [{ h: 'x' }] },
    {
      input: 'a=b,c!=d,e in (x,y),f notin (z),g,!h',
      str: 'a=b,c!=d,e in (x,y),f notin (z),g,!h',
      yes: [{ a: 'b', e: 'x', g: '1' }],
      no: [
        { a: 'b', e: 'x', g: '1', h: '' },
        { a: 'b', c: 'd', e: 'x', g: '1' },
      ],
    },
    { input: '  a = b , c  ', str: 'a=b,c', yes: [{ a: 'b', c: '' }], no: [{ a: 'b' }] },
    {
      input: 'x in (foo,,baz),y,z notin ()',
      str: 'x in (,baz,foo),y,z notin ()',
      yes: [{ x: '', y: '1' }],
      no: [{ x: 'bar', y: '1' }],
    },
    { input: 'a=', str: 'a=', yes: [{ a: '' }], no: [{ a: 'x' }, {}] },
    { input: 'n>5', str: 'n>5', yes: [{ n: '6' }], no: [{ n: '5' }] },
    { input: 'n<5', str: 'n<5', yes: [{ n: '4' }], no: [{ n: '5' }] },
    { input: 'in in (in)', str: 'in in (in)', yes: [{ in: 'in' }], no: [{}] },
    {
      input: 'example.com/role=web',
      str: 'example.com/role=web',
      yes: [{ 'example.com/role': 'web' }],
      no: [],
    },
  ];
  it.each(cases)('$input', ({ input, str, yes, no }) => {
    const s = ok(parseSelectorString(input));
    expect(s.toString()).toBe(str);
    for (const l of yes) expect(s.matches(l)).toBe(true);
    for (const l of no) expect(s.matches(l)).toBe(false);
  });

  const errors: Array<{ input: string; want: string | RegExp }> = [
    { input: 'a=b,', want: "found '', expected: identifier after ','" },
    { input: ',a', want: "found ',', expected: !, identifier, or 'end of string'" },
    { input: 'a b', want: "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt" },
    { input: 'a in x', want: "unable to parse requirement: found 'x' expected: '('" },
    { input: 'a in (x', want: "unable to parse requirement: found '', expected: ',' or ')'" },
    { input: 'a=b c', want: "found 'c', expected: ',' or 'end of string'" },
    {
      input: 'n>x',
      want: `unable to parse requirement: values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer`,
    },
    {
      input: '-a=b',
      want: /^unable to parse requirement: <nil>: Invalid value: "-a": name part must consist of/,
    },
    { input: 'a=b=c', want: "found '=', expected: ',' or 'end of string'" },
  ];
  it.each(errors)('error: $input', ({ input, want }) => {
    const r = parseSelectorString(input);
    expect(isSelectorError(r)).toBe(true);
    if (isSelectorError(r)) {
      if (typeof want === 'string') expect(r.error).toBe(want);
      else expect(r.error).toMatch(want);
    }
  });
});

describe('isQualifiedName', () => {
  it.each([
    ['app', 0],
    ['kubernetes.io/hostname', 0],
    ['node-role.kubernetes.io/control-plane', 0],
    ['a_b.c-d', 0],
    ['', 2],
    ['-a', 1],
    ['a/b/c', 1],
    ['/a', 1],
    ['Example.com/a', 1],
    ['a'.repeat(64), 1],
  ])('%j has %i error(s)', (key, n) => {
    expect(isQualifiedName(key)).toHaveLength(n);
  });
});

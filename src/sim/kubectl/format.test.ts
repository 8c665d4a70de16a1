// Go's tabwriter, HumanDuration, RFC1123Z and go-yaml's emitter, as kubectl uses them.
import { describe, expect, it } from 'vitest';
import { humanDuration, rfc1123z } from './format.ts';
import { printJson, printYaml } from './output.ts';
import { DESCRIBE_WRITER, TABLE_WRITER, tabwrite } from './tabwriter.ts';

describe('tabwrite (text/tabwriter)', () => {
  it('pads every tab-terminated cell to its column width plus padding; the last cell is free', () => {
    expect(tabwrite('NAME\tAGE\nagent-xyz\t5s\n', TABLE_WRITER)).toBe('NAME        AGE\nagent-xyz   5s\n');
  });
  it('honours minwidth', () => {
    expect(tabwrite('a\tb\n', TABLE_WRITER)).toBe('a     b\n');
  });
  it('aligns a column only over consecutive lines that have it (column blocks)', () => {
    const text = 'Name:\tx\nLonger Key:\ty\nNo tabs here\nIP:\tz\n';
    expect(tabwrite(text, DESCRIBE_WRITER)).toBe('Name:        x\nLonger Key:  y\nNo tabs here\nIP:  z\n');
  });
  it('pads empty leading cells (multi-line values)', () => {
    expect(tabwrite('Labels:\ta=b\n\tc=d\n', DESCRIBE_WRITER)).toBe('Labels:  a=b\n         c=d\n');
  });
  it('nests blocks: a deeper column is measured only where the shallower one continues', () => {
    const text = 'k\tv\n  Type\tStatus\n  Ready \tTrue \nX:\t1\n';
    expect(tabwrite(text, DESCRIBE_WRITER)).toBe(
      'k         v\n  Type    Status\n  Ready   True \nX:        1\n',
    );
  });
});

describe('humanDuration (apimachinery util/duration)', () => {
  it.each([
    [-1500, '0s'],
    [-3000, '<invalid>'],
    [0, '0s'],
    [119_000, '119s'],
    [120_000, '2m'],
    [125_000, '2m5s'],
    [600_000, '10m'],
    [3 * 3600_000 - 1, '179m'],
    [3 * 3600_000, '3h'],
    [3 * 3600_000 + 60_000, '3h1m'],
    [8 * 3600_000, '8h'],
    [47 * 3600_000, '47h'],
    [50 * 3600_000, '2d2h'],
    [8 * 24 * 3600_000, '8d'],
    [(2 * 365 + 3) * 24 * 3600_000, '2y3d'],
    [9 * 365 * 24 * 3600_000, '9y'],
  ])('%d ms is %s', (ms, text) => expect(humanDuration(ms)).toBe(text));
});

describe('rfc1123z', () => {
  it('formats as Go time.RFC1123Z in UTC', () => {
    expect(rfc1123z('2026-01-01T00:00:02Z')).toBe('Thu, 01 Jan 2026 00:00:02 +0000');
  });
});

describe('printYaml (go-yaml v2 via sigs.k8s.io/yaml)', () => {
  it('sorts keys, indents maps, leaves sequences unindented, writes empty collections in flow style', () => {
    expect(
      printYaml({ kind: 'List', apiVersion: 'v1', items: [{ b: 1, a: { c: [] } }, {}], metadata: {} }),
    ).toBe('apiVersion: v1\nitems:\n- a:\n    c: []\n  b: 1\n- {}\nkind: List\nmetadata: {}\n');
  });
  it('quotes strings that would read back as another type, and only those', () => {
    expect(
      printYaml({
        a: '1',
        b: 'true',
        c: '',
        d: '2026-01-01T00:00:00Z',
        e: 'v1.34.0',
        f: 'yes',
        g: '0.5',
        h: null,
        i: 'a: b',
        j: "it's",
        k: '- x',
        l: '1:20',
      }),
    ).toBe(
      'a: "1"\nb: "true"\nc: ""\nd: "2026-01-01T00:00:00Z"\ne: v1.34.0\nf: "yes"\ng: "0.5"\nh: null\ni: \'a: b\'\nj: it\'s\nk: \'- x\'\nl: "1:20"\n',
    );
  });
  it('orders keys as go-yaml does: numbers inside keys numerically, punctuation before letters', () => {
    expect(printYaml({ item10: 1, item9: 2, 'a.b': 3, ab: 4 })).toBe('a.b: 3\nab: 4\nitem9: 2\nitem10: 1\n');
  });
  it('folds long plain strings at the first space reached past column 80', () => {
    const words = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    expect(printYaml({ message: words })).toBe(
      'message: word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 word11\n' +
        '  word12 word13 word14 word15 word16 word17 word18 word19 word20 word21 word22 word23\n' +
        '  word24 word25 word26 word27 word28 word29\n',
    );
  });
  it('writes multi-line strings as literal blocks', () => {
    expect(printYaml({ s: 'a\nb' })).toBe('s: |-\n  a\n  b\n');
  });
});

describe('printJson (encoding/json MarshalIndent)', () => {
  it('sorts keys, indents four spaces, escapes HTML characters', () => {
    expect(printJson({ b: [1, 'x<y'], a: {}, c: [] })).toBe(
      '{\n    "a": {},\n    "b": [\n        1,\n        "x\\u003cy"\n    ],\n    "c": []\n}\n',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { NAME_ALPHABET, Rng } from './rng.ts';

const draw = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.nextUint32());

describe('Rng determinism', () => {
  it('the same seed replays the same sequence', () => {
    expect(draw(new Rng(123), 50)).toEqual(draw(new Rng(123), 50));
  });

  it('different seeds give different sequences', () => {
    expect(draw(new Rng(1), 10)).not.toEqual(draw(new Rng(2), 10));
  });

  it('is pinned: scenario names and golden logs depend on this exact sequence (Mulberry32)', () => {
    expect(draw(new Rng(1), 3)).toEqual([2693262067, 11749833, 2265367787]);
  });

  const seeds: Array<{ a: number; b: number }> = [
    { a: -1, b: 0xffffffff },
    { a: 2 ** 32 + 5, b: 5 },
    { a: 7.9, b: 7 },
  ];
  it.each(seeds)('seed $a is normalised to the uint32 $b', ({ a, b }) => {
    expect(draw(new Rng(a), 5)).toEqual(draw(new Rng(b), 5));
  });

  it('getState/setState resume the same sequence (snapshots)', () => {
    const a = new Rng(99);
    draw(a, 17);
    const state = a.getState();
    const expected = draw(a, 10);
    const b = new Rng(1);
    b.setState(state);
    expect(draw(b, 10)).toEqual(expected);
  });
});

describe('Rng ranges', () => {
  it('nextUint32 stays within [0, 2^32)', () => {
    const values = draw(new Rng(5), 2000);
    expect(values.every((v) => Number.isInteger(v) && v >= 0 && v < 2 ** 32)).toBe(true);
  });

  const intCases = [1, 2, 3, 10, 27, 1000];
  it.each(intCases)('int(%i) stays within [0, n) and reaches both ends', (n) => {
    const rng = new Rng(n * 31);
    const values = Array.from({ length: Math.max(1000, n * 30) }, () => rng.int(n));
    expect(Math.min(...values)).toBe(0);
    expect(Math.max(...values)).toBeLessThan(n);
    expect(values.every(Number.isInteger)).toBe(true);
    expect(new Set(values).size).toBe(n);
  });

  const betweenCases: Array<{ lo: number; hi: number }> = [
    { lo: 10, hi: 30 },
    { lo: 0, hi: 0 },
    { lo: -3, hi: 3 },
  ];
  it.each(betweenCases)('between($lo, $hi) is inclusive on both ends', ({ lo, hi }) => {
    const rng = new Rng(11);
    const values = Array.from({ length: 3000 }, () => rng.between(lo, hi));
    expect(Math.min(...values)).toBe(lo);
    expect(Math.max(...values)).toBe(hi);
    expect(new Set(values).size).toBe(hi - lo + 1);
  });
});

describe('Rng strings and uids', () => {
  it('NAME_ALPHABET is apimachinery util/rand: no vowels, no 0/1/3', () => {
    expect(NAME_ALPHABET).toBe('bcdfghjklmnpqrstvwxz2456789');
    expect(NAME_ALPHABET).not.toMatch(/[aeiou013]/);
  });

  const lengths = [0, 1, 5, 32];
  it.each(lengths)('string(alphabet, %i) has that length and only alphabet characters', (len) => {
    const s = new Rng(len + 1).string(NAME_ALPHABET, len);
    expect(s).toHaveLength(len);
    expect(s).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]*$/);
  });

  it('uuid() is an RFC 4122 version-4 UUID with the 10xx variant', () => {
    const rng = new Rng(3);
    const re = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const bad = Array.from({ length: 500 }, () => rng.uuid()).filter((u) => !re.test(u));
    expect(bad).toEqual([]);
  });

  it('uuid() values do not repeat', () => {
    const rng = new Rng(4);
    const set = new Set(Array.from({ length: 5000 }, () => rng.uuid()));
    expect(set.size).toBe(5000);
  });
});

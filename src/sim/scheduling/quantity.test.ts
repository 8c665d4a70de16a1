import { describe, expect, it } from 'vitest';
import { formatBytes, formatCpuMilli, parseQuantity, quantityNanos, toMilli, toValue } from './quantity.ts';

describe('parseQuantity / toMilli / toValue', () => {
  const cases: Array<{ q: string | number; value: number; milli: number; int: number }> = [
    { q: '500m', value: 0.5, milli: 500, int: 1 },
    { q: '0.5', value: 0.5, milli: 500, int: 1 },
    { q: '.5', value: 0.5, milli: 500, int: 1 },
    { q: '1', value: 1, milli: 1000, int: 1 },
    { q: '0', value: 0, milli: 0, int: 0 },
    { q: '000', value: 0, milli: 0, int: 0 },
    { q: '2', value: 2, milli: 2000, int: 2 },
    { q: '100m', value: 0.1, milli: 100, int: 1 },
    { q: '0.1', value: 0.1, milli: 100, int: 1 },
    { q: '250m', value: 0.25, milli: 250, int: 1 },
    { q: '1.5', value: 1.5, milli: 1500, int: 2 },
    { q: '8Gi', value: 8 * 2 ** 30, milli: 8 * 2 ** 30 * 1000, int: 8589934592 },
    { q: '1.5Gi', value: 1610612736, milli: 1610612736000, int: 1610612736 },
    { q: '128Mi', value: 134217728, milli: 134217728000, int: 134217728 },
    { q: '100Ki', value: 102400, milli: 102400000, int: 102400 },
    { q: '1e3', value: 1000, milli: 1000000, int: 1000 },
    { q: '1E3', value: 1000, milli: 1000000, int: 1000 },
    { q: '1e-3', value: 0.001, milli: 1, int: 1 },
    { q: '129M', value: 129000000, milli: 129000000000, int: 129000000 },
    { q: '1k', value: 1000, milli: 1000000, int: 1000 },
    { q: '1G', value: 1e9, milli: 1e12, int: 1e9 },
    { q: '50Gi', value: 50 * 2 ** 30, milli: 50 * 2 ** 30 * 1000, int: 53687091200 },
    { q: '110', value: 110, milli: 110000, int: 110 },
    { q: '1u', value: 0.000001, milli: 1, int: 1 },
    { q: '1n', value: 1e-9, milli: 1, int: 1 },
    { q: '0.0001', value: 0.0001, milli: 1, int: 1 },
    { q: '0.0000000001', value: 1e-9, milli: 1, int: 1 }, // rounded up to 1n at parse time
    { q: '1.', value: 1, milli: 1000, int: 1 },
    { q: '+3', value: 3, milli: 3000, int: 3 },
    { q: '-1', value: -1, milli: -1000, int: -1 },
    { q: '-500m', value: -0.5, milli: -500, int: -1 },
    { q: 2, value: 2, milli: 2000, int: 2 },
    { q: 0.25, value: 0.25, milli: 250, int: 1 },
    { q: 1e21, value: 1e21, milli: 1e24, int: 1e21 },
  ];
  it.each(cases)('$q', ({ q, value, milli, int }) => {
    expect(parseQuantity(q)).toBeCloseTo(value, 12);
    expect(toMilli(q)).toBe(milli);
    expect(toValue(q)).toBe(int);
  });

  it('is exact where floats are not: 0.1 + 0.2 cores', () => {
    expect(toMilli('0.3')).toBe(300);
    expect((quantityNanos('0.1') ?? 0n) + (quantityNanos('0.2') ?? 0n)).toBe(300_000_000n);
  });

  it.each(['', 'abc', '1K', '1Kb', '1.2.3', '1Gb', '1 Gi', '1e', '1e3.5', '1i', '--1', NaN, Infinity])(
    'rejects %j',
    (q) => {
      expect(parseQuantity(q)).toBeUndefined();
      expect(toMilli(q)).toBeUndefined();
    },
  );
});

describe('formatCpuMilli', () => {
  it.each([
    [0, '0'],
    [100, '100m'],
    [500, '500m'],
    [1000, '1'],
    [1500, '1500m'],
    [4000, '4'],
  ])('%d → %s', (n, want) => {
    expect(formatCpuMilli(n)).toBe(want);
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0'],
    [8 * 2 ** 30, '8Gi'],
    [1610612736, '1536Mi'],
    [134217728, '128Mi'],
    [1024, '1Ki'],
    [129000000, '129M'],
    [1000, '1k'],
    [1023, '1023'],
    [50 * 2 ** 30, '50Gi'],
    [2 ** 40, '1Ti'],
  ])('%d → %s', (n, want) => {
    expect(formatBytes(n)).toBe(want);
  });
});

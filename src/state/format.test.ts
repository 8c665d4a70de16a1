import { describe, expect, it } from 'vitest';
import { formatLabels, humanDuration, taintString, virtualTime } from './format.ts';

describe('humanDuration (kubectl AGE)', () => {
  it.each([
    [-5000, '<invalid>'],
    [-500, '0s'],
    [0, '0s'],
    [119_000, '119s'],
    [120_000, '2m'],
    [125_000, '2m5s'],
    [600_000, '10m'],
    [179 * 60_000, '179m'],
    [3 * 3600_000, '3h'],
    [3 * 3600_000 + 5 * 60_000, '3h5m'],
    [8 * 3600_000, '8h'],
    [47 * 3600_000, '47h'],
    [48 * 3600_000, '2d'],
    [50 * 3600_000, '2d2h'],
    [10 * 24 * 3600_000, '10d'],
    [(2 * 365 + 3) * 24 * 3600_000, '2y3d'],
    [9 * 365 * 24 * 3600_000, '9y'],
  ])('%d ms → %s', (ms, s) => expect(humanDuration(ms)).toBe(s));
});

describe('formatting', () => {
  it('prints labels like kubectl', () => {
    expect(formatLabels(undefined)).toBe('<none>');
    expect(formatLabels({ b: '2', a: '1' })).toBe('a=1,b=2');
  });
  it('prints virtual time', () => {
    expect(virtualTime(12_400)).toBe('t+12s');
    expect(virtualTime(185_000)).toBe('t+3m05s');
    expect(virtualTime(3_723_000)).toBe('t+1h02m03s');
  });
  it('prints taints', () => {
    expect(taintString({ key: 'k', value: 'v', effect: 'NoSchedule' })).toBe('k=v:NoSchedule');
    expect(taintString({ key: 'k', effect: 'NoExecute' })).toBe('k:NoExecute');
  });
});

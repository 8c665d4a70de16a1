import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from '../api/types.ts';
import {
  DAEMON_TOLERATION_KEYS,
  addOrUpdateDaemonPodTolerations,
  addOrUpdateToleration,
  explainTaints,
  findMatchingUntoleratedTaint,
  isNoExecute,
  isNoScheduleOrNoExecute,
  taintToString,
  tolerationMismatch,
  toleratesTaint,
  tolerationsTolerateTaint,
  tolerationToString,
} from './taints.ts';

const taint = (key: string, effect: string, value?: string): Taint =>
  value === undefined ? { key, effect } : { key, value, effect };

describe('toleratesTaint (E7)', () => {
  const gpu = taint('dedicated', 'NoSchedule', 'gpu');
  const cases: Array<{ name: string; tol: Toleration; t: Taint; want: boolean; mismatch?: string }> = [
    { name: 'empty key + Exists tolerates every taint', tol: { operator: 'Exists' }, t: gpu, want: true },
    {
      name: 'empty key + Exists tolerates NoExecute',
      tol: { operator: 'Exists' },
      t: taint('x', 'NoExecute'),
      want: true,
    },
    {
      name: 'empty key + Exists with effect filters effect',
      tol: { operator: 'Exists', effect: 'NoExecute' },
      t: gpu,
      want: false,
      mismatch: 'effect',
    },
    {
      name: 'key Exists, no effect: any effect (NoSchedule)',
      tol: { key: 'dedicated', operator: 'Exists' },
      t: gpu,
      want: true,
    },
    {
      name: 'key Exists, no effect: any effect (NoExecute)',
      tol: { key: 'dedicated', operator: 'Exists' },
      t: taint('dedicated', 'NoExecute', 'x'),
      want: true,
    },
    {
      name: 'key Exists, no effect: PreferNoSchedule',
      tol: { key: 'dedicated', operator: 'Exists' },
      t: taint('dedicated', 'PreferNoSchedule'),
      want: true,
    },
    {
      name: 'key Exists, other key',
      tol: { key: 'other', operator: 'Exists' },
      t: gpu,
      want: false,
      mismatch: 'key',
    },
    {
      name: 'Equal, same value and effect',
      tol: { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
      t: gpu,
      want: true,
    },
    {
      name: 'Equal, other value',
      tol: { key: 'dedicated', operator: 'Equal', value: 'cpu', effect: 'NoSchedule' },
      t: gpu,
      want: false,
      mismatch: 'value',
    },
    {
      name: 'Equal, other effect',
      tol: { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoExecute' },
      t: gpu,
      want: false,
      mismatch: 'effect',
    },
    { name: 'empty operator means Equal', tol: { key: 'dedicated', value: 'gpu' }, t: gpu, want: true },
    {
      name: 'empty operator, value mismatch',
      tol: { key: 'dedicated', value: 'x' },
      t: gpu,
      want: false,
      mismatch: 'value',
    },
    {
      name: 'Equal with empty value vs valueless taint',
      tol: { key: 'k', operator: 'Equal' },
      t: taint('k', 'NoSchedule'),
      want: true,
    },
    {
      name: 'Equal with empty value vs valued taint',
      tol: { key: 'k', operator: 'Equal' },
      t: taint('k', 'NoSchedule', 'v'),
      want: false,
      mismatch: 'value',
    },
    {
      name: 'empty effect matches NoSchedule',
      tol: { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: '' },
      t: gpu,
      want: true,
    },
    {
      name: 'empty effect matches NoExecute',
      tol: { key: 'k', operator: 'Exists', effect: '' },
      t: taint('k', 'NoExecute'),
      want: true,
    },
    {
      name: 'effect PreferNoSchedule only',
      tol: { key: 'k', operator: 'Exists', effect: 'PreferNoSchedule' },
      t: taint('k', 'PreferNoSchedule'),
      want: true,
    },
    {
      name: 'tolerationSeconds is irrelevant to matching',
      tol: { key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 0 },
      t: taint('k', 'NoExecute'),
      want: true,
    },
    {
      name: 'Lt never tolerates (alpha gate off)',
      tol: { key: 'n', operator: 'Lt', value: '10' },
      t: taint('n', 'NoSchedule', '5'),
      want: false,
      mismatch: 'operator',
    },
    {
      name: 'Gt never tolerates (alpha gate off)',
      tol: { key: 'n', operator: 'Gt', value: '1' },
      t: taint('n', 'NoSchedule', '5'),
      want: false,
      mismatch: 'operator',
    },
    {
      name: 'unknown operator never tolerates',
      tol: { key: 'n', operator: 'exists' },
      t: taint('n', 'NoSchedule'),
      want: false,
      mismatch: 'operator',
    },
    {
      name: 'empty key with Equal and empty value tolerates valueless taints',
      tol: { operator: 'Equal' },
      t: taint('any', 'NoSchedule'),
      want: true,
    },
  ];
  it.each(cases)('$name', ({ tol, t, want, mismatch }) => {
    expect(toleratesTaint(tol, t)).toBe(want);
    expect(tolerationMismatch(tol, t)).toBe(mismatch);
  });
});

describe('tolerationsTolerateTaint / findMatchingUntoleratedTaint (E5, E6)', () => {
  const taints: Taint[] = [
    taint('soft', 'PreferNoSchedule'),
    taint('dedicated', 'NoSchedule', 'gpu'),
    taint('evict', 'NoExecute'),
  ];
  const cases: Array<{
    name: string;
    tols: Toleration[] | undefined;
    filter: ((t: Taint) => boolean) | undefined;
    want: string | undefined;
  }> = [
    {
      name: 'no tolerations, NoSchedule/NoExecute filter: first NoSchedule',
      tols: undefined,
      filter: isNoScheduleOrNoExecute,
      want: 'dedicated',
    },
    {
      name: 'no tolerations, no filter: PreferNoSchedule is first',
      tols: [],
      filter: undefined,
      want: 'soft',
    },
    { name: 'NoExecute-only filter', tols: [], filter: isNoExecute, want: 'evict' },
    {
      name: 'NoSchedule tolerated, NoExecute not',
      tols: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }],
      filter: isNoScheduleOrNoExecute,
      want: 'evict',
    },
    {
      name: 'all considered tolerated (PreferNoSchedule ignored)',
      tols: [
        { key: 'dedicated', operator: 'Exists' },
        { key: 'evict', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
      ],
      filter: isNoScheduleOrNoExecute,
      want: undefined,
    },
    {
      name: 'wildcard tolerates everything',
      tols: [{ operator: 'Exists' }],
      filter: undefined,
      want: undefined,
    },
  ];
  it.each(cases)('$name', ({ tols, filter, want }) => {
    expect(findMatchingUntoleratedTaint(taints, tols, filter)?.key).toBe(want);
  });

  it.each([
    [undefined, false],
    [[], false],
    [[{ key: 'x', operator: 'Exists' }], false],
    [
      [
        { key: 'x', operator: 'Exists' },
        { key: 'dedicated', value: 'gpu' },
      ],
      true,
    ],
  ] as Array<[Toleration[] | undefined, boolean]>)('tolerationsTolerateTaint(%j)', (tols, want) => {
    expect(tolerationsTolerateTaint(tols, taint('dedicated', 'NoSchedule', 'gpu'))).toBe(want);
  });

  it('no taints: nothing untolerated', () => {
    expect(findMatchingUntoleratedTaint(undefined, [], isNoScheduleOrNoExecute)).toBeUndefined();
  });
});

describe('explainTaints', () => {
  it('every taint against every toleration', () => {
    const tols: Toleration[] = [
      { key: 'dedicated', operator: 'Equal', value: 'cpu' },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { operator: 'Exists', effect: 'NoExecute' },
    ];
    const out = explainTaints(
      [
        taint('dedicated', 'NoSchedule', 'gpu'),
        taint('node.kubernetes.io/not-ready', 'NoExecute'),
        taint('soft', 'PreferNoSchedule'),
      ],
      tols,
    );
    expect(out).toEqual([
      {
        taint: taint('dedicated', 'NoSchedule', 'gpu'),
        effectConsidered: true,
        toleratedBy: [],
        tolerated: false,
        perToleration: [
          { index: 0, tolerates: false, mismatch: 'value' },
          { index: 1, tolerates: false, mismatch: 'effect' },
          { index: 2, tolerates: false, mismatch: 'effect' },
        ],
      },
      {
        taint: taint('node.kubernetes.io/not-ready', 'NoExecute'),
        effectConsidered: true,
        toleratedBy: [1, 2],
        tolerated: true,
        perToleration: [
          { index: 0, tolerates: false, mismatch: 'key' },
          { index: 1, tolerates: true },
          { index: 2, tolerates: true },
        ],
      },
      {
        taint: taint('soft', 'PreferNoSchedule'),
        effectConsidered: false,
        toleratedBy: [],
        tolerated: false,
        perToleration: [
          { index: 0, tolerates: false, mismatch: 'key' },
          { index: 1, tolerates: false, mismatch: 'effect' },
          { index: 2, tolerates: false, mismatch: 'effect' },
        ],
      },
    ]);
  });
});

describe('taintToString / tolerationToString', () => {
  it.each([
    [taint('dedicated', 'NoSchedule', 'gpu'), 'dedicated=gpu:NoSchedule'],
    [taint('node.kubernetes.io/unreachable', 'NoExecute'), 'node.kubernetes.io/unreachable:NoExecute'],
    [taint('k', 'PreferNoSchedule', ''), 'k:PreferNoSchedule'],
  ])('%j → %s', (t, want) => {
    expect(taintToString(t)).toBe(want);
  });
  it.each([
    [{ operator: 'Exists' }, '*:*'],
    [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }, 'k:NoExecute for 300s'],
    [{ key: 'k', value: 'v', effect: 'NoSchedule' }, 'k=v:NoSchedule'],
    [{ key: 'n', operator: 'Lt', value: '5' }, 'n Lt 5:*'],
  ] as Array<[Toleration, string]>)('%j → %s', (t, want) => {
    expect(tolerationToString(t)).toBe(want);
  });
});

const AUTO: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];
const NET: Toleration = {
  key: 'node.kubernetes.io/network-unavailable',
  operator: 'Exists',
  effect: 'NoSchedule',
};

describe('addOrUpdateDaemonPodTolerations (F1, F2)', () => {
  const user: Toleration = { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' };
  const cases: Array<{
    name: string;
    input: Toleration[] | undefined;
    hostNetwork: boolean;
    want: Toleration[];
  }> = [
    { name: 'no tolerations: the six, in order', input: undefined, hostNetwork: false, want: AUTO },
    { name: 'hostNetwork adds network-unavailable last', input: [], hostNetwork: true, want: [...AUTO, NET] },
    { name: 'user tolerations come first', input: [user], hostNetwork: false, want: [user, ...AUTO] },
    {
      name: 'exactly equal user toleration is left as is (no duplicate)',
      input: [user, { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }],
      hostNetwork: false,
      want: [user, AUTO[1]!, AUTO[0]!, ...AUTO.slice(2)],
    },
    {
      name: 'same key/operator/value/effect with tolerationSeconds is replaced in place (seconds dropped)',
      input: [
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
        user,
      ],
      hostNetwork: false,
      want: [AUTO[0]!, user, ...AUTO.slice(1)],
    },
    {
      name: 'user toleration without effect is kept and the auto one appended',
      input: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists' }],
      hostNetwork: false,
      want: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists' }, ...AUTO],
    },
    {
      name: 'different operator (Equal) is not a match',
      input: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Equal', effect: 'NoSchedule' }],
      hostNetwork: false,
      want: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Equal', effect: 'NoSchedule' }, ...AUTO],
    },
    {
      name: 'empty value equals absent value (Go zero value)',
      input: [
        { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', value: '', effect: 'NoSchedule' },
      ],
      hostNetwork: false,
      want: [
        { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', value: '', effect: 'NoSchedule' },
        ...AUTO.filter((_, i) => i !== 4),
      ],
    },
    {
      name: 'every matching duplicate is replaced',
      input: [
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 1,
        },
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 2,
        },
      ],
      hostNetwork: false,
      want: [AUTO[1]!, AUTO[1]!, AUTO[0]!, ...AUTO.slice(2)],
    },
    {
      name: 'network-unavailable with seconds and hostNetwork: replaced in place',
      input: [{ ...NET, tolerationSeconds: 5 }],
      hostNetwork: true,
      want: [NET, ...AUTO],
    },
    {
      name: 'wildcard user toleration does not suppress the auto ones',
      input: [{ operator: 'Exists' }],
      hostNetwork: false,
      want: [{ operator: 'Exists' }, ...AUTO],
    },
  ];
  it.each(cases)('$name', ({ input, hostNetwork, want }) => {
    const before = JSON.stringify(input);
    const out = addOrUpdateDaemonPodTolerations(input, hostNetwork);
    // Serialized comparison also checks key order (key, operator, effect) of created tolerations.
    expect(JSON.stringify(out)).toBe(JSON.stringify(want));
    expect(JSON.stringify(input)).toBe(before);
    if (input) for (const t of input) expect(out).not.toContain(t);
  });

  it('DAEMON_TOLERATION_KEYS lists the F1 keys in order', () => {
    expect(DAEMON_TOLERATION_KEYS).toEqual([...AUTO.map((t) => t.key), NET.key]);
  });

  it('addOrUpdateToleration returns the same list when an equal toleration exists', () => {
    const list: Toleration[] = [{ ...AUTO[0]! }];
    expect(addOrUpdateToleration(list, AUTO[0]!)).toBe(list);
    expect(addOrUpdateToleration(list, AUTO[1]!)).not.toBe(list);
  });
});

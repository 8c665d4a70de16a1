import { describe, expect, it } from 'vitest';
import type { Container, Node, Pod, PodSpec } from '../api/types.ts';
import {
  type NodeAllocatable,
  type ResourceList,
  addRequests,
  addRequestsInPlace,
  emptyRequests,
  explainFitsRequest,
  fitsRequest,
  isScalarResourceName,
  nodeAllocatable,
  podRequests,
  subtractRequests,
  subtractRequestsInPlace,
} from './resources.ts';

const c = (
  name: string,
  requests?: Record<string, string>,
  limits?: Record<string, string>,
  restartPolicy?: string,
): Container => ({
  name,
  ...(requests || limits
    ? { resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) } }
    : {}),
  ...(restartPolicy ? { restartPolicy } : {}),
});
const pod = (spec: Partial<PodSpec>): Pod => ({ metadata: { name: 'p' }, spec: { containers: [], ...spec } });
const rl = (
  milliCpu: number,
  memory: number,
  ephemeralStorage = 0,
  scalar: Record<string, number> = {},
): ResourceList => ({
  milliCpu,
  memory,
  ephemeralStorage,
  scalar,
});
const Mi = 2 ** 20;
const Gi = 2 ** 30;

describe('podRequests (N6)', () => {
  const cases: Array<{ name: string; p: Pod; want: ResourceList }> = [
    { name: 'no containers', p: pod({}), want: rl(0, 0) },
    { name: 'no spec', p: { metadata: { name: 'x' } }, want: rl(0, 0) },
    { name: 'container without resources', p: pod({ containers: [c('a')] }), want: rl(0, 0) },
    {
      name: 'regular containers are summed',
      p: pod({
        containers: [
          c('a', { cpu: '100m', memory: '64Mi' }),
          c('b', { cpu: '0.25', memory: '1Gi', 'ephemeral-storage': '1Gi' }),
        ],
      }),
      want: rl(350, 64 * Mi + Gi, Gi),
    },
    {
      name: 'init container max (upstream doc example: cpu 3, memory 3G)',
      p: pod({
        initContainers: [c('i1', { cpu: '2', memory: '1G' }), c('i2', { cpu: '2', memory: '3G' })],
        containers: [c('c1', { cpu: '2', memory: '1G' }), c('c2', { cpu: '1', memory: '1G' })],
      }),
      want: rl(3000, 3e9),
    },
    {
      name: 'overhead is added after the max',
      p: pod({
        containers: [c('a', { cpu: '100m' })],
        initContainers: [c('i', { cpu: '1' })],
        overhead: { cpu: '250m', memory: '120Mi' },
      }),
      want: rl(1250, 120 * Mi),
    },
    {
      name: 'limits default missing requests',
      p: pod({ containers: [c('a', { cpu: '100m' }, { cpu: '1', memory: '1Gi' })] }),
      want: rl(100, Gi),
    },
    { name: 'limits only', p: pod({ containers: [c('a', undefined, { cpu: '500m' })] }), want: rl(500, 0) },
    {
      name: 'extended, hugepages and attachable scalars; unknown names ignored',
      p: pod({
        containers: [
          c('a', {
            'nvidia.com/gpu': '1',
            'hugepages-2Mi': '4Mi',
            'attachable-volumes-aws-ebs': '1',
            foo: '3',
            'kubernetes.io/bar': '2',
          }),
          c('b', { 'nvidia.com/gpu': '2' }),
        ],
      }),
      want: rl(0, 0, 0, {
        'nvidia.com/gpu': 3,
        'hugepages-2Mi': 4 * Mi,
        'attachable-volumes-aws-ebs': 1,
        'kubernetes.io/bar': 2,
      }),
    },
    {
      name: 'sums exactly before rounding (2 × 0.0004 cpu = 1m)',
      p: pod({ containers: [c('a', { cpu: '0.0004' }), c('b', { cpu: '0.0004' })] }),
      want: rl(1, 0),
    },
    {
      name: 'sidecar (restartPolicy Always) adds to the sum and to later init containers',
      p: pod({
        initContainers: [c('side', { cpu: '200m' }, undefined, 'Always'), c('init', { cpu: '1' })],
        containers: [c('a', { cpu: '300m' })],
      }),
      want: rl(1200, 0),
    },
  ];
  it.each(cases)('$name', ({ p, want }) => {
    expect(podRequests(p)).toEqual(want);
  });
});

describe('nodeAllocatable', () => {
  const cases: Array<{ name: string; n: Node; want: NodeAllocatable }> = [
    {
      name: 'allocatable',
      n: {
        metadata: { name: 'n' },
        status: {
          capacity: { cpu: '8', memory: '16Gi', pods: '200' },
          allocatable: {
            cpu: '4',
            memory: '8Gi',
            pods: '110',
            'ephemeral-storage': '50Gi',
            'example.com/dongle': '2',
          },
        },
      },
      want: {
        milliCpu: 4000,
        memory: 8 * Gi,
        ephemeralStorage: 50 * Gi,
        scalar: { 'example.com/dongle': 2 },
        pods: 110,
      },
    },
    {
      name: 'capacity when allocatable is absent',
      n: { metadata: { name: 'n' }, status: { capacity: { cpu: '3500m', memory: '2Gi', pods: '10' } } },
      want: { milliCpu: 3500, memory: 2 * Gi, ephemeralStorage: 0, scalar: {}, pods: 10 },
    },
    {
      name: 'no status',
      n: { metadata: { name: 'n' } },
      want: { milliCpu: 0, memory: 0, ephemeralStorage: 0, scalar: {}, pods: 0 },
    },
  ];
  it.each(cases)('$name', ({ n, want }) => {
    expect(nodeAllocatable(n)).toEqual(want);
  });
});

describe('fitsRequest (N6)', () => {
  const alloc: NodeAllocatable = {
    milliCpu: 4000,
    memory: 8 * Gi,
    ephemeralStorage: 50 * Gi,
    scalar: { 'nvidia.com/gpu': 1 },
    pods: 110,
  };
  const cases: Array<{ name: string; req: ResourceList; used: ResourceList; count: number; want: string[] }> =
    [
      { name: 'fits', req: rl(100, 64 * Mi), used: rl(1000, Gi), count: 5, want: [] },
      { name: 'exactly full fits', req: rl(1000, Gi), used: rl(3000, 7 * Gi), count: 109, want: [] },
      { name: 'too many pods', req: rl(100, 0), used: rl(0, 0), count: 110, want: ['Too many pods'] },
      {
        name: 'too many pods even with zero requests',
        req: rl(0, 0),
        used: rl(0, 0),
        count: 110,
        want: ['Too many pods'],
      },
      { name: 'insufficient cpu', req: rl(1001, 0), used: rl(3000, 0), count: 0, want: ['Insufficient cpu'] },
      {
        name: 'insufficient memory',
        req: rl(0, Gi + 1),
        used: rl(0, 7 * Gi),
        count: 0,
        want: ['Insufficient memory'],
      },
      {
        name: 'insufficient ephemeral-storage',
        req: rl(0, 0, 51 * Gi),
        used: rl(0, 0),
        count: 0,
        want: ['Insufficient ephemeral-storage'],
      },
      {
        name: 'insufficient extended resource',
        req: rl(0, 0, 0, { 'nvidia.com/gpu': 1 }),
        used: rl(0, 0, 0, { 'nvidia.com/gpu': 1 }),
        count: 0,
        want: ['Insufficient nvidia.com/gpu'],
      },
      {
        name: 'extended resource the node does not have',
        req: rl(0, 0, 0, { 'example.com/foo': 1 }),
        used: rl(0, 0),
        count: 0,
        want: ['Insufficient example.com/foo'],
      },
      {
        name: 'several reasons in upstream order',
        req: rl(5000, 9 * Gi, 60 * Gi, { 'nvidia.com/gpu': 2, 'example.com/a': 1 }),
        used: rl(0, 0),
        count: 110,
        want: [
          'Too many pods',
          'Insufficient cpu',
          'Insufficient memory',
          'Insufficient ephemeral-storage',
          'Insufficient example.com/a',
          'Insufficient nvidia.com/gpu',
        ],
      },
      {
        name: 'zero cpu request not checked on an overcommitted node',
        req: rl(0, Mi),
        used: rl(9000, 0),
        count: 0,
        want: [],
      },
      {
        name: 'zero requests: only pods checked',
        req: rl(0, 0),
        used: rl(9000, 9 * Gi, 90 * Gi),
        count: 0,
        want: [],
      },
      {
        name: 'zero scalar request not checked',
        req: rl(0, 0, 0, { 'nvidia.com/gpu': 0 }),
        used: rl(0, 0, 0, { 'nvidia.com/gpu': 5 }),
        count: 0,
        want: [],
      },
    ];
  it.each(cases)('$name', ({ req, used, count, want }) => {
    expect([...fitsRequest(req, alloc, used, count)]).toEqual(want);
    // explain agrees
    expect(
      explainFitsRequest(req, alloc, used, count)
        .filter((x) => !x.ok)
        .map((x) => x.reason),
    ).toEqual(want);
  });

  it('explain reports requested/used/capacity per checked resource', () => {
    expect(explainFitsRequest(rl(500, 0), alloc, rl(3800, 0), 3)).toEqual([
      { resource: 'pods', reason: 'Too many pods', requested: 1, used: 3, capacity: 110, ok: true },
      { resource: 'cpu', reason: 'Insufficient cpu', requested: 500, used: 3800, capacity: 4000, ok: false },
    ]);
  });
});

describe('request arithmetic', () => {
  it('add / subtract are pure and handle scalars', () => {
    const a = rl(100, 10, 1, { x: 1 });
    const b = rl(50, 5, 0, { y: 2 });
    expect(addRequests(a, b)).toEqual(rl(150, 15, 1, { x: 1, y: 2 }));
    expect(subtractRequests(a, b)).toEqual(rl(50, 5, 1, { x: 1, y: -2 }));
    expect(a).toEqual(rl(100, 10, 1, { x: 1 }));
    expect(b).toEqual(rl(50, 5, 0, { y: 2 }));
  });
  it('in-place accumulators mutate only the accumulator', () => {
    const acc = emptyRequests();
    const p = rl(100, 10, 0, { g: 1 });
    addRequestsInPlace(acc, p);
    addRequestsInPlace(acc, p);
    subtractRequestsInPlace(acc, p);
    expect(acc).toEqual(rl(100, 10, 0, { g: 1 }));
    expect(p).toEqual(rl(100, 10, 0, { g: 1 }));
  });
});

describe('isScalarResourceName', () => {
  it.each([
    ['nvidia.com/gpu', true],
    ['example.com/dongle', true],
    ['hugepages-1Gi', true],
    ['attachable-volumes-csi-x', true],
    ['kubernetes.io/whatever', true],
    ['cpu', false],
    ['foo', false],
    ['requests.example.com/x', false],
    ['bad name/x', false],
  ])('%s → %s', (name, want) => {
    expect(isScalarResourceName(name)).toBe(want);
  });
});

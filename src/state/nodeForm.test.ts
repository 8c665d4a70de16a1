import { describe, expect, it } from 'vitest';
import { buildNodes, parseLabels, parseTaint, parseTaints } from './nodeForm.ts';

const base = { count: '1', pattern: 'node-{n}', labels: '', taints: '', cpu: '', memory: '', pods: '' };

describe('node forms', () => {
  it.each([
    ['disk=ssd, zone=a', { disk: 'ssd', zone: 'a' }],
    ['gpu', { gpu: '' }],
    ['', {}],
    ['a=b=c', { a: 'b=c' }],
  ])('labels %j', (text, value) => expect(parseLabels(text)).toEqual({ ok: true, value }));

  it('names the bad label item', () => {
    expect(parseLabels('a=1, =x')).toEqual({
      ok: false,
      error: 'labels: item 2 "=x": the key is empty (expected key=value)',
    });
  });

  it.each([
    ['k=v:NoSchedule', { key: 'k', value: 'v', effect: 'NoSchedule' }],
    ['k:NoExecute', { key: 'k', effect: 'NoExecute' }],
    ['example.com/k=v:PreferNoSchedule', { key: 'example.com/k', value: 'v', effect: 'PreferNoSchedule' }],
  ])('taint %s', (text, value) => expect(parseTaint(text)).toEqual({ ok: true, value }));

  it('refuses bad taints as kubectl does', () => {
    expect(parseTaint('k=v')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^invalid taint spec: k=v/),
    });
    expect(parseTaint('k=v:Sometimes')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^invalid taint effect: Sometimes/),
    });
    expect(parseTaints('a:NoSchedule, b')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^taints: item 2: /),
    });
  });

  it('numbers new nodes past the existing ones', () => {
    const r = buildNodes({ ...base, count: '3' }, new Set(['node-1', 'node-3']));
    expect(r.ok && r.value.map((n) => n.metadata?.name)).toEqual(['node-2', 'node-4', 'node-5']);
  });

  it('builds labels, taints and capacity', () => {
    const r = buildNodes(
      { ...base, pattern: 'gpu', labels: 'gpu=true', taints: 'gpu=true:NoSchedule', cpu: '2' },
      new Set(),
    );
    expect(r).toEqual({
      ok: true,
      value: [
        {
          apiVersion: 'v1',
          kind: 'Node',
          metadata: { name: 'gpu', labels: { gpu: 'true' } },
          spec: { taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }] },
          status: { capacity: { cpu: '2' } },
        },
      ],
    });
  });

  it('refuses a bad count and a taken name', () => {
    expect(buildNodes({ ...base, count: '0' }, new Set())).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^count: "0"/),
    });
    expect(buildNodes({ ...base, count: 'x' }, new Set())).toMatchObject({ ok: false });
    expect(buildNodes({ ...base, pattern: 'a' }, new Set(['a']))).toEqual({
      ok: false,
      error: 'name: a node named "a" already exists',
    });
    expect(buildNodes({ ...base, count: '2', pattern: 'w' }, new Set()).ok).toBe(true);
  });
});

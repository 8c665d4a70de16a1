import { describe, expect, it } from 'vitest';
import { keyOf } from './objects.ts';

describe('keyOf', () => {
  it('is ns/name for namespaced kinds (default namespace when none) and the name otherwise', () => {
    expect(keyOf('Pod', 'kube-system', 'agent-x')).toBe('kube-system/agent-x');
    expect(keyOf('DaemonSet', undefined, 'agent')).toBe('default/agent');
    expect(keyOf('Event', 'default', 'agent.1')).toBe('default/agent.1');
    expect(keyOf('Node', 'ignored', 'node-a')).toBe('node-a');
    expect(keyOf('PriorityClass', undefined, 'high')).toBe('high');
  });

  it('hands out one string per object, and stays right after its memo is dropped', () => {
    const first = keyOf('Pod', 'ns', 'p-0');
    expect(keyOf('Pod', 'ns', 'p-0')).toBe(first);
    // More keys than the memo keeps (2^17: it starts over when full).
    for (let i = 0; i < 132_000; i++)
      expect(keyOf('Pod', `ns-${i % 3}`, `p-${i}`)).toBe(`ns-${i % 3}/p-${i}`);
    expect(keyOf('Pod', 'ns', 'p-0')).toBe('ns/p-0');
    expect(keyOf('DaemonSet', 'ns', 'p-0')).toBe('ns/p-0');
  });

  it('stays right for runs of lookups in one namespace, across the memo being dropped', () => {
    // Runs of 1,000 in one namespace (the last namespace's map is kept at hand), then the next.
    for (let i = 0; i < 140_000; i++) {
      const ns = `run-${Math.floor(i / 1000) % 4}`;
      expect(keyOf('Pod', ns, `q-${i % 50_000}`)).toBe(`${ns}/q-${i % 50_000}`);
    }
  });
});

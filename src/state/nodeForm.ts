// Parses what users type into the node forms ("disk=ssd, zone=a", "gpu=true:NoSchedule") and
// builds the Node objects to apply. Errors name the field and the item, so the user can fix it.

import type { AnyObject } from '../sim/api/types.ts';
import type { TaintSpec } from '../worker/protocol.ts';
import { nodeObject } from './defaults.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function items(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** `k=v, k2=v2` (a bare `k` means an empty value, as `kubectl label node n k=` would set). */
export function parseLabels(text: string, field = 'labels'): Parsed<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [i, item] of items(text).entries()) {
    const eq = item.indexOf('=');
    const key = (eq < 0 ? item : item.slice(0, eq)).trim();
    const value = eq < 0 ? '' : item.slice(eq + 1).trim();
    if (key === '')
      return { ok: false, error: `${field}: item ${i + 1} "${item}": the key is empty (expected key=value)` };
    out[key] = value;
  }
  return { ok: true, value: out };
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

/** One taint in kubectl's syntax: `key[=value]:Effect`. */
export function parseTaint(item: string): Parsed<TaintSpec> {
  const colon = item.lastIndexOf(':');
  if (colon < 0)
    return {
      ok: false,
      error: `invalid taint spec: ${item}, expected key[=value]:Effect (NoSchedule, PreferNoSchedule or NoExecute)`,
    };
  const kv = item.slice(0, colon).trim();
  const effect = item.slice(colon + 1).trim();
  if (!(EFFECTS as readonly string[]).includes(effect))
    return {
      ok: false,
      error: `invalid taint effect: ${effect}, unsupported taint effect (expected NoSchedule, PreferNoSchedule or NoExecute)`,
    };
  const eq = kv.indexOf('=');
  const key = (eq < 0 ? kv : kv.slice(0, eq)).trim();
  const value = eq < 0 ? '' : kv.slice(eq + 1).trim();
  if (key === '') return { ok: false, error: `invalid taint spec: ${item}, the key is empty` };
  return { ok: true, value: { key, ...(value ? { value } : {}), effect: effect as TaintSpec['effect'] } };
}

export function parseTaints(text: string): Parsed<TaintSpec[]> {
  const out: TaintSpec[] = [];
  for (const [i, item] of items(text).entries()) {
    const t = parseTaint(item);
    if (!t.ok) return { ok: false, error: `taints: item ${i + 1}: ${t.error}` };
    out.push(t.value);
  }
  return { ok: true, value: out };
}

export interface AddNodesInput {
  count: string;
  pattern: string;
  labels: string;
  taints: string;
  cpu: string;
  memory: string;
  pods: string;
}

export const MAX_NODES_AT_ONCE = 5000;

/**
 * The Node objects for "add N nodes". `{n}` in the pattern is replaced by numbers from 1 up,
 * skipping names that exist; a pattern without `{n}` gets `-{n}` appended when N > 1.
 */
export function buildNodes(input: AddNodesInput, existing: ReadonlySet<string>): Parsed<AnyObject[]> {
  const count = Number(input.count.trim());
  if (!Number.isInteger(count) || count < 1 || count > MAX_NODES_AT_ONCE)
    return {
      ok: false,
      error: `count: "${input.count}" is not a whole number from 1 to ${MAX_NODES_AT_ONCE}`,
    };
  let pattern = input.pattern.trim();
  if (pattern === '') return { ok: false, error: 'name: the name pattern is empty' };
  if (!pattern.includes('{n}')) {
    if (count === 1) {
      if (existing.has(pattern))
        return { ok: false, error: `name: a node named "${pattern}" already exists` };
    } else pattern += '-{n}';
  }
  const labels = parseLabels(input.labels);
  if (!labels.ok) return labels;
  const taints = parseTaints(input.taints);
  if (!taints.ok) return taints;
  const capacity = { cpu: input.cpu.trim(), memory: input.memory.trim(), pods: input.pods.trim() };
  const out: AnyObject[] = [];
  let n = 1;
  while (out.length < count) {
    const name = pattern.includes('{n}') ? pattern.replaceAll('{n}', String(n++)) : pattern;
    if (existing.has(name)) continue;
    out.push(nodeObject(name, labels.value, taints.value, capacity));
    if (!pattern.includes('{n}')) break;
  }
  return { ok: true, value: out };
}

// Tab completion for the console: subcommands, resource types, names of nodes, pods and
// DaemonSets (in the namespace given with -n, else default), flags, and the values of -n, -o and
// --cascade. `replaceFrom` is where the word being completed starts in the line.

import type { Kind } from '../api/types.ts';
import { NAMESPACED } from '../api/types.ts';
import type { Simulation } from '../engine/simulation.ts';
import { byteCompare } from './format.ts';
import { COMMAND_FLAGS, COMMANDS, RESOURCE_TYPES } from './kubectl.ts';

const TYPE_WORDS = ['daemonset', 'daemonsets', 'ds', 'no', 'node', 'nodes', 'po', 'pod', 'pods'];
const VALUES: Record<string, string[]> = {
  output: ['json', 'name', 'wide', 'yaml'],
  cascade: ['background', 'foreground', 'orphan'],
  filename: ['-'],
};

function names(sim: Simulation, kind: Kind, ns: string): string[] {
  const out: string[] = [];
  for (const o of sim.api.list(kind)) {
    if (NAMESPACED[kind] && o.metadata?.namespace !== ns) continue;
    out.push(o.metadata?.name ?? '');
  }
  return out;
}

function namespaces(sim: Simulation): string[] {
  const set = new Set(['default']);
  for (const kind of ['Pod', 'DaemonSet'] as const)
    for (const o of sim.api.list(kind)) set.add(o.metadata?.namespace ?? 'default');
  return [...set];
}

export function completeKubectl(
  sim: Simulation,
  line: string,
): { replaceFrom: number; candidates: string[] } {
  const words: Array<{ text: string; start: number }> = [];
  for (const m of line.matchAll(/\S+/g)) words.push({ text: m[0], start: m.index });
  const atSpace = line.length === 0 || /\s$/.test(line);
  const current = atSpace ? { text: '', start: line.length } : words.pop()!;
  const prior = words.map((w) => w.text);
  if (prior[0] === 'kubectl') prior.shift();
  const word = current.text;
  const done = (candidates: string[], prefix = ''): { replaceFrom: number; candidates: string[] } => ({
    replaceFrom: current.start,
    candidates: [...new Set(candidates.map((c) => prefix + c))]
      .filter((c) => c.startsWith(word))
      .sort(byteCompare),
  });

  if (prior.length === 0) return done(words.length === 0 ? [...COMMANDS, 'kubectl'] : [...COMMANDS]);
  const cmd = prior[0] as (typeof COMMANDS)[number];
  if (!(COMMANDS as readonly string[]).includes(cmd)) return done([]);
  const defs = [{ name: 'namespace', short: 'n', kind: 'string' as const }, ...COMMAND_FLAGS[cmd]];

  // Positional arguments and the namespace so far; is the word a flag's value?
  const positional: string[] = [];
  let ns = 'default';
  let pendingFlag: string | undefined;
  for (let i = 1; i < prior.length; i++) {
    const w = prior[i]!;
    if (pendingFlag) {
      if (pendingFlag === 'namespace') ns = w;
      pendingFlag = undefined;
      continue;
    }
    if (w.startsWith('-') && w.length > 1) {
      const eq = w.indexOf('=');
      const name = w.startsWith('--')
        ? w.slice(2, eq < 0 ? undefined : eq)
        : defs.find((d) => d.short === w[1])?.name;
      const d = defs.find((x) => x.name === name);
      const inline = eq >= 0 ? w.slice(eq + 1) : !w.startsWith('--') && w.length > 2 ? w.slice(2) : undefined;
      if (d?.kind === 'string' && d.noOptDefault === undefined && inline === undefined) pendingFlag = d.name;
      else if (d?.name === 'namespace' && inline !== undefined) ns = inline;
      continue;
    }
    positional.push(w);
  }
  if (pendingFlag) return done(pendingFlag === 'namespace' ? namespaces(sim) : (VALUES[pendingFlag] ?? []));
  if (word.startsWith('--') && word.includes('=')) {
    const name = word.slice(2, word.indexOf('='));
    return done(VALUES[name] ?? (name === 'namespace' ? namespaces(sim) : []), `--${name}=`);
  }
  if (word.startsWith('-')) return done(defs.map((d) => `--${d.name}`));

  const typed = (kind: Kind | undefined): string[] => (kind ? names(sim, kind, ns) : []);
  const slash = word.indexOf('/');
  if (slash >= 0) {
    const type = word.slice(0, slash);
    return done(typed(RESOURCE_TYPES[type.toLowerCase()]), `${type}/`);
  }
  const pos = positional.length;
  switch (cmd) {
    case 'get':
    case 'describe':
    case 'delete':
    case 'label':
      if (pos === 0) return done(TYPE_WORDS);
      return done(typed(RESOURCE_TYPES[positional[0]!.toLowerCase()]));
    case 'taint':
      if (pos === 0) return done(['node', 'nodes']);
      return pos === 1 ? done(typed('Node')) : done([]);
    case 'cordon':
    case 'uncordon':
    case 'drain':
      return done(typed('Node'));
    case 'rollout':
      if (pos === 0) return done(['history', 'status', 'undo']);
      return pos === 1
        ? done([...names(sim, 'DaemonSet', ns).map((n) => `ds/${n}`), 'daemonset', 'ds'])
        : done([]);
    case 'apply':
      return done([]);
  }
}

// The command line as a shell and cobra/pflag would split it: words (with '…' and "…" quoting and
// backslash escapes), then flags (`--name=value`, `--name value`, `-n value`, `-nvalue`, `-n=value`,
// grouped boolean shorthands such as `-A`) interspersed with positional arguments, `--` ending flags.

export function tokenize(line: string): string[] | { error: string } {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { error: 'unterminated quoted string' };
      cur += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (ch === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1]!)) j++;
        cur += line[j];
      }
      if (j >= line.length) return { error: 'unterminated quoted string' };
      i = j;
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (inWord) out.push(cur);
  return out;
}

export interface FlagDef {
  name: string;
  short?: string;
  kind: 'bool' | 'string';
  /** pflag NoOptDefVal: the value of a bare `--name` (which then never takes the next word). */
  noOptDefault?: string;
}

export interface ParsedArgs {
  args: string[];
  /** Flag name → last value given (pflag keeps the last). */
  flags: Map<string, string>;
}

const BOOL_WORDS: Record<string, boolean> = {
  '1': true,
  t: true,
  T: true,
  true: true,
  TRUE: true,
  True: true,
  '0': false,
  f: false,
  F: false,
  false: false,
  FALSE: false,
  False: false,
};

/** strconv.ParseBool; undefined for anything else. */
export function parseBool(s: string): boolean | undefined {
  return BOOL_WORDS[s];
}

/** pflag's parse: returns the positional arguments and flags, or pflag's error text. */
export function parseFlags(
  tokens: readonly string[],
  defs: readonly FlagDef[],
): ParsedArgs | { error: string } {
  const byName = new Map(defs.map((d) => [d.name, d]));
  const byShort = new Map(defs.filter((d) => d.short).map((d) => [d.short!, d]));
  const args: string[] = [];
  const flags = new Map<string, string>();
  const set = (d: FlagDef, value: string, shown: string): string | undefined => {
    if (d.kind === 'bool' && parseBool(value) === undefined)
      return `invalid argument "${value}" for "${shown}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`;
    flags.set(d.name, value);
    return undefined;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === '--') {
      args.push(...tokens.slice(i + 1));
      break;
    }
    if (t.startsWith('--')) {
      const eq = t.indexOf('=');
      const name = eq < 0 ? t.slice(2) : t.slice(2, eq);
      const d = byName.get(name);
      if (!d) return { error: `unknown flag: --${name}` };
      let value: string;
      if (eq >= 0) value = t.slice(eq + 1);
      else if (d.kind === 'bool') value = 'true';
      else if (d.noOptDefault !== undefined) value = d.noOptDefault;
      else if (i + 1 < tokens.length) value = tokens[++i]!;
      else return { error: `flag needs an argument: --${name}` };
      const err = set(d, value, `--${name}`);
      if (err) return { error: err };
      continue;
    }
    if (t.startsWith('-') && t.length > 1) {
      const shorts = t.slice(1);
      for (let j = 0; j < shorts.length; j++) {
        const c = shorts[j]!;
        const d = byShort.get(c);
        if (!d) return { error: `unknown shorthand flag: '${c}' in ${t}` };
        const rest = shorts.slice(j + 1);
        let value: string;
        if (rest.startsWith('=')) value = rest.slice(1);
        else if (d.kind === 'bool') {
          const err = set(d, 'true', `-${c}`);
          if (err) return { error: err };
          continue;
        } else if (rest.length > 0) value = rest;
        else if (d.noOptDefault !== undefined) value = d.noOptDefault;
        else if (i + 1 < tokens.length) value = tokens[++i]!;
        else return { error: `flag needs an argument: '${c}' in -${c}` };
        const err = set(d, value, `-${c}`);
        if (err) return { error: err };
        break;
      }
      continue;
    }
    args.push(t);
  }
  return { args, flags };
}

// `-o yaml` and `-o json` as kubectl prints them. kubectl reads objects as unstructured maps, so
// both print map keys sorted: `-o json` is encoding/json's MarshalIndent with four spaces (keys in
// byte order, `<`, `>`, `&` escaped), `-o yaml` is sigs.k8s.io/yaml, i.e. go-yaml v2's emitter:
// keys in its "natural" order, block style, sequences not indented under their key, strings quoted
// only when a plain scalar would read back as something else, long plain and single-quoted strings
// folded at spaces past column 80 (libyaml's best_width).

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

// ---- JSON ------------------------------------------------------------------------------------

function goJsonString(s: string): string {
  return JSON.stringify(s)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function jsonIndent(v: Json, indent: string): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v !== 'object') return String(v);
  const inner = indent + '    ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => inner + jsonIndent(x, inner)).join(',\n')}\n${indent}]`;
  }
  const keys = Object.keys(v)
    .filter((k) => v[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${inner}${goJsonString(k)}: ${jsonIndent(v[k]!, inner)}`).join(',\n')}\n${indent}}`;
}

/** kubectl's JSONPrinter: MarshalIndent(obj, "", "    ") plus a newline. */
export function printJson(obj: unknown): string {
  return jsonIndent(obj as Json, '') + '\n';
}

// ---- YAML ------------------------------------------------------------------------------------

const isLetter = (c: string): boolean => /\p{L}/u.test(c);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/** go-yaml v2 keyList.Less for string keys (numbers inside keys compare as numbers). */
function yamlKeyLess(a: string, b: string): boolean {
  const af = numericKey(a);
  const bf = numericKey(b);
  if (af !== undefined && bf !== undefined && af !== bf) return af < bf;
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]! < br[i]!;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = an * 10 + Number(ar[ai]);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]! < br[i]!;
  }
  return ar.length < br.length;
}

function numericKey(s: string): number | undefined {
  return resolvesTo(s) === 'number' ? Number(s.replace(/_/g, '')) : undefined;
}

const KEYWORDS: Record<string, 'bool' | 'null' | 'number' | 'merge'> = {};
for (const k of ['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE'])
  KEYWORDS[k] = 'bool';
for (const k of ['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE'])
  KEYWORDS[k] = 'bool';
for (const k of ['', '~', 'null', 'Null', 'NULL']) KEYWORDS[k] = 'null';
for (const k of ['.nan', '.NaN', '.NAN']) KEYWORDS[k] = 'number';
for (const s of ['', '+', '-']) for (const k of ['.inf', '.Inf', '.INF']) KEYWORDS[s + k] = 'number';
KEYWORDS['<<'] = 'merge';

const GO_INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const YAML_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const TIMESTAMP =
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]| )[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]*)?(?:Z|[-+][0-9]{2}:[0-9]{2})?)?$/;

/** go-yaml v2 resolve(""): what an unquoted scalar would read back as. */
function resolvesTo(s: string): 'string' | 'bool' | 'null' | 'number' | 'merge' | 'timestamp' {
  const kw = KEYWORDS[s];
  if (kw) return kw;
  const c = s[0] ?? '';
  if (c === '.') return /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/.test(s) ? 'number' : 'string';
  if (isDigit(c) || c === '+' || c === '-') {
    if (TIMESTAMP.test(s)) return 'timestamp';
    const plain = s.replace(/_/g, '');
    if (GO_INT.test(plain) || YAML_FLOAT.test(plain)) return 'number';
  }
  return 'string';
}

const INDICATORS = new Set([...'#,[]{}&*!|>\'"%@`']);

/** libyaml yaml_emitter_analyze_scalar: may this string be written plain in block context? */
function plainAllowed(s: string): boolean {
  if (s.length === 0) return false;
  if (s.startsWith('---') || s.startsWith('...')) return false;
  if (/^\s|\s$/.test(s)) return false;
  const first = s[0]!;
  const followedBySpace = (i: number): boolean => i + 1 >= s.length || s[i + 1] === ' ' || s[i + 1] === '\t';
  if (INDICATORS.has(first)) return false;
  if ((first === '?' || first === ':' || first === '-') && followedBySpace(0)) return false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === ':' && followedBySpace(i)) return false;
    if (ch === '#' && i > 0 && (s[i - 1] === ' ' || s[i - 1] === '\t')) return false;
    const code = ch.charCodeAt(0);
    if (code < 0x20 || code === 0x7f || code === 0xfeff) return false;
  }
  return true;
}

const BEST_WIDTH = 80;

class YamlWriter {
  out = '';
  column = 0;

  write(s: string): void {
    this.out += s;
    const nl = s.lastIndexOf('\n');
    this.column = nl < 0 ? this.column + [...s].length : [...s.slice(nl + 1)].length;
  }

  newline(indent: number): void {
    this.write('\n' + ' '.repeat(indent));
  }

  /** A scalar string after `key: ` or `- `; `indent` is where folded lines continue. */
  string(s: string, indent: number, allowBreaks: boolean): void {
    if (s.includes('\n')) {
      this.literal(s, indent);
      return;
    }
    if (resolvesTo(s) !== 'string' || BASE60_FLOAT.test(s)) {
      this.write(JSON.stringify(s));
      return;
    }
    if (plainAllowed(s)) {
      this.folded(s, indent, allowBreaks, false);
      return;
    }
    this.write("'");
    this.folded(s, indent, allowBreaks, true);
    this.write("'");
  }

  /** libyaml write_plain_scalar / write_single_quoted: break at a space once past best_width. */
  private folded(s: string, indent: number, allowBreaks: boolean, quoted: boolean): void {
    const chars = [...s];
    let spaces = false;
    let buf = '';
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i]!;
      if (ch === ' ') {
        const col = this.column + [...buf].length;
        const inner = !quoted || (i > 0 && i < chars.length - 1);
        if (allowBreaks && !spaces && col > BEST_WIDTH && inner && chars[i + 1] !== ' ') {
          this.write(buf);
          buf = '';
          this.newline(indent);
        } else buf += ch;
        spaces = true;
      } else {
        buf += quoted && ch === "'" ? "''" : ch;
        spaces = false;
      }
    }
    this.write(buf);
  }

  private literal(s: string, indent: number): void {
    const chomp = s.endsWith('\n') ? (s.endsWith('\n\n') ? '+' : '') : '-';
    const lead = s.startsWith(' ') || s.startsWith('\n') ? '2' : '';
    this.write(`|${lead}${chomp}`);
    const body = chomp === '-' ? s : s.replace(/\n$/, '');
    for (const line of body.split('\n')) {
      if (line === '') this.write('\n');
      else this.newline(indent);
      this.write(line);
    }
  }

  scalar(v: Json, indent: number): void {
    if (v === null) this.write('null');
    else if (typeof v === 'string') this.string(v, indent, true);
    else this.write(String(v));
  }

  /** A value after `key:` (mapping at `indent`). */
  mapValue(v: Json, indent: number): void {
    if (v !== null && typeof v === 'object') {
      if (Array.isArray(v)) {
        if (v.length === 0) return this.write(' []');
        this.newline(indent);
        this.seq(v, indent);
      } else {
        if (Object.keys(v).length === 0) return this.write(' {}');
        this.newline(indent + 2);
        this.map(v, indent + 2);
      }
      return;
    }
    this.write(' ');
    this.scalar(v, indent + 2);
  }

  /** Entries of a mapping whose first key is written at the current position. */
  map(m: { [k: string]: Json }, indent: number): void {
    const keys = Object.keys(m)
      .filter((k) => m[k] !== undefined)
      .sort((a, b) => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0));
    keys.forEach((k, i) => {
      if (i > 0) this.newline(indent);
      this.string(k, indent, false);
      this.write(':');
      this.mapValue(m[k]!, indent);
    });
  }

  /** Items of a sequence whose first `- ` is written at the current position (column `indent`). */
  seq(items: Json[], indent: number): void {
    items.forEach((item, i) => {
      if (i > 0) this.newline(indent);
      this.write('- ');
      if (item !== null && typeof item === 'object') {
        if (Array.isArray(item)) {
          if (item.length === 0) this.write('[]');
          else this.seq(item, indent + 2);
        } else if (Object.keys(item).length === 0) this.write('{}');
        else this.map(item, indent + 2);
      } else this.scalar(item, indent + 2);
    });
  }
}

/** kubectl's YAMLPrinter for one object (or List). */
export function printYaml(obj: unknown): string {
  const w = new YamlWriter();
  const v = obj as Json;
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) w.map(v, 0);
  else if (Array.isArray(v)) w.seq(v, 0);
  else w.scalar(v, 0);
  return w.out + '\n';
}

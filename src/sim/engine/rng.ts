// A small, fast, seedable PRNG (SplitMix32 → Mulberry32 style). The simulation never reads
// the host's random source: every random choice (pod name suffixes, uids, kubelet start delays) comes from here,
// so the same seed replays the same run.

/** Alphabet of apimachinery's name generator (util/rand: no vowels, no 0/1/3 to avoid words). */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

const HEX_CODES = Array.from({ length: 16 }, (_, i) => i.toString(16).charCodeAt(0));
const DASH = 45;
const FOUR = 52;
/** Character codes of a uuid; the dashes and the version digit never change. */
const UUID_CODES: number[] = Array.from({ length: 36 }, (_, i) =>
  i === 8 || i === 13 || i === 18 || i === 23 ? DASH : i === 14 ? FOUR : 0,
);

/** `digits` lowercase hex digits of n (its low bits), most significant first, at `pos`. */
function putHex(out: number[], pos: number, n: number, digits: number): void {
  for (let i = digits - 1; i >= 0; i--) {
    out[pos + i] = HEX_CODES[n & 15]!;
    n >>>= 4;
  }
}

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return this.nextUint32() % n;
  }

  /** Uniform integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  string(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }

  /** A version-4 style UUID, as the API server assigns to metadata.uid. */
  uuid(): string {
    const a = this.nextUint32();
    const b = this.nextUint32();
    const c = this.nextUint32();
    const d = this.nextUint32();
    // xxxxxxxx-xxxx-4xxx-vxxx-xxxxxxxxxxxx, written as character codes into one reused buffer and
    // turned into a single flat string (no intermediate strings per uid).
    const u = UUID_CODES;
    putHex(u, 0, a, 8);
    putHex(u, 9, b >>> 16, 4);
    putHex(u, 15, b & 0xfff, 3);
    putHex(u, 19, 0x8000 | (c >>> 18), 4);
    putHex(u, 24, c & 0xffff, 4);
    putHex(u, 28, d, 8);
    return String.fromCharCode.apply(null, u);
  }

  /** State for snapshots: a restored Rng continues the same sequence. */
  getState(): number {
    return this.state;
  }
  setState(s: number): void {
    this.state = s >>> 0;
  }
}

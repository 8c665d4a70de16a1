// A small, fast, seedable PRNG (SplitMix32 → Mulberry32 style). The simulation never reads
// the host's random source: every random choice (pod name suffixes, uids, kubelet start delays) comes from here,
// so the same seed replays the same run.

/** Alphabet of apimachinery's name generator (util/rand: no vowels, no 0/1/3 to avoid words). */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex16 = (n: number) => HEX[(n >>> 8) & 0xff]! + HEX[n & 0xff]!;

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
    const v = 0x8000 | (c >>> 18);
    // Each part is under 13 characters, so V8 builds it flat; join gives one flat string. A chain
    // of `+` would leave a tree of cons strings behind every stored uid.
    return [
      hex16(a >>> 16) + hex16(a & 0xffff),
      hex16(b >>> 16),
      '4' + HEX[(b >>> 8) & 0xf]![1] + HEX[b & 0xff],
      hex16(v),
      hex16(c & 0xffff) + hex16(d >>> 16) + hex16(d & 0xffff),
    ].join('-');
  }

  /** State for snapshots: a restored Rng continues the same sequence. */
  getState(): number {
    return this.state;
  }
  setState(s: number): void {
    this.state = s >>> 0;
  }
}

/**
 * A small seeded generator (mulberry32): the fuzzer's cases are a function of the seed and the
 * operation's name only, so a failing request can be regenerated exactly, and a route added
 * elsewhere in the document does not change another route's cases.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A generator for `label` under this seed, independent of how much this one has been used. */
  static derive(seed: number, label: string): Rng {
    // FNV-1a over the label, mixed with the seed.
    let hash = 0x811c9dc5 ^ seed;
    for (let i = 0; i < label.length; i += 1) {
      hash ^= label.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    return new Rng(hash);
  }

  /** In [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = this.int(0, i);
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  }

  hex(length: number): string {
    return Array.from({ length }, () => '0123456789abcdef'[this.int(0, 15)]).join('');
  }

  /** A version 4 UUID drawn from this generator. */
  uuid(): string {
    const variant = '89ab'[this.int(0, 3)] ?? '8';
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${variant}${this.hex(3)}-${this.hex(12)}`;
  }
}

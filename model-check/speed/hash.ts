// 64-bit structural hashes of immutable plain data, without building its text: an object's hash is
// computed from its parts' hashes and remembered per object, so a subtree that successors share (a
// node a step did not change, a message, immer's unchanged parts) is hashed once. An object's fields
// are combined order-free (a sum of per-field hashes), so equal data gives equal hashes whatever the
// key order, without sorting keys.
import { Hasher } from '../fingerprint.ts';
import { BoundedMap } from './bounded.ts';

/** A 64-bit hash as [hi, lo]. */
export type Hash = readonly [number, number];

// Type tags fed before a value, so that e.g. 1 and "1" hash apart.
const Tag = {
  Null: 0x6e756c6c,
  False: 0x66616c73,
  True: 0x74727565,
  Int: 0x696e7420,
  Float: 0x666c6f74,
  Str: 0x73747220,
  Arr: 0x61727220,
  Obj: 0x6f626a20,
} as const;

/** Hashes plain data, remembering each object's hash; one instance per thread. */
export class ValueHasher {
  private readonly objects = new WeakMap<object, Hash>();
  private readonly strings = new BoundedMap<string, Hash>(1 << 20);
  private readonly pool: Hasher[] = [];
  private readonly strHasher = new Hasher();

  /** The hash of `x`. */
  hash(x: unknown): Hash {
    return this.at(x, 0);
  }

  /** The hash of a string. */
  str(s: string): Hash {
    return this.strings.get(s) ?? this.strings.set(s, this.fresh(s));
  }

  private fresh(s: string): Hash {
    this.strHasher.hash(s);
    return [this.strHasher.hi, this.strHasher.lo];
  }

  private at(x: unknown, depth: number): Hash {
    if (typeof x === 'string') return this.str(x);
    if (typeof x !== 'object' || x === null) {
      const h = this.hasher(depth);
      h.begin(0);
      this.feed(h, x, depth);
      h.end();
      return [h.hi, h.lo];
    }
    // A state is hashed once; its parts are what successors share, so only they are remembered.
    const known = depth === 0 ? undefined : this.objects.get(x);
    if (known !== undefined) return known;
    const h = this.hasher(depth);
    if (Array.isArray(x)) {
      h.begin(Tag.Arr ^ x.length);
      for (let k = 0; k < x.length; k++) this.feed(h, x[k], depth);
      h.end();
    } else this.fields(h, x as Record<string, unknown>, depth);
    const r: Hash = [h.hi, h.lo];
    if (depth > 0) this.objects.set(x, r);
    return r;
  }

  /** An object's hash: the per-field hashes of (key, value), summed lane by lane, then mixed. */
  private fields(h: Hasher, o: Record<string, unknown>, depth: number): void {
    let hi = 0;
    let lo = 0;
    let n = 0;
    for (const key in o) {
      const kh = this.str(key);
      h.begin(Tag.Obj);
      h.word(kh[0]);
      h.word(kh[1]);
      this.feed(h, o[key], depth);
      h.end();
      hi = (hi + h.hi) | 0;
      lo = (lo + h.lo) | 0;
      n++;
    }
    h.begin(Tag.Obj ^ n);
    h.word(hi);
    h.word(lo);
    h.end();
  }

  /** Feeds one value to `h`: primitives inline, objects as their own hash. */
  private feed(h: Hasher, x: unknown, depth: number): void {
    switch (typeof x) {
      case 'number':
        if ((x | 0) === x) {
          h.word(Tag.Int);
          h.word(x);
        } else {
          const s = this.str(String(x));
          h.word(Tag.Float);
          h.word(s[0]);
          h.word(s[1]);
        }
        return;
      case 'string': {
        const s = this.str(x);
        h.word(Tag.Str);
        h.word(s[0]);
        h.word(s[1]);
        return;
      }
      case 'boolean':
        h.word(x ? Tag.True : Tag.False);
        return;
      case 'object': {
        if (x === null) return h.word(Tag.Null);
        const sub = this.at(x, depth + 1);
        h.word(sub[0]);
        h.word(sub[1]);
        return;
      }
      default:
        throw new TypeError(`value hash: not plain data: ${typeof x}`);
    }
  }

  private hasher(depth: number): Hasher {
    return (this.pool[depth] ??= new Hasher());
  }
}

/** This thread's hasher: compose's hash-consing and the explorer's fingerprints share its memo. */
export const values = new ValueHasher();

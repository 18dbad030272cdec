// 64-bit structural hashes of immutable plain data, without building its text: an object's hash is
// computed from its parts' hashes and remembered per object, so a subtree that successors share (a
// node a step did not change, a message, immer's unchanged parts) is hashed once. An object's fields
// are fed in sorted key order, so equal data gives equal hashes whatever the key order.
import { Hasher } from '../fingerprint.ts';
import { BoundedMap } from './bounded.ts';

/** A 64-bit hash as [hi, lo]. */
export type Hash = readonly [number, number];

/** The sorted order and key hashes of one key list. */
type Shape = { readonly keys: readonly string[]; readonly order: readonly string[]; readonly hashes: readonly Hash[] };

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

/** Depth from which objects' hashes are remembered. */
const MEMO = 2;

/** Hashes plain data, remembering the hashes of shared parts; one instance per thread. */
export class ValueHasher {
  private readonly objects = new WeakMap<object, Hash>();
  private readonly strings = new BoundedMap<string, Hash>(1 << 20);
  private readonly pool: Hasher[] = [];
  private readonly shapes: (Shape | undefined)[] = [];
  private readonly strHasher = new Hasher();

  /** The hash of a state `x`. */
  hash(x: unknown): Hash {
    return this.at(x, 0);
  }

  /** The hash of a part of a state (a node state, a message): the same, remembered. */
  part(x: unknown): Hash {
    return this.at(x, MEMO);
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
    // A state and its top-level containers are new at each step; what successors share are the
    // parts below (node states, bag entries, messages), so only those are remembered.
    const known = depth < MEMO ? undefined : this.objects.get(x);
    if (known !== undefined) return known;
    const h = this.hasher(depth);
    if (Array.isArray(x)) {
      h.begin(Tag.Arr ^ x.length);
      for (let k = 0; k < x.length; k++) this.feed(h, x[k], depth);
      h.end();
    } else this.fields(h, x as Record<string, unknown>, depth);

    const r: Hash = [h.hi, h.lo];
    if (depth >= MEMO) this.objects.set(x, r);
    return r;
  }

  /** An object's hash: its fields in sorted key order, each key's hash then its value. */
  private fields(h: Hasher, o: Record<string, unknown>, depth: number): void {
    const sh = this.shape(o, depth);
    const order = sh.order;
    h.begin(Tag.Obj ^ order.length);
    for (let k = 0; k < order.length; k++) {
      const kh = sh.hashes[k] as Hash;
      h.word(kh[0]);
      h.word(kh[1]);
      this.feed(h, o[order[k] as string], depth);
    }
    h.end();
  }

  // Objects built by the same code list their keys in the same order: the sorted order and the
  // keys' hashes are kept for the last key list seen at each depth, and reused while it recurs.
  private shape(o: Record<string, unknown>, depth: number): Shape {
    const sh = this.shapes[depth];
    if (sh !== undefined) {
      let n = 0;
      let same = true;
      for (const key in o) {
        if (sh.keys[n++] !== key) {
          same = false;
          break;
        }
      }
      if (same && n === sh.keys.length) return sh;
    }
    const keys = Object.keys(o);
    const order = [...keys].sort();
    return (this.shapes[depth] = { keys, order, hashes: order.map((k) => this.str(k)) });
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

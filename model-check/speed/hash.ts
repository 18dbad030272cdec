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
  Short: 0x73687274,
  Arr: 0x61727220,
  Obj: 0x6f626a20,
} as const;

/** Depth from which objects' hashes are remembered. */
const MEMO = 2;
/** Key lists remembered per depth. */
const SHAPES = 6;

/** Hashes plain data, remembering the hashes of shared parts; one instance per thread. */
export class ValueHasher {
  private readonly objects = new WeakMap<object, Hash>();
  private readonly strings = new BoundedMap<string, Hash>(1 << 20);
  private readonly pool: Hasher[] = [];
  private readonly shapes: Shape[][] = [];
  private readonly lastArrays: (readonly unknown[] | undefined)[] = [];
  private readonly lastHashes: (readonly (Hash | undefined)[] | undefined)[] = [];
  /** Whether the object being hashed has an object among its fields or elements. */
  private nested = false;
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
    this.nested = false;
    if (Array.isArray(x)) this.elements(h, x, depth);
    else this.fields(h, x as Record<string, unknown>, depth);
    const r: Hash = [h.hi, h.lo];
    // A flat object (primitives only) is cheaper to hash again than to remember.
    if (depth >= MEMO && this.nested) this.objects.set(x, r);
    return r;
  }

  // Successive arrays at one depth are mostly siblings (a set or bag with one element added or
  // removed): an element that is the same object as the aligned one of the last array there takes
  // its hash from it, which spares a lookup per element.
  private elements(h: Hasher, x: readonly unknown[], depth: number): void {
    const prev = this.lastArrays[depth];
    const prevHashes = this.lastHashes[depth] ?? [];
    const hashes: (Hash | undefined)[] = new Array<Hash | undefined>(x.length);
    let nested = false;
    let j = 0;
    h.begin(Tag.Arr ^ x.length);
    for (let k = 0; k < x.length; k++) {
      const e = x[k];
      if (typeof e !== 'object' || e === null) {
        this.feed(h, e, depth);
        continue;
      }
      let eh: Hash | undefined;
      if (prev !== undefined) {
        if (prev[j] === e) eh = prevHashes[j++];
        else if (prev[j + 1] === e) {
          eh = prevHashes[j + 1];
          j += 2;
        }
      }
      eh ??= this.at(e, depth + 1);
      hashes[k] = eh;
      nested = true;
      h.word(eh[0]);
      h.word(eh[1]);
    }
    h.end();
    this.lastArrays[depth] = x;
    this.lastHashes[depth] = hashes;
    this.nested = nested;
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
  // keys' hashes are kept for the last few key lists seen at each depth, and reused while they recur.
  private shape(o: Record<string, unknown>, depth: number): Shape {
    const known = (this.shapes[depth] ??= []);
    for (let k = 0; k < known.length; k++) {
      const sh = known[k] as Shape;
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
    const sh = { keys, order, hashes: order.map((k) => this.str(k)) };
    if (known.unshift(sh) > SHAPES) known.pop();
    return sh;
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
        // Short strings (names like s1, a2, v1) are fed as they are; longer ones as their hash.
        if (x.length <= 6) {
          h.word(Tag.Short ^ x.length);
          for (let k = 0; k < x.length; k += 2) h.word(x.charCodeAt(k) | (x.charCodeAt(k + 1) << 16));
          return;
        }
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
        this.nested = true;
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

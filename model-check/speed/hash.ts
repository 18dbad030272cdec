// 64-bit structural hashes of immutable plain data, without building its text: an object's hash is
// computed from its parts' hashes and remembered per object, so a subtree that successors share (a
// node a step did not change, a message, immer's unchanged parts) is hashed once. An object's fields
// are fed in sorted key order, so equal data gives equal hashes whatever the key order.
import { Hasher } from '../fingerprint.ts';
import { BoundedMap } from './bounded.ts';

/** A 64-bit hash as [hi, lo]. */
export type Hash = readonly [number, number];

/** The sorted order and key hashes of one key list. */
interface Shape {
  readonly keys: readonly string[];
  readonly order: readonly string[];
  readonly hashes: readonly Hash[];
  /** The object values of the last object of this shape hashed at this depth, and their hashes. */
  readonly last: unknown[];
  readonly lastHashes: Int32Array;
}

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
/** Values an object's hash must take to be remembered unasked (`part` remembers any object). */
const WORTH = 8;
/** Key lists remembered per depth. */
const SHAPES = 6;

/** The element hashes of the last array hashed at one depth (hi, lo per element; 0, 0 for primitives). */
class Row {
  array: readonly unknown[] | null = null;
  hashes = new Int32Array(32);
}

/** Hashes plain data, remembering the hashes of shared parts; one instance per thread. */
export class ValueHasher {
  private readonly objects = new WeakMap<object, Hash>();
  private readonly strings = new BoundedMap<string, Hash>(1 << 20);
  private readonly pool: Hasher[] = [];
  private readonly shapes: Shape[][] = [];
  private readonly rows: Row[][] = [];
  /** Values fed so far (a measure of hashing work: an object worth remembering took some). */
  private work = 0;
  /** The result of `at`. */
  private hi = 0;
  private lo = 0;
  private readonly strHasher = new Hasher();

  /** The hash of a state `x`. */
  hash(x: unknown): Hash {
    this.at(x, 0);
    return [this.hi, this.lo];
  }

  /** Leaves the hash of a state in `h.hi`, `h.lo`. */
  into(x: unknown, h: Hasher): void {
    this.at(x, 0);
    h.hi = this.hi;
    h.lo = this.lo;
  }

  /** The hash of a part of a state that recurs (a hash-consed node state or message): the same, remembered. */
  part(x: unknown): Hash {
    this.at(x, MEMO, true);
    return [this.hi, this.lo];
  }

  /** The hash of a string. */
  str(s: string): Hash {
    return this.strings.get(s) ?? this.strings.set(s, this.fresh(s));
  }

  private fresh(s: string): Hash {
    this.strHasher.hash(s);
    return [this.strHasher.hi, this.strHasher.lo];
  }

  // Leaves x's hash in this.hi, this.lo.
  private at(x: unknown, depth: number, keep = false): void {
    if (typeof x !== 'object' || x === null) {
      const h = this.hasher(depth);
      h.begin(0);
      this.feed(h, x, depth);
      h.end();
      this.hi = h.hi;
      this.lo = h.lo;
      return;
    }
    // A state and its top-level containers are new at each step; what successors share are the
    // parts below (node states, messages), so only those are remembered. A short array (a bag
    // entry) is cheaper to hash again than to look up.
    const small = Array.isArray(x) && x.length < 4;
    const known = depth < MEMO || small ? undefined : this.objects.get(x);
    if (known !== undefined) {
      this.hi = known[0];
      this.lo = known[1];
      return;
    }
    const h = this.hasher(depth);
    const before = this.work;
    if (Array.isArray(x)) this.elements(h, x, depth);
    else this.fields(h, x as Record<string, unknown>, depth);
    this.hi = h.hi;
    this.lo = h.lo;
    // A small object (a bag entry, a tiny record) is cheaper to hash again than to remember.
    if (depth >= MEMO && !small && (keep || this.work - before >= WORTH)) this.objects.set(x, [h.hi, h.lo]);
  }

  // Successive arrays at one depth are mostly siblings (a set or bag with one element added or
  // removed): an element that is the same object as the aligned one of the last array there takes
  // its hash from it, which spares a lookup per element.
  private elements(h: Hasher, x: readonly unknown[], depth: number): void {
    const rows = (this.rows[depth] ??= [new Row(), new Row()]);
    const prev = rows[0] as Row;
    const cur = rows[1] as Row;
    if (cur.hashes.length < 2 * x.length) cur.hashes = new Int32Array(4 * x.length);
    const p = prev.array;
    const ph = prev.hashes;
    const out = cur.hashes;
    let j = 0;
    this.work += x.length;
    h.begin(Tag.Arr ^ x.length);
    for (let k = 0; k < x.length; k++) {
      const e = x[k];
      if (typeof e !== 'object' || e === null) {
        this.feed(h, e, depth);
        continue;
      }
      if (p !== null && p[j] === e) {
        this.hi = ph[2 * j] as number;
        this.lo = ph[2 * j + 1] as number;
        j++;
      } else if (p !== null && p[j + 1] === e) {
        this.hi = ph[2 * j + 2] as number;
        this.lo = ph[2 * j + 3] as number;
        j += 2;
      } else this.at(e, depth + 1);
      out[2 * k] = this.hi;
      out[2 * k + 1] = this.lo;
      h.word(this.hi);
      h.word(this.lo);
    }
    h.end();
    cur.array = x;
    rows[0] = cur;
    rows[1] = prev;
  }

  /** An object's hash: its fields in sorted key order, each key's hash then its value. */
  private fields(h: Hasher, o: Record<string, unknown>, depth: number): void {
    const sh = this.shape(o, depth);
    const order = sh.order;
    this.work += order.length;
    h.begin(Tag.Obj ^ order.length);
    const last = sh.last;
    const lh = sh.lastHashes;
    for (let k = 0; k < order.length; k++) {
      const kh = sh.hashes[k] as Hash;
      h.word(kh[0]);
      h.word(kh[1]);
      const v = o[order[k] as string];
      if (typeof v !== 'object' || v === null) {
        this.feed(h, v, depth);
        continue;
      }
      // Siblings hashed in a row (successors of one state) mostly share their parts.
      if (last[k] !== v) {
        this.at(v, depth + 1);
        last[k] = v;
        lh[2 * k] = this.hi;
        lh[2 * k + 1] = this.lo;
      }
      h.word(lh[2 * k] as number);
      h.word(lh[2 * k + 1] as number);
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
    const sh = { keys, order, hashes: order.map((k) => this.str(k)), last: order.map(() => undefined), lastHashes: new Int32Array(2 * order.length) };
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
        } else this.words(h, Tag.Float, this.str(String(x)));
        return;
      case 'string':
        // Short strings (names like s1, a2, v1) are fed as they are; longer ones as their hash.
        if (x.length > 6) return this.words(h, Tag.Str, this.str(x));
        h.word(Tag.Short ^ x.length);
        for (let k = 0; k < x.length; k += 2) h.word(x.charCodeAt(k) | (x.charCodeAt(k + 1) << 16));
        return;
      case 'boolean':
        h.word(x ? Tag.True : Tag.False);
        return;
      case 'object':
        if (x === null) return h.word(Tag.Null);
        this.at(x, depth + 1);
        h.word(this.hi);
        h.word(this.lo);
        return;
      default:
        throw new TypeError(`value hash: not plain data: ${typeof x}`);
    }
  }

  private words(h: Hasher, tag: number, s: Hash): void {
    h.word(tag);
    h.word(s[0]);
    h.word(s[1]);
  }

  private hasher(depth: number): Hasher {
    return (this.pool[depth] ??= new Hasher());
  }
}

/** This thread's hasher: compose's hash-consing and the explorer's fingerprints share its memo. */
export const values = new ValueHasher();

// 64-bit hashes of plain data by value, without building its text: objects and arrays are hashed
// from their parts, and a whole value's hash is remembered, so a node a step did not change is
// not hashed again. Equal data gives equal hashes, whatever the key order.
import { sortedKeys } from '../src/core/index.ts';
import { Hasher } from './fingerprint.ts';

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

/** Hashes plain data; one instance per thread (it keeps caches). */
export class ValueHasher {
  private readonly objects = new WeakMap<object, readonly [number, number]>();
  private strings = new Map<string, readonly [number, number]>();
  private readonly pool: Hasher[] = [];
  private readonly strHasher = new Hasher();

  /** The hash of `x` as [hi, lo]. */
  hash(x: unknown): readonly [number, number] {
    return this.at(x, 0);
  }

  private at(x: unknown, depth: number): readonly [number, number] {
    if (typeof x === 'string') return this.str(x);
    if (typeof x !== 'object' || x === null) {
      const h = this.hasher(depth);
      h.begin(0);
      this.feed(h, x, depth);
      h.end();
      return [h.hi, h.lo];
    }
    // Only whole values are remembered: a WeakMap entry per part costs more than hashing it.
    let r = depth === 0 ? this.objects.get(x) : undefined;
    if (r !== undefined) return r;
    const h = this.hasher(depth);
    if (Array.isArray(x)) {
      h.begin(Tag.Arr ^ x.length);
      for (let k = 0; k < x.length; k++) this.feed(h, x[k], depth);
    } else {
      const o = x as Record<string, unknown>;
      const keys = sortedKeys(o);
      h.begin(Tag.Obj ^ keys.length);
      for (let k = 0; k < keys.length; k++) {
        const key = keys[k] as string;
        const kh = this.str(key);
        h.word(kh[0]);
        h.word(kh[1]);
        this.feed(h, o[key], depth);
      }
    }
    h.end();
    r = [h.hi, h.lo];
    if (depth === 0) this.objects.set(x, r);
    return r;
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
        if (x === null) {
          h.word(Tag.Null);
          return;
        }
        const sub = this.at(x, depth + 1);
        h.word(sub[0]);
        h.word(sub[1]);
        return;
      }
      default:
        throw new TypeError(`value hash: not plain data: ${typeof x}`);
    }
  }

  private str(s: string): readonly [number, number] {
    let r = this.strings.get(s);
    if (r === undefined) {
      const h = this.strHasher;
      h.hash(s);
      r = [h.hi, h.lo];
      if (this.strings.size >= 1 << 20) this.strings = new Map();
      this.strings.set(s, r);
    }
    return r;
  }

  private hasher(depth: number): Hasher {
    let h = this.pool[depth];
    if (h === undefined) {
      h = new Hasher();
      this.pool[depth] = h;
    }
    return h;
  }
}

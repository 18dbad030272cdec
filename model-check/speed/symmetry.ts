// TLC's SYMMETRY from a declared schema: a state's fingerprint is the least, over the group, of a
// hash of the renamed state, computed from the schema without building that state. Sets, bags and
// records keyed by names are hashed order-free, so the renamed value needs no re-sorting.
import { sortedKeys, type Permutation, type Schema, type Symmetry } from '../../src/core/index.ts';
import { Hasher } from '../fingerprint.ts';
import { values, type Hash } from './hash.ts';

type Shape = Schema<unknown> | { readonly [form: string]: unknown };
type Memo = WeakMap<object, (Hash | undefined)[]>;

const SET = 0x73657420;
const BAG = 0x62616720;
const REC = 0x72656320;
const SEQ = 0x73657120;
const FLD = 0x666c6420;

const byHash = (a: Hash, b: Hash): number => a[0] - b[0] || a[1] - b[1];

/** The symmetric fingerprint function of a model's declared symmetry. */
export function symmetricFingerprint<S>(sym: Symmetry<S>): (s: S, out: Hasher) => void {
  const perms = sym.permutations;
  const memos = new Map<object, Memo>();
  const pool: Hasher[] = [];
  const schema = sym.schema as Shape;

  const combine = (tag: number, parts: readonly Hash[], depth: number): Hash => {
    const h = (pool[depth] ??= new Hasher());
    h.begin(tag ^ parts.length);
    for (const p of parts) {
      h.word(p[0]);
      h.word(p[1]);
    }
    h.end();
    return [h.hi, h.lo];
  };

  const under = (x: unknown, shape: Shape, k: number, depth: number): Hash => {
    if (shape === 'plain' || typeof x !== 'object' || x === null) {
      if (shape === 'name' && typeof x === 'string') return values.str((perms[k] as Permutation)[x] ?? x);
      return values.hash(x);
    }
    const s = shape as { readonly [form: string]: unknown };
    let memo = memos.get(s);
    if (memo === undefined) memos.set(s, (memo = new WeakMap()));
    let known = memo.get(x);
    if (known === undefined) memo.set(x, (known = []));
    return (known[k] ??= compute(x, s, k, depth));
  };

  const compute = (x: object, s: { readonly [form: string]: unknown }, k: number, depth: number): Hash => {
    const d = depth + 1;
    const xs = x as readonly unknown[];
    if ('seq' in s) return combine(SEQ, xs.map((e) => under(e, s.seq as Shape, k, d)), depth);
    if ('set' in s) return combine(SET, xs.map((e) => under(e, s.set as Shape, k, d)).sort(byHash), depth);
    if ('bag' in s) {
      const entries = (x as readonly (readonly [string, unknown, number])[]).map((e) => combine(BAG, [under(e[1], s.bag as Shape, k, d), [e[2], 0]], d));
      return combine(BAG, entries.sort(byHash), depth);
    }
    const o = x as Readonly<Record<string, unknown>>;
    if ('record' in s) {
      const p = perms[k] as Permutation;
      const entries = Object.keys(o).map((key) => combine(REC, [values.str(p[key] ?? key), under(o[key], s.record as Shape, k, d)], d));
      return combine(REC, entries.sort(byHash), depth);
    }
    if ('cases' in s) return under(o, ((s.cases as Record<string, Shape>)[o['type'] as string] ?? 'plain') as Shape, k, depth);
    const fields = s.fields as Readonly<Record<string, Shape>>;
    return combine(FLD, sortedKeys(o).flatMap((key) => [values.str(key), under(o[key], fields[key] ?? 'plain', k, d)]), depth);
  };

  return (state, out) => {
    let best: Hash = [0xffffffff, 0xffffffff];
    for (let k = 0; k < perms.length; k++) {
      const h = under(state, schema, k, 0);
      if (byHash(h, best) < 0) best = h;
    }
    out.hi = best[0];
    out.lo = best[1];
  };
}

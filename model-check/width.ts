// Width-based search (IW(k), Lipovetzky and Geffner, ECAI 2012): breadth-first search that keeps a
// state only if it makes some set of at most k "atoms" (one variable's part at one value, e.g.
// currentTerm.s2 = 3, or one message in flight) true for the first time. It reaches deep states of
// low width in a polynomial number of steps; it is never exhaustive, and its traces are real.
import type { Model, Tagged } from '../src/core/index.ts';
import { Expander, Outcome } from './expand.ts';
import { FingerprintSet, Hasher } from './fingerprint.ts';
import type { Violation } from './run.ts';
import { values } from './speed/hash.ts';
import { traceOf } from './trace.ts';

/** Options of `widthSearch`. */
export interface WidthOptions {
  /** The width: 1 or 2. */
  readonly width: 1 | 2;
  readonly maxSeconds: number;
  readonly deadlock?: boolean;
  readonly speed?: boolean;
}

/** What the width search found. */
export interface WidthResult {
  readonly violation: Violation | null;
  /** States kept (novel) and expanded. */
  readonly kept: number;
  readonly generated: number;
  readonly depth: number;
  readonly seconds: number;
  /** True if the search ran out of novel states before the time limit. */
  readonly finished: boolean;
  readonly witnesses: Readonly<Record<string, boolean>>;
}

interface Node<S, A> {
  readonly s: S;
  readonly a: A | null;
  readonly up: Node<S, A> | null;
}

/** The atoms of a state: each variable's value, each entry of a record variable, each element of a list. */
function atoms(vars: Readonly<Record<string, unknown>>, out: number[]): void {
  out.length = 0;
  const h = new Hasher();
  for (const [name, v] of Object.entries(vars)) {
    const [nh] = values.str(name);
    if (Array.isArray(v)) {
      for (const e of v) push(out, h, nh, 0, values.part(e));
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, e] of Object.entries(v)) push(out, h, nh, values.str(k)[0], values.part(e));
    } else push(out, h, nh, 1, values.part(v));
  }
}

function push(out: number[], h: Hasher, a: number, b: number, v: readonly [number, number]): void {
  h.begin(0);
  h.word(a);
  h.word(b);
  h.word(v[0]);
  h.word(v[1]);
  h.end();
  out.push(h.hi, h.lo);
}

/** Searches breadth-first, keeping only novel states, until none is left, a violation, or `maxSeconds`. */
export function widthSearch<S, A extends Tagged>(model: Model<S, A>, opts: WidthOptions): WidthResult {
  const t0 = performance.now();
  const seen = new FingerprintSet();
  const novel = new FingerprintSet();
  const deadlock = opts.deadlock ?? model.checkDeadlock ?? true;
  const x = new Expander(model, { add: (hi, lo) => seen.add(hi, lo), record: () => -1, push: () => undefined }, deadlock, { symmetry: false, speed: opts.speed ?? true });
  const at: number[] = [];
  const pair = new Hasher();
  let kept = 0;
  let depth = 0;
  const isNovel = (s: S): boolean => {
    atoms(model.variables(s), at);
    let fresh = false;
    for (let k = 0; k < at.length; k += 2) {
      if (novel.add(at[k] as number, at[k + 1] as number)) fresh = true;
      if (opts.width === 1) continue;
      for (let j = 0; j < k; j += 2) {
        pair.begin(0);
        pair.word(at[j] as number);
        pair.word(at[j + 1] as number);
        pair.word(at[k] as number);
        pair.word(at[k + 1] as number);
        pair.end();
        if (novel.add(pair.hi, pair.lo)) fresh = true;
      }
    }
    return fresh;
  };
  const result = (violation: Violation | null, finished: boolean): WidthResult => ({
    violation, kept, generated: x.generated, depth, seconds: (performance.now() - t0) / 1000, finished, witnesses: x.witnesses,
  });
  const trace = (n: Node<S, A>, last: { t: S; a: A } | null, kind: Violation['kind'], name: string): Violation => {
    const states: S[] = [];
    const actions: (A | null)[] = [];
    for (let q: Node<S, A> | null = n; q !== null; q = q.up) {
      states.unshift(q.s);
      actions.unshift(q.a);
    }
    if (last !== null) {
      states.push(last.t);
      actions.push(last.a);
    }
    return { kind, name, trace: traceOf(model, states, actions) };
  };

  const inits = model.init();
  const start = x.initial(inits);
  if (start.broken !== null) return result(trace({ s: inits[start.broken.k] as S, a: null, up: null }, null, 'invariant', start.broken.name), false);
  let level: Node<S, A>[] = [];
  for (const k of start.kept) {
    x.note(inits[k] as S);
    isNovel(inits[k] as S);
    level.push({ s: inits[k] as S, a: null, up: null });
  }
  while (level.length > 0) {
    depth++;
    const next: Node<S, A>[] = [];
    for (const n of level) {
      kept++;
      const acts = model.actions(n.s);
      let enabled = 0;
      for (let k = 0; k < acts.length; k++) {
        const a = acts[k] as A;
        const t = model.next(n.s, a);
        if (t === null) continue;
        enabled++;
        const o = x.transition(n.s, t);
        if (o === Outcome.Broken) return result(trace(n, { t, a }, x.brokenBy.kind, x.brokenBy.name), false);
        if (o === Outcome.New && isNovel(t)) next.push({ s: t, a, up: n });
      }
      if (enabled === 0 && deadlock) return result(trace(n, null, 'deadlock', 'Deadlock'), false);
      if ((kept & 63) === 0 && (performance.now() - t0) / 1000 >= opts.maxSeconds) return result(null, false);
    }
    level = next;
  }
  return result(null, true);
}

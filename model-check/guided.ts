// Guided search for state spaces too deep to exhaust: an archive of one state per "cell" (an
// abstraction of the state, by default its node states without the network), and short random
// walks inside the constraint started from the cells visited least (Go-Explore, Ecoffet et al. 2021;
// coverage-guided fuzzing). Every successor computed is checked; traces are real behaviours.
import type { Model, Tagged } from '../src/core/index.ts';
import { Expander } from './expand.ts';
import { FingerprintSet, Hasher } from './fingerprint.ts';
import { fingerprinter } from './speed/fingerprint.ts';
import { Random } from './random.ts';
import type { Violation } from './run.ts';
import { values } from './speed/hash.ts';
import { Inside, LastKey, successorsInside } from './successors.ts';
import { traceOf } from './trace.ts';
import { pick, Weights } from './weights.ts';

/** Options of `guidedSearch`. */
export interface GuidedOptions {
  readonly seed: number;
  /** Stop after this many seconds (the search has no other end). */
  readonly maxSeconds: number;
  /** Steps of a behaviour at most (from an initial state). */
  readonly depth: number;
  /** Stop after this many walks too (a run reproduced exactly by its seed). */
  readonly maxWalks?: number;
  /** Steps of one walk from an archived state (default 20). */
  readonly walk?: number;
  /** Report a state without successors as a deadlock (default: the model's `checkDeadlock`, else true). */
  readonly deadlock?: boolean;
  /** The abstraction that defines a cell (default: the state's `nodes` if it has them, else the state). */
  readonly cell?: (s: unknown) => unknown;
  /** Walks draw swarm weights per action kind (default true). */
  readonly swarm?: boolean;
  readonly speed?: boolean;
  /** Seconds elapsed by the clock that `maxSeconds` counts (default: wall time; a CPU clock makes the box independent of the host's load). */
  readonly clock?: () => number;
}

/** What the guided search found. It is never exhaustive. */
export interface GuidedResult {
  readonly violation: Violation | null;
  readonly walks: number;
  readonly steps: number;
  readonly generated: number;
  /** Distinct states within the constraint computed. */
  readonly distinct: number;
  /** Cells in the archive. */
  readonly cells: number;
  /** Steps of the longest behaviour walked. */
  readonly longest: number;
  readonly seconds: number;
  readonly seed: number;
  readonly witnesses: Readonly<Record<string, boolean>>;
}

/** A behaviour as a chain back to its initial state. */
interface Path<S, A> {
  readonly s: S;
  /** The state's fingerprint. */
  readonly key: readonly [number, number];
  readonly a: A | null;
  readonly up: Path<S, A> | null;
  readonly length: number;
}

interface Cell<S, A> {
  readonly at: Path<S, A>;
  /** Walks started from the cell. */
  chosen: number;
  /** Times a walk passed through the cell. */
  seen: number;
}

/**
 * The default cell: each node's scalar fields and lists of records (a log), without its sets of ids
 * and its maps (votes, per-peer indexes) or the network; a state without `nodes` is its own cell.
 */
export function defaultCell(s: unknown): unknown {
  if (typeof s !== 'object' || s === null || !('nodes' in s)) return s;
  const nodes = (s as { nodes: Readonly<Record<string, unknown>> }).nodes;
  const out: Record<string, unknown> = {};
  for (const [i, n] of Object.entries(nodes)) {
    if (typeof n !== 'object' || n === null) {
      out[i] = n;
      continue;
    }
    const kept: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(n)) {
      if (typeof v !== 'object' || v === null || (Array.isArray(v) && typeof v[0] === 'object')) kept[k] = v;
    }
    out[i] = kept;
  }
  return out;
}

/** Searches until `maxSeconds` or a violation. */
export function guidedSearch<S, A extends Tagged>(model: Model<S, A>, opts: GuidedOptions): GuidedResult {
  const t0 = performance.now();
  const clock = opts.clock ?? (() => performance.now() / 1000);
  const c0 = clock();
  const rng = new Random(opts.seed);
  const seen = new FingerprintSet();
  const deadlock = opts.deadlock ?? model.checkDeadlock ?? true;
  const last = new LastKey();
  const x = new Expander(model, { add: last.recording((hi, lo) => seen.add(hi, lo)), record: () => -1, push: () => undefined }, deadlock, { symmetry: false, speed: opts.speed ?? true });
  const cellOf = opts.cell ?? defaultCell;
  const fp = fingerprinter(model, { symmetry: false, speed: opts.speed ?? true });
  const hasher = new Hasher();
  const fingerprint = (s: S): [number, number] => (fp(s, hasher), [hasher.hi, hasher.lo]);
  const cells = new Map<number, Cell<S, A>>();
  const archive: Cell<S, A>[] = [];
  let walks = 0;
  let steps = 0;
  let longest = 0;
  const result = (violation: Violation | null): GuidedResult => ({
    violation, walks, steps, generated: x.generated, distinct: seen.size, cells: archive.length, longest,
    seconds: (performance.now() - t0) / 1000, seed: opts.seed, witnesses: x.witnesses,
  });
  const trace = (p: Path<S, A>, last: { t: S; a: A } | null, kind: Violation['kind'], name: string): Violation => {
    const states: S[] = [];
    const actions: (A | null)[] = [];
    for (let q: Path<S, A> | null = p; q !== null; q = q.up) {
      states.push(q.s);
      actions.push(q.a);
    }
    states.reverse();
    actions.reverse();
    if (last !== null) {
      states.push(last.t);
      actions.push(last.a);
    }
    return { kind, name, trace: traceOf(model, states, actions) };
  };
  const archived = (p: Path<S, A>): void => {
    const [hi, lo] = values.hash(cellOf(p.s));
    const key = hi * 2097152 + (lo & 0x1fffff);
    const c = cells.get(key);
    if (c !== undefined) c.seen++;
    else {
      const fresh = { at: p, chosen: 0, seen: 0 };
      cells.set(key, fresh);
      archive.push(fresh);
    }
  };

  const inits = model.init();
  const start = x.initial(inits);
  if (start.broken !== null) return result(trace({ s: inits[start.broken.k] as S, key: [0, 0], a: null, up: null, length: 0 }, null, 'invariant', start.broken.name));
  for (const k of start.kept) {
    x.note(inits[k] as S);
    const key = fingerprint(inits[k] as S);
    archived({ s: inits[k] as S, key, a: null, up: null, length: 0 });
  }
  const next = new Inside<S, A>();
  while (archive.length > 0 && walks < (opts.maxWalks ?? Infinity) && clock() - c0 < opts.maxSeconds) {
    const from = promising(archive, rng);
    from.chosen++;
    walks++;
    const weights = new Weights(rng, opts.swarm ?? true);
    let p = from.at;
    for (let d = 0; d < (opts.walk ?? 20) && p.length < opts.depth; d++) {
      successorsInside(model, x, p.s, p.key, last, weights, next);
      if (next.bad !== null) return result(trace(p, { t: next.bad.t, a: next.bad.a }, next.bad.kind, next.bad.name));
      if (next.enabled === 0 && deadlock) return result(trace(p, null, 'deadlock', 'Deadlock'));
      if (next.states.length === 0) break;
      const k = next.total === 0 ? rng.below(next.states.length) : pick(next.weight, rng.below(next.total));
      p = { s: next.states[k] as S, key: [next.keys[2 * k] as number, next.keys[2 * k + 1] as number], a: next.via[k] as A, up: p, length: p.length + 1 };
      steps++;
      longest = Math.max(longest, p.length);
      archived(p);
    }
  }
  return result(null);
}

/** Go-Explore's choice: of a few cells drawn at random, the one least chosen and least seen (O(1) per choice). */
function promising<C extends { chosen: number; seen: number }>(archive: readonly C[], rng: Random): C {
  const score = (c: C): number => 1 / Math.sqrt(c.chosen + 1) + 1 / Math.sqrt(c.seen + 1);
  let best = archive[rng.below(archive.length)] as C;
  for (let k = 0; k < 3; k++) {
    const c = archive[rng.below(archive.length)] as C;
    if (score(c) > score(best)) best = c;
  }
  return best;
}

// Random simulation (TLC's -simulate): reproducible random walks that stay inside the constraint,
// checking every invariant and action property on every successor they compute.
import type { Model, Tagged } from '../src/core/index.ts';
import { Expander } from './expand.ts';
import { FingerprintSet } from './fingerprint.ts';
import { Random } from './random.ts';
import type { Violation } from './run.ts';
import { Inside, LastKey, successorsInside } from './successors.ts';
import { pick, Weights } from './weights.ts';
import { traceOf } from './trace.ts';

/** Options of `simulate`. */
export interface SimulateOptions {
  /** Number of walks. */
  readonly walks: number;
  /** Steps per walk at most. */
  readonly depth: number;
  readonly seed: number;
  /** Report a state without successors as a deadlock (default: the model's `checkDeadlock`, else true). */
  readonly deadlock?: boolean;
  readonly maxSeconds?: number;
  readonly onProgress?: (p: { walks: number; steps: number; distinct: number; seconds: number }) => void;
  readonly progressIntervalMs?: number;
  /** The speed layer (structural hashes remembered per object); default true. */
  readonly speed?: boolean;
  /**
   * Swarm testing (Groce et al., ISSTA 2012): each walk draws its own weight per action kind, some
   * kinds left out, so that walks differ in what they do most; default false (uniform choice).
   */
  readonly swarm?: boolean;
}

/** What the walks found. A walk's trace is a witness, not necessarily the shortest one. */
export interface SimulateResult {
  readonly verdict: 'ok' | 'violation' | 'incomplete';
  readonly walks: number;
  readonly steps: number;
  /** Successors computed (each checked), initial states included. */
  readonly generated: number;
  /** Distinct states within the constraint computed over all walks. */
  readonly distinct: number;
  /** Steps of the longest walk. */
  readonly longest: number;
  readonly seconds: number;
  readonly seed: number;
  /** The walk (from 0) that found the violation, or null. */
  readonly walk: number | null;
  readonly violation: Violation | null;
  readonly witnesses: Readonly<Record<string, boolean>>;
  readonly incomplete: string | null;
}

/** The seed of walk `w` of a run seeded `seed`: each walk is reproduced by the run's seed alone. */
export function walkSeed(seed: number, w: number): number {
  let h = (seed ^ Math.imul(w + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  return (h ^ (h >>> 13)) >>> 0;
}

/**
 * Walks `walks` times from a random initial state. At each step every successor is computed and
 * checked; the walk moves to one of those inside the constraint (weighted by kind with `swarm`) and
 * ends at `depth` steps or when none is inside (a deadlock when no action is enabled at all).
 */
export function simulate<S, A extends Tagged>(model: Model<S, A>, opts: SimulateOptions): SimulateResult {
  const t0 = performance.now();
  const seen = new FingerprintSet();
  const checkDeadlock = opts.deadlock ?? model.checkDeadlock ?? true;
  const fp = { symmetry: false, speed: opts.speed ?? true };
  // The search core checks every successor; each is new to it, the walks count distinct states apart.
  const last = new LastKey();
  const x = new Expander(model, { add: last.recording((hi, lo) => (seen.add(hi, lo), true)), record: () => -1, push: () => undefined }, checkDeadlock, fp);
  const inits = model.init();
  let steps = 0;
  let longest = 0;
  let lastReport = t0;
  const result = (walks: number, walk: number | null, violation: Violation | null, incomplete: string | null): SimulateResult => ({
    verdict: violation !== null ? 'violation' : incomplete !== null ? 'incomplete' : 'ok',
    walks, steps, generated: x.generated, distinct: seen.size, longest, seconds: (performance.now() - t0) / 1000, seed: opts.seed,
    walk, violation, witnesses: x.witnesses, incomplete,
  });

  for (let w = 0; w < opts.walks; w++) {
    const rng = new Random(walkSeed(opts.seed, w));
    const weights = new Weights(rng, opts.swarm === true);
    const start = inits[rng.below(inits.length)] as S;
    const walk = walkFrom(model, x, last, start, rng, weights, opts.depth, checkDeadlock);
    steps += walk.states.length - 1;
    longest = Math.max(longest, walk.states.length - 1);
    if (walk.bad !== null) {
      const states = walk.bad.last === null ? walk.states : [...walk.states, walk.bad.last.t];
      const actions = walk.bad.last === null ? walk.actions : [...walk.actions, walk.bad.last.a];
      return result(w + 1, w, { kind: walk.bad.kind, name: walk.bad.name, trace: traceOf(model, states, actions) }, null);
    }
    const now = performance.now();
    if (opts.maxSeconds !== undefined && (now - t0) / 1000 >= opts.maxSeconds) return result(w + 1, null, null, `stopped at --max-seconds ${opts.maxSeconds}`);
    if (opts.onProgress !== undefined && now - lastReport >= (opts.progressIntervalMs ?? 2000)) {
      lastReport = now;
      opts.onProgress({ walks: w + 1, steps, distinct: seen.size, seconds: (now - t0) / 1000 });
    }
  }
  return result(opts.walks, null, null, null);
}

interface Walk<S, A> {
  readonly states: S[];
  readonly actions: (A | null)[];
  /** What broke: on the last state of the walk, or on the successor `last` off it. */
  bad: { kind: Violation['kind']; name: string; last: { t: S; a: A } | null } | null;
}

/** One walk from `s`, choosing among the successors inside the constraint. */
function walkFrom<S, A extends Tagged>(model: Model<S, A>, x: Expander<S, A>, last: LastKey, s: S, rng: Random, weights: Weights, depth: number, deadlock: boolean): Walk<S, A> {
  const walk: Walk<S, A> = { states: [s], actions: [null], bad: null };
  last.hi = last.lo = 0;
  const start = x.initial([s]);
  let key: [number, number] = [last.hi, last.lo];
  if (start.broken !== null) return ((walk.bad = { kind: 'invariant', name: start.broken.name, last: null }), walk);
  if (start.kept.length === 0) return walk; // the initial state is outside the constraint
  x.note(s);
  const next = new Inside<S, A>();
  for (let d = 0; d < depth; d++) {
    successorsInside(model, x, s, key, last, weights, next);
    if (next.bad !== null) return ((walk.bad = { kind: next.bad.kind, name: next.bad.name, last: { t: next.bad.t, a: next.bad.a } }), walk);
    if (next.enabled === 0 && deadlock) return ((walk.bad = { kind: 'deadlock', name: 'Deadlock', last: null }), walk);
    if (next.states.length === 0) return walk;
    const k = next.total === 0 ? rng.below(next.states.length) : pick(next.weight, rng.below(next.total));
    s = next.states[k] as S;
    key = [next.keys[2 * k] as number, next.keys[2 * k + 1] as number];
    walk.states.push(s);
    walk.actions.push(next.via[k] as A);
  }
  return walk;
}

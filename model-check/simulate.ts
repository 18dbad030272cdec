// Random simulation (TLC's -simulate): reproducible random walks that check every invariant and
// action property at each step, for models too big to exhaust.
import type { Model, Tagged } from '../src/core/index.ts';
import { Expander, Outcome } from './expand.ts';
import { FingerprintSet, Hasher } from './fingerprint.ts';
import { Random } from './random.ts';
import type { Violation } from './run.ts';
import { fingerprinter } from './speed/fingerprint.ts';
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
}

/** What the walks found. A walk's trace is a witness, not necessarily the shortest one. */
export interface SimulateResult {
  readonly verdict: 'ok' | 'violation' | 'incomplete';
  readonly walks: number;
  readonly steps: number;
  /** Distinct states visited over all walks (within the constraint). */
  readonly distinct: number;
  readonly seconds: number;
  readonly seed: number;
  readonly violation: Violation | null;
  readonly witnesses: Readonly<Record<string, boolean>>;
  readonly incomplete: string | null;
}

/**
 * Walks `walks` times from a random initial state, taking a uniformly random enabled action at each
 * step, until `depth` steps, a state without successors, or a successor outside the constraint.
 */
export function simulate<S, A extends Tagged>(model: Model<S, A>, opts: SimulateOptions): SimulateResult {
  const t0 = performance.now();
  const rng = new Random(opts.seed);
  const seen = new FingerprintSet();
  const checkDeadlock = opts.deadlock ?? model.checkDeadlock ?? true;
  const fp = { symmetry: false, speed: opts.speed ?? true };
  // The search core checks every step; every state is new to it, the walks count distinct states apart.
  const x = new Expander(model, { add: (hi, lo) => (seen.add(hi, lo), true), record: () => -1, push: () => undefined }, checkDeadlock, fp);
  const hasher = new Hasher();
  const fingerprint = fingerprinter(model, fp);
  const inits = model.init();
  let steps = 0;
  let lastReport = t0;
  const result = (walks: number, violation: Violation | null, incomplete: string | null): SimulateResult => ({
    verdict: violation !== null ? 'violation' : incomplete !== null ? 'incomplete' : 'ok',
    walks, steps, distinct: seen.size, seconds: (performance.now() - t0) / 1000, seed: opts.seed,
    violation, witnesses: x.witnesses, incomplete,
  });

  for (let w = 0; w < opts.walks; w++) {
    let s = inits[rng.below(inits.length)] as S;
    const states: S[] = [s];
    const actions: (A | null)[] = [null];
    const bad = x.broken(s);
    if (bad !== null) return result(w + 1, { kind: 'invariant', name: bad, trace: traceOf(model, states, actions) }, null);
    fingerprint(s, hasher);
    if (seen.add(hasher.hi, hasher.lo)) x.note(s);
    for (let d = 0; d < opts.depth; d++) {
      const acts = [...model.actions(s)];
      let t: S | null = null;
      let a: A | null = null;
      // Try actions in random order until one is enabled: uniform over the enabled ones.
      while (acts.length > 0) {
        const k = rng.below(acts.length);
        a = acts[k] as A;
        acts[k] = acts[acts.length - 1] as A;
        acts.pop();
        t = model.next(s, a);
        if (t !== null) break;
      }
      if (t === null || a === null) {
        if (checkDeadlock) return result(w + 1, { kind: 'deadlock', name: 'Deadlock', trace: traceOf(model, states, actions) }, null);
        break;
      }
      steps++;
      states.push(t);
      actions.push(a);
      const o = x.transition(s, t);
      if (o === Outcome.Broken) return result(w + 1, { ...x.brokenBy, trace: traceOf(model, states, actions) }, null);
      if (o === Outcome.Outside) break;
      s = t;
    }
    const now = performance.now();
    if (opts.maxSeconds !== undefined && (now - t0) / 1000 >= opts.maxSeconds) {
      return result(w + 1, null, `stopped at --max-seconds ${opts.maxSeconds}`);
    }
    if (opts.onProgress !== undefined && now - lastReport >= (opts.progressIntervalMs ?? 2000)) {
      lastReport = now;
      opts.onProgress({ walks: w + 1, steps, distinct: seen.size, seconds: (now - t0) / 1000 });
    }
  }
  return result(opts.walks, null, null);
}

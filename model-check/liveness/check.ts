// The liveness check: builds the explored graph once per assumption, then searches it for a fair
// lasso violating each selected temporal property (model-check/liveness; docs/liveness.md).
import type { Model, Tagged, TemporalProperty } from '../../src/core/index.ts';
import { traceOf, type TraceStep } from '../trace.ts';
import { fairOf, type Rejections } from './fair.ts';
import { buildGraph, type GraphOptions, type StateGraph } from './graph.ts';
import { counterexample, type LassoIds } from './search.ts';

/** Options of `checkLiveness`. */
export interface LivenessOptions {
  /** The temporal properties to check, by name (default: all the model declares). */
  readonly properties?: readonly string[];
  /** Give up (verdict `incomplete`) when the graph passes this many states. */
  readonly maxStates?: number;
  /** Give up (verdict `incomplete`) after this many seconds of building graphs. */
  readonly maxSeconds?: number;
}

/** A lasso: `trace` (prefix, then cycle), and the step back to state `backTo` (1-based). */
export interface Lasso {
  readonly trace: readonly TraceStep[];
  readonly backTo: number;
  /** The action that closes the cycle; null: the behaviour stutters forever at the last state. */
  readonly back: string | null;
  /** States in the cycle (1 for stuttering). */
  readonly cycleLength: number;
}

/** The verdict of one temporal property. */
export interface PropertyVerdict {
  readonly name: string;
  readonly formula: string;
  readonly holds: boolean;
  readonly lasso: Lasso | null;
  /** Fair-looking cycles refused only because a fair step there left the bounds (docs/liveness.md). */
  readonly boundRejected: number;
  readonly distinct: number;
  readonly generated: number;
}

/** What the liveness check found. */
export interface LivenessResult {
  readonly verdict: 'ok' | 'violation' | 'incomplete';
  readonly properties: readonly PropertyVerdict[];
  readonly seconds: number;
  readonly incomplete: string | null;
}

/** Checks the model's temporal properties under its fairness; one graph per distinct assumption. */
export function checkLiveness<S, A extends Tagged>(model: Model<S, A>, o: LivenessOptions = {}): LivenessResult {
  const t0 = performance.now();
  const declared = model.temporal ?? {};
  const names = o.properties ?? Object.keys(declared);
  const graphs = new Map<string, StateGraph<S, A> | null>();
  const out: PropertyVerdict[] = [];
  for (const name of names) {
    const prop = declared[name];
    if (prop === undefined) throw new Error(`${model.name} declares no temporal property ${name}`);
    const key = `${graphKey(prop.assume)}/${graphKey(prop.assumeStep)}`;
    if (!graphs.has(key)) graphs.set(key, buildGraph(model, { ...graphOptions(prop, o), startedAt: t0 }));
    const g = graphs.get(key) as StateGraph<S, A> | null;
    if (g === null) {
      const why = o.maxStates !== undefined && (o.maxSeconds === undefined || (performance.now() - t0) / 1000 < o.maxSeconds) ? `stopped at --max-states ${o.maxStates}` : `stopped at --max-seconds ${o.maxSeconds}`;
      return { verdict: 'incomplete', properties: out, seconds: (performance.now() - t0) / 1000, incomplete: why };
    }
    out.push(verdictOf(model, g, name, prop));
    if (!(out.at(-1) as PropertyVerdict).holds) break;
  }
  const verdict = out.every((p) => p.holds) ? 'ok' : 'violation';
  return { verdict, properties: out, seconds: (performance.now() - t0) / 1000, incomplete: null };
}

const keys = new WeakMap<object, number>();
let nextKey = 1;
/** One graph per distinct pair of assumptions (by identity). */
function graphKey(f: object | undefined): number {
  if (f === undefined) return 0;
  if (!keys.has(f)) keys.set(f, nextKey++);
  return keys.get(f) as number;
}

function graphOptions<S>(prop: TemporalProperty<S>, o: LivenessOptions): GraphOptions {
  return {
    ...(prop.assume !== undefined ? { assume: prop.assume as (s: unknown) => boolean } : {}),
    ...(prop.assumeStep !== undefined ? { assumeStep: prop.assumeStep as (s: unknown, t: unknown) => boolean } : {}),
    ...(o.maxStates !== undefined ? { maxStates: o.maxStates } : {}),
    ...(o.maxSeconds !== undefined ? { maxSeconds: o.maxSeconds } : {}),
  };
}

function verdictOf<S, A extends Tagged>(model: Model<S, A>, g: StateGraph<S, A>, name: string, prop: TemporalProperty<S>): PropertyVerdict {
  const r: Rejections = { bound: 0 };
  const found = counterexample(g, prop, fairOf(prop.fairness ?? model.fairness ?? []), r);
  const lasso = found === null ? null : lassoOf(model, g, found);
  return { name, formula: prop.formula, holds: found === null, lasso, boundRejected: r.bound, distinct: g.states.length, generated: g.generated };
}

/** The lasso's states and actions as a trace; the cycle's last step goes back, so it is not repeated. */
function lassoOf<S, A extends Tagged>(model: Model<S, A>, g: StateGraph<S, A>, l: LassoIds<A>): Lasso {
  const edges = [...l.prefix, ...l.cycle];
  const last = l.cycle.at(-1);
  const shown = last === undefined ? edges : edges.slice(0, -1);
  const states = [g.states[l.start] as S, ...shown.map((e) => g.states[e.to] as S)];
  const actions = [null, ...shown.map((e) => e.action)];
  return {
    trace: traceOf(model, states, actions),
    backTo: l.prefix.length + 1,
    back: last === undefined ? null : model.describe(last.action),
    cycleLength: Math.max(1, l.cycle.length),
  };
}

/** A lasso as text, TLC-like: the trace, then `N: Back to state K` (or `N: Stuttering`). */
export function formatLasso(l: Lasso, format: (t: readonly TraceStep[]) => string): string {
  const n = l.trace.length + 1;
  const tail = l.back === null ? `${n}: Stuttering (the behaviour stays in state ${l.backTo} forever)` : `${n}: Back to state ${l.backTo}: ${l.back}`;
  return `${format(l.trace)}\n${tail}`;
}

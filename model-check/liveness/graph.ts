// The explored state graph the liveness check searches: every state reachable within the
// constraint (normalised by the model's view, if any), its edges labelled with fairness instances,
// and, per state, every fairness instance enabled there, including steps the constraint pruned.
import { canonical, type Model, type Tagged } from '../../src/core/index.ts';

/** One edge `from -> to` taken by action `action`, whose fairness instance is `instance`. */
export interface Edge<A> {
  readonly to: number;
  readonly action: A;
  readonly instance: string;
}

/** The graph: states by id (0.. in BFS order), out-edges, enabled and pruned instances per state. */
export interface StateGraph<S, A> {
  readonly states: readonly S[];
  readonly edges: readonly (readonly Edge<A>[])[];
  /** Instances with a non-stuttering step at the state (TLA+ `ENABLED <<A>>_vars`), pruned ones included. */
  readonly enabled: readonly (readonly string[])[];
  /** Instances whose step left the constraint (generated, checked, not explored). */
  readonly pruned: readonly (readonly string[])[];
  readonly inits: readonly number[];
  /** Initial states plus successors computed, stutters and pruned ones included. */
  readonly generated: number;
}

/** Limits on building the graph. */
export interface GraphOptions {
  /** Behaviours never enter a state violating this (a property's assumption: not a bound). */
  readonly assume?: (s: unknown) => boolean;
  /** Behaviours never take a step `s -> t` violating this (an assumption on steps; `t` before the view). */
  readonly assumeStep?: (s: unknown, t: unknown) => boolean;
  readonly maxStates?: number;
  /** Give up after this many seconds (counted from `performance.now()` = `startedAt`). */
  readonly maxSeconds?: number;
  readonly startedAt?: number;
}

/** The fairness instance of action `a` (a family name, then its parameters). */
export function instanceOf<S, A extends Tagged>(model: Model<S, A>, a: A): string {
  return model.instance?.(a) ?? model.describe(a);
}

/** The family of an instance: its name before the parameters (`Timeout(s1)` -> `Timeout`). */
export function familyOf(instance: string): string {
  const k = instance.indexOf('(');
  return k < 0 ? instance : instance.slice(0, k);
}

/** Builds the graph breadth-first; returns null when `maxStates` or `maxSeconds` is passed. */
export function buildGraph<S, A extends Tagged>(model: Model<S, A>, o: GraphOptions = {}): StateGraph<S, A> | null {
  const view = model.normalize ?? ((s: S) => s);
  const inside = (s: S): boolean => model.constraint === undefined || model.constraint(s);
  const assumed = (s: S): boolean => o.assume === undefined || o.assume(s);
  const stepAssumed = (s: S, t: S): boolean => o.assumeStep === undefined || o.assumeStep(s, t);
  const ids = new Map<string, number>();
  const states: S[] = [];
  const edges: Edge<A>[][] = [];
  const enabled: string[][] = [];
  const pruned: string[][] = [];
  const inits: number[] = [];
  let generated = 0;
  const add = (s: S, key: string): number => {
    const id = states.length;
    ids.set(key, id);
    states.push(s);
    edges.push([]);
    enabled.push([]);
    pruned.push([]);
    return id;
  };
  for (const s0 of model.init()) {
    generated++;
    const s = view(s0);
    if (!inside(s) || !assumed(s)) continue;
    const key = canonical(s);
    if (!ids.has(key)) inits.push(add(s, key));
  }
  for (let id = 0; id < states.length; id++) {
    if (o.maxStates !== undefined && states.length > o.maxStates) return null;
    if (o.maxSeconds !== undefined && (id & 1023) === 0 && performance.now() - (o.startedAt ?? 0) > o.maxSeconds * 1000) return null;
    const s = states[id] as S;
    const here = canonical(s);
    for (const a of model.actions(s)) {
      const raw = model.next(s, a);
      if (raw === null) continue;
      generated++;
      const t = view(raw);
      const key = raw === s ? here : canonical(t);
      if (raw === s || (key === here && canonical(raw) === here)) continue; // a stutter: not <<A>>_vars
      if (!assumed(t) || !stepAssumed(s, raw)) continue; // the assumption: [Next /\ Assume']_vars, WF_vars(A /\ Assume')
      const inst = instanceOf(model, a);
      (enabled[id] as string[]).push(inst);
      if (!inside(t)) {
        (pruned[id] as string[]).push(inst);
        continue;
      }
      const to = ids.get(key) ?? add(t, key);
      (edges[id] as Edge<A>[]).push({ to, action: a, instance: inst });
    }
  }
  return { states, edges, enabled, pruned, inits, generated };
}

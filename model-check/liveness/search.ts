// One temporal property against the graph: the states a counterexample's cycle may stay in, the
// fair strongly connected parts among them, and the lasso (prefix, then cycle) to the nearest one.
import type { TemporalProperty } from '../../src/core/index.ts';
import type { Edge, StateGraph } from './graph.ts';
import { fairPart, type Fair, type Rejections } from './fair.ts';
import { fairCycle } from './cycle.ts';
import { originOf, pathTo, reach } from './paths.ts';
import { components } from './scc.ts';

/** A lasso as state ids: `prefix` edges from `start`, then `cycle` edges back to the prefix's end. */
export interface LassoIds<A> {
  readonly start: number;
  readonly prefix: readonly Edge<A>[];
  readonly cycle: readonly Edge<A>[];
}

/**
 * A fair behaviour violating `prop`, or null. `<>P`: the cycle and the whole prefix avoid P;
 * `[]<>P`: the cycle avoids P; `P ~> Q`: from a reachable P /\ ~Q state, a path and a cycle avoid Q.
 */
export function counterexample<S, A>(g: StateGraph<S, A>, prop: TemporalProperty<S>, f: Fair, r: Rejections): LassoIds<A> | null {
  const holds = (pred: (s: S) => boolean) => (v: number): boolean => pred(g.states[v] as S);
  const all = reach(g, g.inits, () => true);
  let seeds: number[];
  let avoid: (v: number) => boolean;
  if (prop.kind === 'eventually') {
    avoid = (v) => !holds(prop.p)(v);
    seeds = g.inits.filter(avoid);
  } else if (prop.kind === 'infinitely-often') {
    avoid = (v) => !holds(prop.p)(v);
    seeds = [...all.dist.keys()].filter(avoid);
  } else {
    const q = prop.q ?? (() => false);
    avoid = (v) => !holds(q)(v);
    seeds = [...all.dist.keys()].filter((v) => holds(prop.p)(v) && avoid(v)).sort((a, b) => (all.dist.get(a) as number) - (all.dist.get(b) as number));
  }
  const tail = reach(g, seeds, avoid);
  const nodes = [...tail.dist.keys()];
  let best: { part: readonly number[]; entry: number; cost: number } | null = null;
  for (const scc of components(nodes, (v) => (g.edges[v] ?? []).map((e) => e.to))) {
    const part = fairPart(g, scc, f, r);
    if (part === null) continue;
    const cost = (v: number) => (all.dist.get(originOf(tail, v)) as number) + (tail.dist.get(v) as number);
    const entry = part.reduce((a, b) => (cost(b) < cost(a) ? b : a));
    if (best === null || cost(entry) < best.cost) best = { part, entry, cost: cost(entry) };
  }
  if (best === null) return null;
  const origin = originOf(tail, best.entry);
  const toOrigin = pathTo(all, origin);
  const start = toOrigin.length === 0 ? origin : originOf(all, origin);
  return { start, prefix: [...toOrigin, ...pathTo(tail, best.entry)], cycle: fairCycle(g, best.part, best.entry, f) };
}

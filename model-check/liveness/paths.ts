// Shortest paths inside a set of states of the graph, for the lasso's prefix and its cycle.
import type { Edge, StateGraph } from './graph.ts';

/** A breadth-first search from `sources` through states that `allowed` admits. */
export interface Reach<A> {
  readonly dist: ReadonlyMap<number, number>;
  readonly via: ReadonlyMap<number, { readonly from: number; readonly edge: Edge<A> }>;
}

export function reach<A>(g: StateGraph<unknown, A>, sources: readonly number[], allowed: (v: number) => boolean): Reach<A> {
  const dist = new Map<number, number>();
  const via = new Map<number, { from: number; edge: Edge<A> }>();
  const queue: number[] = [];
  for (const s of sources) {
    if (allowed(s) && !dist.has(s)) {
      dist.set(s, 0);
      queue.push(s);
    }
  }
  for (let k = 0; k < queue.length; k++) {
    const v = queue[k] as number;
    for (const e of g.edges[v] ?? []) {
      if (dist.has(e.to) || !allowed(e.to)) continue;
      dist.set(e.to, (dist.get(v) as number) + 1);
      via.set(e.to, { from: v, edge: e });
      queue.push(e.to);
    }
  }
  return { dist, via };
}

/** The edges from a source of `r` to `v`, in order. */
export function pathTo<A>(r: Reach<A>, v: number): Edge<A>[] {
  const out: Edge<A>[] = [];
  for (let w = v; r.via.has(w); ) {
    const step = r.via.get(w) as { from: number; edge: Edge<A> };
    out.push(step.edge);
    w = step.from;
  }
  return out.reverse();
}

/** The source a path of `r` to `v` starts from. */
export function originOf<A>(r: Reach<A>, v: number): number {
  let w = v;
  while (r.via.has(w)) w = (r.via.get(w) as { from: number }).from;
  return w;
}

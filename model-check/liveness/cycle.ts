// A fair cycle through a fair strongly connected set: from its entry state, a closed walk that
// takes every fair instance the set requires and visits a state where each other weakly fair
// instance is disabled; an empty walk is stuttering (TLA+ behaviours may stutter forever).
import type { Edge, StateGraph } from './graph.ts';
import { alwaysEnabled, takenIn, type Fair } from './fair.ts';
import { pathTo, reach } from './paths.ts';

/** The closed walk from `entry` back to `entry` inside `part` (empty: stutter at `entry`). */
export function fairCycle<A>(g: StateGraph<unknown, A>, part: readonly number[], entry: number, f: Fair): Edge<A>[] {
  const inside = new Set(part);
  const taken = takenIn(g, part, inside);
  const always = alwaysEnabled(g, part, f);
  const walk: Edge<A>[] = [];
  const visited = new Set([entry]);
  let at = entry;
  const goTo = (v: number): void => {
    for (const e of pathTo(reach(g, [at], (w) => inside.has(w)), v)) {
      walk.push(e);
      visited.add(e.to);
    }
    at = v;
  };
  const needed = new Set<string>();
  for (const v of part) for (const i of g.enabled[v] ?? []) if (f.weak(i) || f.strong(i)) needed.add(i);
  const order = [...needed].sort();
  // First what must be taken (enabled throughout, or strongly fair), then a state disabling each other one.
  for (const i of order.filter((x) => always.has(x) || f.strong(x))) {
    if (!taken.has(i) || walk.some((e) => e.instance === i)) continue;
    const from = nearest(g, part, inside, at, (v) => (g.edges[v] ?? []).some((x) => x.instance === i && inside.has(x.to)));
    goTo(from);
    const x = (g.edges[from] ?? []).find((y) => y.instance === i && inside.has(y.to)) as Edge<A>;
    walk.push(x);
    visited.add(x.to);
    at = x.to;
  }
  for (const i of order.filter((x) => !always.has(x) && !f.strong(x))) {
    const off = (v: number) => !(g.enabled[v] ?? []).includes(i);
    if ([...visited].some(off) || walk.some((e) => e.instance === i)) continue;
    goTo(nearest(g, part, inside, at, off));
  }
  if (at !== entry) goTo(entry);
  return walk;
}

/** The state of `part` nearest to `from` (inside `part`) that satisfies `want`. */
function nearest<A>(g: StateGraph<unknown, A>, part: readonly number[], inside: ReadonlySet<number>, from: number, want: (v: number) => boolean): number {
  const r = reach(g, [from], (w) => inside.has(w));
  let best = -1;
  for (const v of part) if (want(v) && r.dist.has(v) && (best < 0 || (r.dist.get(v) as number) < (r.dist.get(best) as number))) best = v;
  if (best < 0) throw new Error('a strongly connected part reaches each of its states');
  return best;
}

// Whether a strongly connected set of states holds a fair cycle: weak fairness (an instance enabled
// at every state of the set must be taken inside it), strong fairness (an instance enabled at some
// state must be taken inside it, else those states are removed and the rest searched again).
import type { Fairness } from '../../src/core/index.ts';
import type { StateGraph } from './graph.ts';
import { familyOf } from './graph.ts';
import { components } from './scc.ts';

/** Which instances the declared fairness covers, weakly and strongly. */
export interface Fair {
  weak(instance: string): boolean;
  strong(instance: string): boolean;
}

/** The fairness conditions as instance tests: a declaration names a family or one instance. */
export function fairOf(fairness: readonly Fairness[]): Fair {
  const covers = (kind: 'weak' | 'strong') => {
    const names = new Set(fairness.filter((f) => f.kind === kind).map((f) => f.action));
    return (i: string): boolean => names.has(i) || names.has(familyOf(i));
  };
  return { weak: covers('weak'), strong: covers('strong') };
}

/** What a search rejected: fair-looking cycles refused only because a fair step left the bounds. */
export interface Rejections {
  bound: number;
}

/** Instances taken by an edge that stays inside `inside`. */
export function takenIn(g: StateGraph<unknown, unknown>, nodes: readonly number[], inside: ReadonlySet<number>): Set<string> {
  const taken = new Set<string>();
  for (const v of nodes) for (const e of g.edges[v] ?? []) if (inside.has(e.to)) taken.add(e.instance);
  return taken;
}

/** Weak instances enabled at every state of `nodes` (`pruned: false`: steps the constraint pruned not counted). */
export function alwaysEnabled(g: StateGraph<unknown, unknown>, nodes: readonly number[], f: Fair, pruned = true): Set<string> {
  let always = null as Set<string> | null;
  for (const v of nodes) {
    const cut = pruned ? [] : (g.pruned[v] ?? []);
    const here = new Set<string>((g.enabled[v] ?? []).filter((i: string) => f.weak(i) && !cut.includes(i)));
    always = always === null ? here : new Set([...always].filter((i) => here.has(i)));
    if (always.size === 0) break;
  }
  return always ?? new Set();
}

/** A fair strongly connected subset of `scc` (every state of which a fair cycle may visit), or null. */
export function fairPart(g: StateGraph<unknown, unknown>, scc: readonly number[], f: Fair, r: Rejections): readonly number[] | null {
  const inside = new Set(scc);
  const taken = takenIn(g, scc, inside);
  const starved = [...alwaysEnabled(g, scc, f)].filter((i) => !taken.has(i));
  if (starved.length > 0) {
    // Refused only because of the bound: the set would be fair if the pruned steps were not enabled.
    if ([...alwaysEnabled(g, scc, f, false)].every((i) => taken.has(i))) r.bound++;
    return null;
  }
  const bad = new Set<string>();
  for (const v of scc) for (const i of g.enabled[v] ?? []) if (f.strong(i) && !taken.has(i)) bad.add(i);
  if (bad.size === 0) return scc;
  const rest = scc.filter((v) => !(g.enabled[v] ?? []).some((i) => bad.has(i)));
  const succ = (v: number) => (g.edges[v] ?? []).map((e) => e.to);
  for (const sub of components(rest, succ)) {
    const found = fairPart(g, sub, f, r);
    if (found !== null) return found;
  }
  return null;
}

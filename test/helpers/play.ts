// Walks a model along a trace given as the action names a trace prints.
import type { Model, Tagged } from '../../src/core/index.ts';

/** Applies the actions named (as traces print them) one after the other from the first initial state; each must be enabled. */
export function play<G>(m: Model<G, Tagged>, names: readonly string[]): G {
  let g = m.init()[0] as G;
  for (const name of names) {
    const a = m.actions(g).find((x) => m.describe(x) === name);
    const h = a === undefined ? null : m.next(g, a);
    if (h === null) throw new Error(`not enabled: ${name}`);
    g = h;
  }
  return g;
}

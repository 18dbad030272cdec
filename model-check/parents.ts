// Compact parent records (id -> parent id, action ordinal), and counterexamples rebuilt from them
// by re-executing the recorded actions from the initial state: no full state is kept per visit.
import type { Model, Tagged } from '../src/core/index.ts';
import type { Found } from './expand.ts';
import type { Violation } from './run.ts';
import { traceOf, type TraceStep } from './trace.ts';

/** Parent id of an initial state. */
export const NO_PARENT = 0xffffffff;

/** Growable typed arrays: for local index k, `parent[k]` and `via[k]` (action or initial ordinal). */
export class ParentLog {
  parent = new Uint32Array(1 << 14);
  via = new Uint32Array(1 << 14);
  count = 0;

  /** Appends a record; returns its local index. */
  add(from: number, action: number): number {
    if (this.count === this.parent.length) {
      const p = new Uint32Array(this.parent.length * 2);
      p.set(this.parent);
      this.parent = p;
      const v = new Uint32Array(this.via.length * 2);
      v.set(this.via);
      this.via = v;
    }
    this.parent[this.count] = from;
    this.via[this.count] = action;
    return this.count++;
  }
}

/**
 * The trace to state `id`: `lookup(id)` gives [parent id, ordinal]. With `then`, one more step
 * (action ordinal `then` from the last state) is appended.
 */
export function rebuild<S, A extends Tagged>(
  model: Model<S, A>,
  lookup: (id: number) => readonly [number, number],
  id: number,
  then = -1,
): TraceStep[] {
  const chain: (readonly [number, number])[] = [];
  for (let k = id; k !== NO_PARENT; ) {
    const rec = lookup(k);
    chain.push(rec);
    k = rec[0];
  }
  chain.reverse();
  const first = chain[0] as readonly [number, number];
  let s = model.init()[first[1]] as S;
  const states: S[] = [s];
  const actions: (A | null)[] = [null];
  const ordinals = chain.slice(1).map((r) => r[1]);
  if (then >= 0) ordinals.push(then);
  for (const k of ordinals) {
    const a = model.actions(s)[k] as A;
    s = model.next(s, a) as S;
    states.push(s);
    actions.push(a);
  }
  return traceOf(model, states, actions);
}

/** The violation `found` names, its trace rebuilt from `log`. */
export function violationOf<S, A extends Tagged>(model: Model<S, A>, log: ParentLog, found: Found): Violation {
  const lookup = (id: number) => [log.parent[id] as number, log.via[id] as number] as const;
  return { kind: found.kind, name: found.name, trace: rebuild(model, lookup, found.from, found.action) };
}

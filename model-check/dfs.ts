// Depth-first exploration with a depth bound (TLC's -dfid without the iteration): for behaviours
// deeper than breadth-first search can afford to store level by level. A state reached again by a
// shorter path is expanded again, so every state within the bound is visited.
import type { Model, Tagged } from '../src/core/index.ts';
import { Expander, Outcome } from './expand.ts';
import { Run, type ExploreOptions, type ExploreResult, type Violation } from './run.ts';
import { traceOf } from './trace.ts';

/** Fingerprint -> least depth at which it was reached (open addressing, 3 words a slot). */
class DepthTable {
  private t = new Uint32Array(3 * (1 << 16));
  private cap = 1 << 16;
  size = 0;

  /** Records depth d for (hi, lo); true if the state is new or now reached at a smaller depth. */
  visit(hi: number, lo: number, d: number): boolean {
    if (hi === 0 && lo === 0) lo = 1;
    if (this.size >= this.cap * 0.75) this.grow();
    return this.put(this.t, this.cap, hi, lo, d);
  }

  get bytes(): number {
    return this.t.byteLength;
  }

  private put(t: Uint32Array, cap: number, hi: number, lo: number, d: number): boolean {
    let slot = Math.floor((hi / 4294967296) * cap);
    for (;;) {
      const k = 3 * slot;
      if (t[k] === 0 && t[k + 1] === 0) {
        t[k] = hi;
        t[k + 1] = lo;
        t[k + 2] = d;
        this.size++;
        return true;
      }
      if (t[k] === hi && t[k + 1] === lo) {
        if (d >= (t[k + 2] as number)) return false;
        t[k + 2] = d;
        return true;
      }
      slot = slot + 1 === cap ? 0 : slot + 1;
    }
  }

  private grow(): void {
    const old = this.t;
    const cap = this.cap * 2;
    const t = new Uint32Array(3 * cap);
    const n = this.size;
    for (let k = 0; k < old.length; k += 3) {
      if (old[k] !== 0 || old[k + 1] !== 0) this.put(t, cap, old[k] as number, old[k + 1] as number, old[k + 2] as number);
    }
    this.size = n;
    this.t = t;
    this.cap = cap;
  }
}

interface Frame<S, A> {
  readonly s: S;
  readonly acts: readonly A[];
  k: number;
  readonly via: A | null;
  /** Successors computed so far (none at the end: a deadlock). */
  successors: number;
}

/**
 * Explores every state within `maxDepth` steps (the initial state at depth 1), depth-first.
 * A trace it prints is the path on the stack: a real behaviour, not necessarily the shortest.
 */
export async function exploreDepthFirst<S, A extends Tagged>(
  model: Model<S, A>,
  opts: ExploreOptions & { readonly maxDepth: number },
): Promise<ExploreResult> {
  const run = new Run(opts);
  const table = new DepthTable();
  let depthNow = 1;
  const checkDeadlock = opts.deadlock ?? model.checkDeadlock ?? true;
  const x = new Expander(model, { add: (hi, lo) => table.visit(hi, lo, depthNow), record: () => 0, push: () => undefined }, false,
    { symmetry: opts.symmetry ?? false, speed: opts.speed ?? true });
  let deepest = 0;
  let expanded = 0;
  const finish = (violation: Violation | null, incomplete: string | null): ExploreResult =>
    run.result({ distinct: table.size, generated: x.generated, depth: deepest, fingerprintBytes: table.bytes, workers: 1, expandedBy: [expanded],
      spilledStates: 0, stolenStates: 0, violation, witnesses: x.witnesses }, incomplete);
  // The path on the stack, and optionally the step off its top that broke something.
  const trace = (kind: Violation['kind'], name: string, stack: readonly Frame<S, A>[], last?: { s: S; a: A }): Violation => {
    const states = stack.map((f) => f.s);
    const actions = stack.map((f) => f.via);
    if (last !== undefined) {
      states.push(last.s);
      actions.push(last.a);
    }
    return { kind, name, trace: traceOf(model, states, actions) };
  };
  const frame = (s: S, via: A | null): Frame<S, A> => ({ s, acts: model.actions(s), k: 0, via, successors: 0 });

  const inits = model.init();
  const start = x.initial(inits);
  if (start.broken !== null) return finish(trace('invariant', start.broken.name, [frame(inits[start.broken.k] as S, null)]), null);
  for (const k of start.kept) {
    const s0 = inits[k] as S;
    x.note(s0);
    const stack: Frame<S, A>[] = [frame(s0, null)];
    deepest = Math.max(deepest, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as Frame<S, A>;
      if (top.k >= top.acts.length || stack.length >= opts.maxDepth) {
        if (checkDeadlock && top.k >= top.acts.length && top.successors === 0) return finish(trace('deadlock', 'Deadlock', stack), null);
        stack.pop();
        continue;
      }
      const a = top.acts[top.k++] as A;
      const t = model.next(top.s, a);
      if (t === null) continue;
      top.successors++;
      depthNow = stack.length + 1;
      const o = x.transition(top.s, t);
      if (o === Outcome.Broken) return finish(trace(x.brokenBy.kind, x.brokenBy.name, stack, { s: t, a }), null);
      if (o !== Outcome.New) continue;
      stack.push(frame(t, a));
      deepest = Math.max(deepest, stack.length);
      if ((++expanded & 1023) !== 0) continue;
      const stop = run.stop(table.size);
      if (stop !== null) return finish(null, stop);
      run.progress({ distinct: table.size, generated: x.generated, queue: stack.length, depth: deepest });
    }
  }
  return finish(null, null);
}

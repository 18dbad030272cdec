// Depth-first exploration with a depth bound (TLC's -dfid without the iteration): for behaviours
// deeper than breadth-first search can afford to store level by level. A state reached again by a
// shorter path is expanded again, so every state within the bound is visited.
import type { Model, Tagged } from '../src/core/index.ts';
import { Expander } from './expand.ts';
import { Hasher, fingerprinter } from './fingerprint.ts';
import { memoryStop } from './memory.ts';
import type { ExploreOptions, ExploreResult, Violation } from './bfs.ts';
import { traceOf, type TraceStep } from './trace.ts';

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
}

/**
 * Explores every state within `maxDepth` steps (the initial state at depth 1), depth-first.
 * A trace it prints is the path on the stack: a real behaviour, not necessarily the shortest.
 */
export async function exploreDepthFirst<S, A extends Tagged>(
  model: Model<S, A>,
  opts: ExploreOptions & { readonly maxDepth: number },
): Promise<ExploreResult> {
  const t0 = performance.now();
  const table = new DepthTable();
  const hasher = new Hasher();
  const fp = fingerprinter(model, opts.symmetry ?? false);
  const checkDeadlock = opts.deadlock ?? model.checkDeadlock ?? true;
  // The expander is used for invariants and witnesses only; successors are walked here.
  const x = new Expander(model, { add: () => true, record: () => 0, push: () => undefined }, false);
  let generated = 0;
  let deepest = 0;
  let expanded = 0;
  let lastReport = t0;

  const finish = (violation: Violation | null, incomplete: string | null): ExploreResult => {
    const seconds = (performance.now() - t0) / 1000;
    return {
      verdict: violation !== null ? 'violation' : incomplete !== null ? 'incomplete' : 'ok',
      distinct: table.size, generated, depth: deepest, seconds, statesPerSecond: table.size / seconds,
      peakRssBytes: process.resourceUsage().maxRSS * 1024, fingerprintBytes: table.bytes, workers: 1, expandedBy: [expanded],
      symmetry: opts.symmetry ?? false, spilledStates: 0, stolenStates: 0, violation, witnesses: x.witnesses, incomplete,
    };
  };
  // The path on the stack, and optionally the step off its top that broke something.
  const stackTrace = (stack: readonly Frame<S, A>[], last?: { s: S; a: A }): TraceStep[] => {
    const states = stack.map((f) => f.s);
    const actions = stack.map((f) => f.via);
    if (last !== undefined) {
      states.push(last.s);
      actions.push(last.a);
    }
    return traceOf(model, states, actions);
  };
  const seen = (s: S, d: number): boolean => {
    fp(s, hasher);
    return table.visit(hasher.hi, hasher.lo, d);
  };

  for (const s0 of model.init()) {
    generated++;
    const inModel = model.constraint === undefined || model.constraint(s0);
    if (inModel && !seen(s0, 1)) continue;
    const bad = x.broken(s0);
    if (bad !== null) return finish({ kind: 'invariant', name: bad, trace: stackTrace([{ s: s0, acts: [], k: 0, via: null }]) }, null);
    if (!inModel) continue;
    x.note(s0);
    const stack: Frame<S, A>[] = [{ s: s0, acts: model.actions(s0), k: 0, via: null }];
    deepest = Math.max(deepest, 1);
    const counts: number[] = [0];
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as Frame<S, A>;
      if (top.k >= top.acts.length || stack.length >= opts.maxDepth) {
        if (checkDeadlock && top.k >= top.acts.length && counts[stack.length - 1] === 0) {
          return finish({ kind: 'deadlock', name: 'Deadlock', trace: stackTrace(stack) }, null);
        }
        stack.pop();
        counts.pop();
        continue;
      }
      const a = top.acts[top.k++] as A;
      const t = model.next(top.s, a);
      if (t === null) continue;
      generated++;
      counts[stack.length - 1] = (counts[stack.length - 1] as number) + 1;
      const prop = x.brokenProperty(top.s, t);
      if (prop !== null) return finish({ kind: 'actionProperty', name: prop, trace: stackTrace(stack, { s: t, a }) }, null);
      if (t === top.s) continue; // a stutter: already visited at a depth no greater, and checked
      const inModel = model.constraint === undefined || model.constraint(t);
      if (inModel && !seen(t, stack.length + 1)) continue;
      const bad = x.broken(t);
      if (bad !== null) return finish({ kind: 'invariant', name: bad, trace: stackTrace(stack, { s: t, a }) }, null);
      if (!inModel) continue;
      x.note(t);
      stack.push({ s: t, acts: model.actions(t), k: 0, via: a });
      counts.push(0);
      deepest = Math.max(deepest, stack.length);
      if ((++expanded & 1023) === 0) {
        const now = performance.now();
        const seconds = (now - t0) / 1000;
        if (opts.maxStates !== undefined && table.size >= opts.maxStates) return finish(null, `stopped at --max-states ${opts.maxStates}`);
        if (opts.maxSeconds !== undefined && seconds >= opts.maxSeconds) return finish(null, `stopped at --max-seconds ${opts.maxSeconds}`);
        const full = memoryStop(opts.memoryBytes);
        if (full !== null) return finish(null, full);
        if (opts.onProgress !== undefined && now - lastReport >= (opts.progressIntervalMs ?? 2000)) {
          lastReport = now;
          opts.onProgress({ distinct: table.size, generated, queue: stack.length, depth: deepest, seconds, statesPerSecond: table.size / seconds, rssBytes: process.memoryUsage.rss() });
        }
      }
    }
  }
  return finish(null, null);
}

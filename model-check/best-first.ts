// Best-first exploration: BFS's visited set, parent log and checks (expand.ts), with the frontier
// ordered by a heuristic (heuristics.ts) instead of by depth: highest score first, then shallowest,
// then first reached. It expands every state within the constraint unless stopped, so a run that
// ends without a violation or a limit is as exhaustive as BFS; its traces are real, not shortest.
import type { Model, Tagged } from '../src/core/index.ts';
import { Expander } from './expand.ts';
import { FingerprintSet } from './fingerprint.ts';
import type { Heuristic } from './heuristics.ts';
import { NO_PARENT, ParentLog, violationOf } from './parents.ts';
import { Run, type ExploreOptions, type ExploreResult, type Violation } from './run.ts';
import { traceOf } from './trace.ts';

function swapAt<T>(xs: T[], a: number, b: number): void {
  const t = xs[a] as T;
  xs[a] = xs[b] as T;
  xs[b] = t;
}

/** A binary heap of states: lowest key first, ties by insertion order. */
class Frontier<S> {
  private readonly keys: number[] = [];
  private readonly seqs: number[] = [];
  private readonly states: S[] = [];
  private readonly ids: number[] = [];
  private readonly depths: number[] = [];
  private seq = 0;

  get length(): number {
    return this.keys.length;
  }

  push(key: number, s: S, id: number, depth: number): void {
    this.keys.push(key);
    this.seqs.push(this.seq++);
    this.states.push(s);
    this.ids.push(id);
    this.depths.push(depth);
    this.up(this.keys.length - 1);
  }

  /** Removes the first entry: its state, id and depth. */
  pop(): [S, number, number] {
    const top: [S, number, number] = [this.states[0] as S, this.ids[0] as number, this.depths[0] as number];
    const last = this.keys.length - 1;
    this.move(last, 0);
    this.keys.pop();
    this.seqs.pop();
    this.states.pop();
    this.ids.pop();
    this.depths.pop();
    if (this.keys.length > 0) this.down(0);
    return top;
  }

  private less(a: number, b: number): boolean {
    const ka = this.keys[a] as number;
    const kb = this.keys[b] as number;
    return ka < kb || (ka === kb && (this.seqs[a] as number) < (this.seqs[b] as number));
  }

  private move(from: number, to: number): void {
    this.keys[to] = this.keys[from] as number;
    this.seqs[to] = this.seqs[from] as number;
    this.states[to] = this.states[from] as S;
    this.ids[to] = this.ids[from] as number;
    this.depths[to] = this.depths[from] as number;
  }

  private swap(a: number, b: number): void {
    swapAt(this.keys, a, b);
    swapAt(this.seqs, a, b);
    swapAt(this.ids, a, b);
    swapAt(this.depths, a, b);
    swapAt(this.states, a, b);
  }

  private up(k: number): void {
    while (k > 0) {
      const p = (k - 1) >> 1;
      if (!this.less(k, p)) return;
      this.swap(k, p);
      k = p;
    }
  }

  private down(k: number): void {
    const n = this.keys.length;
    for (;;) {
      const l = 2 * k + 1;
      if (l >= n) return;
      const c = l + 1 < n && this.less(l + 1, l) ? l + 1 : l;
      if (!this.less(c, k)) return;
      this.swap(k, c);
      k = c;
    }
  }
}

/** Depths fit below this; a score's unit in the heap key. */
const DEPTH_SPAN = 1 << 20;

/**
 * Explores every state of `model` within its constraint, the highest `score` first (ties: the
 * shallowest). Limits, progress and the result are BFS's (run.ts); `depth` is the deepest state expanded.
 */
export async function exploreBestFirst<S, A extends Tagged>(model: Model<S, A>, score: Heuristic, opts: ExploreOptions = {}): Promise<ExploreResult> {
  const run = new Run(opts);
  const seen = new FingerprintSet();
  const log = new ParentLog();
  const frontier = new Frontier<S>();
  let depthNow = 1;
  const key = (t: S, d: number): number => -score(t) * DEPTH_SPAN + d;
  const x = new Expander(model, { add: (hi, lo) => seen.add(hi, lo), record: (from, action) => log.add(from, action), push: (t, id) => frontier.push(key(t, depthNow + 1), t, id, depthNow + 1) },
    opts.deadlock ?? model.checkDeadlock ?? true, { symmetry: opts.symmetry ?? false, speed: opts.speed ?? true });
  let deepest = 0;
  let expanded = 0;
  const finish = (violation: Violation | null, incomplete: string | null): ExploreResult =>
    run.result({ distinct: seen.size, generated: x.generated, depth: deepest, fingerprintBytes: seen.bytes, workers: 1, expandedBy: [expanded],
      spilledStates: 0, stolenStates: 0, violation, witnesses: x.witnesses }, incomplete);

  const inits = model.init();
  const start = x.initial(inits);
  if (start.broken !== null) return finish({ kind: 'invariant', name: start.broken.name, trace: traceOf(model, [inits[start.broken.k] as S], [null]) }, null);
  for (const k of start.kept) {
    frontier.push(key(inits[k] as S, 1), inits[k] as S, log.add(NO_PARENT, k), 1);
    x.note(inits[k] as S);
  }
  while (frontier.length > 0) {
    const [s, sid, d] = frontier.pop();
    depthNow = d;
    deepest = Math.max(deepest, d);
    const found = x.expand(s, sid);
    if (found !== null) return finish(violationOf(model, log, found), null);
    if ((++expanded & 255) !== 0) continue;
    const stop = run.checkpoint(expanded, { distinct: seen.size, generated: x.generated, depth: deepest, queue: frontier.length });
    if (stop !== null) return finish(null, stop);
  }
  return finish(null, null);
}

// Breadth-first exhaustive exploration in one thread, TLC-style: dedup by fingerprint, TLC's
// constraint semantics, invariants on every state, action properties on every transition, and
// shortest counterexamples.
import type { Model, Tagged } from '../src/core/index.ts';
import { Expander, type Found } from './expand.ts';
import { FingerprintSet } from './fingerprint.ts';
import { NO_PARENT, ParentLog, rebuild } from './parents.ts';
import { SpillQueue } from './queue.ts';
import { Run, type ExploreOptions, type ExploreResult, type Violation } from './run.ts';
import { thawer } from './speed/thaw.ts';
import { traceOf } from './trace.ts';

export type { ExploreOptions, ExploreResult, Progress, Violation } from './run.ts';

const DEFAULT_SPILL = 1_000_000;

/** Explores every state of `model` reachable within its constraint, breadth-first, in this thread. */
export async function explore<S, A extends Tagged>(model: Model<S, A>, opts: ExploreOptions = {}): Promise<ExploreResult> {
  const run = new Run(opts);
  const seen = new FingerprintSet();
  const log = new ParentLog();
  const thaw = thawer<S>(opts.speed);
  const queue = (): SpillQueue<S> => new SpillQueue<S>(opts.spillStates ?? DEFAULT_SPILL, opts.spillDirectory, thaw);
  let next = queue();
  const x = new Expander(model, { add: (hi, lo) => seen.add(hi, lo), record: (from, action) => log.add(from, action), push: (t, id) => next.push(t, id) },
    opts.deadlock ?? model.checkDeadlock ?? true, { symmetry: opts.symmetry ?? false, speed: opts.speed ?? true });
  let depth = 0;
  let expanded = 0;
  let spilled = 0;
  const finish = (violation: Violation | null, incomplete: string | null): ExploreResult => {
    next.close();
    return run.result({ distinct: seen.size, generated: x.generated, depth, fingerprintBytes: seen.bytes, workers: 1, expandedBy: [expanded],
      spilledStates: spilled + next.spilledTotal, stolenStates: 0, violation, witnesses: x.witnesses }, incomplete);
  };
  const traced = (found: Found): Violation => {
    const lookup = (id: number) => [log.parent[id] as number, log.via[id] as number] as const;
    return { kind: found.kind, name: found.name, trace: rebuild(model, lookup, found.from, found.action) };
  };

  const inits = model.init();
  const start = x.initial(inits);
  if (start.broken !== null) return finish({ kind: 'invariant', name: start.broken.name, trace: traceOf(model, [inits[start.broken.k] as S], [null]) }, null);
  for (const k of start.kept) {
    next.push(inits[k] as S, log.add(NO_PARENT, k));
    x.note(inits[k] as S);
  }
  while (next.length > 0) {
    depth++;
    const frontier = next;
    next = queue();
    let left = frontier.length;
    for (const [s, sid] of frontier.drain()) {
      left--;
      const found = x.expand(s, sid);
      if (found !== null) {
        frontier.close();
        return finish(traced(found), null);
      }
      if ((++expanded & 255) !== 0) continue;
      const stop = run.stop(seen.size, (expanded & 4095) === 0);
      if (stop !== null) {
        frontier.close();
        return finish(null, stop);
      }
      run.progress({ distinct: seen.size, generated: x.generated, depth, queue: left + next.length });
    }
    spilled += frontier.spilledTotal;
    frontier.close();
  }
  return finish(null, null);
}

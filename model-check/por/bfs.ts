// Breadth-first search with sleep sets (`check --por`): the same states, depths and shortest traces
// as bfs.ts, fewer transitions hashed. One thread, no symmetry (docs/checking.md).
import type { Independence, Model, Tagged } from '../../src/core/index.ts';
import { Expander, type Found } from '../expand.ts';
import { expandLevel, type LevelCounts } from '../level.ts';
import { FingerprintSet } from '../fingerprint.ts';
import { NO_PARENT, ParentLog, violationOf } from '../parents.ts';
import { SpillQueue } from '../queue.ts';
import { Run, type ExploreOptions, type ExploreResult, type Violation } from '../run.ts';
import { thawer } from '../speed/thaw.ts';
import { traceOf } from '../trace.ts';
import { expandAsleep, Level, type SleepContext } from './sleep.ts';

/** A search with sleep sets: an exploration's result and the transitions that slept. */
export interface PorResult extends ExploreResult {
  /** Transitions asleep where they were enabled: neither hashed nor queued. */
  readonly slept: number;
}

/** Options of `explorePor`; `carry: false` computes no asleep transition when the model has no action property (only siblings sleep under a constraint). */
export interface PorOptions extends ExploreOptions {
  readonly carry?: boolean;
}

/** Why `--por` cannot run on `model` with `opts`, or null. */
export function porRefusal(model: Model<unknown, Tagged>, opts: ExploreOptions): string | null {
  if (model.independence === undefined) return `${model.name} declares no independence of its steps: --por needs a node-level composition (compose)`;
  if (opts.symmetry === true) return '--por and --symmetry cannot go together: sleep sets are not argued under renaming';
  return null;
}

/** Explores every state of `model` within its constraint, breadth-first with sleep sets, in this thread. */
export async function explorePor<S, A extends Tagged>(model: Model<S, A>, opts: PorOptions = {}): Promise<PorResult> {
  const refused = porRefusal(model as Model<unknown, Tagged>, opts);
  if (refused !== null) throw new Error(refused);
  const run = new Run(opts);
  const seen = new FingerprintSet();
  const log = new ParentLog();
  const thaw = thawer<S>(opts.speed);
  const queue = (): SpillQueue<S> => new SpillQueue<S>(opts.spillStates ?? 1_000_000, opts.spillDirectory, thaw);
  let next = queue();
  let hi = 0;
  let lo = 0;
  const x = new Expander(model, { add: (h, l) => ((hi = h), (lo = l), seen.add(h, l)), record: (f, a) => log.add(f, a), push: (t, id) => next.push(t, id) },
    false, { symmetry: false, speed: opts.speed ?? true });
  const c: SleepContext<S, A> = {
    model, independence: model.independence as Independence<A>, x, deadlock: opts.deadlock ?? model.checkDeadlock ?? true,
    compute: Object.keys(model.actionProperties).length > 0 || ((opts.carry ?? true) && model.constraint !== undefined), fp: () => `${hi}:${lo}`,
    record: (f, a) => log.add(f, a), push: (t, id) => next.push(t, id), slept: 0,
  };
  let depth = 0;
  const counts: LevelCounts = { expanded: 0, spilled: 0 };
  const finish = (violation: Violation | null, incomplete: string | null): PorResult => {
    next.close();
    const r = run.result({ distinct: seen.size, generated: x.generated, depth, fingerprintBytes: seen.bytes, workers: 1, expandedBy: [counts.expanded],
      spilledStates: counts.spilled + next.spilledTotal, stolenStates: 0, violation, witnesses: x.witnesses }, incomplete);
    return { ...r, slept: c.slept };
  };
  const inits = model.init();
  const start = x.initial(inits);
  if (start.broken !== null) return finish({ kind: 'invariant', name: start.broken.name, trace: traceOf(model, [inits[start.broken.k] as S], [null]) }, null);
  let level = new Level();
  for (const k of start.kept) {
    next.push(inits[k] as S, log.add(NO_PARENT, k));
    x.note(inits[k] as S);
  }
  while (next.length > 0) {
    depth++;
    const frontier = next;
    const asleep = level;
    next = queue();
    level = new Level();
    const end = expandLevel(frontier, counts, run, (s, sid): Found | null => expandAsleep(c, s, sid, asleep.sleep.get(sid) ?? [], level),
      (left) => ({ distinct: seen.size, generated: x.generated, depth, queue: left + next.length }));
    if (end !== null) return 'found' in end ? finish(violationOf(model, log, end.found), null) : finish(null, end.stop);
  }
  return finish(null, null);
}

// Breadth-first exhaustive exploration in one thread, TLC-style: dedup by fingerprint, TLC's
// constraint semantics, invariants on every state, action properties on every transition, and
// shortest counterexamples.
import type { Model, Tagged } from '../src/core/index.ts';
import { Expander, type Found } from './expand.ts';
import { FingerprintSet } from './fingerprint.ts';
import { memoryStop } from './memory.ts';
import { SpillQueue } from './queue.ts';
import { NO_PARENT, ParentLog, rebuild } from './parents.ts';
import { traceOf, type TraceStep } from './trace.ts';

/** Options of `explore`. */
export interface ExploreOptions {
  /** Report a state with no successor as a deadlock (default: the model's `checkDeadlock`, else true). */
  readonly deadlock?: boolean;
  /** Stop after this many distinct states, verdict `incomplete`. */
  readonly maxStates?: number;
  /** Stop after this many seconds, verdict `incomplete`. */
  readonly maxSeconds?: number;
  /** Called about every `progressIntervalMs` (default 2000) while exploring. */
  readonly onProgress?: (p: Progress) => void;
  readonly progressIntervalMs?: number;
  /** States of a BFS level kept in memory before older ones are written to disk (default 1,000,000). */
  readonly spillStates?: number;
  /** Where spilled levels go, each in a directory of its own (default: the OS's temporary directory). */
  readonly spillDirectory?: string;
  /** Stop (verdict `incomplete`) when the process's resident memory passes this many bytes. */
  readonly memoryBytes?: number;
  /** Store one state per class under the model's symmetry (TLC's SYMMETRY); default false. */
  readonly symmetry?: boolean;
  /**
   * Worker threads run the explorer and the model bundled into one script (default true); false
   * loads their files one by one through tsx, as does a run where the bundle cannot be built.
   */
  readonly bundle?: boolean;
}

/** A progress report. */
export interface Progress {
  readonly distinct: number;
  readonly generated: number;
  readonly queue: number;
  readonly depth: number;
  readonly seconds: number;
  readonly statesPerSecond: number;
  readonly rssBytes: number;
}

/** A property that failed, with the shortest trace from an initial state that shows it. */
export interface Violation {
  readonly kind: 'invariant' | 'actionProperty' | 'deadlock';
  readonly name: string;
  /** States from the initial one to the bad one; its length is the trace length TLC prints. */
  readonly trace: readonly TraceStep[];
}

/** What an exploration found. `incomplete` never claims that the properties hold. */
export interface ExploreResult {
  readonly verdict: 'ok' | 'violation' | 'incomplete';
  /** Distinct states within the constraint (TLC's "distinct states found"). */
  readonly distinct: number;
  /** Initial states plus every successor computed, duplicates and out-of-constraint ones included. */
  readonly generated: number;
  /** Length of the longest shortest path, the initial state counting as 1 (TLC's "depth"). */
  readonly depth: number;
  readonly seconds: number;
  readonly statesPerSecond: number;
  readonly peakRssBytes: number;
  /** Bytes held by the visited set. */
  readonly fingerprintBytes: number;
  readonly workers: number;
  /** States expanded by each worker (one entry when single-threaded). */
  readonly expandedBy: readonly number[];
  /** Whether states were stored one per symmetry class. */
  readonly symmetry: boolean;
  /** States written to disk because a level outgrew `spillStates`. */
  readonly spilledStates: number;
  /** States of a level handed from a busy worker to an idle one (work stealing; 0 in one thread). */
  readonly stolenStates: number;
  readonly violation: Violation | null;
  /** For each witness ("sometimes" property): whether some explored state satisfied it. */
  readonly witnesses: Readonly<Record<string, boolean>>;
  /** Why the run stopped early, when `verdict` is `incomplete`. */
  readonly incomplete: string | null;
}

const DEFAULT_SPILL = 1_000_000;

/** Explores every state of `model` reachable within its constraint, breadth-first, in this thread. */
export async function explore<S, A extends Tagged>(model: Model<S, A>, opts: ExploreOptions = {}): Promise<ExploreResult> {
  const t0 = performance.now();
  const interval = opts.progressIntervalMs ?? 2000;
  const seen = new FingerprintSet();
  const log = new ParentLog();
  const spill = opts.spillStates ?? DEFAULT_SPILL;
  const intern = model.intern?.bind(model);
  let next = new SpillQueue<S>(spill, opts.spillDirectory, intern);
  const x = new Expander(model, {
    add: (hi, lo) => seen.add(hi, lo),
    record: (from, action) => log.add(from, action),
    push: (t, id) => next.push(t, id),
  }, opts.deadlock ?? model.checkDeadlock ?? true, opts.symmetry ?? false);
  let depth = 0;
  let peakRss = process.memoryUsage().rss;
  let lastReport = t0;
  let expanded = 0;

  let spilled = 0;
  let frontier: SpillQueue<S> | null = null;
  const finish = (found: Found | null, initial: Violation | null, incomplete: string | null): ExploreResult => {
    next.close();
    frontier?.close();
    const seconds = (performance.now() - t0) / 1000;
    peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
    const lookup = (id: number) => [log.parent[id] as number, log.via[id] as number] as const;
    const violation: Violation | null =
      initial !== null ? initial
      : found === null ? null
      : { kind: found.kind, name: found.name, trace: rebuild(model, lookup, found.from, found.action) };
    return {
      verdict: violation !== null ? 'violation' : incomplete !== null ? 'incomplete' : 'ok',
      distinct: seen.size, generated: x.generated, depth, seconds,
      statesPerSecond: seconds > 0 ? seen.size / seconds : seen.size,
      peakRssBytes: peakRss, fingerprintBytes: seen.bytes, workers: 1, expandedBy: [expanded], symmetry: opts.symmetry ?? false,
      spilledStates: spilled + next.spilledTotal, stolenStates: 0,
      violation, witnesses: x.witnesses, incomplete,
    };
  };

  const inits = model.init();
  const start = x.initial(inits);
  if (start.broken !== null) {
    const trace = traceOf(model, [inits[start.broken.k] as S], [null]);
    return finish(null, { kind: 'invariant', name: start.broken.name, trace }, null);
  }
  for (const k of start.kept) {
    next.push(inits[k] as S, log.add(NO_PARENT, k));
    x.note(inits[k] as S);
  }

  while (next.length > 0) {
    depth++;
    frontier = next;
    next = new SpillQueue<S>(spill, opts.spillDirectory, intern);
    let left = frontier.length;
    for (const [s, sid] of frontier.drain()) {
      left--;
      const found = x.expand(s, sid);
      if (found !== null) return finish(found, null, null);
      if ((++expanded & 255) === 0) {
        const now = performance.now();
        const seconds = (now - t0) / 1000;
        if (opts.maxStates !== undefined && seen.size >= opts.maxStates) return finish(null, null, `stopped at --max-states ${opts.maxStates}`);
        if (opts.maxSeconds !== undefined && seconds >= opts.maxSeconds) return finish(null, null, `stopped at --max-seconds ${opts.maxSeconds}`);
        if ((expanded & 4095) === 0) {
          const full = memoryStop(opts.memoryBytes);
          if (full !== null) return finish(null, null, full);
        }
        if (opts.onProgress !== undefined && now - lastReport >= interval) {
          lastReport = now;
          const rss = process.memoryUsage().rss;
          peakRss = Math.max(peakRss, rss);
          opts.onProgress({
            distinct: seen.size, generated: x.generated, depth, seconds, rssBytes: rss,
            queue: left + next.length, statesPerSecond: seen.size / seconds,
          });
        }
      }
    }
    spilled += frontier.spilledTotal;
    frontier.close();
    if (next.length === 0) break;
  }
  return finish(null, null, null);
}

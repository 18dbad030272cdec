// What every search shares: its options, its limits (states, seconds, memory), its progress
// reports and the result it returns. BFS, DFS and the parallel BFS each keep one `Run`.
import type { TraceStep } from './trace.ts';
import { memoryStop } from './memory.ts';

/** Options of `explore`, `exploreDepthFirst` and `exploreParallel`. */
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
  /** The speed layer (structural hashes remembered per object, hash-consing); default true. */
  readonly speed?: boolean;
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

/** A property that failed, with a trace from an initial state that shows it. */
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
  /** Worker threads the run could use (they join only at a large enough level: see `expandedBy`). */
  readonly workers: number;
  /** States expanded by each thread: this one, then each worker that joined. */
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

/** What a search counted, for its result. */
export type Counts = Omit<ExploreResult, 'verdict' | 'seconds' | 'statesPerSecond' | 'peakRssBytes' | 'symmetry' | 'incomplete'>;

/** One search's clock, limits and progress reports. */
export class Run {
  private readonly t0 = performance.now();
  private lastReport = this.t0;
  private peakRss = process.memoryUsage.rss();
  private readonly opts: ExploreOptions;

  constructor(opts: ExploreOptions) {
    this.opts = opts;
  }

  get seconds(): number {
    return (performance.now() - this.t0) / 1000;
  }

  /** Why the search must stop now (a limit reached), or null; `memory` also checks resident memory. */
  stop(distinct: number, memory = true): string | null {
    const o = this.opts;
    if (o.maxStates !== undefined && distinct >= o.maxStates) return `stopped at --max-states ${o.maxStates}`;
    if (o.maxSeconds !== undefined && this.seconds >= o.maxSeconds) return `stopped at --max-seconds ${o.maxSeconds}`;
    return memory ? memoryStop(o.memoryBytes) : null;
  }

  /** Every 256th expansion: the limits (resident memory every 4,096th), then `p` reported; why the search must stop, or null. */
  checkpoint(expanded: number, p: Omit<Progress, 'seconds' | 'statesPerSecond' | 'rssBytes'>): string | null {
    const stop = this.stop(p.distinct, (expanded & 4095) === 0);
    if (stop === null) this.progress(p);
    return stop;
  }

  /** Reports progress if the interval has passed since the last report. */
  progress(p: Omit<Progress, 'seconds' | 'statesPerSecond' | 'rssBytes'>): void {
    const now = performance.now();
    if (now - this.lastReport < (this.opts.progressIntervalMs ?? 2000)) return;
    this.lastReport = now;
    const rss = process.memoryUsage.rss();
    this.peakRss = Math.max(this.peakRss, rss);
    const seconds = this.seconds;
    this.opts.onProgress?.({ ...p, seconds, rssBytes: rss, statesPerSecond: p.distinct / seconds });
  }

  /** The result: a violation wins over a stop, which wins over `ok`. */
  result(c: Counts, incomplete: string | null): ExploreResult {
    const seconds = this.seconds;
    const peakRssBytes = Math.max(this.peakRss, process.resourceUsage().maxRSS * 1024);
    const stopped = c.violation === null ? incomplete : null;
    const verdict = c.violation !== null ? 'violation' : stopped !== null ? 'incomplete' : 'ok';
    return { ...c, verdict, seconds, statesPerSecond: seconds > 0 ? c.distinct / seconds : c.distinct, peakRssBytes, symmetry: this.opts.symmetry ?? false, incomplete: stopped };
  }
}

// What `check` prints: TLC-like text, or one JSON summary for scripts; and the exit code.
import type { Built } from '../../core/index.ts';
import type { ExploreResult } from '../../../model-check/run.ts';
import type { SimulateResult } from '../../../model-check/simulate.ts';
import { formatTrace } from '../../../model-check/trace.ts';
import { EXIT } from '../exit.ts';
import { count, mib, secs } from '../format.ts';
import { chosenReached, unreached, type WitnessChoice } from './check-witness.ts';

type Violation = NonNullable<ExploreResult['violation']>;

function what(v: Violation): string {
  return v.kind === 'deadlock' ? 'Deadlock reached' : `${v.kind === 'invariant' ? 'Invariant' : 'Action property'} ${v.name} is violated`;
}

/** The text report of an exhaustive search; `depthFirst`: traces are not necessarily shortest. */
export function report(r: ExploreResult, log: (line: string) => void, depthFirst: boolean, how = 'depth-first'): void {
  if (r.violation !== null) {
    const v = r.violation;
    log(`Error: ${what(v)}.`);
    log(depthFirst
      ? `A behavior that shows it (${v.trace.length} states; found ${how}, not necessarily the shortest):`
      : `The shortest behavior that shows it (${v.trace.length} states):`);
    log(formatTrace(v.trace));
  }
  log(
    `${count(r.distinct)} distinct states, ${count(r.generated)} generated, depth ${r.depth}, ${secs(r.seconds)}, ` +
      `${count(r.statesPerSecond)} distinct states/s, ${r.workers} worker${r.workers === 1 ? '' : 's'}, ` +
      `peak memory ${mib(r.peakRssBytes)} (visited set ${mib(r.fingerprintBytes)}, ${(r.fingerprintBytes / Math.max(1, r.distinct)).toFixed(1)} bytes/state)`,
  );
  if (r.verdict === 'incomplete') log(`Incomplete: ${r.incomplete ?? ''}; nothing is claimed about the states not explored.`);
}

/**
 * The witness lines; returns the required witnesses never reached, which fail the run only when the
 * search was exhaustive (`exhaustive`) or the caller says so.
 */
export function reportWitnesses(choice: WitnessChoice, reached: Readonly<Record<string, boolean>>, exhaustive: boolean, log: (line: string) => void): string[] {
  const chosen = chosenReached(choice, reached);
  const hit = Object.keys(chosen).filter((w) => chosen[w]);
  const missed = unreached(choice, reached);
  const allowed = choice.reported.filter((w) => !chosen[w]);
  if (hit.length > 0) log(`Witnesses reached${exhaustive ? '' : ' by this search'}: ${hit.join(', ')}`);
  if (allowed.length > 0) log(`Witnesses not reached (allowed): ${allowed.join(', ')}`);
  if (missed.length === 0) return [];
  if (exhaustive) log(`Error: witness${missed.length > 1 ? 'es' : ''} never reached: ${missed.join(', ')} (the bounds leave ${missed.length > 1 ? 'them' : 'it'} unreachable; --allow-unreached NAME accepts that).`);
  else log(`Witnesses not reached by this search (not exhaustive, so no verdict): ${missed.join(', ')}`);
  return exhaustive ? missed : [];
}

/** The closing line of a run with no violation. */
export function reportVerdict(r: ExploreResult | SimulateResult, failedWitnesses: readonly string[], log: (line: string) => void): void {
  if (r.violation !== null || r.verdict !== 'ok' || failedWitnesses.length > 0) return;
  log('walks' in r ? 'No violation found on these walks (a simulation proves nothing about other behaviors).' : 'All invariants hold.');
}

export function reportSimulation(r: SimulateResult, log: (line: string) => void): void {
  if (r.violation !== null) {
    log(`Error: ${what(r.violation)}.`);
    log(`A random behavior that shows it (${r.violation.trace.length} states; not necessarily the shortest; seed ${r.seed}):`);
    log(formatTrace(r.violation.trace));
  }
  log(`${count(r.walks)} walks, ${count(r.steps)} steps (longest walk ${r.longest}), ${count(r.distinct)} distinct states visited, ${secs(r.seconds)}, seed ${r.seed}`);
  if (r.verdict === 'incomplete') log(`Incomplete: ${r.incomplete ?? ''}.`);
}

/** What the run checked, for the JSON summary. */
export interface Checked {
  readonly protocol: string;
  readonly variant: string | null;
  readonly config: string | null;
  readonly overrides: readonly string[];
  readonly invariants: readonly string[];
  readonly actionProperties: readonly string[];
  readonly search: 'bfs' | 'dfs' | 'iddfs' | 'best-first' | 'simulate' | 'guided' | 'default';
}

/** The JSON summary: counts, verdict, and the violated property with its trace length in states. */
export function summary(c: Checked, b: Built, r: ExploreResult | SimulateResult, w: WitnessChoice, failed: readonly string[]): Record<string, unknown> {
  const v = r.violation;
  return {
    ...c, settings: b.settings, ...r, witnesses: chosenReached(w, r.witnesses), unreachedWitnesses: failed,
    ...(v === null && failed.length > 0 ? { verdict: 'unreached' } : {}),
    violation: v === null ? null : {
      kind: v.kind, name: v.name, traceLength: v.trace.length, shortest: c.search === 'bfs' || c.search === 'iddfs', trace: v.trace,
    },
  };
}

export function exitCode(r: ExploreResult | SimulateResult, failedWitnesses: readonly string[] = []): number {
  if (r.violation !== null) return r.violation.kind === 'deadlock' ? EXIT.deadlock : EXIT.violation;
  if (failedWitnesses.length > 0) return EXIT.violation;
  return r.verdict === 'incomplete' ? EXIT.incomplete : EXIT.ok;
}

// `check <protocol> [bounds] --guided`: the guided search (model-check/guided.ts) at the given bounds,
// then a violation it finds shortened by BFS over its action instances (model-check/shorten.ts).
import type { Model, Tagged } from '../../core/index.ts';
import { guidedSearch } from '../../../model-check/guided.ts';
import { shortenTrace } from '../../../model-check/shorten.ts';
import type { SimulateResult } from '../../../model-check/simulate.ts';
import { formatTrace } from '../../../model-check/trace.ts';
import { count, secs } from '../format.ts';

/** What `--guided` ran: the search's counts, and the trace it found before and after shortening. */
export interface GuidedRun extends SimulateResult {
  readonly cells: number;
  /** States of the behaviour the guided search found, before shortening (null: none found). */
  readonly foundLength: number | null;
  /** The restricted BFS: action instances allowed, distinct states, seconds. */
  readonly shortening: { readonly actions: number; readonly distinct: number; readonly seconds: number } | null;
}

export interface GuidedFlags {
  readonly seed: number;
  /** Seconds of the process's CPU time (wall time when `remaining` is given). */
  readonly seconds: number;
  readonly walks: number | undefined;
  readonly remaining: number | undefined;
  readonly deadlock: boolean;
  readonly speed: boolean;
}

const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Runs the guided search and shortens what it finds; prints the text report unless `json`. */
export async function runGuided(model: Model<unknown, Tagged>, f: GuidedFlags, json: boolean, log: (line: string) => void): Promise<GuidedRun> {
  const box = f.remaining !== undefined ? { maxSeconds: Math.min(f.seconds, f.remaining) } : { maxSeconds: f.seconds, clock: cpu };
  log(`Guided search: seed ${f.seed}, ${f.seconds} s of ${f.remaining !== undefined ? 'wall' : 'CPU'} time${f.walks !== undefined ? `, at most ${f.walks} walks` : ''}; a violation is shortened by BFS over its action instances`);
  const g = guidedSearch(model, { seed: f.seed, depth: 100, deadlock: f.deadlock, speed: f.speed, ...box, ...(f.walks !== undefined ? { maxWalks: f.walks } : {}) });
  const s = g.violation === null ? null : await shortenTrace(model, g.violation, { speed: f.speed });
  const violation = s?.violation ?? null;
  const r: GuidedRun = {
    verdict: violation !== null ? 'violation' : 'ok', walks: g.walks, steps: g.steps, generated: g.generated, distinct: g.distinct,
    longest: g.longest, seconds: g.seconds + (s?.seconds ?? 0), seed: g.seed, walk: violation !== null ? g.walks : null, violation,
    witnesses: g.witnesses, incomplete: null, cells: g.cells,
    foundLength: g.violation?.trace.length ?? null, shortening: s === null ? null : { actions: s.actions, distinct: s.distinct, seconds: s.seconds },
  };
  if (json) return r;
  if (violation !== null && s !== null) {
    log(`Error: ${violation.kind === 'deadlock' ? 'Deadlock reached' : `${violation.kind === 'invariant' ? 'Invariant' : 'Action property'} ${violation.name} is violated`}.`);
    log(`A behavior that shows it (${violation.trace.length} states): walk ${g.walks} of the guided search found one of ${r.foundLength} states; ` +
      `the shortest made of its ${s.actions} action instances (BFS, ${count(s.distinct)} states, ${secs(s.seconds)}), not necessarily the shortest of the model:`);
    log(formatTrace(violation.trace));
  }
  log(`${count(g.walks)} walks from ${count(g.cells)} cells, ${count(g.steps)} steps (behaviours up to ${g.longest}), ${count(g.distinct)} distinct states, ${secs(g.seconds)}, seed ${g.seed}`);
  return r;
}

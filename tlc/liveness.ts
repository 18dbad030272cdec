// The liveness rows of `npm run tlc` (docs/liveness.md): each spec/MC<Module>Live-*.cfg run by TLC and
// by `check --config`; both must give the same verdict (a lasso, TLC's exit 13, or none), and when
// it holds the same number of distinct states (views). Lassos may differ: TLC's is not the shortest.
import { readdirSync } from 'node:fs';
import { parseTlc } from './tlc-output.ts';

/** A liveness model: the module, its cfg, the protocol `check` reads it as. */
export interface LiveRow {
  readonly id: string;
  readonly protocol: 'raft' | 'basicpaxos';
  readonly module: string;
  readonly cfg: string;
}

/** What one checker said about a liveness model. */
export interface LiveOutcome {
  readonly verdict: 'violated' | 'holds' | 'error';
  readonly distinct: number | null;
  /** States before "Back to state" (TLC's last "State N"), null when it holds. */
  readonly lasso: number | null;
  readonly error: string | null;
}

/** Every shipped liveness cfg in `specDir`. */
export function liveRows(specDir: string): LiveRow[] {
  return readdirSync(specDir).filter((f) => /^MC(Raft|BasicPaxos)Live(-[\w-]+)?\.cfg$/.test(f)).sort().map((cfg) => {
    const module = `${cfg.replace(/(-[\w-]+)?\.cfg$/, '')}.tla`;
    return { id: cfg, protocol: module.startsWith('MCRaft') ? 'raft' : 'basicpaxos', module, cfg };
  });
}

/** TLC's output: exit 13 with "Temporal properties were violated", or exit 0. */
export function parseTlcLiveness(out: string, code: number | null): LiveOutcome {
  const counts = parseTlc(out, 0);
  const violated = /^Error: Temporal properties were violated\./m.test(out);
  const states = [...out.matchAll(/^State (\d+): /gm)].map((m) => Number(m[1]));
  if (violated && code === 13) return { verdict: 'violated', distinct: counts.distinct, lasso: states.length > 0 ? Math.max(...states) : null, error: null };
  if (!violated && code === 0 && counts.distinct !== null) return { verdict: 'holds', distinct: counts.distinct, lasso: null, error: null };
  return { verdict: 'error', distinct: counts.distinct, lasso: null, error: `TLC exit ${code ?? 'signal'}: ${out.split('\n').find((l) => /^Error|Exception/.test(l)) ?? 'unexpected output'}` };
}

/** `check --config F --json`: exit 13 with a temporal violation, or exit 0. */
export function parseOursLiveness(out: string, code: number | null): LiveOutcome {
  try {
    const j = JSON.parse(out.trim().split('\n').pop() ?? '') as { verdict?: string; distinct?: number; violation?: { kind: string; traceLength: number } | null };
    const distinct = j.distinct ?? null;
    if (j.verdict === 'violation' && code === 13 && j.violation?.kind === 'temporal') return { verdict: 'violated', distinct, lasso: j.violation.traceLength, error: null };
    if (j.verdict === 'ok' && code === 0) return { verdict: 'holds', distinct, lasso: null, error: null };
    return { verdict: 'error', distinct, lasso: null, error: `ours exit ${code ?? 'signal'}, verdict ${j.verdict ?? '?'}` };
  } catch {
    return { verdict: 'error', distinct: null, lasso: null, error: `ours exit ${code ?? 'signal'}: no JSON summary` };
  }
}

/**
 * What differs: the verdict, and when the property holds the distinct states (views). On a violation
 * TLC stops at a periodic check of the graph explored so far, so its count then depends on timing.
 */
export function liveProblems(ours: LiveOutcome, tlc: LiveOutcome): string[] {
  const out = [ours.error, tlc.error].filter((e): e is string => e !== null);
  if (out.length > 0) return out;
  if (ours.verdict !== tlc.verdict) out.push(`verdict: ours ${ours.verdict}, TLC ${tlc.verdict}`);
  else if (ours.verdict === 'holds' && ours.distinct !== tlc.distinct) out.push(`distinct: ours ${ours.distinct ?? '?'}, TLC ${tlc.distinct ?? '?'}`);
  return out;
}

// `check ... --search iddfs|best-first [--heuristic NAME]`: an exhaustive search in another order
// than BFS's (model-check/iddfs.ts, model-check/best-first.ts).
import type { Model, Tagged } from '../../core/index.ts';
import { UsageError } from '../../core/index.ts';
import type { ExploreOptions, ExploreResult } from '../../../model-check/run.ts';
import { HEURISTICS, heuristics, type HeuristicName } from '../../../model-check/heuristics.ts';

/** The search order `--search` asks for. */
export interface Order {
  readonly search: 'iddfs' | 'best-first';
  readonly heuristic: HeuristicName;
}

const SEARCHES = ['bfs', 'iddfs', 'best-first'] as const;

/** `--search` and `--heuristic`, checked; undefined for BFS. */
export function orderOf(values: Record<string, unknown>): Order | undefined {
  const search = values['search'];
  const heuristic = values['heuristic'];
  if (search !== undefined && !(SEARCHES as readonly unknown[]).includes(search)) throw new UsageError(`--search: expected one of ${SEARCHES.join(', ')}, got '${String(search)}'`);
  if (heuristic !== undefined && !(HEURISTICS as readonly unknown[]).includes(heuristic)) throw new UsageError(`--heuristic: expected one of ${HEURISTICS.join(', ')}, got '${String(heuristic)}'`);
  if (heuristic !== undefined && search !== 'best-first') throw new UsageError('--heuristic goes with --search best-first');
  if (search === undefined || search === 'bfs') return undefined;
  return { search: search as Order['search'], heuristic: (heuristic as HeuristicName | undefined) ?? 'progress' };
}

/** The line `check` prints before searching. */
export function orderLine(o: Order): string {
  return o.search === 'iddfs'
    ? 'Iterative deepening: depth-first with bounds 1, 2, 3, ... (one thread; the first violation found has a shortest trace)'
    : `Best-first by heuristic '${o.heuristic}', highest first, then shallowest (one thread); a violation is shortened by BFS over its action instances, not necessarily the shortest`;
}

/** Runs the search `o` names. */
export async function searchInOrder(model: Model<unknown, Tagged>, opts: ExploreOptions, o: Order): Promise<ExploreResult> {
  if (o.search === 'iddfs') return (await import('../../../model-check/iddfs.ts')).exploreIterativeDeepening(model, opts);
  const r = await (await import('../../../model-check/best-first.ts')).exploreBestFirst(model, heuristics[o.heuristic], opts);
  if (r.violation === null) return r;
  // As --guided does: BFS over the action instances the behaviour took (model-check/shorten.ts).
  const s = await (await import('../../../model-check/shorten.ts')).shortenTrace(model, r.violation, { speed: opts.speed ?? true });
  return { ...r, violation: s.violation };
}

// Heuristics for best-first search, derived from a state's structure alone (no protocol code): the
// node states under `nodes` (every node-level protocol's global view) and the messages in flight.
// Higher is explored first.

/** A state's score for best-first search: higher first. */
export type Heuristic = (s: unknown) => number;

/** The heuristics `--heuristic` names. */
export const HEURISTICS = ['logs', 'disagreement', 'messages', 'progress'] as const;
export type HeuristicName = (typeof HEURISTICS)[number];

function nodesOf(s: unknown): readonly unknown[] {
  if (typeof s !== 'object' || s === null || !('nodes' in s)) return [s];
  const nodes = (s as { nodes: unknown }).nodes;
  return typeof nodes === 'object' && nodes !== null ? Object.values(nodes) : [s];
}

const fieldsOf = (n: unknown): [string, unknown][] => (typeof n === 'object' && n !== null && !Array.isArray(n) ? Object.entries(n) : []);
const isRecordList = (v: unknown): v is readonly unknown[] => Array.isArray(v) && v.length > 0 && typeof v[0] === 'object' && v[0] !== null;

/** Total length of the nodes' lists of records (Raft's logs): more entries written and replicated first. */
export function logs(s: unknown): number {
  let n = 0;
  for (const node of nodesOf(s)) for (const [, v] of fieldsOf(node)) if (isRecordList(v)) n += v.length;
  return n;
}

/** For each scalar field of the node states, the number of distinct values the nodes hold (terms, ballots, roles), summed. */
export function disagreement(s: unknown): number {
  const values = new Map<string, Set<unknown>>();
  for (const node of nodesOf(s)) {
    for (const [k, v] of fieldsOf(node)) {
      if (typeof v !== 'number' && typeof v !== 'string') continue;
      const set = values.get(k) ?? new Set<unknown>();
      set.add(v);
      values.set(k, set);
    }
  }
  let n = 0;
  for (const set of values.values()) n += set.size;
  return n;
}

/** Messages in flight, all copies (a bag's entries are `[key, message, copies]`). */
export function messages(s: unknown): number {
  const net = typeof s === 'object' && s !== null && 'network' in s ? (s as { network: unknown }).network : null;
  if (!Array.isArray(net)) return 0;
  let n = 0;
  for (const e of net) n += Array.isArray(e) && typeof e[2] === 'number' ? e[2] : 1;
  return n;
}

/** Log entries written and replicated, then disagreement among the nodes, as one score. */
export function progress(s: unknown): number {
  return 4 * logs(s) + disagreement(s);
}

export const heuristics: Readonly<Record<HeuristicName, Heuristic>> = { logs, disagreement, messages, progress };

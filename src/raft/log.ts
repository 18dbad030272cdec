// Log helpers of raft.tla (`LastTerm`, `Len`, `log[i][k].term`), with the spec's 1-based indices.
import type { Entry } from './types.ts';

/** raft.tla `LastTerm(xlog)`: the term of the last entry, or 0 for an empty log. */
export function lastTerm(log: readonly Entry[]): number {
  const e = log[log.length - 1];
  return e === undefined ? 0 : e.term;
}

/** `xlog[k].term` for 1 <= k <= Len(xlog), else null. */
export function termAt(log: readonly Entry[], k: number): number | null {
  const e = k >= 1 ? log[k - 1] : undefined;
  return e === undefined ? null : e.term;
}

/** raft.tla's log comparison of `HandleRequestVoteRequest`: is (lastLogTerm, lastLogIndex) at least as up-to-date as `log`? */
export function upToDate(lastLogTerm: number, lastLogIndex: number, log: readonly Entry[]): boolean {
  const t = lastTerm(log);
  return lastLogTerm > t || (lastLogTerm === t && lastLogIndex >= log.length);
}

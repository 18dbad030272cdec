// Log helpers of raft.tla (`LastTerm`, `Len`, `log[i][k].term`), with the spec's 1-based indices.
import type { Entry, Server, Snapshot, Value } from './types.ts';

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

// Global indices over snapshot + log (Raft §7): entries 1..snapshot.index are compacted, the log holds
// the entries after them. Without a snapshot these are the helpers above.

/** `snapshot[i].index`: the last index compacted into the snapshot, 0 without one. */
export function snapshotIndex(s: Server): number {
  return s.snapshot === undefined ? 0 : s.snapshot.index;
}

/** Spec `LastIndex(i)`: the index of the server's last entry, compacted or not. */
export function lastIndex(s: Server): number {
  return snapshotIndex(s) + s.log.length;
}

/** Spec `LastTermOf(i)`: the term of the last entry, the snapshot's if the log is empty (0 if none). */
export function lastTermOf(s: Server): number {
  const e = s.log[s.log.length - 1];
  return e !== undefined ? e.term : s.snapshot === undefined ? 0 : s.snapshot.term;
}

/** Spec `TermAt(i, k)`: the term of entry k for snapshot.index <= k <= LastIndex(i) (0 at index 0), else null. */
export function termOf(s: Server, k: number): number | null {
  const base = snapshotIndex(s);
  if (k === base) return s.snapshot === undefined ? 0 : s.snapshot.term;
  return termAt(s.log, k - base);
}

/** Entry k of the log for snapshot.index < k <= LastIndex(i), else undefined. */
export function entryAt(s: Server, k: number): Entry | undefined {
  const p = k - 1 - snapshotIndex(s);
  return p >= 0 ? s.log[p] : undefined;
}

/** Spec `ValueAt(i, k)` for 1 <= k <= LastIndex(i): the compacted value or the log entry's value; undefined beyond. */
export function valueAt(s: Server, k: number): { readonly v: Value } | undefined {
  const base = snapshotIndex(s);
  if (k >= 1 && k <= base) return { v: (s.snapshot as Snapshot).state[k - 1] };
  const e = entryAt(s, k);
  return e === undefined ? undefined : { v: e.value };
}

/** `upToDate` against a server's snapshot + log: is (lastLogTerm, lastLogIndex) at least as up-to-date? */
export function upToDateWith(lastLogTerm: number, lastLogIndex: number, s: Server): boolean {
  const t = lastTermOf(s);
  return lastLogTerm > t || (lastLogTerm === t && lastLogIndex >= lastIndex(s));
}

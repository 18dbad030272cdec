// Quorum arithmetic, the only place it lives (after etcd's quorum/majority.go and joint.go).
import { subsets } from './set.ts';

/** `Cardinality(q) * 2 > Cardinality(members)`: q (a subset of members) is a majority. */
export function isMajority(members: readonly string[], q: readonly string[]): boolean {
  let n = 0;
  for (const x of q) if (members.includes(x)) n++;
  return n * 2 > members.length;
}

/** Joint consensus (Raft §6): a majority of both the old and the new configuration. */
export function isJointMajority(
  oldMembers: readonly string[],
  newMembers: readonly string[],
  q: readonly string[],
): boolean {
  return isMajority(oldMembers, q) && isMajority(newMembers, q);
}

/**
 * The largest index that a majority has reached, given each member's match index (etcd's
 * `CommittedIndex`): sort descending and take the value at position floor(n/2).
 */
export function committedIndex(members: readonly string[], match: (member: string) => number): number {
  if (members.length === 0) return 0;
  const xs = members.map(match).sort((a, b) => b - a);
  return xs[Math.floor(members.length / 2)] ?? 0;
}

/** Whether every two of the given quorums intersect (Paxos's quorum assumption). */
export function quorumsIntersect(quorums: readonly (readonly string[])[]): boolean {
  for (const q1 of quorums) for (const q2 of quorums) if (!q1.some((x) => q2.includes(x))) return false;
  return true;
}

/** Every subset of `members` that is a majority (TLA+: `{Q \in SUBSET members : 2 * Cardinality(Q) > N}`), smallest first. */
export function majorities(members: readonly string[]): readonly (readonly string[])[] {
  return subsets(members).filter((q) => isMajority(members, q));
}

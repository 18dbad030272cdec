// TLC's SYMMETRY for Paxos: acceptors are interchangeable, and so are values. Only the renamings of
// acceptors that map the quorum system onto itself are used (all of them for majorities), since an
// explicit list such as a1,a2;a1,a3 singles out some acceptors.
import { permutations, type Permutation, type Symmetry } from '../core/index.ts';
import { compare } from './msgs.ts';
import type { Constants, Message, PaxosState, Quorum } from './types.ts';

/**
 * Permutations(Acceptor) (those preserving Quorum) times Permutations(Value), or null if there is
 * nothing to rename. The renamings are listed on first use: 9 acceptors have 9! of them.
 */
export function symmetry(c: Constants): Symmetry<PaxosState> | null {
  if (c.acceptors.length <= 1 && c.values.length <= 1) return null;
  let all: readonly Permutation[] | undefined;
  return {
    get permutations(): readonly Permutation[] {
      if (all !== undefined) return all;
      const acceptorPerms = permutations([c.acceptors]).filter((p) => preserves(c.quorums, p));
      const valuePerms = permutations([c.values]);
      return (all = acceptorPerms.flatMap((p) => valuePerms.map((q) => ({ ...p, ...q }))));
    },
    apply: (s, p) => rename(c, s, p),
  };
}

function rename(c: Constants, s: PaxosState, p: Permutation): PaxosState {
  const r = (x: string): string => p[x] ?? x;
  const maxBal: Record<string, number> = {};
  const maxVBal: Record<string, number> = {};
  const maxVal: Record<string, string | null> = {};
  for (const a of c.acceptors) {
    maxBal[r(a)] = s.maxBal[a] as number;
    maxVBal[r(a)] = s.maxVBal[a] as number;
    const v = s.maxVal[a] ?? null;
    maxVal[r(a)] = v === null ? null : r(v);
  }
  const msgs = s.msgs.map((m): Message => {
    switch (m.type) {
      case '1a':
        return m;
      case '1b':
        return { ...m, acc: r(m.acc), mval: m.mval === null ? null : r(m.mval) };
      case '2a':
        return { ...m, val: r(m.val) };
      case '2b':
        return { ...m, acc: r(m.acc), val: r(m.val) };
    }
  });
  return { maxBal, maxVBal, maxVal, msgs: msgs.sort(compare) };
}

function preserves(quorums: readonly Quorum[], p: Permutation): boolean {
  const key = (Q: Quorum) => Q.map((a) => p[a] ?? a).sort().join();
  const set = new Set(quorums.map((Q) => Q.join()));
  return quorums.every((Q) => set.has(key(Q)));
}

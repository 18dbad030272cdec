// TLC's SYMMETRY for Paxos: acceptors are interchangeable, and so are values. Only the renamings of
// acceptors that map the quorum system onto itself are used (all of them for majorities), since an
// explicit list such as a1,a2;a2,a3 singles out some acceptors.
import { permutations, type Permutation, type Schema, type Symmetry } from '../core/index.ts';
import type { Message, PaxosState, Constants, Quorum } from './types.ts';

/** Where acceptors and values occur in a message (also its shape: every field is a number or a name). */
export const message: Schema<Message> = {
  cases: { '1a': 'plain', '1b': { fields: { acc: 'name', mval: 'name' } }, '2a': { fields: { val: 'name' } }, '2b': { fields: { acc: 'name', val: 'name' } } },
};

/** Where acceptors and values occur in a state. */
export const schema: Schema<PaxosState> = {
  fields: { maxBal: { record: 'plain' }, maxVBal: { record: 'plain' }, maxVal: { record: 'name' }, msgs: { set: message } },
};

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
    schema,
  };
}

function preserves(quorums: readonly Quorum[], p: Permutation): boolean {
  const key = (Q: Quorum) => Q.map((a) => p[a] ?? a).sort().join();
  const set = new Set(quorums.map((Q) => Q.join()));
  return quorums.every((Q) => set.has(key(Q)));
}

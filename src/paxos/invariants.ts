// The invariants, one per conjunct: Voting.tla's (via the refinement mapping in voting.ts),
// Consensus.tla's, our ChosenWasProposed, and the conjuncts of Paxos.tla's inductive invariant Inv.
import type { Named } from '../core/index.ts';
import { at } from './lookup.ts';
import type { Constants, Message, PaxosState } from './types.ts';
import { ballots, chosenIn, chosenOf, showsSafeAt, safeAt, votedIn, votes } from './voting.ts';

/** Paxos.tla TypeOK (Inv!1), with Ballot = 0..MaxBallot. */
function typeOK(c: Constants): (s: PaxosState) => boolean {
  const isBallot = (b: number) => Number.isInteger(b) && b >= 0 && b <= c.maxBallot;
  const isAcceptor = (a: string) => c.acceptors.includes(a);
  const isValue = (v: string | null) => v !== null && c.values.includes(v);
  const isMessage = (m: Message): boolean => {
    switch (m.type) {
      case '1a':
        return isBallot(m.bal);
      case '1b':
        return isAcceptor(m.acc) && isBallot(m.bal) && (isBallot(m.mbal) || m.mbal === -1) && (isValue(m.mval) || m.mval === null);
      case '2a':
        return isBallot(m.bal) && isValue(m.val);
      case '2b':
        return isAcceptor(m.acc) && isBallot(m.bal) && isValue(m.val);
    }
  };
  const sameKeys = (r: Readonly<Record<string, unknown>>) =>
    Object.keys(r).length === c.acceptors.length && c.acceptors.every((a) => a in r);
  return (s) =>
    sameKeys(s.maxBal) && sameKeys(s.maxVBal) && sameKeys(s.maxVal) &&
    c.acceptors.every((a) => {
      const b = at(s.maxBal, a);
      const vb = at(s.maxVBal, a);
      const v = at(s.maxVal, a);
      return (isBallot(b) || b === -1) && (isBallot(vb) || vb === -1) && (isValue(v) || v === null);
    }) &&
    s.msgs.every(isMessage);
}

export function invariants(c: Constants): Named<(s: PaxosState) => boolean> {
  const Ballot = ballots(c);
  return {
    /** Paxos.tla TypeOK (Inv!1), with Ballot = 0..MaxBallot. */
    TypeOK: typeOK(c),

    /** Voting.tla: two acceptors never vote for different values in the same ballot. */
    OneValuePerBallot: (s) => {
      const vs = votes(s);
      return vs.every((x) => vs.every((y) => x.bal !== y.bal || x.val === y.val));
    },

    /** Voting.tla: a vote for v in ballot b is cast only when v is safe at b. */
    VotesSafe: (s) => {
      const vs = votes(s);
      return vs.every((m) => safeAt(c, s, vs, m.bal, m.val));
    },

    /** Consensus.tla: `Cardinality(chosen) <= 1`. */
    Consistency: (s) => chosenOf(c, votes(s)).length <= 1,

    /** Paxos Made Simple §2.1 (only a proposed value may be chosen), ballot by ballot. */
    ChosenWasProposed: (s) => {
      const vs = votes(s);
      return Ballot.every((b) =>
        c.values.every((v) => !chosenIn(c, vs, b, v) || s.msgs.some((m) => m.type === '2a' && m.bal === b && m.val === v)),
      );
    },

    /** Paxos.tla Inv!2: an acceptor's (maxVBal, maxVal) is one of its votes, or (-1, None). */
    MaxVoteIsVote: (s) => {
      const vs = votes(s);
      return c.acceptors.every((a) => {
        const vb = at(s.maxVBal, a);
        const v = at(s.maxVal, a);
        return vb === -1 ? v === null : v !== null && votedIn(vs, a, vb, v);
      });
    },

    /** Paxos.tla Inv!3, 1b part: a 1b message tells the truth about its sender's promise and vote. */
    Msg1bTruthful: (s) => {
      const vs = votes(s);
      return s.msgs.every(
        (m) =>
          m.type !== '1b' ||
          (at(s.maxBal, m.acc) >= m.bal && (m.mbal < 0 || (m.mval !== null && votedIn(vs, m.acc, m.mbal, m.mval)))),
      );
    },

    /** Paxos.tla Inv!3, 2a part: a proposal's value is shown safe by some quorum. */
    Msg2aSafe: (s) => {
      const vs = votes(s);
      return s.msgs.every((m) => m.type !== '2a' || c.quorums.some((Q) => showsSafeAt(s, vs, Q, m.bal, m.val)));
    },

    /** Paxos.tla Inv!3, 2a part: at most one proposal per ballot. */
    Msg2aUnique: (s) =>
      s.msgs.every(
        (m) => m.type !== '2a' || s.msgs.every((mm) => mm.type !== '2a' || mm.bal !== m.bal || mm.val === m.val),
      ),
  };
}

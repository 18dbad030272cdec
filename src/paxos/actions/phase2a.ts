// Phase2a(b, v) — Paxos.tla; Paxos Made Simple §2.2, Phase 2(a): having 1b answers for ballot b from a
// quorum Q, the leader proposes v: the value of the highest-numbered vote they report, or any value if none.
import { send, sent, sentOf } from '../msgs.ts';
import type { Ballot, Msg1b, PaxosState, Quorum, Value } from '../types.ts';

export function phase2a(s: PaxosState, b: Ballot, v: Value, Q: Quorum, m: Msg1b | null): PaxosState | null {
  // The guard's conjuncts, cheapest first: most instances fail on a field of their witness.
  if (m !== null && !witnessFits(b, Q, m)) return null; // m \in Q1bv, as far as m's own fields say
  if (sentOf(s.msgs, '2a', b)) return null; // ~\E m \in msgs : m.type = "2a" /\ m.bal = b
  if (!quorumShowsSafe(s, b, v, Q, m)) return null; // \E Q \in Quorum : ...
  return { ...s, msgs: send(s.msgs, { type: '2a', bal: b, val: v }) };
}

/** The 1b messages of ballot b from members of Q (the spec's `Q1b`). */
export function q1b(s: PaxosState, b: Ballot, Q: Quorum): readonly Msg1b[] {
  return s.msgs.filter((x): x is Msg1b => x.type === '1b' && x.bal === b && Q.includes(x.acc));
}

/** Every member of Q has sent its 1b message for ballot b. */
export function quorumAnswered(s: PaxosState, b: Ballot, Q: Quorum): boolean {
  return Q.every((a) => s.msgs.some((x) => x.type === '1b' && x.bal === b && x.acc === a)); // \A a \in Q : \E m \in Q1b : m.acc = a
}

/**
 * The body of the spec's `\E Q`: Q answered, and v is the value of the highest vote reported (`m` is
 * the witness of `\E m \in Q1bv`), or no vote was reported (`m` null: the disjunct `Q1bv = {}`).
 * TLC makes one successor per witness, and so do we.
 */
export function quorumShowsSafe(s: PaxosState, b: Ballot, v: Value, Q: Quorum, m: Msg1b | null): boolean {
  if (m !== null && (!witnessFits(b, Q, m) || !sent(s.msgs, m))) return false; // m \in Q1bv
  if (!quorumAnswered(s, b, Q)) return false;
  const Q1bv = q1b(s, b, Q).filter((x) => x.mbal >= 0);
  if (m === null) return Q1bv.length === 0; // Q1bv = {}
  return m.mval === v && Q1bv.every((x) => m.mbal >= x.mbal); // m.mval = v /\ \A mm \in Q1bv : m.mbal \geq mm.mbal
}

/** What the witness's own fields say of `m \in Q1bv`: a 1b message of ballot b from a member of Q that reports a vote. */
export function witnessFits(b: Ballot, Q: Quorum, m: Msg1b): boolean {
  return m.bal === b && m.mbal >= 0 && Q.includes(m.acc);
}

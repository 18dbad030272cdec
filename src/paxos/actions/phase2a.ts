// Phase2a(b, v) — Paxos.tla; Paxos Made Simple §2.2, Phase 2(a): having 1b answers for ballot b from a
// quorum Q, the leader proposes v: the value of the highest-numbered vote they report, or any value if none.
import { send, sent } from '../msgs.ts';
import type { Ballot, Msg1b, PaxosState, Quorum, Value } from '../types.ts';

export function phase2a(s: PaxosState, b: Ballot, v: Value, Q: Quorum, m: Msg1b | null): PaxosState | null {
  if (s.msgs.some((x) => x.type === '2a' && x.bal === b)) return null; // ~\E m \in msgs : m.type = "2a" /\ m.bal = b
  if (!quorumShowsSafe(s, b, v, Q, m)) return null; // \E Q \in Quorum : ...
  return { ...s, msgs: send(s.msgs, { type: '2a', bal: b, val: v }) };
}

/** The 1b messages of ballot b from members of Q (the spec's `Q1b`). */
export function q1b(s: PaxosState, b: Ballot, Q: Quorum): readonly Msg1b[] {
  return s.msgs.filter((x): x is Msg1b => x.type === '1b' && x.bal === b && Q.includes(x.acc));
}

/** Every member of Q has sent its 1b message for ballot b. */
export function quorumAnswered(s: PaxosState, b: Ballot, Q: Quorum): boolean {
  const Q1b = q1b(s, b, Q);
  return Q.every((a) => Q1b.some((x) => x.acc === a)); // \A a \in Q : \E m \in Q1b : m.acc = a
}

/**
 * The body of the spec's `\E Q`: Q answered, and v is the value of the highest vote reported (`m` is
 * the witness of `\E m \in Q1bv`), or no vote was reported (`m` null: the disjunct `Q1bv = {}`).
 * TLC makes one successor per witness, and so do we.
 */
export function quorumShowsSafe(s: PaxosState, b: Ballot, v: Value, Q: Quorum, m: Msg1b | null): boolean {
  // Conjuncts in an order that rejects a witness outside Q1bv cheaply; each is the spec's.
  if (m !== null && (m.bal !== b || !Q.includes(m.acc) || m.mbal < 0 || !sent(s.msgs, m))) return false; // m \in Q1bv
  if (!quorumAnswered(s, b, Q)) return false;
  const Q1bv = q1b(s, b, Q).filter((x) => x.mbal >= 0);
  if (m === null) return Q1bv.length === 0; // Q1bv = {}
  return m.mval === v && Q1bv.every((x) => m.mbal >= x.mbal); // m.mval = v /\ \A mm \in Q1bv : m.mbal \geq mm.mbal
}

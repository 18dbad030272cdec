// The refinement mapping to Voting.tla: votes[a] = {<<m.bal, m.val>> : 2b messages m of a}, and the
// operators of Voting.tla over it (maxBal is Paxos's own variable).
import { at } from './lookup.ts';
import type { Acceptor, Ballot, Constants, Msg2b, PaxosState, Quorum, Value } from './types.ts';

// The invariants ask these operators dozens of times about one state before they go on to the
// next: the votes of the last state asked about are kept (states are immutable, so its identity is
// enough), and the operators scan them instead of every message.
let votesOf: PaxosState | null = null;
let votesOfLast: readonly Msg2b[] = [];

/** Every vote cast: the 2b messages. */
export function votes(s: PaxosState): readonly Msg2b[] {
  if (s !== votesOf) {
    votesOfLast = s.msgs.filter((m): m is Msg2b => m.type === '2b');
    votesOf = s;
  }
  return votesOfLast;
}

/** `VotedFor(a, b, v) == <<b, v>> \in votes[a]`. */
export function votedFor(s: PaxosState, a: Acceptor, b: Ballot, v: Value): boolean {
  const vs = votes(s);
  for (let k = 0; k < vs.length; k++) {
    const m = vs[k] as Msg2b;
    if (m.acc === a && m.bal === b && m.val === v) return true;
  }
  return false;
}

/** `DidNotVoteAt(a, b)`: a cast no vote in ballot b. */
export function didNotVoteAt(s: PaxosState, a: Acceptor, b: Ballot): boolean {
  const vs = votes(s);
  for (let k = 0; k < vs.length; k++) {
    const m = vs[k] as Msg2b;
    if (m.acc === a && m.bal === b) return false;
  }
  return true;
}

/** `ChosenAt(b, v)`: every acceptor of some quorum voted for v in ballot b. */
export function chosenAt(c: Constants, s: PaxosState, b: Ballot, v: Value): boolean {
  return c.quorums.some((Q) => Q.every((a) => votedFor(s, a, b, v)));
}

/** `chosen`: the values chosen in some ballot. */
export function chosen(c: Constants, s: PaxosState): readonly Value[] {
  return c.values.filter((v) => ballots(c).some((b) => chosenAt(c, s, b, v)));
}

/** `SafeAt(b, v)`: no value other than v has been or can be chosen in a ballot below b. */
export function safeAt(c: Constants, s: PaxosState, b: Ballot, v: Value): boolean {
  for (let d = 0; d < b; d++) {
    // NoneOtherChoosableAt(d, v): a quorum each of whose members voted v at d or can no longer vote at d
    const ok = c.quorums.some((Q) =>
      Q.every((a) => votedFor(s, a, d, v) || (at(s.maxBal, a) > d && didNotVoteAt(s, a, d))),
    );
    if (!ok) return false;
  }
  return true;
}

/** `ShowsSafeAt(Q, b, v)`: what the 1b answers of Q let a leader deduce about v at ballot b. */
export function showsSafeAt(s: PaxosState, Q: Quorum, b: Ballot, v: Value): boolean {
  if (!Q.every((a) => at(s.maxBal, a) >= b)) return false;
  for (let c = -1; c < b; c++) {
    if (c !== -1 && !Q.some((a) => votedFor(s, a, c, v))) continue;
    let quiet = true;
    for (let d = c + 1; d < b && quiet; d++) quiet = Q.every((a) => didNotVoteAt(s, a, d));
    if (quiet) return true;
  }
  return false;
}

/** `Ballot == 0..MaxBallot`, one array per constants (invariants ask for it on every state). */
export function ballots(c: Constants): readonly Ballot[] {
  let bs = ballotsOf.get(c);
  if (bs === undefined) {
    bs = Array.from({ length: c.maxBallot + 1 }, (_, b) => b);
    ballotsOf.set(c, bs);
  }
  return bs;
}

const ballotsOf = new WeakMap<Constants, readonly Ballot[]>();

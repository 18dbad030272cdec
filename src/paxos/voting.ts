// The refinement mapping to Voting.tla: votes[a] = {<<m.bal, m.val>> : 2b messages m of a}, and the
// operators of Voting.tla over it (maxBal is Paxos's own variable). The operators read the mapped
// variable `votes`, as Voting.tla's do; the invariants compute it once per state.
import { at } from './lookup.ts';
import type { Acceptor, Ballot, Constants, Msg2b, PaxosState, Quorum, Value } from './types.ts';

/** Voting.tla's `votes`: every vote cast, i.e. the 2b messages. */
export type Votes = readonly Msg2b[];

/** Every vote cast: the 2b messages. */
export function votes(s: PaxosState): Votes {
  return s.msgs.filter((m): m is Msg2b => m.type === '2b');
}

/** `VotedFor(a, b, v) == <<b, v>> \in votes[a]`. */
export function votedIn(vs: Votes, a: Acceptor, b: Ballot, v: Value): boolean {
  for (let k = 0; k < vs.length; k++) {
    const m = vs[k] as Msg2b;
    if (m.acc === a && m.bal === b && m.val === v) return true;
  }
  return false;
}

/** `DidNotVoteAt(a, b)` over `votes`. */
export function noVoteIn(vs: Votes, a: Acceptor, b: Ballot): boolean {
  for (let k = 0; k < vs.length; k++) {
    const m = vs[k] as Msg2b;
    if (m.acc === a && m.bal === b) return false;
  }
  return true;
}

/** `ChosenAt(b, v)`: every acceptor of some quorum voted for v in ballot b. */
export function chosenIn(c: Constants, vs: Votes, b: Ballot, v: Value): boolean {
  return c.quorums.some((Q) => Q.every((a) => votedIn(vs, a, b, v)));
}

/** `chosen`: the values chosen in some ballot. */
export function chosenOf(c: Constants, vs: Votes): readonly Value[] {
  return c.values.filter((v) => {
    for (let b = 0; b <= c.maxBallot; b++) if (chosenIn(c, vs, b, v)) return true;
    return false;
  });
}

/** `VotedFor(a, b, v)` in state s. */
export function votedFor(s: PaxosState, a: Acceptor, b: Ballot, v: Value): boolean {
  return votedIn(votes(s), a, b, v);
}

/** `DidNotVoteAt(a, b)`: a cast no vote in ballot b. */
export function didNotVoteAt(s: PaxosState, a: Acceptor, b: Ballot): boolean {
  return noVoteIn(votes(s), a, b);
}

/** `ChosenAt(b, v)` in state s. */
export function chosenAt(c: Constants, s: PaxosState, b: Ballot, v: Value): boolean {
  return chosenIn(c, votes(s), b, v);
}

/** `chosen` in state s. */
export function chosen(c: Constants, s: PaxosState): readonly Value[] {
  return chosenOf(c, votes(s));
}

/** `SafeAt(b, v)`: no value other than v has been or can be chosen in a ballot below b. */
export function safeAt(c: Constants, s: PaxosState, vs: Votes, b: Ballot, v: Value): boolean {
  for (let d = 0; d < b; d++) {
    // NoneOtherChoosableAt(d, v): a quorum each of whose members voted v at d or can no longer vote at d
    const ok = c.quorums.some((Q) =>
      Q.every((a) => votedIn(vs, a, d, v) || (at(s.maxBal, a) > d && noVoteIn(vs, a, d))),
    );
    if (!ok) return false;
  }
  return true;
}

/** `ShowsSafeAt(Q, b, v)`: what the 1b answers of Q let a leader deduce about v at ballot b. */
export function showsSafeAt(s: PaxosState, vs: Votes, Q: Quorum, b: Ballot, v: Value): boolean {
  if (!Q.every((a) => at(s.maxBal, a) >= b)) return false;
  for (let c = -1; c < b; c++) {
    if (c !== -1 && !Q.some((a) => votedIn(vs, a, c, v))) continue;
    let quiet = true;
    for (let d = c + 1; d < b && quiet; d++) quiet = Q.every((a) => noVoteIn(vs, a, d));
    if (quiet) return true;
  }
  return false;
}

/** `Ballot == 0..MaxBallot`. */
export function ballots(c: Constants): readonly Ballot[] {
  return Array.from({ length: c.maxBallot + 1 }, (_, b) => b);
}

// "Sometimes" properties (stateright): each must hold in some reachable state, or the bounds leave
// the interesting behaviours out.
import type { Named } from '../core/index.ts';
import type { Constants, PaxosState } from './types.ts';
import { ballots, chosenIn, chosenOf, votes } from './voting.ts';

export function witnesses(c: Constants): Named<(s: PaxosState) => boolean> {
  const Ballot = ballots(c);
  return {
    /** Some value is chosen. */
    ValueChosen: (s) => chosenOf(c, votes(s)).length > 0,
    /** An acceptor voted for different values in two ballots: a vote that was not chosen was overtaken. */
    VoteChanged: (s) => {
      const vs = votes(s);
      return vs.some((x) => vs.some((y) => x.acc === y.acc && x.val !== y.val));
    },
    /** The same value chosen in two ballots: the later leader had to adopt the chosen value (P2c). */
    ChosenTwice: (s) => {
      const vs = votes(s);
      return c.values.some((v) => Ballot.filter((b) => chosenIn(c, vs, b, v)).length >= 2);
    },
  };
}

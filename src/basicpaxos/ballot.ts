// Ballot order (Paxos Made Simple §2.2: proposals are totally ordered, here by round, then proposer).
import type { Ballot, Vote } from './types.ts';

/** `b > c`, where a null ballot is below every ballot. */
export function ballotAbove(b: Ballot, c: Ballot | null): boolean {
  if (c === null) return true;
  return b.round > c.round || (b.round === c.round && b.proposer > c.proposer);
}

/** `b = c` (null equals only null). */
export function sameBallot(b: Ballot | null, c: Ballot | null): boolean {
  return b === c || (b !== null && c !== null && b.round === c.round && b.proposer === c.proposer);
}

/** `b >= c`. */
export function ballotAtLeast(b: Ballot, c: Ballot | null): boolean {
  return sameBallot(b, c) || ballotAbove(b, c);
}

/** The vote with the higher ballot; the first one on a tie. */
export function higherVote(x: Vote | null, y: Vote | null): Vote | null {
  if (y === null) return x;
  if (x === null) return y;
  return ballotAbove(y.bal, x.bal) ? y : x;
}

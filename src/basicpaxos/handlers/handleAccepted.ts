// HandleAccepted(l, m) — Paxos Made Simple §2.3: learner l counts acceptances per ballot and learns a value once a
// quorum accepted it in one ballot.
import { produce } from 'immer';
import { setAdd, type NodeId } from '../../core/index.ts';
import { hasQuorum } from '../quorum.ts';
import { sameBallot } from '../ballot.ts';
import type { Accepted, BpConfig, BpStep, Count, Learner } from '../types.ts';

export function handleAccepted(s: Learner, _l: NodeId, m: Accepted, c: BpConfig): BpStep<Learner> | null {
  const votes = addCount(s.votes, { bal: m.bal, val: m.val, acc: m.source });
  const from = votes.filter((x) => sameBallot(x.bal, m.bal) && x.val === m.val).map((x) => x.acc);
  const learned = hasQuorum(c, from) ? (setAdd(s.learned, m.val) as string[]) : s.learned;
  return { state: produce(s, (d) => { d.votes = votes as Count[]; d.learned = learned as string[]; }), send: [] };
}

const key = (x: Count): string => `${x.bal.round}\u0000${x.bal.proposer}\u0000${x.val}\u0000${x.acc}`;

/** `votes \cup {x}`, kept sorted. */
function addCount(votes: readonly Count[], x: Count): readonly Count[] {
  const k = key(x);
  if (votes.some((y) => key(y) === k)) return votes;
  return [...votes, x].sort((y, z) => (key(y) < key(z) ? -1 : 1));
}

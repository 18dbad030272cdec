// Phase2a may send a second, different proposal in a ballot that already has one.
import { quorumShowsSafe } from '../actions/phase2a.ts';
import { send } from '../msgs.ts';
import type { Ballot, Msg1b, PaxosState, Quorum, Value } from '../types.ts';
import type { PaxosVariant } from './types.ts';

function phase2a(s: PaxosState, b: Ballot, v: Value, Q: Quorum, m: Msg1b | null): PaxosState | null {
  // bug: the first conjunct (no 2a message for ballot b yet) is gone
  if (!quorumShowsSafe(s, b, v, Q, m)) return null;
  return { ...s, msgs: send(s.msgs, { type: '2a', bal: b, val: v }) };
}

export const twoProposalsPerBallot: PaxosVariant = {
  name: 'two-proposals-per-ballot',
  bug: 'the ballot-b leader may send Phase2a twice, for different values',
  source: 'Paxos Made Simple §2.2 (different proposals have different numbers); Paxos.tla Phase2a, first conjunct',
  replaces: { phase2a },
};

// Phase2a proposes any value, ignoring the votes the 1b messages report.
import { quorumAnswered } from '../actions/phase2a.ts';
import { send } from '../msgs.ts';
import type { Ballot, Msg1b, PaxosState, Quorum, Value } from '../types.ts';
import type { PaxosVariant } from './types.ts';

function phase2a(s: PaxosState, b: Ballot, v: Value, Q: Quorum, m: Msg1b | null): PaxosState | null {
  if (s.msgs.some((x) => x.type === '2a' && x.bal === b)) return null;
  if (!quorumAnswered(s, b, Q)) return null;
  if (m !== null) return null; // bug: no witness vote is needed, the reported votes are never read
  return { ...s, msgs: send(s.msgs, { type: '2a', bal: b, val: v }) };
}

export const phase2aAnyValue: PaxosVariant = {
  name: 'phase2a-any-value',
  bug: 'Phase2a proposes any value instead of the value of the highest-numbered vote its quorum reports',
  source: 'Paxos Made Simple §2.2, P2c and Phase 2(a); Paxos.tla Phase2a, second conjunct',
  replaces: { phase2a },
};

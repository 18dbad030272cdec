// Phase1a(b) — Paxos.tla; Paxos Made Simple §2.2, Phase 1(a): the leader of ballot b sends a prepare request.
import { send } from '../msgs.ts';
import type { Ballot, PaxosState } from '../types.ts';

// Always enabled, even when the 1a message is already in msgs (then a stutter step): this is why the
// spec never deadlocks.
export function phase1a(s: PaxosState, b: Ballot): PaxosState | null {
  return { ...s, msgs: send(s.msgs, { type: '1a', bal: b }) };
}

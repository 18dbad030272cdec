// Phase2b(a) — Paxos.tla; Paxos Made Simple §2.2, Phase 2(b): acceptor a votes for the 2a proposal
// unless it has promised a higher ballot (P1a), and announces the vote in a 2b message.
import { at } from '../lookup.ts';
import { send, sent } from '../msgs.ts';
import type { Acceptor, Msg2a, PaxosState } from '../types.ts';

export function phase2b(s: PaxosState, a: Acceptor, m: Msg2a): PaxosState | null {
  if (!sent(s.msgs, m)) return null; // m \in msgs /\ m.type = "2a"
  if (m.bal < at(s.maxBal, a)) return null; // m.bal \geq maxBal[a]
  return {
    maxBal: { ...s.maxBal, [a]: m.bal },
    maxVBal: { ...s.maxVBal, [a]: m.bal },
    maxVal: { ...s.maxVal, [a]: m.val },
    msgs: send(s.msgs, { type: '2b', acc: a, bal: m.bal, val: m.val }),
  };
}

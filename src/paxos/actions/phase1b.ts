// Phase1b(a) — Paxos.tla; Paxos Made Simple §2.2, Phase 1(b): acceptor a answers a prepare request
// numbered higher than any it has answered, promising to ignore lower ones and reporting its latest vote.
import { at } from '../lookup.ts';
import { send, sent } from '../msgs.ts';
import type { Acceptor, Msg1a, PaxosState } from '../types.ts';

export function phase1b(s: PaxosState, a: Acceptor, m: Msg1a): PaxosState | null {
  if (!sent(s.msgs, m)) return null; // m \in msgs /\ m.type = "1a"
  if (m.bal <= at(s.maxBal, a)) return null; // m.bal > maxBal[a]
  return {
    ...s,
    maxBal: { ...s.maxBal, [a]: m.bal },
    msgs: send(s.msgs, { type: '1b', acc: a, bal: m.bal, mbal: at(s.maxVBal, a), mval: at(s.maxVal, a) }),
  };
}

// Phase2b votes in any proposed ballot, even one below the ballot the acceptor promised in Phase1b.
import { send, sent } from '../msgs.ts';
import type { Acceptor, Msg2a, PaxosState } from '../types.ts';
import type { PaxosVariant } from './types.ts';

function phase2b(s: PaxosState, a: Acceptor, m: Msg2a): PaxosState | null {
  if (!sent(s.msgs, m)) return null;
  // bug: the guard m.bal >= maxBal[a] is gone, so maxBal[a] may even go down
  return {
    maxBal: { ...s.maxBal, [a]: m.bal },
    maxVBal: { ...s.maxVBal, [a]: m.bal },
    maxVal: { ...s.maxVal, [a]: m.val },
    msgs: send(s.msgs, { type: '2b', acc: a, bal: m.bal, val: m.val }),
  };
}

export const phase2bIgnoresPromise: PaxosVariant = {
  name: 'phase2b-ignores-promise',
  bug: 'an acceptor votes in a ballot below maxBal, breaking the promise its 1b message made',
  source: 'Paxos Made Simple §2.2, P1a and Phase 2(b); Paxos.tla Phase2b, second conjunct',
  replaces: { phase2b },
};

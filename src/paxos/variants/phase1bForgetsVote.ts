// Phase1b answers as if the acceptor had never voted.
import { send, sent } from '../msgs.ts';
import { at } from '../lookup.ts';
import type { Acceptor, Msg1a, PaxosState } from '../types.ts';
import type { PaxosVariant } from './types.ts';

function phase1b(s: PaxosState, a: Acceptor, m: Msg1a): PaxosState | null {
  if (!sent(s.msgs, m)) return null;
  if (m.bal <= at(s.maxBal, a)) return null;
  return {
    ...s,
    maxBal: { ...s.maxBal, [a]: m.bal },
    msgs: send(s.msgs, { type: '1b', acc: a, bal: m.bal, mbal: -1, mval: null }), // bug: vote not reported
  };
}

export const phase1bForgetsVote: PaxosVariant = {
  name: 'phase1b-forgets-vote',
  bug: 'a 1b message reports no vote (mbal -1, mval None) even when the acceptor has voted',
  source: 'Paxos Made Simple §2.2, Phase 1(b) (the reply carries the highest-numbered proposal accepted)',
  replaces: { phase1b },
};

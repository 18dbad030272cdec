// Broken: the one-phase "Paxos" of protocol note 003 — no Prepare phase; an acceptor accepts any proposal numbered
// higher than the last one it saw, so a later proposal overwrites a chosen value.
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import { ballotAbove } from '../ballot.ts';
import type { Accept, Acceptor, BpConfig, BpMessage, BpStep, BpVariant, Proposer } from '../types.ts';

function timeout(s: Proposer, p: NodeId, _c: BpConfig): BpStep<Proposer> | null {
  const round = s.ballot === null ? 0 : s.ballot.round + 1;
  // BUG: straight to Phase 2 with the proposer's own value, without asking for promises.
  return { state: produce(s, (d) => { d.ballot = { round, proposer: p }; d.phase = 'Phase2'; d.proposal = s.value; d.promises = []; d.highest = null; }), send: [] };
}

function handleAccept(s: Acceptor, a: NodeId, m: Accept, c: BpConfig): BpStep<Acceptor> | null {
  // BUG: the note's receive_proposal: accept iff numbered above the last proposal seen, else ignore it.
  if (!ballotAbove(m.bal, s.promised)) return { state: s, send: [] };
  return {
    state: produce(s, (d) => { d.promised = m.bal; d.accepted = { bal: m.bal, val: m.val }; }),
    send: c.learners.map((l): BpMessage => ({ type: 'Accepted', source: a, dest: l, bal: m.bal, val: m.val })),
  };
}

export const onePhase: BpVariant = {
  name: 'one-phase',
  bug: 'no Prepare phase: acceptors accept any proposal numbered above the last one seen (protocol note 003)',
  source: 'Paxos Made Simple §2.2: P2c needs Phase 1 to find the value a proposer may propose',
  replaces: { timeout, handleAccept },
};

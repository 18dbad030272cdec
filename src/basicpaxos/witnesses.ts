// Witnesses (stateright's "sometimes"): each must hold in some reachable state, so the bounds leave something to check.
import type { Named } from '../core/index.ts';
import { learnedValues, type BpGlobal } from './invariants.ts';
import type { BpConfig, Node } from './types.ts';

export const witnesses: Named<(g: BpGlobal, c: BpConfig) => boolean> = {
  ValueLearned: (g, c) => learnedValues(g, c).length > 0,
  NackSent: (g) => g.network.some(([, m]) => m.type === 'Nack'),
  Retried: (g, c) => c.proposers.some((p) => { const s = g.nodes[p] as Node; return s.role === 'Proposer' && s.ballot !== null && s.ballot.round > 0; }),
  // P2c at work: a proposer proposes a value reported by a promise, not its own.
  AdoptedVote: (g, c) => c.proposers.some((p) => { const s = g.nodes[p] as Node; return s.role === 'Proposer' && s.phase === 'Phase2' && s.proposal !== s.value; }),
};

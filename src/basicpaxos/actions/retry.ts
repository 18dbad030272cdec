// The effect shared by Timeout and HandleNack: open ballot b and start Phase 1 over.
import type { Draft } from 'immer';
import type { Ballot, Proposer } from '../types.ts';

export function retry(d: Draft<Proposer>, b: Ballot): void {
  d.ballot = b;
  d.phase = 'Phase1';
  d.promises = [];
  d.highest = null;
  d.proposal = null;
}

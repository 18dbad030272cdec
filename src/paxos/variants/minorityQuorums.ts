// Quorums that need not intersect: every non-empty set of at most half the acceptors.
import { subsets } from '../../core/index.ts';
import type { Acceptor, Quorum } from '../types.ts';
import type { PaxosVariant } from './types.ts';

function minorities(acceptors: readonly Acceptor[]): readonly Quorum[] {
  return subsets(acceptors).filter((Q) => Q.length > 0 && 2 * Q.length <= acceptors.length);
}

export const minorityQuorums: PaxosVariant = {
  name: 'minority-quorums',
  bug: 'quorums are the sets of at most half the acceptors, so two of them may not intersect',
  source: 'Paxos Made Simple §2.2 (a value is chosen by a majority); Voting.tla QuorumAssumption',
  replaces: {},
  quorums: minorities,
};

// A deliberately broken Paxos (ongardie's sibling-module style): it swaps entries of the action
// table, or the quorum system, so that the correct code never asks which variant it runs.
import type { Variant } from '../../core/index.ts';
import type { Actions } from '../next.ts';
import type { Acceptor, Quorum } from '../types.ts';

export interface PaxosVariant extends Variant {
  readonly replaces: Partial<Actions>;
  /** Replaces the default quorum system (`--quorums majority`) and lets quorums be disjoint. */
  readonly quorums?: (acceptors: readonly Acceptor[]) => readonly Quorum[];
}

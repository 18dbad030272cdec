// Broken AdvanceCommitIndex: commits the highest index stored on a majority whatever its term.
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import { agreeIndex } from '../actions/advanceCommitIndex.ts';
import type { RaftConfig, RaftStep, RaftVariant, Server } from '../types.ts';

function advanceCommitIndex(s: Server, i: NodeId, c: RaftConfig): RaftStep | null {
  if (s.state !== 'Leader') return null;
  const n = agreeIndex(s, i, c);
  // BUG: no `log[i][n].term = currentTerm[i]` check.
  if (n === 0 || n === s.commitIndex) return { state: s, send: [] };
  return { state: produce(s, (d) => { d.commitIndex = n; }), send: [] };
}

export const commitPreviousTerm: RaftVariant = {
  name: 'commit-previous-term',
  bug: 'a leader commits an entry of an earlier term by counting replicas',
  source: 'Raft paper §5.4.2 and Figure 8; thesis §3.6.2',
  replaces: { advanceCommitIndex },
};

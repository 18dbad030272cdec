// Broken AdvanceCommitIndex: a learner's acknowledgement counts towards the voters' majority.
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import { lastIndex, termOf } from '../log.ts';
import { configOf } from '../membership.ts';
import type { RaftConfig, RaftStep, RaftVariant, Server } from '../types.ts';

function advanceCommitIndex(s: Server, i: NodeId, c: RaftConfig): RaftStep | null {
  if (s.state !== 'Leader') return null;
  const x = configOf(s, c);
  const len = lastIndex(s);
  // BUG: the holders are counted among voters and learners, against a majority of the voters.
  const held = [...new Set([...x.voters, ...x.old, ...x.learners])].map((k) => (k === i ? len : (s.matchIndex[k] ?? 0))).sort((a, b) => b - a);
  const n = Math.min(len, Math.min(held[Math.floor(x.voters.length / 2)] ?? 0, held[Math.floor(x.old.length / 2)] ?? 0));
  if (n === 0 || n === s.commitIndex || termOf(s, n) !== s.currentTerm) return { state: s, send: [] };
  return { state: produce(s, (d) => { d.commitIndex = n; }), send: [] };
}

export const learnerAcks: RaftVariant = {
  name: 'learner-acks',
  bug: "a learner's acknowledgement counts towards the commit majority",
  source: 'Raft thesis §4.2.1 (non-voting members); etcd/raft learners',
  replaces: { advanceCommitIndex },
};

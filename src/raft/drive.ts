// How the runtime drives Raft (design.md "The runtime"): the election timer runs Timeout then asks every
// server for a vote; the heartbeat timer lets a candidate with a quorum take office (BecomeLeader, not
// enabled otherwise), sends AppendEntries to each peer, then advances the commit index.
import type { Drive, NodeId } from '../core/index.ts';
import { termAt } from './log.ts';
import type { RaftAction, RaftConfig, RaftMessage, Server } from './types.ts';

export const drive: Drive<RaftConfig, Server, RaftAction, RaftMessage> = {
  timers: {
    election: {
      kind: 'election',
      actions: (_i, _s, c) => [{ type: 'Timeout' }, ...c.servers.map((j): RaftAction => ({ type: 'RequestVote', j }))],
    },
    heartbeat: {
      kind: 'heartbeat',
      actions: (i, _s, c) => [
        { type: 'BecomeLeader' },
        ...c.servers.filter((j) => j !== i).map((j): RaftAction => ({ type: 'AppendEntries', j })),
        { type: 'AdvanceCommitIndex' },
      ],
    },
  },
  resets: (_i, s, m) => m.type === 'AppendEntriesRequest' && m.term === s.currentTerm,
  propose: (_i, s, command) => (s.state === 'Leader' ? { type: 'ClientRequest', v: command } : null),
  committed: (s, from) => s.log.slice(Math.max(from, 1) - 1, s.commitIndex).map((e) => e.value),
  lastIndex: (s) => s.log.length,
  termAt: (s, index) => termAt(s.log, index),
  status: (_i: NodeId, s) => ({ role: s.state, term: s.currentTerm, commitIndex: s.commitIndex }),
  leaderOf: (m) => (m.type === 'AppendEntriesRequest' ? m.source : null),
  // In a leader's term, (term, prevLogIndex) names the entries an AppendEntries carries (Log Matching).
  inflight: (m) => (m.type === 'AppendEntriesRequest' && m.entries.length > 0 ? `${m.term}/${m.prevLogIndex}` : null),
  // Thesis §10.2.1: a leader may replicate entries before they are durable on its own disk.
  early: (m) => m.type === 'AppendEntriesRequest',
  // Thesis §3.10: TimeoutNow made i a candidate (HandleTimeoutNowRequest); it asks for votes at once.
  reactions: (_i, _s, m, c) => (m.type === 'TimeoutNowRequest' ? c.servers.map((j): RaftAction => ({ type: 'RequestVote', j })) : []),
  // Thesis §3.10: the leader hands off to a caught-up follower (TransferLeadership's guard picks one).
  handOff: (i, _s, c) => c.servers.filter((j) => j !== i).map((j): RaftAction => ({ type: 'TransferLeadership', j })),
};

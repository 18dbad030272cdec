// Init of raft.tla for one server: InitServerVars, InitLogVars, InitCandidateVars, InitLeaderVars.
import type { NodeId } from '../core/index.ts';
import { emptyStateMachine } from './sessions.ts';
import type { RaftConfig, Server } from './types.ts';

export function init(_i: NodeId, c: RaftConfig): Server {
  const s: Server = {
    currentTerm: 1,
    state: 'Follower',
    votedFor: null,
    log: [],
    commitIndex: 0,
    votesResponded: [],
    votesGranted: [],
    nextIndex: perServer(c, 1),
    matchIndex: perServer(c, 0),
  };
  const t = c.snapshots === true ? { ...s, snapshot: { index: 0, term: 0, state: [] } } : c.sessions !== undefined ? { ...s, sm: emptyStateMachine(c) } : s;
  const u = c.preVote === true || c.checkQuorum === true ? { ...t, heardFromLeader: false, ...(c.checkQuorum === true ? { heardFrom: [] } : {}) } : t;
  const v = c.sessions?.expiry !== undefined ? { ...u, clock: 0 } : u;
  const w = c.readIndex !== undefined ? { ...v, read: { id: 0, pending: false, index: 0, acks: [], acked: 0 }, acknowledged: 0 } : v;
  return c.maxRestarts === null ? w : { ...w, restarts: 0 };
}

/** `[j \in Server |-> x]`. */
export function perServer(c: RaftConfig, x: number): Readonly<Record<NodeId, number>> {
  const r: Record<NodeId, number> = {};
  for (const j of c.servers) r[j] = x;
  return r;
}

// Restart(i) — raft.tla; Raft Fig. 2 "Persistent state": a server comes back with currentTerm, votedFor and log only.
import { castDraft, produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import { perServer } from '../init.ts';
import { snapshotIndex } from '../log.ts';
import { emptyStateMachine } from '../sessions.ts';
import type { RaftConfig, Server } from '../types.ts';

export function restart(s: Server, _i: NodeId, c: RaftConfig): Server {
  return produce(s, (d) => {
    d.state = 'Follower';
    d.votesResponded = [];
    d.votesGranted = [];
    d.nextIndex = perServer(c, 1);
    d.matchIndex = perServer(c, 0);
    d.commitIndex = snapshotIndex(s); // a snapshot holds committed entries only (§7); 0 without one
    // Bound counter of MCRaft (only present when maxRestarts is set), not a Raft variable.
    if (d.restarts !== undefined) d.restarts += 1;
    // The state machine is volatile: rebuilt by applying the log again (thesis §6.3 sessions included).
    if (d.heardFromLeader !== undefined) d.heardFromLeader = false;
    if (d.heardFrom !== undefined) d.heardFrom = [];
    if (d.sm !== undefined) d.sm = castDraft(emptyStateMachine(c));
    // Thesis §6.4: a pending read is lost (volatile); its id and the history field acknowledged stay.
    if (d.read !== undefined) d.read = { id: d.read.id, pending: false, index: 0, acks: [], acked: 0 };
  });
}

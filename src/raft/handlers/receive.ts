// Receive(m) — raft.tla: message m reaches i = m.dest from j = m.source. The disjuncts are exclusive
// (by term and type), so at most one handler is enabled.
import { match } from 'ts-pattern';
import type { RaftConfig, RaftMessage, RaftStep, Server, Handlers } from '../types.ts';

export function receive(h: Handlers, s: Server, m: RaftMessage, c: RaftConfig): RaftStep | null {
  const i = m.dest;
  const j = m.source;
  return (
    h.updateTerm(s, i, j, m, c) ??
    match(m)
      .with({ type: 'PreVoteRequest' }, (m) => h.handlePreVoteRequest(s, i, j, m, c))
      .with({ type: 'PreVoteResponse' }, (m) => h.handlePreVoteResponse(s, i, j, m, c))
      .with({ type: 'RequestVoteRequest' }, (m) => h.handleRequestVoteRequest(s, i, j, m, c))
      .with({ type: 'RequestVoteResponse' }, (m) => h.dropStaleResponse(s, i, j, m, c) ?? h.handleRequestVoteResponse(s, i, j, m, c))
      .with({ type: 'AppendEntriesRequest' }, (m) => h.handleAppendEntriesRequest(s, i, j, m, c))
      .with({ type: 'AppendEntriesResponse' }, (m) => h.dropStaleResponse(s, i, j, m, c) ?? h.handleAppendEntriesResponse(s, i, j, m, c))
      .with({ type: 'TimeoutNowRequest' }, (m) => h.handleTimeoutNowRequest(s, i, j, m, c))
      .with({ type: 'InstallSnapshotRequest' }, (m) => h.handleInstallSnapshotRequest(s, i, j, m, c))
      .with({ type: 'ReadIndexRequest' }, (m) => h.handleReadIndexRequest(s, i, j, m, c))
      .with({ type: 'ReadIndexResponse' }, (m) => h.dropStaleResponse(s, i, j, m, c) ?? h.handleReadIndexResponse(s, i, j, m, c))
      .exhaustive()
  );
}

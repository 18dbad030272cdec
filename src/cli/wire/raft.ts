// Raft's peer messages as the wire carries them (src/raft/types.ts; no history fields: the runtime's
// config sets them off). A frame that does not match is dropped before it reaches `step`.
import { arr, bool, int, json, obj, str, tagged } from '../../runtime/transport/schema.ts';
import type { Schema } from '../../runtime/transport/schema.ts';

export const raftSchema: Schema = tagged('type', {
  RequestVoteRequest: obj({ type: str(), term: int(), lastLogTerm: int(), lastLogIndex: int(), source: str(), dest: str() }),
  RequestVoteResponse: obj({ type: str(), term: int(), voteGranted: bool, source: str(), dest: str() }),
  AppendEntriesRequest: obj({
    type: str(),
    term: int(),
    prevLogIndex: int(),
    prevLogTerm: int(),
    entries: arr(obj({ term: int(), value: json })),
    commitIndex: int(),
    source: str(),
    dest: str(),
  }),
  AppendEntriesResponse: obj({ type: str(), term: int(), success: bool, matchIndex: int(), source: str(), dest: str() }),
  TimeoutNowRequest: obj({ type: str(), term: int(), source: str(), dest: str() }),
  // In a real cluster a snapshot's state is the KV store's state (src/raft/runtimeSnapshots.ts), checked by the KV when installed, then the latest configuration it includes, if any.
  InstallSnapshotRequest: obj({ type: str(), term: int(), lastIncludedIndex: int(), lastIncludedTerm: int(), state: arr(json, 2), source: str(), dest: str() }),
  ReadIndexRequest: obj({ type: str(), term: int(), id: int(), source: str(), dest: str() }),
  ReadIndexResponse: obj({ type: str(), term: int(), id: int(), source: str(), dest: str() }),
});

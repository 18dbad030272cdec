// Builders for Raft unit tests: a server state, a config and messages, each with raft.tla's initial
// values unless overridden.
import type { Bag, Global } from '../../src/core/index.ts';
import { bagAdd } from '../../src/core/index.ts';
import type {
  AppendEntriesRequest,
  AppendEntriesResponse,
  Entry,
  RaftConfig,
  RaftMessage,
  RequestVoteRequest,
  RequestVoteResponse,
  Server,
} from '../../src/raft/index.ts';
import { unbounded } from '../../src/raft/index.ts';
import { init } from '../../src/raft/init.ts';

/** Three servers s1..s3, values v1 and v2, no bounds, no history fields (tests name what they need). */
export function config(over: Partial<RaftConfig> = {}): RaftConfig {
  return { ...unbounded(['s1', 's2', 's3'], ['v1', 'v2']), ...over };
}

/** `[j \in servers |-> x]`, overridden per server. */
export function per(x: number, over: Record<string, number> = {}, servers: readonly string[] = ['s1', 's2', 's3']): Record<string, number> {
  return { ...Object.fromEntries(servers.map((j) => [j, x])), ...over };
}

/** A server in raft.tla's initial state (term 1, follower), with fields overridden. */
export function server(over: Partial<Server> = {}): Server {
  return { ...init('s1', config()), ...over };
}

/** A log from terms, values v1, v2, ... in order: `log(1, 1, 2)`. */
export function log(...terms: number[]): Entry[] {
  return terms.map((term, k) => ({ term, value: `v${k + 1}` }));
}

export function rvReq(over: Partial<RequestVoteRequest> = {}): RequestVoteRequest {
  return { type: 'RequestVoteRequest', term: 2, lastLogTerm: 0, lastLogIndex: 0, source: 's2', dest: 's1', ...over };
}

export function rvResp(over: Partial<RequestVoteResponse> = {}): RequestVoteResponse {
  return { type: 'RequestVoteResponse', term: 2, voteGranted: true, source: 's2', dest: 's1', ...over };
}

export function aeReq(over: Partial<AppendEntriesRequest> = {}): AppendEntriesRequest {
  return { type: 'AppendEntriesRequest', term: 2, prevLogIndex: 0, prevLogTerm: 0, entries: [], commitIndex: 0, source: 's2', dest: 's1', ...over };
}

export function aeResp(over: Partial<AppendEntriesResponse> = {}): AppendEntriesResponse {
  return { type: 'AppendEntriesResponse', term: 2, success: true, matchIndex: 0, source: 's2', dest: 's1', ...over };
}

/** A global state from per-server overrides and messages in flight. */
export function global(nodes: Record<string, Partial<Server>>, messages: readonly RaftMessage[] = [], servers = ['s1', 's2', 's3']): Global<Server, RaftMessage> {
  let network: Bag<RaftMessage> = [];
  for (const m of messages) network = bagAdd(network, m);
  return {
    nodes: Object.fromEntries(servers.map((i) => [i, server({ nextIndex: per(1, {}, servers), matchIndex: per(0, {}, servers), ...nodes[i] })])),
    network,
  };
}

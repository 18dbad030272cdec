// Variables, messages and constants of spec/Raft.tla (after Ongaro's raft.tla), as plain data.
import type { NodeId, Receive, Step } from '../core/index.ts';

/** A log value: any plain data (the model checker uses strings, the runtime client commands). */
export type Value = unknown;

/** One log entry, raft.tla's `[term |-> ..., value |-> ...]`. */
export interface Entry {
  readonly term: number;
  readonly value: Value;
  /** Only with session expiry: the leader's clock when it appended the entry (thesis §6.3). */
  readonly time?: number;
}

/**
 * A snapshot of the applied prefix (Raft §7, Figure 13): the last included index and term, and the
 * state machine's state, which in the model is the sequence of values applied (entries 1..index).
 */
export interface Snapshot {
  readonly index: number;
  readonly term: number;
  readonly state: readonly Value[];
}

/** With sessions (thesis §6.3), what a client asks: its id and the command's sequence number. */
export interface Command {
  readonly client: string;
  readonly seq: number;
}

/** A client's session: the last sequence number applied for it, and the response then given. */
export interface Session {
  readonly seq: number;
  readonly response: number;
  /** Only with session expiry: the time of the client's last command, and whether the session expired. */
  readonly last?: number;
  readonly expired?: boolean;
}

/**
 * The state machine with client sessions (thesis §6.3): entries 1..lastApplied have been applied; the
 * state is the sequence of commands applied (a command's response is its position in it), and the
 * session table keeps each client's last sequence number and response.
 */
export interface StateMachine {
  readonly lastApplied: number;
  readonly applied: readonly Command[];
  readonly sessions: Readonly<Record<string, Session>>;
  /** Only with session expiry: the state machine's time, the latest entry time applied (never decreases). */
  readonly time?: number;
}

/**
 * With ReadIndex (thesis §6.4): the last read this server started as leader. `id` counts the reads it
 * started (a read's confirmations carry it); while `pending`, `index` is the commit index recorded at
 * its start (the read index) and `acks` the servers that confirmed the leadership since (i included).
 * `acked` is a history field, read by no handler: the writes acknowledged before the read began.
 */
export interface ReadState {
  readonly id: number;
  readonly pending: boolean;
  readonly index: number;
  readonly acks: readonly NodeId[];
  readonly acked: number;
}

/**
 * A configuration (Raft §6; spec/RaftMembership.tla), a log value: the voters of C_new, those of C_old
 * (equal to voters unless C_old,new is in force), and the learners (replicated to, never counted).
 */
export interface Configuration {
  readonly voters: readonly NodeId[];
  readonly old: readonly NodeId[];
  readonly learners: readonly NodeId[];
}

/** raft.tla's server states. */
export type Role = 'Follower' | 'PreCandidate' | 'Candidate' | 'Leader';

/** The variables of one server, in raft.tla's order. */
export interface Server {
  // serverVars
  /** The latest term the server has seen. */
  readonly currentTerm: number;
  /** Follower, Candidate or Leader. */
  readonly state: Role;
  /** Whom the server voted for in currentTerm, or null if nobody yet. */
  readonly votedFor: NodeId | null;
  // logVars
  /** The log; entry k (1-based, global) is `log[k - 1 - snapshot.index]` (`log[k - 1]` without a snapshot). */
  readonly log: readonly Entry[];
  /** The highest index the server knows to be committed. */
  readonly commitIndex: number;
  /** Only with `snapshots`: the compacted prefix of the log (spec: index 0, term 0, empty state when off). */
  readonly snapshot?: Snapshot;
  /** Only with `sessions`: the state machine and its session table (volatile, rebuilt from the log). */
  readonly sm?: StateMachine;
  // candidateVars
  /** Servers that answered this server's RequestVote in currentTerm (a sorted set). */
  readonly votesResponded: readonly NodeId[];
  /** Servers that granted this server their vote in currentTerm (a sorted set). */
  readonly votesGranted: readonly NodeId[];
  // leaderVars
  /** For each server, the index of the next entry to send it. */
  readonly nextIndex: Readonly<Record<NodeId, number>>;
  /** For each server, the highest index known to match this server's log. */
  readonly matchIndex: Readonly<Record<NodeId, number>>;
  /**
   * Only when `maxRestarts` is set: how often this server restarted (a bound counter, not part of
   * raft.tla; absent otherwise so that the state space equals Ongaro's).
   */
  readonly restarts?: number;
  /**
   * Only with `preVote` or `checkQuorum`: heard from a leader since its last timeout (time abstracted: set by an
   * AppendEntriesRequest of its current term, cleared by Timeout, UpdateTerm and Restart).
   */
  readonly heardFromLeader?: boolean;
  /** Only with `checkQuorum`: as leader, the servers that answered its AppendEntries since its last quorum check (a sorted set). */
  readonly heardFrom?: readonly NodeId[];
  /** Only with session expiry: the server's clock (abstract time: Tick adds 1; bounded by MaxClock). */
  readonly clock?: number;
  /** Only with `readIndex`: the server's read (thesis §6.4). */
  readonly read?: ReadState;
  /** Only with `readIndex`, a history field: the highest index this server acknowledged to clients as leader (never decreases). */
  readonly acknowledged?: number;
}

/** A candidate asks for a vote (raft.tla `RequestVoteRequest`). */
export interface RequestVoteRequest {
  readonly type: 'RequestVoteRequest';
  readonly term: number;
  readonly lastLogTerm: number;
  readonly lastLogIndex: number;
  readonly source: NodeId;
  readonly dest: NodeId;
}

/** The answer to a RequestVoteRequest. */
export interface RequestVoteResponse {
  readonly type: 'RequestVoteResponse';
  readonly term: number;
  readonly voteGranted: boolean;
  /** History field (raft.tla `mlog`): the voter's log; present only with `historyFields`. Never read. */
  readonly log?: readonly Entry[];
  readonly source: NodeId;
  readonly dest: NodeId;
}

/** A leader replicates up to `maxAppendEntries` entries (raft.tla: one) and its commit index (raft.tla `AppendEntriesRequest`). */
export interface AppendEntriesRequest {
  readonly type: 'AppendEntriesRequest';
  readonly term: number;
  readonly prevLogIndex: number;
  readonly prevLogTerm: number;
  readonly entries: readonly Entry[];
  /** History field (raft.tla `mlog`): the leader's log; present only with `historyFields`. Never read. */
  readonly log?: readonly Entry[];
  readonly commitIndex: number;
  readonly source: NodeId;
  readonly dest: NodeId;
}

/** The answer to an AppendEntriesRequest. */
export interface AppendEntriesResponse {
  readonly type: 'AppendEntriesResponse';
  readonly term: number;
  readonly success: boolean;
  readonly matchIndex: number;
  readonly source: NodeId;
  readonly dest: NodeId;
}

/** A leader asks a caught-up follower to start an election at once (Raft thesis §3.10, TimeoutNow). */
export interface TimeoutNowRequest {
  readonly type: 'TimeoutNowRequest';
  readonly term: number;
  readonly source: NodeId;
  readonly dest: NodeId;
}

/** A leader sends its snapshot to a follower that needs entries it has compacted (Raft Figure 13, one chunk). */
export interface InstallSnapshotRequest {
  readonly type: 'InstallSnapshotRequest';
  readonly term: number;
  readonly lastIncludedIndex: number;
  readonly lastIncludedTerm: number;
  /** The state machine's state: the values of entries 1..lastIncludedIndex. */
  readonly state: readonly Value[];
  readonly source: NodeId;
  readonly dest: NodeId;
}

/** A pre-candidate asks whether it could win an election in `term` (thesis §9.6): no one's term changes. */
export interface PreVoteRequest {
  readonly type: 'PreVoteRequest';
  /** The term it would raise to: its currentTerm + 1. */
  readonly term: number;
  readonly lastLogTerm: number;
  readonly lastLogIndex: number;
  readonly source: NodeId;
  readonly dest: NodeId;
}

/** The answer to a PreVoteRequest, carrying the request's term. */
export interface PreVoteResponse {
  readonly type: 'PreVoteResponse';
  readonly term: number;
  readonly voteGranted: boolean;
  readonly source: NodeId;
  readonly dest: NodeId;
}

/** A leader with a pending read asks j to confirm that it still leads (thesis §6.4: a heartbeat round). */
export interface ReadIndexRequest {
  readonly type: 'ReadIndexRequest';
  readonly term: number;
  /** The read's id. */
  readonly id: number;
  readonly source: NodeId;
  readonly dest: NodeId;
}

/** The answer to a ReadIndexRequest: the responder's term and the read's id. */
export interface ReadIndexResponse {
  readonly type: 'ReadIndexResponse';
  readonly term: number;
  readonly id: number;
  readonly source: NodeId;
  readonly dest: NodeId;
}

export type RaftMessage = ReadIndexRequest | ReadIndexResponse | PreVoteRequest | PreVoteResponse | RequestVoteRequest | RequestVoteResponse | AppendEntriesRequest | AppendEntriesResponse | TimeoutNowRequest | InstallSnapshotRequest;

/** The internal actions of raft.tla at server i (Restart is the composition's). */
export type RaftAction =
  | { readonly type: 'Timeout' }
  | { readonly type: 'StartElection' }
  | { readonly type: 'RequestVote'; readonly j: NodeId }
  | { readonly type: 'BecomeLeader' }
  | { readonly type: 'ClientRequest'; readonly v: Value }
  | { readonly type: 'AdvanceCommitIndex' }
  | { readonly type: 'CheckLeaderQuorum' }
  | { readonly type: 'AppendEntries'; readonly j: NodeId }
  | { readonly type: 'TransferLeadership'; readonly j: NodeId }
  | { readonly type: 'TakeSnapshot' }
  | { readonly type: 'InstallSnapshot'; readonly j: NodeId }
  | { readonly type: 'ApplyCommitted' }
  | { readonly type: 'AddLearner'; readonly j: NodeId }
  | { readonly type: 'RemoveLearner'; readonly j: NodeId }
  | { readonly type: 'ProposeConfig'; readonly v: readonly NodeId[] }
  | { readonly type: 'LeaveJoint' }
  | { readonly type: 'StepDownRemoved' }
  | { readonly type: 'Tick' }
  /** `acked`: a history parameter, the writes acknowledged before the read began (0 at runtime). */
  | { readonly type: 'ReadIndexStart'; readonly acked: number }
  | { readonly type: 'ReadIndexConfirm'; readonly j: NodeId }
  | { readonly type: 'ReadIndexAnswer' };

export type RaftInput = RaftAction | Receive<RaftMessage>;

/** The constants of spec/MCRaft.tla; a bound of null means unbounded (the runtime's setting). */
export interface RaftConfig {
  /** raft.tla `Server`, sorted. */
  readonly servers: readonly NodeId[];
  /** raft.tla `Value`: what ClientRequest may append while model checking. */
  readonly values: readonly Value[];
  /** CONSTRAINT: currentTerm[i] <= maxTerm. */
  readonly maxTerm: number | null;
  /** CONSTRAINT: Len(log[i]) <= maxLogLen. */
  readonly maxLogLen: number | null;
  /** CONSTRAINT: copies of any one message in flight <= maxDup. */
  readonly maxDup: number | null;
  /** CONSTRAINT: messages in flight, all copies together, <= maxMsgs. */
  readonly maxMsgs: number | null;
  /** CONSTRAINT: restarts of all servers together <= maxRestarts (adds the `restarts` counter). */
  readonly maxRestarts: number | null;
  /**
   * CONSTRAINT: these servers are never candidates (they vote, follow and may restart, but a state in
   * which one has timed out is not explored). Empty by default; it narrows a search for a bug.
   */
  readonly passive?: readonly NodeId[];
  /** Put raft.tla's history field `mlog` in AppendEntriesRequest and RequestVoteResponse. */
  readonly historyFields: boolean;
  /** Entries one AppendEntriesRequest may carry (MaxAppendEntries); absent: 1, as raft.tla. */
  readonly maxAppendEntries?: number;
  /**
   * Not in the spec (a refinement of MaxAppendEntries per message): an AppendEntriesRequest of more
   * than one entry stops before the JSON length of its entries' values passes this; absent: no bound.
   */
  readonly maxAppendBytes?: number;
  /** A rejection carries the follower's log length, and the leader backs nextIndex up to it (RejectHint); absent: off, as raft.tla. */
  readonly rejectHint?: boolean;
  /** TransferLeadership and TimeoutNowRequest are in Next (LeadershipTransfer); absent: off, as raft.tla. */
  readonly leadershipTransfer?: boolean;
  /** TakeSnapshot and InstallSnapshot are in Next, servers hold a `snapshot` (Snapshots); absent: off, as raft.tla. */
  readonly snapshots?: boolean;
  /**
   * Client sessions (Sessions): ClientRequest's values are the commands `{ client, seq }` of these
   * clients with seq in 1..maxSeq, and ApplyCommitted applies committed entries; absent: off, as raft.tla.
   */
  readonly sessions?: {
    readonly clients: readonly string[];
    readonly maxSeq: number;
    /**
     * Session expiry (thesis §6.3; SessionTimeout): entries carry the leader's clock, a session idle for
     * more than `timeout` by the entries' time expires; clocks advance by Tick up to `maxClock` (CONSTRAINT).
     */
    readonly expiry?: { readonly timeout: number; readonly maxClock: number | null };
  };
  /** Timeout starts a pre-vote; StartElection raises the term after a quorum of pre-votes (PreVote); absent: off, as raft.tla. */
  readonly preVote?: boolean;
  /** A leader steps down unless a quorum answered since its last check; a server in a leader's lease ignores RequestVote (CheckQuorum); absent: off. */
  readonly checkQuorum?: boolean;
  /**
   * Linearizable reads by ReadIndex (thesis §6.4; ReadIndex); `maxReads` bounds the reads each server
   * starts (CONSTRAINT MaxReads), null at runtime; absent: no reads, as raft.tla.
   */
  readonly readIndex?: { readonly maxReads: number | null };
  /** Membership change (spec/RaftMembership.tla); absent: the configuration is `servers`, fixed, as raft.tla. */
  readonly membership?: MembershipConfig;
}

/** The constants of membership change: the mode, the initial configuration, the bound and the requests. */
export interface MembershipConfig {
  /** `joint`: C_old -> C_old,new -> C_new (Raft §6); `single`: one server at a time (thesis §4.1). */
  readonly mode: 'joint' | 'single';
  /** InitVoters, InitLearners: the configuration before any configuration entry. */
  readonly voters: readonly NodeId[];
  readonly learners: readonly NodeId[];
  /** MaxConfigChanges: a leader appends a requested configuration entry only while its log holds fewer. */
  readonly maxChanges: number;
  /** Targets: the sets of voters a client may ask for (each sorted). */
  readonly targets: readonly (readonly NodeId[])[];
  /** LearnerRemovals: the learners a client may ask to remove (sorted). */
  readonly removals: readonly NodeId[];
  /** An experiment, not in the spec: a configuration is in force only once the server knows it committed (§6 says once appended). */
  readonly inForceOnCommit?: boolean;
  /**
   * Not in the spec: `configIndex` (spec `ConfigIndex`) as the composition root memoizes it by log
   * array (src/runtime/memo.ts), so that a long log is not scanned at every step; absent: the scan.
   */
  readonly configIndex?: (log: readonly Entry[]) => number;
}

export type RaftStep = Step<Server, RaftMessage>;

/**
 * The handler table `step` dispatches through, one entry per spec operator. A broken variant
 * (src/raft/variants) replaces one entry; the correct handlers never test for a variant.
 */
export interface Handlers {
  readonly restart: (s: Server, i: NodeId, c: RaftConfig) => Server;
  readonly timeout: (s: Server, i: NodeId, c: RaftConfig) => RaftStep | null;
  readonly startElection: (s: Server, i: NodeId, c: RaftConfig) => RaftStep | null;
  readonly requestVote: (s: Server, i: NodeId, j: NodeId, c: RaftConfig) => RaftStep | null;
  readonly becomeLeader: (s: Server, i: NodeId, c: RaftConfig) => RaftStep | null;
  readonly clientRequest: (s: Server, i: NodeId, v: Value, c: RaftConfig) => RaftStep | null;
  readonly advanceCommitIndex: (s: Server, i: NodeId, c: RaftConfig) => RaftStep | null;
  readonly checkLeaderQuorum: (s: Server, i: NodeId, c: RaftConfig) => RaftStep | null;
  readonly appendEntries: (s: Server, i: NodeId, j: NodeId, c: RaftConfig) => RaftStep | null;
  readonly transferLeadership: (s: Server, i: NodeId, j: NodeId, c: RaftConfig) => RaftStep | null;
  readonly updateTerm: (s: Server, i: NodeId, j: NodeId, m: RaftMessage, c: RaftConfig) => RaftStep | null;
  readonly handlePreVoteRequest: (s: Server, i: NodeId, j: NodeId, m: PreVoteRequest, c: RaftConfig) => RaftStep | null;
  readonly handlePreVoteResponse: (s: Server, i: NodeId, j: NodeId, m: PreVoteResponse, c: RaftConfig) => RaftStep | null;
  readonly handleRequestVoteRequest: (s: Server, i: NodeId, j: NodeId, m: RequestVoteRequest, c: RaftConfig) => RaftStep | null;
  readonly handleRequestVoteResponse: (s: Server, i: NodeId, j: NodeId, m: RequestVoteResponse, c: RaftConfig) => RaftStep | null;
  readonly handleAppendEntriesRequest: (s: Server, i: NodeId, j: NodeId, m: AppendEntriesRequest, c: RaftConfig) => RaftStep | null;
  readonly handleAppendEntriesResponse: (s: Server, i: NodeId, j: NodeId, m: AppendEntriesResponse, c: RaftConfig) => RaftStep | null;
  readonly handleTimeoutNowRequest: (s: Server, i: NodeId, j: NodeId, m: TimeoutNowRequest, c: RaftConfig) => RaftStep | null;
  readonly takeSnapshot: (s: Server, i: NodeId, c: RaftConfig) => RaftStep | null;
  readonly installSnapshot: (s: Server, i: NodeId, j: NodeId, c: RaftConfig) => RaftStep | null;
  readonly handleInstallSnapshotRequest: (s: Server, i: NodeId, j: NodeId, m: InstallSnapshotRequest, c: RaftConfig) => RaftStep | null;
  readonly applyCommitted: (s: Server, i: NodeId, c: RaftConfig) => RaftStep | null;
  readonly addLearner: (s: Server, i: NodeId, j: NodeId, c: RaftConfig) => RaftStep | null;
  readonly removeLearner: (s: Server, i: NodeId, j: NodeId, c: RaftConfig) => RaftStep | null;
  readonly proposeConfig: (s: Server, i: NodeId, v: readonly NodeId[], c: RaftConfig) => RaftStep | null;
  readonly leaveJoint: (s: Server, i: NodeId, c: RaftConfig) => RaftStep | null;
  readonly stepDownRemoved: (s: Server, i: NodeId, c: RaftConfig) => RaftStep | null;
  readonly tick: (s: Server, i: NodeId, c: RaftConfig) => RaftStep | null;
  readonly readIndexStart: (s: Server, i: NodeId, acked: number, c: RaftConfig) => RaftStep | null;
  readonly readIndexConfirm: (s: Server, i: NodeId, j: NodeId, c: RaftConfig) => RaftStep | null;
  readonly readIndexAnswer: (s: Server, i: NodeId, c: RaftConfig) => RaftStep | null;
  readonly handleReadIndexRequest: (s: Server, i: NodeId, j: NodeId, m: ReadIndexRequest, c: RaftConfig) => RaftStep | null;
  readonly handleReadIndexResponse: (s: Server, i: NodeId, j: NodeId, m: ReadIndexResponse, c: RaftConfig) => RaftStep | null;
  readonly dropStaleResponse: (s: Server, i: NodeId, j: NodeId, m: RequestVoteResponse | AppendEntriesResponse | ReadIndexResponse, c: RaftConfig) => RaftStep | null;
}

/** A broken variant: which handlers it replaces, and why that is wrong. */
export interface RaftVariant {
  readonly name: string;
  readonly bug: string;
  readonly source: string;
  readonly replaces: Partial<Handlers>;
}

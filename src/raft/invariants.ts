// Safety properties over the global state: Raft Fig. 3 (ElectionSafety, LeaderAppendOnly, LogMatching,
// LeaderCompleteness, StateMachineSafety), raft.tla's types (TypeOK), and two of ours about the commit rule.
import { canonical, isMajority, type Global, type NodeId, type NodesView } from '../core/index.ts';
import { lastIndex, lastTermOf, snapshotIndex, termOf, upToDateWith, valueAt } from './log.ts';
import { isCommand, valuesOf } from './sessions.ts';
import { isConfigValue } from './membership.ts';
import { LearnerNeverCounts } from './invariants-membership.ts';
import type { Command, Entry, RaftConfig, RaftMessage, Server } from './types.ts';

type G = Global<Server, RaftMessage>;
/** The servers' variables alone: what the invariants that do not read `messages` receive. */
type V = NodesView<Server>;

const roles = new Set(['Follower', 'PreCandidate', 'Candidate', 'Leader']);

function servers(g: V, c: RaftConfig): [NodeId, Server][] {
  return c.servers.map((i) => [i, g.nodes[i] as Server]);
}

function sameEntry(a: Entry | undefined, b: Entry | undefined): boolean {
  return a !== undefined && b !== undefined && a.term === b.term && (a.value === b.value || canonical(a.value) === canonical(b.value));
}

/**
 * Spec `SameEntry(i, j, k)`: entry k of x and of y agree: the same value, and the same term where both
 * still know it (k at or after both snapshots). Without snapshots: the same entry.
 */
function sameAt(x: Server, y: Server, k: number): boolean {
  if (x.snapshot === undefined && y.snapshot === undefined) return sameEntry(x.log[k - 1], y.log[k - 1]);
  const a = valueAt(x, k);
  const b = valueAt(y, k);
  if (a === undefined || b === undefined || !(a.v === b.v || canonical(a.v) === canonical(b.v))) return false;
  return k < snapshotIndex(x) || k < snapshotIndex(y) || termOf(x, k) === termOf(y, k);
}

function isNat(x: unknown): x is number {
  return Number.isInteger(x) && (x as number) >= 0;
}

function isLog(c: RaftConfig, x: unknown): boolean {
  // With no Value constant (the runtime), any plain data may be a value.
  const values = valuesOf(c);
  const anyValue = values.length === 0;
  return Array.isArray(x) && x.every((e: Entry) => isNat(e.term) && e.term >= 1 && (anyValue || values.includes(e.value) || values.some((v) => canonical(v) === canonical(e.value)) || isConfigOf(c, e.value)));
}

/** With membership change, a configuration entry's value: sets of servers (spec `IsConfigValue`). */
function isConfigOf(c: RaftConfig, x: unknown): boolean {
  return c.membership !== undefined && isConfigValue(x) && isSubset(c, x.voters) && isSubset(c, x.old) && isSubset(c, x.learners);
}

function isSubset(c: RaftConfig, x: readonly NodeId[]): boolean {
  return x.every((j) => c.servers.includes(j));
}

/** TypeOK's conjuncts on one server's variables. */
export function typeOkServer(_i: NodeId, s: Server, c: RaftConfig): boolean {
  return (
    isNat(s.currentTerm) && s.currentTerm >= 1 && roles.has(s.state) && typeOkPreVote(s, c) &&
    (s.votedFor === null || c.servers.includes(s.votedFor)) &&
    isLog(c, s.log) && isNat(s.commitIndex) && typeOkSnapshot(s, c) && typeOkStateMachine(s, c) && typeOkRead(s, c) && (s.clock === undefined ? c.sessions?.expiry === undefined : c.sessions?.expiry !== undefined && isNat(s.clock)) &&
    isSubset(c, s.votesResponded) && isSubset(c, s.votesGranted) &&
    c.servers.every((j) => isNat(s.nextIndex[j]) && (s.nextIndex[j] as number) >= 1 && isNat(s.matchIndex[j]))
  );
}

/** TypeOK's conjuncts of PreVote and CheckQuorum: heardFromLeader present with either, heardFrom with CheckQuorum, pre-candidates only with PreVote. */
function typeOkPreVote(s: Server, c: RaftConfig): boolean {
  if (c.preVote !== true && s.state === 'PreCandidate') return false;
  if ((s.heardFrom === undefined) !== (c.checkQuorum !== true) || (s.heardFrom !== undefined && !isSubset(c, s.heardFrom))) return false;
  if (c.preVote !== true && c.checkQuorum !== true) return s.heardFromLeader === undefined;
  return typeof s.heardFromLeader === 'boolean';
}

/** TypeOK's conjunct on the read (ReadIndex): present exactly with ReadIndex; nothing recorded unless pending. */
function typeOkRead(s: Server, c: RaftConfig): boolean {
  const r = s.read;
  if (r === undefined || s.acknowledged === undefined) return r === undefined && s.acknowledged === undefined && c.readIndex === undefined;
  return c.readIndex !== undefined && isNat(r.id) && typeof r.pending === 'boolean' && isNat(r.index) && isNat(r.acked) && isSubset(c, r.acks) && isNat(s.acknowledged) &&
    (r.pending || (r.index === 0 && r.acks.length === 0 && r.acked === 0));
}

/** TypeOK's conjunct on the snapshot: present exactly with Snapshots, as many values as its index. */
function typeOkSnapshot(s: Server, c: RaftConfig): boolean {
  const x = s.snapshot;
  if (x === undefined) return c.snapshots !== true;
  return c.snapshots === true && isNat(x.index) && isNat(x.term) && isValues(c, x.state) && x.state.length === x.index;
}

function isValues(c: RaftConfig, xs: unknown): boolean {
  return Array.isArray(xs) && isLog(c, xs.map((value: unknown) => ({ term: 1, value })));
}

/** TypeOK's conjunct on the state machine: present exactly with Sessions, one session per client. */
function typeOkStateMachine(s: Server, c: RaftConfig): boolean {
  const sm = s.sm;
  if (sm === undefined || c.sessions === undefined) return sm === undefined && c.sessions === undefined;
  const clients = c.sessions.clients;
  return isNat(sm.lastApplied) && sm.applied.every(isCommand) && Object.keys(sm.sessions).length === clients.length &&
    clients.every((k) => isNat(sm.sessions[k]?.seq) && isNat(sm.sessions[k]?.response));
}

/** TypeOK's conjunct on one message in flight. */
export function typeOkMessage(m: RaftMessage, c: RaftConfig): boolean {
  if (!c.servers.includes(m.source) || !c.servers.includes(m.dest) || !isNat(m.term) || m.term < 1) return false;
  switch (m.type) {
    case 'PreVoteRequest':
    case 'RequestVoteRequest':
      return isNat(m.lastLogTerm) && isNat(m.lastLogIndex);
    case 'PreVoteResponse':
    case 'RequestVoteResponse':
      return typeof m.voteGranted === 'boolean';
    case 'AppendEntriesRequest':
      return isNat(m.prevLogIndex) && isNat(m.prevLogTerm) && isLog(c, m.entries) && m.entries.length <= (c.maxAppendEntries ?? 1) && isNat(m.commitIndex);
    case 'AppendEntriesResponse':
      return typeof m.success === 'boolean' && isNat(m.matchIndex);
    case 'TimeoutNowRequest':
      return true;
    case 'ReadIndexRequest':
    case 'ReadIndexResponse':
      return isNat(m.id) && m.id >= 1;
    case 'InstallSnapshotRequest':
      return isNat(m.lastIncludedIndex) && isNat(m.lastIncludedTerm) && isValues(c, m.state) && m.state.length === m.lastIncludedIndex;
  }
}

/** The types of spec/Raft.tla's variables (raft.tla states none; ours is one conjunct per variable). */
export function TypeOK(g: G, c: RaftConfig): boolean {
  for (const i of c.servers) if (!typeOkServer(i, g.nodes[i] as Server, c)) return false;
  for (const e of g.network) if (e[2] < 1 || !typeOkMessage(e[1], c)) return false;
  return true;
}

/** Raft Fig. 3 Election Safety: at most one leader per term (checked among the current leaders). */
export function ElectionSafety(g: V, c: RaftConfig): boolean {
  const n = c.servers.length;
  for (let a = 0; a < n; a++) {
    const x = g.nodes[c.servers[a] as NodeId] as Server;
    if (x.state !== 'Leader') continue;
    for (let b = a + 1; b < n; b++) {
      const y = g.nodes[c.servers[b] as NodeId] as Server;
      if (y.state === 'Leader' && y.currentTerm === x.currentTerm) return false;
    }
  }
  return true;
}

/** Raft Fig. 3 Log Matching: two logs with an entry of the same index and term agree up to it. */
export function LogMatching(g: V, c: RaftConfig): boolean {
  const all = servers(g, c);
  for (let a = 0; a < all.length; a++) {
    for (let b = a + 1; b < all.length; b++) {
      const x = (all[a] as [NodeId, Server])[1];
      const y = (all[b] as [NodeId, Server])[1];
      // k over Max({snapshot indices, 1})..Min(LastIndex): the indices whose term both still know.
      const from = Math.max(snapshotIndex(x), snapshotIndex(y), 1);
      for (let k = Math.min(lastIndex(x), lastIndex(y)); k >= from; k--) {
        if (termOf(x, k) !== termOf(y, k)) continue;
        for (let p = 1; p <= k; p++) if (!sameAt(x, y, p)) return false;
        break;
      }
    }
  }
  return true;
}

/**
 * Raft Fig. 3 Leader Completeness, as a state predicate: an entry committed in term T is in the log of
 * every leader of a term after T. The state does not record T, but an entry that server i knows to be
 * committed was committed in a term <= currentTerm[i]; so a leader l with currentTerm[l] > currentTerm[i]
 * must hold log[i][1..commitIndex[i]].
 */
export function LeaderCompleteness(g: V, c: RaftConfig): boolean {
  const all = servers(g, c);
  for (const [, l] of all) {
    if (l.state !== 'Leader') continue;
    for (const [, s] of all) {
      if (l.currentTerm <= s.currentTerm) continue;
      const n = Math.min(s.commitIndex, lastIndex(s));
      for (let k = 1; k <= n; k++) if (k > lastIndex(l) || !sameAt(s, l, k)) return false;
    }
  }
  return true;
}

/** Raft Fig. 3 State Machine Safety: servers never apply different entries at one index (committed prefixes agree). */
export function StateMachineSafety(g: V, c: RaftConfig): boolean {
  const all = servers(g, c);
  for (let a = 0; a < all.length; a++) {
    for (let b = a + 1; b < all.length; b++) {
      const x = (all[a] as [NodeId, Server])[1];
      const y = (all[b] as [NodeId, Server])[1];
      const n = Math.min(x.commitIndex, y.commitIndex, lastIndex(x), lastIndex(y));
      for (let k = 1; k <= n; k++) if (!sameAt(x, y, k)) return false;
    }
  }
  return true;
}

/** Raft §5.3: an entry that a server knows to be committed is stored on a majority (ours). */
export function CommittedOnQuorum(g: V, c: RaftConfig): boolean {
  if (c.membership !== undefined) return true; // a majority of Server is no quorum once the configuration changes
  for (const i of c.servers) {
    const s = g.nodes[i] as Server;
    const k = Math.min(s.commitIndex, lastIndex(s));
    if (k === 0) continue;
    const holders = c.servers.filter((j) => k <= lastIndex(g.nodes[j] as Server) && sameAt(g.nodes[j] as Server, s, k));
    if (!isMajority(c.servers, holders)) return false;
  }
  return true;
}

/**
 * Raft §5.4.2 and Fig. 8, as a state predicate (ours): no server whose log lacks a committed entry could
 * win an election, because a majority of servers have logs more up-to-date than its log. Correct Raft
 * keeps this in every state, so it fails at the very step that commits an entry unsafely (Fig. 8's
 * counting of replicas of an older term) rather than many steps later when the entry is overwritten.
 */
export function CommittedSurvivesElection(g: V, c: RaftConfig): boolean {
  if (c.membership !== undefined) return true; // as CommittedOnQuorum
  for (const i of c.servers) {
    const s = g.nodes[i] as Server;
    const k = Math.min(s.commitIndex, lastIndex(s));
    if (k === 0) continue;
    for (const j of c.servers) {
      const t = g.nodes[j] as Server;
      if (k <= lastIndex(t) && sameAt(t, s, k)) continue;
      const voters = c.servers.filter((v) => upToDateWith(lastTermOf(t), lastIndex(t), g.nodes[v] as Server));
      if (isMajority(c.servers, voters)) return false;
    }
  }
  return true;
}

const sameCommand = (a: Command | undefined, b: Command): boolean => a !== undefined && a.client === b.client && a.seq === b.seq;

/** Thesis §6.3: no command is applied twice (the session table answers a duplicate). */
export function NoCommandAppliedTwice(g: V, c: RaftConfig): boolean {
  for (const i of c.servers) {
    const xs = (g.nodes[i] as Server).sm?.applied ?? [];
    for (let p = 0; p < xs.length; p++) for (let q = p + 1; q < xs.length; q++) if (sameCommand(xs[p], xs[q] as Command)) return false;
  }
  return true;
}

/** Thesis §6.3: a session caches the response its command got when first applied (its position). */
export function ResponsesMatch(g: V, c: RaftConfig): boolean {
  for (const i of c.servers) {
    const sm = (g.nodes[i] as Server).sm;
    if (sm === undefined) continue;
    for (const [client, s] of Object.entries(sm.sessions)) {
      if (s.seq === 0) continue;
      const x = { client, seq: s.seq };
      if (sm.applied.findIndex((y) => sameCommand(y, x)) + 1 !== s.response || s.response === 0) return false;
    }
  }
  return true;
}

/** The servers' state machines agree: one has applied a prefix of the other's commands. */
export function AppliedAgree(g: V, c: RaftConfig): boolean {
  for (const i of c.servers) {
    for (const j of c.servers) {
      const a = (g.nodes[i] as Server).sm?.applied ?? [];
      const b = (g.nodes[j] as Server).sm?.applied ?? [];
      for (let k = 0; k < Math.min(a.length, b.length); k++) if (!sameCommand(a[k], b[k] as Command)) return false;
    }
  }
  return true;
}

/**
 * Ours (thesis §6.3, session expiry decided through the log): two servers that applied the same entries
 * have the same state machine, session table included, so all replicas expire the same sessions.
 */
export function SessionsAgree(g: V, c: RaftConfig): boolean {
  for (let a = 0; a < c.servers.length; a++) {
    const x = (g.nodes[c.servers[a] as NodeId] as Server).sm;
    if (x === undefined) continue;
    for (let b = a + 1; b < c.servers.length; b++) {
      const y = (g.nodes[c.servers[b] as NodeId] as Server).sm as typeof x;
      if (x.lastApplied === y.lastApplied && canonical(x) !== canonical(y)) return false;
    }
  }
  return true;
}

/** Raft Fig. 3 Leader Append-Only (an action property): a leader never overwrites or deletes its entries. */
export function LeaderAppendOnly(g: V, h: V, c: RaftConfig): boolean {
  for (let k = 0; k < c.servers.length; k++) {
    const i = c.servers[k] as NodeId;
    const s = g.nodes[i] as Server;
    const t = h.nodes[i] as Server;
    if (s === t || s.state !== 'Leader' || t.state !== 'Leader' || s.currentTerm !== t.currentTerm || (s.log === t.log && s.snapshot === t.snapshot)) continue;
    if (lastIndex(t) < lastIndex(s)) return false;
    for (let k = 1; k <= lastIndex(s); k++) if (!sameAt(s, t, k)) return false;
  }
  return true;
}

/**
 * Spec `LiveFor(l, c)`: with PreVote, leader l and the servers of its term that heard from it since their last
 * timeout, less those that granted c a pre-vote: a quorum of them means c is cut off from a live cluster.
 */
function liveFor(g: V, l: NodeId, c: NodeId, cfg: RaftConfig): boolean {
  const x = g.nodes[l] as Server;
  if (x.state !== 'Leader' || x.heardFromLeader === undefined) return false;
  const granted = (g.nodes[c] as Server).votesGranted;
  const heard = cfg.servers.filter((j) => {
    const y = g.nodes[j] as Server;
    return (j === l || (y.heardFromLeader === true && y.currentTerm === x.currentTerm)) && !granted.includes(j);
  });
  return isMajority(cfg.servers, heard);
}

/**
 * Ours (thesis §9.6, an action property): a server cut off from a live leader's quorum never starts an
 * election past the leader's term (which would raise the cluster's term once any of its messages arrives).
 */
export function NoDisruptiveTermRaise(g: V, h: V, cfg: RaftConfig): boolean {
  for (let k = 0; k < cfg.servers.length; k++) {
    const c = cfg.servers[k] as NodeId;
    const s = g.nodes[c] as Server;
    const t = h.nodes[c] as Server;
    if (s === t || t.state !== 'Candidate' || t.currentTerm <= s.currentTerm) continue;
    for (const l of cfg.servers) if (t.currentTerm > (g.nodes[l] as Server).currentTerm && liveFor(g, l, c, cfg)) return false;
  }
  return true;
}

/** Ours (Raft §7): a snapshot never includes an uncommitted entry (snapshot.index <= commitIndex). */
export function SnapshotCommitted(g: V, c: RaftConfig): boolean {
  for (const i of c.servers) {
    const s = g.nodes[i] as Server;
    if (s.snapshot !== undefined && s.snapshot.index > s.commitIndex) return false;
  }
  return true;
}

export const invariants = {
  TypeOK,
  ElectionSafety,
  LogMatching,
  LeaderCompleteness,
  StateMachineSafety,
  CommittedOnQuorum,
  CommittedSurvivesElection,
  SnapshotCommitted,
  NoCommandAppliedTwice,
  ResponsesMatch,
  AppliedAgree,
  SessionsAgree,
};

/**
 * Ours (thesis §6.4, an action property): a read answered returns the state machine of its committed prefix
 * (entries 1..commitIndex), which holds every write acknowledged before the read began (its history field
 * `acked`): a read never returns a value older than such a write. Vacuous without ReadIndex.
 */
export function ReadsLinearizable(g: V, h: V, c: RaftConfig): boolean {
  if (c.readIndex === undefined) return true;
  for (let k = 0; k < c.servers.length; k++) {
    const i = c.servers[k] as NodeId;
    const s = g.nodes[i] as Server;
    const t = h.nodes[i] as Server;
    if (s === t || s.read === undefined || !s.read.pending || t.read?.pending !== false || t.state !== 'Leader') continue;
    if (Math.min(s.commitIndex, lastIndex(s)) < s.read.acked) return false;
  }
  return true;
}

/** Action properties; each reads the servers' variables only. */
export const actionProperties = { LeaderAppendOnly, NoDisruptiveTermRaise, LearnerNeverCounts, ReadsLinearizable };

/** The same invariants declared by what they read: TypeOK per server and per message, the rest per server tuple. */
export const localInvariants = {
  node: { TypeOK: typeOkServer },
  message: { TypeOK: typeOkMessage },
  nodes: { ElectionSafety, LogMatching, LeaderCompleteness, StateMachineSafety, CommittedOnQuorum, CommittedSurvivesElection, SnapshotCommitted, NoCommandAppliedTwice, ResponsesMatch, AppliedAgree, SessionsAgree },
};

// Safety properties over the global state: Raft Fig. 3 (ElectionSafety, LeaderAppendOnly, LogMatching,
// LeaderCompleteness, StateMachineSafety), raft.tla's types (TypeOK), and two of ours about the commit rule.
import { canonical, isMajority, type Global, type NodeId, type NodesView } from '../core/index.ts';
import { lastTerm, upToDate } from './log.ts';
import type { Entry, RaftConfig, RaftMessage, Server } from './types.ts';

type G = Global<Server, RaftMessage>;
/** The servers' variables alone: what the invariants that do not read `messages` receive. */
type V = NodesView<Server>;

const roles = new Set(['Follower', 'Candidate', 'Leader']);

function servers(g: V, c: RaftConfig): [NodeId, Server][] {
  return c.servers.map((i) => [i, g.nodes[i] as Server]);
}

function sameEntry(a: Entry | undefined, b: Entry | undefined): boolean {
  return a !== undefined && b !== undefined && a.term === b.term && (a.value === b.value || canonical(a.value) === canonical(b.value));
}

function isNat(x: unknown): x is number {
  return Number.isInteger(x) && (x as number) >= 0;
}

function isLog(c: RaftConfig, x: unknown): boolean {
  // With no Value constant (the runtime), any plain data may be a value.
  const anyValue = c.values.length === 0;
  return Array.isArray(x) && x.every((e: Entry) => isNat(e.term) && e.term >= 1 && (anyValue || c.values.includes(e.value) || c.values.some((v) => canonical(v) === canonical(e.value))));
}

function isSubset(c: RaftConfig, x: readonly NodeId[]): boolean {
  return x.every((j) => c.servers.includes(j));
}

/** TypeOK's conjuncts on one server's variables. */
export function typeOkServer(_i: NodeId, s: Server, c: RaftConfig): boolean {
  return (
    isNat(s.currentTerm) && s.currentTerm >= 1 && roles.has(s.state) &&
    (s.votedFor === null || c.servers.includes(s.votedFor)) &&
    isLog(c, s.log) && isNat(s.commitIndex) &&
    isSubset(c, s.votesResponded) && isSubset(c, s.votesGranted) &&
    c.servers.every((j) => isNat(s.nextIndex[j]) && (s.nextIndex[j] as number) >= 1 && isNat(s.matchIndex[j]))
  );
}

/** TypeOK's conjunct on one message in flight. */
export function typeOkMessage(m: RaftMessage, c: RaftConfig): boolean {
  if (!c.servers.includes(m.source) || !c.servers.includes(m.dest) || !isNat(m.term) || m.term < 1) return false;
  switch (m.type) {
    case 'RequestVoteRequest':
      return isNat(m.lastLogTerm) && isNat(m.lastLogIndex);
    case 'RequestVoteResponse':
      return typeof m.voteGranted === 'boolean';
    case 'AppendEntriesRequest':
      return isNat(m.prevLogIndex) && isNat(m.prevLogTerm) && isLog(c, m.entries) && m.entries.length <= (c.maxAppendEntries ?? 1) && isNat(m.commitIndex);
    case 'AppendEntriesResponse':
      return typeof m.success === 'boolean' && isNat(m.matchIndex);
    case 'TimeoutNowRequest':
      return true;
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
      const x = (all[a] as [NodeId, Server])[1].log;
      const y = (all[b] as [NodeId, Server])[1].log;
      const n = Math.min(x.length, y.length);
      for (let k = n - 1; k >= 0; k--) {
        if ((x[k] as Entry).term !== (y[k] as Entry).term) continue;
        for (let p = 0; p <= k; p++) if (!sameEntry(x[p], y[p])) return false;
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
      for (let k = 0; k < s.commitIndex && k < s.log.length; k++) if (!sameEntry(s.log[k], l.log[k])) return false;
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
      const n = Math.min(x.commitIndex, y.commitIndex, x.log.length, y.log.length);
      for (let k = 0; k < n; k++) if (!sameEntry(x.log[k], y.log[k])) return false;
    }
  }
  return true;
}

/** Raft §5.3: an entry that a server knows to be committed is stored on a majority (ours). */
export function CommittedOnQuorum(g: V, c: RaftConfig): boolean {
  for (const i of c.servers) {
    const s = g.nodes[i] as Server;
    const k = Math.min(s.commitIndex, s.log.length);
    if (k === 0) continue;
    const holders = c.servers.filter((j) => sameEntry((g.nodes[j] as Server).log[k - 1], s.log[k - 1]));
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
  for (const i of c.servers) {
    const s = g.nodes[i] as Server;
    const k = Math.min(s.commitIndex, s.log.length);
    if (k === 0) continue;
    const committed = s.log[k - 1];
    for (const j of c.servers) {
      const t = g.nodes[j] as Server;
      if (sameEntry(t.log[k - 1], committed)) continue;
      const voters = c.servers.filter((v) => upToDate(lastTerm(t.log), t.log.length, (g.nodes[v] as Server).log));
      if (isMajority(c.servers, voters)) return false;
    }
  }
  return true;
}

/** Raft Fig. 3 Leader Append-Only (an action property): a leader never overwrites or deletes its entries. */
export function LeaderAppendOnly(g: G, h: G, c: RaftConfig): boolean {
  for (const i of c.servers) {
    const s = g.nodes[i] as Server;
    const t = h.nodes[i] as Server;
    if (s === t || s.state !== 'Leader' || t.state !== 'Leader' || s.currentTerm !== t.currentTerm || s.log === t.log) continue;
    if (t.log.length < s.log.length) return false;
    for (let k = 0; k < s.log.length; k++) if (!sameEntry(s.log[k], t.log[k])) return false;
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
};

export const actionProperties = { LeaderAppendOnly };

/** The same invariants declared by what they read: TypeOK per server and per message, the rest per server tuple. */
export const localInvariants = {
  node: { TypeOK: typeOkServer },
  message: { TypeOK: typeOkMessage },
  nodes: { ElectionSafety, LogMatching, LeaderCompleteness, StateMachineSafety, CommittedOnQuorum, CommittedSurvivesElection },
};

// Raft as the runtime runs it (design.md, "The runtime's contract"): the election timer runs Timeout
// then asks every server for a vote; the heartbeat timer lets a candidate with a quorum take office
// (BecomeLeader), sends AppendEntries to each peer, then advances the commit index. Every decision
// the node loop acts on (a new leader's no-op, which messages restart the election timer) is here.
// Log compaction is on (Snapshots): a heartbeat sends InstallSnapshot to a follower that needs a
// compacted entry, and the runtime compacts through `snapshots` (runtimeSnapshots.ts).
import type { NodeId, NodeRuntime, Receive } from '../core/index.ts';
import { runtimeConfig } from './config.ts';
import { configIndex } from './membership.ts';
import { configMembers, members, raftMembership } from './runtimeMembership.ts';
import { lastIndex, snapshotIndex, termOf } from './log.ts';
import type { RaftProtocol } from './protocol.ts';
import { raftSnapshots, snapshotDurable, snapshotMeta, withSnapshot } from './runtimeSnapshots.ts';
import type { SnapshotDurable } from './runtimeSnapshots.ts';
import type { Durable } from './durable.ts';
import type { Entry, RaftAction, RaftConfig, RaftMessage, Server } from './types.ts';

export type RaftRuntime = NodeRuntime<Server, RaftAction, RaftMessage>;

/**
 * The constants a step at s runs with: cluster.json's nodes plus s's configuration's members (§6).
 * With `memo`, remembered per state object: the steps that only send (AppendEntries, a heartbeat)
 * return the very state they were given, so a round computes it once per state change.
 */
function stepConfig(c0: RaftConfig, memo?: Memo): (s: Server) => RaftConfig {
  if (c0.membership === undefined) return () => c0;
  const plain = (s: Server): RaftConfig => ({ ...c0, servers: members(s, c0) });
  return memo === undefined ? plain : memo(plain);
}

export type Memo = <K extends object, R>(f: (k: K) => R) => (k: K) => R;

/**
 * Raft over the servers `servers` of a real cluster (`runtimeConfig`: membership change on, the
 * first configuration's voters `voters`), stepping with protocol `p`; with `memo`, the position of the
 * log's last configuration entry is remembered per log array instead of scanned for at every step.
 */
export function raftRuntime(p: RaftProtocol, servers: readonly NodeId[], c: RaftConfig = { ...runtimeConfig(servers), snapshots: true }, memo?: Memo): RaftRuntime {
  const c0: RaftConfig = c.membership === undefined || memo === undefined ? c : { ...c, membership: { ...c.membership, configIndex: memo(configIndex) } };
  // With membership change, the servers are those the node knew at start plus its configuration's
  // members (a learner added later gets a nextIndex when a leader takes office), and a node sends to
  // its configuration's members (Raft §6; RequestVote's own guard skips a learner); without, cluster.json's nodes.
  const cfg = stepConfig(c0, memo);
  const peers = (i: NodeId, s: Server) => configMembers(s, c0).filter((j) => j !== i);
  const votes = (s: Server): RaftAction[] => configMembers(s, c0).map((j): RaftAction => ({ type: 'RequestVote', j }));
  const changes: RaftAction[] = c0.membership === undefined ? [] : [{ type: 'LeaveJoint' }, { type: 'StepDownRemoved' }];
  return {
    name: p.name,
    step: (i, s, x) => p.step(i, s, x, cfg(s)),
    describe: (i, x) => (x.type === 'Receive' ? p.describeMessage((x as Receive<RaftMessage>).m) : p.describe(i, x as RaftAction)),
    durable: (s) => snapshotDurable(s, p.durable(s) as Durable),
    restore: (i, d, snap = null) => {
      if (d === null && snap === null) return p.init(i, c0);
      const held = withSnapshot(i, d === null ? { currentTerm: 0, votedFor: null, log: [] } : durableOf(d), snap);
      const s = { ...p.init(i, c0), ...held };
      return p.restart(i, s, cfg(s));
    },
    timers: {
      election: { kind: 'election', actions: (_i, s) => [{ type: 'Timeout' }, ...votes(s)] },
      heartbeat: {
        kind: 'heartbeat',
        // Raft §6: once C_old,new commits the leader appends C_new; a leader C_new leaves out steps down once it commits.
        actions: (i, s) => [
          { type: 'BecomeLeader' },
          ...peers(i, s).flatMap((j): RaftAction[] => [{ type: 'AppendEntries', j }, { type: 'InstallSnapshot', j }]),
          { type: 'AdvanceCommitIndex' },
          ...changes,
        ],
      },
    },
    command: (_i, s, v) => (s.state === 'Leader' ? { type: 'ClientRequest', v } : null),
    reactions: (_i, before, after, x) => {
      // §5.4.2 and thesis §6.4: a new leader appends a blank entry, so that earlier terms' entries commit.
      if (before.state !== 'Leader' && after.state === 'Leader') return [{ type: 'ClientRequest', v: [] }];
      // Thesis §3.10: TimeoutNow made i a candidate (HandleTimeoutNowRequest); it asks for votes at once.
      return x.type === 'Receive' && x.m.type === 'TimeoutNowRequest' ? votes(after) : [];
    },
    leaderShown: (_i, s, m) => ((m.type === 'AppendEntriesRequest' || m.type === 'InstallSnapshotRequest') && m.term === s.currentTerm ? m.source : null),
    // §5.1: a leader that steps down starts a full election timeout (its timer ran on while it led);
    // so does a server a TimeoutNow made a candidate.
    resetsElection: (_i, before, after, x) =>
      (before.state === 'Leader' && after.state !== 'Leader') ||
      (x.type === 'Receive' && x.m.type === 'TimeoutNowRequest' && after.state === 'Candidate' && after.currentTerm > before.currentTerm),
    // Thesis §3.10: the leader hands off to a caught-up follower (TransferLeadership's guard picks one).
    // With membership change, only to a voter: a learner is never a candidate (§6).
    handOff: (i, s) => raftMembership(c0).voters(i, s).map((j): RaftAction => ({ type: 'TransferLeadership', j })),
    // Positions are global (§7): the entries after the snapshot's last one are in the log.
    committed: (s, from) => s.log.slice(Math.max(from, snapshotIndex(s) + 1) - 1 - snapshotIndex(s), s.commitIndex - snapshotIndex(s)).map((e) => e.value),
    entryId: (s, index) => (index >= 1 ? termOf(s, index) : null),
    view: (s) => ({
      role: s.state === 'Leader' ? 'leader' : s.state === 'Candidate' ? 'candidate' : 'follower',
      term: s.currentTerm,
      votedFor: s.votedFor,
      lastIndex: lastIndex(s),
      commitIndex: s.commitIndex,
    }),
    // In a leader's term, (term, prevLogIndex) names the entries an AppendEntries carries (Log Matching).
    payload: (m) =>
      m.type === 'AppendEntriesRequest' && m.entries.length > 0 ? `${m.term}/${m.prevLogIndex}` : m.type === 'InstallSnapshotRequest' ? `snapshot/${m.term}/${m.lastIncludedIndex}` : null,
    // Thesis §10.2.1: a leader may replicate entries before they are durable on its own disk.
    early: (m) => m.type === 'AppendEntriesRequest',
    snapshots: raftSnapshots,
    // Thesis §6.4: ReadIndex (acked, a history parameter of the model, is 0 here).
    reads: {
      start: () => ({ type: 'ReadIndexStart', acked: 0 }),
      confirm: (i, s) => peers(i, s).map((j): RaftAction => ({ type: 'ReadIndexConfirm', j })),
      answer: () => ({ type: 'ReadIndexAnswer' }),
      state: (s) => s.read ?? null,
    },
    ...(c0.membership === undefined ? {} : { membership: raftMembership(c0) }),
  };
}

const isTerm = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;

/** Raft Fig. 2's persistent state read back from storage, or an Error naming what is wrong with it. */
export function durableOf(d: unknown): SnapshotDurable {
  if (typeof d !== 'object' || d === null || Array.isArray(d)) throw new Error('the durable state is not an object');
  const { currentTerm, votedFor, log, snapshot } = d as Record<string, unknown>;
  if (!isTerm(currentTerm)) throw new Error(`currentTerm is not a term: ${JSON.stringify(currentTerm)}`);
  if (votedFor !== null && typeof votedFor !== 'string') throw new Error(`votedFor is neither null nor a server: ${JSON.stringify(votedFor)}`);
  if (!Array.isArray(log)) throw new Error('log is not an array');
  const k = log.findIndex((e: unknown) => typeof e !== 'object' || e === null || !isTerm((e as Entry).term) || !('value' in e));
  if (k >= 0) throw new Error(`log entry ${k + 1} is not a { term, value } entry`);
  const meta = snapshotMeta(snapshot);
  return { currentTerm, votedFor, log: log as Entry[], ...(meta !== undefined ? { snapshot: meta } : {}) };
}

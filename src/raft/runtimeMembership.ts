// Membership change as the runtime runs it (Raft §6, thesis §4.2.1): an operator's add, promote and
// remove become AddLearner, ProposeConfig and RemoveLearner (a learner) at the leader; LeaveJoint and StepDownRemoved run on the
// heartbeat (runtime.ts). Each refusal names the guard that holds it back, in one line.
import type { MembershipChange, MembershipRefusal, MembershipView, NodeId, RuntimeMembership } from '../core/index.ts';
import { lastIndex, snapshotIndex } from './log.ts';
import { configCommitted, configOf, isJoint, lastConfig, showConfig, snapshotConfig } from './membership.ts';
import type { Configuration, RaftAction, RaftConfig, Server } from './types.ts';

const union = (...xs: (readonly NodeId[])[]): NodeId[] => [...new Set(xs.flat())].sort();

/** The nodes known at start and every member of s's configuration: the servers a leader keeps a nextIndex for. */
export function members(s: Server, c: RaftConfig): NodeId[] {
  if (c.membership === undefined) return [...c.servers];
  const x = configOf(s, c);
  return union(c.servers, x.voters, x.old, x.learners);
}

/** Whom a node exchanges messages with (Raft §6): its configuration's voters (old and new) and learners; without membership change, every server. */
export function configMembers(s: Server, c: RaftConfig): NodeId[] {
  if (c.membership === undefined) return [...c.servers];
  const x = configOf(s, c);
  return union(x.voters, x.old, x.learners);
}

function view(s: Server, c: RaftConfig): MembershipView {
  const x = configOf(s, c);
  const k = lastConfig(s, c);
  return {
    voters: x.voters,
    old: x.old,
    learners: x.learners,
    // A configuration the snapshot holds came from an entry at or before its last index.
    index: k > 0 ? snapshotIndex(s) + k : snapshotConfig(s) !== null ? snapshotIndex(s) : 0,
    committed: configCommitted(s, c),
    commitIndex: s.commitIndex,
    match: s.state === 'Leader' ? s.matchIndex : {},
  };
}

/** Why no change may start now at i, or null (the guards AddLearner, RemoveLearner and ProposeConfig share). */
function busy(s: Server, x: Configuration, c: RaftConfig): string | null {
  if (s.state !== 'Leader') return 'not the leader';
  if (isJoint(x)) return `a configuration change is in progress (${showConfig(x)} is joint until the leader appends the new configuration); one change at a time, retry when it is done`;
  if (!configCommitted(s, c)) return `a configuration change is in progress (${showConfig(x)} at index ${snapshotIndex(s) + lastConfig(s, c)} is not committed yet); one change at a time, retry when it is done`;
  return null;
}

const no = (refused: string, wait = false): MembershipRefusal => ({ refused, wait });

function change(c: RaftConfig, i: NodeId, s: Server, ch: MembershipChange): RaftAction | MembershipRefusal {
  const x = configOf(s, c);
  const j = ch.node;
  const why = busy(s, x, c);
  if (why !== null) return no(why);
  if (ch.op === 'add') {
    if (x.voters.includes(j)) return no(`${j} is already a voter`);
    if (x.learners.includes(j)) return no(`${j} is already a learner`);
    return { type: 'AddLearner', j };
  }
  if (ch.op === 'promote') {
    if (x.voters.includes(j)) return no(`${j} is already a voter`);
    if (!x.learners.includes(j)) return no(`${j} is not a learner of the configuration (${showConfig(x)}): add it first`);
    const match = s.matchIndex[j] ?? 0;
    // ProposeConfig's bound: a new voter holds every entry the leader knows committed.
    if (match < s.commitIndex) return no(`${j} has not caught up: it holds entries up to ${match}, the leader has committed ${s.commitIndex} (of ${lastIndex(s)}); retry once it has`, true);
    return { type: 'ProposeConfig', v: union(x.voters, [j]) };
  }
  if (x.learners.includes(j)) return { type: 'RemoveLearner', j }; // the voters stay: one entry, no joint phase
  if (!x.voters.includes(j)) return no(`${j} is not a member of the configuration (${showConfig(x)})`);
  if (x.voters.length === 1) return no(`${j} is the only voter: a cluster keeps at least one`);
  if (j === i) return no(`${j} leads: hand leadership to another voter first`);
  return { type: 'ProposeConfig', v: x.voters.filter((k) => k !== j) };
}

function done(c: RaftConfig, s: Server, ch: MembershipChange): boolean {
  const x = configOf(s, c);
  if (isJoint(x) || !configCommitted(s, c)) return false;
  if (ch.op === 'add') return x.learners.includes(ch.node) || x.voters.includes(ch.node);
  if (ch.op === 'promote') return x.voters.includes(ch.node);
  return !x.voters.includes(ch.node) && !x.learners.includes(ch.node);
}

/** The runtime's membership for constants `c`, plus the voters a leader may hand leadership to. */
export function raftMembership(c: RaftConfig): RuntimeMembership<Server, RaftAction> & { voters(i: NodeId, s: Server): NodeId[] } {
  return {
    view: (s) => view(s, c),
    peers: (i, s) => configMembers(s, c).filter((j) => j !== i),
    change: (i, s, ch) => change(c, i, s, ch),
    done: (s, ch) => done(c, s, ch),
    voters: (i, s) => (c.membership === undefined ? c.servers : configOf(s, c).voters).filter((j) => j !== i),
  };
}

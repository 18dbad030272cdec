// Multi-Paxos as the runtime runs it (design.md, "The runtime's contract"): the election timer starts
// Phase 1 (StartElection, then Prepare to every replica); the heartbeat timer retries Prepare, executes
// decided slots in order, and sends Accept for each undecided proposal (or the last one, to show the
// leader is alive). A new leader proposes an empty batch (its first slot after the re-proposals and
// no-op fills of Phase 1). Each proposal is named (leader/round, slot): unique, since a ballot has one
// leader and the ballot is durable, so a proposal re-proposed by the next leader is still recognised.
import { majorities, type NodeId, type NodeRuntime, type Receive } from '../core/index.ts';
import { compact, decidedPrefix } from './compact.ts';
import type { MultiPaxosProtocol } from './protocol.ts';
import type { Ballot, MpAction, MpConfig, MpMessage, Replica, SlotValue, SlotVote, Value } from './types.ts';
import { at, sameBallot } from './values.ts';

export type MpRuntime = NodeRuntime<Replica, MpAction, MpMessage>;

/** A real cluster's constants: every replica a candidate, majority quorums, no model-checking bound. */
export function runtimeConfig(replicas: readonly NodeId[]): MpConfig {
  const rs = [...replicas].sort();
  return { replicas: rs, commands: [], quorums: majorities(rs), candidates: rs, maxRound: null, maxSlot: null, maxDup: null, maxMsgs: null, handOff: true };
}

const lastSlot = (xs: readonly { readonly slot: number }[]): number => xs[xs.length - 1]?.slot ?? 0;
const idOf = (v: Value): string => (v === 'noop' ? 'noop' : `${v.client}#${v.seq}`);

/** Multi-Paxos over `replicas`, stepping with protocol `p`. */
/** `prune: false` keeps every step's state whole: compaction assumes the invariants (a decided slot is never decided again), which a broken variant's replay does not hold. */
export function multiPaxosRuntime(p: MultiPaxosProtocol, replicas: readonly NodeId[], c: MpConfig = runtimeConfig(replicas), o: { readonly prune?: boolean } = {}): MpRuntime {
  const prune = o.prune === false ? (s: Replica) => s : compact;
  const command = (i: NodeId, s: Replica, body: unknown): MpAction | null => {
    if (s.role !== 'Leader' || s.ballot === null) return null;
    const seq = Math.max(s.base - 1, lastSlot(s.proposals)) + 1; // the slot ClientRequest picks
    return { type: 'ClientRequest', cmd: { client: `${i}/${s.ballot.round}`, seq, body } };
  };
  return {
    name: p.name,
    step: (i, s, x) => {
      const r = p.step(i, s, x, c);
      return r === null ? null : { ...r, state: prune(r.state) };
    },
    describe: (i, x) => (x.type === 'Receive' ? p.describeMessage((x as Receive<MpMessage>).m) : p.describe(i, x as MpAction)),
    // What Restart keeps: the protocol's durable part and the executed decisions.
    durable: (s) => ({ ...(p.durable(s) as object), decided: s.decided.slice(0, Math.min(s.executed, decidedPrefix(s))) }),
    restore: (i, d) => (d === null ? p.init(i, c) : p.restart(i, { ...p.init(i, c), ...durableOf(d) }, c)),
    timers: {
      election: { kind: 'election', actions: (i, s) => [...elections(i, s), ...c.replicas.map((j): MpAction => ({ type: 'SendPrepare', j }))] },
      heartbeat: { kind: 'heartbeat', actions: (i, s) => heartbeat(i, s, c) },
    },
    command,
    reactions: (i, before, after) => {
      const a = before.role !== 'Leader' && after.role === 'Leader' ? command(i, after, []) : null;
      return a === null ? [] : [a];
    },
    leaderShown: (_i, s, m) => (m.type === 'Accept' && sameBallot(m.bal, s.promised) ? m.bal.leader : null),
    // A leader or candidate that steps down, and a replica that promises another's ballot, wait a full
    // timeout (a candidate pre-empted by a Nack lets the higher ballot finish Phase 1: no duel, §3).
    resetsElection: (i, before, after) =>
      (before.role !== 'Follower' && after.role === 'Follower') || (!sameBallot(before.promised, after.promised) && after.promised?.leader !== i),
    // Before a planned stop the leader asks another replica to run Phase 1 at once (SendHandOff).
    handOff: (i) => c.replicas.filter((j) => j !== i).map((j): MpAction => ({ type: 'SendHandOff', j })),
    committed: (s, from) => s.decided.slice(Math.max(from, 1) - 1, decidedPrefix(s)).map((x) => (x.val === 'noop' ? null : (x.val.body ?? null))),
    entryId: (s, k) => {
      const x = at(s.decided, k) ?? at(s.proposals, k) ?? at(s.accepted, k);
      return x === undefined ? null : idOf(x.val);
    },
    view: (s) => {
      const commitIndex = decidedPrefix(s);
      return {
        role: s.role === 'Leader' ? 'leader' : s.role === 'Candidate' ? 'candidate' : 'follower',
        term: s.promised?.round ?? 0,
        votedFor: s.promised?.leader ?? null,
        lastIndex: Math.max(commitIndex, s.role === 'Leader' ? lastSlot(s.proposals) : lastSlot(s.accepted)),
        commitIndex,
      };
    },
    // No payload key: an Accept is also the leader's heartbeat, which must go every period (a repeat held
    // back for the resend interval let followers time out under load); the heartbeat caps Accepts instead.
    payload: () => null,
    early: () => false,
  };
}

/** Unanswered Accepts the heartbeat sends one acceptor per period at most. */
export const ACCEPT_WINDOW = 8;

/**
 * StartElection as often as it takes for i's ballot to pass the one it promised: each step raises the
 * round by one, and a ballot below the promise would only be refused (as several timeouts in a row would).
 */
function elections(i: NodeId, s: Replica): MpAction[] {
  const next = s.ballot === null ? 0 : s.ballot.round + 1;
  const need = s.promised === null ? next : s.promised.round + (i > s.promised.leader ? 0 : 1);
  return Array.from({ length: Math.max(1, need - next + 1) }, (): MpAction => ({ type: 'StartElection' }));
}

/** Prepare retries, Execute for each decided slot in order, Accept for undecided proposals, the last one to every other peer, and catch-up. */
function heartbeat(i: NodeId, s: Replica, c: MpConfig): MpAction[] {
  const out: MpAction[] = c.replicas.map((j): MpAction => ({ type: 'SendPrepare', j }));
  for (let k = s.executed; k < decidedPrefix(s); k += 1) out.push({ type: 'Execute' });
  const open = s.proposals.filter((x) => at(s.decided, x.slot) === undefined);
  // An acceptor whose Accepted the leader has heard is not asked again, nor its own acceptor once it
  // accepted (a self-addressed Accept every round would never let the loop rest; a resend every round
  // to every acceptor would answer each Accepted with more Accepteds).
  const heard = new Set<string>();
  if (open.length > 0) for (const x of s.acks) if (sameBallot(x.bal, s.ballot)) heard.add(`${x.slot}/${x.acc}`);
  const asked = (slot: number, j: NodeId): boolean => heard.has(`${slot}/${j}`) || (j === i && sameBallot(at(s.accepted, slot)?.bal ?? null, s.ballot));
  // Flow control: each acceptor is asked for at most ACCEPT_WINDOW of its unanswered slots per period,
  // the lowest first (a new leader re-proposing a long stretch of open slots sends it window by window).
  const sent = new Map<NodeId, number>();
  for (const x of open) {
    for (const j of c.replicas) {
      if (asked(x.slot, j) || (sent.get(j) ?? 0) >= ACCEPT_WINDOW) continue;
      out.push({ type: 'SendAccept', j, slot: x.slot });
      sent.set(j, (sent.get(j) ?? 0) + 1);
    }
  }
  // Every peer hears from the leader each period (the last proposal again), so that no timer expires.
  if (s.proposals.length > 0) for (const j of c.replicas) if (j !== i && !sent.has(j)) out.push({ type: 'SendAccept', j, slot: lastSlot(s.proposals) });
  // A follower with a gap in its decisions asks the leader it promised (anyone, if none) to catch up (§2.3).
  if (s.role !== 'Leader') {
    const to = s.promised !== null && s.promised.leader !== i ? [s.promised.leader] : c.replicas;
    for (const j of to) out.push({ type: 'RequestCatchUp', j });
  }
  return out;
}

const isInt = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
const isBallot = (x: unknown): x is Ballot | null =>
  x === null || (typeof x === 'object' && isInt((x as Ballot).round) && typeof (x as Ballot).leader === 'string');
const isValue = (x: unknown): x is Value =>
  x === 'noop' || (typeof x === 'object' && x !== null && typeof (x as { client?: unknown }).client === 'string' && isInt((x as { seq?: unknown }).seq));

/** The durable part read back from storage, or an Error naming what is wrong with it. */
export function durableOf(d: unknown): Pick<Replica, 'ballot' | 'promised' | 'accepted' | 'executed' | 'applied' | 'decided'> {
  if (typeof d !== 'object' || d === null || Array.isArray(d)) throw new Error('the durable state is not an object');
  const { ballot, promised, accepted, executed, applied, decided } = d as Record<string, unknown>;
  if (!isBallot(ballot) || !isBallot(promised)) throw new Error('ballot or promised is not a ballot');
  if (!isInt(executed)) throw new Error(`executed is not a slot: ${JSON.stringify(executed)}`);
  // Per-slot lists are sorted by slot, one entry per slot (values.ts `at` bisects them).
  const slots = (xs: unknown, vote: boolean): boolean =>
    Array.isArray(xs) &&
    xs.every((x: unknown, k) => typeof x === 'object' && x !== null && isInt((x as SlotValue).slot) && (x as SlotValue).slot > (k === 0 ? 0 : (xs[k - 1] as SlotValue).slot) && isValue((x as SlotValue).val) && (!vote || isBallot((x as SlotVote).bal)));
  if (!slots(accepted, true)) throw new Error('accepted is not a list of votes in increasing slot order');
  if (!slots(decided, false)) throw new Error('decided is not a list of slot values in increasing slot order');
  if (!Array.isArray(applied) || !applied.every(isValue)) throw new Error('applied is not a list of commands');
  return { ballot, promised, accepted: accepted as SlotVote[], executed, applied: applied as Replica['applied'], decided: decided as SlotValue[] };
}

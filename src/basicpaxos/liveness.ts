// Liveness of Basic Paxos (docs/liveness.md): "eventually a value is learned" fails with two dueling
// proposers (Paxos Made Simple §3) and holds with one distinguished proposer; rounds made finite by a
// view that takes them relative to the smallest round still live.
import { bagMap, type Fairness, type NodeLiveness } from '../core/index.ts';
import type { BpGlobal } from './invariants.ts';
import { learnedValues } from './invariants.ts';
import { sameBallot } from './ballot.ts';
import type { Ballot, BpConfig, BpMessage, Node, Vote } from './types.ts';

/** Every action of Spec's Next is weakly fair, message delivery per channel (Paxos Made Simple §3's "messages are delivered"). */
export const fairness: readonly Fairness[] = ['Timeout', 'SendPrepare', 'SendAccept', 'Receive'].map((action) => ({ action, kind: 'weak' }));

/**
 * Stable timers: a proposer's timer fires only to open its first ballot (from Idle); a later ballot
 * comes only from a Nack, i.e. from being pre-empted (a step that raises a ballot consumes a Nack).
 */
export function stableTimers(g: BpGlobal, h: BpGlobal, c: BpConfig): boolean {
  for (const p of c.proposers) {
    const s = g.nodes[p] as Node;
    const t = h.nodes[p] as Node;
    if (s === t || s.role !== 'Proposer' || t.role !== 'Proposer' || sameBallot(s.ballot, t.ballot) || s.phase === 'Idle') continue;
    if (nacksTo(h, p) >= nacksTo(g, p)) return false;
  }
  return true;
}

function nacksTo(g: BpGlobal, p: string): number {
  let n = 0;
  for (const [, m, copies] of g.network) if (m.type === 'Nack' && m.dest === p) n += copies;
  return n;
}

/** The proposers other than the first stay Idle: one distinguished proposer (a stable leader). */
export function stableLeader(g: BpGlobal, c: BpConfig): boolean {
  return c.proposers.slice(1).every((p) => (g.nodes[p] as Node).role === 'Proposer' && (g.nodes[p] as { ballot: Ballot | null }).ballot === null);
}

export function liveness(c: BpConfig): NodeLiveness<Node, BpMessage> {
  const learned = (g: BpGlobal) => learnedValues(g, c).length > 0;
  const formula = '<>(LearnedValues # {})';
  const steps = (g: BpGlobal, h: BpGlobal) => stableTimers(g, h, c);
  return {
    temporal: {
      EventuallyLearned: { kind: 'eventually', p: learned, formula, assumeStep: steps },
      EventuallyLearnedStableLeader: { kind: 'eventually', p: learned, formula, assumeStep: steps, assume: (g) => stableLeader(g, c) },
    },
    fairness,
    view: (g) => relativeRounds(g, c),
  };
}

/** Every round in the state: ballots of proposers, acceptors, learners' counts and messages. */
function rounds(g: BpGlobal, c: BpConfig): number[] {
  const out: number[] = [];
  const b = (x: Ballot | null) => x !== null && out.push(x.round);
  for (const i of Object.keys(g.nodes)) {
    const s = g.nodes[i] as Node;
    if (s.role === 'Proposer') (b(s.ballot), b(s.highest?.bal ?? null));
    else if (s.role === 'Acceptor') (b(s.promised), b(s.accepted?.bal ?? null));
    else for (const x of s.votes) b(x.bal);
  }
  for (const [, m] of g.network) (b(m.bal), m.type === 'Nack' && b(m.higher), m.type === 'Promise' && b(m.accepted?.bal ?? null));
  // A proposer with no ballot yet will open round 0: round 0 stays live until each has one.
  if (c.proposers.some((p) => (g.nodes[p] as { ballot?: Ballot | null }).ballot === null)) out.push(0);
  return out;
}

/** The view: every round minus the smallest live one (the handlers compare rounds only with each other, and with a retry's +1). */
export function relativeRounds(g: BpGlobal, c: BpConfig): BpGlobal {
  const rs = rounds(g, c);
  const low = rs.length === 0 ? 0 : Math.min(...rs);
  if (low === 0) return g;
  const sb = (x: Ballot | null): Ballot | null => (x === null ? null : { round: x.round - low, proposer: x.proposer });
  const sv = (x: Vote | null): Vote | null => (x === null ? null : { bal: sb(x.bal) as Ballot, val: x.val });
  const nodes: Record<string, Node> = {};
  for (const i of Object.keys(g.nodes)) {
    const s = g.nodes[i] as Node;
    nodes[i] = s.role === 'Proposer' ? { ...s, ballot: sb(s.ballot), highest: sv(s.highest) }
      : s.role === 'Acceptor' ? { ...s, promised: sb(s.promised), accepted: sv(s.accepted) }
      : { ...s, votes: s.votes.map((x) => ({ ...x, bal: sb(x.bal) as Ballot })) };
  }
  const network = bagMap(g.network, (m): BpMessage => {
    const bal = sb(m.bal) as Ballot;
    return m.type === 'Nack' ? { ...m, bal, higher: sb(m.higher) as Ballot } : m.type === 'Promise' ? { ...m, bal, accepted: sv(m.accepted) } : { ...m, bal };
  });
  return g.faults === undefined ? { nodes, network } : { nodes, network, faults: g.faults };
}

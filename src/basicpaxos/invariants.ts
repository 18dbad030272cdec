// The invariants and action properties of spec/BasicPaxos.tla, one per conjunct.
import type { Global, Named } from '../core/index.ts';
import { ballotAtLeast } from './ballot.ts';
import type { BpConfig, BpMessage, Node, Vote } from './types.ts';

export type BpGlobal = Global<Node, BpMessage>;

function each<R extends Node['role']>(g: BpGlobal, ids: readonly string[], role: R): Extract<Node, { role: R }>[] {
  return ids.map((i) => g.nodes[i] as Node).filter((s): s is Extract<Node, { role: R }> => s.role === role);
}

/** Every learned value, over all learners. */
export function learnedValues(g: BpGlobal, c: BpConfig): readonly string[] {
  return [...new Set(each(g, c.learners, 'Learner').flatMap((s) => s.learned))];
}

/** Every (ballot, value) pair proposed or accepted anywhere: proposers in Phase 2, acceptors, learners, messages. */
function proposals(g: BpGlobal, c: BpConfig): Vote[] {
  const out: Vote[] = [];
  for (const s of each(g, c.proposers, 'Proposer')) if (s.phase === 'Phase2' && s.ballot !== null && s.proposal !== null) out.push({ bal: s.ballot, val: s.proposal });
  for (const s of each(g, c.acceptors, 'Acceptor')) if (s.accepted !== null) out.push(s.accepted);
  for (const s of each(g, c.learners, 'Learner')) for (const x of s.votes) out.push(x);
  for (const [, m] of g.network) if (m.type === 'Accept' || m.type === 'Accepted') out.push({ bal: m.bal, val: m.val });
  return out;
}

export const invariants: Named<(g: BpGlobal, c: BpConfig) => boolean> = {
  // Consensus.tla, Cardinality(chosen) <= 1; Paxos Made Simple §2.1: only a single value is chosen.
  Consistency: (g, c) => learnedValues(g, c).length <= 1,
  // Paxos Made Simple §2.1: only a value that has been proposed may be chosen.
  LearnedWasProposed: (g, c) => {
    const proposed = each(g, c.proposers, 'Proposer').map((s) => s.value);
    return learnedValues(g, c).every((v) => proposed.includes(v));
  },
  // Voting.tla: one value per ballot, over every proposal and vote in the system.
  OneValuePerBallot: (g, c) => {
    const seen = new Map<string, string>();
    for (const x of proposals(g, c)) {
      const k = `${x.bal.round}/${x.bal.proposer}`;
      if ((seen.get(k) ?? x.val) !== x.val) return false;
      seen.set(k, x.val);
    }
    return true;
  },
  // An acceptor's vote is in a ballot it promised or below (P1a kept by Phase 2(b)).
  VoteWithinPromise: (g, c) =>
    each(g, c.acceptors, 'Acceptor').every((s) => s.accepted === null || (s.promised !== null && ballotAtLeast(s.promised, s.accepted.bal))),
};

export const actionProperties: Named<(g: BpGlobal, h: BpGlobal, c: BpConfig) => boolean> = {
  // P1a: an acceptor accepts a proposal numbered n only if it has not promised a higher one.
  AcceptNotBelowPromise: (g, h, c) =>
    c.acceptors.every((a) => {
      const s = g.nodes[a] as Node;
      const t = h.nodes[a] as Node;
      if (s.role !== 'Acceptor' || t.role !== 'Acceptor' || t.accepted === null || t.accepted === s.accepted) return true;
      return s.promised === null || ballotAtLeast(t.accepted.bal, s.promised);
    }),
};

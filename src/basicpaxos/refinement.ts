// The refinement mapping of spec/MCBasicPaxos.tla (LP == INSTANCE Paxos WITH ...): node-level Basic
// Paxos as Lamport's Paxos.tla, with `sent` (every message ever sent) as the history variable.
import type { NodeId, Sent } from '../core/index.ts';
import type { BpGlobal } from './invariants.ts';
import type { Ballot, BpConfig, BpMessage, Node } from './types.ts';

/** A message of Paxos.tla (src/paxos's `Message`, field for field; -1 and null for "no vote"). */
export type PaxosMessage =
  | { readonly type: '1a'; readonly bal: number }
  | { readonly type: '1b'; readonly acc: NodeId; readonly bal: number; readonly mbal: number; readonly mval: string | null }
  | { readonly type: '2a'; readonly bal: number; readonly val: string }
  | { readonly type: '2b'; readonly acc: NodeId; readonly bal: number; readonly val: string };

/** The variables of Paxos.tla (src/paxos's `PaxosState`); `msgs` in any order (the caller sorts it). */
export interface PaxosImage {
  readonly maxBal: Readonly<Record<NodeId, number>>;
  readonly maxVBal: Readonly<Record<NodeId, number>>;
  readonly maxVal: Readonly<Record<NodeId, string | null>>;
  readonly msgs: readonly PaxosMessage[];
}

/** BallotNum(b): ballots (round, proposer) one to one onto 0, 1, 2, ..., in their order. */
export function ballotNumber(b: Ballot, c: BpConfig): number {
  return b.round * c.proposers.length + Math.max(0, c.proposers.indexOf(b.proposer));
}

/** The spec's `MaxBallot`: every ballot a step from a state within MaxRound can open (round MaxRound + 1). */
export function maxBallot(c: BpConfig): number {
  return ((c.maxRound ?? 0) + 2) * c.proposers.length - 1;
}

/**
 * The Paxos message a sent message is, if any. Prepare is 1a, Promise 1b, Accept 2a, Accepted 2b
 * (one per acceptor and ballot, whatever the learner); a Nack is none. Nor is a Promise that
 * reports a vote in its own ballot: Paxos.tla's Phase1b joins only a ballot above maxBal, and no
 * proposer can use that promise (it left Phase 1 before any Accept of the ballot was sent).
 */
export function paxosMessage(m: BpMessage, c: BpConfig): PaxosMessage | null {
  const bal = ballotNumber(m.bal, c);
  switch (m.type) {
    case 'Prepare':
      return { type: '1a', bal };
    case 'Promise': {
      const v = m.accepted;
      if (v !== null && ballotNumber(v.bal, c) >= bal) return null;
      return { type: '1b', acc: m.source, bal, mbal: v === null ? -1 : ballotNumber(v.bal, c), mval: v === null ? null : v.val };
    }
    case 'Accept':
      return { type: '2a', bal, val: m.val };
    case 'Accepted':
      return { type: '2b', acc: m.source, bal, val: m.val };
    case 'Nack':
      return null;
  }
}

/** The mapping: acceptors' promised and accepted as maxBal, maxVBal, maxVal; msgs from `sent`. */
export function toPaxos(g: BpGlobal, sent: Sent<BpMessage>, c: BpConfig): PaxosImage {
  const maxBal: Record<NodeId, number> = {};
  const maxVBal: Record<NodeId, number> = {};
  const maxVal: Record<NodeId, string | null> = {};
  for (const a of c.acceptors) {
    const s = g.nodes[a] as Node;
    if (s.role !== 'Acceptor') throw new Error(`${a} is not an acceptor`);
    maxBal[a] = s.promised === null ? -1 : ballotNumber(s.promised, c);
    maxVBal[a] = s.accepted === null ? -1 : ballotNumber(s.accepted.bal, c);
    maxVal[a] = s.accepted === null ? null : s.accepted.val;
  }
  const byKey = new Map<string, PaxosMessage>();
  for (const [, m] of sent) {
    const x = paxosMessage(m, c);
    if (x !== null) byKey.set(JSON.stringify(x), x);
  }
  return { maxBal, maxVBal, maxVal, msgs: [...byKey.values()] };
}

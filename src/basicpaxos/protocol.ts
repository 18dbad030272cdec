// Basic Paxos as a NodeProtocol: proposers, acceptors and learners over a bag of messages, with
// MCBasicPaxos's state constraint.
import { bagSize, type NodeId, type NodeProtocol } from '../core/index.ts';
import { init, nodes } from './init.ts';
import { internal } from './internal.ts';
import { actionProperties, invariants, type BpGlobal } from './invariants.ts';
import { handlers as correct, step } from './step.ts';
import type { Ballot, BpAction, BpConfig, BpMessage, Handlers, Node, Vote } from './types.ts';
import { shape } from './shape.ts';
import { witnesses } from './witnesses.ts';

export type BasicPaxosProtocol = NodeProtocol<BpConfig, Node, BpAction, BpMessage>;

/** MCBasicPaxos's CONSTRAINT: each bound that is set (not null) must hold. */
export function constraint(g: BpGlobal, c: BpConfig): boolean {
  if (c.maxRound !== null) {
    for (const p of c.proposers) {
      const s = g.nodes[p] as Node;
      if (s.role === 'Proposer' && s.ballot !== null && s.ballot.round > c.maxRound) return false;
    }
  }
  if (c.maxDup !== null && g.network.some((e) => e[2] > (c.maxDup as number))) return false;
  return c.maxMsgs === null || bagSize(g.network) <= c.maxMsgs;
}

/** The durable part of a node: what it must write to stable storage before it sends. */
export function durable(s: Node): unknown {
  switch (s.role) {
    case 'Proposer':
      return { ballot: s.ballot, value: s.value };
    case 'Acceptor':
      return { promised: s.promised, accepted: s.accepted };
    case 'Learner':
      return { learned: s.learned };
  }
}

/** The protocol whose `step` dispatches through the handler table `h` (the correct one by default). */
export function basicPaxosWith(h: Handlers = correct, name = 'basicpaxos'): BasicPaxosProtocol {
  return {
    name,
    nodes,
    init,
    internal,
    step: (i, s, x, c) => step(h, i, s, x, c),
    restart: (i, s, c) => h.restart(s, i, c),
    durable,
    invariants,
    actionProperties,
    witnesses,
    constraint,
    describe,
    describeMessage,
    shape,
  };
}

export function showBallot(b: Ballot | null): string {
  return b === null ? 'none' : b.proposer === '' ? `${b.round}` : `(${b.round},${b.proposer})`;
}

function showVote(x: Vote | null): string {
  return x === null ? 'none' : `${showBallot(x.bal)}:${x.val}`;
}

function describe(i: NodeId, a: BpAction): string {
  switch (a.type) {
    case 'SendPrepare':
    case 'SendAccept':
      return `${a.type}(${i}, ${a.a})`;
    default:
      return `${a.type}(${i})`;
  }
}

function describeMessage(m: BpMessage): string {
  const head = `${m.type} ${m.source}->${m.dest} ${showBallot(m.bal)}`;
  switch (m.type) {
    case 'Prepare':
      return head;
    case 'Promise':
      return `${head} accepted ${showVote(m.accepted)}`;
    case 'Nack':
      return `${head} higher ${showBallot(m.higher)}`;
    case 'Accept':
    case 'Accepted':
      return `${head} ${m.val}`;
  }
}

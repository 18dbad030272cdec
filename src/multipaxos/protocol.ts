// Multi-Paxos as a NodeProtocol: replicas over a bag of messages, with the model's state constraint.
import { bagSize, type NodeId, type NodeProtocol } from '../core/index.ts';
import { init } from './init.ts';
import { internal } from './internal.ts';
import { actionProperties, invariants, type MpGlobal } from './invariants.ts';
import { handlers as correct, step } from './step.ts';
import type { Ballot, Handlers, MpAction, MpConfig, MpMessage, Replica, Value } from './types.ts';
import { shape } from './shape.ts';
import { witnesses } from './witnesses.ts';

export type MultiPaxosProtocol = NodeProtocol<MpConfig, Replica, MpAction, MpMessage>;

export function constraint(g: MpGlobal, c: MpConfig): boolean {
  for (const i of c.replicas) {
    const s = g.nodes[i] as Replica;
    if (c.maxRound !== null && s.ballot !== null && s.ballot.round > c.maxRound) return false;
    if (c.maxSlot !== null && s.proposals.some((x) => x.slot > (c.maxSlot as number))) return false;
  }
  if (c.maxDup !== null && g.network.some((e) => e[2] > (c.maxDup as number))) return false;
  return c.maxMsgs === null || bagSize(g.network) <= c.maxMsgs;
}

export function durable(s: Replica): unknown {
  return { ballot: s.ballot, promised: s.promised, accepted: s.accepted, executed: s.executed, applied: s.applied };
}

export function multiPaxosWith(h: Handlers = correct, name = 'multipaxos'): MultiPaxosProtocol {
  return {
    name,
    nodes: (c) => c.replicas,
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

const bal = (b: Ballot): string => (b.leader === '' ? `${b.round}` : `(${b.round},${b.leader})`);
const val = (v: Value): string => (v === 'noop' ? 'noop' : `${v.client}#${v.seq}`);

function describe(i: NodeId, a: MpAction): string {
  switch (a.type) {
    case 'SendPrepare':
      return `SendPrepare(${i}, ${a.j})`;
    case 'ClientRequest':
      return `ClientRequest(${i}, ${val(a.cmd)})`;
    case 'SendAccept':
      return `SendAccept(${i}, ${a.j}, ${a.slot})`;
    case 'RequestCatchUp':
      return `RequestCatchUp(${i}, ${a.j})`;
    case 'SendHandOff':
      return `SendHandOff(${i}, ${a.j})`;
    default:
      return `${a.type}(${i})`;
  }
}

function describeMessage(m: MpMessage): string {
  if (m.type === 'CatchUpRequest') return `${m.type} ${m.source}->${m.dest} from ${m.from}`;
  if (m.type === 'CatchUpReply') return `${m.type} ${m.source}->${m.dest} [${m.decided.map((x) => `${x.slot}:${val(x.val)}`).join(', ')}]`;
  const head = `${m.type} ${m.source}->${m.dest} ${bal(m.bal)}`;
  switch (m.type) {
    case 'Prepare':
      return `${head} from ${m.from}`;
    case 'Promise':
      return `${head} [${m.accepted.map((x) => `${x.slot}:${bal(x.bal)}:${val(x.val)}`).join(', ')}]`;
    case 'Nack':
      return `${head} higher ${bal(m.higher)}`;
    case 'Accept':
    case 'Accepted':
      return `${head} slot ${m.slot} ${val(m.val)}`;
    case 'HandOff':
      return head;
  }
}

// Raft as a NodeProtocol: raft.tla's servers over a bag of messages, with MCRaft's state constraint.
import { bagSize, type Global, type NodeId, type NodeProtocol } from '../core/index.ts';
import { durable } from './durable.ts';
import { init } from './init.ts';
import { internal } from './internal.ts';
import { lastIndex } from './log.ts';
import { isConfigValue, showConfig } from './membership.ts';
import { actionProperties, localInvariants } from './invariants.ts';
import { handlers as correct, step } from './step.ts';
import type { Entry, Handlers, RaftAction, RaftConfig, RaftMessage, Server, Value } from './types.ts';
import { shape } from './shape.ts';
import { symmetry } from './symmetry.ts';
import { witnesses } from './witnesses.ts';
import { liveness } from './liveness.ts';

export type RaftProtocol = NodeProtocol<RaftConfig, Server, RaftAction, RaftMessage> & {
  durable(s: Server): ReturnType<typeof durable>;
};

/** MCRaft's CONSTRAINT: each bound that is set (not null) must hold. */
export function constraint(g: Global<Server, RaftMessage>, c: RaftConfig): boolean {
  const { maxTerm, maxLogLen, maxRestarts, maxDup, maxMsgs } = c;
  const maxClock = c.sessions?.expiry?.maxClock ?? null;
  let restarts = 0;
  const ids = c.servers;
  for (let k = 0; k < ids.length; k++) {
    const s = g.nodes[ids[k] as NodeId] as Server;
    if (maxTerm !== null && s.currentTerm > maxTerm) return false;
    if (maxLogLen !== null && lastIndex(s) > maxLogLen) return false;
    if (maxClock !== null && s.clock !== undefined && s.clock > maxClock) return false;
    if (maxRestarts !== null) restarts += s.restarts ?? 0;
  }
  if (c.passive !== undefined) for (let k = 0; k < c.passive.length; k++) if ((g.nodes[c.passive[k] as NodeId] as Server).state === 'Candidate') return false;
  if (maxRestarts !== null && restarts > maxRestarts) return false;
  const net = g.network;
  if (maxDup !== null) for (let k = 0; k < net.length; k++) if ((net[k] as (typeof net)[number])[2] > maxDup) return false;
  if (maxMsgs !== null && bagSize(net) > maxMsgs) return false;
  return c.readIndex === undefined || readsWithin(g, c);
}

/** MCRaft's CONSTRAINT on reads: at most MaxReads per server, and a read's history field `acked` at most what was acknowledged. */
function readsWithin(g: Global<Server, RaftMessage>, c: RaftConfig): boolean {
  let acknowledged = 0;
  for (const i of c.servers) acknowledged = Math.max(acknowledged, (g.nodes[i] as Server).acknowledged ?? 0);
  for (const i of c.servers) {
    const r = (g.nodes[i] as Server).read;
    if (r !== undefined && ((c.readIndex?.maxReads ?? null) !== null && r.id > (c.readIndex?.maxReads as number) || r.acked > acknowledged)) return false;
  }
  return true;
}

/** The protocol whose `step` dispatches through the handler table `h` (the correct one by default). */
export function raftWith(h: Handlers = correct, name = 'raft'): RaftProtocol {
  return {
    name,
    nodes: (c) => c.servers,
    init,
    internal,
    step: (i, s, x, c) => step(h, i, s, x, c),
    restart: (i, s, c) => h.restart(s, i, c),
    durable,
    invariants: {},
    localInvariants,
    actionProperties: {},
    nodesActionProperties: actionProperties,
    witnesses: {},
    nodesWitnesses: witnesses,
    constraint,
    describe: (i, a) => describe(i, a),
    describeMessage,
    symmetry,
    shape,
    liveness,
  };
}

function show(v: Value): string {
  return typeof v === 'string' ? v : isConfigValue(v) ? showConfig(v) : JSON.stringify(v);
}

function entries(es: readonly Entry[]): string {
  return `[${es.map((e) => `${e.term}:${show(e.value)}`).join(', ')}]`;
}

function describe(i: NodeId, a: RaftAction): string {
  switch (a.type) {
    case 'RequestVote':
    case 'AppendEntries':
    case 'TransferLeadership':
    case 'InstallSnapshot':
    case 'AddLearner':
    case 'RemoveLearner':
      return `${a.type}(${i}, ${a.j})`;
    case 'ProposeConfig':
      return `ProposeConfig(${i}, {${a.v.join(', ')}})`;
    case 'ReadIndexConfirm':
      return `${a.type}(${i}, ${a.j})`;
    case 'ReadIndexStart':
      return `ReadIndexStart(${i}, ${a.acked})`;
    case 'ClientRequest':
      return `ClientRequest(${i}, ${show(a.v)})`;
    default:
      return `${a.type}(${i})`;
  }
}

function describeMessage(m: RaftMessage): string {
  const head = `${m.type} ${m.source}->${m.dest} term ${m.term}`;
  switch (m.type) {
    case 'PreVoteRequest':
    case 'RequestVoteRequest':
      return `${head} last ${m.lastLogIndex}/${m.lastLogTerm}`;
    case 'PreVoteResponse':
    case 'RequestVoteResponse':
      return `${head} ${m.voteGranted ? 'granted' : 'denied'}`;
    case 'AppendEntriesRequest':
      return `${head} prev ${m.prevLogIndex}/${m.prevLogTerm} entries ${entries(m.entries)} commit ${m.commitIndex}`;
    case 'AppendEntriesResponse':
      return `${head} ${m.success ? 'success' : 'failure'} match ${m.matchIndex}`;
    case 'TimeoutNowRequest':
      return head;
    case 'ReadIndexRequest':
    case 'ReadIndexResponse':
      return `${head} read ${m.id}`;
    case 'InstallSnapshotRequest':
      return `${head} last ${m.lastIncludedIndex}/${m.lastIncludedTerm} state [${m.state.map(show).join(', ')}]`;
  }
}

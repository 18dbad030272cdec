// The variables and messages of Multi-Paxos: replicas that are proposer, acceptor, learner and state machine.
import type { NodeId, Step } from '../core/index.ts';

/** A client command: executed at most once per (client, seq). `body` is what a real cluster applies (the model has none). */
export interface Command { readonly client: string; readonly seq: number; readonly body?: unknown }
/** What a slot holds: a command, or a no-op that fills a gap. */
export type Value = Command | 'noop';
export interface Ballot { readonly round: number; readonly leader: NodeId }
/** A value in a slot, with the ballot it was accepted in (reports, votes) or proposed in. */
export interface SlotVote { readonly slot: number; readonly bal: Ballot; readonly val: Value }
export interface SlotValue { readonly slot: number; readonly val: Value }
export interface Ack extends SlotVote { readonly acc: NodeId }

export interface Replica {
  // leader (ballot is durable)
  readonly ballot: Ballot | null;
  readonly role: 'Follower' | 'Candidate' | 'Leader';
  /** The first slot Phase 1 covers: every slot from here on. */
  readonly base: number;
  readonly promises: readonly NodeId[];
  readonly reported: readonly SlotVote[];
  readonly proposals: readonly SlotValue[];
  // acceptor (durable)
  readonly promised: Ballot | null;
  readonly accepted: readonly SlotVote[];
  // learner
  readonly acks: readonly Ack[];
  readonly decided: readonly SlotValue[];
  // state machine (durable)
  readonly executed: number;
  readonly applied: readonly Command[];
}

export interface Prepare { readonly type: 'Prepare'; readonly source: NodeId; readonly dest: NodeId; readonly bal: Ballot; readonly from: number }
export interface Promise { readonly type: 'Promise'; readonly source: NodeId; readonly dest: NodeId; readonly bal: Ballot; readonly accepted: readonly SlotVote[] }
export interface Nack { readonly type: 'Nack'; readonly source: NodeId; readonly dest: NodeId; readonly bal: Ballot; readonly higher: Ballot }
export interface Accept { readonly type: 'Accept'; readonly source: NodeId; readonly dest: NodeId; readonly bal: Ballot; readonly slot: number; readonly val: Value }
export interface Accepted { readonly type: 'Accepted'; readonly source: NodeId; readonly dest: NodeId; readonly bal: Ballot; readonly slot: number; readonly val: Value }
export interface CatchUpRequest { readonly type: 'CatchUpRequest'; readonly source: NodeId; readonly dest: NodeId; readonly from: number }
export interface CatchUpReply { readonly type: 'CatchUpReply'; readonly source: NodeId; readonly dest: NodeId; readonly decided: readonly SlotValue[] }
export interface HandOff { readonly type: 'HandOff'; readonly source: NodeId; readonly dest: NodeId; readonly bal: Ballot }
export type MpMessage = Prepare | Promise | Nack | Accept | Accepted | CatchUpRequest | CatchUpReply | HandOff;

export type MpAction =
  | { readonly type: 'StartElection' }
  | { readonly type: 'SendPrepare'; readonly j: NodeId }
  | { readonly type: 'ClientRequest'; readonly cmd: Command }
  | { readonly type: 'SendAccept'; readonly j: NodeId; readonly slot: number }
  | { readonly type: 'Execute' }
  | { readonly type: 'RequestCatchUp'; readonly j: NodeId }
  | { readonly type: 'SendHandOff'; readonly j: NodeId };

export type MpInput = MpAction | { readonly type: 'Receive'; readonly m: MpMessage };

export interface MpConfig {
  readonly replicas: readonly NodeId[];
  readonly commands: readonly Command[];
  readonly quorums: readonly (readonly NodeId[])[];
  /** Replicas that may start an election (all by default; one: a stable leader). */
  readonly candidates: readonly NodeId[];
  readonly maxRound: number | null;
  readonly maxSlot: number | null;
  readonly maxDup: number | null;
  readonly maxMsgs: number | null;
  /** Whether a leader may hand leadership to another candidate (SendHandOff; a real cluster's planned stop). */
  readonly handOff: boolean;
}

export type MpStep = Step<Replica, MpMessage>;

export interface Handlers {
  readonly startElection: (s: Replica, i: NodeId, c: MpConfig) => MpStep | null;
  readonly sendPrepare: (s: Replica, i: NodeId, j: NodeId, c: MpConfig) => MpStep | null;
  readonly clientRequest: (s: Replica, i: NodeId, cmd: Command, c: MpConfig) => MpStep | null;
  readonly sendAccept: (s: Replica, i: NodeId, j: NodeId, slot: number, c: MpConfig) => MpStep | null;
  readonly execute: (s: Replica, i: NodeId, c: MpConfig) => MpStep | null;
  readonly requestCatchUp: (s: Replica, i: NodeId, j: NodeId, c: MpConfig) => MpStep | null;
  readonly sendHandOff: (s: Replica, i: NodeId, j: NodeId, c: MpConfig) => MpStep | null;
  readonly restart: (s: Replica, i: NodeId, c: MpConfig) => Replica;
  readonly handlePrepare: (s: Replica, i: NodeId, m: Prepare, c: MpConfig) => MpStep | null;
  readonly handlePromise: (s: Replica, i: NodeId, m: Promise, c: MpConfig) => MpStep | null;
  readonly handleNack: (s: Replica, i: NodeId, m: Nack, c: MpConfig) => MpStep | null;
  readonly handleAccept: (s: Replica, i: NodeId, m: Accept, c: MpConfig) => MpStep | null;
  readonly handleAccepted: (s: Replica, i: NodeId, m: Accepted, c: MpConfig) => MpStep | null;
  readonly handleCatchUpRequest: (s: Replica, i: NodeId, m: CatchUpRequest, c: MpConfig) => MpStep | null;
  readonly handleCatchUpReply: (s: Replica, i: NodeId, m: CatchUpReply, c: MpConfig) => MpStep | null;
  readonly handleHandOff: (s: Replica, i: NodeId, m: HandOff, c: MpConfig) => MpStep | null;
}

export interface MpVariant {
  readonly name: string;
  readonly bug: string;
  readonly source: string;
  readonly replaces: Partial<Handlers>;
}

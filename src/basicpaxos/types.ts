// The variables and messages of spec/BasicPaxos.tla: proposers, acceptors and learners as nodes.
import type { NodeId, Step } from '../core/index.ts';

export type Value = string;

/** A proposal number: (round, proposer), unique per proposer and ordered round first. */
export interface Ballot {
  readonly round: number;
  readonly proposer: NodeId;
}

/** An accepted proposal: the ballot and the value an acceptor accepted in it. */
export interface Vote {
  readonly bal: Ballot;
  readonly val: Value;
}

export type Phase = 'Idle' | 'Phase1' | 'Phase2';

export interface Proposer {
  readonly role: 'Proposer';
  // durable: the latest ballot used, so a restart never reuses a ballot
  readonly ballot: Ballot | null;
  // the client's value: a constant of the model (ValueOf[p])
  readonly value: Value;
  // volatile
  readonly phase: Phase;
  readonly promises: readonly NodeId[];
  readonly highest: Vote | null;
  readonly proposal: Value | null;
}

export interface Acceptor {
  readonly role: 'Acceptor';
  // durable, all of it (Paxos Made Simple §2.3: an acceptor must remember what it promised and accepted)
  readonly promised: Ballot | null;
  readonly accepted: Vote | null;
}

/** One Accepted message counted by a learner: acceptor `acc` accepted `val` in `bal`. */
export interface Count {
  readonly bal: Ballot;
  readonly val: Value;
  readonly acc: NodeId;
}

export interface Learner {
  readonly role: 'Learner';
  // volatile
  readonly votes: readonly Count[];
  // durable
  readonly learned: readonly Value[];
}

export type Node = Proposer | Acceptor | Learner;

export interface Prepare { readonly type: 'Prepare'; readonly source: NodeId; readonly dest: NodeId; readonly bal: Ballot }
export interface Promise { readonly type: 'Promise'; readonly source: NodeId; readonly dest: NodeId; readonly bal: Ballot; readonly accepted: Vote | null }
export interface Nack { readonly type: 'Nack'; readonly source: NodeId; readonly dest: NodeId; readonly bal: Ballot; readonly higher: Ballot }
export interface Accept { readonly type: 'Accept'; readonly source: NodeId; readonly dest: NodeId; readonly bal: Ballot; readonly val: Value }
export interface Accepted { readonly type: 'Accepted'; readonly source: NodeId; readonly dest: NodeId; readonly bal: Ballot; readonly val: Value }
export type BpMessage = Prepare | Promise | Nack | Accept | Accepted;

export type BpAction =
  | { readonly type: 'Timeout' }
  | { readonly type: 'SendPrepare'; readonly a: NodeId }
  | { readonly type: 'SendAccept'; readonly a: NodeId };

export type BpInput = BpAction | { readonly type: 'Receive'; readonly m: BpMessage };

export interface BpConfig {
  readonly proposers: readonly NodeId[];
  readonly acceptors: readonly NodeId[];
  readonly learners: readonly NodeId[];
  readonly values: readonly Value[];
  readonly quorums: readonly (readonly NodeId[])[];
  /** CONSTRAINT ballot[p].round <= MaxRound (null: unbounded). */
  readonly maxRound: number | null;
  /** CONSTRAINT copies of one message in flight <= MaxDup. */
  readonly maxDup: number | null;
  /** CONSTRAINT messages in flight (all copies) <= MaxMsgs. */
  readonly maxMsgs: number | null;
}

export type BpStep<S extends Node = Node> = Step<S, BpMessage>;

/** The handler table: one entry per spec action; a variant swaps entries. */
export interface Handlers {
  readonly timeout: (s: Proposer, p: NodeId, c: BpConfig) => BpStep<Proposer> | null;
  readonly sendPrepare: (s: Proposer, p: NodeId, a: NodeId, c: BpConfig) => BpStep<Proposer> | null;
  readonly sendAccept: (s: Proposer, p: NodeId, a: NodeId, c: BpConfig) => BpStep<Proposer> | null;
  readonly restart: (s: Node, i: NodeId, c: BpConfig) => Node;
  readonly handlePrepare: (s: Acceptor, a: NodeId, m: Prepare, c: BpConfig) => BpStep<Acceptor> | null;
  readonly handlePromise: (s: Proposer, p: NodeId, m: Promise, c: BpConfig) => BpStep<Proposer> | null;
  readonly handleNack: (s: Proposer, p: NodeId, m: Nack, c: BpConfig) => BpStep<Proposer> | null;
  readonly handleAccept: (s: Acceptor, a: NodeId, m: Accept, c: BpConfig) => BpStep<Acceptor> | null;
  readonly handleAccepted: (s: Learner, l: NodeId, m: Accepted, c: BpConfig) => BpStep<Learner> | null;
}

export interface BpVariant {
  readonly name: string;
  readonly bug: string;
  readonly source: string;
  readonly replaces: Partial<Handlers>;
}

// The constants, variables and messages of Paxos.tla (spec/Paxos.tla), as plain data.

/** An element of the constant `Acceptor`, e.g. `a1`. */
export type Acceptor = string;
/** An element of the constant `Value`, e.g. `v1`. */
export type Value = string;
/** A ballot number: an element of `Ballot == 0..MaxBallot`, or -1 (no ballot yet). */
export type Ballot = number;
/** An element of `Quorum`: a sorted set of acceptors. */
export type Quorum = readonly Acceptor[];

/** The constants of one model (MCPaxos.tla). */
export interface Constants {
  readonly acceptors: readonly Acceptor[];
  readonly values: readonly Value[];
  /** `Ballot == 0..maxBallot`. */
  readonly maxBallot: number;
  readonly quorums: readonly Quorum[];
}

// Messages: `type` is the spec's message type, the other fields keep the spec's names.
export type Msg1a = { readonly type: '1a'; readonly bal: Ballot };
export type Msg1b = {
  readonly type: '1b';
  readonly acc: Acceptor;
  readonly bal: Ballot;
  /** The acceptor's `maxVBal` when it sent the message (-1: it had not voted). */
  readonly mbal: Ballot;
  /** The acceptor's `maxVal` when it sent the message (null: None). */
  readonly mval: Value | null;
};
export type Msg2a = { readonly type: '2a'; readonly bal: Ballot; readonly val: Value };
export type Msg2b = { readonly type: '2b'; readonly acc: Acceptor; readonly bal: Ballot; readonly val: Value };
export type Message = Msg1a | Msg1b | Msg2a | Msg2b;

/** The variables of Paxos.tla, in spec order. */
export interface PaxosState {
  /** The highest ballot acceptor a has joined (promised); -1 initially. */
  readonly maxBal: Readonly<Record<Acceptor, Ballot>>;
  /** <<maxVBal[a], maxVal[a]>> is a's vote in its highest-numbered voted ballot; <<-1, null>> if none. */
  readonly maxVBal: Readonly<Record<Acceptor, Ballot>>;
  readonly maxVal: Readonly<Record<Acceptor, Value | null>>;
  /** Every message ever sent, as a set: sorted by canonical text, never shrinks. */
  readonly msgs: readonly Message[];
}

/**
 * One instance of a disjunct of `Next`. The existentially quantified witnesses of the spec (the
 * message m a Phase1b or Phase2b reacts to; the quorum Q and, when some acceptor of Q reported a
 * vote, the 1b message m of highest `mbal` that Phase2a follows) are parameters, so that there is
 * one instance per witness, as TLC enumerates them.
 */
export type Action =
  | { readonly type: 'Phase1a'; readonly b: Ballot }
  | { readonly type: 'Phase1b'; readonly a: Acceptor; readonly m: Msg1a }
  | { readonly type: 'Phase2a'; readonly b: Ballot; readonly v: Value; readonly Q: Quorum; readonly m: Msg1b | null }
  | { readonly type: 'Phase2b'; readonly a: Acceptor; readonly m: Msg2a };

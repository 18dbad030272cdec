// The runtime's contract (design.md, "The runtime's contract"): everything a node loop may ask of a
// protocol it runs for real. The protocol decides what happens; the runtime only decides when.
import type { Named, Tagged } from './model.ts';
import type { Message, NodeId, Receive, Step } from './protocol.ts';

/** A timer of the runtime and the internal actions it tries when it fires. */
export interface RuntimeTimer<S, A> {
  /** `election`: randomized, re-armed by `resetsElection` and `leaderShown`; `heartbeat`: fixed period. */
  readonly kind: 'election' | 'heartbeat';
  /** Actions to try in order; each goes through `step`, and one that is not enabled (null) is skipped. */
  actions(i: NodeId, s: S): readonly A[];
}

/** What the runtime reads from a state: for `GET /status`, metrics and the event log. */
export interface StateView {
  readonly role: 'leader' | 'candidate' | 'follower';
  /** The protocol's term or ballot round. */
  readonly term: number;
  /** Whom the node voted for (promised) in `term`, or null. */
  readonly votedFor: NodeId | null;
  /** The last position of the log (a proposal's position is this right after `command`'s step). */
  readonly lastIndex: number;
  /** Positions up to here are decided and may be applied. */
  readonly commitIndex: number;
}

/**
 * A node-level protocol as a runtime runs it, with its constants bound to one real cluster. The node
 * loop changes a state only through `step` (and `restore` at start), and asks nothing else.
 */
export interface NodeRuntime<S, A extends Tagged, M extends Message> {
  readonly name: string;
  /** One atomic spec action at node i (`NodeProtocol.step` with the cluster's constants). */
  step(i: NodeId, s: S, input: A | Receive<M>): Step<S, M> | null;
  /** Names an input for the log, e.g. `ClientRequest(s1)` or `AppendEntriesRequest s1->s2 term 2`. */
  describe(i: NodeId, input: A | Receive<M>): string;

  /** What must be durable before a message that depends on `s` leaves (plain JSON data). */
  durable(s: S): unknown;
  /**
   * The state node i starts in from `d`, a value `durable` returned before a crash (null: a fresh
   * node), and the last snapshot it made durable (null or absent: none). Throws an Error naming the
   * problem if `d` is not such a value or does not fit the snapshot.
   */
  restore(i: NodeId, d: unknown, snapshot?: RuntimeSnapshot | null): S;

  /** The timers and what each one tries. */
  readonly timers: Named<RuntimeTimer<S, A>>;
  /** The action that proposes `value` (a batch of client commands) at node i, or null if i cannot (not leader). */
  command(i: NodeId, s: S, value: unknown): A | null;
  /**
   * Actions to try right after a step of `input` took node i from `before` to `after` (Raft: a new
   * leader's no-op entry, §5.4.2; the votes a TimeoutNow asks for, thesis §3.10).
   */
  reactions(i: NodeId, before: S, after: S, input: A | Receive<M>): readonly A[];
  /** The live leader that receiving m in state s shows (the election timer restarts), or null. */
  leaderShown(i: NodeId, s: S, m: M): NodeId | null;
  /** Whether that step restarts the election timer for another reason (Raft: a leader stepped down, §5.1). */
  resetsElection(i: NodeId, before: S, after: S, input: A | Receive<M>): boolean;
  /** Before a planned stop: actions that hand leadership over (the first enabled one is taken). */
  handOff(i: NodeId, s: S): readonly A[];

  /** Decided values from position `from` (1-based) on, in order: what the state machine applies. */
  committed(s: S, from: number): readonly unknown[];
  /** What names the entry at `index` (equal only for the same entry; Raft: its term), or null if none. */
  entryId(s: S, index: number): string | number | null;
  view(s: S): StateView;

  /**
   * A key naming the payload of m if repeats are redundant until the peer answers (Raft: an
   * AppendEntries with entries), null for a message that must always go (a heartbeat): flow control.
   */
  payload(m: M): string | null;
  /** Whether m may leave before the durable write of the round that produced it (Raft: thesis §10.2.1). */
  early(m: M): boolean;
  /** Log compaction, if the protocol has it (absent: the log grows without bound). */
  readonly snapshots?: SnapshotRuntime<S, M>;
  /** Linearizable reads without the log (Raft: ReadIndex, thesis §6.4), if the protocol has them. */
  readonly reads?: RuntimeReads<S, A>;
  /** Membership change, if the protocol has it (absent: the members are fixed by the cluster file). */
  readonly membership?: RuntimeMembership<S, A>;
}

/** The configuration a node's state holds (Raft §6: the latest in its log, committed or not). */
export interface MembershipView {
  /** Voters of the new configuration, voters of the old one (equal unless a joint one is in force), learners. */
  readonly voters: readonly NodeId[];
  readonly old: readonly NodeId[];
  readonly learners: readonly NodeId[];
  /** The log position of the configuration's entry (0: the cluster file's seed). */
  readonly index: number;
  /** Whether this node knows that entry to be committed. */
  readonly committed: boolean;
  /** The node's commit index, and (at a leader) each member's match index: how far it has caught up. */
  readonly commitIndex: number;
  readonly match: Readonly<Record<NodeId, number>>;
}

/** An operator's change: make j a learner, a voter (once caught up), or leave the configuration. */
export type MembershipChange = { readonly op: 'add' | 'promote' | 'remove'; readonly node: NodeId };

/** Why a change is refused (one line); `wait`: it may pass later with no other change (a learner catching up). */
export type MembershipRefusal = { readonly refused: string; readonly wait: boolean };

/** How the runtime reads and changes a protocol's membership. */
export interface RuntimeMembership<S, A> {
  view(s: S): MembershipView;
  /** The nodes node i exchanges messages with in s: the members of its configuration besides itself. */
  peers(i: NodeId, s: S): readonly NodeId[];
  /** The action that starts change `x` at leader i, or why it is refused in s. */
  change(i: NodeId, s: S, x: MembershipChange): A | MembershipRefusal;
  /** Whether change `x` is complete and committed in s (a promotion or removal ends with the joint phase left). */
  done(s: S, x: MembershipChange): boolean;
}

/**
 * A snapshot as the runtime stores it (Raft §7): the state machine's state after applying positions
 * 1..index, and what names the entry at `index` (`entryId`). `data` is the runtime's (its KV store's);
 * the protocol carries it without reading it. `meta` is the protocol's (Raft: the latest configuration
 * the snapshot includes, or null); the runtime stores it with the data without reading it. A snapshot
 * file written before `meta` existed has none (undefined).
 */
export interface RuntimeSnapshot {
  readonly index: number;
  readonly id: string | number;
  readonly data: unknown;
  readonly meta?: unknown;
}

/** A snapshot's data as trace logs name it: the digest of its canonical JSON (docs/trace-validation.md). */
export const snapshotDataRef = (digest: string): { readonly '#digest': string } => ({ '#digest': digest });

/** How the runtime compacts a protocol's log and learns of a snapshot installed from a peer. */
export interface SnapshotRuntime<S, M extends Message> {
  /** The snapshot state s holds (after an install from a peer, a newer one than the runtime stored), or null. */
  current(s: S): RuntimeSnapshot | null;
  /**
   * The state after compacting positions up to `snap.index` into `snap` (Raft's TakeSnapshot at a
   * committed position this node has applied), or null if that is not allowed in s.
   */
  take(i: NodeId, s: S, snap: RuntimeSnapshot): S | null;
  /** The protocol's part of a snapshot of s at position `index` (`RuntimeSnapshot.meta`), stored in the file with the data. */
  meta(s: S, index: number): unknown;
  /** Whether m carries a snapshot: the runtime sends it in chunks of bounded frame size. */
  carries(m: M): boolean;
  /** m with the snapshot data it carries replaced by f(data) (the trace log names data by its digest). */
  mapData(m: M, f: (data: unknown) => unknown): M;
}

/**
 * A read's actions: `start` begins one at a leader, `confirm` asks the peers to confirm the leadership,
 * `answer` ends it once they have; `state` is the node's read (null: the protocol keeps none).
 */
export interface RuntimeReads<S, A> {
  start(i: NodeId, s: S): A;
  confirm(i: NodeId, s: S): readonly A[];
  answer(i: NodeId, s: S): A;
  state(s: S): { readonly id: number; readonly pending: boolean; readonly index: number } | null;
}

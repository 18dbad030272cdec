// How a runtime drives a node-level protocol: which internal actions its timers and clients trigger.
// The protocol decides what the actions are; the runtime only decides when (design.md, "The runtime").
import type { Named } from './model.ts';
import type { NodeId } from './protocol.ts';

/** A timer of the runtime and the actions it tries when it fires. */
export interface Timer<C, S, A> {
  /** `election`: randomized, reset by `resets`; `heartbeat`: fixed period. */
  readonly kind: 'election' | 'heartbeat';
  /** Actions to try in order; each goes through `step`, and one that is not enabled (null) is skipped. */
  actions(i: NodeId, s: S, c: C): readonly A[];
}

/** What a runtime needs besides `step` and `restart` to run a protocol for real. */
export interface Drive<C, S, A, M> {
  readonly timers: Named<Timer<C, S, A>>;
  /** Whether receiving `m` at node i shows a live leader, so that the election timer restarts. */
  resets(i: NodeId, s: S, m: M): boolean;
  /** The internal action that proposes a client command at node i, or null if i cannot (not leader). */
  propose(i: NodeId, s: S, command: unknown, c: C): A | null;
  /** Committed log values from index `from` (1-based) on, in log order: what the state machine applies. */
  committed(s: S, from: number): readonly unknown[];
  /** Index of the last entry in the log (a proposal's index is this, right after `propose`). */
  lastIndex(s: S): number;
  /** Term of the entry at `index`, or null if there is none (to notice a proposal that was overwritten). */
  termAt(s: S, index: number): number | null;
  /** For `GET /status`. `leader` is who i believes leads, if known from the messages it has seen. */
  status(i: NodeId, s: S): { readonly role: string; readonly term: number; readonly commitIndex: number };
  /** The leader named by message m (an AppendEntries from the current leader), or null. */
  leaderOf(m: M): NodeId | null;
  /**
   * For a message that carries a payload whose repeats are redundant until the peer answers (Raft: an
   * AppendEntries with entries), a key naming what it carries; null for one that must always go (a
   * heartbeat). The runtime bounds how many such messages are unanswered per peer (flow control).
   */
  inflight?(m: M): string | null;
  /**
   * Whether m may leave before the durable write of the round that produced it (Raft: a leader's
   * AppendEntries, thesis §10.2.1; docs/runtime.md gives the safety argument). Absent: never.
   */
  early?(m: M): boolean;
  /**
   * Actions to try right after node i received m (Raft: a TimeoutNowRequest's receiver asks every
   * server for its vote at once, as the election timer does after Timeout); the election timer restarts.
   */
  reactions?(i: NodeId, s: S, m: M, c: C): readonly A[];
  /** Actions that hand leadership to another node before a planned stop (tried in order; the first enabled one is taken). */
  handOff?(i: NodeId, s: S, c: C): readonly A[];
}

// The node-local kernel (shared/design.md): one protocol object, three consumers (the explorer
// through compose, the simulator, the runtime).
import type { Named, Tagged } from './model.ts';
import type { Schema } from './symmetry.ts';
import type { Bag } from './bag.ts';
import type { NodeShape } from './shape.ts';
import type { Fairness, TemporalProperty, View } from './temporal.ts';

/** A server, acceptor or client name, e.g. `s1`. */
export type NodeId = string;

/** A message between nodes: `type` is the spec's message type, `dest` the recipient. */
export interface Message extends Tagged {
  readonly source: NodeId;
  readonly dest: NodeId;
}

/** The input that delivers message `m` to its recipient (the spec's `Receive(m)`). */
export interface Receive<M> {
  readonly type: 'Receive';
  readonly m: M;
}

/**
 * The result of one atomic spec action at one node: the new state and the messages it sends.
 * `keep: true` leaves the delivered message in the network (raft.tla's `UpdateTerm` only raises the
 * term; the same message is handled by a later step).
 */
export interface Step<S, M> {
  readonly state: S;
  readonly send: readonly M[];
  readonly keep?: boolean;
}

/** The global view the invariants see: every node's state and the messages in flight. */
export interface Global<S, M> {
  readonly nodes: Readonly<Record<NodeId, S>>;
  /** Messages in flight as a bag (entries `[key, message, copies]` sorted by key). */
  readonly network: Bag<M>;
  /** Drops and duplications so far: present only when a bound limits them (MC bound counters). */
  readonly faults?: { readonly drops: number; readonly duplicates: number };
}

/** The node states alone: what a predicate that does not read the network receives. */
export interface NodesView<S> {
  readonly nodes: Readonly<Record<NodeId, S>>;
}

/**
 * Predicates declared by what they read, each typed so that it gets nothing more: one node's state,
 * one message in flight, or the node states without the network. A name may appear at several
 * levels: the property it names is the conjunction of its parts (TypeOK, one conjunct per variable).
 */
export interface LocalPredicates<C, S, M> {
  /** Holds of every node's state. */
  readonly node?: Named<(i: NodeId, s: S, c: C) => boolean>;
  /** Holds of every message in flight. */
  readonly message?: Named<(m: M, c: C) => boolean>;
  /** Holds of the node states, whatever is in flight. */
  readonly nodes?: Named<(v: NodesView<S>, c: C) => boolean>;
}

/** TLC's SYMMETRY for a node-level protocol: the groups of interchangeable names and where they occur. */
export interface NodeSymmetry<C, S, M> {
  /** The sets of interchangeable names (servers, values), each permuted within itself. */
  groups(c: C): readonly (readonly string[])[];
  readonly state: Schema<S>;
  readonly message: Schema<M>;
}

/** A broken protocol variant (ongardie's sibling-module style): it swaps named handlers. */
export interface Variant {
  readonly name: string;
  /** One line: what is wrong. */
  readonly bug: string;
  /** Where the bug is described (paper figure, thesis section). */
  readonly source: string;
}

/**
 * A protocol written as node-local pure handlers.
 *
 * - `step(i, s, input, c)` is one atomic spec action at node `i`; `null` means the TLA+ guard is false.
 * - `restart(i, s, c)` keeps exactly the durable part of `s` (`durable(s)`), the rest as initially.
 * - `invariants`, `actionProperties` and `witnesses` are over the global view; `localInvariants`,
 *   `nodesActionProperties` and `nodesWitnesses` over a part of it, as their types say.
 */
export interface NodeProtocol<C, S, A extends Tagged, M extends Message> {
  readonly name: string;
  nodes(c: C): readonly NodeId[];
  init(i: NodeId, c: C): S;
  internal(i: NodeId, s: S, c: C): readonly A[];
  step(i: NodeId, s: S, input: A | Receive<M>, c: C): Step<S, M> | null;
  restart(i: NodeId, s: S, c: C): S;
  durable(s: S): unknown;
  readonly invariants: Named<(g: Global<S, M>, c: C) => boolean>;
  /** Invariants that read less than the global view (reported before the global ones). */
  readonly localInvariants?: LocalPredicates<C, S, M>;
  readonly actionProperties: Named<(g: Global<S, M>, h: Global<S, M>, c: C) => boolean>;
  /**
   * Action properties that read the node states only, TLA+'s `[][A]_nodes`: a step that changes no
   * node's state satisfies them, so they are asked only of steps that change one (listed after `actionProperties`).
   */
  readonly nodesActionProperties?: Named<(v: NodesView<S>, w: NodesView<S>, c: C) => boolean>;
  readonly witnesses: Named<(g: Global<S, M>, c: C) => boolean>;
  /** Witnesses that read the node states only. */
  readonly nodesWitnesses?: Named<(v: NodesView<S>, c: C) => boolean>;
  /** A state constraint over the global view (the MC module's CONSTRAINT), if the config bounds one. */
  constraint?(g: Global<S, M>, c: C): boolean;
  /** Interchangeable names (TLC's SYMMETRY); absent: the protocol offers no symmetry reduction. */
  readonly symmetry?: NodeSymmetry<C, S, M>;
  /** The TLA+ type of each node variable and of a message, for writing traces as ITF or TLA+. */
  readonly shape?: NodeShape<S, M>;
  /** Names an internal action as TLC would print it, e.g. `RequestVote(s1, s2)`. */
  describe(i: NodeId, a: A): string;
  /** Names a message in a trace, e.g. `AppendEntriesRequest s1->s2 term 2`. */
  describeMessage(m: M): string;
  /** Liveness declarations (docs/liveness.md): temporal properties, fairness, a view; absent: none. */
  liveness?(c: C): NodeLiveness<S, M>;
}

/** What a node-level protocol declares for the liveness check, over the global view. */
export interface NodeLiveness<S, M> {
  readonly temporal: Named<TemporalProperty<Global<S, M>>>;
  readonly fairness: readonly Fairness[];
  readonly view?: View<Global<S, M>>;
}

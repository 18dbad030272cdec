// What the composition asks of a node-level protocol, one node at a time: its actions, the result of
// a step and of a restart. `directSteps` asks the protocol every time; the speed layer
// (speed/steps.ts) answers the same questions from a memo per node-state object.
import { canonical, type Message, type NodeId, type NodeProtocol, type Tagged } from '../src/core/index.ts';

/** One step of the global system; a message action names the message in flight by its key. */
export type GlobalAction<A, M> =
  | { readonly type: 'Restart'; readonly i: NodeId }
  | { readonly type: 'Internal'; readonly i: NodeId; readonly a: A }
  | { readonly type: 'Receive' | 'DuplicateMessage' | 'DropMessage'; readonly key: string; readonly m: M };

/** A node's internal action as a global action. */
export type InternalAction<A> = Extract<GlobalAction<A, never>, { readonly type: 'Internal' }>;

/** A node's step as the composition uses it: messages sent with their bag keys (canonical texts). */
export type Result<S, M> = {
  readonly state: S;
  readonly send: readonly M[];
  readonly keys: readonly string[];
  readonly keep: boolean;
} | null;

/** The questions the composition asks about one node. */
export interface NodeSteps<S, A, M> {
  init(i: NodeId): S;
  /** The node's internal action instances as global actions, in the protocol's order. */
  actions(i: NodeId, s: S): readonly GlobalAction<A, M>[];
  /** Receive(m), then DuplicateMessage(m) and DropMessage(m) when the network allows them. */
  messageActions(key: string, m: M): readonly GlobalAction<A, M>[];
  /** The step of internal action `x` from the node's state `s`. */
  internal(s: S, x: InternalAction<A>): Result<S, M>;
  receive(i: NodeId, s: S, key: string, m: M): Result<S, M>;
  restart(i: NodeId, s: S): S;
}

/** The network faults a message may suffer, besides delivery. */
export interface Faults {
  readonly drop: boolean;
  readonly duplicate: boolean;
}

/** Runs a protocol step and keys the messages it sends. */
export function run<C, S, A extends Tagged, M extends Message>(p: NodeProtocol<C, S, A, M>, c: C, i: NodeId, s: S, input: A | { type: 'Receive'; m: M }): Result<S, M> {
  const r = p.step(i, s, input, c);
  if (r === null) return null;
  return { state: r.state, send: r.send, keys: r.send.map((m) => canonical(m)), keep: r.keep === true };
}

/** The global actions of one message in flight. */
export function messageActions<A, M>(key: string, m: M, f: Faults): GlobalAction<A, M>[] {
  const list: GlobalAction<A, M>[] = [{ type: 'Receive', key, m }];
  if (f.duplicate) list.push({ type: 'DuplicateMessage', key, m });
  if (f.drop) list.push({ type: 'DropMessage', key, m });
  return list;
}

/** Asks the protocol every time: the composition with the speed layer off. */
export function directSteps<C, S, A extends Tagged, M extends Message>(p: NodeProtocol<C, S, A, M>, c: C, f: Faults): NodeSteps<S, A, M> {
  return {
    init: (i) => p.init(i, c),
    actions: (i, s) => p.internal(i, s, c).map((a) => ({ type: 'Internal', i, a })),
    messageActions: (key, m) => messageActions(key, m, f),
    internal: (s, x) => run(p, c, x.i, s, x.a),
    receive: (i, s, _key, m) => run(p, c, i, s, { type: 'Receive', m }),
    restart: (i, s) => p.restart(i, s, c),
  };
}

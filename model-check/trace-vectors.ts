// Conformance vectors: every distinct node-local transition an exhaustive run meets, as
// (node, state, input) -> (next state, messages sent), recorded by wrapping the protocol's step and
// restart, for other implementations to replay against their own handlers.
import { canonical, type Message, type NodeProtocol, type Receive, type Tagged } from '../src/core/index.ts';

/** One transition; `next` null: the action is not enabled in `state` (the TLA+ guard is false). */
export interface Vector {
  readonly node: string;
  readonly state: unknown;
  readonly input: unknown;
  readonly next: unknown;
  readonly send: readonly unknown[];
  /** The delivered message stays in flight (raft.tla's UpdateTerm). */
  readonly keep: boolean;
}

/** The protocol with its steps and restarts recorded, and the distinct vectors met so far. */
export function recording<C, S, A extends Tagged, M extends Message>(p: NodeProtocol<C, S, A, M>): { readonly protocol: NodeProtocol<C, S, A, M>; vectors(): Vector[] } {
  const seen = new Map<string, Vector>();
  const note = (node: string, state: S, input: unknown, next: S | null, send: readonly M[], keep: boolean): void => {
    const key = canonical([node, state, input]);
    if (!seen.has(key)) seen.set(key, { node, state, input, next, send, keep });
  };
  const protocol: NodeProtocol<C, S, A, M> = {
    ...p,
    step(i, s, input: A | Receive<M>, c) {
      const r = p.step(i, s, input, c);
      note(i, s, input, r === null ? null : r.state, r?.send ?? [], r?.keep === true);
      return r;
    },
    restart(i, s, c) {
      const t = p.restart(i, s, c);
      note(i, s, { type: 'Restart' }, t, [], false);
      return t;
    },
  };
  return { protocol, vectors: () => [...seen.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((e) => e[1]) };
}

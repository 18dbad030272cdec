// A node's steps, memoized per node-state object: the protocol is pure, so a step depends only on
// (node, its state, the input), and a node state recurs in many global states. Results are
// hash-consed, so a state reached twice is one object and finds its memo again.
import type { Message, NodeId, NodeProtocol, Tagged } from '../../src/core/index.ts';
import { messageActions, run, type Faults, type GlobalAction, type NodeSteps, type Result } from '../steps.ts';
import { BoundedMap } from './bounded.ts';
import { Conser, shaped } from './cons.ts';
import { values } from './hash.ts';

type Memo<S, A, M> = {
  actions: readonly GlobalAction<A, M>[] | null;
  readonly results: Map<A, Result<S, M>>;
  readonly received: Map<string, Result<S, M>>;
  restarted: S | null;
};

/** An internal action listed for the node state `from`, with its step from there. */
interface Listed<S, A, M> {
  readonly type: 'Internal';
  readonly i: NodeId;
  readonly a: A;
  readonly from: S;
  readonly step: Result<S, M>;
}

/** Per node: the memo table and the last state looked up (one state's actions and steps come in a row). */
class NodeMemo<S, A, M> {
  readonly table = new WeakMap<object, Memo<S, A, M>>();
  readonly states = new Conser<S>(1 << 14);
  private last: object | null = null;
  private lastMemo: Memo<S, A, M> | null = null;

  of(s: S): Memo<S, A, M> {
    const o = s as object;
    if (this.last === o) return this.lastMemo as Memo<S, A, M>;
    let m = this.table.get(o);
    if (m === undefined) this.table.set(o, (m = { actions: null, results: new Map(), received: new Map(), restarted: null }));
    this.last = o;
    this.lastMemo = m;
    return m;
  }
}

/** The same answers as `directSteps`, each computed once per node-state object. */
export function memoSteps<C, S extends object, A extends Tagged, M extends Message>(
  p: NodeProtocol<C, S, A, M>,
  c: C,
  ids: readonly NodeId[],
  f: Faults,
): NodeSteps<S, A, M> {
  const memos = new Map(ids.map((i) => [i, new NodeMemo<S, A, M>()]));
  const node = (i: NodeId): NodeMemo<S, A, M> => memos.get(i) as NodeMemo<S, A, M>;
  // A message's bag key is its canonical text: equal messages, equal keys.
  const messages = new BoundedMap<string, M>(1 << 16);
  // A representative's hash is remembered: it recurs in many states' networks.
  const message = (key: string, m: M): M => messages.get(key) ?? representative(key, shaped(m));
  const representative = (key: string, m: M): M => (values.part(m), messages.set(key, m));
  const byMessage = new BoundedMap<string, readonly GlobalAction<A, M>[]>(1 << 18);
  // Rebuilt before consing, so that a representative's hidden class does not depend on the code that built it.
  const state = (i: NodeId, s: S): S => node(i).states.get(shaped(s));
  const consed = (i: NodeId, r: Result<S, M>): Result<S, M> =>
    r === null ? null : { state: state(i, r.state), send: r.send.map((m, k) => message(r.keys[k] as string, m)), keys: r.keys, keep: r.keep };
  return {
    init: (i) => state(i, p.init(i, c)),
    // Each instance is run once, when the node state's actions are first asked, and listed with
    // its step and that state: a step asked from the same state is read off the action.
    actions: (i, s) => (node(i).of(s).actions ??= p.internal(i, s, c).map((a): Listed<S, A, M> => ({ type: 'Internal', i, a, from: s, step: consed(i, run(p, c, i, s, a)) }))),
    messageActions: (key, m) => byMessage.get(key) ?? byMessage.set(key, messageActions(key, m, f)),
    internal: (s, x) => {
      const l = x as Partial<Listed<S, A, M>>;
      if (l.from === s) return l.step as Result<S, M>;
      const m = node(x.i).of(s);
      let r = m.results.get(x.a);
      if (r === undefined) m.results.set(x.a, (r = consed(x.i, run(p, c, x.i, s, x.a))));
      return r;
    },
    receive: (i, s, key, msg) => {
      const m = node(i).of(s);
      let r = m.received.get(key);
      if (r === undefined) m.received.set(key, (r = consed(i, run(p, c, i, s, { type: 'Receive', m: msg }))));
      return r;
    },
    restart: (i, s) => (node(i).of(s).restarted ??= state(i, p.restart(i, s, c))),
  };
}

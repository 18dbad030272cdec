// Node-level protocol -> Model: every node's state plus a network, the way raft.tla and Paxos.tla
// compose their servers. The explorer and the simulator take the result; neither knows the protocol.
import type { Global, Message, Model, NetworkOptions, NodeId, NodeProtocol, Permutation, Schema, Symmetry, Tagged } from '../src/core/index.ts';
import { bagAdd, bagRemove, permutations } from '../src/core/index.ts';
import { direct, predicatesOf, remembered } from './predicates.ts';
import { composedIndependence } from './por/independence.ts';
import { memoSteps } from './speed/steps.ts';
import { composedShape } from './trace-shape.ts';
import { directSteps, type GlobalAction, type NodeSteps, type Result } from './steps.ts';

export type { GlobalAction } from './steps.ts';

/** Options of `compose` besides the network: `speed: false` turns the speed layer off (default on). */
export interface ComposeOptions {
  readonly speed?: boolean;
}

/**
 * Composes a node-level protocol with a network into a `Model` whose state is `{ nodes, network }`.
 * Action order (which decides the tie among shortest traces): Restart, each node's internal actions,
 * then per message in flight Receive, DuplicateMessage, DropMessage.
 */
export function compose<C, S, A extends Tagged, M extends Message>(p: NodeProtocol<C, S, A, M>, c: C, opts: NetworkOptions, o: ComposeOptions = {}): Model<Global<S, M>, GlobalAction<A, M>> {
  type G = Global<S, M>;
  const ids = [...p.nodes(c)].sort();
  const bag = opts.network === 'bag';
  const faults = { drop: bag && opts.drop, duplicate: bag && opts.duplicate };
  const fast = o.speed !== false;
  const steps: NodeSteps<S, A, M> = fast ? memoSteps(p as NodeProtocol<C, S & object, A, M>, c, ids, faults) : directSteps(p, c, faults);
  const restarts: readonly GlobalAction<A, M>[] = ids.map((i) => ({ type: 'Restart', i }));
  const counted = opts.maxDrops !== undefined || opts.maxDuplicates !== undefined;
  const make = (nodes: G['nodes'], network: G['network'], f: G['faults']): G => (f === undefined ? { nodes, network } : { nodes, network, faults: f });
  // An unbounded kind stays 0: counting it would make the state space infinite.
  const count = (f: G['faults'], drops: number, duplicates: number): G['faults'] =>
    f === undefined ? undefined : { drops: opts.maxDrops === undefined ? 0 : f.drops + drops, duplicates: opts.maxDuplicates === undefined ? 0 : f.duplicates + duplicates };
  const send = (net: G['network'], r: NonNullable<Result<S, M>>): G['network'] => {
    for (let k = 0; k < r.send.length; k++) {
      const key = r.keys[k] as string;
      if (bag || !net.some((e) => e[0] === key)) net = bagAdd(net, r.send[k] as M, key);
    }
    return net;
  };
  // Keys in one fixed order, so every nodes object shares one shape (V8 hidden class).
  const withNode = (g: G, i: NodeId, s: S): G['nodes'] => {
    if (g.nodes[i] === s) return g.nodes;
    const nodes: Record<NodeId, S> = {};
    for (const k of ids) nodes[k] = k === i ? s : (g.nodes[k] as S);
    return nodes;
  };
  // A step that changed no node and no message is a stutter: `g` itself, which the explorer skips.
  const stepped = (g: G, i: NodeId, s: S, network: G['network']): G => {
    const nodes = withNode(g, i, s);
    return nodes === g.nodes && network === g.network ? g : make(nodes, network, g.faults);
  };
  const next = (g: G, x: GlobalAction<A, M>): G | null => {
    if (x.type === 'Restart') return stepped(g, x.i, steps.restart(x.i, g.nodes[x.i] as S), g.network);
    if (x.type === 'Internal') {
      const r = steps.internal(g.nodes[x.i] as S, x);
      return r === null ? null : stepped(g, x.i, r.state, send(g.network, r));
    }
    if (x.type === 'DuplicateMessage') return make(g.nodes, bagAdd(g.network, x.m, x.key), count(g.faults, 0, 1));
    if (x.type === 'DropMessage') return make(g.nodes, bagRemove(g.network, x.key), count(g.faults, 1, 0));
    const i = x.m.dest;
    const r = steps.receive(i, g.nodes[i] as S, x.key, x.m);
    if (r === null) return null;
    return stepped(g, i, r.state, send(bag && !r.keep ? bagRemove(g.network, x.key) : g.network, r));
  };
  const predicates = predicatesOf(p, c, ids, fast ? remembered : direct);
  const model: Model<G, GlobalAction<A, M>> = {
    name: p.name,
    init: () => {
      const nodes: Record<NodeId, S> = {};
      for (const i of ids) nodes[i] = steps.init(i);
      return [make(nodes, [], counted ? { drops: 0, duplicates: 0 } : undefined)];
    },
    actions: (g) => actionsOf(ids, steps, g, opts.restart ? restarts.slice() : []),
    next,
    invariants: predicates.invariants,
    actionProperties: actionPropertiesOf(p, c),
    witnesses: predicates.witnesses,
    variables: (g) => variables(ids, g),
    describe: (x) => (x.type === 'Restart' ? `Restart(${x.i})` : x.type === 'Internal' ? p.describe(x.i, x.a) : `${x.type}(${p.describeMessage(x.m)})`),
    independence: composedIndependence<A, M>(),
  };
  const within = (g: G): boolean => g.faults === undefined || ((opts.maxDrops === undefined || g.faults.drops <= opts.maxDrops) && (opts.maxDuplicates === undefined || g.faults.duplicates <= opts.maxDuplicates));
  const constraint = p.constraint;
  if (constraint !== undefined) model.constraint = counted ? (g) => within(g) && constraint(g, c) : (g) => constraint(g, c);
  else if (counted) model.constraint = within;
  const shaped = p.shape === undefined ? model : { ...model, shape: composedShape(p.shape) };
  return p.symmetry === undefined ? shaped : { ...shaped, symmetry: symmetryOf(p.symmetry, c) };
}

/** Restart (in `out`), each node's internal actions, then each message's: indexed loops, no iterator or destructured bag entry per message of every state expanded. */
function actionsOf<S, A extends Tagged, M extends Message>(ids: readonly NodeId[], steps: NodeSteps<S, A, M>, g: Global<S, M>, out: GlobalAction<A, M>[]): GlobalAction<A, M>[] {
  for (let k = 0; k < ids.length; k++) {
    const i = ids[k] as NodeId;
    const xs = steps.actions(i, g.nodes[i] as S);
    for (let j = 0; j < xs.length; j++) out.push(xs[j] as GlobalAction<A, M>);
  }
  const net = g.network;
  for (let k = 0; k < net.length; k++) {
    const e = net[k] as (typeof net)[number];
    const xs = steps.messageActions(e[0], e[1]);
    for (let j = 0; j < xs.length; j++) out.push(xs[j] as GlobalAction<A, M>);
  }
  return out;
}

/** The global action properties, then those over the node states, asked only when a node's state changed ([A]_nodes). */
function actionPropertiesOf<C, S, M extends Message>(p: NodeProtocol<C, S, Tagged, M>, c: C): Model<Global<S, M>, Tagged>['actionProperties'] {
  const global = Object.entries(p.actionProperties).map(([k, f]) => [k, (g: Global<S, M>, h: Global<S, M>) => f(g, h, c)] as const);
  const nodes = Object.entries(p.nodesActionProperties ?? {}).map(([k, f]) => [k, (g: Global<S, M>, h: Global<S, M>) => g.nodes === h.nodes || f(g, h, c)] as const);
  return Object.fromEntries([...global, ...nodes]);
}

/** The global state's symmetry: node states keyed by names, messages in a bag. */
function symmetryOf<C, S, M>(sym: NonNullable<NodeProtocol<C, S, Tagged, M & Message>['symmetry']>, c: C): Symmetry<Global<S, M>> {
  const schema = { fields: { nodes: { record: sym.state }, network: { bag: sym.message } } } as Schema<Global<S, M>>;
  // The group is listed on first use, only by a check that asks for symmetry: 9 servers have 9! renamings.
  let group: readonly Permutation[] | undefined;
  return {
    get permutations() {
      return (group ??= permutations(sym.groups(c)));
    },
    schema,
  };
}

/** The state as spec variables: each node variable as a function of the node, then the messages. */
function variables<S, M>(ids: readonly NodeId[], g: Global<S, M>): Readonly<Record<string, unknown>> {
  const vars: Record<string, Record<NodeId, unknown>> = {};
  for (const i of ids) {
    const s = g.nodes[i] as Record<string, unknown>;
    for (const k of Object.keys(s)) (vars[k] ??= {})[i] = s[k];
  }
  const messages = g.network.map((e) => (e[2] === 1 ? e[1] : { copies: e[2], m: e[1] }));
  return g.faults === undefined ? { ...vars, messages } : { ...vars, messages, drops: g.faults.drops, duplicates: g.faults.duplicates };
}

// Node-level protocol -> Model: every node's state plus a network, the way raft.tla and Paxos.tla
// compose their servers. The explorer and the simulator take the result; neither knows the protocol.
import type { FingerprintSink, Global, Message, Model, NetworkOptions, NodeId, NodeProtocol, Permutation, Symmetry, Tagged } from '../src/core/index.ts';
import { bagAdd, bagRemove, canonical, permutations } from '../src/core/index.ts';
import { Hasher } from './fingerprint.ts';
import { Interner } from './intern.ts';
import { nodeVerdicts } from './node-verdicts.ts';
import { ValueHasher } from './value-hash.ts';

/** One step of the global system; a message action names the message in flight by its key. */
export type GlobalAction<A, M> =
  | { readonly type: 'Restart'; readonly i: NodeId }
  | { readonly type: 'Internal'; readonly i: NodeId; readonly a: A }
  | { readonly type: 'Receive' | 'DuplicateMessage' | 'DropMessage'; readonly key: string; readonly m: M };

/**
 * Composes a node-level protocol with a network into a `Model` whose state is `{ nodes, network }`.
 * Action order (which decides the tie among shortest traces): Restart, each node's internal actions,
 * then per message in flight Receive, DuplicateMessage, DropMessage.
 */
export function compose<C, S, A extends Tagged, M extends Message>(
  p: NodeProtocol<C, S, A, M>,
  c: C,
  opts: NetworkOptions,
): Model<Global<S, M>, GlobalAction<A, M>> {
  const ids = [...p.nodes(c)].sort();
  const bag = opts.network === 'bag';
  // A step changes one node: successors share the other nodes' objects (and immer shares the
  // unchanged parts of the changed one), so a node's hash is computed by value once per object,
  // and a message's once per message text.
  const values = new ValueHasher();
  const local = new Hasher();
  let keyHash = new Map<string, readonly [number, number]>();
  const hashKey = (key: string): readonly [number, number] => {
    let h = keyHash.get(key);
    if (h === undefined) {
      if (keyHash.size >= 1 << 20) keyHash = new Map();
      local.hash(key);
      h = [local.hi, local.lo];
      keyHash.set(key, h);
    }
    return h;
  };

  // The protocol is pure, so a node's step depends only on (node, its state, the input). A node
  // state object recurs in many global states; its internal actions, the result of each action and
  // of each message delivered to it are computed once per object. Reused results are the same
  // objects, so their hashes are cached too.
  type Result = { readonly state: S; readonly send: readonly M[]; readonly keys: readonly string[]; readonly keep: boolean } | null;
  type Memo = {
    /** A number for this state object, unique in this model (ids of the verdict table). */
    readonly id: number;
    actions: readonly GlobalAction<A, M>[] | null;
    readonly results: Map<A, Result>;
    readonly received: Map<string, Result>;
    restarted: S | null;
  };
  let nextId = 1;
  // Per node: the memo table, and the last state looked up (one state's actions and steps come in a row).
  type Memos = { readonly table: WeakMap<object, Memo>; last: object | null; lastMemo: Memo | null };
  const memos = new Map<NodeId, Memos>(ids.map((i) => [i, { table: new WeakMap(), last: null, lastMemo: null }]));
  const lookup = (n: Memos, s: object): Memo => {
    if (n.last === s) return n.lastMemo as Memo;
    let m = n.table.get(s);
    if (m === undefined) {
      m = { id: nextId++, actions: null, results: new Map(), received: new Map(), restarted: null };
      n.table.set(s, m);
    }
    return m;
  };
  const memo = (i: NodeId, s: S): Memo | null => {
    if (typeof s !== 'object' || s === null) return null;
    const n = memos.get(i) as Memos;
    const m = lookup(n, s);
    n.last = s;
    n.lastMemo = m;
    return m;
  };
  // A state's id for the verdict table, without making it the node's last state: the successor
  // being checked must not displace the state whose actions are being expanded.
  const idOf = (i: NodeId, s: S): number | null =>
    typeof s !== 'object' || s === null ? null : lookup(memos.get(i) as Memos, s).id;
  // One object per node-state value: step results, and states that crossed threads or came back
  // from disk (`intern`), so that those find the memos of their equals.
  const reps = new Map<NodeId, Interner<S>>(ids.map((i) => [i, new Interner<S>((s) => values.hash(s), 1 << 14)]));
  const rep = (i: NodeId, s: S): S => (typeof s === 'object' && s !== null ? (reps.get(i) as Interner<S>).get(s) : s);
  let messageReps = new Map<string, M>();
  const messageRep = (key: string, m: M): M => {
    let r = messageReps.get(key);
    if (r === undefined) {
      if (messageReps.size >= 1 << 16) messageReps = new Map();
      messageReps.set(key, (r = m));
    }
    return r;
  };
  const result = (i: NodeId, s: S, input: A | { type: 'Receive'; m: M }): Result => {
    const r = p.step(i, s, input, c);
    if (r === null) return null;
    const keys = r.send.map((m) => canonical(m));
    return { state: rep(i, r.state), send: r.send.map((m, k) => messageRep(keys[k] as string, m)), keys, keep: r.keep === true };
  };
  const internal = (i: NodeId, s: S): readonly GlobalAction<A, M>[] => {
    const m = memo(i, s);
    if (m?.actions != null) return m.actions;
    const acts = p.internal(i, s, c).map((a): GlobalAction<A, M> => ({ type: 'Internal', i, a }));
    if (m !== null) m.actions = acts;
    return acts;
  };
  const stepInternal = (i: NodeId, s: S, a: A): Result => {
    const m = memo(i, s);
    if (m === null) return result(i, s, a);
    let r = m.results.get(a);
    if (r === undefined) {
      r = result(i, s, a);
      m.results.set(a, r);
    }
    return r;
  };
  const stepReceive = (i: NodeId, s: S, key: string, msg: M): Result => {
    const m = memo(i, s);
    if (m === null) return result(i, s, { type: 'Receive', m: msg });
    let r = m.received.get(key);
    if (r === undefined) {
      r = result(i, s, { type: 'Receive', m: msg });
      m.received.set(key, r);
    }
    return r;
  };
  const restart = (i: NodeId, s: S): S => {
    const m = memo(i, s);
    if (m === null) return p.restart(i, s, c);
    m.restarted ??= rep(i, p.restart(i, s, c));
    return m.restarted;
  };

  // Action objects are plain data that recur in every state: build each once.
  const restarts: readonly GlobalAction<A, M>[] = ids.map((i) => ({ type: 'Restart', i }));
  let byMessage = new Map<string, readonly GlobalAction<A, M>[]>();
  const messageActions = (key: string, m: M): readonly GlobalAction<A, M>[] => {
    let acts = byMessage.get(key);
    if (acts === undefined) {
      const list: GlobalAction<A, M>[] = [{ type: 'Receive', key, m }];
      if (bag && opts.duplicate) list.push({ type: 'DuplicateMessage', key, m });
      if (bag && opts.drop) list.push({ type: 'DropMessage', key, m });
      if (byMessage.size >= 1 << 18) byMessage = new Map();
      byMessage.set(key, (acts = list));
    }
    return acts;
  };

  function send(g: Global<S, M>['network'], r: NonNullable<Result>): Global<S, M>['network'] {
    let net = g;
    for (let k = 0; k < r.send.length; k++) {
      const key = r.keys[k] as string;
      if (!bag && net.some((e) => e[0] === key)) continue;
      net = bagAdd(net, r.send[k] as M, key);
    }
    return net;
  }

  // How the network and the fault counters enter a fingerprint; shared by the plain and the
  // symmetric fingerprint, which must feed the same words for the same state.
  const NETWORK = 0x7e7e7e7e;
  const feedEntry = (out: FingerprintSink, key: string, copies: number): void => {
    const h = hashKey(key);
    out.word(h[0]);
    out.word(h[1]);
    out.word(copies);
  };
  const feedFaults = (out: FingerprintSink, f: Global<S, M>['faults']): void => {
    if (f === undefined) return;
    out.word(0x66617574);
    out.word(f.drops);
    out.word(f.duplicates);
  };

  // Drops and duplications are counted only when a bound limits them, so that an unbounded model's
  // states are exactly raft.tla's.
  const counted = opts.maxDrops !== undefined || opts.maxDuplicates !== undefined;
  type Faults = Global<S, M>['faults'];
  const make = (nodes: Global<S, M>['nodes'], network: Global<S, M>['network'], faults: Faults): Global<S, M> =>
    faults === undefined ? { nodes, network } : { nodes, network, faults };
  // A step that changed no node and no message in flight is a stutter: `g` itself, which the
  // explorer skips without hashing (Raft setting C: 4.6% of the steps, mostly restarts of a node
  // that has nothing volatile to lose). Node states are interned, so unchanged means identical.
  const stepped = (g: Global<S, M>, nodes: Global<S, M>['nodes'], network: Global<S, M>['network']): Global<S, M> =>
    nodes === g.nodes && network === g.network ? g : make(nodes, network, g.faults);
  // An unbounded kind stays 0: counting it would make the state space infinite.
  const count = (f: Faults, drops: number, duplicates: number): Faults =>
    f === undefined ? undefined : {
      drops: opts.maxDrops === undefined ? 0 : f.drops + drops,
      duplicates: opts.maxDuplicates === undefined ? 0 : f.duplicates + duplicates,
    };
  const withinFaultBounds = (g: Global<S, M>): boolean =>
    g.faults === undefined ||
    ((opts.maxDrops === undefined || g.faults.drops <= opts.maxDrops) &&
      (opts.maxDuplicates === undefined || g.faults.duplicates <= opts.maxDuplicates));

  // Keys are set in one fixed order, so every nodes object shares one shape (V8 hidden class);
  // a spread with a computed key made slower dictionary-mode objects.
  function withNode(g: Global<S, M>, i: NodeId, s: S): Readonly<Record<NodeId, S>> {
    if (g.nodes[i] === s) return g.nodes;
    const nodes: Record<NodeId, S> = {};
    for (const k of ids) nodes[k] = k === i ? s : (g.nodes[k] as S);
    return nodes;
  }

  // Predicates that read the node states only are evaluated once per tuple of node-state objects:
  // many states differ only in the messages in flight.
  const nodesOnly = p.readNodesOnly ?? [];
  const reuse = nodeVerdicts<S>(ids, idOf);
  const statePredicate = (f: (g: Global<S, M>, c: C) => boolean, name: string): ((g: Global<S, M>) => boolean) => {
    const g1 = (g: Global<S, M>): boolean => f(g, c);
    return nodesOnly.includes(name) ? reuse.wrap(g1) : g1;
  };

  const model: Model<Global<S, M>, GlobalAction<A, M>> = {
    name: p.name,
    init: () => {
      const nodes: Record<NodeId, S> = {};
      for (const i of ids) nodes[i] = rep(i, p.init(i, c));
      return [make(nodes, [], counted ? { drops: 0, duplicates: 0 } : undefined)];
    },
    actions: (g) => {
      const out: GlobalAction<A, M>[] = opts.restart ? [...restarts] : [];
      for (const i of ids) for (const a of internal(i, g.nodes[i] as S)) out.push(a);
      for (const [key, m] of g.network) for (const a of messageActions(key, m)) out.push(a);
      return out;
    },
    next: (g, x) => {
      switch (x.type) {
        case 'Restart':
          return stepped(g, withNode(g, x.i, restart(x.i, g.nodes[x.i] as S)), g.network);
        case 'Internal': {
          const r = stepInternal(x.i, g.nodes[x.i] as S, x.a);
          if (r === null) return null;
          return stepped(g, withNode(g, x.i, r.state), send(g.network, r));
        }
        case 'Receive': {
          const i = x.m.dest;
          const r = stepReceive(i, g.nodes[i] as S, x.key, x.m);
          if (r === null) return null;
          const rest = bag && !r.keep ? bagRemove(g.network, x.key) : g.network;
          return stepped(g, withNode(g, i, r.state), send(rest, r));
        }
        case 'DuplicateMessage':
          return make(g.nodes, bagAdd(g.network, x.m, x.key), count(g.faults, 0, 1));
        case 'DropMessage':
          return make(g.nodes, bagRemove(g.network, x.key), count(g.faults, 1, 0));
      }
    },
    invariants: mapNamed(p.invariants, statePredicate),
    actionProperties: mapNamed(p.actionProperties, (f) => (g: Global<S, M>, h: Global<S, M>) => f(g, h, c)),
    witnesses: mapNamed(p.witnesses, statePredicate),
    intern: (g) => {
      const nodes: Record<NodeId, S> = {};
      for (const i of ids) nodes[i] = rep(i, g.nodes[i] as S);
      const network = g.network.map((e) => [e[0], messageRep(e[0], e[1]), e[2]] as const);
      return make(nodes, network, g.faults);
    },
    encode: (g) => {
      let out = '{';
      for (const i of ids) out += canonical(g.nodes[i]) + ';';
      out += '}';
      for (const e of g.network) out += e[0] + '*' + e[2] + ';';
      if (g.faults !== undefined) out += `|${g.faults.drops},${g.faults.duplicates}`;
      return out;
    },
    fingerprint: (g, out) => {
      for (const i of ids) {
        const h = values.hash(g.nodes[i]);
        out.word(h[0]);
        out.word(h[1]);
      }
      out.word(NETWORK);
      for (const e of g.network) feedEntry(out, e[0], e[2]);
      feedFaults(out, g.faults);
    },
    variables: (g) => {
      const vars: Record<string, Record<NodeId, unknown>> = {};
      for (const i of ids) {
        const s = g.nodes[i] as Record<string, unknown>;
        for (const k of Object.keys(s)) (vars[k] ??= {})[i] = s[k];
      }
      const messages = g.network.map((e) => (e[2] === 1 ? e[1] : { copies: e[2], m: e[1] }));
      return g.faults === undefined ? { ...vars, messages } : { ...vars, messages, drops: g.faults.drops, duplicates: g.faults.duplicates };
    },
    describe: (x) => {
      switch (x.type) {
        case 'Restart':
          return `Restart(${x.i})`;
        case 'Internal':
          return p.describe(x.i, x.a);
        default:
          return `${x.type}(${p.describeMessage(x.m)})`;
      }
    },
  };
  const constraint = p.constraint;
  if (constraint !== undefined) model.constraint = counted ? (g) => withinFaultBounds(g) && constraint(g, c) : (g) => constraint(g, c);
  else if (counted) model.constraint = withinFaultBounds;
  const sym = p.symmetry;
  if (sym !== undefined) {
    const rename = (x: string, q: Permutation): string => q[x] ?? x;
    // The group is built on first use, only by a check that asks for symmetry: 9 servers have 9! renamings.
    let group: { perms: readonly Permutation[]; sources: readonly string[][] } | undefined;
    const lazyGroup = (): { perms: readonly Permutation[]; sources: readonly string[][] } => {
      if (group !== undefined) return group;
      const perms = permutations(sym.groups?.(c) ?? [ids]);
      // For each renaming k: which node's state lands at each id, in `ids` order.
      const sources = perms.map((q) => {
        const at = new Map(ids.map((i) => [rename(i, q), i]));
        return ids.map((i) => at.get(i) ?? i);
      });
      renamedKey = perms.map(() => new Map<string, string>());
      return (group = { perms, sources });
    };
    // Caches: a node state's hash after renaming k; a message's key after renaming k.
    const renamedHash = new WeakMap<object, (readonly [number, number])[]>();
    let renamedKey: Map<string, string>[] = [];
    const nodeHashUnder = (s: S, k: number): readonly [number, number] => {
      const q = lazyGroup().perms[k] as Permutation;
      if (typeof s !== 'object' || s === null) return values.hash(sym.state(s, q));
      let hs = renamedHash.get(s);
      if (hs === undefined) {
        hs = [];
        renamedHash.set(s, hs);
      }
      return (hs[k] ??= values.hash(sym.state(s, q)));
    };
    const keyUnder = (key: string, m: M, k: number): string => {
      const cache = renamedKey[k] as Map<string, string>;
      let r = cache.get(key);
      if (r === undefined) {
        const { perms } = lazyGroup();
        if (cache.size >= 1 << 18) renamedKey = perms.map(() => new Map<string, string>());
        r = canonical(sym.message(m, perms[k] as Permutation));
        (renamedKey[k] as Map<string, string>).set(key, r);
      }
      return r;
    };
    const symmetry: Symmetry<Global<S, M>> = {
      get permutations() {
        return lazyGroup().perms;
      },
      apply: (g, q) => {
        const nodes: Record<NodeId, S> = {};
        for (const i of ids) nodes[rename(i, q)] = sym.state(g.nodes[i] as S, q);
        let network: Global<S, M>['network'] = [];
        for (const [, m, copies] of g.network) {
          const m2 = sym.message(m, q);
          const key = canonical(m2);
          for (let k = 0; k < copies; k++) network = bagAdd(network, m2, key);
        }
        return make(nodes, network, g.faults);
      },
      // The words model.fingerprint feeds for apply(g, perms[k]), from cached parts.
      fingerprint: (g, k, out) => {
        for (const src of lazyGroup().sources[k] as string[]) {
          const h = nodeHashUnder(g.nodes[src] as S, k);
          out.word(h[0]);
          out.word(h[1]);
        }
        const entries = g.network.map((e) => [keyUnder(e[0], e[1], k), e[2]] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
        out.word(NETWORK);
        for (const [key, copies] of entries) feedEntry(out, key, copies);
        feedFaults(out, g.faults);
      },
    };
    return { ...model, symmetry };
  }
  return model;
}

function mapNamed<F, G>(t: Readonly<Record<string, F>>, f: (x: F, name: string) => G): Readonly<Record<string, G>> {
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, f(v, k)]));
}

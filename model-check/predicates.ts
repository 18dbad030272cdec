// A node-level protocol's predicates as the Model's: each name's parts (per node, per message, over
// the node states, over the global view) conjoined, in the order the protocol lists them. With the
// speed layer, the parts that read less than the global view are asked once per object they read.
import type { Global, LocalPredicates, Message, Named, NodeId, NodeProtocol, NodesView, Tagged } from '../src/core/index.ts';
import { brokenNow, ObjectVerdicts, TupleVerdicts } from './speed/verdicts.ts';

type G<S, M> = Global<S, M>;
/** How a part's verdict is obtained: computed every time, or remembered per object read. */
export interface VerdictSource {
  /** Predicate k over one object (a node state, a message) at position `at` of the state. */
  one(): <X>(k: number, x: X, f: (x: X) => boolean, at?: number) => boolean;
  /** Of predicates `from`.. over the node states (a record of objects under `ids`), those `fs[j]` that `x` breaks, as a mask. */
  tuples(ids: readonly NodeId[]): <X extends Readonly<Record<string, unknown>>>(from: number, x: X, fs: readonly ((x: X) => boolean)[]) => number;
}

/** Computes every verdict. */
export const direct: VerdictSource = { one: () => (_k, x, f) => f(x), tuples: () => (_from, x, fs) => brokenNow(x, fs) };

/** Remembers verdicts per object read (the speed layer). */
export const remembered: VerdictSource = {
  one: () => {
    const v = new ObjectVerdicts();
    return v.check.bind(v);
  },
  tuples: (ids) => {
    const v = new TupleVerdicts(ids);
    return v.broken.bind(v);
  },
};

/** The caches of one composed model, shared by its invariants and witnesses (predicate k of each level). */
interface Levels {
  readonly perNode: readonly ReturnType<VerdictSource['one']>[];
  readonly perMessage: ReturnType<VerdictSource['one']>;
  readonly perTuple: ReturnType<VerdictSource['tuples']>;
  readonly next: { node: number; message: number; nodes: number };
}

/** The invariants and witnesses of the composed model. */
export function predicatesOf<C, S, A extends Tagged, M extends Message>(p: NodeProtocol<C, S, A, M>, c: C, ids: readonly NodeId[], src: VerdictSource) {
  const levels: Levels = { perNode: ids.map(() => src.one()), perMessage: src.one(), perTuple: src.tuples(ids), next: { node: 0, message: 0, nodes: 0 } };
  return {
    invariants: conjoin(p.localInvariants ?? {}, p.invariants, c, ids, levels),
    witnesses: conjoin(p.nodesWitnesses === undefined ? {} : { nodes: p.nodesWitnesses }, p.witnesses, c, ids, levels),
  };
}

function conjoin<C, S, M>(local: LocalPredicates<C, S, M>, global: Named<(g: G<S, M>, c: C) => boolean>, c: C, ids: readonly NodeId[], levels: Levels): Named<(g: G<S, M>) => boolean> {
  const parts = new Map<string, ((g: G<S, M>) => boolean)[]>();
  const add = (name: string, f: (g: G<S, M>) => boolean): void => void (parts.get(name) ?? parts.set(name, []).get(name))?.push(f);
  const { perNode, perMessage, perTuple, next } = levels;
  for (const [name, f] of Object.entries(local.node ?? {})) {
    const k = next.node++;
    const at = ids.map((i) => (s: S) => f(i, s, c));
    add(name, (g) => {
      for (let n = 0; n < ids.length; n++) if (!(perNode[n] as ReturnType<VerdictSource['one']>)(k, g.nodes[ids[n] as NodeId] as S, at[n] as (s: S) => boolean)) return false;
      return true;
    });
  }
  for (const [name, f] of Object.entries(local.message ?? {})) {
    const k = next.message++;
    const one = (m: M) => f(m, c);
    add(name, (g) => {
      const net = g.network;
      for (let n = 0; n < net.length; n++) if (!perMessage(k, (net[n] as (typeof net)[number])[1], one, n)) return false;
      return true;
    });
  }
  // The node-tuple parts of one state are computed together, once per nodes object asked about, in
  // groups that fit a 31-bit mask.
  const tuple = Object.entries(local.nodes ?? {});
  for (let g0 = 0; g0 < tuple.length; g0 += MASK_BITS) tupleGroup(tuple.slice(g0, g0 + MASK_BITS), c, next, perTuple, add);
  for (const [name, f] of Object.entries(global)) add(name, (g) => f(g, c));
  const all = (fs: ((g: G<S, M>) => boolean)[]) => (g: G<S, M>): boolean => {
    for (let k = 0; k < fs.length; k++) if (!(fs[k] as (g: G<S, M>) => boolean)(g)) return false;
    return true;
  };
  return Object.fromEntries([...parts].map(([name, fs]) => [name, fs.length === 1 ? (fs[0] as (g: G<S, M>) => boolean) : all(fs)]));
}

const MASK_BITS = 31;

/** One group of node-tuple parts (at most MASK_BITS): each reads its bit of the group's mask of broken parts. */
function tupleGroup<C, S, M>(
  group: readonly (readonly [string, (v: NodesView<S>, c: C) => boolean])[], c: C, next: Levels['next'],
  perTuple: Levels['perTuple'], add: (name: string, f: (g: G<S, M>) => boolean) => void,
): void {
  const from = next.nodes;
  next.nodes += group.length;
  const fs = group.map(([, f]) => (nodes: NodesView<S>['nodes']) => f({ nodes }, c));
  let last: object | null = null;
  let broken = 0;
  const brokenBy = (g: G<S, M>): number => (g.nodes === last ? broken : ((last = g.nodes), (broken = perTuple(from, g.nodes as Readonly<Record<string, S>>, fs))));
  group.forEach(([name], j) => add(name, (g) => (brokenBy(g) & (1 << j)) === 0));
}

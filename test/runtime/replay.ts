// Replays a pinned model trace through the runtime's node loop (src/runtime/node.ts), one `Node` per
// server, in one process: a hand-driven clock per node (in-process.ts), memory storage, and a network
// that is the model's bag, so that every delivery, drop and duplicate happens when the trace says.
// Each trace step is fed to the node loop by the runtime's own path for it: a message is `receive`d,
// a timer action is run by firing the timer whose action list holds it, a client request is `submit`ted,
// a restart stops the node and starts a new one from what its storage holds. The runtime's choices the
// model does not make are narrowed, openly: a fired timer runs the trace's action alone (not the rest of
// its list), `command`'s value is the model's, and reactions (a new leader's no-op) are recorded, not run.
import { canonical, type Global, type Message, type Model, type NodeId, type NodeRuntime, type Receive, type Tagged } from '../../src/core/index.ts';
import type { GlobalAction } from '../../model-check/index.ts';
import { ManualClock, MemoryStorage } from '../../src/runtime/in-process.ts';
import { Node } from '../../src/runtime/node.ts';

type S = unknown;
type M = Message;
type G = Global<S, M>;
type X = GlobalAction<Tagged, M>;
type Rt = NodeRuntime<S, Tagged, M>;

/** One step the node loop took: the input it stepped and the state it reached. */
export interface Stepped {
  readonly i: NodeId;
  readonly input: Tagged;
  readonly after: S;
}

/** A behaviour of the model: `states[k + 1]` is `actions[k]` taken in `states[k]`; `runtime[k]` steps it. */
export interface Behaviour {
  readonly model: Model<G, X>;
  readonly states: readonly G[];
  readonly actions: readonly X[];
  /** The runtime that runs step k (a prefix played by the correct protocol, the trace by the variant). */
  readonly runtimes: readonly Rt[];
  /** Steps before the trace file's first state (errors number the file's steps as the file does). */
  readonly prefix: number;
}

/** What the replay saw, beyond the states it compared. */
export interface ReplayReport {
  /** Steps replayed (each one compared). */
  readonly steps: number;
  /** Reactions the runtime asked for and the replay did not run, e.g. `s1: ClientRequest` after BecomeLeader. */
  readonly skippedReactions: readonly string[];
  /** Steps no timer of the runtime lists, run by the heartbeat timer narrowed to them (`widen`). */
  readonly widened: readonly string[];
}

/** Why a replay stopped, naming the step as the trace file numbers it (the state it leads to). */
export class ReplayMismatch extends Error {}

const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/** The model's input at the node a step acts on. */
function inputOf(x: X): { i: NodeId; input: Tagged } | null {
  if (x.type === 'Internal') return { i: x.i, input: x.a };
  if (x.type === 'Receive') return { i: x.m.dest, input: { type: 'Receive', m: x.m } as Receive<M> };
  return null;
}

class Cluster {
  private readonly nodes = new Map<NodeId, Node<S, Tagged, M>>();
  private readonly clocks = new Map<NodeId, ManualClock>();
  private readonly storages = new Map<NodeId, MemoryStorage>();
  /** The messages in flight (canonical text -> copies), as the model's bag. */
  readonly bag = new Map<string, number>();
  readonly stepped: Stepped[] = [];
  readonly skipped: string[] = [];
  /** Steps run by a timer that does not list them (`widen`). */
  readonly widened: string[] = [];
  /** What the nodes logged: a step that threw, a storage failure (none is expected). */
  readonly logged: string[] = [];
  /** The one action a fired timer or a client request may run, at which node, and whether the timer must list it. */
  pending: { i: NodeId; a: Tagged; listed: boolean } | null = null;
  rt: Rt;
  private readonly wrapped: Rt;

  constructor(ids: readonly NodeId[], first: Rt) {
    this.rt = first;
    this.wrapped = this.wrap();
    for (const i of ids) {
      this.storages.set(i, new MemoryStorage());
      this.start(i, null);
    }
  }

  node(i: NodeId): Node<S, Tagged, M> {
    const n = this.nodes.get(i);
    if (n === undefined) throw new Error(`no node ${i}`);
    return n;
  }

  clock(i: NodeId): ManualClock {
    return this.clocks.get(i) as ManualClock;
  }

  start(i: NodeId, recovered: unknown): void {
    const clock = new ManualClock();
    this.clocks.set(i, clock);
    const n = new Node<S, Tagged, M>({
      id: i,
      runtime: this.wrapped,
      recovered,
      storage: this.storages.get(i) as MemoryStorage,
      send: (m) => this.count(m, 1),
      sendSelf: true,
      clock,
      batching: false,
      log: (line) => this.logged.push(`${i}: ${line}`),
      timers: { electionMs: [1000, 2000], heartbeatMs: 100 },
    });
    this.nodes.set(i, n);
    n.start();
  }

  /** Adds (or removes) copies of m in flight. */
  count(m: M, copies: number): void {
    const key = canonical(m);
    const n = (this.bag.get(key) ?? 0) + copies;
    if (n > 0) this.bag.set(key, n);
    else this.bag.delete(key);
  }

  async restart(i: NodeId): Promise<void> {
    const n = this.node(i);
    n.stop();
    await n.idle();
    this.start(i, (this.storages.get(i) as MemoryStorage).writes === 0 ? null : (this.storages.get(i) as MemoryStorage).last);
  }

  async stopAll(): Promise<void> {
    for (const n of this.nodes.values()) n.stop();
    for (const n of this.nodes.values()) await n.idle();
  }

  /** The runtime the nodes run: `rt` (switchable between a prefix and the trace) with steps recorded and choices narrowed. */
  private wrap(): Rt {
    const rt = (): Rt => this.rt;
    const take = (i: NodeId, offered: readonly Tagged[]): Tagged[] => {
      const p = this.pending;
      if (p === null || p.i !== i || (p.listed && !offered.some((a) => same(a, p.a)))) return [];
      this.pending = null;
      return [p.a];
    };
    const timers = Object.fromEntries(
      Object.entries(this.rt.timers).map(([name, t]) => [name, { kind: t.kind, actions: (i: NodeId, s: S) => take(i, rt().timers[name]?.actions(i, s) ?? []) }]),
    );
    return {
      name: `replay of ${this.rt.name}`,
      step: (i, s, x) => {
        const r = rt().step(i, s, x);
        if (r !== null) this.stepped.push({ i, input: x, after: r.state });
        return r;
      },
      describe: (i, x) => rt().describe(i, x),
      durable: (s) => rt().durable(s),
      restore: (i, d) => rt().restore(i, d),
      timers,
      command: (i, s, v) => {
        const a = rt().command(i, s, v);
        const p = this.pending;
        if (a === null || p === null || p.i !== i || p.a.type !== a.type) return null;
        this.pending = null;
        return p.a;
      },
      reactions: (i, before, after, x) => {
        for (const a of rt().reactions(i, before, after, x)) this.skipped.push(`${i}: ${a.type} after ${rt().describe(i, x)}`);
        return [];
      },
      leaderShown: (i, s, m) => rt().leaderShown(i, s, m),
      resetsElection: (i, b, a, x) => rt().resetsElection(i, b, a, x),
      handOff: (i, s) => rt().handOff(i, s),
      committed: (s, from) => rt().committed(s, from),
      entryId: (s, k) => rt().entryId(s, k),
      view: (s) => rt().view(s),
      payload: (m) => rt().payload(m),
      early: (m) => rt().early(m),
    };
  }
}

/**
 * Feeds internal action `a` to node i by the runtime's path for it. If the runtime has none (no timer
 * lists it in this state, and it is not a client command), throws, or with `widen` fires the heartbeat
 * timer with `a` as its one action (the step is then the node loop's, the choice of action the trace's).
 */
async function runInternal(c: Cluster, i: NodeId, s: S, a: Tagged, what: string, widen: boolean): Promise<void> {
  const name = Object.entries(c.rt.timers).find(([, t]) => t.actions(i, s).some((b) => same(b, a)))?.[0];
  const command = c.rt.command(i, s, []);
  c.pending = { i, a, listed: true };
  if (name !== undefined) {
    if (!c.clock(i).fire(name)) throw new ReplayMismatch(`${what}: timer ${name} of ${i} is not armed`);
  } else if (command !== null && command.type === a.type) {
    void c.node(i).submit({ op: 'put', key: 'replay', value: 1 });
  } else if (widen) {
    c.widened.push(what);
    c.pending = { i, a, listed: false };
    const heartbeat = Object.entries(c.rt.timers).find(([, t]) => t.kind === 'heartbeat')?.[0] ?? 'heartbeat';
    if (!c.clock(i).fire(heartbeat)) throw new ReplayMismatch(`${what}: timer ${heartbeat} of ${i} is not armed`);
  } else {
    c.pending = null;
    throw new ReplayMismatch(`${what}: the runtime has no path that runs ${a.type} (no timer lists it, and it is not a client command)`);
  }
  await c.node(i).idle();
  if (c.pending !== null) throw new ReplayMismatch(`${what}: the node loop did not run it`);
}

/** The messages in flight of a model state, as the cluster counts them. */
function bagOf(g: G): Map<string, number> {
  return new Map(g.network.map(([, m, n]) => [canonical(m), n]));
}

/**
 * Replays `b` through the node loop, comparing after every step each node's state and the messages
 * in flight with the model's, and the steps the node loop took with the trace's (input and state).
 */
export async function replay(b: Behaviour, runtimeIds: readonly NodeId[], o: { readonly widen?: boolean } = {}): Promise<ReplayReport> {
  const c = new Cluster(runtimeIds, b.runtimes[0] as Rt);
  try {
    const g0 = b.states[0] as G;
    for (const i of runtimeIds) if (!same(c.node(i).state, g0.nodes[i])) throw new ReplayMismatch(`initial state of ${i} differs`);
    // Steps are taken one by one; a message the protocol keeps (raft.tla's UpdateTerm) is stepped again
    // at once by the node loop, so the trace's next step must be that delivery, and both are compared.
    let k = 0;
    while (k < b.actions.length) {
      c.rt = b.runtimes[k] as Rt;
      const x = b.actions[k] as X;
      const g = b.states[k] as G;
      const what = `${k < b.prefix ? `prefix step ${k + 1}` : `step ${k - b.prefix + 2}`}: ${b.model.describe(x)}`;
      for (const clock of runtimeIds.map((i) => c.clock(i))) clock.advance(3_600_000);
      const from = c.stepped.length;
      let last = k;
      if (x.type === 'Internal') await runInternal(c, x.i, g.nodes[x.i], x.a, what, o.widen === true);
      else if (x.type === 'Restart') await c.restart(x.i);
      else if (x.type === 'DropMessage' || x.type === 'DuplicateMessage') c.count(x.m, x.type === 'DropMessage' ? -1 : 1);
      else {
        c.count(x.m, -1);
        c.node(x.m.dest).receive(x.m);
        await c.node(x.m.dest).idle();
        // The node loop consumed the message whether or not the model kept it: count its later deliveries.
        while (last + 1 < b.actions.length && c.stepped.length - from > last - k + 1) {
          const y = b.actions[last + 1] as X;
          if (y.type !== 'Receive' || !same(y.m, x.m)) throw new ReplayMismatch(`${what}: the node loop steps the kept message again at once; the trace's next step is ${b.model.describe(y)}`);
          last += 1;
        }
      }
      if (c.logged.length > 0) throw new ReplayMismatch(`${what}: a node logged ${c.logged.join('; ')}`);
      compareSteps(b, c, from, k, last, what);
      const h = b.states[last + 1] as G;
      for (const i of runtimeIds) if (!same(c.node(i).state, h.nodes[i])) throw new ReplayMismatch(`${what}: ${i}'s state differs from the model's:\n  node:  ${canonical(c.node(i).state)}\n  model: ${canonical(h.nodes[i])}`);
      if (!same([...c.bag].sort(), [...bagOf(h)].sort())) throw new ReplayMismatch(`${what}: messages in flight differ:\n  node loop: ${canonical([...c.bag].sort())}\n  model:     ${canonical([...bagOf(h)].sort())}`);
      k = last + 1;
    }
    return { steps: b.actions.length, skippedReactions: c.skipped, widened: c.widened };
  } finally {
    await c.stopAll();
  }
}

/** The steps the node loop took for trace steps k..last must be exactly theirs: same node, same input, same state. */
function compareSteps(b: Behaviour, c: Cluster, from: number, k: number, last: number, what: string): void {
  const took = c.stepped.slice(from);
  const want = b.actions.slice(k, last + 1).map((x, d) => ({ x: inputOf(x), after: b.states[k + d + 1] as G }));
  const expected = want.filter((w) => w.x !== null);
  const show = (s: readonly Stepped[]) => s.map((t) => `${t.i}: ${canonical(t.input)}`).join('; ') || 'nothing';
  if (took.length !== expected.length) throw new ReplayMismatch(`${what}: the node loop took ${took.length} step(s) (${show(took)}), the trace ${expected.length}`);
  expected.forEach((w, d) => {
    const t = took[d] as Stepped;
    const x = w.x as { i: NodeId; input: Tagged };
    if (t.i !== x.i || !same(t.input, x.input)) throw new ReplayMismatch(`${what}: the node loop stepped ${t.i}: ${canonical(t.input)}, the trace ${x.i}: ${canonical(x.input)}`);
    if (!same(t.after, w.after.nodes[x.i])) throw new ReplayMismatch(`${what}: ${x.i} reached a state the model did not:\n  node:  ${canonical(t.after)}\n  model: ${canonical(w.after.nodes[x.i])}`);
  });
}

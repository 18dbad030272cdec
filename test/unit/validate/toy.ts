// A toy protocol as a runtime runs it, for the validator's tests: a timer bumps a counter, taking one
// of two actions (A or B) that differ only in a flag no view shows, and pings the next node; a request
// NeedB is enabled only after B. Logs are written by the real trace-log writer.
import type { NodeId, NodeRuntime, Receive } from '../../../src/core/index.ts';
import { TraceLog } from '../../../src/runtime/trace-log.ts';

export type ToyState = { readonly n: number; readonly flag: 'a' | 'b' | null; readonly got: number };
export type ToyAction = { readonly type: 'IncA' } | { readonly type: 'IncB' } | { readonly type: 'NeedB' };
export type Ping = { readonly type: 'Ping'; readonly n: number; readonly source: NodeId; readonly dest: NodeId };

export const IDS = ['s1', 's2'];
const other = (i: NodeId) => (i === 's1' ? 's2' : 's1');

export const toy: NodeRuntime<ToyState, ToyAction, Ping> = {
  name: 'toy',
  step(i, s, x) {
    if (x.type === 'Receive') return { state: { ...s, got: (x as Receive<Ping>).m.n }, send: [] };
    if (x.type === 'NeedB') return s.flag === 'b' ? { state: { ...s, n: s.n + 10 }, send: [] } : null;
    const n = s.n + 1;
    return { state: { n, flag: x.type === 'IncA' ? 'a' : 'b', got: s.got }, send: [{ type: 'Ping', n, source: i, dest: other(i) }] };
  },
  describe: (i, x) => (x.type === 'Receive' ? `Receive Ping at ${i}` : `${x.type}(${i})`),
  durable: (s) => ({ n: s.n }),
  restore: (_i, d) => ({ n: d === null ? 0 : (d as { n: number }).n, flag: null, got: 0 }),
  timers: { tick: { kind: 'heartbeat', actions: () => [{ type: 'IncA' }, { type: 'IncB' }] } },
  command: () => null,
  reactions: () => [],
  leaderShown: () => null,
  resetsElection: () => false,
  handOff: () => [],
  committed: () => [],
  entryId: () => null,
  view: (s) => ({ role: 'follower', term: s.n, votedFor: null, lastIndex: s.got, commitIndex: 0 }),
  payload: () => null,
  early: () => false,
};

/** Two toy nodes driven by hand; each writes its trace log into a string. */
export class ToyRun {
  readonly text = new Map<NodeId, string>();
  readonly state = new Map<NodeId, ToyState>();
  readonly logs = new Map<NodeId, TraceLog<ToyState, ToyAction, Ping>>();
  readonly inFlight: Ping[] = [];
  private clock = 0;

  constructor() {
    for (const i of IDS) {
      this.text.set(i, '');
      const log = new TraceLog(toy, i, { write: (t) => this.text.set(i, this.text.get(i) + t) }, 0, () => ++this.clock);
      log.header(IDS);
      const s = toy.restore(i, null);
      log.restart(s, null);
      this.state.set(i, s);
      this.logs.set(i, log);
    }
  }

  /** Node i takes input x (a Receive takes the oldest ping in flight to i). */
  step(i: NodeId, x: ToyAction | 'receive'): this {
    const s = this.state.get(i)!;
    let input: ToyAction | Receive<Ping>;
    if (x === 'receive') {
      const k = this.inFlight.findIndex((m) => m.dest === i);
      input = { type: 'Receive', m: this.inFlight.splice(k, 1)[0]! };
    } else input = x;
    const r = toy.step(i, s, input)!;
    this.logs.get(i)!.step(input, s, r);
    this.inFlight.push(...r.send);
    this.state.set(i, r.state);
    return this;
  }

  persist(i: NodeId): this {
    this.logs.get(i)!.persisted();
    return this;
  }

  /** The node restarts from the durable value of `from` (default: its current state). */
  restart(i: NodeId, from: ToyState = this.state.get(i)!): this {
    const s = toy.restore(i, toy.durable(from));
    this.logs.get(i)!.restart(s, toy.durable(from));
    this.state.set(i, s);
    return this;
  }

  /** Each node's log text, flushed. */
  files(): Map<NodeId, string> {
    for (const l of this.logs.values()) l.flush();
    return this.text;
  }
}

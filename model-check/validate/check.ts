// Trace validation (as etcd's and CCF's against their TLA+ specs): the merged events of every node's
// log must be a behaviour of the model. The search keeps every configuration (all nodes' states and
// the messages sent so far) that explains the events so far; an event that leaves none is the answer.
import { canonical } from '../../src/core/index.ts';
import type { Message, NodeId, NodeRuntime, StateView, Tagged } from '../../src/core/index.ts';
import type { TraceEvent, TraceFile } from './format.ts';
import { Merge, messageKey, resolveReceives } from './merge.ts';
import type { Resolved } from './merge.ts';
import { compaction, modelSnapshot, snapshotFits } from './snapshot.ts';
import { attempt, clip, digestOf, inputsOf, stateProblem } from './step.ts';

/** What was possible at the event that nothing explains: each configuration's node view and why each input failed. */
export interface Possible {
  readonly view: StateView;
  readonly attempts: readonly { readonly input: string; readonly problem: string }[];
}

export type ValidateResult =
  | { readonly ok: true; readonly events: number; readonly maxConfigurations: number }
  | { readonly ok: false; readonly event: TraceEvent; readonly reason: string; readonly possible: readonly Possible[]; readonly events: number };

export interface ValidateOptions {
  /** Stop with a failure if more configurations than this stay possible at once (default 10,000). */
  readonly maxConfigurations?: number;
}

/** A global configuration: each node's state, the messages sent so far, each node's states since its last durable write. */
interface Config<S, M> {
  readonly states: Map<NodeId, S>;
  readonly msgs: Map<string, M>;
  readonly window: Map<NodeId, S[]>;
}

/** Checks that the merged logs `files` are a behaviour of `rt` (the protocol as the nodes ran it). */
export function validateTrace<S, A extends Tagged, M extends Message>(rt: NodeRuntime<S, A, M>, files: readonly TraceFile[], o: ValidateOptions = {}): ValidateResult {
  const resolved = resolveReceives(files);
  const merge = new Merge(files, resolved);
  let configs: Config<S, M>[] = [{ states: new Map(), msgs: new Map(), window: new Map() }];
  let events = 0;
  let most = 1;
  for (let n = merge.next(); n !== null; n = merge.next()) {
    if ('stuck' in n) return { ok: false, event: n.stuck, reason: stuckReason(n.stuck, n.send, merge, files), possible: [], events };
    const e = merge.event(n.at);
    const next: Config<S, M>[] = [];
    const possible: Possible[] = [];
    for (const c of configs) {
      const r = explain(rt, e, c, resolved.get(e) ?? null);
      if ('configs' in r) next.push(...r.configs);
      else possible.push(r.possible);
    }
    if (next.length === 0) return { ok: false, event: e, reason: 'no step of the model explains it', possible, events };
    configs = next.length > 1 ? dedup(next) : next;
    if (configs.length > (o.maxConfigurations ?? 10_000)) return { ok: false, event: e, reason: `more than ${o.maxConfigurations ?? 10_000} configurations stay possible (log more of the state)`, possible: [], events };
    most = Math.max(most, configs.length);
    merge.advance(n.at);
    events += 1;
  }
  return { ok: true, events, maxConfigurations: most };
}

function stuckReason(e: TraceEvent, send: Resolved | null, merge: Merge, files: readonly TraceFile[]): string {
  const id = e.seq !== null ? `seq ${e.seq}` : `digest ${e.digest}`;
  const given = files.some((f) => f.header.node === e.from);
  if (send === null) return `it receives a message (from ${e.from}, ${id}) that no log sent${given ? '' : ` (the log of ${e.from} was not given)`}`;
  const s = merge.event(send.at);
  return `it receives a message that ${e.from} sends only at ${s.file}:${s.line}, after events that depend on this one (the logs' order has a cycle)`;
}

type Explained<S, M> = { readonly configs: Config<S, M>[] } | { readonly possible: Possible };

/** The configurations that follow c by event e (c itself, changed, when one input fits; copies when several do). */
function explain<S, A extends Tagged, M extends Message>(rt: NodeRuntime<S, A, M>, e: TraceEvent, c: Config<S, M>, send: Resolved | null): Explained<S, M> {
  const i = e.node;
  const s = c.states.get(i) ?? rt.restore(i, null);
  if (e.kind === 'persist') {
    c.window.set(i, [s]);
    return { configs: [c] };
  }
  if (e.kind === 'restart') return restart(rt, e, c, s);
  if (e.kind === 'compact') {
    const r = compaction(rt, e, i, s);
    if ('problem' in r) return { possible: { view: rt.view(s), attempts: [{ input: `compact up to ${e.snapshot!.index}`, problem: r.problem }] } };
    c.states.set(i, r.state);
    const w = c.window.get(i);
    if (w === undefined) c.window.set(i, [s, r.state]);
    else w.push(r.state);
    return { configs: [c] };
  }
  const m = send === null ? null : (c.msgs.get(send.key) ?? null);
  if (m !== null && m.dest !== i) return { possible: { view: rt.view(s), attempts: [{ input: `receive ${m.type}`, problem: `the message was sent to ${m.dest}` }] } };
  if (m !== null && e.digest !== null && e.seq !== null && digestOf(m) !== e.digest) return { possible: { view: rt.view(s), attempts: [{ input: `receive ${m.type}`, problem: 'its digest differs from the message sent' }] } };
  const attempts = inputsOf(rt, e, i, s, m).map((x) => attempt(rt, e, i, s, x));
  const good = attempts.filter((a) => a.problem === null && a.step !== null);
  if (good.length === 0) {
    const none = attempts.length === 0 ? [{ input: e.kind, problem: 'no input of this kind is possible here' }] : attempts.map((a) => ({ input: a.input, problem: a.problem ?? '' }));
    return { possible: { view: rt.view(s), attempts: none } };
  }
  return {
    configs: good.map((a) => {
      const d = good.length > 1 ? clone(c) : c;
      d.states.set(i, a.step!.state);
      const w = d.window.get(i);
      if (w === undefined) d.window.set(i, [s, a.step!.state]);
      else w.push(a.step!.state); // a fork's window is its own copy (clone)
      a.step!.send.forEach((msg, k) => d.msgs.set(messageKey(i, e.sent![k]!.seq), msg));
      return d;
    }),
  };
}

/** A restart: the node recovers a durable value of a state it had since its last durable write. */
function restart<S, A extends Tagged, M extends Message>(rt: NodeRuntime<S, A, M>, e: TraceEvent, c: Config<S, M>, s: S): Explained<S, M> {
  const i = e.node;
  const since = c.window.get(i) ?? null;
  let candidates: unknown[];
  if (e.durable !== undefined) {
    const logged = e.durable === null ? null : canonical(e.durable);
    // Newest first: a node usually recovers its last state.
    const fits = since === null || since.findLast((p) => canonical(rt.durable(p)) === logged) !== undefined;
    if (!fits) return { possible: { view: rt.view(s), attempts: [{ input: 'restart', problem: `the durable value it recovered is that of no state since its last durable write (the model's latest: ${clip(canonical(rt.durable(s)))})` }] } };
    candidates = [e.durable];
  } else candidates = since === null ? [null] : [...new Map(since.map((p) => [canonical(rt.durable(p)), rt.durable(p)])).values()];
  const snap = e.snapshot === null ? null : modelSnapshot(e.snapshot);
  if (snap !== null && !snapshotFits(rt, i, snap, since)) {
    return { possible: { view: rt.view(s), attempts: [{ input: 'restart', problem: `the snapshot file it recovered (up to ${snap.index}) is no snapshot it held or could have taken since its last durable write` }] } };
  }
  const out: Config<S, M>[] = [];
  const attempts: { input: string; problem: string }[] = [];
  for (const d of candidates) {
    let r: S;
    try {
      r = rt.restore(i, d, snap);
    } catch (x) {
      attempts.push({ input: 'restart', problem: `restore refuses the durable value: ${(x as Error).message}` });
      continue;
    }
    const problem = stateProblem(rt, e, r);
    if (problem !== null) {
      attempts.push({ input: 'restart', problem });
      continue;
    }
    const k = candidates.length > 1 ? clone(c) : c;
    k.states.set(i, r);
    k.window.set(i, [r]);
    out.push(k);
  }
  return out.length > 0 ? { configs: out } : { possible: { view: rt.view(s), attempts } };
}

function clone<S, M>(c: Config<S, M>): Config<S, M> {
  return { states: new Map(c.states), msgs: new Map(c.msgs), window: new Map([...c.window].map(([k, v]) => [k, [...v]])) };
}

/** Configurations with equal node states and messages are one. */
function dedup<S, M>(cs: Config<S, M>[]): Config<S, M>[] {
  const seen = new Map<string, Config<S, M>>();
  for (const c of cs) {
    const key = canonical([[...c.states].sort(), [...c.msgs.keys()].sort().map((k) => [k, c.msgs.get(k)])]);
    if (!seen.has(key)) seen.set(key, c);
  }
  return [...seen.values()];
}

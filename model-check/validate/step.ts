// One event against the model at one node: the inputs that could be it, each stepped from the node's
// state, and the logged facts (sent messages, resulting view and variables) compared with the step's.
import { createHash } from 'node:crypto';
import { canonical } from '../../src/core/index.ts';
import type { Message, NodeId, NodeRuntime, Receive, Step, Tagged } from '../../src/core/index.ts';
import type { TraceEvent } from './format.ts';

/** As the runtime's writer: the first 16 hex digits of the SHA-256 of the canonical JSON. */
export function digestOf(m: unknown): string {
  return createHash('sha256').update(canonical(m)).digest('hex').slice(0, 16);
}

/** One way the model could take the event, and the first logged fact it contradicts (null: none). */
export interface Attempt<S, M> {
  readonly input: string;
  readonly step: Step<S, M> | null;
  readonly problem: string | null;
}

/** The inputs the event may stand for at node i in state s (`m`: the received message). */
export function inputsOf<S, A extends Tagged, M extends Message>(rt: NodeRuntime<S, A, M>, e: TraceEvent, i: NodeId, s: S, m: M | null): (A | Receive<M>)[] {
  if (e.kind === 'receive') return m === null ? [] : [{ type: 'Receive', m }];
  if (e.action !== null) return [e.action as A];
  if (e.kind === 'timer') {
    const timers = e.timer === null ? Object.values(rt.timers) : [rt.timers[e.timer]].filter((t) => t !== undefined);
    return timers.flatMap((t) => t.actions(i, s));
  }
  if (e.hasValue) {
    const a = rt.command(i, s, e.value);
    return a === null ? [] : [a];
  }
  return [...rt.handOff(i, s)];
}

/** Steps `input` at node i and compares the result with what the event logged. */
export function attempt<S, A extends Tagged, M extends Message>(rt: NodeRuntime<S, A, M>, e: TraceEvent, i: NodeId, s: S, input: A | Receive<M>): Attempt<S, M> {
  const name = rt.describe(i, input);
  let r: Step<S, M> | null;
  try {
    r = rt.step(i, s, input);
  } catch (x) {
    return { input: name, step: null, problem: `the step throws: ${(x as Error).message}` };
  }
  if (r === null) return { input: name, step: null, problem: 'not enabled (its guard is false in this state)' };
  const problem = sentProblem(e, r.send) ?? stateProblem(rt, e, r.state);
  return { input: name, step: r, problem };
}

function sentProblem<M extends Message>(e: TraceEvent, send: readonly M[]): string | null {
  const logged = e.sent ?? [];
  const list = (ms: readonly { type: string | null; to: string }[]) => (ms.length === 0 ? 'nothing' : ms.map((x) => `${x.type ?? '?'} to ${x.to}`).join(', '));
  if (logged.length !== send.length) return `sent: the log has ${list(logged)}; the model sends ${list(send.map((m) => ({ type: m.type, to: m.dest })))}`;
  for (let k = 0; k < send.length; k++) {
    const l = logged[k]!;
    const m = send[k]!;
    if (l.to !== m.dest || (l.type !== null && l.type !== m.type)) return `sent[${k}]: the log has ${l.type ?? '?'} to ${l.to}; the model sends ${m.type} to ${m.dest}`;
    if (l.digest !== null && l.digest !== digestOf(m)) return `sent[${k}] (${m.type} to ${m.dest}): its content differs from the model's (digest ${l.digest}, model ${digestOf(m)}: ${clip(canonical(m))})`;
  }
  return null;
}

/** The first logged view field or variable that differs from state s, or null. */
export function stateProblem<S, A extends Tagged, M extends Message>(rt: NodeRuntime<S, A, M>, e: TraceEvent, s: S): string | null {
  if (e.view !== null) {
    const v = rt.view(s) as unknown as Record<string, unknown>;
    for (const [k, x] of Object.entries(e.view)) {
      if (!(k in v)) return `view.${k}: not a field of the protocol's view`;
      if (canonical(x) !== canonical(v[k])) return `view.${k}: the log has ${clip(canonical(x))}, the model ${clip(canonical(v[k]))}`;
    }
  }
  if (e.state !== null) {
    const o = s as unknown as Record<string, unknown>;
    for (const [k, x] of Object.entries(e.state)) {
      const y = o[k];
      if (y === undefined) return `state.${k}: not a variable of the protocol`;
      if (canonical(x) !== canonical(y)) return `state.${k}: the log has ${clip(canonical(x))}, the model ${clip(canonical(y))}`;
    }
  }
  return null;
}

/** At most 160 characters of s. */
export function clip(s: string): string {
  return s.length <= 160 ? s : `${s.slice(0, 157)}...`;
}

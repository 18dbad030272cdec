// Traces in the Informal Trace Format (ITF, Apalache ADR-015) as Quint writes them: `#meta`, `vars`,
// and states carrying each spec variable by its declared TLA+ type, plus Quint's model-based-testing
// variables `mbt::actionTaken` (the action's name) and `mbt::nondetPicks` (its parameters).
import type { AnySchema, Model, Shape, Tagged } from '../src/core/index.ts';
import { actionParts, successors, type Path } from './trace-path.ts';
import { ShapeError, typed, type Value } from './trace-value.ts';

/** An ITF value (JSON with `#bigint`, `#set`, `#map`, `#tup` for what JSON lacks). */
export type Itf = string | boolean | { readonly [k: string]: Itf } | readonly Itf[];

/** An ITF trace. */
export interface ItfTrace {
  readonly '#meta': Readonly<Record<string, unknown>>;
  readonly vars: readonly string[];
  readonly states: readonly ItfState[];
}

/** One state: `#meta` with its 0-based `index`, then the variables. */
export type ItfState = Readonly<Record<string, Itf | { readonly index: number }>>;

export const ACTION_TAKEN = 'mbt::actionTaken';
export const NONDET_PICKS = 'mbt::nondetPicks';

/** A value in ITF: ints as `#bigint`, sets `#set`, functions `#map`, records as objects, sequences as arrays. */
export function itfOf(v: Value): Itf {
  switch (v.k) {
    case 'int': return { '#bigint': String(v.v) };
    case 'bool': return v.v;
    case 'str':
    case 'name': return v.v;
    case 'seq': return v.v.map(itfOf);
    case 'set': return { '#set': v.v.map(itfOf) };
    case 'map': return { '#map': v.v.map(([a, b]) => [itfOf(a), itfOf(b)]) };
    case 'rec': return Object.fromEntries(v.v.map(([f, x]) => [f, itfOf(x)]));
  }
}

/** The model's declared shape, or an error naming the model that declares none. */
export function shapeOf(model: Model<unknown, Tagged>): Shape {
  if (model.shape === undefined) throw new ShapeError(`${model.name} declares no state shape (Model.shape / NodeProtocol.shape), so its traces cannot be typed`);
  return model.shape;
}

/** A state's spec variables as typed values, in `variables(s)`'s order. */
export function typedVariables<S>(model: Model<S, Tagged>, s: S): [string, Value][] {
  const shape = shapeOf(model as Model<unknown, Tagged>);
  const nil = shape.nil ?? 'Nil';
  return Object.entries(model.variables(s)).map(([name, x]) => {
    const schema = shape.variables[name];
    if (schema === undefined) throw new ShapeError(`${model.name}: variable ${name} has no declared shape`);
    return [name, typed(x, schema, nil, name)];
  });
}

/** An action parameter's typed value: `m` is a message, a list a set of names, anything else by its JS type. */
export function typedParam(shape: Shape, name: string, x: unknown): Value {
  const schema: AnySchema = name === 'm' && shape.message !== undefined ? shape.message : Array.isArray(x) ? { set: 'name' } : 'name';
  return typed(x, schema, shape.nil ?? 'Nil', name);
}

const none: Itf = { tag: 'None', value: { '#tup': [] } };

/** The trace as ITF; `meta` goes into `#meta` after `format` and `format-description`. */
export function toItf<S, A extends Tagged>(model: Model<S, A>, path: Path<S, A>, meta: Readonly<Record<string, unknown>>): ItfTrace {
  const shape = shapeOf(model as Model<unknown, Tagged>);
  const parts = path.actions.map((a) => (a === null ? null : actionParts(a)));
  const picks = [...new Set(parts.flatMap((p) => (p === null ? [] : Object.keys(p.params))))].sort();
  const vars: string[] = [];
  const states = path.states.map((s, index) => {
    const out: Record<string, Itf> = {};
    for (const [name, v] of typedVariables(model, s)) {
      if (!vars.includes(name)) vars.push(name);
      out[name] = itfOf(v);
    }
    const p = parts[index] ?? null;
    out[ACTION_TAKEN] = p === null ? 'init' : p.name;
    out[NONDET_PICKS] = Object.fromEntries(picks.map((k) => [k, p !== null && k in p.params ? { tag: 'Some', value: itfOf(typedParam(shape, k, p.params[k])) } : none]));
    return { '#meta': { index }, ...out };
  });
  return {
    '#meta': { format: 'ITF', 'format-description': 'https://apalache-mc.org/docs/adr/015adr-trace.html', ...meta },
    vars: [...vars, ACTION_TAKEN, NONDET_PICKS],
    states,
  };
}

/**
 * Replays an ITF trace through `model`: its first state must be an initial state and every next one
 * the successor, by the action `mbt::actionTaken` names, whose variables are the trace's. Returns
 * the path, or throws an Error naming the first state that no step of the model explains.
 */
export function replayItf<S, A extends Tagged>(model: Model<S, A>, trace: ItfTrace): Path<S, A> {
  const vars = (s: ItfState): string =>
    JSON.stringify(Object.keys(s).filter((k) => k !== '#meta' && k !== ACTION_TAKEN && k !== NONDET_PICKS).sort().map((k) => [k, s[k]]));
  const encode = (s: S): string => JSON.stringify(typedVariables(model, s).sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, v]) => [k, itfOf(v)]));
  const first = trace.states[0];
  if (first === undefined) throw new Error('the ITF trace has no states');
  const s0 = model.init().find((s) => encode(s) === vars(first));
  if (s0 === undefined) throw new Error('ITF state 0 is not an initial state of the model');
  const states: S[] = [s0];
  const actions: (A | null)[] = [null];
  for (let k = 1; k < trace.states.length; k++) {
    const want = trace.states[k] as ItfState;
    const hit = successors(model, states[k - 1] as S).find(([a, t]) => actionParts(a).name === want[ACTION_TAKEN] && encode(t) === vars(want));
    if (hit === undefined) throw new Error(`ITF state ${k} (${String(want[ACTION_TAKEN])}) is not a successor of state ${k - 1} in the model`);
    states.push(hit[1]);
    actions.push(hit[0]);
  }
  return { states, actions };
}

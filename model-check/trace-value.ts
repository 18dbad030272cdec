// A plain JS value read through its declared TLA+ type (core/shape.ts): the one typed view that the
// ITF and TLA+ writers print. Sets, function domains and record fields are sorted canonically.
import type { AnySchema } from '../src/core/index.ts';

/** A TLA+ value: integer, boolean, string, model value, sequence, set, function or record. */
export type Value =
  | { readonly k: 'int'; readonly v: number }
  | { readonly k: 'bool'; readonly v: boolean }
  | { readonly k: 'str'; readonly v: string }
  | { readonly k: 'name'; readonly v: string }
  | { readonly k: 'seq'; readonly v: readonly Value[] }
  | { readonly k: 'set'; readonly v: readonly Value[] }
  | { readonly k: 'map'; readonly v: readonly (readonly [Value, Value])[] }
  | { readonly k: 'rec'; readonly v: readonly (readonly [string, Value])[] };

/** Thrown when a value does not have its declared type (a missing or wrong shape declaration). */
export class ShapeError extends Error {}

/** `x` as the TLA+ value its schema declares; `null` is the model value `nil`. */
export function typed(x: unknown, schema: AnySchema, nil: string, path: string): Value {
  if (x === null || x === undefined) return { k: 'name', v: nil };
  if (schema === 'plain' || schema === 'name') return scalar(x, schema, nil, path);
  if ('seq' in schema) return { k: 'seq', v: list(x, path).map((e, n) => typed(e, schema.seq, nil, `${path}[${n + 1}]`)) };
  if ('set' in schema) return { k: 'set', v: sorted(elements(x, path).map((e) => typed(e, schema.set, nil, `${path}{}`))) };
  if ('bag' in schema) return { k: 'map', v: sortedPairs(bagEntries(x, path).map(([e, n]) => [typed(e, schema.bag, nil, `${path}{}`), { k: 'int', v: n }] as const)) };
  const o = object(x, path);
  if ('record' in schema) return { k: 'map', v: sortedPairs(Object.keys(o).map((key) => [{ k: 'name', v: key }, typed(o[key], schema.record, nil, `${path}.${key}`)] as const)) };
  if ('cases' in schema) {
    const tag = o['type'];
    const c = typeof tag === 'string' ? schema.cases[tag] : undefined;
    if (c === undefined) throw new ShapeError(`${path}: no case declared for type ${JSON.stringify(tag)}`);
    return typed(x, c, nil, path);
  }
  const fields = schema.fields;
  return { k: 'rec', v: Object.keys(o).sort().map((key) => [key, typed(o[key], fields[key] ?? 'plain', nil, `${path}.${key}`)] as const) };
}

function scalar(x: unknown, schema: 'plain' | 'name', nil: string, path: string): Value {
  if (typeof x === 'number') {
    if (!Number.isSafeInteger(x)) throw new ShapeError(`${path}: ${x} is not an integer`);
    return { k: 'int', v: x };
  }
  if (typeof x === 'boolean') return { k: 'bool', v: x };
  if (typeof x === 'string') return { k: schema === 'name' ? 'name' : 'str', v: x };
  if (Array.isArray(x)) throw new ShapeError(`${path}: a list declared '${schema}' (declare it a set or a sequence)`);
  const o = object(x, path);
  return { k: 'rec', v: Object.keys(o).sort().map((key) => [key, typed(o[key], 'plain', nil, `${path}.${key}`)] as const) };
}

function list(x: unknown, path: string): readonly unknown[] {
  if (!Array.isArray(x)) throw new ShapeError(`${path}: expected a list, got ${typeof x}`);
  return x;
}

function object(x: unknown, path: string): Readonly<Record<string, unknown>> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) throw new ShapeError(`${path}: expected an object`);
  return x as Readonly<Record<string, unknown>>;
}

// A set in `variables(s)` may be an object keyed by labels of its elements (Paxos's msgs).
function elements(x: unknown, path: string): readonly unknown[] {
  return Array.isArray(x) ? x : Object.values(object(x, path));
}

// A bag as core/bag.ts stores it ([key, element, copies]) or as compose's `variables` shows it.
function bagEntries(x: unknown, path: string): (readonly [unknown, number])[] {
  return list(x, path).map((e) => {
    if (Array.isArray(e) && e.length === 3 && typeof e[2] === 'number') return [e[1], e[2]] as const;
    const o = object(e, path);
    return 'type' in o || typeof o['copies'] !== 'number' ? [e, 1] as const : [o['m'], o['copies'] as number] as const;
  });
}

/** The canonical text of a value: the order of sets and function domains. */
export function key(v: Value): string {
  switch (v.k) {
    case 'int': return v.v < 0 ? `i0${String(Number.MAX_SAFE_INTEGER + v.v).padStart(16, '0')}` : `i1${String(v.v).padStart(16, '0')}`;
    case 'bool': return `b${v.v ? 1 : 0}`;
    case 'str': return `s${JSON.stringify(v.v)}`;
    case 'name': return `n${v.v}`;
    case 'seq': return `q[${v.v.map(key).join(',')}]`;
    case 'set': return `e{${v.v.map(key).join(',')}}`;
    case 'map': return `m{${v.v.map(([a, b]) => `${key(a)}:${key(b)}`).join(',')}}`;
    case 'rec': return `r{${v.v.map(([a, b]) => `${a}:${key(b)}`).join(',')}}`;
  }
}

function sorted(vs: readonly Value[]): Value[] {
  const out = new Map<string, Value>();
  for (const v of vs) out.set(key(v), v);
  return [...out.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((e) => e[1]);
}

function sortedPairs(ps: readonly (readonly [Value, Value])[]): (readonly [Value, Value])[] {
  return ps.map((p) => [key(p[0]), p] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((e) => e[1]);
}

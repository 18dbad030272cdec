// The TLA+ type of each spec variable, declared with the symmetry schema's forms (symmetry.ts), so
// that a trace can be written for other tools (ITF JSON, a TLA+ module) with sets, sequences,
// functions and records told apart. Read as types, the forms say:
// - 'plain': an integer, a boolean, a string, or a record of those (an array here is an error);
// - 'name': a model value (a server, a value) written as its name;
// - `null`, under either, is the model value `nil` (raft.tla's Nil, Paxos.tla's None);
// - `{ seq }` a sequence, `{ set }` a set, `{ record }` a function keyed by names, `{ fields }` a
//   record, `{ cases }` a union tagged by `type`, `{ bag }` a function from element to copies.
import type { Schema } from './symmetry.ts';

/** A schema of any value, as the exporter reads it (every `Schema<T>` is one). */
export type AnySchema =
  | 'plain'
  | 'name'
  | { readonly seq: AnySchema }
  | { readonly set: AnySchema }
  | { readonly bag: AnySchema }
  | { readonly record: AnySchema }
  | { readonly fields: { readonly [k: string]: AnySchema | undefined } }
  | { readonly cases: { readonly [k: string]: AnySchema | undefined } };

type Keys<T> = T extends unknown ? keyof T : never;
type At<T, K> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;

/**
 * A node-level protocol's state schema: every field any node state may have (all of them, so a
 * new variable must be declared), the messages, and the name of the model value `null` stands for.
 */
export interface NodeShape<S, M> {
  readonly variables: { readonly [K in Keys<S> & string]-?: Schema<Exclude<At<S, K>, undefined>> };
  readonly message: Schema<M>;
  /** The model value written for `null` (default `Nil`). */
  readonly nil?: string;
}

/**
 * A model's spec variables as `variables(s)` returns them, each with its TLA+ type. In that view a
 * `set` may also be an object whose values are the elements, and a `bag` a list whose elements are
 * either one copy of an element or `{ copies, m }`.
 */
export interface Shape {
  readonly variables: Readonly<Record<string, AnySchema>>;
  /** The schema of a message, for an action parameter named `m`. */
  readonly message?: AnySchema;
  /** The model value written for `null` (default `Nil`). */
  readonly nil?: string;
}

// TLC's SYMMETRY as data: which parts of a state hold interchangeable names, so that the checker can
// rename them itself. A schema is typed by the value it describes, so a field that cannot hold a
// name cannot be declared to hold one.
import type { Bag } from './bag.ts';

/** A renaming of interchangeable model values (TLC's SYMMETRY), e.g. `{ s1: 's2', s2: 's1' }`. */
export type Permutation = Readonly<Record<string, string>>;

/**
 * Where the names are in a value of type `T`:
 * - `'plain'`: no name inside;
 * - `'name'`: a string that is renamed when it is one of the interchangeable names;
 * - `{ seq }`: an array kept in order, each element as `seq`;
 * - `{ set }`: a sorted array (a TLA+ set), each element as `set`, order free after renaming;
 * - `{ record }`: an object keyed by names, each value as `record`;
 * - `{ fields }`: an object, the listed fields as given, the others plain;
 * - `{ cases }`: a union tagged by `type`, every case given (so a new message type must be declared);
 * - `{ bag }`: a bag (`core/bag.ts`), each element as `bag`.
 */
export type Schema<T> =
  | 'plain'
  | (string extends T ? 'name' : [Extract<T, string>] extends [never] ? never : 'name')
  | (T extends Bag<infer E> ? { readonly bag: Schema<E> } : never)
  | (T extends readonly (infer E)[] ? { readonly seq: Schema<E> } | { readonly set: Schema<E> } : never)
  | (T extends readonly unknown[] ? never : T extends object ? { readonly record: Schema<T[keyof T]> } | { readonly fields: { readonly [K in keyof T]?: Schema<T[K]> } } : never)
  | ([T] extends [{ readonly type: string }] ? { readonly cases: { readonly [K in T['type']]: Schema<Extract<T, { readonly type: K }>> } } : never);

/**
 * Interchangeable model values (TLC's `SYMMETRY Permutations(Server)`): the explorer stores one
 * state per class of states equal up to these renamings.
 */
export interface Symmetry<S> {
  /** Every renaming of the symmetric values, the identity included (the symmetry group). */
  readonly permutations: readonly Permutation[];
  /** Where the names are in a state. */
  readonly schema: Schema<S>;
}

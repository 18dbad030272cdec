// Which invariants and action properties a check evaluates (TLC's INVARIANTS and PROPERTIES):
// a subset of the model's, by name, plus `Not<Witness>`, the MC modules' negated witnesses.
import type { Model, Named, Tagged } from '../core/index.ts';
import { UsageError } from '../core/index.ts';

/** The names to check; null: every one the model offers (the negated witnesses excepted). */
export interface Selection {
  readonly invariants: readonly string[] | null;
  readonly actionProperties: readonly string[] | null;
}

export const ALL: Selection = { invariants: null, actionProperties: null };

/** Every invariant name a check may select: the model's, then `Not<W>` for each witness W. */
export function invariantNames(model: Model<unknown, Tagged>): string[] {
  return [...Object.keys(model.invariants), ...Object.keys(model.witnesses).map((w) => `Not${w}`)];
}

/** The predicate named `name`, or undefined. */
function invariant(model: Model<unknown, Tagged>, name: string): ((s: unknown) => boolean) | undefined {
  const own = model.invariants[name];
  if (own !== undefined) return own;
  const w = name.startsWith('Not') ? model.witnesses[name.slice(3)] : undefined;
  return w === undefined ? undefined : (s) => !w(s);
}

/** Throws naming `name` and the valid names when `name` is not one of the model's. */
export function checkName(model: Model<unknown, Tagged>, kind: 'invariant' | 'action property', name: string, where = ''): void {
  const valid = kind === 'invariant' ? invariantNames(model) : Object.keys(model.actionProperties);
  if (!valid.includes(name)) {
    throw new UsageError(`${where}unknown ${kind} '${name}' for ${model.name} (expected: ${valid.join(', ') || 'none'})`);
  }
}

/** The model checking only the selected properties, in the order selected. */
export function select(model: Model<unknown, Tagged>, s: Selection): Model<unknown, Tagged> {
  if (s.invariants === null && s.actionProperties === null) return model;
  let invariants = model.invariants;
  if (s.invariants !== null) {
    const out: Record<string, (s: unknown) => boolean> = {};
    for (const n of s.invariants) {
      checkName(model, 'invariant', n);
      out[n] = invariant(model, n) as (s: unknown) => boolean;
    }
    invariants = out;
  }
  let actionProperties = model.actionProperties;
  if (s.actionProperties !== null) {
    const out: Record<string, (s: unknown, t: unknown) => boolean> = {};
    for (const n of s.actionProperties) {
      checkName(model, 'action property', n);
      out[n] = model.actionProperties[n] as (s: unknown, t: unknown) => boolean;
    }
    actionProperties = out as Named<(s: unknown, t: unknown) => boolean>;
  }
  return { ...model, invariants, actionProperties };
}

/**
 * The names to check from `--invariant` (repeatable; replaces the default) and `--no-invariant`
 * (removes from it); `base` is the default (null: all the model's own).
 */
export function resolve(
  model: Model<unknown, Tagged>, kind: 'invariant' | 'action property', base: readonly string[] | null,
  only: readonly string[], without: readonly string[],
): readonly string[] | null {
  const flag = kind === 'invariant' ? 'invariant' : 'action-property';
  for (const n of only) checkName(model, kind, n, `--${flag}: `);
  for (const n of without) checkName(model, kind, n, `--no-${flag}: `);
  if (only.length === 0 && without.length === 0) return base;
  const own = kind === 'invariant' ? Object.keys(model.invariants) : Object.keys(model.actionProperties);
  const start = only.length > 0 ? [...new Set(only)] : (base ?? own);
  for (const n of without) {
    if (only.includes(n)) throw new UsageError(`--${flag} ${n} and --no-${flag} ${n} contradict each other`);
  }
  return start.filter((n) => !without.includes(n));
}

// Small schema combinators to validate every decoded frame before it reaches `step`. A schema
// returns null when the value fits, else the reason (with the path), so that the transport can log
// why it closed a connection. The protocol's message schema is given to the runtime by the CLI.

/** Checks a value: null if it fits, else why not. */
export type Schema = (x: unknown, path: string) => string | null;

const at = (path: string): string => (path === '' ? 'value' : path);

/** A string (optionally one of `values`). */
export const str =
  (...values: string[]): Schema =>
  (x, p) =>
    typeof x !== 'string'
      ? `${at(p)}: expected a string`
      : values.length > 0 && !values.includes(x)
        ? `${at(p)}: expected one of ${values.join(', ')}`
        : null;

/** A safe integer >= min. */
export const int =
  (min = 0): Schema =>
  (x, p) =>
    typeof x === 'number' && Number.isSafeInteger(x) && x >= min ? null : `${at(p)}: expected an integer >= ${min}`;

/** A boolean. */
export const bool: Schema = (x, p) => (typeof x === 'boolean' ? null : `${at(p)}: expected a boolean`);

/** Any JSON value (an opaque client command inside a log entry). */
export const json: Schema = () => null;

/** null or `s`. */
export const nullable =
  (s: Schema): Schema =>
  (x, p) =>
    x === null ? null : s(x, p);

/** An array of at most `max` items, each fitting `item`. */
export const arr =
  (item: Schema, max = 1_000_000): Schema =>
  (x, p) => {
    if (!Array.isArray(x)) return `${at(p)}: expected an array`;
    if (x.length > max) return `${at(p)}: more than ${max} items`;
    for (let k = 0; k < x.length; k += 1) {
      const e = item(x[k], `${p}[${k}]`);
      if (e !== null) return e;
    }
    return null;
  };

/** An object with exactly these fields (no others). */
export const obj =
  (fields: Readonly<Record<string, Schema>>): Schema =>
  (x, p) => {
    if (typeof x !== 'object' || x === null || Array.isArray(x)) return `${at(p)}: expected an object`;
    const rec = x as Record<string, unknown>;
    for (const k of Object.keys(rec)) if (!(k in fields)) return `${p === '' ? '' : `${p}.`}${k}: unexpected field`;
    for (const [k, s] of Object.entries(fields)) {
      if (!(k in rec)) return `${p === '' ? '' : `${p}.`}${k}: missing`;
      const e = s(rec[k], p === '' ? k : `${p}.${k}`);
      if (e !== null) return e;
    }
    return null;
  };

/** A tagged union on field `tag`: each tag value has its object schema. */
export const tagged =
  (tag: string, cases: Readonly<Record<string, Schema>>): Schema =>
  (x, p) => {
    if (typeof x !== 'object' || x === null) return `${at(p)}: expected an object`;
    const t = (x as Record<string, unknown>)[tag];
    if (typeof t !== 'string' || !Object.hasOwn(cases, t)) {
      return `${p === '' ? '' : `${p}.`}${tag}: expected one of ${Object.keys(cases).join(', ')}`;
    }
    return (cases[t] as Schema)(x, p);
  };

/** Validates at the root. */
export function validate(s: Schema, x: unknown): string | null {
  return s(x, '');
}

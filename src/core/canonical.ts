// A canonical text for plain data: object keys sorted, arrays kept in order (sequences), so that
// key order never changes it. Sets and bags are sorted arrays by construction.

const quote = (s: string): string => JSON.stringify(s);

/** The keys of `o` in sorted order (sorted only when they are not sorted already). */
export function sortedKeys(o: object): string[] {
  const keys = Object.keys(o);
  for (let k = 1; k < keys.length; k++) {
    if ((keys[k - 1] as string) > (keys[k] as string)) return keys.sort();
  }
  return keys;
}

/** Canonical JSON-like text of plain data (objects, arrays, strings, numbers, booleans, null). */
export function canonical(x: unknown): string {
  switch (typeof x) {
    case 'string':
      return quote(x);
    case 'number':
    case 'boolean':
      return String(x);
    case 'object': {
      if (x === null) return 'null';
      if (Array.isArray(x)) {
        if (x.length === 0) return '[]';
        let out = '[' + canonical(x[0]);
        for (let k = 1; k < x.length; k++) out += ',' + canonical(x[k]);
        return out + ']';
      }
      const o = x as Record<string, unknown>;
      const keys = sortedKeys(o);
      let out = '{';
      for (let k = 0; k < keys.length; k++) {
        const key = keys[k] as string;
        out += (k === 0 ? '' : ',') + quote(key) + ':' + canonical(o[key]);
      }
      return out + '}';
    }
    default:
      throw new TypeError(`canonical: not plain data: ${typeof x}`);
  }
}

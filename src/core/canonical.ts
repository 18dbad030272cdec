// A canonical text for plain data: object keys sorted, arrays kept in order (sequences), so that
// key order never changes a fingerprint. Sets and bags are sorted arrays by construction.

/** Canonical JSON-like text of plain data (objects, arrays, strings, numbers, booleans, null). */
export function canonical(x: unknown): string {
  if (x === null) return 'null';
  switch (typeof x) {
    case 'string':
      return JSON.stringify(x);
    case 'number':
    case 'boolean':
      return String(x);
    case 'object': {
      if (Array.isArray(x)) {
        let out = '[';
        for (let k = 0; k < x.length; k++) out += (k === 0 ? '' : ',') + canonical(x[k]);
        return out + ']';
      }
      const o = x as Record<string, unknown>;
      const keys = Object.keys(o).sort();
      let out = '{';
      for (let k = 0; k < keys.length; k++) {
        const key = keys[k] as string;
        out += (k === 0 ? '' : ',') + JSON.stringify(key) + ':' + canonical(o[key]);
      }
      return out + '}';
    }
    default:
      throw new TypeError(`canonical: not plain data: ${typeof x}`);
  }
}

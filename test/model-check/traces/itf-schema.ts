// The Informal Trace Format (Apalache ADR-015, as Quint writes it) as checks: what a trace file must
// look like for another tool to read it. Returns the problems found, each with its JSON path.
type J = unknown;

const isObj = (x: J): x is Record<string, J> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Problems with an ITF value (`#bigint`, `#set`, `#map`, `#tup`, `#unserializable`, records, arrays, strings, booleans). */
export function itfValueProblems(x: J, path: string): string[] {
  if (typeof x === 'string' || typeof x === 'boolean') return [];
  if (typeof x === 'number') return [`${path}: a bare JSON number (ITF writes integers as {"#bigint": "..."})`];
  if (Array.isArray(x)) return x.flatMap((e, k) => itfValueProblems(e, `${path}[${k}]`));
  if (!isObj(x)) return [`${path}: ${String(x)} is no ITF value`];
  const keys = Object.keys(x);
  const special = keys.filter((k) => k.startsWith('#'));
  if (special.length === 0) return keys.flatMap((k) => itfValueProblems(x[k], `${path}.${k}`));
  if (keys.length !== 1) return [`${path}: ${special[0]} with other keys`];
  const [k] = special as [string];
  const v = x[k];
  switch (k) {
    case '#bigint': return typeof v === 'string' && /^-?\d+$/.test(v) ? [] : [`${path}: #bigint ${JSON.stringify(v)} is not a decimal string`];
    case '#unserializable': return typeof v === 'string' ? [] : [`${path}: #unserializable is not a string`];
    case '#tup':
    case '#set': {
      if (!Array.isArray(v)) return [`${path}: ${k} is not an array`];
      const dup = k === '#set' && new Set(v.map((e) => JSON.stringify(e))).size !== v.length ? [`${path}: #set with a repeated element`] : [];
      return [...dup, ...v.flatMap((e, n) => itfValueProblems(e, `${path}${k}[${n}]`))];
    }
    case '#map': {
      if (!Array.isArray(v) || !v.every((p) => Array.isArray(p) && p.length === 2)) return [`${path}: #map is not an array of [key, value] pairs`];
      const dup = new Set(v.map((p) => JSON.stringify((p as J[])[0]))).size !== v.length ? [`${path}: #map with a repeated key`] : [];
      return [...dup, ...v.flatMap((p, n) => [...itfValueProblems((p as J[])[0], `${path}#map[${n}][0]`), ...itfValueProblems((p as J[])[1], `${path}#map[${n}][1]`)])];
    }
    default: return [`${path}: unknown ITF form ${k}`];
  }
}

/** Problems with a whole ITF trace: `#meta`, `vars`, and states indexed from 0 holding every var. */
export function itfProblems(t: J): string[] {
  if (!isObj(t)) return ['the trace is not a JSON object'];
  const out: string[] = [];
  if (!isObj(t['#meta'])) out.push('#meta is missing');
  const vars = t['vars'];
  if (!Array.isArray(vars) || !vars.every((v) => typeof v === 'string')) return [...out, 'vars is not an array of strings'];
  const states = t['states'];
  if (!Array.isArray(states) || states.length === 0) return [...out, 'states is not a non-empty array'];
  states.forEach((s, k) => {
    if (!isObj(s)) return void out.push(`states[${k}] is not an object`);
    const meta = s['#meta'];
    if (!isObj(meta) || meta['index'] !== k) out.push(`states[${k}].#meta.index is not ${k}`);
    for (const v of vars as string[]) if (!(v in s)) out.push(`states[${k}] lacks ${v}`);
    for (const key of Object.keys(s)) {
      if (key === '#meta') continue;
      if (!(vars as string[]).includes(key)) out.push(`states[${k}].${key} is not in vars`);
      out.push(...itfValueProblems(s[key], `states[${k}].${key}`));
    }
  });
  return out;
}

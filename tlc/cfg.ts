// TLC model files (.cfg): read the sections and the CONSTANTS assignments, and write a copy with
// some constants, invariants or a SYMMETRY changed, so one base file per module drives every setting.

/** The keywords that open a section of a TLC .cfg file. */
const KEYWORDS = [
  'SPECIFICATION', 'INIT', 'NEXT', 'CONSTANTS', 'CONSTANT', 'INVARIANTS', 'INVARIANT', 'PROPERTIES', 'PROPERTY',
  'CONSTRAINTS', 'CONSTRAINT', 'ACTION_CONSTRAINTS', 'ACTION_CONSTRAINT', 'SYMMETRY', 'VIEW', 'CHECK_DEADLOCK', 'ALIAS', 'POSTCONDITION',
] as const;

/** One section: its keyword as written and the text after it, comments removed. */
export interface Section {
  readonly keyword: string;
  readonly body: string;
}

/** One CONSTANTS entry: `name = value` (a value) or `name <- value` (a definition of the module). */
export interface Assignment {
  readonly name: string;
  readonly op: '=' | '<-';
  readonly value: string;
}

/** The sections of a .cfg text, in order; comments (`\*` to the end of a line, `(* *)`) dropped. */
export function sections(text: string): Section[] {
  const clean = text.replace(/\(\*[\s\S]*?\*\)/g, ' ').replace(/\\\*.*$/gm, '');
  const words = new RegExp(`(?<![A-Za-z0-9_])(${KEYWORDS.join('|')})(?![A-Za-z0-9_])`, 'g');
  const out: Section[] = [];
  let last: { keyword: string; from: number } | null = null;
  for (const m of clean.matchAll(words)) {
    if (last !== null) out.push({ keyword: last.keyword, body: clean.slice(last.from, m.index).trim() });
    last = { keyword: m[1] as string, from: m.index + m[0].length };
  }
  if (last !== null) out.push({ keyword: last.keyword, body: clean.slice(last.from).trim() });
  return out;
}

/** The assignments of every CONSTANT(S) section, in order. */
export function constants(text: string): Assignment[] {
  const out: Assignment[] = [];
  for (const s of sections(text)) if (s.keyword.startsWith('CONSTANT')) out.push(...assignments(s.body));
  return out;
}

/** The names listed in the sections with one of `keywords` (e.g. INVARIANT and INVARIANTS). */
export function names(text: string, keywords: readonly string[]): string[] {
  return sections(text).filter((s) => keywords.includes(s.keyword)).flatMap((s) => s.body.split(/\s+/).filter((x) => x !== ''));
}

function assignments(body: string): Assignment[] {
  const out: Assignment[] = [];
  let k = 0;
  const skip = (): void => { while (k < body.length && /\s/.test(body[k] as string)) k++; };
  while ((skip(), k < body.length)) {
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(body.slice(k))?.[0];
    if (name === undefined) throw new Error(`cannot read a constant at '${body.slice(k, k + 20)}'`);
    k += name.length;
    skip();
    const op = body.startsWith('<-', k) ? '<-' : body.startsWith('=', k) ? '=' : null;
    if (op === null) throw new Error(`constant ${name}: expected '=' or '<-'`);
    k += op.length;
    skip();
    const from = k;
    if (body[k] === '{') {
      for (let depth = 0; k < body.length; k++) {
        if (body[k] === '{') depth++;
        if (body[k] === '}' && --depth === 0) break;
      }
      if (k >= body.length) throw new Error(`constant ${name}: unbalanced braces`);
      k++;
    } else if (body[k] === '"') {
      k = body.indexOf('"', k + 1) + 1;
      if (k === 0) throw new Error(`constant ${name}: unterminated string`);
    } else {
      while (k < body.length && /[A-Za-z0-9_-]/.test(body[k] as string)) k++;
    }
    const value = body.slice(from, k).trim();
    if (value === '') throw new Error(`constant ${name}: no value`);
    out.push({ name, op, value });
  }
  return out;
}

/** What a setting changes in a base .cfg. */
export interface CfgChanges {
  /** New values of constants the base file assigns (`"{s1, s2, s3}"`, or `"<- MCQuorum"`). */
  readonly constants?: Readonly<Record<string, string>>;
  /** Replace every INVARIANT(S) section by these names. */
  readonly invariants?: readonly string[];
  /** Replace every PROPERTY/PROPERTIES section by these names (empty: none). */
  readonly properties?: readonly string[];
  /** Add `SYMMETRY <name>`. */
  readonly symmetry?: string;
}

/** The base .cfg with `changes` applied, one assignment per line; unknown constants are an error. */
export function rewrite(text: string, changes: CfgChanges): string {
  const given = sections(text);
  const set = { ...(changes.constants ?? {}) };
  const lines: string[] = [];
  for (const s of given) {
    if (s.keyword.startsWith('CONSTANT')) {
      lines.push('CONSTANTS');
      for (const a of assignments(s.body)) {
        const v = set[a.name];
        delete set[a.name];
        lines.push(`    ${a.name} ${v === undefined ? `${a.op} ${a.value}` : v.startsWith('<-') ? v : `= ${v}`}`);
      }
    } else if (s.keyword.startsWith('INVARIANT') && changes.invariants !== undefined) {
      continue;
    } else if (s.keyword.startsWith('PROPERT') && changes.properties !== undefined) {
      continue;
    } else {
      lines.push(`${s.keyword}${s.body === '' ? '' : s.body.includes('\n') ? `\n    ${s.body.split(/\s+/).join('\n    ')}` : ` ${s.body}`}`);
    }
  }
  const unknown = Object.keys(set);
  if (unknown.length > 0) throw new Error(`the base .cfg assigns no constant ${unknown.join(', ')}`);
  if (changes.invariants !== undefined && changes.invariants.length > 0) lines.push('INVARIANTS', ...changes.invariants.map((x) => `    ${x}`));
  if (changes.properties !== undefined && changes.properties.length > 0) lines.push('PROPERTIES', ...changes.properties.map((x) => `    ${x}`));
  if (changes.symmetry !== undefined) lines.push(`SYMMETRY ${changes.symmetry}`);
  return `${lines.join('\n')}\n`;
}

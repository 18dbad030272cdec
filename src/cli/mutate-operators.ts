// The standard mutation operators, applied one at a time to one line of a protocol's source:
// relational operator replacement, conjunct deletion, boolean negation, off-by-one on integers.

/** One mutant: a line of a file replaced. */
export interface Mutant {
  readonly id: string;
  readonly file: string;
  /** 0-based line. */
  readonly line: number;
  readonly operator: 'ror' | 'conjunct' | 'negation' | 'off-by-one';
  readonly before: string;
  readonly after: string;
}

const ROR: Readonly<Record<string, readonly string[]>> = {
  '<': ['<='], '<=': ['<'], '>': ['>='], '>=': ['>'], '===': ['!=='], '!==': ['==='],
};

/** The code part of a line (no trailing comment), or null for a line that holds no guard or effect. */
function codeOf(line: string): string | null {
  const t = line.trim();
  if (t === '' || t.startsWith('//') || t.startsWith('*') || t.startsWith('/*') || t.startsWith('import ') || t.startsWith('export type ')) return null;
  if (/^(readonly |export interface |interface |type )/.test(t)) return null;
  const c = line.indexOf(' // ');
  return c < 0 ? line : line.slice(0, c);
}

/** Positions in `code` outside string literals. */
function outsideStrings(code: string): boolean[] {
  const out: boolean[] = [];
  let q: string | null = null;
  for (let k = 0; k < code.length; k++) {
    const ch = code[k] as string;
    if (q !== null) {
      out.push(false);
      if (ch === q && code[k - 1] !== '\\') q = null;
    } else if (ch === "'" || ch === '"' || ch === '`') {
      q = ch;
      out.push(false);
    } else out.push(true);
  }
  return out;
}

/** The end of the operand that starts at `k` (exclusive), scanning right at bracket depth 0. */
function operandEnd(code: string, k: number): number {
  let depth = 0;
  for (let p = k; p < code.length; p++) {
    const ch = code[p] as string;
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) {
      if (depth === 0) return p;
      depth--;
    } else if (depth === 0 && (code.startsWith(' && ', p) || code.startsWith(' || ', p) || code.startsWith(' ? ', p) || ch === ';' || ch === ',')) return p;
  }
  return code.length;
}

/** The start of the operand that ends at `k` (exclusive), scanning left at bracket depth 0. */
function operandStart(code: string, k: number): number {
  let depth = 0;
  for (let p = k - 1; p >= 0; p--) {
    const ch = code[p] as string;
    if (')]}'.includes(ch)) depth++;
    else if ('([{'.includes(ch)) {
      if (depth === 0) return p + 1;
      depth--;
    } else if (depth === 0) {
      for (const d of [' && ', ' || ', ' = ', 'return ', ' ? ', ', ', ': ', '=> ', '; ']) if (code.startsWith(d, p - d.length + 1)) return p + 1;
    }
  }
  return 0;
}

/** Every mutant of one line. */
export function mutantsOf(file: string, lineNo: number, line: string): Mutant[] {
  const code = codeOf(line);
  if (code === null) return [];
  const free = outsideStrings(code);
  const rest = line.slice(code.length);
  const out: Mutant[] = [];
  const add = (operator: Mutant['operator'], mutated: string): void => {
    const after = mutated + rest;
    if (after !== line) out.push({ id: `${file}:${lineNo + 1}:${out.length + 1}`, file, line: lineNo, operator, before: line, after });
  };
  for (const m of code.matchAll(/ (<=|>=|===|!==|<|>) /g)) {
    const at = (m.index as number) + 1;
    if (!free[at]) continue;
    for (const r of ROR[m[1] as string] ?? []) add('ror', code.slice(0, at) + r + code.slice(at + (m[1] as string).length));
  }
  for (const m of code.matchAll(/ && /g)) {
    const at = m.index as number;
    if (!free[at]) continue;
    add('conjunct', code.slice(0, operandStart(code, at)) + code.slice(at + 4)); // drop the left conjunct
    add('conjunct', code.slice(0, at) + code.slice(operandEnd(code, at + 4))); // drop the right one
  }
  for (const m of code.matchAll(/\bif \(/g)) {
    const open = (m.index as number) + 3;
    const close = operandEnd(code, open + 1);
    if (code[close] === ')') add('negation', `${code.slice(0, open + 1)}!(${code.slice(open + 1, close)})${code.slice(close)}`);
  }
  for (const m of code.matchAll(/!(?!=)(?=[\w(])/g)) {
    const at = m.index as number;
    if (free[at]) add('negation', code.slice(0, at) + code.slice(at + 1));
  }
  for (const m of code.matchAll(/\b(true|false)\b/g)) {
    const at = m.index as number;
    if (free[at]) add('negation', code.slice(0, at) + (m[1] === 'true' ? 'false' : 'true') + code.slice(at + (m[1] as string).length));
  }
  for (const m of code.matchAll(/(?<![\w.$])(\d+)(?![\w.])/g)) {
    const at = m.index as number;
    if (!free[at]) continue;
    const n = Number(m[1]);
    for (const v of n === 0 ? [1] : [n - 1, n + 1]) add('off-by-one', code.slice(0, at) + String(v) + code.slice(at + (m[1] as string).length));
  }
  return out;
}

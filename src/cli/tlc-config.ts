// TLC's model file (.cfg) read as TLC reads it: directives, CONSTANTS with values or `<-`
// substitutions, `\*` and `(* *)` comments. Errors are one UsageError line naming file:line.
import { UsageError } from '../core/index.ts';

/** A constant's value as a .cfg can write it. */
export type CfgValue =
  | { readonly kind: 'int'; readonly n: number }
  | { readonly kind: 'bool'; readonly b: boolean }
  | { readonly kind: 'string'; readonly s: string }
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'set'; readonly items: readonly CfgValue[] };

/** A name with the line it appeared on. */
export interface At {
  readonly name: string;
  readonly line: number;
}

export type CfgConstant =
  | { readonly kind: 'value'; readonly name: string; readonly value: CfgValue; readonly line: number }
  | { readonly kind: 'subst'; readonly name: string; readonly by: string; readonly line: number };

/** Everything a .cfg says, in file order; a directive given twice keeps every occurrence. */
export interface TlcConfig {
  readonly file: string;
  readonly constants: readonly CfgConstant[];
  readonly specification: At | null;
  readonly invariants: readonly At[];
  readonly properties: readonly At[];
  readonly constraints: readonly At[];
  readonly symmetry: At | null;
  readonly view: At | null;
  readonly checkDeadlock: { readonly value: boolean; readonly line: number } | null;
}

interface Token {
  readonly text: string;
  readonly line: number;
}

const KEYWORDS = new Set([
  'SPECIFICATION', 'INIT', 'NEXT', 'CONSTANT', 'CONSTANTS', 'INVARIANT', 'INVARIANTS', 'PROPERTY', 'PROPERTIES',
  'CONSTRAINT', 'CONSTRAINTS', 'ACTION_CONSTRAINT', 'ACTION_CONSTRAINTS', 'SYMMETRY', 'VIEW', 'CHECK_DEADLOCK',
  'ALIAS', 'POSTCONDITION',
]);
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Splits the text into tokens, dropping comments; `file` names the file in errors. */
export function tokenize(text: string, file: string): Token[] {
  const out: Token[] = [];
  let line = 1;
  let k = 0;
  const fail = (msg: string): never => {
    throw new UsageError(`${file}:${line}: ${msg}`);
  };
  while (k < text.length) {
    const ch = text[k] as string;
    if (ch === '\n') line++;
    if (/\s/.test(ch)) k++;
    else if (text.startsWith('\\*', k)) while (k < text.length && text[k] !== '\n') k++;
    else if (text.startsWith('(*', k)) k = skipBlockComment(text, k, () => line++, fail);
    else if (ch === '"') {
      const end = text.indexOf('"', k + 1);
      if (end < 0 || text.slice(k, end).includes('\n')) fail('unterminated string');
      out.push({ text: text.slice(k, end + 1), line });
      k = end + 1;
    } else {
      const m = /^(<-|\.\.|[{}(),=[\]]|-?\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(k, k + 200));
      if (m === null) fail(`unexpected '${ch}'`);
      out.push({ text: (m as RegExpExecArray)[0], line });
      k += (m as RegExpExecArray)[0].length;
    }
  }
  return out;
}

function skipBlockComment(text: string, start: number, newline: () => void, fail: (m: string) => never): number {
  let depth = 0;
  let k = start;
  while (k < text.length) {
    if (text.startsWith('(*', k)) (depth++, (k += 2));
    else if (text.startsWith('*)', k)) {
      depth--;
      k += 2;
      if (depth === 0) return k;
    } else {
      if (text[k] === '\n') newline();
      k++;
    }
  }
  return fail('unterminated (* comment');
}

/** Parses a .cfg's text; `file` is how errors name it. */
export function parseTlcConfig(text: string, file: string): TlcConfig {
  const ts = tokenize(text, file);
  let k = 0;
  const fail = (msg: string, at: Token | undefined = ts[k]): never => {
    throw new UsageError(`${file}:${at?.line ?? ts.at(-1)?.line ?? 1}: ${msg}`);
  };
  const next = (what: string): Token => ts[k++] ?? fail(`expected ${what} at the end of the file`);
  const ident = (what: string): At => {
    const t = next(what);
    if (!IDENT.test(t.text) || KEYWORDS.has(t.text)) fail(`expected ${what}, got '${t.text}'`, t);
    return { name: t.text, line: t.line };
  };
  const atName = (): boolean => ts[k] !== undefined && IDENT.test(ts[k]?.text ?? '') && !KEYWORDS.has(ts[k]?.text ?? '');
  const value = (): CfgValue => parseValue(next('a value'), () => next('a value'), () => ts[k], () => k++, fail);

  const constants: CfgConstant[] = [];
  const invariants: At[] = [];
  const properties: At[] = [];
  const constraints: At[] = [];
  let specification: At | null = null;
  let symmetry: At | null = null;
  let view: At | null = null;
  let checkDeadlock: TlcConfig['checkDeadlock'] = null;
  while (k < ts.length) {
    const kw = next('a directive');
    switch (kw.text) {
      case 'CONSTANT':
      case 'CONSTANTS':
        while (atName()) {
          const name = ident('a constant');
          const op = next(`'=' or '<-' after ${name.name}`);
          if (op.text === '<-') {
            if (ts[k]?.text === '[') fail(`${name.name} <- [Module]...: module-scoped substitutions are not supported`);
            constants.push({ kind: 'subst', name: name.name, by: ident('a definition').name, line: name.line });
          } else if (op.text === '=') constants.push({ kind: 'value', name: name.name, value: value(), line: name.line });
          else fail(`expected '=' or '<-' after ${name.name}, got '${op.text}' (operator constants are not supported)`, op);
        }
        break;
      case 'INVARIANT':
      case 'INVARIANTS':
        while (atName()) invariants.push(ident('an invariant'));
        break;
      case 'PROPERTY':
      case 'PROPERTIES':
        while (atName()) properties.push(ident('a property'));
        break;
      case 'CONSTRAINT':
      case 'CONSTRAINTS':
        while (atName()) constraints.push(ident('a constraint'));
        break;
      case 'SPECIFICATION':
        specification = ident('a specification');
        break;
      case 'SYMMETRY':
        symmetry = ident('a symmetry set');
        break;
      case 'VIEW':
        view = ident('a view');
        break;
      case 'CHECK_DEADLOCK': {
        const t = next('TRUE or FALSE');
        if (t.text !== 'TRUE' && t.text !== 'FALSE') fail(`CHECK_DEADLOCK takes TRUE or FALSE, got '${t.text}'`, t);
        checkDeadlock = { value: t.text === 'TRUE', line: t.line };
        break;
      }
      default:
        if (KEYWORDS.has(kw.text)) fail(`${kw.text} is not supported by check (supported: SPECIFICATION, CONSTANTS, INVARIANTS, PROPERTIES, CONSTRAINTS, SYMMETRY, VIEW, CHECK_DEADLOCK)`, kw);
        fail(`expected a directive such as CONSTANTS or INVARIANTS, got '${kw.text}'`, kw);
    }
  }
  return { file, constants, specification, invariants, properties, constraints, symmetry, view, checkDeadlock };
}

/** A value starting at token `t`: integer, range a..b, TRUE/FALSE, "string", name, or {set}. */
function parseValue(
  t: Token, next: () => Token, peek: () => Token | undefined, skip: () => void, fail: (m: string, at?: Token) => never,
): CfgValue {
  const self = (u: Token): CfgValue => parseValue(u, next, peek, skip, fail);
  if (/^-?\d+$/.test(t.text)) {
    const n = Number(t.text);
    if (peek()?.text !== '..') return { kind: 'int', n };
    skip();
    const hi = next();
    if (!/^-?\d+$/.test(hi.text)) fail(`expected an integer after '..', got '${hi.text}'`, hi);
    return { kind: 'set', items: Array.from({ length: Math.max(0, Number(hi.text) - n + 1) }, (_, j) => ({ kind: 'int', n: n + j }) as const) };
  }
  if (t.text === 'TRUE' || t.text === 'FALSE') return { kind: 'bool', b: t.text === 'TRUE' };
  if (t.text.startsWith('"')) return { kind: 'string', s: t.text.slice(1, -1) };
  if (t.text === '{') {
    const items: CfgValue[] = [];
    if (peek()?.text === '}') return (skip(), { kind: 'set', items });
    for (;;) {
      items.push(self(next()));
      const sep = next();
      if (sep.text === '}') return { kind: 'set', items };
      if (sep.text !== ',') fail(`expected ',' or '}' in a set, got '${sep.text}'`, sep);
    }
  }
  if (IDENT.test(t.text) && !KEYWORDS.has(t.text)) return { kind: 'name', name: t.text };
  return fail(`expected a value (a number, TRUE, FALSE, a name or {...}), got '${t.text}'`, t);
}

/** A value as TLA+ would print it, for messages. */
export function show(v: CfgValue): string {
  switch (v.kind) {
    case 'int':
      return String(v.n);
    case 'bool':
      return v.b ? 'TRUE' : 'FALSE';
    case 'string':
      return `"${v.s}"`;
    case 'name':
      return v.name;
    case 'set':
      return `{${v.items.map(show).join(', ')}}`;
  }
}

/** One value written alone, e.g. a definition's right-hand side; `line` is where it starts. */
export function parseValueText(text: string, file: string, line: number): CfgValue {
  const ts = tokenize(text, file).map((t) => ({ text: t.text, line: t.line + line - 1 }));
  let k = 0;
  const fail = (msg: string, at: Token | undefined = ts[k]): never => {
    throw new UsageError(`${file}:${at?.line ?? line}: ${msg}`);
  };
  const next = (): Token => ts[k++] ?? fail('expected a value');
  const v = parseValue(next(), next, () => ts[k], () => k++, fail);
  if (k < ts.length) fail(`unexpected '${ts[k]?.text}' after the value`);
  return v;
}

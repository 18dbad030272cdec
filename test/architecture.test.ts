// Dependency direction and purity (style.md, design.md): each layer imports only the layers and
// packages it may (static, re-exported, side-effect and dynamic imports alike); protocols hold no
// clock, randomness, I/O or module-level mutable state; functions stay under about 80 lines. The
// rules are functions of a file's path and text, and the last tests feed them bad snippets.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

function files(dir: string): string[] {
  const abs = join(root, dir);
  try {
    statSync(abs);
  } catch {
    return [];
  }
  return readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|mjs)$/.test(f))
    .map((f) => join(dir, f));
}

const read = (file: string): string => readFileSync(join(root, file), 'utf8');

/** Every module a file loads: static, re-exported, side-effect (`import 'x'`), dynamic or required. */
export function imports(text: string): string[] {
  const out: string[] = [];
  const forms = [
    /(?:^|[\s;])(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g,
    /(?:^|[\s;])import\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]/g,
    /\brequire\s*\(\s*['"`]([^'"`]+)['"`]/g,
  ];
  for (const re of forms) for (const m of text.matchAll(re)) out.push(m[1] as string);
  return out;
}

/** Whether a file loads a module whose name is computed (`import(x)`), which no scan can check. */
const computedImport = (text: string): boolean => /\bimport\s*\(\s*[^'"`\s)]/.test(text) || /\brequire\s*\(\s*[^'"`\s)]/.test(text);

/** Where an import points: a top-level area of ours (`src/core`, `model-check`, ...) or a package. */
function target(file: string, spec: string): string {
  if (!spec.startsWith('.')) return spec.startsWith('node:') ? 'node:' : spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string);
  const to = relative(root, resolve(root, dirname(file), spec));
  const parts = to.split('/');
  return parts[0] === 'src' ? `src/${parts[1]}` : (parts[0] as string);
}

const srcDirs = readdirSync(join(root, 'src'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `src/${d.name}`);
/** Folders of src/ that are shared layers; every other folder of src/ is a protocol. */
const layers = ['src/core', 'src/runtime', 'src/cli'];
/** The report layer (traces drawn as diagrams) and the browser explorer: no protocol, no runtime. */
const reportDirs = ['report', 'explorer'];
const protocolDirs = srcDirs.filter((d) => !layers.includes(d) && !reportDirs.includes(d));
const browserDrivers = ['playwright', 'playwright-core', '@playwright/test', 'puppeteer', 'puppeteer-core', 'selenium-webdriver', 'webdriverio'];
const diagramLibraries = ['mermaid', 'd3', '@viz-js/viz', 'elkjs', 'dagre'];

/** The folder a file belongs to (`src/raft`, `model-check`, `test`, ...). */
function areaOf(file: string): string {
  const parts = file.split('/');
  return parts[0] === 'src' ? `src/${parts[1]}` : (parts[0] as string);
}

/** What each area may import: areas of ours and packages (`node:` stands for every built-in). */
function allowedFor(area: string): readonly string[] {
  if (area === 'src/core') return ['src/core'];
  if (area === 'model-check') return ['model-check', 'src/core', 'node:'];
  if (area === 'src/runtime') return ['src/runtime', 'src/core', 'node:', 'prom-client'];
  if (area === 'src/cli') return [...srcDirs, 'model-check', ...reportDirs, 'node:', 'immer', 'prom-client', 'tsx'];
  if (area === 'report') return [area, 'src/core', 'model-check', ...diagramLibraries];
  if (area === 'explorer') return [area, 'report', 'src/core', 'model-check', 'node:'];
  return [area, 'src/core', 'immer', 'ts-pattern'];
}

/** Files that need one more import than their area, each with the reason. */
const importExceptions: Readonly<Record<string, { readonly allow: readonly string[]; readonly why: string }>> = {
  'model-check/worker.mjs': { allow: ['tsx'], why: "Node 20 does not pass tsx's loader on to a worker thread: the unbundled worker registers it itself" },
  'model-check/worker-bundle.ts': { allow: ['esbuild'], why: "the worker's code is one bundle that esbuild builds, so a worker is ready in a tenth of a second" },
  'src/cli/launch.mjs': { allow: ['esbuild'], why: 'the CLI starts from one bundle of the current sources, built by esbuild, so a start need not load each file through tsx' },
  'src/cli/bin.mjs': { allow: ['computed'], why: 'it imports that bundle, whose name is its content hash' },
  'model-check/factory.ts': { allow: ['computed'], why: 'a model factory names the module that builds the model (src/cli), which the explorer may not import by name' },
};

/** Functions longer than the limit that stay for now, each with the reason (not in the explorer or a protocol). */
const longAllowed: Readonly<Record<string, string>> = {
  'src/runtime/maelstrom.ts:runMaelstrom': "the Maelstrom loop, owned by the runtime-hardening issue's branch, which is changing it",
  'src/runtime/run.ts:startLocked': "the node start-up, owned by the runtime-hardening issue's branch, which is changing it",
  'src/runtime/lin/check.ts:search': 'the linearizability search: one backtracking loop over its stack',
};

/**
 * Source with comments, strings, template literals and regular expressions blanked (newlines kept),
 * so that braces, quotes and words inside them do not count.
 */
export function code(text: string): string {
  const out = text.split('');
  const blank = (from: number, to: number): void => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  let k = 0;
  let prev = '';
  while (k < text.length) {
    const ch = text[k] as string;
    const two = text.slice(k, k + 2);
    let end = -1;
    if (two === '//') end = text.indexOf('\n', k) < 0 ? text.length : text.indexOf('\n', k);
    else if (two === '/*') end = text.indexOf('*/', k + 2) < 0 ? text.length : text.indexOf('*/', k + 2) + 2;
    else if (ch === "'" || ch === '"' || ch === '`') end = closing(text, k, ch);
    else if (ch === '/' && /^$|[(,=:[!&|?{};+\-*%<>~^]$/.test(prev)) end = closing(text, k, '/');
    if (end > k) {
      blank(ch === '/' && two !== '//' && two !== '/*' ? k + 1 : k, ch === '/' && two !== '//' && two !== '/*' ? end - 1 : end);
      prev = 'x';
      k = end;
      continue;
    }
    if (!/\s/.test(ch)) prev = /[\w$)\]]/.test(ch) ? 'x' : ch;
    if (/\s/.test(ch) && /\b(?:return|typeof|case|of|in)$/.test(text.slice(Math.max(0, k - 6), k))) prev = '';
    k++;
  }
  return out.join('');
}

/** Where the literal opened at `k` by `q` ends (after its closing quote); template `${}` bodies included. */
function closing(text: string, k: number, q: string): number {
  let j = k + 1;
  let inClass = false;
  while (j < text.length) {
    const c = text[j] as string;
    if (c === '\\') j += 2;
    else if (q === '/' && c === '[') (inClass = true), j++;
    else if (q === '/' && c === ']') (inClass = false), j++;
    else if (c === '\n' && q !== '`') return j;
    else if (c === q && !inClass) return j + 1;
    else j++;
  }
  return text.length;
}

/** Functions (declarations, methods, arrow bodies) longer than `max` lines, as `line (n lines): head`. */
export function longFunctions(text: string, max: number): string[] {
  const lines = code(text).split('\n');
  const heads = /\bfunction\b|=>\s*\{\s*$|^\s*(?:(?:public|private|protected|static|async|get|set)\s+)*[A-Za-z_$][\w$]*\s*(?:<[^>]*>)?\(/;
  const out: string[] = [];
  lines.forEach((line, k) => {
    if (!heads.test(line) || /^\s*(?:if|for|while|switch|catch|with|return)\b/.test(line)) return;
    // The body is the first brace outside the parameter list; its end is where that brace closes.
    let parens = 0;
    let depth = 0;
    let open = false;
    for (let j = k; j < lines.length && j < k + 400; j++) {
      for (const ch of lines[j] as string) {
        if (!open) {
          if (ch === '(') parens++;
          else if (ch === ')') parens--;
          else if (ch === ';' && parens === 0) return;
          else if (ch === '{' && parens === 0) open = true;
          if (!open) continue;
        }
        depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
        if (open && depth === 0) {
          if (j - k + 1 > max) out.push(`${k + 1} (${j - k + 1} lines): ${line.trim().slice(0, 60)}`);
          return;
        }
      }
    }
  });
  return out;
}

const CLOCKS = /\b(?:Date\b|Math\.random|performance\.|process\.|setTimeout|setInterval|setImmediate|queueMicrotask|crypto\.|console\.|globalThis\.)/;
/** Module-level mutable state: a `let`/`var`, or a table, set or list made empty to be filled. */
const MODULE_STATE = /^(?:export\s+)?(?:(?:let|var)\s+\w+|const\s+\w+\s*(?::[^=\n]+)?=\s*(?:new\s+(?:Weak)?(?:Map|Set)\b(?:<[^>]*>)?\(\s*\)|new\s+Array\b|\[\s*\]|\{\s*\}|Object\.create\b))/m;

/** Where the brace opened at `k` closes (the text's end if it does not). */
function matching(body: string, k: number): number {
  let depth = 0;
  for (let j = k; j < body.length; j++) {
    depth += body[j] === '{' ? 1 : body[j] === '}' ? -1 : 0;
    if (depth === 0) return j;
  }
  return body.length;
}

/** A `let` of a function that a closure the function returns assigns: state kept between the closure's calls (a cache). */
export function closureState(body: string): string | null {
  const returned = /\breturn\s+(?:async\s+)?(?:function\b[^{]*|(?:\([^()]*\)|[A-Za-z_$][\w$]*)\s*(?::[^=;{]+)?=>\s*)\{/g;
  for (const r of body.matchAll(returned)) {
    const open = (r.index as number) + r[0].length - 1;
    const inner = body.slice(open, matching(body, open) + 1);
    // The lets of the enclosing top-level declaration, before the return, not declared again inside the closure.
    let from = 0;
    for (const t of body.slice(0, r.index).matchAll(/\n(?=\S)/g)) from = t.index;
    for (const l of body.slice(from, r.index).matchAll(/\blet\s+([A-Za-z_$][\w$]*)/g)) {
      const name = l[1] as string;
      if (new RegExp(`\\b(?:let|const|var)\\s+${name}\\b`).test(inner)) continue;
      if (new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}\\s*(?:[-+*/%&|^]|\\?\\?|&&|\\|\\|)?=(?![=>])|(?:\\+\\+|--)${name}\\b|\\b${name}(?:\\+\\+|--)`).test(inner)) return `let ${name}`;
    }
  }
  return null;
}

/** What breaks the rules in one file: its imports, and for a protocol its purity; long functions apart. */
export function violations(file: string, text: string): string[] {
  const area = areaOf(file);
  const body = code(text);
  const out: string[] = [];
  const extra = importExceptions[file]?.allow ?? [];
  const allowed = [...allowedFor(area), ...extra];
  for (const s of imports(text)) {
    const to = target(file, s);
    if (!allowed.includes(to)) out.push(`${file} imports ${s} (${area} may import ${allowed.join(', ')})`);
  }
  if (computedImport(body) && !extra.includes('computed')) out.push(`${file} imports a module by a computed name`);
  if (area.startsWith('src/') && !layers.includes(area) && !reportDirs.includes(area)) {
    const clock = body.match(CLOCKS)?.[0];
    if (clock !== undefined) out.push(`${file} uses ${clock} (a protocol has no clock, randomness, timer or I/O)`);
    const state = body.match(MODULE_STATE)?.[0];
    if (state !== undefined) out.push(`${file} holds module-level mutable state: ${state.trim()}`);
    const kept = closureState(body);
    if (kept !== null) out.push(`${file} keeps state between calls in a closure it returns: ${kept} (a cache: speed lives outside protocol folders)`);
  }
  return out;
}

/** Functions over `max` lines in a file, except those allowed by name. */
export function tooLong(file: string, text: string, max = 80): string[] {
  return longFunctions(text, max)
    .filter((x) => !Object.keys(longAllowed).some((k) => k.startsWith(`${file}:`) && x.includes(k.slice(file.length + 1))))
    .map((x) => `${file}:${x}`);
}

describe('architecture', () => {
  const ours = [...srcDirs, 'model-check', ...reportDirs.filter((d) => existsSync(join(root, d)))].flatMap(files);

  it('finds the layers and protocols it checks', () => {
    expect(protocolDirs).toEqual(expect.arrayContaining(['src/paxos', 'src/raft', 'src/basicpaxos', 'src/multipaxos', 'src/twophase']));
    expect(ours.length).toBeGreaterThan(100);
  });

  it('every file of src/ and model-check/ imports only what its layer may, in every form of import', () => {
    expect(ours.flatMap((f) => violations(f, read(f)))).toEqual([]);
  });

  it('the browser explorer\'s server imports only src/core, the model checker, the report layer, itself and node built-ins', () => {
    expect(files('explorer').length).toBeGreaterThan(0);
    for (const f of files('explorer')) {
      for (const s of imports(read(f))) expect([f, s, ['explorer', 'src/core', 'model-check', 'report', 'node:'].includes(target(f, s))]).toEqual([f, s, true]);
    }
  });

  it('browser drivers are imported by tests only', () => {
    for (const f of ours) for (const s of imports(read(f))) expect([f, browserDrivers.includes(target(f, s))]).toEqual([f, false]);
  });

  it('no function in src/ or model-check/ is longer than about 80 lines (a short list excepted, each with its reason)', () => {
    expect(ours.flatMap((f) => tooLong(f, read(f)))).toEqual([]);
    for (const key of Object.keys(longAllowed)) {
      const [file, name] = key.split(':') as [string, string];
      expect([key, longFunctions(read(file), 80).some((x) => x.includes(name))]).toEqual([key, true]);
    }
  });

  it('the scans catch what they look for', () => {
    expect(imports("import '../src/raft/index.ts';\nconst m = await import('../src/paxos/index.ts');\nexport * from './x.ts';")).toEqual(['./x.ts', '../src/raft/index.ts', '../src/paxos/index.ts']);
    expect(computedImport(code('const m = await import(f.module);'))).toBe(true);
    expect(computedImport(code("const m = await import('./x.ts');"))).toBe(false);
    const long = `function f(\n  a: number,\n): void {\n${'  x++;\n'.repeat(90)}}\nconst g = () => {\n  return 1;\n};\n`;
    expect(longFunctions(long, 80)).toEqual([expect.stringMatching(/^1 \(94 lines\)/)]);
    expect(code("let s = '{'; // }").includes('{')).toBe(false);
    // A URL in a string is not a comment, and a regular expression's quote opens no string.
    expect(code("const u = `http://x/${a}`;\nconst r = /['\"]/;\nf(() => {\n});").split('\n')[2]).toBe('f(() => {');
  });

  it('a bad snippet in each layer fails the rules', () => {
    const bad = (file: string, text: string): string[] => violations(file, text);
    expect(bad('model-check/bfs.ts', "import '../src/raft/index.ts';\n")).toEqual([expect.stringContaining('imports ../src/raft/index.ts')]);
    expect(bad('model-check/bfs.ts', "const p = await import('../src/paxos/index.ts');\n")).toEqual([expect.stringContaining('imports ../src/paxos/index.ts')]);
    expect(bad('model-check/bfs.ts', 'const p = await import(name);\n')).toEqual([expect.stringContaining('computed name')]);
    expect(bad('model-check/bfs.ts', "import { produce } from 'immer';\n")).toEqual([expect.stringContaining('imports immer')]);
    expect(bad('src/runtime/node.ts', "export { step } from '../raft/step.ts';\n")).toEqual([expect.stringContaining('imports ../raft/step.ts')]);
    expect(bad('src/core/model.ts', "import type { Server } from '../raft/types.ts';\n")).toHaveLength(1);
    expect(bad('src/raft/step.ts', "import _ from 'lodash';\n")).toEqual([expect.stringContaining('imports lodash')]);
    expect(bad('src/raft/step.ts', "import { Hasher } from '../../model-check/fingerprint.ts';\n")).toHaveLength(1);
    for (const clock of ['Date.now()', 'new Date()', 'performance.now()', 'Math.random()', 'process.hrtime()', 'setTimeout(f, 1)', 'crypto.randomUUID()', 'console.log(s)']) {
      expect([clock, bad('src/paxos/next.ts', `export function f(): number {\n  return ${clock};\n}\n`)]).toEqual([clock, [expect.stringContaining('uses ')]]);
    }
    for (const state of ['let calls = 0;', 'var calls = 0;', 'const cache = new Map<string, number>();', 'export const seen = new WeakSet();', 'const log: string[] = [];', 'const table: Record<string, number> = {};']) {
      expect([state, bad('src/twophase/protocol.ts', `${state}\n`)]).toEqual([state, [expect.stringContaining('module-level mutable state')]]);
    }
    const memo = 'export function memo(): (s: number) => number {\n  let last: number | null = null;\n  return (s) => {\n    if (last === s) return s;\n    last = s;\n    return s;\n  };\n}\n';
    expect(bad('src/raft/x.ts', memo)).toEqual([expect.stringContaining('keeps state between calls in a closure it returns: let last')]);
    expect(bad('src/raft/x.ts', `export function other(): number {\n  let last = 0;\n  return last;\n}\n${memo.replace(/let last: number \| null = null;\n/, '').replace(/last/g, 'x')}`)).toEqual([]);
    // What a protocol may hold: constants, tables filled where they are written, state inside functions.
    expect(bad('src/raft/x.ts', "import { produce } from 'immer';\nconst ROLES = new Set(['Follower', 'Leader']);\nexport function f(): number {\n  let n = 0;\n  const m = new Map();\n  return n + m.size;\n}\n// Date.now() in a comment\nconst s = 'performance.now()';\n")).toEqual([]);
    expect(bad('src/runtime/metrics.ts', "import { Registry } from 'prom-client';\nconst t = Date.now();\n")).toEqual([]);
    expect(tooLong('model-check/bfs.ts', `export function f(): void {\n${'  x++;\n'.repeat(85)}}\n`)).toHaveLength(1);
  });
});

// Dependency direction and purity (style.md, design.md): protocols import only src/core, immer and
// ts-pattern and hold no clock, randomness, I/O or module-level mutable state; the explorer and the
// runtime never import a protocol; only src/cli wires them together; functions stay short.
import { readdirSync, readFileSync, statSync } from 'node:fs';
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
/** Every folder of src/ that is not a shared layer is a protocol. */
const protocolDirs = srcDirs.filter((d) => !['src/core', 'src/runtime', 'src/cli'].includes(d));
const ourCode = [...srcDirs, 'model-check', 'report', 'explorer'];
const browserDrivers = ['playwright', 'playwright-core', '@playwright/test', 'puppeteer', 'puppeteer-core', 'selenium-webdriver', 'webdriverio'];

/** Source with comments and string contents blanked, so braces and words in them do not count. */
export function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/\/\/[^\n]*/g, '')
    .replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g, (m) => m.replace(/[^\n]/g, ' '));
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

describe('architecture', () => {
  it('src/core imports nothing of ours and no I/O', () => {
    for (const f of files('src/core')) {
      for (const s of imports(read(f))) expect([f, target(f, s)]).toEqual([f, 'src/core']);
    }
  });

  it('protocols import only src/core, immer and ts-pattern, and use no clock, randomness, timers, console or module-level mutable state', () => {
    expect(protocolDirs).toEqual(expect.arrayContaining(['src/paxos', 'src/raft', 'src/twophase']));
    for (const dir of protocolDirs) {
      for (const f of files(dir)) {
        const text = read(f);
        for (const s of imports(text)) expect([f, s, [dir, 'src/core', 'immer', 'ts-pattern'].includes(target(f, s))]).toEqual([f, s, true]);
        const body = code(text);
        expect([f, computedImport(body)]).toEqual([f, false]);
        expect([f, body.match(/\b(Date\b|Math\.random|performance\.|process\.|setTimeout|setInterval|setImmediate|console\.|globalThis\.)/)?.[0] ?? null]).toEqual([f, null]);
        expect([f, body.match(/^(?:export\s+)?(?:let|var)\s+\w+/m)?.[0] ?? null]).toEqual([f, null]);
        // A module-level table is a cache: the checker's speed layer keeps those.
        expect([f, body.match(/^(?:export\s+)?const\s+\w+\s*(?::[^=]+)?=\s*new\s+(?:Weak)?Map\b/m)?.[0] ?? null]).toEqual([f, null]);
      }
    }
  });

  it('the explorer imports only src/core, node built-ins and esbuild, never a protocol', () => {
    for (const f of files('model-check')) {
      // How worker threads load their code: tsx's loader (which Node 20 does not pass on to workers),
      // or a bundle that esbuild builds.
      const allowed = f === 'model-check/worker.mjs' ? ['model-check', 'tsx'] : ['model-check', 'src/core', 'node:', 'esbuild'];
      for (const s of imports(read(f))) expect([f, s, allowed.includes(target(f, s))]).toEqual([f, s, true]);
      // A model factory is the one module the explorer loads by a computed name.
      if (f !== 'model-check/factory.ts') expect([f, computedImport(code(read(f)))]).toEqual([f, false]);
    }
  });

  it('the runtime imports only src/core, node built-ins and its own packages', () => {
    for (const f of files('src/runtime')) {
      for (const s of imports(read(f))) expect([f, s, ['src/runtime', 'src/core', 'node:', 'prom-client'].includes(target(f, s))]).toEqual([f, s, true]);
    }
  });

  it('the report layer imports only src/core, the explorer\'s trace types and itself, with no I/O', () => {
    for (const f of files('report')) {
      for (const s of imports(read(f))) expect([f, s, ['report', 'src/core', 'model-check'].includes(target(f, s))]).toEqual([f, s, true]);
      for (const m of read(f).matchAll(/import\s+(type\s+)?\{[^}]*\}\s+from\s+'([^']*model-check[^']*)'/g)) expect([f, m[2], m[1] !== undefined]).toEqual([f, m[2], true]);
    }
  });

  it('the browser explorer\'s server imports only src/core, the model checker, the report layer, itself and node built-ins', () => {
    expect(files('explorer').length).toBeGreaterThan(0);
    for (const f of files('explorer')) {
      for (const s of imports(read(f))) expect([f, s, ['explorer', 'src/core', 'model-check', 'report', 'node:'].includes(target(f, s))]).toEqual([f, s, true]);
    }
  });

  it('browser drivers are imported by tests only', () => {
    for (const f of ourCode.flatMap(files)) {
      for (const s of imports(read(f))) expect([f, browserDrivers.includes(target(f, s))]).toEqual([f, false]);
    }
  });

  it('no function in src/core, a protocol or the explorer is longer than about 80 lines', () => {
    const long = ['src/core', ...protocolDirs, 'model-check'].flatMap(files).flatMap((f) => longFunctions(read(f), 85).map((x) => `${f}:${x}`));
    expect(long).toEqual([]);
  });

  it('the scans catch what they look for', () => {
    expect(imports("import '../src/raft/index.ts';\nconst m = await import('../src/paxos/index.ts');\nexport * from './x.ts';")).toEqual(['./x.ts', '../src/raft/index.ts', '../src/paxos/index.ts']);
    expect(computedImport(code('const m = await import(f.module);'))).toBe(true);
    expect(computedImport(code("const m = await import('./x.ts');"))).toBe(false);
    const long = `function f(\n  a: number,\n): void {\n${'  x++;\n'.repeat(90)}}\nconst g = () => {\n  return 1;\n};\n`;
    expect(longFunctions(long, 85)).toEqual([expect.stringMatching(/^1 \(94 lines\)/)]);
    expect(code("let s = '{'; // }").includes('{')).toBe(false);
  });
});

// Dependency direction (style.md): protocols import only src/core and their libraries; the explorer
// and the runtime never import a protocol; only src/cli wires them together.
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

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    out.push((m[1] ?? m[2]) as string);
  }
  return out;
}

/** Where an import points: a top-level area of ours (`src/core`, `model-check`, ...) or a package. */
function target(file: string, spec: string): string {
  if (!spec.startsWith('.')) return spec.startsWith('node:') ? 'node:' : spec.split('/')[0] as string;
  const to = relative(root, resolve(root, dirname(file), spec));
  const parts = to.split('/');
  return parts[0] === 'src' ? `src/${parts[1]}` : (parts[0] as string);
}

const protocolDirs = ['src/paxos', 'src/raft', 'src/multipaxos', 'src/basicpaxos'];

describe('architecture', () => {
  it('src/core imports nothing of ours and no I/O', () => {
    for (const f of files('src/core')) {
      for (const s of imports(f)) expect([f, target(f, s)]).toEqual([f, 'src/core']);
    }
  });

  it('protocols import only src/core, immer and ts-pattern, and use no clock, randomness, timers or console', () => {
    for (const dir of protocolDirs) {
      for (const f of files(dir)) {
        for (const s of imports(f)) expect([f, [dir, 'src/core', 'immer', 'ts-pattern'].includes(target(f, s))]).toEqual([f, true]);
        const text = readFileSync(join(root, f), 'utf8');
        expect([f, /\b(Date\.|new Date|Math\.random|setTimeout|setInterval|console\.|process\.)/.test(text)]).toEqual([f, false]);
      }
    }
  });

  it('the explorer imports only src/core and node built-ins, never a protocol', () => {
    for (const f of files('model-check')) {
      // How worker threads load their code: tsx's loader (which Node 20 does not pass on to workers),
      // or a bundle that esbuild builds.
      const allowed =
        f === 'model-check/worker.mjs' ? ['model-check', 'tsx']
        : f === 'model-check/worker-bundle.ts' ? ['model-check', 'node:', 'esbuild']
        : ['model-check', 'src/core', 'node:'];
      for (const s of imports(f)) expect([f, allowed.includes(target(f, s))]).toEqual([f, true]);
    }
  });

  it('the runtime imports only src/core and node built-ins', () => {
    for (const f of files('src/runtime')) {
      for (const s of imports(f)) expect([f, ['src/runtime', 'src/core', 'node:'].includes(target(f, s))]).toEqual([f, true]);
    }
  });
});

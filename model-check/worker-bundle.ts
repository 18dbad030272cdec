// The code a worker thread runs, as one script: the worker loop and the factory's module, bundled
// by esbuild once per run, so that a worker need not load every TypeScript file through tsx's hooks
// (docs/explorer.md, "Workers").
import { fileURLToPath } from 'node:url';
import type { ModelFactory } from './factory.ts';

/**
 * A CommonJS script that serves as an explorer worker for `factory` (for `new Worker(script, {
 * eval: true })`), or null when it cannot be built here (no esbuild, or a module that is not a
 * file): the caller then starts workers from worker.mjs, which loads the same files through tsx.
 */
export async function workerBundle(factory: ModelFactory): Promise<string | null> {
  if (!factory.module.startsWith('file:')) return null;
  try {
    // Resolved here, not at load: this module is itself part of the bundle, where import.meta is empty.
    // The built package (dist/) has worker.js beside this module's .js; the sources have worker.ts.
    const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
    const workerFile = fileURLToPath(new URL(`./worker${ext}`, import.meta.url));
    const esbuild = await import('esbuild');
    const entry = [
      `const { serve } = require(${JSON.stringify(workerFile)});`,
      `serve(require(${JSON.stringify(fileURLToPath(factory.module))}));`,
    ].join('\n');
    const out = await esbuild.build({
      stdin: { contents: entry, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'js' },
      bundle: true, format: 'cjs', platform: 'node', target: 'node20', write: false, logLevel: 'silent',
    });
    return out.outputFiles[0]?.text ?? null;
  } catch {
    return null;
  }
}

// The CLI as one esbuild bundle of the sources as they are now, rebuilt when a source file changes, so
// that a start need not load each TypeScript file through tsx's hooks (docs/explorer.md, "seventh session").
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire, SourceMap } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = fileURLToPath(new URL('./main.ts', import.meta.url));
/** Inside node_modules, so that the bundle's imports of packages resolve to the project's own. */
const CACHE = join(ROOT, 'node_modules', '.cache', 'consensus-checked');
/** Bundles not used for this long are removed when another is written. */
const UNUSED_MS = 24 * 3600 * 1000;

/**
 * The file URL of a bundle of `entry` built from the current sources (reused while no input changed),
 * or null when it cannot be built or written here (esbuild missing, a syntax error, a read-only tree):
 * the caller then runs the sources through tsx, which reports the error as it always has.
 */
export async function bundled(entry = ENTRY, root = ROOT, cache = CACHE) {
  try {
    const manifest = join(cache, `entry-${digest(entry).slice(0, 12)}.json`);
    const reused = fresh(manifest);
    return pathToFileURL(reused ?? (await build(entry, root, cache, manifest))).href;
  } catch {
    return null;
  }
}

/** The manifest's bundle if every input still has the size and modification time recorded, else null. */
function fresh(manifest) {
  let m;
  try {
    m = JSON.parse(readFileSync(manifest, 'utf8'));
    statSync(`${m.bundle}.map`);
    if (!m.inputs.every((recorded) => stamp(recorded[0]).join() === recorded.join())) return null;
    const now = new Date();
    utimesSync(m.bundle, now, now);
  } catch {
    return null;
  }
  return m.bundle;
}

/** Bundles `entry`, writes the bundle (named by its content) and the manifest of its inputs; returns the bundle's path. */
async function build(entry, root, cache, manifest) {
  const started = Date.now();
  const esbuild = await import('esbuild');
  const out = await esbuild.build({
    entryPoints: [entry], absWorkingDir: root, bundle: true, write: false, metafile: true, packages: 'external',
    platform: 'node', format: 'esm', target: 'node20', logLevel: 'silent', plugins: [ownUrls],
    sourcemap: 'external', outfile: join(cache, 'main.mjs'),
  }).finally(() => esbuild.stop());
  const text = out.outputFiles.find((f) => f.path.endsWith('.mjs')).text;
  const bundle = join(cache, `main-${digest(text).slice(0, 16)}.mjs`);
  mkdirSync(cache, { recursive: true });
  prune(cache, bundle);
  writeAtomically(`${bundle}.map`, out.outputFiles.find((f) => f.path.endsWith('.map')).text);
  writeAtomically(bundle, text);
  // Besides the bundled files: this launcher, esbuild's version and the tsconfig.json esbuild reads.
  const extra = [fileURLToPath(import.meta.url), createRequire(import.meta.url).resolve('esbuild/package.json'), join(root, 'tsconfig.json')];
  const inputs = [...Object.keys(out.metafile.inputs).map((f) => join(root, f)), ...extra].map(stamp);
  // A file changed while esbuild read it may be newer than the bundle: build again at the next start.
  if (inputs.every(([, mtimeMs]) => mtimeMs === null || mtimeMs < started)) writeAtomically(manifest, JSON.stringify({ bundle, inputs }));
  return bundle;
}

/**
 * Stack traces name the TypeScript sources, as under tsx: a frame in the bundle is looked up in its
 * source map, read when a stack is first shown (enabling Node's source maps costs every start).
 */
export function mapStacks(bundleUrl) {
  let map;
  Error.prepareStackTrace = (error, sites) => {
    map ??= sourceMap(`${fileURLToPath(bundleUrl)}.map`);
    return [Error.prototype.toString.call(error), ...sites.map((site) => `    at ${original(site, bundleUrl, map)}`)].join('\n');
  };
}

/** The bundle's source map, or null if it is gone: the stack then names the bundle's lines. */
function sourceMap(file) {
  try {
    return new SourceMap(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return null;
  }
}

/** A frame as V8 prints it, its place in the bundle replaced by the source's path, line and column. */
function original(site, bundleUrl, map) {
  const text = site.toString();
  if (map === null || site.getFileName() !== bundleUrl) return text;
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  const at = map.findEntry(line - 1, column - 1);
  if (at.originalSource === undefined) return text;
  const source = fileURLToPath(new URL(at.originalSource, bundleUrl));
  return text.replace(`${bundleUrl}:${line}:${column}`, `${source}:${at.originalLine + 1}:${at.originalColumn + 1}`);
}

/** esbuild plugin: `import.meta.url` in each file becomes that file's own URL, as when it runs unbundled. */
const ownUrls = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?[jt]s$/ }, async ({ path }) => ({
      contents: (await readFile(path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href)),
      loader: /\.[cm]?ts$/.test(path) ? 'ts' : 'js',
    }));
  },
};

/** A file's path, modification time and size (nulls for a file that does not exist, as tsconfig.json in the package). */
function stamp(file) {
  const s = statSync(file, { throwIfNoEntry: false });
  return [file, s?.mtimeMs ?? null, s?.size ?? null];
}

function digest(text) {
  return createHash('sha256').update(text).digest('hex');
}

/** Written under a temporary name, then renamed: a concurrent start reads the old file or the new one. */
function writeAtomically(file, text) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** Removes the bundles and leftovers of this cache not used for a day, except `keep`. */
function prune(cache, keep) {
  for (const name of readdirSync(cache)) {
    const file = join(cache, name);
    const s = statSync(file, { throwIfNoEntry: false });
    if (file !== keep && s !== undefined && Date.now() - s.mtimeMs > UNUSED_MS) rmSync(file, { force: true });
  }
}

// SANY and TLC from tla2tools.jar: one worker (so the depth and the shortest trace are exact),
// no trace-exploration spec written, a fresh metadir per run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './run.ts';
import { parseSany, parseTlc, type Outcome } from './tlc-output.ts';

/** The TLC command line for `module` with `cfg` (both file names in the spec directory). */
export function tlcArgs(jar: string, cfg: string, module: string, metadir: string): string[] {
  return ['-XX:+UseParallelGC', '-cp', jar, 'tlc2.TLC', '-workers', '1', '-noGenerateSpecTE', '-metadir', metadir, '-config', cfg, module];
}

/** SANY on `module` in `dir`: null if it parses, else the error. */
export async function sany(jar: string, dir: string, module: string): Promise<string | null> {
  const r = await run('java', ['-cp', jar, 'tla2sany.SANY', module], dir);
  return parseSany(r.out + r.err, r.code);
}

/** TLC on `module` with `cfg` in `dir`, states written to a temporary metadir removed afterwards. */
export async function tlc(jar: string, dir: string, cfg: string, module: string): Promise<Outcome & { seconds: number }> {
  const meta = mkdtempSync(join(tmpdir(), 'tlc-meta-'));
  try {
    const r = await run('java', tlcArgs(jar, cfg, module, meta), dir);
    return { ...parseTlc(r.out + r.err, r.code), seconds: r.seconds };
  } finally {
    rmSync(meta, { recursive: true, force: true });
  }
}

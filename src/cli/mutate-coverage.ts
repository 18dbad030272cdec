// Which source lines some run executed: V8's block coverage (NODE_V8_COVERAGE) mapped back to the
// TypeScript lines through the source maps Node records with it. A mutant of a line that no run of
// the original executed runs exactly as the original in those runs, state for state.
import { readdirSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

interface Range {
  readonly startOffset: number;
  readonly endOffset: number;
  readonly count: number;
}
interface ScriptCoverage {
  readonly url: string;
  readonly functions: readonly { readonly ranges: readonly Range[] }[];
}
interface CachedMap {
  readonly lineLengths: readonly number[];
  readonly data: SourceMapPayload;
}
interface CoverageFile {
  readonly result: readonly ScriptCoverage[];
  readonly 'source-map-cache'?: Readonly<Record<string, CachedMap>>;
}

/** The 0-based lines of each file under `root` (path relative to it) that a run covered in `dir` executed. */
export function executedLines(dir: string, root: string): Map<string, Set<number>> {
  const prefix = `${pathToFileURL(root).href.replace(/\/$/, '')}/`;
  const out = new Map<string, Set<number>>();
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
    const d = JSON.parse(readFileSync(join(dir, f), 'utf8')) as CoverageFile;
    for (const s of d.result) {
      const map = d['source-map-cache']?.[s.url];
      if (map === undefined || !s.url.startsWith(prefix)) continue;
      const rel = s.url.slice(prefix.length);
      const lines = out.get(rel) ?? new Set<number>();
      out.set(rel, lines);
      const counts = paint(s, map.lineLengths.reduce((n, k) => n + k + 1, 0));
      const sm = new SourceMap(map.data);
      // A generated position where a mapping segment starts, executed: its original line ran.
      let at = 0;
      map.lineLengths.forEach((length, line) => {
        for (let col = 0; col < length; col++) {
          if ((counts[at + col] ?? 0) === 0) continue;
          const e = sm.findEntry(line, col);
          if ('originalLine' in e && e.generatedLine === line && e.generatedColumn === col) lines.add(e.originalLine);
        }
        at += length + 1;
      });
    }
  }
  return out;
}

/** The execution count at each offset of the generated script: that of the innermost range holding it. */
function paint(s: ScriptCoverage, length: number): Int32Array {
  const counts = new Int32Array(length);
  const ranges = s.functions.flatMap((f) => f.ranges).sort((a, b) => b.endOffset - b.startOffset - (a.endOffset - a.startOffset));
  for (const r of ranges) counts.fill(r.count, r.startOffset, Math.min(r.endOffset, length));
  return counts;
}

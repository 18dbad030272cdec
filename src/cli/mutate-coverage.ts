// Which source lines some run executed: V8's block coverage (NODE_V8_COVERAGE) mapped back to the
// TypeScript lines through the source maps Node records with it. A mutant of a line that no run of
// the original executed runs exactly as the original in those runs, state for state.
import { readdirSync, readFileSync } from 'node:fs';
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
  readonly data: { readonly mappings: string };
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
      const starts = lineStarts(map.lineLengths);
      const counts = paint(s, (starts[starts.length - 1] as number) + 1);
      for (const [genLine, genCol, origLine] of segments(map.data.mappings)) {
        if ((counts[(starts[genLine] ?? 0) + genCol] ?? 0) > 0) lines.add(origLine);
      }
    }
  }
  return out;
}

function lineStarts(lengths: readonly number[]): number[] {
  const starts = [0];
  for (const n of lengths) starts.push((starts[starts.length - 1] as number) + n + 1);
  return starts;
}

/** The execution count at each offset of the generated script: that of the innermost range holding it. */
function paint(s: ScriptCoverage, length: number): Int32Array {
  const counts = new Int32Array(length);
  const ranges = s.functions.flatMap((f) => f.ranges).sort((a, b) => b.endOffset - b.startOffset - (a.endOffset - a.startOffset));
  for (const r of ranges) counts.fill(r.count, r.startOffset, Math.min(r.endOffset, length));
  return counts;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A version-3 source map's segments as [generated line, generated column, original line] (single source). */
function* segments(mappings: string): Generator<[number, number, number]> {
  let origLine = 0;
  let line = 0;
  for (const group of mappings.split(';')) {
    let col = 0;
    for (const seg of group.split(',')) {
      if (seg === '') continue;
      const v = vlq(seg);
      col += v[0] ?? 0;
      if (v.length >= 4) {
        origLine += v[2] ?? 0;
        yield [line, col, origLine];
      }
    }
    line += 1;
  }
}

function vlq(s: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of s) {
    const d = BASE64.indexOf(ch);
    value += (d & 31) << shift;
    if ((d & 32) !== 0) {
      shift += 5;
      continue;
    }
    out.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return out;
}

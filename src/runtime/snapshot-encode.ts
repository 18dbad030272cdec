// A message's JSON in pieces, so that a sender can yield to the event loop between pieces (a leader
// encoding a 4 MB snapshot in one turn starves its own heartbeats) and a receiver can parse the items
// of its large arrays as they arrive instead of all at once at the end.

/** Arrays with more items than this are encoded item by item. */
const SPLIT_ITEMS = 64;
/** A piece is cut once it holds at least this many characters. */
const PIECE_CHARS = 16 * 1024;
/** Items encoded together at most. */
const MAX_RUN = 4096;

/** Text of the message (seg null), or complete items, comma-separated without brackets, of large array `seg`. */
export interface Piece {
  readonly seg: number | null;
  readonly text: string;
}

type Marks = { readonly mark: (n: number) => string; next: number };

/** Whether x is encoded piece by piece: an array of many items, or a value holding one. */
function deep(x: unknown): boolean {
  if (typeof x !== 'object' || x === null) return false;
  if (Array.isArray(x)) return x.length > SPLIT_ITEMS || x.some(deep);
  for (const k in x) if (deep((x as Record<string, unknown>)[k])) return true;
  return false;
}

const skipped = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/**
 * `JSON.stringify(x)` of JSON data (no toJSON, no cycles) in pieces. Without `mark` every piece has
 * seg null and their texts join to exactly that text. With `mark`, the n-th array of more than
 * SPLIT_ITEMS items (outside such arrays) is written as `[mark(n)]` and its items come as pieces of seg n.
 */
export function jsonSlices(x: unknown, mark: ((n: number) => string) | null = null): Generator<Piece> {
  return slices(x, mark === null ? null : { mark, next: 0 });
}

function* slices(x: unknown, marks: Marks | null): Generator<Piece> {
  if (!deep(x)) return yield { seg: null, text: JSON.stringify(x) ?? 'null' };
  if (Array.isArray(x)) return yield* arraySlices(x, marks);
  let text = '{';
  let first = true;
  for (const [k, v] of Object.entries(x as object)) {
    if (skipped(v)) continue;
    text += `${first ? '' : ','}${JSON.stringify(k)}:`;
    first = false;
    if (!deep(v)) text += JSON.stringify(v);
    else {
      yield { seg: null, text };
      text = '';
      yield* slices(v, marks);
    }
  }
  yield { seg: null, text: `${text}}` };
}

/**
 * An array's JSON: runs of items encoded together by JSON.stringify of a slice, the run's length
 * adapted so that a piece is about PIECE_CHARS (an item of 1 MB goes alone); a large array's runs
 * are its own seg when there are marks.
 */
function* arraySlices(x: readonly unknown[], marks: Marks | null): Generator<Piece> {
  const seg = marks !== null && x.length > SPLIT_ITEMS ? marks.next++ : null;
  yield { seg: null, text: seg === null ? '[' : `[${JSON.stringify(marks?.mark(seg))}]` };
  let run = 1;
  for (let k = 0; k < x.length; ) {
    if (seg === null && k > 0) yield { seg, text: ',' };
    if (seg === null && deep(x[k])) {
      yield* slices(x[k], marks);
      k += 1;
      continue;
    }
    let end = k + 1;
    while (end < x.length && end - k < run && (seg !== null || !deep(x[end]))) end += 1;
    const text = JSON.stringify(x.slice(k, end));
    yield { seg, text: text.slice(1, -1) };
    run = Math.max(1, Math.min(MAX_RUN, Math.floor((run * PIECE_CHARS) / Math.max(text.length, 1))));
    k = end;
  }
  if (seg === null) yield { seg, text: ']' };
}

/**
 * Puts the items of each seg back where `jsonSlices` marked it in the parsed message text `x` (in
 * place); null if a mark names no seg or a seg is unused or used twice.
 */
export function unmark(x: unknown, isMark: (s: string) => number | null, segs: ReadonlyMap<number, unknown[]>): unknown {
  const used = new Set<number>();
  const walk = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    if (Array.isArray(v) && v.length === 1 && typeof v[0] === 'string') {
      const n = isMark(v[0]);
      const items = n === null ? undefined : segs.get(n);
      if (n !== null && (items === undefined || used.has(n))) throw new Error('mark');
      if (n !== null && items !== undefined) return used.add(n), items;
    }
    for (const k of Object.keys(v)) {
      const was = (v as Record<string, unknown>)[k];
      const now = walk(was);
      if (now !== was) Object.defineProperty(v, k, { value: now, writable: true, enumerable: true, configurable: true });
    }
    return v;
  };
  try {
    const out = walk(x);
    return used.size === segs.size ? out : null;
  } catch {
    return null;
  }
}

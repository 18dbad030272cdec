// A message's JSON in pieces (the same text as JSON.stringify), so that a sender can yield to the event
// loop between pieces: a leader encoding a 4 MB snapshot in one turn starves its own heartbeats.

/** Arrays with more items than this are encoded item by item. */
const SPLIT_ITEMS = 64;
/** A piece is cut once it holds at least this many characters. */
const PIECE_CHARS = 16 * 1024;
/** Items encoded together at most. */
const MAX_RUN = 4096;

/** Whether x is encoded piece by piece: an array of many items, or a value holding one. */
function deep(x: unknown): boolean {
  if (typeof x !== 'object' || x === null) return false;
  if (Array.isArray(x)) return x.length > SPLIT_ITEMS || x.some(deep);
  for (const k in x) if (deep((x as Record<string, unknown>)[k])) return true;
  return false;
}

const skipped = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** `JSON.stringify(x)` of JSON data (no toJSON, no cycles) as pieces whose concatenation is the same text. */
export function* jsonSlices(x: unknown): Generator<string> {
  if (!deep(x)) return yield JSON.stringify(x) ?? 'null';
  if (Array.isArray(x)) return yield* arraySlices(x);
  let text = '{';
  let first = true;
  for (const [k, v] of Object.entries(x as object)) {
    if (skipped(v)) continue;
    text += `${first ? '' : ','}${JSON.stringify(k)}:`;
    first = false;
    if (!deep(v)) text += JSON.stringify(v);
    else {
      yield text;
      text = '';
      yield* jsonSlices(v);
    }
  }
  yield `${text}}`;
}

/**
 * An array's JSON: runs of items that are not deep are encoded together, by JSON.stringify of a slice,
 * the run's length adapted so that a piece is about PIECE_CHARS (an item of 1 MB goes alone).
 */
function* arraySlices(x: readonly unknown[]): Generator<string> {
  yield '[';
  let run = 1;
  for (let k = 0; k < x.length; ) {
    if (k > 0) yield ',';
    if (deep(x[k])) {
      yield* jsonSlices(x[k]);
      k += 1;
      continue;
    }
    let end = k + 1;
    while (end < x.length && end - k < run && !deep(x[end])) end += 1;
    const text = JSON.stringify(x.slice(k, end));
    yield text.slice(1, -1);
    run = Math.max(1, Math.min(MAX_RUN, Math.floor((run * PIECE_CHARS) / Math.max(text.length, 1))));
    k = end;
  }
  yield ']';
}

// JSON encoding as a list of buffers, with the encoding of each large array item kept: a leader's log
// entry goes into the WAL record and into the AppendEntries to every follower (and every resend), and
// a 1 MB value would otherwise be serialized, converted to bytes and copied for each. Items are the
// protocol state's immutable objects (the WAL diff already relies on an unchanged object being the
// same reference), so an item's bytes never go stale.

/** Array items whose JSON is at least this many characters keep their encoding. */
const KEEP_BYTES = 16 * 1024;
const kept = new WeakMap<object, Buffer>();

/**
 * `JSON.stringify(value)` as UTF-8 pieces (concatenated, the same bytes); `value` must be JSON data.
 * The innermost array items of KEEP_BYTES or more keep their bytes, wherever they appear next.
 */
export function jsonPieces(value: unknown): Buffer[] {
  const out: Buffer[] = [];
  let text = '';
  const flush = (): void => {
    if (text !== '') out.push(Buffer.from(text, 'utf8'));
    text = '';
  };
  const item = (x: object): void => {
    const f = flat(x);
    // A small flat object (a client command) is serialized natively, as one string.
    if (f === 'small') return void (text += JSON.stringify(x));
    const b = kept.get(x);
    if (b !== undefined) {
      flush();
      out.push(b);
      return;
    }
    const at = text.length;
    const pieces = out.length;
    if (f === 'large') text += JSON.stringify(x);
    else walk(x);
    // Large and holding no kept item: its bytes are kept (an outer item holding it is not).
    if (out.length !== pieces || text.length - at < KEEP_BYTES) return;
    const mine = Buffer.from(text.slice(at), 'utf8');
    kept.set(x, mine);
    text = text.slice(0, at);
    flush();
    out.push(mine);
  };
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) {
      text += '[';
      x.forEach((v: unknown, k) => {
        if (k > 0) text += ',';
        if (typeof v === 'object' && v !== null) item(v);
        else text += JSON.stringify(v) ?? 'null';
      });
      text += ']';
    } else if (typeof x === 'object' && x !== null) {
      text += '{';
      let first = true;
      for (const [k, v] of Object.entries(x)) {
        if (v === undefined || typeof v === 'function') continue;
        text += `${first ? '' : ','}${JSON.stringify(k)}:`;
        first = false;
        walk(v);
      }
      text += '}';
    } else text += JSON.stringify(x) ?? 'null';
  };
  walk(value);
  flush();
  return out;
}

/** Whether x is an object with no array or object inside ('small': and no string of KEEP_BYTES). */
function flat(x: object): 'small' | 'large' | false {
  if (Array.isArray(x)) return false;
  let large = false;
  for (const k in x) {
    const v = (x as Record<string, unknown>)[k];
    if (typeof v === 'object' && v !== null) return false;
    if (typeof v === 'string' && v.length >= KEEP_BYTES) large = true;
  }
  return large ? 'large' : 'small';
}

/** Total bytes of pieces. */
export function piecesLength(pieces: readonly Buffer[]): number {
  let n = 0;
  for (const p of pieces) n += p.length;
  return n;
}

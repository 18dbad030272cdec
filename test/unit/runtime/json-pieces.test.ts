// jsonPieces: the same bytes as JSON.stringify, with a large array item encoded once and reused.
import { describe, expect, it } from 'vitest';
import { jsonPieces, piecesLength } from '../../../src/runtime/json-pieces.ts';

const text = (v: unknown): string => Buffer.concat(jsonPieces(v)).toString('utf8');

describe('jsonPieces', () => {
  it('gives the bytes of JSON.stringify for JSON data, undefined fields and non-ASCII text included', () => {
    const big = { term: 2, value: [{ op: 'put', key: 'k', value: 'é'.repeat(20_000) }] };
    const values: unknown[] = [null, 1.5, 'a"\n', [], {}, [1, null, 'x', [2, [3]], { a: [] }], { a: 1, b: undefined, c: { d: [big, { e: 'ü' }] } }, { log: [big, big], n: -0 }];
    for (const v of values) expect(text(v)).toBe(JSON.stringify(v));
    const p = jsonPieces({ entries: [big] });
    expect(piecesLength(p)).toBe(Buffer.byteLength(JSON.stringify({ entries: [big] })));
  });

  it('encodes a large array item once: the next message with it reuses the same bytes', () => {
    const command = { op: 'put', key: 'k', value: 'v'.repeat(100_000) };
    const entry = { term: 3, value: [command] };
    const a = jsonPieces({ type: 'AppendEntriesRequest', entries: [entry], dest: 's2' });
    const b = jsonPieces({ p: [{ p: ['log'], t: 4, a: [entry] }] });
    const shared = a.filter((x) => b.includes(x));
    expect(shared).toHaveLength(1);
    expect(shared[0]?.length).toBe(JSON.stringify(command).length); // the innermost large item
    // Small items are not kept.
    const small = { term: 3, value: ['v'] };
    const c = jsonPieces([small]);
    expect(jsonPieces([small]).some((x) => c.includes(x))).toBe(false);
  });
});

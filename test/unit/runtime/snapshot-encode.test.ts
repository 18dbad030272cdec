// A message's JSON in slices (src/runtime/snapshot-encode.ts): the pieces join to exactly
// JSON.stringify's text, and a large array is cut into pieces of bounded size.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonSlices, unmark } from '../../../src/runtime/snapshot-encode.ts';

const join = (x: unknown) => [...jsonSlices(x)].map((p) => p.text).join('');

describe('jsonSlices', () => {
  it('joins to JSON.stringify of any JSON value, also arrays of many items and objects holding them', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(fc.jsonValue(), { minLength: 60, maxLength: 300 }), (v, many) => {
        for (const x of [v, many, { state: [{ kv: many, n: v }], source: 's1' }, [many, [many]]]) expect(join(x)).toBe(JSON.stringify(x));
      }),
      { numRuns: 200, seed: Number(process.env['FC_SEED'] ?? 16) },
    );
  });

  it('skips undefined fields and writes null for undefined items, as JSON.stringify does', () => {
    const x = { a: undefined, b: Array.from({ length: 100 }, (_, k) => (k % 7 === 0 ? undefined : k)), c: 'z' };
    expect(join(x)).toBe(JSON.stringify(x));
  });

  it('cuts an array of 100,000 pairs into pieces of about 16 KiB; a 1 MB item goes alone', () => {
    const kv = Array.from({ length: 100_000 }, (_, k) => [`key-${k}`, 'v'.repeat(16)]);
    const pieces = [...jsonSlices({ state: [{ kv }] })].map((p) => p.text);
    expect(pieces.length).toBeGreaterThan(100);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(64 * 1024);
    const big = [['a', 'x'.repeat(1_000_000)], ...kv.slice(0, 1000)];
    expect(Math.max(...[...jsonSlices(big)].map((p) => p.text.length))).toBeLessThan(1_000_100);
    expect(join(big)).toBe(JSON.stringify(big));
  });

  it('with marks, each large array is a mark in the text and its items come apart; put back, the value is the same', () => {
    const isMark = (s: string) => (s.startsWith('\u0000m:') ? Number(s.slice(3)) : null);
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(fc.jsonValue(), { minLength: 65, maxLength: 300 }), (v, many) => {
        const x = { state: [{ kv: many, n: v, more: [many] }], tail: many };
        const pieces = [...jsonSlices(x, (n) => `\u0000m:${n}`)];
        const segs = new Map<number, unknown[]>();
        for (const p of pieces) if (p.seg !== null) segs.set(p.seg, [...(segs.get(p.seg) ?? []), ...(JSON.parse(`[${p.text}]`) as unknown[])]);
        expect(segs.size).toBe(3);
        const text = pieces.filter((p) => p.seg === null).map((p) => p.text).join('');
        expect(JSON.stringify(unmark(JSON.parse(text), isMark, segs))).toBe(JSON.stringify(x));
        expect(unmark(JSON.parse(text), isMark, new Map([...segs].slice(1)))).toBeNull();
      }),
      { numRuns: 100, seed: Number(process.env['FC_SEED'] ?? 16) },
    );
  });
});

// A message's JSON in slices (src/runtime/snapshot-encode.ts): the pieces join to exactly
// JSON.stringify's text, and a large array is cut into pieces of bounded size.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonSlices } from '../../../src/runtime/snapshot-encode.ts';

const join = (x: unknown) => [...jsonSlices(x)].join('');

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
    const pieces = [...jsonSlices({ state: [{ kv }] })];
    expect(pieces.length).toBeGreaterThan(100);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(64 * 1024);
    const big = [['a', 'x'.repeat(1_000_000)], ...kv.slice(0, 1000)];
    expect(Math.max(...[...jsonSlices(big)].map((p) => p.length))).toBeLessThan(1_000_100);
    expect(join(big)).toBe(JSON.stringify(big));
  });
});

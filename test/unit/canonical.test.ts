import { describe, expect, it } from 'vitest';
import { canonical } from '../../src/core/index.ts';

describe('canonical', () => {
  it('does not depend on key order', () => {
    expect(canonical({ b: 1, a: [1, 2], c: { y: null, x: 'q' } })).toBe(canonical({ c: { x: 'q', y: null }, a: [1, 2], b: 1 }));
    expect(canonical({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('keeps array order (sequences) and escapes strings', () => {
    expect(canonical([2, 1])).not.toBe(canonical([1, 2]));
    expect(canonical(['a"b', true, null, []])).toBe('["a\\"b",true,null,[]]');
  });

  it('refuses what is not plain data', () => {
    expect(() => canonical({ f: () => 1 })).toThrow(/not plain data/);
  });
});

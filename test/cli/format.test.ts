// count() groups digits as en-US toLocaleString does, without loading the locale data.
import { describe, expect, it } from 'vitest';
import { count } from '../../src/cli/format.ts';

describe('count', () => {
  it('writes the same text as en-US toLocaleString', () => {
    for (const n of [0, 7, 999, 1000, 12345, 999999, 1000000, 7680091.4, 185368.5, -1234567, 2 ** 53 + 2, Infinity]) {
      expect(count(n)).toBe(Math.round(n).toLocaleString('en-US'));
    }
  });
});

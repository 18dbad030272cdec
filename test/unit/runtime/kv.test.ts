import { describe, expect, it } from 'vitest';
import { KvStore, commandDigest, isKvCommand } from '../../../src/runtime/kv/kv.ts';

describe('KvStore', () => {
  it('puts, gets, deletes and compares-and-sets', () => {
    const kv = new KvStore();
    expect(kv.apply({ op: 'get', key: 'a', client: 'c', seq: 1 })).toEqual({ ok: false, error: 'not-found' });
    expect(kv.apply({ op: 'put', key: 'a', value: '1', client: 'c', seq: 2 })).toEqual({ ok: true });
    expect(kv.apply({ op: 'get', key: 'a', client: 'c', seq: 3 })).toEqual({ ok: true, value: '1' });
    expect(kv.apply({ op: 'cas', key: 'a', expected: '2', value: '3', client: 'c', seq: 4 })).toEqual({ ok: false, error: 'precondition', value: '1' });
    expect(kv.apply({ op: 'cas', key: 'a', expected: '1', value: '3', client: 'c', seq: 5 })).toEqual({ ok: true });
    expect(kv.apply({ op: 'cas', key: 'b', expected: '1', value: '3', client: 'c', seq: 6 })).toEqual({ ok: false, error: 'not-found' });
    expect(kv.apply({ op: 'del', key: 'a', client: 'c', seq: 7 })).toEqual({ ok: true });
    expect(kv.apply({ op: 'del', key: 'a', client: 'c', seq: 8 })).toEqual({ ok: false, error: 'not-found' });
  });

  it('applies a retried command once and returns the first result (client sessions)', () => {
    const kv = new KvStore();
    kv.apply({ op: 'put', key: 'n', value: 0, client: 'w', seq: 1 });
    const cas = { op: 'cas', key: 'n', expected: 0, value: 1, client: 'x', seq: 1 } as const;
    expect(kv.apply(cas)).toEqual({ ok: true });
    kv.apply({ op: 'put', key: 'n', value: 0, client: 'w', seq: 2 });
    expect(kv.apply(cas)).toEqual({ ok: true }); // the retry is not applied again
    expect(kv.peek('n')).toBe(0);
    expect(kv.apply({ op: 'put', key: 'n', value: 9, client: 'x', seq: 0 })).toEqual({ ok: false, error: 'stale' });
    expect(kv.peek('n')).toBe(0);
  });

  it('applies a batch entry in order and ignores a malformed command or a no-op entry', () => {
    const kv = new KvStore();
    expect(kv.applyEntry([
      { op: 'put', key: 'k', value: 'v', client: 'a', seq: 1 },
      { op: 'bogus', key: 'k', client: 'b', seq: 1 },
      { op: 'get', key: 'k', client: 'c', seq: 1 },
    ])).toEqual([{ ok: true }, { ok: false, error: 'malformed' }, { ok: true, value: 'v' }]);
    expect(kv.applyEntry(null)).toEqual([]);
    expect(kv.applyEntry([])).toEqual([]);
  });

  it('compare-and-delete deletes only when the value matches', () => {
    const kv = new KvStore();
    kv.apply({ op: 'put', key: 'k', value: 'v' });
    expect(kv.apply({ op: 'cad', key: 'k', expected: 'zzz' })).toEqual({ ok: false, error: 'precondition', value: 'v' });
    expect(kv.peek('k')).toBe('v');
    expect(kv.apply({ op: 'cad', key: 'k', expected: 'v' })).toEqual({ ok: true });
    expect(kv.peek('k')).toBeUndefined();
    expect(kv.apply({ op: 'cad', key: 'k', expected: 'v' })).toEqual({ ok: false, error: 'not-found' });
    expect(isKvCommand({ op: 'cad', key: 'k' })).toBe(false);
  });

  it('a sequence number reused for a different command is refused (seq-reused), and applies nothing', () => {
    const kv = new KvStore();
    expect(kv.apply({ op: 'put', key: 'k', value: 'v', client: 'c', seq: 7 })).toEqual({ ok: true });
    expect(kv.apply({ op: 'del', key: 'k', client: 'c', seq: 7 })).toEqual({ ok: false, error: 'seq-reused' });
    expect(kv.apply({ op: 'put', key: 'k', value: 'w', client: 'c', seq: 7 })).toEqual({ ok: false, error: 'seq-reused' });
    expect(kv.apply({ op: 'put', key: 'j', value: 'v', client: 'c', seq: 7 })).toEqual({ ok: false, error: 'seq-reused' });
    expect(kv.peek('k')).toBe('v');
    // The genuine retry still gets the recorded result; another client's seq 7 is its own.
    expect(kv.apply({ op: 'put', key: 'k', value: 'v', client: 'c', seq: 7 })).toEqual({ ok: true });
    expect(kv.apply({ op: 'del', key: 'k', client: 'd', seq: 7 })).toEqual({ ok: true });
    expect(commandDigest({ op: 'put', key: 'k', value: { a: 1, b: 2 } })).toBe(commandDigest({ op: 'put', key: 'k', value: { b: 2, a: 1 } }));
    expect(commandDigest({ op: 'put', key: 'k', value: '1' })).not.toBe(commandDigest({ op: 'put', key: 'k', value: 1 }));
  });

  it('reads and commands without a client id create no session', () => {
    const kv = new KvStore();
    kv.apply({ op: 'put', key: 'k', value: 'v' });
    kv.apply({ op: 'get', key: 'k' });
    kv.apply({ op: 'get', key: 'k', client: 'r', seq: 1 });
    kv.apply({ op: 'del', key: 'k' });
    expect(kv.sessionCount).toBe(0);
    // A session is both fields or neither.
    expect(kv.apply({ op: 'put', key: 'k', value: 'v', client: 'c' })).toEqual({ ok: false, error: 'malformed' });
    expect(kv.apply({ op: 'put', key: 'k', value: 'v', seq: 1 })).toEqual({ ok: false, error: 'malformed' });
    kv.apply({ op: 'put', key: 'k', value: 'v', client: 'c', seq: 1 });
    expect(kv.sessionCount).toBe(1);
  });
});

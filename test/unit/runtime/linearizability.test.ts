import { describe, expect, it } from 'vitest';
import { checkLinearizable } from '../../../src/runtime/lin/check.ts';
import { operations } from '../../../src/runtime/lin/history.ts';
import type { HistoryEvent, KvCall, KvOutput, Operation } from '../../../src/runtime/lin/history.ts';

let nextId = 0;
/** An op on key k by client c over [a, b]; output null = unknown. */
function op(c: string, call: KvCall, a: number, b: number, output: KvOutput | null, k = 'x'): Operation {
  return { id: nextId++, client: c, key: k, call, invoke: a, ret: output === null ? Infinity : b, output };
}
const put = (v: unknown): KvCall => ({ f: 'put', value: v });
const get: KvCall = { f: 'get' };
const cas = (e: unknown, v: unknown): KvCall => ({ f: 'cas', expected: e, value: v });
const found = (v: unknown): KvOutput => ({ found: true, value: v });
const ok: KvOutput = { applied: true };

describe('checkLinearizable: known linearizable histories', () => {
  it('accepts a sequential history', () => {
    expect(checkLinearizable([
      op('a', get, 0, 1, { found: false }),
      op('a', put(1), 2, 3, ok),
      op('b', get, 4, 5, found(1)),
      op('b', cas(1, 2), 6, 7, ok),
      op('a', cas(1, 3), 8, 9, { applied: false, reason: 'precondition' }),
      op('a', { f: 'del' }, 10, 11, ok),
      op('a', { f: 'del' }, 12, 13, { applied: false, reason: 'not-found' }),
    ]).ok).toBe(true);
  });

  it('accepts a read concurrent with a write seeing either value', () => {
    for (const seen of [found(1), found(2)]) {
      expect(checkLinearizable([op('a', put(1), 0, 1, ok), op('a', put(2), 2, 10, ok), op('b', get, 3, 4, seen)]).ok).toBe(true);
    }
  });

  it('lets an unknown write take effect at any later time, or never', () => {
    const w = op('a', put(5), 0, 0, null);
    expect(checkLinearizable([w, op('b', get, 100, 101, found(5))]).ok).toBe(true);
    expect(checkLinearizable([w, op('b', get, 100, 101, { found: false }), op('b', get, 200, 201, found(5))]).ok).toBe(true);
  });

  it('leaves out failed operations and unknown reads', () => {
    const ev: HistoryEvent[] = [
      { type: 'invoke', id: 1, client: 'a', key: 'x', call: put(1), time: 0 },
      { type: 'fail', id: 1, time: 1 },
      { type: 'invoke', id: 2, client: 'b', key: 'x', call: get, time: 2 },
      { type: 'unknown', id: 2, time: 3 },
      { type: 'invoke', id: 3, client: 'b', key: 'x', call: get, time: 4 },
      { type: 'ok', id: 3, output: { found: false }, time: 5 },
    ];
    const ops = operations(ev);
    expect(ops.map((o) => o.id)).toEqual([3]);
    expect(checkLinearizable(ops).ok).toBe(true);
  });

  it('accepts random histories of an atomic register (many keys, 8 clients)', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const ops: Operation[] = [];
    const state = new Map<string, number>();
    const busyUntil = new Array(8).fill(0) as number[];
    // Each op takes effect at a linearization point inside [invoke, ret].
    for (let t = 0; t < 600; t += 1) {
      const point = t;
      const c = Math.floor(rnd() * 8);
      if ((busyUntil[c] as number) > point) continue;
      const invoke = Math.max(busyUntil[c] as number, point - rnd() * 6);
      const ret = point + rnd() * 6;
      busyUntil[c] = ret;
      const key = `k${Math.floor(rnd() * 4)}`;
      const r = rnd();
      const cur = state.get(key);
      let call: KvCall;
      let out: KvOutput;
      if (r < 0.4) {
        call = get;
        out = cur === undefined ? { found: false } : found(cur);
      } else if (r < 0.7) {
        call = put(t);
        state.set(key, t);
        out = ok;
      } else {
        call = cas(cur ?? 0, t);
        if (cur === undefined) out = { applied: false, reason: 'not-found' };
        else {
          state.set(key, t);
          out = ok;
        }
      }
      ops.push(op(`c${c}`, call, invoke, ret, out, key));
    }
    // Ops took effect at their points in t order; their intervals overlap across clients.
    const res = checkLinearizable(ops);
    expect(res).toMatchObject({ ok: true, keys: 4 });
  });
});

describe('checkLinearizable: known non-linearizable histories', () => {
  it('rejects a stale read after an acknowledged write, with that window', () => {
    const res = checkLinearizable([op('a', put(1), 0, 1, ok), op('b', get, 2, 3, { found: false })]);
    expect(res.ok).toBe(false);
    if (!res.ok && !res.unknown) {
      expect(res.window.length).toBe(2);
      expect(res.report).toMatch(/key "x": not linearizable/);
    }
  });

  it('rejects reads going back in time (2 then 1)', () => {
    const res = checkLinearizable([
      op('a', put(1), 0, 10, ok),
      op('a', put(2), 20, 30, ok),
      op('b', get, 35, 40, found(2)),
      op('c', get, 45, 50, found(1)),
    ]);
    expect(res.ok).toBe(false);
  });

  it('rejects a compare-and-set that succeeded twice from the same value', () => {
    const res = checkLinearizable([
      op('w', put(0), 0, 1, ok),
      op('a', cas(0, 1), 2, 5, ok),
      op('b', cas(0, 2), 3, 6, ok),
    ]);
    expect(res.ok).toBe(false);
  });

  it('narrows a long history to the minimal bad window at its end', () => {
    const ops: Operation[] = [];
    for (let k = 0; k < 50; k += 1) {
      ops.push(op('a', put(k), 10 * k, 10 * k + 2, ok));
      ops.push(op('b', get, 10 * k + 3, 10 * k + 5, found(k)));
    }
    // A lost update: read 49 after 50 was acknowledged.
    ops.push(op('a', put(50), 600, 602, ok));
    ops.push(op('b', get, 603, 604, found(49)));
    ops.push(op('c', get, 700, 701, found(50)));
    const res = checkLinearizable(ops);
    expect(res.ok).toBe(false);
    if (!res.ok && !res.unknown) {
      expect(res.fromStart).toBe(false);
      expect(res.window.map((o) => o.invoke)).toEqual([600, 603]);
    }
  });

  it('keys are independent: one bad key is found among good ones', () => {
    const ops = [
      op('a', put(1), 0, 1, ok, 'good'),
      op('a', get, 2, 3, found(1), 'good'),
      op('a', put(1), 0, 1, ok, 'bad'),
      op('a', get, 2, 3, found(7), 'bad'),
    ];
    expect(checkLinearizable(ops)).toMatchObject({ ok: false, key: 'bad' });
  });
});

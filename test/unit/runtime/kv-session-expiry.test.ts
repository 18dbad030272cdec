// The KV store's session expiry (thesis §6.3): decided by the times the commands carry (the leader's
// clock), so replaying the same log gives the same sessions; an expired client's command is refused.
import { describe, expect, it } from 'vitest';
import { KvStore, type KvCommand } from '../../../src/runtime/kv/kv.ts';

const put = (client: string, seq: number, time: number, value = `v${seq}`): KvCommand => ({ op: 'put', key: 'k', value, client, seq, time });

describe('KvStore session expiry', () => {
  it('a session idle longer than the timeout expires: its next command is refused, not applied', () => {
    const kv = new KvStore(1000);
    expect(kv.apply(put('a', 1, 1000))).toEqual({ ok: true });
    expect(kv.apply(put('b', 1, 1500))).toEqual({ ok: true });
    expect(kv.apply(put('b', 2, 2400))).toEqual({ ok: true }); // a idle 1400 ms > 1000: expired; b idle 900
    expect(kv.sessionCount).toBe(1);
    expect(kv.apply(put('a', 2, 2500, 'late'))).toEqual({ ok: false, error: 'session-expired' });
    expect(kv.apply(put('a', 1, 2500))).toEqual({ ok: false, error: 'session-expired' }); // a retry is not applied again
    expect(kv.peek('k')).toBe('v2');
  });

  it('an expired client is forgotten a timeout later (the tables stay bounded), and a retry refreshes a session', () => {
    const kv = new KvStore(1000);
    kv.apply(put('a', 1, 1000));
    kv.apply(put('b', 1, 2500)); // a expires at 2500
    kv.apply(put('b', 1, 3400)); // b's retry: answered from its session, which it keeps alive
    kv.apply(put('b', 2, 3600)); // a forgotten (3600 - 2500 > 1000)
    expect(kv.sessionCount).toBe(1);
    expect(kv.apply(put('a', 1, 3700))).toEqual({ ok: true }); // a new session under that id
  });

  it('a clock that goes back (a new leader behind) does not move the time back; no timeout: never expires', () => {
    const kv = new KvStore(1000);
    kv.apply(put('a', 1, 5000));
    expect(kv.apply(put('b', 1, 100))).toEqual({ ok: true });
    expect(kv.apply(put('a', 2, 5900))).toEqual({ ok: true });
    const forever = new KvStore();
    forever.apply(put('a', 1, 0));
    forever.apply(put('b', 1, 10_000_000));
    expect(forever.apply(put('a', 2, 10_000_001))).toEqual({ ok: true });
  });
});

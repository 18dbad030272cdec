// memoByObject: a pure function remembered per argument object; Raft's adapter given it finds the
// same configuration as with the scan, through appends, truncations and compaction.
import { describe, expect, it } from 'vitest';
import { memoByObject } from '../../../src/runtime/memo.ts';
import { raftProtocol, raftRuntime, runtimeConfig } from '../../../src/raft/index.ts';
import type { Configuration, Entry, Server } from '../../../src/raft/index.ts';
import { compactTo } from '../../../src/raft/runtimeSnapshots.ts';
import { server } from '../../helpers/raft.ts';

describe('memoByObject', () => {
  it('computes once per object and again for another object', () => {
    let calls = 0;
    const f = memoByObject((xs: readonly number[]) => {
      calls += 1;
      return xs.length;
    });
    const a = [1, 2];
    expect([f(a), f(a), f([1, 2, 3])]).toEqual([2, 2, 3]);
    expect(calls).toBe(2);
  });

  it("Raft's adapter with it sees the configuration the scan sees (Raft §6: the log's latest)", () => {
    const c = { ...runtimeConfig(['s1', 's2', 's3']), snapshots: true };
    const plain = raftRuntime(raftProtocol, c.servers, c);
    const memo = raftRuntime(raftProtocol, c.servers, c, memoByObject);
    const cfg = (voters: string[], learners: string[] = []): Configuration => ({ voters, old: voters, learners });
    const e = (term: number, value: unknown = []): Entry => ({ term, value: value as Entry['value'] });
    const base = server({ currentTerm: 2, state: 'Leader', log: [e(1), e(2, cfg(['s1', 's2', 's3'], ['s4'])), e(2)], commitIndex: 3, snapshot: { index: 0, term: 0, state: [] } });
    const states: Server[] = [base, { ...base, log: [...base.log, e(2, cfg(['s1', 's2', 's3']))] }, { ...base, log: base.log.slice(0, 1) }, compactTo(base, { index: 2, id: 2, data: null }) as Server];
    for (const s of [...states, ...states]) expect(memo.membership?.view(s)).toEqual(plain.membership?.view(s));
    expect(memo.membership?.view(states[1] as Server).learners).toEqual([]);
    expect(memo.membership?.view(states[2] as Server).learners).toEqual([]);
    expect(memo.membership?.view(states[3] as Server).learners).toEqual(['s4']);
  });
});

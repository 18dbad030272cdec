import { describe, expect, it } from 'vitest';
import { actionProperties, invariants, witnesses } from '../../../src/raft/index.ts';
import { aeReq, config, global, log } from '../../helpers/raft.ts';

const c = config();
const e = (term: number, value: string) => ({ term, value });

describe('Raft invariants', () => {
  it('all hold in the initial state', () => {
    const g = global({});
    for (const [name, inv] of Object.entries(invariants)) expect(inv(g, c), name).toBe(true);
  });

  it('TypeOK fails on a value outside Value and on a malformed message; any value goes with no Value constant', () => {
    expect(invariants.TypeOK(global({ s1: { log: [e(1, 'v9')] } }), c)).toBe(false);
    expect(invariants.TypeOK(global({}, [aeReq({ prevLogIndex: -1 })]), c)).toBe(false);
    expect(invariants.TypeOK(global({ s1: { log: [{ term: 1, value: { any: ['shape'] } }] } }), config({ values: [] }))).toBe(true);
  });

  it('ElectionSafety fails with two leaders of one term (Fig. 3)', () => {
    expect(invariants.ElectionSafety(global({ s1: { state: 'Leader', currentTerm: 2 }, s3: { state: 'Leader', currentTerm: 2 } }), c)).toBe(false);
    expect(invariants.ElectionSafety(global({ s1: { state: 'Leader', currentTerm: 2 }, s3: { state: 'Leader', currentTerm: 3 } }), c)).toBe(true);
  });

  it('LogMatching fails when equal (index, term) sit on different prefixes (Fig. 3)', () => {
    expect(invariants.LogMatching(global({ s1: { log: [e(2, 'v1'), e(4, 'v1')] }, s3: { log: [e(3, 'v1'), e(4, 'v1')] } }), c)).toBe(false);
    expect(invariants.LogMatching(global({ s1: { log: [e(2, 'v1'), e(4, 'v1')] }, s3: { log: [e(2, 'v1')] } }), c)).toBe(true);
  });

  it('LeaderCompleteness fails when a leader of a later term lacks a committed entry', () => {
    const bad = global({ s1: { currentTerm: 2, log: log(2), commitIndex: 1 }, s3: { state: 'Leader', currentTerm: 3, log: [] } });
    expect(invariants.LeaderCompleteness(bad, c)).toBe(false);
    // A leader of the same or an older term may lag (it is stale).
    const stale = global({ s1: { currentTerm: 3, log: log(2), commitIndex: 1 }, s3: { state: 'Leader', currentTerm: 3, log: [] } });
    expect(invariants.LeaderCompleteness(stale, c)).toBe(true);
  });

  it('StateMachineSafety fails when committed prefixes differ (Fig. 3)', () => {
    expect(invariants.StateMachineSafety(global({ s1: { log: [e(2, 'v1')], commitIndex: 1 }, s2: { log: [e(3, 'v2')], commitIndex: 1 } }), c)).toBe(false);
    expect(invariants.StateMachineSafety(global({ s1: { log: [e(2, 'v1')], commitIndex: 1 }, s2: { log: [e(3, 'v2')], commitIndex: 0 } }), c)).toBe(true);
  });

  it('CommittedOnQuorum fails when a committed entry is on a minority', () => {
    expect(invariants.CommittedOnQuorum(global({ s1: { log: log(2), commitIndex: 1 } }), c)).toBe(false);
    expect(invariants.CommittedOnQuorum(global({ s1: { log: log(2), commitIndex: 1 }, s2: { log: log(2) } }), c)).toBe(true);
  });

  it('CommittedSurvivesElection fails in Figure 8 (c): a term-2 entry counted on a majority while a term-3 log could win', () => {
    const fig8c = global({ s1: { log: [e(2, 'v1')], commitIndex: 1 }, s2: { log: [e(2, 'v1')] }, s3: { log: [e(3, 'v1')] } });
    expect(invariants.CommittedOnQuorum(fig8c, c)).toBe(true);
    expect(invariants.CommittedSurvivesElection(fig8c, c)).toBe(false);
    // Once a term-4 entry follows it on the majority (Figure 8 (e)), s3 can no longer win.
    const fig8e = global({ s1: { log: [e(2, 'v1'), e(4, 'v1')], commitIndex: 2 }, s2: { log: [e(2, 'v1'), e(4, 'v1')] }, s3: { log: [e(3, 'v1')] } });
    expect(invariants.CommittedSurvivesElection(fig8e, c)).toBe(true);
  });

  it('LeaderAppendOnly fails when a leader of the same term loses an entry (Fig. 3)', () => {
    const before = global({ s1: { state: 'Leader', currentTerm: 2, log: log(2, 2) } });
    const after = global({ s1: { state: 'Leader', currentTerm: 2, log: log(2) } });
    expect(actionProperties.LeaderAppendOnly(before, after, c)).toBe(false);
    expect(actionProperties.LeaderAppendOnly(after, before, c)).toBe(true);
  });

  it('witnesses recognise their states', () => {
    const g = global({ s1: { state: 'Leader', log: log(1), commitIndex: 1 }, s2: { log: log(1), commitIndex: 1 }, s3: { log: log(1) } });
    for (const [name, w] of Object.entries(witnesses)) expect(w(g, c), name).toBe(true);
    for (const [name, w] of Object.entries(witnesses)) expect(w(global({}), c), name).toBe(false);
  });
});

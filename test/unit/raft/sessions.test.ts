// Client sessions in the model (Raft thesis §6.3): ApplyCommitted applies a command once and answers a
// duplicate from the session table; the invariants that say so.
import { describe, expect, it } from 'vitest';
import { applyCommitted } from '../../../src/raft/actions/applyCommitted.ts';
import { restart } from '../../../src/raft/actions/restart.ts';
import { internal } from '../../../src/raft/internal.ts';
import { invariants, type Entry, type StateMachine } from '../../../src/raft/index.ts';
import { noSessionTable } from '../../../src/raft/variants/noSessionTable.ts';
import { config, global, server } from '../../helpers/raft.ts';

const on = config({ sessions: { clients: ['c1', 'c2'], maxSeq: 2 } });
const cmd = (client: string, seq: number, term = 2): Entry => ({ term, value: { client, seq } });
const empty: StateMachine = { lastApplied: 0, applied: [], sessions: { c1: { seq: 0, response: 0 }, c2: { seq: 0, response: 0 } } };

describe('ApplyCommitted (thesis §6.3)', () => {
  const s = server({ log: [cmd('c1', 1), cmd('c2', 1), cmd('c1', 1)], commitIndex: 3, sm: empty });

  it('applies a new command: appended to the state, its response (its position) cached in its session', () => {
    expect(applyCommitted(s, 's1', on)?.state.sm).toEqual({ lastApplied: 1, applied: [{ client: 'c1', seq: 1 }], sessions: { c1: { seq: 1, response: 1 }, c2: { seq: 0, response: 0 } } });
  });

  it('answers a duplicate from the session table without applying it again', () => {
    const t = server({ ...s, sm: { lastApplied: 2, applied: [{ client: 'c1', seq: 1 }, { client: 'c2', seq: 1 }], sessions: { c1: { seq: 1, response: 1 }, c2: { seq: 1, response: 2 } } } });
    expect(applyCommitted(t, 's1', on)?.state.sm).toEqual({ ...t.sm, lastApplied: 3 });
  });

  it('is not enabled past the commit index, or without Sessions', () => {
    expect(applyCommitted({ ...s, commitIndex: 0 }, 's1', on)).toBeNull();
    expect(applyCommitted(s, 's1', config())).toBeNull();
  });

  it("the variant no-session-table applies the duplicate a second time", () => {
    const t = server({ ...s, sm: { lastApplied: 2, applied: [{ client: 'c1', seq: 1 }, { client: 'c2', seq: 1 }], sessions: { c1: { seq: 1, response: 1 }, c2: { seq: 1, response: 2 } } } });
    const sm = noSessionTable.replaces.applyCommitted?.(t, 's1', on)?.state.sm;
    expect(sm?.applied).toHaveLength(3);
  });
});

describe('sessions elsewhere', () => {
  it("ClientRequest's values are every client's commands 1..maxSeq (any of them may be sent again: a retry)", () => {
    const v = internal('s1', server({ sm: empty }), on).filter((a) => a.type === 'ClientRequest').map((a) => (a.type === 'ClientRequest' ? a.v : null));
    expect(v).toEqual([{ client: 'c1', seq: 1 }, { client: 'c1', seq: 2 }, { client: 'c2', seq: 1 }, { client: 'c2', seq: 2 }]);
  });

  it('Restart empties the state machine (it is rebuilt from the log)', () => {
    const t = server({ sm: { ...empty, lastApplied: 1, applied: [{ client: 'c1', seq: 1 }] } });
    expect(restart(t, 's1', on).sm).toEqual(empty);
  });

  it('NoCommandAppliedTwice, ResponsesMatch and AppliedAgree', () => {
    const good: StateMachine = { lastApplied: 2, applied: [{ client: 'c1', seq: 1 }, { client: 'c2', seq: 1 }], sessions: { c1: { seq: 1, response: 1 }, c2: { seq: 1, response: 2 } } };
    const twice: StateMachine = { lastApplied: 2, applied: [{ client: 'c1', seq: 1 }, { client: 'c1', seq: 1 }], sessions: { c1: { seq: 1, response: 2 }, c2: { seq: 0, response: 0 } } };
    const other: StateMachine = { ...good, applied: [{ client: 'c2', seq: 1 }] , sessions: { c1: { seq: 0, response: 0 }, c2: { seq: 1, response: 1 } } };
    const g = (a: StateMachine, b: StateMachine) => global({ s1: { sm: a }, s2: { sm: b }, s3: { sm: empty } });
    expect([invariants.NoCommandAppliedTwice(g(good, good), on), invariants.ResponsesMatch(g(good, good), on), invariants.AppliedAgree(g(good, good), on)]).toEqual([true, true, true]);
    expect([invariants.NoCommandAppliedTwice(g(twice, empty), on), invariants.ResponsesMatch(g(twice, empty), on)]).toEqual([false, false]);
    expect(invariants.AppliedAgree(g(good, other), on)).toBe(false);
  });
});

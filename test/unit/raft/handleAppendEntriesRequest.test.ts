import { describe, expect, it } from 'vitest';
import { handleAppendEntriesRequest } from '../../../src/raft/handlers/handleAppendEntriesRequest.ts';
import { aeReq, aeResp, config, log, server } from '../../helpers/raft.ts';

const c = config();
const fail = (term = 2) => [aeResp({ term, success: false, matchIndex: 0, source: 's1', dest: 's2' })];
const ok = (matchIndex: number) => [aeResp({ success: true, matchIndex, source: 's1', dest: 's2' })];
const e = (term: number, value = 'v9') => ({ term, value });

describe('HandleAppendEntriesRequest', () => {
  it('reject request: an older term (Fig. 2 AE receiver rule 1)', () => {
    const s = server({ currentTerm: 3 });
    expect(handleAppendEntriesRequest(s, 's1', 's2', aeReq({ term: 2 }), c)).toEqual({ state: s, send: fail(3) });
  });

  it('reject request: no entry at prevLogIndex (Fig. 2 AE rule 2)', () => {
    const s = server({ currentTerm: 2, log: log(1) });
    expect(handleAppendEntriesRequest(s, 's1', 's2', aeReq({ prevLogIndex: 2, prevLogTerm: 1 }), c)).toEqual({ state: s, send: fail() });
  });

  it('rejects on prevLogTerm mismatch (Fig. 2 AE rule 2)', () => {
    const s = server({ currentTerm: 2, log: log(1) });
    expect(handleAppendEntriesRequest(s, 's1', 's2', aeReq({ prevLogIndex: 1, prevLogTerm: 2 }), c)).toEqual({ state: s, send: fail() });
  });

  it('return to follower state: a candidate hears from the leader of its term and keeps the message (Fig. 2 Candidates)', () => {
    const s = server({ currentTerm: 2, state: 'Candidate', votesGranted: ['s1'] });
    expect(handleAppendEntriesRequest(s, 's1', 's2', aeReq(), c)).toEqual({ state: { ...s, state: 'Follower' }, send: [], keep: true });
  });

  it('a candidate returns to follower even if the logs do not match (logOk is checked as a follower)', () => {
    const s = server({ currentTerm: 2, state: 'Candidate' });
    expect(handleAppendEntriesRequest(s, 's1', 's2', aeReq({ prevLogIndex: 3, prevLogTerm: 2 }), c)?.keep).toBe(true);
  });

  it('already done: a heartbeat sets commitIndex and replies with prevLogIndex (Fig. 2 AE rule 5)', () => {
    const s = server({ currentTerm: 2, log: log(1, 2) });
    expect(handleAppendEntriesRequest(s, 's1', 's2', aeReq({ prevLogIndex: 2, prevLogTerm: 2, commitIndex: 1 }), c)).toEqual({
      state: { ...s, commitIndex: 1 },
      send: ok(2),
    });
  });

  it('already done: the entry is there with the same term, reply matchIndex = prevLogIndex + 1', () => {
    const s = server({ currentTerm: 2, log: log(1, 2) });
    expect(handleAppendEntriesRequest(s, 's1', 's2', aeReq({ prevLogIndex: 1, prevLogTerm: 1, entries: [e(2, 'v2')] }), c)).toEqual({ state: s, send: ok(2) });
  });

  it('already done: an old duplicate may lower commitIndex, as raft.tla allows', () => {
    const s = server({ currentTerm: 2, log: log(1, 2), commitIndex: 2 });
    expect(handleAppendEntriesRequest(s, 's1', 's2', aeReq({ commitIndex: 0 }), c)?.state.commitIndex).toBe(0);
  });

  it('conflict: remove 1 entry, the last one, and keep the message (Fig. 2 AE rule 3)', () => {
    const s = server({ currentTerm: 3, log: log(1, 2, 2) });
    expect(handleAppendEntriesRequest(s, 's1', 's2', aeReq({ term: 3, prevLogIndex: 1, prevLogTerm: 1, entries: [e(3)] }), c)).toEqual({
      state: { ...s, log: log(1, 2) },
      send: [],
      keep: true,
    });
  });

  it('no conflict: append entry and keep the message (Fig. 2 AE rule 4)', () => {
    const s = server({ currentTerm: 2, log: log(1) });
    expect(handleAppendEntriesRequest(s, 's1', 's2', aeReq({ prevLogIndex: 1, prevLogTerm: 1, entries: [e(2)], commitIndex: 1 }), c)).toEqual({
      state: { ...s, log: [...log(1), e(2)] },
      send: [],
      keep: true,
    });
  });

  it('is not enabled at a leader of the same term (no branch applies)', () => {
    expect(handleAppendEntriesRequest(server({ currentTerm: 2, state: 'Leader' }), 's1', 's2', aeReq(), c)).toBeNull();
  });

  it('is not enabled for a newer term: UpdateTerm goes first (guard m.term <= currentTerm[i])', () => {
    expect(handleAppendEntriesRequest(server({ currentTerm: 1 }), 's1', 's2', aeReq(), c)).toBeNull();
  });
});

// Batched AppendEntries (MaxAppendEntries, maxAppendBytes) and the reject hint (RejectHint): with one
// entry and no hint every handler is raft.tla's (the counts in test/model-check say so); these pin the
// multi-entry behaviour.
import { describe, expect, it } from 'vitest';
import { appendEntries } from '../../../src/raft/actions/appendEntries.ts';
import { handleAppendEntriesRequest } from '../../../src/raft/handlers/handleAppendEntriesRequest.ts';
import { handleAppendEntriesResponse } from '../../../src/raft/handlers/handleAppendEntriesResponse.ts';
import { raft, runtimeConfig } from '../../../src/raft/index.ts';
import { aeReq, aeResp, config, log, per, server } from '../../helpers/raft.ts';

const batched = config({ maxAppendEntries: 3 });
const e = (term: number, value: string) => ({ term, value });

describe('AppendEntries with MaxAppendEntries', () => {
  const leader = server({ currentTerm: 3, state: 'Leader', log: log(1, 2, 3, 3, 3), commitIndex: 5, nextIndex: per(2) });

  it('sends up to MaxAppendEntries entries from nextIndex[j], and the commit index up to the last of them', () => {
    expect(appendEntries(leader, 's1', 's2', batched)?.send).toEqual([
      aeReq({ term: 3, prevLogIndex: 1, prevLogTerm: 1, entries: log(1, 2, 3, 3).slice(1), commitIndex: 4, source: 's1', dest: 's2' }),
    ]);
  });

  it('sends one entry without the constant (raft.tla)', () => {
    expect(appendEntries(leader, 's1', 's2', config())?.send[0]).toMatchObject({ entries: [{ term: 2, value: 'v2' }], commitIndex: 2 });
  });

  it('stops before the values pass maxAppendBytes, but always sends at least one entry', () => {
    const big = server({ ...leader, log: [e(1, 'a'.repeat(10)), e(2, 'b'.repeat(10)), e(3, 'c'.repeat(10)), e(3, 'd')] });
    const c = config({ maxAppendEntries: 3, maxAppendBytes: 25 });
    expect(appendEntries(big, 's1', 's2', c)?.send[0]).toMatchObject({ prevLogIndex: 1, entries: [e(2, 'b'.repeat(10)), e(3, 'c'.repeat(10))] });
    const tiny = config({ maxAppendEntries: 3, maxAppendBytes: 1 });
    expect(appendEntries(big, 's1', 's2', tiny)?.send[0]).toMatchObject({ entries: [e(2, 'b'.repeat(10))] });
  });
});

describe('HandleAppendEntriesRequest with several entries', () => {
  const follower = (terms: number[]) => server({ currentTerm: 3, log: log(...terms) });

  it('no conflict: appends every entry after the ones it already holds, and keeps the message', () => {
    const s = follower([1, 2]);
    const m = aeReq({ term: 3, prevLogIndex: 1, prevLogTerm: 1, entries: log(1, 2, 3, 3).slice(1) });
    const r = handleAppendEntriesRequest(s, 's1', 's2', m, batched);
    expect(r).toEqual({ state: { ...s, log: log(1, 2, 3, 3) }, send: [], keep: true });
    // then already done: success with matchIndex = prevLogIndex + Len(entries)
    expect(handleAppendEntriesRequest(r?.state ?? s, 's1', 's2', m, batched)?.send).toEqual([
      aeResp({ term: 3, success: true, matchIndex: 4, source: 's1', dest: 's2' }),
    ]);
  });

  it('conflict inside the batch: removes the last entry, one step at a time, as raft.tla', () => {
    const s = follower([1, 2, 2, 2]);
    const m = aeReq({ term: 3, prevLogIndex: 1, prevLogTerm: 1, entries: [e(2, 'v2'), e(3, 'x'), e(3, 'y')] });
    const r1 = handleAppendEntriesRequest(s, 's1', 's2', m, batched);
    expect(r1).toEqual({ state: { ...s, log: log(1, 2, 2) }, send: [], keep: true });
    const r2 = handleAppendEntriesRequest(r1?.state ?? s, 's1', 's2', m, batched);
    expect(r2?.state.log).toEqual(log(1, 2));
    const r3 = handleAppendEntriesRequest(r2?.state ?? s, 's1', 's2', m, batched);
    expect(r3).toEqual({ state: { ...s, log: [...log(1, 2), e(3, 'x'), e(3, 'y')] }, send: [], keep: true });
  });

  it('a follower holding a longer matching log is already done, and reports only what the batch covers', () => {
    const s = follower([1, 2, 3, 3]);
    const m = aeReq({ term: 3, prevLogIndex: 1, prevLogTerm: 1, entries: log(1, 2, 3).slice(1), commitIndex: 2 });
    expect(handleAppendEntriesRequest(s, 's1', 's2', m, batched)).toEqual({
      state: { ...s, commitIndex: 2 },
      send: [aeResp({ term: 3, success: true, matchIndex: 3, source: 's1', dest: 's2' })],
    });
  });
});

describe('RejectHint', () => {
  it('a rejection carries the follower log length only with the hint', () => {
    const s = server({ currentTerm: 3, log: log(1) });
    const m = aeReq({ term: 3, prevLogIndex: 5, prevLogTerm: 3 });
    expect(handleAppendEntriesRequest(s, 's1', 's2', m, config())?.send[0]).toMatchObject({ success: false, matchIndex: 0 });
    expect(handleAppendEntriesRequest(s, 's1', 's2', m, config({ rejectHint: true }))?.send[0]).toMatchObject({ success: false, matchIndex: 1 });
  });

  it('the leader backs nextIndex up to just after the follower log at once, never up', () => {
    const s = server({ currentTerm: 2, state: 'Leader', nextIndex: per(100) });
    const hint = config({ rejectHint: true });
    expect(handleAppendEntriesResponse(s, 's1', 's2', aeResp({ success: false, matchIndex: 0 }), hint)?.state.nextIndex['s2']).toBe(1);
    expect(handleAppendEntriesResponse(s, 's1', 's2', aeResp({ success: false, matchIndex: 40 }), hint)?.state.nextIndex['s2']).toBe(41);
    // a longer (conflicting) follower log: one step back, as without the hint
    expect(handleAppendEntriesResponse(s, 's1', 's2', aeResp({ success: false, matchIndex: 500 }), hint)?.state.nextIndex['s2']).toBe(99);
    expect(handleAppendEntriesResponse(s, 's1', 's2', aeResp({ success: false, matchIndex: 40 }), config())?.state.nextIndex['s2']).toBe(99);
  });
});

describe('constants', () => {
  it('the model defaults leave the new constants out (raft.tla), the flags set them, a real cluster turns them on', () => {
    const defaults = Object.fromEntries(raft.constants.map((k) => [k.flag, k.default]));
    const b = raft.build(defaults, null);
    expect(b.kind === 'node' && b.config).not.toHaveProperty('maxAppendEntries');
    const on = raft.build({ ...defaults, 'max-append': '4', 'reject-hint': 'on', transfer: 'on' }, null);
    expect(on.kind === 'node' && on.config).toMatchObject({ maxAppendEntries: 4, rejectHint: true, leadershipTransfer: true });
    expect(on.settings).toMatch(/max-append 4; reject-hint on; transfer on$/);
    expect(() => raft.build({ ...defaults, 'max-append': '0' }, null)).toThrow(/--max-append/);
    expect(runtimeConfig(['s2', 's1'])).toMatchObject({ servers: ['s1', 's2'], rejectHint: true, leadershipTransfer: true });
    expect(runtimeConfig(['s1']).maxAppendEntries).toBeGreaterThan(1);
  });
});

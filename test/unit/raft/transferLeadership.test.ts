import { describe, expect, it } from 'vitest';
import { transferLeadership } from '../../../src/raft/actions/transferLeadership.ts';
import { handleTimeoutNowRequest } from '../../../src/raft/handlers/handleTimeoutNowRequest.ts';
import { internal } from '../../../src/raft/internal.ts';
import { raftProtocol } from '../../../src/raft/index.ts';
import type { TimeoutNowRequest } from '../../../src/raft/index.ts';
import { config, log, per, server } from '../../helpers/raft.ts';

const on = config({ leadershipTransfer: true });
const tn = (over: Partial<TimeoutNowRequest> = {}): TimeoutNowRequest => ({ type: 'TimeoutNowRequest', term: 2, source: 's2', dest: 's1', ...over });

describe('TransferLeadership (thesis §3.10)', () => {
  const leader = server({ currentTerm: 2, state: 'Leader', log: log(1, 2), matchIndex: per(0, { s2: 2, s3: 1 }) });

  it('sends TimeoutNowRequest to a follower whose log matches the leader', () => {
    expect(transferLeadership(leader, 's1', 's2', on)).toEqual({ state: leader, send: [{ type: 'TimeoutNowRequest', term: 2, source: 's1', dest: 's2' }] });
  });

  it('is not enabled towards a follower that is behind, towards itself, at a non-leader, or without LeadershipTransfer', () => {
    expect(transferLeadership(leader, 's1', 's3', on)).toBeNull();
    expect(transferLeadership(leader, 's1', 's1', on)).toBeNull();
    expect(transferLeadership({ ...leader, state: 'Follower' }, 's1', 's2', on)).toBeNull();
    expect(transferLeadership(leader, 's1', 's2', config())).toBeNull();
  });

  it('is listed for every j, and enabled only with LeadershipTransfer (its guard, so the model counts stay raft.tla\'s)', () => {
    const listed = internal('s1', leader, config()).filter((a) => a.type === 'TransferLeadership');
    expect(listed).toEqual([
      { type: 'TransferLeadership', j: 's1' },
      { type: 'TransferLeadership', j: 's2' },
      { type: 'TransferLeadership', j: 's3' },
    ]);
    expect(listed.map((a) => raftProtocol.step('s1', leader, a, config()))).toEqual([null, null, null]);
    expect(listed.map((a) => raftProtocol.step('s1', leader, a, on) !== null)).toEqual([false, true, false]);
  });
});

describe('HandleTimeoutNowRequest', () => {
  it('a follower of the same term times out at once: candidate of the next term (Timeout(i))', () => {
    const s = server({ currentTerm: 2, votedFor: 's2' });
    expect(handleTimeoutNowRequest(s, 's1', 's2', tn(), on)).toEqual({ state: server({ currentTerm: 3, state: 'Candidate', votedFor: null }), send: [] });
  });

  it('drops a request of an older term, and leaves a newer one to UpdateTerm', () => {
    const s = server({ currentTerm: 3 });
    expect(handleTimeoutNowRequest(s, 's1', 's2', tn(), on)).toEqual({ state: s, send: [] });
    expect(handleTimeoutNowRequest(server({ currentTerm: 1 }), 's1', 's2', tn(), on)).toBeNull();
  });

  it('through Receive: a newer term first updates the term and keeps the message, then times out', () => {
    const s = server({ currentTerm: 1 });
    const r1 = raftProtocol.step('s1', s, { type: 'Receive', m: tn() }, on);
    expect(r1?.keep).toBe(true);
    const r2 = raftProtocol.step('s1', r1?.state ?? s, { type: 'Receive', m: tn() }, on);
    expect(r2?.state).toMatchObject({ currentTerm: 3, state: 'Candidate' });
  });
});

describe('raftRuntime (leadership transfer)', () => {
  it('hands off through TransferLeadership to each peer, and a TimeoutNowRequest is followed by RequestVote to every server', async () => {
    const { raftRuntime } = await import('../../../src/raft/index.ts');
    const rt = raftRuntime(raftProtocol, on.servers, on);
    const s = server();
    expect(rt.handOff('s1', s)).toEqual([{ type: 'TransferLeadership', j: 's2' }, { type: 'TransferLeadership', j: 's3' }]);
    expect(rt.reactions('s1', s, s, { type: 'Receive', m: tn() })).toEqual(['s1', 's2', 's3'].map((j) => ({ type: 'RequestVote', j })));
    expect(rt.reactions('s1', s, s, { type: 'Receive', m: { type: 'AppendEntriesResponse', term: 2, success: true, matchIndex: 0, source: 's2', dest: 's1' } })).toEqual([]);
  });
});

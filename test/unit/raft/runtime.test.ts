import { describe, expect, it } from 'vitest';
import { durableOf, raftProtocol, raftRuntime } from '../../../src/raft/index.ts';
import type { RaftAction, RaftMessage, Server } from '../../../src/raft/index.ts';
import { aeReq, aeResp, config, log, server } from '../../helpers/raft.ts';

const c = config();
const rt = raftRuntime(raftProtocol, c.servers, c);
const receive = (m: RaftMessage) => ({ type: 'Receive', m }) as const;
const tick: RaftAction = { type: 'AdvanceCommitIndex' };

describe('raftRuntime', () => {
  it('election timer: Timeout, then RequestVote to every server, itself included', () => {
    expect(rt.timers['election']?.actions('s1', server())).toEqual([
      { type: 'Timeout' },
      { type: 'RequestVote', j: 's1' },
      { type: 'RequestVote', j: 's2' },
      { type: 'RequestVote', j: 's3' },
    ]);
  });

  it('heartbeat timer: BecomeLeader, AppendEntries (or InstallSnapshot, §7) to each peer, then AdvanceCommitIndex', () => {
    expect(rt.timers['heartbeat']?.actions('s2', server())).toEqual([
      { type: 'BecomeLeader' },
      { type: 'AppendEntries', j: 's1' },
      { type: 'InstallSnapshot', j: 's1' },
      { type: 'AppendEntries', j: 's3' },
      { type: 'InstallSnapshot', j: 's3' },
      { type: 'AdvanceCommitIndex' },
    ]);
  });

  it('an AppendEntriesRequest of the current term only shows a live leader (its sender)', () => {
    const s = server({ currentTerm: 2 });
    expect(rt.leaderShown('s1', s, aeReq({ term: 2, source: 's3' }))).toBe('s3');
    expect(rt.leaderShown('s1', s, aeReq({ term: 1 }))).toBeNull();
    expect(rt.leaderShown('s1', s, aeResp({ term: 2 }))).toBeNull();
  });

  it('a leader that steps down restarts its election timer (§5.1); other steps do not', () => {
    const leader = server({ currentTerm: 2, state: 'Leader' });
    const follower = server({ currentTerm: 3 });
    expect(rt.resetsElection('s1', leader, follower, receive(aeResp({ term: 3 })))).toBe(true);
    expect(rt.resetsElection('s1', leader, { ...leader, commitIndex: 1 }, tick)).toBe(false);
    expect(rt.resetsElection('s1', server(), server({ currentTerm: 2, state: 'Candidate' }), { type: 'Timeout' })).toBe(false);
  });

  it('a new leader proposes a blank entry (§5.4.2, thesis §6.4); nothing else does', () => {
    const cand: Server = server({ currentTerm: 2, state: 'Candidate' });
    const lead: Server = { ...cand, state: 'Leader' };
    expect(rt.reactions('s1', cand, lead, { type: 'BecomeLeader' })).toEqual([{ type: 'ClientRequest', v: [] }]);
    expect(rt.reactions('s1', lead, lead, tick)).toEqual([]);
  });

  it('proposes ClientRequest at a leader only', () => {
    expect(rt.command('s1', server({ state: 'Leader' }), { k: 1 })).toEqual({ type: 'ClientRequest', v: { k: 1 } });
    expect(rt.command('s1', server(), 'x')).toBeNull();
  });

  it('committed, entryId, view', () => {
    const s = server({ currentTerm: 3, log: log(1, 2, 3), commitIndex: 2, votedFor: 's2' });
    expect(rt.committed(s, 1)).toEqual(['v1', 'v2']);
    expect(rt.committed(s, 2)).toEqual(['v2']);
    expect(rt.entryId(s, 2)).toBe(2);
    expect(rt.entryId(s, 4)).toBeNull();
    expect(rt.view(s)).toEqual({ role: 'follower', term: 3, votedFor: 's2', lastIndex: 3, commitIndex: 2 });
  });

  it('a proposal goes through step and lands at the last index', () => {
    const s = server({ currentTerm: 2, state: 'Leader', log: log(1) });
    const a = rt.command('s1', s, 'cmd');
    const r = a === null ? null : rt.step('s1', s, a);
    expect(r !== null && rt.view(r.state).lastIndex).toBe(2);
    expect(r !== null && rt.entryId(r.state, 2)).toBe(2);
  });

  it('flow control and early sending: AppendEntries only; a payload is named by term and prevLogIndex', () => {
    expect(rt.payload(aeReq({ term: 2, prevLogIndex: 4, entries: log(2) }))).toBe('2/4');
    expect(rt.payload(aeReq({ entries: [] }))).toBeNull();
    expect(rt.early(aeReq())).toBe(true);
    expect(rt.early(aeResp())).toBe(false);
  });
});

describe('raftRuntime: durable and restore (Raft Fig. 2, "Persistent state")', () => {
  it('durable(s) is { currentTerm, votedFor, log }', () => {
    const s = server({ currentTerm: 4, votedFor: 's2', log: log(4), commitIndex: 1, state: 'Leader' });
    expect(rt.durable(s)).toEqual({ currentTerm: 4, votedFor: 's2', log: log(4) });
  });

  it('restore rebuilds a follower holding exactly the durable part; null is a fresh node', () => {
    const d = { currentTerm: 7, votedFor: 's2', log: [{ term: 3, value: [] }, { term: 7, value: [{ op: 'get', key: 'a', client: 'c', seq: 1 }] }] };
    const s = rt.restore('s1', d);
    expect(rt.durable(s)).toEqual(d);
    expect(s.state).toBe('Follower');
    expect(s.commitIndex).toBe(0);
    expect(rt.restore('s1', null)).toEqual(raftProtocol.init('s1', c));
  });

  it('restore refuses a value that is not a durable Raft state, naming what is wrong', () => {
    expect(() => durableOf([])).toThrow('not an object');
    expect(() => durableOf({ currentTerm: -1, votedFor: null, log: [] })).toThrow('currentTerm');
    expect(() => durableOf({ currentTerm: 1, votedFor: 3, log: [] })).toThrow('votedFor');
    expect(() => durableOf({ currentTerm: 1, votedFor: null, log: {} })).toThrow('log is not an array');
    expect(() => rt.restore('s1', { currentTerm: 1, votedFor: null, log: [{ term: 1, value: 1 }, { value: 2 }] })).toThrow('log entry 2');
  });
});

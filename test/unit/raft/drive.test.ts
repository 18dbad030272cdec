import { describe, expect, it } from 'vitest';
import { drive, raftProtocol } from '../../../src/raft/index.ts';
import { aeReq, aeResp, config, log, server } from '../../helpers/raft.ts';

const c = config();

describe('drive', () => {
  it('election timer: Timeout, then RequestVote to every server, itself included', () => {
    expect(drive.timers['election']?.actions('s1', server(), c)).toEqual([
      { type: 'Timeout' },
      { type: 'RequestVote', j: 's1' },
      { type: 'RequestVote', j: 's2' },
      { type: 'RequestVote', j: 's3' },
    ]);
  });

  it('heartbeat timer: BecomeLeader, AppendEntries to each peer, then AdvanceCommitIndex', () => {
    expect(drive.timers['heartbeat']?.actions('s2', server(), c)).toEqual([
      { type: 'BecomeLeader' },
      { type: 'AppendEntries', j: 's1' },
      { type: 'AppendEntries', j: 's3' },
      { type: 'AdvanceCommitIndex' },
    ]);
  });

  it('resets the election timer on an AppendEntriesRequest of the current term only', () => {
    const s = server({ currentTerm: 2 });
    expect(drive.resets('s1', s, aeReq({ term: 2 }))).toBe(true);
    expect(drive.resets('s1', s, aeReq({ term: 1 }))).toBe(false);
    expect(drive.resets('s1', s, aeResp({ term: 2 }))).toBe(false);
  });

  it('proposes ClientRequest at a leader only', () => {
    expect(drive.propose('s1', server({ state: 'Leader' }), { k: 1 }, c)).toEqual({ type: 'ClientRequest', v: { k: 1 } });
    expect(drive.propose('s1', server(), 'x', c)).toBeNull();
  });

  it('committed, lastIndex, termAt, status, leaderOf', () => {
    const s = server({ currentTerm: 3, log: log(1, 2, 3), commitIndex: 2 });
    expect(drive.committed(s, 1)).toEqual(['v1', 'v2']);
    expect(drive.committed(s, 2)).toEqual(['v2']);
    expect(drive.lastIndex(s)).toBe(3);
    expect(drive.termAt(s, 2)).toBe(2);
    expect(drive.termAt(s, 4)).toBeNull();
    expect(drive.status('s1', s)).toEqual({ role: 'Follower', term: 3, commitIndex: 2 });
    expect(drive.leaderOf(aeReq({ source: 's3' }))).toBe('s3');
    expect(drive.leaderOf(aeResp())).toBeNull();
  });

  it('a proposal goes through step and lands at lastIndex', () => {
    const s = server({ currentTerm: 2, state: 'Leader', log: log(1) });
    const a = drive.propose('s1', s, 'cmd', c);
    const r = a === null ? null : raftProtocol.step('s1', s, a, c);
    expect(r !== null && drive.lastIndex(r.state)).toBe(2);
    expect(r !== null && drive.termAt(r.state, 2)).toBe(2);
  });

  it('durable(s) is { currentTerm, votedFor, log }', () => {
    const s = server({ currentTerm: 4, votedFor: 's2', log: log(4), commitIndex: 1, state: 'Leader' });
    expect(raftProtocol.durable(s)).toEqual({ currentTerm: 4, votedFor: 's2', log: log(4) });
  });
});

import { describe, expect, it } from 'vitest';
import { requestVote } from '../../../src/raft/actions/requestVote.ts';
import { config, log, rvReq, server } from '../../helpers/raft.ts';

const c = config();

describe('RequestVote', () => {
  it('a candidate sends its term and last log entry (Fig. 2 RequestVote arguments)', () => {
    const s = server({ currentTerm: 3, state: 'Candidate', log: log(1, 2) });
    expect(requestVote(s, 's1', 's2', c)).toEqual({
      state: s,
      send: [rvReq({ term: 3, lastLogTerm: 2, lastLogIndex: 2, source: 's1', dest: 's2' })],
    });
  });

  it('a candidate asks itself too, as raft.tla (j ranges over all servers)', () => {
    const s = server({ currentTerm: 2, state: 'Candidate' });
    expect(requestVote(s, 's1', 's1', c)?.send).toEqual([rvReq({ term: 2, source: 's1', dest: 's1' })]);
  });

  it('is not enabled once j has answered (guard j \\notin votesResponded[i])', () => {
    expect(requestVote(server({ state: 'Candidate', votesResponded: ['s2'] }), 's1', 's2', c)).toBeNull();
  });

  it('is not enabled at a follower or leader (guard state[i] = Candidate)', () => {
    expect(requestVote(server(), 's1', 's2', c)).toBeNull();
    expect(requestVote(server({ state: 'Leader' }), 's1', 's2', c)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { becomeLeader } from '../../../src/raft/actions/becomeLeader.ts';
import { config, log, per, server } from '../../helpers/raft.ts';

const c = config();

describe('BecomeLeader', () => {
  it('a candidate with votes from a majority leads and resets nextIndex to Len(log)+1 (Fig. 2 Candidates, Leaders state)', () => {
    const s = server({ currentTerm: 2, state: 'Candidate', log: log(1, 1), votesGranted: ['s1', 's3'], nextIndex: per(1, { s2: 3 }), matchIndex: per(0, { s2: 1 }) });
    expect(becomeLeader(s, 's1', c)).toEqual({
      state: { ...s, state: 'Leader', nextIndex: per(3), matchIndex: per(0) },
      send: [],
    });
  });

  it('is not enabled without a majority of votes (guard votesGranted[i] \\in Quorum)', () => {
    expect(becomeLeader(server({ state: 'Candidate', votesGranted: ['s1'] }), 's1', c)).toBeNull();
  });

  it('is not enabled unless candidate (guard state[i] = Candidate)', () => {
    expect(becomeLeader(server({ votesGranted: ['s1', 's2'] }), 's1', c)).toBeNull();
  });
});

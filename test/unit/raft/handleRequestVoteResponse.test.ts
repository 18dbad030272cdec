import { describe, expect, it } from 'vitest';
import { handleRequestVoteResponse } from '../../../src/raft/handlers/handleRequestVoteResponse.ts';
import { config, rvResp, server } from '../../helpers/raft.ts';

const c = config();

describe('HandleRequestVoteResponse', () => {
  it('records a granted vote (Fig. 2 Candidates: votes received)', () => {
    const s = server({ currentTerm: 2, state: 'Candidate', votesResponded: ['s1'], votesGranted: ['s1'] });
    expect(handleRequestVoteResponse(s, 's1', 's3', rvResp({ source: 's3' }), c)).toEqual({
      state: { ...s, votesResponded: ['s1', 's3'], votesGranted: ['s1', 's3'] },
      send: [],
    });
  });

  it('records a denial as responded only', () => {
    const s = server({ currentTerm: 2, state: 'Candidate' });
    expect(handleRequestVoteResponse(s, 's1', 's2', rvResp({ voteGranted: false }), c)).toEqual({ state: { ...s, votesResponded: ['s2'] }, send: [] });
  });

  it('tallies in any state, as raft.tla (only a candidate reads the tally)', () => {
    const s = server({ currentTerm: 2, state: 'Leader' });
    expect(handleRequestVoteResponse(s, 's1', 's2', rvResp(), c)?.state.votesGranted).toEqual(['s2']);
  });

  it('is not enabled for another term (guard m.term = currentTerm[i])', () => {
    expect(handleRequestVoteResponse(server({ currentTerm: 3 }), 's1', 's2', rvResp(), c)).toBeNull();
    expect(handleRequestVoteResponse(server({ currentTerm: 1 }), 's1', 's2', rvResp(), c)).toBeNull();
  });
});

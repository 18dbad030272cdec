import { describe, expect, it } from 'vitest';
import { updateTerm } from '../../../src/raft/handlers/updateTerm.ts';
import { aeResp, config, rvReq, server } from '../../helpers/raft.ts';

const c = config();

describe('UpdateTerm', () => {
  it('a newer term makes i a follower of that term with no vote, and keeps the message (Fig. 2 All Servers: term T > currentTerm)', () => {
    const s = server({ currentTerm: 2, state: 'Leader', votedFor: 's1' });
    expect(updateTerm(s, 's1', 's2', rvReq({ term: 5 }), c)).toEqual({ state: server({ currentTerm: 5 }), send: [], keep: true });
  });

  it('applies to responses as well as requests', () => {
    const s = server({ currentTerm: 2, state: 'Candidate' });
    expect(updateTerm(s, 's1', 's2', aeResp({ term: 3 }), c)?.state).toEqual(server({ currentTerm: 3 }));
  });

  it('is not enabled for the same or an older term (guard m.term > currentTerm[i])', () => {
    expect(updateTerm(server({ currentTerm: 2 }), 's1', 's2', rvReq({ term: 2 }), c)).toBeNull();
    expect(updateTerm(server({ currentTerm: 3 }), 's1', 's2', rvReq({ term: 2 }), c)).toBeNull();
  });
});

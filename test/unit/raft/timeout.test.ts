import { describe, expect, it } from 'vitest';
import { timeout } from '../../../src/raft/actions/timeout.ts';
import { config, server } from '../../helpers/raft.ts';

const c = config();

describe('Timeout', () => {
  it('a follower becomes a candidate of the next term, with no vote yet (Fig. 2 Followers; §5.2)', () => {
    const s = server({ currentTerm: 3, votedFor: 's2' });
    expect(timeout(s, 's1', c)).toEqual({ state: server({ currentTerm: 4, state: 'Candidate', votedFor: null }), send: [] });
  });

  it('a candidate starts a new election and forgets its tally (Fig. 2 Candidates: election timeout elapses)', () => {
    const s = server({ currentTerm: 2, state: 'Candidate', votedFor: 's1', votesResponded: ['s1', 's2'], votesGranted: ['s1'] });
    expect(timeout(s, 's1', c)).toEqual({ state: server({ currentTerm: 3, state: 'Candidate' }), send: [] });
  });

  it('is not enabled at a leader (guard state[i] \\in {Follower, Candidate})', () => {
    expect(timeout(server({ state: 'Leader' }), 's1', c)).toBeNull();
  });
});

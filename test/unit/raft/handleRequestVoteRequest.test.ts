import { describe, expect, it } from 'vitest';
import { handleRequestVoteRequest } from '../../../src/raft/handlers/handleRequestVoteRequest.ts';
import { config, log, rvReq, rvResp, server } from '../../helpers/raft.ts';

const c = config();
const reply = (granted: boolean, term = 2) => [rvResp({ term, voteGranted: granted, source: 's1', dest: 's2' })];

describe('HandleRequestVoteRequest', () => {
  it('grants a vote to an up-to-date candidate of its term (Fig. 2 RequestVote receiver rule 2)', () => {
    const s = server({ currentTerm: 2, log: log(1) });
    expect(handleRequestVoteRequest(s, 's1', 's2', rvReq({ term: 2, lastLogTerm: 1, lastLogIndex: 1 }), c)).toEqual({
      state: { ...s, votedFor: 's2' },
      send: reply(true),
    });
  });

  it('grants again to the candidate it already voted for (votedFor[i] \\in {Nil, j})', () => {
    const s = server({ currentTerm: 2, votedFor: 's2' });
    expect(handleRequestVoteRequest(s, 's1', 's2', rvReq(), c)).toEqual({ state: s, send: reply(true) });
  });

  it('denies a candidate of an older term (receiver rule 1)', () => {
    const s = server({ currentTerm: 3 });
    expect(handleRequestVoteRequest(s, 's1', 's2', rvReq({ term: 2 }), c)).toEqual({ state: s, send: reply(false, 3) });
  });

  it('denies when it voted for another server in this term (receiver rule 2, votedFor)', () => {
    const s = server({ currentTerm: 2, votedFor: 's3' });
    expect(handleRequestVoteRequest(s, 's1', 's2', rvReq(), c)).toEqual({ state: s, send: reply(false) });
  });

  it('denies a candidate whose last term is older (§5.4.1 election restriction)', () => {
    const s = server({ currentTerm: 3, log: log(2) });
    expect(handleRequestVoteRequest(s, 's1', 's2', rvReq({ term: 3, lastLogTerm: 1, lastLogIndex: 5 }), c)).toEqual({ state: s, send: reply(false, 3) });
  });

  it('denies a candidate with the same last term but a shorter log (§5.4.1)', () => {
    const s = server({ currentTerm: 3, log: log(2, 2) });
    expect(handleRequestVoteRequest(s, 's1', 's2', rvReq({ term: 3, lastLogTerm: 2, lastLogIndex: 1 }), c)).toEqual({ state: s, send: reply(false, 3) });
  });

  it('grants a candidate with a newer last term and a shorter log (§5.4.1)', () => {
    const s = server({ currentTerm: 3, log: log(1, 1, 1) });
    expect(handleRequestVoteRequest(s, 's1', 's2', rvReq({ term: 3, lastLogTerm: 2, lastLogIndex: 1 }), c)?.state.votedFor).toBe('s2');
  });

  it('replies with the history field log (raft.tla mlog) only with historyFields', () => {
    const s = server({ currentTerm: 2, log: log(1) });
    expect(handleRequestVoteRequest(s, 's1', 's2', rvReq({ lastLogTerm: 1, lastLogIndex: 1 }), config({ historyFields: true }))?.send).toEqual([
      { ...rvResp({ source: 's1', dest: 's2' }), log: log(1) },
    ]);
  });

  it('is not enabled for a newer term: UpdateTerm goes first (guard m.term <= currentTerm[i])', () => {
    expect(handleRequestVoteRequest(server(), 's1', 's2', rvReq({ term: 2 }), c)).toBeNull();
  });
});

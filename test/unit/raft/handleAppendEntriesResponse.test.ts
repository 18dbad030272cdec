import { describe, expect, it } from 'vitest';
import { handleAppendEntriesResponse } from '../../../src/raft/handlers/handleAppendEntriesResponse.ts';
import { aeResp, config, per, server } from '../../helpers/raft.ts';

const c = config();

describe('HandleAppendEntriesResponse', () => {
  it('on success sets nextIndex[j] = matchIndex + 1 and matchIndex[j] (Fig. 2 Leaders: successful)', () => {
    const s = server({ currentTerm: 2, state: 'Leader', nextIndex: per(3) });
    expect(handleAppendEntriesResponse(s, 's1', 's2', aeResp({ matchIndex: 2 }), c)).toEqual({
      state: { ...s, nextIndex: per(3, { s2: 3 }), matchIndex: per(0, { s2: 2 }) },
      send: [],
    });
  });

  it('on failure decrements nextIndex[j] (Fig. 2 Leaders: fails because of log inconsistency)', () => {
    const s = server({ currentTerm: 2, state: 'Leader', nextIndex: per(3) });
    expect(handleAppendEntriesResponse(s, 's1', 's2', aeResp({ success: false }), c)).toEqual({ state: { ...s, nextIndex: per(3, { s2: 2 }) }, send: [] });
  });

  it('never lowers nextIndex[j] below 1', () => {
    const s = server({ currentTerm: 2, state: 'Leader' });
    expect(handleAppendEntriesResponse(s, 's1', 's2', aeResp({ success: false }), c)?.state.nextIndex).toEqual(per(1));
  });

  it('is not enabled for another term (guard m.term = currentTerm[i])', () => {
    expect(handleAppendEntriesResponse(server({ currentTerm: 3, state: 'Leader' }), 's1', 's2', aeResp(), c)).toBeNull();
  });
});

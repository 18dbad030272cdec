import { describe, expect, it } from 'vitest';
import { dropStaleResponse } from '../../../src/raft/handlers/dropStaleResponse.ts';
import { aeResp, config, rvResp, server } from '../../helpers/raft.ts';

const c = config();

describe('DropStaleResponse', () => {
  it('discards a response of an older term without a change (raft.tla: responses with stale terms are ignored)', () => {
    const s = server({ currentTerm: 3, state: 'Leader' });
    expect(dropStaleResponse(s, 's1', 's2', aeResp({ term: 2 }), c)).toEqual({ state: s, send: [] });
    expect(dropStaleResponse(s, 's1', 's2', rvResp({ term: 1 }), c)).toEqual({ state: s, send: [] });
  });

  it('is not enabled for a current or newer term (guard m.term < currentTerm[i])', () => {
    expect(dropStaleResponse(server({ currentTerm: 2 }), 's1', 's2', aeResp({ term: 2 }), c)).toBeNull();
    expect(dropStaleResponse(server({ currentTerm: 2 }), 's1', 's2', rvResp({ term: 3 }), c)).toBeNull();
  });
});

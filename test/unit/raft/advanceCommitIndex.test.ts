import { describe, expect, it } from 'vitest';
import { advanceCommitIndex } from '../../../src/raft/actions/advanceCommitIndex.ts';
import { config, log, per, server } from '../../helpers/raft.ts';

const c = config();

describe('AdvanceCommitIndex', () => {
  it('commits the highest index a majority holds when it is of the current term (Fig. 2 Leaders, last rule)', () => {
    const s = server({ currentTerm: 2, state: 'Leader', log: log(1, 2, 2), matchIndex: per(0, { s2: 2, s3: 1 }) });
    expect(advanceCommitIndex(s, 's1', c)).toEqual({ state: { ...s, commitIndex: 2 }, send: [] });
  });

  it('does not commit an entry of an earlier term by counting replicas (§5.4.2, Figure 8), a stutter step', () => {
    const s = server({ currentTerm: 3, state: 'Leader', log: log(2, 3), matchIndex: per(0, { s2: 1 }) });
    expect(advanceCommitIndex(s, 's1', c)).toEqual({ state: s, send: [] });
  });

  it('is a stutter step when no index has a majority yet (raft.tla keeps commitIndex)', () => {
    const s = server({ currentTerm: 2, state: 'Leader', log: log(2), commitIndex: 0 });
    expect(advanceCommitIndex(s, 's1', c)).toEqual({ state: s, send: [] });
  });

  it('counts the leader itself even though matchIndex[i][i] stays 0', () => {
    const s = server({ currentTerm: 2, state: 'Leader', log: log(2), matchIndex: per(0, { s3: 1 }) });
    expect(advanceCommitIndex(s, 's1', c)?.state.commitIndex).toBe(1);
  });

  it('is not enabled unless leader (guard state[i] = Leader)', () => {
    expect(advanceCommitIndex(server({ log: log(1), matchIndex: per(1) }), 's1', c)).toBeNull();
  });
});

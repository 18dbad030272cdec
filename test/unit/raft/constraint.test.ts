import { describe, expect, it } from 'vitest';
import { constraint, raftProtocol } from '../../../src/raft/index.ts';
import { aeReq, config, global, log, rvReq } from '../../helpers/raft.ts';

describe("MCRaft's StateConstraint", () => {
  const c = config({ maxTerm: 3, maxLogLen: 2, maxDup: 1, maxMsgs: 2 });

  it('holds within every bound', () => {
    expect(constraint(global({ s1: { currentTerm: 3, log: log(1, 1) } }, [rvReq(), aeReq()]), c)).toBe(true);
  });

  it('bounds currentTerm, Len(log), copies of a message, and messages in flight', () => {
    expect(constraint(global({ s1: { currentTerm: 4 } }), c)).toBe(false);
    expect(constraint(global({ s2: { log: log(1, 1, 1) } }), c)).toBe(false);
    expect(constraint(global({}, [rvReq(), rvReq()]), c)).toBe(false);
    expect(constraint(global({}, [rvReq(), aeReq(), aeReq({ term: 3 })]), c)).toBe(false);
  });

  it('bounds the restarts of all servers together, and keeps passive servers from candidacy', () => {
    expect(constraint(global({ s1: { restarts: 1 }, s2: { restarts: 1 } }), config({ maxRestarts: 1 }))).toBe(false);
    expect(constraint(global({ s1: { restarts: 1 } }), config({ maxRestarts: 1 }))).toBe(true);
    expect(constraint(global({ s2: { state: 'Candidate' } }), config({ passive: ['s2'] }))).toBe(false);
    expect(constraint(global({ s2: { state: 'Leader' } }), config({ passive: ['s2'] }))).toBe(true);
  });

  it('is always true with no bounds (the runtime)', () => {
    expect(constraint(global({ s1: { currentTerm: 99, log: log(1, 1, 1, 1) } }, [rvReq(), rvReq()]), config())).toBe(true);
  });
});

describe('internal actions', () => {
  it("are raft.tla's Next order: Timeout, RequestVote to all (i too), BecomeLeader, ClientRequest per value, AdvanceCommitIndex, AppendEntries to all, TransferLeadership to all (i too: the guard i /= j is each action's own)", () => {
    const c = config();
    expect(raftProtocol.internal('s2', raftProtocol.init('s2', c), c)).toEqual([
      { type: 'Timeout' },
      { type: 'RequestVote', j: 's1' },
      { type: 'RequestVote', j: 's2' },
      { type: 'RequestVote', j: 's3' },
      { type: 'BecomeLeader' },
      { type: 'ClientRequest', v: 'v1' },
      { type: 'ClientRequest', v: 'v2' },
      { type: 'AdvanceCommitIndex' },
      { type: 'AppendEntries', j: 's1' },
      { type: 'AppendEntries', j: 's2' },
      { type: 'AppendEntries', j: 's3' },
      { type: 'TransferLeadership', j: 's1' },
      { type: 'TransferLeadership', j: 's2' },
      { type: 'TransferLeadership', j: 's3' },
    ]);
  });

  it('init adds the restart counter only when restarts are bounded', () => {
    expect('restarts' in raftProtocol.init('s1', config())).toBe(false);
    expect(raftProtocol.init('s1', config({ maxRestarts: 2 })).restarts).toBe(0);
  });
});

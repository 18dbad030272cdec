// Membership change (Raft §6, thesis ch. 4): the rules of src/raft/membership.ts and its actions,
// one case per guard that a broken change would get wrong.
import { describe, expect, it } from 'vitest';
import { advanceCommitIndex } from '../../../src/raft/actions/advanceCommitIndex.ts';
import { becomeLeader } from '../../../src/raft/actions/becomeLeader.ts';
import { leaveJoint } from '../../../src/raft/actions/leaveJoint.ts';
import { proposeConfig } from '../../../src/raft/actions/proposeConfig.ts';
import { removeLearner } from '../../../src/raft/actions/removeLearner.ts';
import { stepDownRemoved } from '../../../src/raft/actions/stepDownRemoved.ts';
import { timeout } from '../../../src/raft/actions/timeout.ts';
import { updateTerm } from '../../../src/raft/handlers/updateTerm.ts';
import type { Configuration, Entry } from '../../../src/raft/index.ts';
import { config, per, rvReq, server } from '../../helpers/raft.ts';

const servers = ['s1', 's2', 's3', 's4'];
const joint = config({
  servers,
  membership: { mode: 'joint', voters: ['s1', 's2', 's3'], learners: ['s4'], maxChanges: 2, targets: [['s1', 's2', 's3', 's4']], removals: [] },
});
const single = config({ ...joint, membership: { ...(joint.membership as NonNullable<typeof joint.membership>), mode: 'single' } });
const cfg = (voters: string[], old: string[] = voters, learners: string[] = []): Entry => ({ term: 2, value: { voters, old, learners } satisfies Configuration });
const leader = (over = {}) => server({ currentTerm: 2, state: 'Leader', nextIndex: per(1, {}, servers), matchIndex: per(0, {}, servers), ...over });

describe('membership change', () => {
  it('a learner never becomes a candidate (thesis §4.2.1)', () => {
    expect(timeout(server(), 's4', joint)).toBeNull();
    expect(timeout(server(), 's3', joint)?.state.state).toBe('Candidate');
  });

  it('while C_old,new is in force, votes need a majority of C_old and of C_new (§6)', () => {
    const log = [cfg(['s3', 's4'], ['s1', 's2', 's3'])];
    const c = server({ currentTerm: 2, state: 'Candidate', log, votesGranted: ['s1', 's2'] });
    expect(becomeLeader(c, 's1', joint)).toBeNull(); // a majority of C_old only
    expect(becomeLeader({ ...c, votesGranted: ['s1', 's3', 's4'] }, 's1', joint)?.state.state).toBe('Leader');
  });

  it("a learner's acknowledgement does not commit (learners never count)", () => {
    const l = leader({ log: [{ term: 2, value: 'v1' }], matchIndex: per(0, { s4: 1 }, servers) });
    expect(advanceCommitIndex(l, 's1', joint)?.state.commitIndex).toBe(0);
    expect(advanceCommitIndex({ ...l, matchIndex: per(0, { s2: 1 }, servers) }, 's1', joint)?.state.commitIndex).toBe(1);
  });

  it('joint: a request appends C_old,new; C_new follows only once it is committed (§6)', () => {
    const l = leader();
    const r = proposeConfig(l, 's1', ['s1', 's2', 's3', 's4'], joint);
    expect(r?.state.log).toEqual([cfg(['s1', 's2', 's3', 's4'], ['s1', 's2', 's3'])]);
    const s = r?.state ?? l;
    expect(leaveJoint(s, 's1', joint)).toBeNull();
    expect(leaveJoint({ ...s, commitIndex: 1 }, 's1', joint)?.state.log[1]).toEqual(cfg(['s1', 's2', 's3', 's4']));
  });

  it('single: a new leader changes the configuration only after committing an entry of its term (thesis §4.1 fix)', () => {
    const v = ['s1', 's2', 's3', 's4'];
    expect(proposeConfig(leader(), 's1', v, single)).toBeNull();
    const committed = leader({ log: [{ term: 2, value: 'v1' }], commitIndex: 1, matchIndex: per(1, {}, servers) });
    expect(proposeConfig(committed, 's1', v, single)?.state.log[1]).toEqual(cfg(v));
    expect(proposeConfig(committed, 's1', ['s1', 's2', 's4'], single)).toBeNull(); // two servers at once
  });

  it('a learner is promoted only once it holds what its leader knows committed (the catch-up bound)', () => {
    const l = leader({ log: [{ term: 2, value: 'v1' }], commitIndex: 1, matchIndex: per(1, { s4: 0 }, servers) });
    expect(proposeConfig(l, 's1', ['s1', 's2', 's3', 's4'], joint)).toBeNull();
  });

  it('RemoveLearner: one entry drops the learner and keeps the voters, no joint phase (thesis §4.2.1)', () => {
    const r = removeLearner(leader(), 's1', 's4', joint);
    expect(r?.state.log).toEqual([cfg(['s1', 's2', 's3'])]);
    expect(r?.send).toEqual([]);
    expect(removeLearner(leader(), 's1', 's3', joint)).toBeNull(); // a voter: ProposeConfig removes those
    expect(removeLearner(server(), 's1', 's4', joint)).toBeNull(); // not the leader
    expect(removeLearner(leader({ log: [cfg(['s1', 's2', 's3'], ['s1', 's2', 's3'], ['s4'])] }), 's1', 's4', joint)).toBeNull(); // last change not committed
    const two = leader({ log: [cfg(['s1', 's2', 's3'], ['s1', 's2', 's3'], ['s4']), cfg(['s1', 's2', 's3'], ['s1', 's2', 's3'], ['s4'])], commitIndex: 2 });
    expect(removeLearner(two, 's1', 's4', joint)).toBeNull(); // MaxConfigChanges (2) reached
    expect(removeLearner(leader(), 's1', 's4', single)?.state.log).toEqual([cfg(['s1', 's2', 's3'])]); // single: the voters do not change
  });

  it('a leader not in C_new steps down once C_new is committed (§6)', () => {
    const l = leader({ log: [cfg(['s2', 's3'])] });
    expect(stepDownRemoved(l, 's1', joint)).toBeNull();
    expect(stepDownRemoved({ ...l, commitIndex: 1 }, 's1', joint)?.state.state).toBe('Follower');
  });

  it('a RequestVote of a higher term from a server not in the configuration raises no term (removed servers do not disrupt)', () => {
    const s = server({ log: [cfg(['s1', 's2', 's3'])] });
    expect(updateTerm(s, 's1', 's4', rvReq({ term: 5, source: 's4' }), joint)).toBeNull();
    expect(updateTerm(s, 's1', 's2', rvReq({ term: 5 }), joint)?.state.currentTerm).toBe(5);
  });
});

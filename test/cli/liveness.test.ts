// `check --property`: the liveness check from the command line: exit 13 and a lasso ending "Back to
// state N" (as TLC), exit 0 when it holds, and clear refusals of what cannot go with it.
import { describe, expect, it } from 'vitest';
import { cli, expectUsageError } from './helpers.ts';

const raftSplit = ['check', 'raft', '--servers', '2', '--max-term', '2', '--max-log', '0', '--max-msgs', '1', '--drop', 'off', '--duplicate', 'off', '--max-restarts', '0', '--history', 'off'];

describe('check --property', () => {
  it('exit 13 and a lasso for Raft with weak fairness only (no leader ever)', () => {
    const r = cli(...raftSplit, '--property', 'EventuallyLeader');
    expect(r.code).toBe(13);
    expect(r.out).toContain('Error: Temporal property EventuallyLeader is violated.');
    expect(r.out).toMatch(/^14: Back to state 3: Receive\(RequestVoteResponse s1->s2 term 1 denied\)$/m);
    expect(r.out).toContain('1,525 distinct states');
  }, 120_000);

  it('exit 0 with the liveness cfg of a property that holds (check --config, as npm run tlc runs it)', () => {
    const r = cli('check', '--config', 'spec/MCBasicPaxosLive-leader.cfg', '--workers', '1');
    expect(r.code).toBe(0);
    expect(r.out).toContain('EventuallyLearnedStableLeader: 32 distinct states');
    expect(r.out).toContain('All temporal properties hold within the bounds.');
  }, 120_000);

  it('refuses symmetry, more workers and unknown names, each in one line', () => {
    expectUsageError(cli(...raftSplit, '--property', 'EventuallyLeader', '--symmetry'), /--property and --symmetry cannot go together/);
    expectUsageError(cli(...raftSplit, '--property', 'EventuallyLeader', '--workers', '2'), /one thread: --workers 2/);
    expectUsageError(cli(...raftSplit, '--property', 'EventualyLeader'), /unknown temporal property 'EventualyLeader' for raft \(expected: EventuallyLeader, /);
  }, 180_000);
});

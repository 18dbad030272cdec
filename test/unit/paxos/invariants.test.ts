import { describe, expect, it } from 'vitest';
import { invariants } from '../../../src/paxos/invariants.ts';
import { chosen, didNotVoteAt, votedFor, votes } from '../../../src/paxos/voting.ts';
import { c3, m1b, m2a, m2b, state } from './build.ts';

const inv = invariants(c3);
const broken = (s: ReturnType<typeof state>) => Object.entries(inv).filter(([, f]) => !f(s)).map(([n]) => n);

describe('Paxos invariants', () => {
  it('all hold initially and after a value is chosen normally', () => {
    expect(broken(state())).toEqual([]);
    expect(
      broken(state({
        msgs: [m1b('a1', 0), m1b('a2', 0), m2a(0, 'v1'), m2b('a1', 0, 'v1'), m2b('a2', 0, 'v1')],
        maxBal: { a1: 0, a2: 0 }, maxVBal: { a1: 0, a2: 0 }, maxVal: { a1: 'v1', a2: 'v1' },
      })),
    ).toEqual([]);
  });

  it('TypeOK: a ballot beyond MaxBallot or an unknown value is ill-typed', () => {
    expect(broken(state({ maxBal: { a1: 3 } }))).toContain('TypeOK');
    expect(broken(state({ msgs: [m2a(0, 'v9')] }))).toContain('TypeOK');
  });

  it('OneValuePerBallot and Msg2aUnique: two values in one ballot', () => {
    const s = state({ msgs: [m2a(0, 'v1'), m2a(0, 'v2'), m2b('a1', 0, 'v1'), m2b('a2', 0, 'v2')] });
    expect(broken(s)).toEqual(expect.arrayContaining(['OneValuePerBallot', 'Msg2aUnique']));
  });

  it('VotesSafe: a vote at ballot 1 for v2 while a majority can still choose v1 at ballot 0', () => {
    const s = state({ msgs: [m2a(1, 'v2'), m2b('a3', 1, 'v2'), m2b('a1', 0, 'v1')], maxBal: { a3: 1 } });
    expect(broken(s)).toContain('VotesSafe');
  });

  it('Consistency: v1 chosen at ballot 0 and v2 at ballot 1', () => {
    const s = state({ msgs: [m2b('a1', 0, 'v1'), m2b('a2', 0, 'v1'), m2b('a2', 1, 'v2'), m2b('a3', 1, 'v2')] });
    expect(broken(s)).toContain('Consistency');
  });

  it('ChosenWasProposed: votes with no 2a message', () => {
    expect(broken(state({ msgs: [m2b('a1', 0, 'v1'), m2b('a2', 0, 'v1')] }))).toContain('ChosenWasProposed');
  });

  it('MaxVoteIsVote and Msg1bTruthful: state and messages that misreport votes and promises', () => {
    expect(broken(state({ maxVBal: { a1: 0 }, maxVal: { a1: 'v1' } }))).toContain('MaxVoteIsVote');
    expect(broken(state({ msgs: [m1b('a1', 1)] }))).toContain('Msg1bTruthful');
    expect(broken(state({ msgs: [m1b('a1', 1, 0, 'v1')], maxBal: { a1: 1 } }))).toContain('Msg1bTruthful');
  });

  it('Msg2aSafe: a proposal that no quorum shows safe', () => {
    const s = state({ msgs: [m2a(0, 'v1'), m2b('a1', 0, 'v1'), m2b('a2', 0, 'v1'), m2a(1, 'v2')], maxBal: { a1: 1, a2: 1 } });
    expect(broken(s)).toContain('Msg2aSafe');
  });
});

describe('Paxos voting operators', () => {
  it('answer for the state asked about, when asked about states in turn (they keep the last votes)', () => {
    const none = state();
    const voted = state({ msgs: [m2b('a1', 0, 'v1'), m2b('a2', 0, 'v1')] });
    for (let k = 0; k < 3; k++) {
      expect(votedFor(voted, 'a1', 0, 'v1')).toBe(true);
      expect(votedFor(none, 'a1', 0, 'v1')).toBe(false);
      expect(didNotVoteAt(none, 'a2', 0)).toBe(true);
      expect(didNotVoteAt(voted, 'a2', 0)).toBe(false);
      expect(votes(voted)).toHaveLength(2);
      expect(votes(none)).toHaveLength(0);
      expect(chosen(c3, voted)).toEqual(['v1']);
      expect(chosen(c3, none)).toEqual([]);
    }
  });
});

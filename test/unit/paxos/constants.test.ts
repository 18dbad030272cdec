import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/index.ts';
import { paxos, parseConstants } from '../../../src/paxos/index.ts';

const flags = { acceptors: '3', values: '2', ballots: '1', quorums: 'majority' };

describe('paxos constants', () => {
  it('reads counts as a1..aN and v1..vN, the highest ballot, and all majorities', () => {
    expect(parseConstants(flags)).toEqual({
      acceptors: ['a1', 'a2', 'a3'], values: ['v1', 'v2'], maxBallot: 1,
      quorums: [['a1', 'a2'], ['a1', 'a3'], ['a2', 'a3'], ['a1', 'a2', 'a3']],
    });
  });

  it('reads lists of names and an explicit quorum list', () => {
    expect(parseConstants({ acceptors: 'p,q,r', values: 'x', ballots: '0', quorums: 'p,q;q,r' })).toEqual({
      acceptors: ['p', 'q', 'r'], values: ['x'], maxBallot: 0, quorums: [['p', 'q'], ['q', 'r']],
    });
  });

  it.each([
    [{ acceptors: '0' }, "--acceptors: need at least one (got '0'; expected a count like 3 or a list like a1,a2,a3)"],
    [{ values: '' }, "--values: '' is not a name (got ''; expected a count like 2 or a list like v1,v2)"],
    [{ values: '0' }, "--values: need at least one (got '0'; expected a count like 2 or a list like v1,v2)"],
    [{ acceptors: 'a1,a1' }, "--acceptors: a name appears twice in 'a1,a1'"],
    [{ values: 'a1' }, "--values: 'a1' is also an acceptor (names must differ)"],
    [{ ballots: '-1' }, "--ballots: expected the highest ballot, a whole number >= 0 for Ballot = 0..N (got '-1')"],
    [{ quorums: 'a1,a4' }, "--quorums: unknown acceptor 'a4' in quorum 'a1,a4' (acceptors: a1, a2, a3)"],
    [{ quorums: 'a1;a2' }, '--quorums: quorums {a1} and {a2} do not intersect (Paxos needs every two to share an acceptor; expected: majority, or a list like a1,a2;a2,a3;a1,a3)'],
    [{ quorums: 'a1,a2;;a2' }, "--quorums: empty quorum in 'a1,a2;;a2' (expected: majority, or a list like a1,a2;a2,a3;a1,a3)"],
  ])('rejects %j with one line naming the problem', (bad, message) => {
    const f = () => parseConstants({ ...flags, ...bad });
    expect(f).toThrow(UsageError);
    expect(f).toThrow(message);
  });

  it('lets the minority-quorums variant have disjoint quorums, explicit or by default', () => {
    const b = paxos.build({ ...flags, quorums: 'a1;a2' }, 'minority-quorums');
    expect(b.settings).toBe('Acceptor = {a1, a2, a3}, Value = {v1, v2}, Ballot = 0..1, Quorum = {{a1}, {a2}}');
    expect(paxos.build(flags, 'minority-quorums').settings).toContain('Quorum = {{a1}, {a2}, {a3}}');
  });

  it('describes the default setting in one line', () => {
    expect(paxos.build(flags, null).settings).toBe(
      'Acceptor = {a1, a2, a3}, Value = {v1, v2}, Ballot = 0..1, Quorum = all 4 majorities',
    );
  });

  it('rejects an unknown variant', () => {
    expect(() => paxos.build(flags, 'nope')).toThrow(UsageError);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { constants, names, rewrite } from '../../tlc/cfg.ts';
import { flagsFor } from '../../tlc/flags.ts';

const spec = (f: string): string => readFileSync(new URL(`../../spec/${f}`, import.meta.url), 'utf8');

describe('TLC .cfg files', () => {
  it('reads every CONSTANTS assignment of MCRaft.cfg, several on one line included', () => {
    const a = constants(spec('MCRaft.cfg'));
    expect(a.slice(0, 3)).toEqual([{ name: 's1', op: '=', value: 's1' }, { name: 's2', op: '=', value: 's2' }, { name: 's3', op: '=', value: 's3' }]);
    expect(a.find((x) => x.name === 'Server')).toEqual({ name: 'Server', op: '=', value: '{s1, s2}' });
    expect(names(spec('MCRaft.cfg'), ['PROPERTY', 'PROPERTIES'])).toEqual(['LeaderAppendOnly']);
  });

  it('rewrites constants, invariants and SYMMETRY, and the result reads back the same', () => {
    const out = rewrite(spec('MCPaxos.cfg'), { constants: { Quorum: '{{a1, a2}, {a1, a3}}', MaxBallot: '2' }, invariants: ['Consistency'], symmetry: 'MCSymmetry' });
    expect(constants(out).filter((x) => x.name === 'Quorum' || x.name === 'MaxBallot')).toEqual([
      { name: 'Quorum', op: '=', value: '{{a1, a2}, {a1, a3}}' },
      { name: 'MaxBallot', op: '=', value: '2' },
    ]);
    expect(names(out, ['INVARIANT', 'INVARIANTS'])).toEqual(['Consistency']);
    expect(names(out, ['SYMMETRY'])).toEqual(['MCSymmetry']);
    expect(names(out, ['SPECIFICATION'])).toEqual(['Spec']);
  });

  it('refuses to set a constant the base file does not assign', () => {
    expect(() => rewrite(spec('MCRaft.cfg'), { constants: { MaxTerms: '2' } })).toThrow('the base .cfg assigns no constant MaxTerms');
  });
});

describe('flagsFor (our flags for the model of a .cfg)', () => {
  it('MCRaft.cfg as shipped is setting A', () => {
    expect(flagsFor('raft', spec('MCRaft.cfg'))).toEqual([
      '--servers', 's1,s2', '--values', 'v1', '--history', 'on', '--max-term', '3', '--max-log', '2', '--max-dup', '1', '--max-msgs', '1',
      '--max-restarts', 'none', '--max-drops', 'none', '--max-dups', 'none', '--passive', 'none', '--drop', 'on', '--duplicate', 'on',
    ]);
  });

  it('MCPaxos.cfg: majorities, or a list of quorums; SYMMETRY becomes --symmetry', () => {
    expect(flagsFor('paxos', spec('MCPaxos.cfg'))).toEqual(['--acceptors', 'a1,a2,a3', '--values', 'v1,v2', '--quorums', 'majority', '--ballots', '1']);
    const q = rewrite(spec('MCPaxos.cfg'), { constants: { Quorum: '{{a1, a2}, {a1, a3}}' }, symmetry: 'MCSymmetry' });
    expect(flagsFor('paxos', q)).toEqual(['--acceptors', 'a1,a2,a3', '--values', 'v1,v2', '--quorums', 'a1,a2;a1,a3', '--ballots', '1', '--symmetry']);
  });

  it('a constant with no flag is an error, not a silently different model', () => {
    expect(() => flagsFor('raft', 'CONSTANTS\n    Servers = {s1}\n')).toThrow('constant Servers has no raft flag');
  });
});

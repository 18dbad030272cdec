import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { constants, names, rewrite } from '../../tlc/cfg.ts';
import { fromConfig } from '../../src/cli/from-config.ts';
import { parseTlcConfig } from '../../src/cli/tlc-config.ts';
import { paxos } from '../../src/paxos/index.ts';
import { raft } from '../../src/raft/index.ts';

const spec = (f: string): string => readFileSync(new URL(`../../spec/${f}`, import.meta.url), 'utf8');

describe('TLC .cfg files', () => {
  it('reads every CONSTANTS assignment of MCRaft.cfg, several on one line included', () => {
    const a = constants(spec('MCRaft.cfg'));
    expect(a.slice(0, 3)).toEqual([{ name: 's1', op: '=', value: 's1' }, { name: 's2', op: '=', value: 's2' }, { name: 's3', op: '=', value: 's3' }]);
    expect(a.find((x) => x.name === 'Server')).toEqual({ name: 'Server', op: '=', value: '{s1, s2}' });
    expect(names(spec('MCRaft.cfg'), ['PROPERTY', 'PROPERTIES'])).toEqual(['LeaderAppendOnly', 'NoDisruptiveTermRaise', 'ReadsLinearizable']);
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

describe('our checker reads the rewritten .cfg (check --config)', () => {
  it('MCRaft.cfg as shipped is setting A', () => {
    const c = fromConfig(parseTlcConfig(spec('MCRaft.cfg'), 'spec/MCRaft.cfg'), raft).constants;
    expect([c['servers'], c['values'], c['max-term'], c['max-log'], c['max-restarts'], c['passive']]).toEqual(['s1,s2', 'v1,', '3', '2', 'none', 'none']);
  });

  it('MCPaxos.cfg with a list of quorums, one invariant and SYMMETRY', () => {
    const text = rewrite(spec('MCPaxos.cfg'), { constants: { Quorum: '{{a1, a2}, {a1, a3}}' }, invariants: ['Consistency'], symmetry: 'MCSymmetry' });
    const f = fromConfig(parseTlcConfig(text, 'spec/x.cfg'), paxos);
    expect([f.constants['quorums'], f.invariants.map((x) => x.name), f.symmetry]).toEqual(['a1,a2;a1,a3', ['Consistency'], true]);
    expect(fromConfig(parseTlcConfig(spec('MCPaxos.cfg'), 'spec/MCPaxos.cfg'), paxos).constants['quorums']).toBe('majority');
  });
});

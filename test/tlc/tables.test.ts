import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromConfig } from '../../src/cli/from-config.ts';
import { parseTlcConfig } from '../../src/cli/tlc-config.ts';
import { basicpaxos } from '../../src/basicpaxos/index.ts';
import { multipaxos } from '../../src/multipaxos/index.ts';
import { paxos } from '../../src/paxos/index.ts';
import { raft } from '../../src/raft/index.ts';
import { rewrite } from '../../tlc/cfg.ts';
import { countProblems, mutationProblems } from '../../tlc/compare.ts';
import { applyEdit, mutations } from '../../tlc/mutations.ts';
import { settings } from '../../tlc/settings.ts';
import type { Outcome } from '../../tlc/tlc-output.ts';

const file = (f: string): string => readFileSync(new URL(`../../${f}`, import.meta.url), 'utf8');

describe('the settings table', () => {
  it('has unique ids, and each setting makes a .cfg that check --config accepts with the constants set', () => {
    expect(new Set(settings.map((s) => s.id)).size).toBe(settings.length);
    for (const s of [...settings, ...mutations.map((m) => m.setting)]) {
      const f = fromConfig(parseTlcConfig(rewrite(file(`spec/${s.cfg}`), s.changes), `spec/${s.id}.cfg`), { paxos, raft, basicpaxos, multipaxos }[s.protocol]);
      expect([s.id, f.symmetry]).toEqual([s.id, s.changes.symmetry !== undefined]);
    }
  });
});

describe('the mutation table', () => {
  it('every edit finds its text exactly once in today\'s spec/ and src/, and changes it', () => {
    for (const m of mutations) {
      expect([m.id, m.spec.length > 0 && m.src.length > 0]).toEqual([m.id, true]);
      for (const e of [...m.spec, ...m.src]) expect([m.id, applyEdit(file(e.file), e) !== file(e.file)]).toEqual([m.id, true]);
    }
  });

  it('an edit whose text is missing or ambiguous is refused', () => {
    expect(() => applyEdit('a b', { file: 'f', from: 'c', to: 'd' })).toThrow('occurs 0 times');
    expect(() => applyEdit('a a', { file: 'f', from: 'a', to: 'd' })).toThrow('occurs 2 times');
  });
});

const ok = (over: Partial<Outcome> = {}): Outcome => ({ distinct: 10, generated: 20, depth: 3, verdict: 'none', traceLength: null, error: null, ...over });

describe('comparisons', () => {
  it('exact counts: any difference, violation or error is a problem', () => {
    expect(countProblems(ok(), ok())).toEqual([]);
    expect(countProblems(ok({ generated: 21 }), ok())).toEqual(['generated: ours 21, TLC 20']);
    expect(countProblems(ok(), ok({ error: 'TLC exit 75: x' }))).toEqual(['TLC exit 75: x']);
    expect(countProblems(ok(), ok({ verdict: 'invariant TypeOK', traceLength: 1 }))).toEqual(['TLC reports invariant TypeOK']);
  });

  it('mutations: same verdict and trace length; with nothing violated, the same counts', () => {
    const v = (name: string, n: number): Outcome => ok({ verdict: `invariant ${name}`, traceLength: n });
    expect(mutationProblems(v('Consistency', 13), v('Consistency', 13))).toEqual([]);
    expect(mutationProblems(v('Consistency', 18), v('Consistency', 13))).toEqual(['trace: ours 18 states, TLC 13']);
    expect(mutationProblems(v('Msg2aSafe', 10), v('Consistency', 13))).toEqual(['verdict: ours invariant Msg2aSafe, TLC invariant Consistency']);
    expect(mutationProblems(ok({ distinct: 11 }), ok())).toEqual(['distinct: ours 11, TLC 10']);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOurs, parseSany, parseTlc } from '../../tlc/tlc-output.ts';

const fixture = (name: string): string => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');

describe('parseTlc (TLC 2.20 output, trimmed from real runs)', () => {
  it('reads the final counts and depth of a complete run (MCRaft.cfg, setting A)', () => {
    expect(parseTlc(fixture('tlc-ok.txt'), 0)).toEqual({ distinct: 46741, generated: 371911, depth: 46, verdict: 'none', traceLength: null, error: null });
  });

  it('reads the violated invariant and counts the states of its trace', () => {
    const o = parseTlc(fixture('tlc-violation.txt'), 12);
    expect([o.verdict, o.traceLength, o.error]).toEqual(['invariant NotValueChosen', 7, null]);
  });

  it('an evaluation error (exit 75, the MCRaft IF/ELSE trap) is an error with its reason, not a result', () => {
    const o = parseTlc(fixture('tlc-error-75.txt'), 75);
    expect(o.error).toContain('TLC exit 75: Error: TLC threw an unexpected exception.');
    expect(o.error).toContain('Attempted to evaluate an expression of form P /\\ Q when P was an integer.');
  });

  it('a clean exit without the final counts is an error too', () => {
    expect(parseTlc('TLC2 Version 2.20\nStarting...\n', 0).error).toBe('TLC exit 0: no final state counts printed');
  });

  it('reads deadlocks and action properties, and counts written with commas', () => {
    const out = 'Error: Action property LeaderAppendOnly is violated.\nState 1: <Initial predicate>\nState 2: <Next>\n1,234 states generated, 567 distinct states found, 8 states left on queue.\nThe depth of the complete state graph search is 2.\n';
    expect(parseTlc(out, 12)).toMatchObject({ verdict: 'action property LeaderAppendOnly', traceLength: 2, generated: 1234, distinct: 567, error: null });
    expect(parseTlc(out.replace('Action property LeaderAppendOnly is violated', 'Deadlock reached'), 11).verdict).toBe('deadlock');
  });
});

describe('parseSany', () => {
  it('accepts a clean parse and reports a parse error with its first lines', () => {
    expect(parseSany('Parsing file MCRaft.tla\nSemantic processing of module MCRaft\n', 0)).toBeNull();
    const err = parseSany('Parsing file MCRaft.tla\n***Parse Error***\nEncountered "/\\\\" at line 54, column 8\n', 255);
    expect(err).toMatch(/^SANY exit 255: \*\*\*Parse Error\*\*\* \| Encountered/);
  });
});

describe('parseOurs (check --json)', () => {
  it('reads counts when all hold, and the violation and its trace length otherwise', () => {
    expect(parseOurs('{"verdict":"ok","distinct":73,"generated":316,"depth":9,"violation":null}\n', '', 0))
      .toEqual({ distinct: 73, generated: 316, depth: 9, verdict: 'none', traceLength: null, error: null });
    const v = parseOurs('{"verdict":"violation","distinct":5,"generated":9,"depth":3,"violation":{"kind":"invariant","name":"Consistency","trace":[1,2,3]}}', '', 12);
    expect([v.verdict, v.traceLength, v.error]).toEqual(['invariant Consistency', 3, null]);
  });

  it('a usage error (exit 2, no JSON) is an error naming stderr\'s line', () => {
    expect(parseOurs('', 'progress: 1 distinct\nerror: unknown option \'--config\'\n', 2).error).toBe("ours exit 2: error: unknown option '--config'");
  });
});

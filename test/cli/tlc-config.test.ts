// TLC's .cfg grammar as check reads it: comments, model values, sets, ranges, substitutions, and
// one file:line error for anything else.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/index.ts';
import { parseTlcConfig } from '../../src/cli/tlc-config.ts';

describe('parseTlcConfig', () => {
  it('reads constants, sets, ranges, substitutions and every directive check takes', () => {
    const cfg = parseTlcConfig(
      [
        '\\* a line comment',
        'SPECIFICATION MCSpec (* a block (* nested *) comment',
        'over two lines *)',
        'CONSTANTS s1 = s1  Server = {s1, s2}  MaxTerm = 3  Passive = {}',
        '  Bal = 0..2  Q = {{s1, s2}, {s2}}  H = TRUE  Acceptor <- MCAcceptor  Neg = -1  S = "x"',
        'CONSTRAINT StateConstraint',
        'INVARIANT TypeOK INVARIANTS A',
        '  B',
        'PROPERTIES LeaderAppendOnly',
        'SYMMETRY MCSymmetry VIEW MCView CHECK_DEADLOCK FALSE',
      ].join('\n'),
      'x.cfg',
    );
    expect(cfg.specification).toEqual({ name: 'MCSpec', line: 2 });
    expect(cfg.constants).toEqual([
      { kind: 'value', name: 's1', value: { kind: 'name', name: 's1' }, line: 4 },
      { kind: 'value', name: 'Server', value: { kind: 'set', items: [{ kind: 'name', name: 's1' }, { kind: 'name', name: 's2' }] }, line: 4 },
      { kind: 'value', name: 'MaxTerm', value: { kind: 'int', n: 3 }, line: 4 },
      { kind: 'value', name: 'Passive', value: { kind: 'set', items: [] }, line: 4 },
      { kind: 'value', name: 'Bal', value: { kind: 'set', items: [0, 1, 2].map((n) => ({ kind: 'int', n })) }, line: 5 },
      {
        kind: 'value', name: 'Q', line: 5,
        value: { kind: 'set', items: [{ kind: 'set', items: [{ kind: 'name', name: 's1' }, { kind: 'name', name: 's2' }] }, { kind: 'set', items: [{ kind: 'name', name: 's2' }] }] },
      },
      { kind: 'value', name: 'H', value: { kind: 'bool', b: true }, line: 5 },
      { kind: 'subst', name: 'Acceptor', by: 'MCAcceptor', line: 5 },
      { kind: 'value', name: 'Neg', value: { kind: 'int', n: -1 }, line: 5 },
      { kind: 'value', name: 'S', value: { kind: 'string', s: 'x' }, line: 5 },
    ]);
    expect(cfg.constraints).toEqual([{ name: 'StateConstraint', line: 6 }]);
    expect(cfg.invariants.map((i) => [i.name, i.line])).toEqual([['TypeOK', 7], ['A', 7], ['B', 8]]);
    expect(cfg.properties).toEqual([{ name: 'LeaderAppendOnly', line: 9 }]);
    expect(cfg.symmetry).toEqual({ name: 'MCSymmetry', line: 10 });
    expect(cfg.view).toEqual({ name: 'MCView', line: 10 });
    expect(cfg.checkDeadlock).toEqual({ value: false, line: 10 });
  });

  it.each([
    ['INIT Init\nNEXT Next', /^x\.cfg:1: INIT is not supported by check/],
    ['CONSTANTS\n  N = {a, b', /^x\.cfg:2: expected a value at the end of the file/],
    ['CONSTANTS N = {a b}', /^x\.cfg:1: expected ',' or '}' in a set, got 'b'/],
    ['CONSTANTS\nN <- [M]Def', /^x\.cfg:2: N <- \[Module\]\.\.\.: module-scoped substitutions are not supported/],
    ['CHECK_DEADLOCK maybe', /^x\.cfg:1: CHECK_DEADLOCK takes TRUE or FALSE, got 'maybe'/],
    ['(* never closed', /^x\.cfg:1: unterminated \(\* comment/],
    ['\n\nFOO Bar', /^x\.cfg:3: expected a directive such as CONSTANTS or INVARIANTS, got 'FOO'/],
    ['CONSTANTS N = 1 ..', /^x\.cfg:1: expected a value at the end|expected an integer after '\.\.'/],
    ['CONSTANTS F(x) = 1', /^x\.cfg:1: expected '=' or '<-' after F, got '\(' \(operator constants are not supported\)/],
  ])('rejects %j with file:line', (text, pattern) => {
    const f = () => parseTlcConfig(text, 'x.cfg');
    expect(f).toThrow(UsageError);
    expect(f).toThrow(pattern);
  });
});

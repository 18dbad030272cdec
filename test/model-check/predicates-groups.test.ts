// More node-tuple invariants than one 31-bit verdict mask holds: each still gets its own verdict.
import { describe, expect, it } from 'vitest';
import { direct, predicatesOf, remembered } from '../../model-check/predicates.ts';
import type { NodeProtocol } from '../../src/core/index.ts';

type S = { readonly x: number };
const n = 40;
const nodes = Object.fromEntries(Array.from({ length: n }, (_, k) => [`Inv${k}`, (v: { nodes: Readonly<Record<string, S>> }) => (v.nodes['s1'] as S).x !== k]));
const p = { localInvariants: { nodes }, invariants: {}, witnesses: {} } as unknown as NodeProtocol<null, S, never, never>;

describe('node-tuple invariants past one mask', () => {
  for (const [label, src] of [['direct', direct], ['remembered', remembered]] as const) {
    it(`${label}: each of ${n} invariants is broken exactly where it should be`, () => {
      const { invariants } = predicatesOf(p, null, ['s1'], src);
      for (const x of [0, 30, 31, 32, 39]) {
        const g = { nodes: { s1: { x } }, network: [] } as never;
        const broken = Object.entries(invariants).filter(([, f]) => !f(g)).map(([name]) => name);
        expect(broken).toEqual([`Inv${x}`]);
      }
    });
  }
});

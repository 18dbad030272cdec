// Large settings stay cheap until asked for: 9 servers build no 9! renamings without --symmetry.
import { describe, expect, it, vi } from 'vitest';
import { build } from '../../src/cli/build-model.ts';
import { cli } from './helpers.ts';

const calls = vi.hoisted(() => ({ n: 0 }));
vi.mock('../../src/core/permutations.ts', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../src/core/permutations.ts')>();
  return { ...m, permutations: (g: readonly (readonly string[])[]) => (calls.n++, m.permutations(g)) };
});

describe('the symmetry group is built lazily', () => {
  it('raft with 9 servers builds and starts without computing any renaming', async () => {
    calls.n = 0;
    const { model } = await build({ protocol: 'raft', constants: { servers: '9' }, variant: null });
    expect(model.symmetry).toBeDefined();
    const [s] = model.init();
    expect(model.actions(s).length).toBeGreaterThan(0);
    expect(calls.n).toBe(0);
  });

  it('paxos with 9 acceptors builds without computing any renaming', async () => {
    calls.n = 0;
    const { model } = await build({ protocol: 'paxos', constants: { acceptors: '9', values: '2', ballots: '1', quorums: 'majority' }, variant: null });
    expect(model.symmetry).toBeDefined();
    expect(calls.n).toBe(0);
  });

  it('builds the group once, on first use', async () => {
    calls.n = 0;
    const { model } = await build({ protocol: 'raft', constants: { servers: '3' }, variant: null });
    expect(model.symmetry?.permutations).toHaveLength(6);
    expect(model.symmetry?.permutations).toHaveLength(6);
    expect(calls.n).toBe(1);
  });

  it('--servers 9 --max-seconds 1 stops incomplete (exit 3) with the limit the user gave', () => {
    const r = cli('check', 'raft', '--servers', '9', '--max-seconds', '1', '--workers', '1');
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/Incomplete: stopped at --max-seconds 1;/);
  });
});

import { describe, expect, it } from 'vitest';
import { internal } from '../../../src/raft/internal.ts';
import { config, server } from '../../helpers/raft.ts';

describe('internal (the internal actions of raft.tla Next at server i)', () => {
  it('lists AppendEntries(i, j) for every j, i included: the guard i /= j is appendEntries\' own', () => {
    const acts = internal('s1', server({ state: 'Leader' }), config());
    expect(acts.filter((x) => x.type === 'AppendEntries').map((x) => (x.type === 'AppendEntries' ? x.j : ''))).toEqual(['s1', 's2', 's3']);
  });
});

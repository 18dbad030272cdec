import { describe, expect, it } from 'vitest';
import { restart } from '../../../src/raft/actions/restart.ts';
import { durable } from '../../../src/raft/durable.ts';
import { config, log, per, server } from '../../helpers/raft.ts';

const c = config();

describe('Restart', () => {
  it('keeps currentTerm, votedFor and log, resets the rest (Fig. 2 Persistent state)', () => {
    const s = server({
      currentTerm: 4, state: 'Leader', votedFor: 's1', log: log(1, 4), commitIndex: 2,
      votesResponded: ['s1', 's2'], votesGranted: ['s1', 's2'], nextIndex: per(3), matchIndex: per(2),
    });
    expect(restart(s, 's1', c)).toEqual(server({ currentTerm: 4, votedFor: 's1', log: log(1, 4) }));
  });

  it('keeps exactly durable(s)', () => {
    const s = server({ currentTerm: 3, state: 'Candidate', votedFor: 's3', log: log(2), commitIndex: 1 });
    expect(durable(restart(s, 's1', c))).toEqual(durable(s));
    expect(durable(s)).toEqual({ currentTerm: 3, votedFor: 's3', log: log(2) });
  });

  it('counts restarts only when maxRestarts bounds them', () => {
    expect(restart(server({ restarts: 1 }), 's1', config({ maxRestarts: 2 })).restarts).toBe(2);
    expect('restarts' in restart(server(), 's1', c)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { appendEntries } from '../../../src/raft/actions/appendEntries.ts';
import { aeReq, config, log, per, server } from '../../helpers/raft.ts';

const c = config();

describe('AppendEntries', () => {
  it('sends the entry at nextIndex[j] with the one before it (Fig. 2 Leaders: log >= nextIndex)', () => {
    const s = server({ currentTerm: 3, state: 'Leader', log: log(1, 2, 3), commitIndex: 3, nextIndex: per(1, { s2: 2 }) });
    expect(appendEntries(s, 's1', 's2', c)).toEqual({
      state: s,
      send: [aeReq({ term: 3, prevLogIndex: 1, prevLogTerm: 1, entries: [{ term: 2, value: 'v2' }], commitIndex: 2, source: 's1', dest: 's2' })],
    });
  });

  it('sends a heartbeat with no entries when nextIndex[j] is past the log (Fig. 2 Leaders: empty AppendEntries)', () => {
    const s = server({ currentTerm: 3, state: 'Leader', log: log(1, 3), commitIndex: 1, nextIndex: per(3) });
    expect(appendEntries(s, 's1', 's3', c)?.send).toEqual([aeReq({ term: 3, prevLogIndex: 2, prevLogTerm: 3, entries: [], commitIndex: 1, source: 's1', dest: 's3' })]);
  });

  it('carries the history field log (raft.tla mlog) only with historyFields', () => {
    const s = server({ currentTerm: 2, state: 'Leader', log: log(2) });
    expect(appendEntries(s, 's1', 's2', config({ historyFields: true }))?.send).toEqual([
      { ...aeReq({ term: 2, entries: log(2), source: 's1', dest: 's2' }), log: log(2) },
    ]);
  });

  it('is not enabled towards itself (guard i /= j)', () => {
    expect(appendEntries(server({ state: 'Leader' }), 's1', 's1', c)).toBeNull();
  });

  it('is not enabled unless leader (guard state[i] = Leader)', () => {
    expect(appendEntries(server({ state: 'Candidate' }), 's1', 's2', c)).toBeNull();
  });
});

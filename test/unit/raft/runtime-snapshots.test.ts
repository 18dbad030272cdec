// Raft's log compaction as the runtime runs it (src/raft/runtimeSnapshots.ts): TakeSnapshot at an
// applied, committed index with the state machine's data; recovery from the snapshot file and the
// WAL's tail by Figure 13's rules 6 and 7; positions stay global (§7).
import { describe, expect, it } from 'vitest';
import { raftProtocol, raftRuntime } from '../../../src/raft/index.ts';
import { compactTo, withSnapshot } from '../../../src/raft/runtimeSnapshots.ts';
import type { Server } from '../../../src/raft/index.ts';
import { config, log, server } from '../../helpers/raft.ts';

const c = config({ snapshots: true });
const rt = raftRuntime(raftProtocol, c.servers, c);
const data = { kv: [['a', 1]], sessions: [] };
const leader = (): Server => server({ currentTerm: 3, state: 'Leader', log: log(1, 2, 3, 3), commitIndex: 3, snapshot: { index: 0, term: 0, state: [] } });

describe('compactTo (TakeSnapshot at an applied index)', () => {
  it('moves entries 1..n into the snapshot with the data; positions stay global', () => {
    const s = compactTo(leader(), { index: 2, id: 2, data }) as Server;
    expect(s.snapshot).toEqual({ index: 2, term: 2, state: [data] });
    expect(s.log).toEqual(log(1, 2, 3, 3).slice(2));
    expect(rt.view(s).lastIndex).toBe(4);
    expect(rt.entryId(s, 2)).toBe(2);
    expect(rt.entryId(s, 3)).toBe(3);
    expect(rt.committed(s, 1)).toEqual(['v3']); // entries up to 2 are in the snapshot
    expect(rt.committed(s, 3)).toEqual(['v3']);
    expect(rt.snapshots?.current(s)).toEqual({ index: 2, id: 2, data, meta: null }); // meta: the configuration it includes (none here)
    expect(rt.durable(s)).toEqual({ currentTerm: 3, votedFor: null, log: s.log, snapshot: { index: 2, term: 2 } });
  });

  it('not enabled past the commit index (§7), at or below the snapshot, or when the entry changed', () => {
    expect(compactTo(leader(), { index: 4, id: 3, data })).toBeNull();
    const s = compactTo(leader(), { index: 2, id: 2, data }) as Server;
    expect(compactTo(s, { index: 2, id: 2, data })).toBeNull();
    expect(compactTo(leader(), { index: 3, id: 2, data })).toBeNull();
  });

  it('a leader sends InstallSnapshot on its heartbeat to a follower that needs a compacted entry', () => {
    const s = { ...(compactTo(leader(), { index: 2, id: 2, data }) as Server), nextIndex: { s1: 5, s2: 1, s3: 5 } };
    const r = rt.step('s1', s, { type: 'InstallSnapshot', j: 's2' });
    expect(r?.send).toEqual([{ type: 'InstallSnapshotRequest', term: 3, lastIncludedIndex: 2, lastIncludedTerm: 2, state: [data], source: 's1', dest: 's2' }]);
    expect(rt.step('s1', s, { type: 'AppendEntries', j: 's2' })).toBeNull();
    expect(rt.payload(r!.send[0]!)).toBe('snapshot/3/2');
    expect(rt.snapshots?.carries(r!.send[0]!)).toBe(true);
  });
});

describe('withSnapshot (recovery: snapshot file, then the WAL tail)', () => {
  const wal = { currentTerm: 3, votedFor: 's2', log: log(1, 2, 3) };

  it('crash after the snapshot file, before the WAL was truncated: entries it holds are dropped (rule 6)', () => {
    expect(withSnapshot('s1', wal, { index: 2, id: 2, data })).toEqual({ currentTerm: 3, votedFor: 's2', log: log(1, 2, 3).slice(2), snapshot: { index: 2, term: 2, state: [data] } });
  });

  it('after the WAL was truncated: its log follows the snapshot', () => {
    const tail = { ...wal, log: log(1, 2, 3).slice(2), snapshot: { index: 2, term: 2 } };
    expect(withSnapshot('s1', tail, { index: 2, id: 2, data }).log).toEqual(tail.log);
  });

  it('an installed snapshot the WAL does not match: the log is discarded (rule 7)', () => {
    expect(withSnapshot('s1', wal, { index: 2, id: 5, data }).log).toEqual([]);
    expect(withSnapshot('s1', wal, { index: 9, id: 3, data }).log).toEqual([]);
  });

  it('refuses a WAL that follows a snapshot it does not have, or a newer one than the file', () => {
    const tail = { ...wal, snapshot: { index: 4, term: 3 } };
    expect(() => withSnapshot('s1', tail, null)).toThrow("the write-ahead log's entries follow a snapshot of entries 1..4, but s1 has no snapshot file");
    expect(() => withSnapshot('s1', tail, { index: 2, id: 2, data })).toThrow("the snapshot file holds entries 1..2, but the write-ahead log's entries follow entry 4");
  });

  it('restore: a restarted server holds the snapshot and its tail, commit index at the snapshot', () => {
    const s = rt.restore('s1', { ...wal, log: log(1, 2, 3).slice(2), snapshot: { index: 2, term: 2 } }, { index: 2, id: 2, data });
    expect([s.state, s.commitIndex, rt.view(s).lastIndex, s.snapshot?.index]).toEqual(['Follower', 2, 3, 2]);
  });
});

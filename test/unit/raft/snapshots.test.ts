// Log compaction (Raft §7, Figure 13): TakeSnapshot, InstallSnapshot, HandleInstallSnapshotRequest, and
// the handlers that read global indices over snapshot + log.
import { describe, expect, it } from 'vitest';
import { appendEntries } from '../../../src/raft/actions/appendEntries.ts';
import { installSnapshot } from '../../../src/raft/actions/installSnapshot.ts';
import { restart } from '../../../src/raft/actions/restart.ts';
import { takeSnapshot } from '../../../src/raft/actions/takeSnapshot.ts';
import { handleAppendEntriesRequest } from '../../../src/raft/handlers/handleAppendEntriesRequest.ts';
import { handleInstallSnapshotRequest } from '../../../src/raft/handlers/handleInstallSnapshotRequest.ts';
import { invariants, type InstallSnapshotRequest } from '../../../src/raft/index.ts';
import { aeReq, aeResp, config, global, log, per, server } from '../../helpers/raft.ts';

const on = config({ snapshots: true });
const none = { index: 0, term: 0, state: [] };
const isReq = (over: Partial<InstallSnapshotRequest> = {}): InstallSnapshotRequest => ({
  type: 'InstallSnapshotRequest', term: 2, lastIncludedIndex: 2, lastIncludedTerm: 1, state: ['v1', 'v2'], source: 's2', dest: 's1', ...over,
});

describe('TakeSnapshot (§7)', () => {
  const s = server({ log: log(1, 1, 2), commitIndex: 2, snapshot: none });

  it('moves the committed prefix into the snapshot: last index and term, the values applied; later entries stay', () => {
    expect(takeSnapshot(s, 's1', on)).toEqual({
      state: { ...s, snapshot: { index: 2, term: 1, state: ['v1', 'v2'] }, log: [{ term: 2, value: 'v3' }] },
      send: [],
    });
  });

  it('appends to an earlier snapshot (indices stay global)', () => {
    const t = server({ log: [{ term: 2, value: 'v3' }, { term: 2, value: 'v4' }], commitIndex: 3, snapshot: { index: 2, term: 1, state: ['v1', 'v2'] } });
    expect(takeSnapshot(t, 's1', on)?.state).toEqual({ ...t, snapshot: { index: 3, term: 2, state: ['v1', 'v2', 'v3'] }, log: [{ term: 2, value: 'v4' }] });
  });

  it('is not enabled with nothing new committed, without Snapshots, or when commitIndex passes the log', () => {
    expect(takeSnapshot({ ...s, commitIndex: 0 }, 's1', on)).toBeNull();
    expect(takeSnapshot(s, 's1', config())).toBeNull();
    expect(takeSnapshot({ ...s, commitIndex: 4 }, 's1', on)).toBeNull();
  });
});

describe('InstallSnapshot and AppendEntries at a leader with a snapshot', () => {
  const leader = server({ currentTerm: 2, state: 'Leader', log: log(2), snapshot: { index: 2, term: 1, state: ['v1', 'v2'] }, nextIndex: per(3, { s2: 2, s3: 3 }) });

  it('sends its snapshot to a follower that needs a compacted entry (Figure 13), and AppendEntries is then not enabled', () => {
    expect(installSnapshot(leader, 's1', 's2', on)?.send).toEqual([
      { type: 'InstallSnapshotRequest', term: 2, lastIncludedIndex: 2, lastIncludedTerm: 1, state: ['v1', 'v2'], source: 's1', dest: 's2' },
    ]);
    expect(appendEntries(leader, 's1', 's2', on)).toBeNull();
  });

  it('sends AppendEntries with global indices after the snapshot (prevLogTerm from the snapshot)', () => {
    expect(installSnapshot(leader, 's1', 's3', on)).toBeNull();
    expect(appendEntries(leader, 's1', 's3', on)?.send).toEqual([
      { type: 'AppendEntriesRequest', term: 2, prevLogIndex: 2, prevLogTerm: 1, entries: [{ term: 2, value: 'v1' }], commitIndex: 0, source: 's1', dest: 's3' },
    ]);
  });

  it('is not enabled at a non-leader, towards itself, or without Snapshots', () => {
    expect(installSnapshot({ ...leader, state: 'Follower' }, 's1', 's2', on)).toBeNull();
    expect(installSnapshot(leader, 's1', 's1', on)).toBeNull();
    expect(installSnapshot(leader, 's1', 's2', config())).toBeNull();
  });
});

describe('HandleInstallSnapshotRequest (Figure 13 receiver rules)', () => {
  const ok = (matchIndex: number, term = 2) => [aeResp({ term, success: true, matchIndex, source: 's1', dest: 's2' })];

  it('keeps the entries after the snapshot when its log holds the last included entry (rule 6)', () => {
    const s = server({ currentTerm: 2, log: log(1, 1, 2), commitIndex: 1, snapshot: none });
    expect(handleInstallSnapshotRequest(s, 's1', 's2', isReq(), on)).toEqual({
      state: { ...s, log: [{ term: 2, value: 'v3' }], snapshot: { index: 2, term: 1, state: ['v1', 'v2'] }, commitIndex: 2 },
      send: ok(2),
    });
  });

  it('discards the whole log when it does not hold the last included entry (rules 7, 8)', () => {
    const s = server({ currentTerm: 2, log: [{ term: 1, value: 'v1' }, { term: 2, value: 'x' }], snapshot: none });
    expect(handleInstallSnapshotRequest(s, 's1', 's2', isReq(), on)?.state).toEqual({ ...s, log: [], snapshot: { index: 2, term: 1, state: ['v1', 'v2'] }, commitIndex: 2 });
  });

  it('changes nothing for a snapshot its own covers, and answers success', () => {
    const s = server({ currentTerm: 2, log: [], commitIndex: 3, snapshot: { index: 3, term: 1, state: ['v1', 'v2', 'v3'] } });
    expect(handleInstallSnapshotRequest(s, 's1', 's2', isReq(), on)).toEqual({ state: s, send: ok(2) });
  });

  it('rejects a snapshot of an older term at once (rule 1)', () => {
    const s = server({ currentTerm: 3, log: log(1), snapshot: none });
    expect(handleInstallSnapshotRequest(s, 's1', 's2', isReq(), on)).toEqual({ state: s, send: [aeResp({ term: 3, success: false, matchIndex: 0, source: 's1', dest: 's2' })] });
  });

  it('a candidate of the same term returns to follower first (the message stays); a newer term is UpdateTerm\'s', () => {
    const s = server({ currentTerm: 2, state: 'Candidate', snapshot: none });
    expect(handleInstallSnapshotRequest(s, 's1', 's2', isReq(), on)).toEqual({ state: { ...s, state: 'Follower' }, send: [], keep: true });
    expect(handleInstallSnapshotRequest(server({ snapshot: none }), 's1', 's2', isReq(), on)).toBeNull();
  });
});

describe('global indices elsewhere', () => {
  it('AppendEntries whose prevLogIndex is inside the snapshot matches (compacted entries are committed)', () => {
    const s = server({ currentTerm: 2, log: [{ term: 2, value: 'v3' }], commitIndex: 2, snapshot: { index: 2, term: 1, state: ['v1', 'v2'] } });
    const m = aeReq({ prevLogIndex: 1, prevLogTerm: 1, entries: [{ term: 1, value: 'v2' }], commitIndex: 2 });
    expect(handleAppendEntriesRequest(s, 's1', 's2', m, on)?.send).toEqual([aeResp({ success: true, matchIndex: 2, source: 's1', dest: 's2' })]);
  });

  it('Restart keeps the snapshot and knows its entries to be committed', () => {
    const s = server({ currentTerm: 2, state: 'Leader', commitIndex: 3, log: log(2), snapshot: { index: 2, term: 1, state: ['v1', 'v2'] } });
    const r = restart(s, 's1', on);
    expect([r.snapshot, r.log, r.commitIndex, r.state]).toEqual([s.snapshot, s.log, 2, 'Follower']);
  });

  it('the invariants compare compacted values and the terms both servers still know', () => {
    const snap = { index: 1, term: 2, state: ['v1'] };
    const agree = global({ s1: { commitIndex: 1, snapshot: snap, log: [] }, s2: { commitIndex: 1, log: [{ term: 2, value: 'v1' }], snapshot: none }, s3: { snapshot: none } });
    expect([invariants.StateMachineSafety(agree, on), invariants.LogMatching(agree, on), invariants.CommittedOnQuorum(agree, on)]).toEqual([true, true, true]);
    const otherTerm = global({ s1: { commitIndex: 1, snapshot: snap, log: [] }, s2: { commitIndex: 1, log: [{ term: 3, value: 'v1' }], snapshot: none }, s3: { snapshot: none } });
    expect([invariants.StateMachineSafety(otherTerm, on), invariants.CommittedOnQuorum(otherTerm, on)]).toEqual([false, false]);
    const past = global({ s1: { commitIndex: 0, snapshot: snap, log: [] }, s2: { snapshot: none }, s3: { snapshot: none } });
    expect([invariants.SnapshotCommitted(agree, on), invariants.SnapshotCommitted(past, on)]).toEqual([true, false]);
  });
});

// A snapshot file records the configuration (Raft §7): a follower that installs a leader's snapshot
// whose log it lacks discards its log (Figure 13 rule 7); a crash after the snapshot file is written
// and before the WAL record that follows it must not restart the node with its older configuration.
// The crash state is built on disk with the real SnapshotStore and Wal, and recovered as run.ts does.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SnapshotStore } from '../../../src/runtime/snapshot-store.ts';
import { writeSnapshotFile } from '../../../src/runtime/snapshot-file.ts';
import { kvSections } from '../../../src/runtime/snapshot-kv.ts';
import type { KvSnapshotData } from '../../../src/runtime/snapshot-kv.ts';
import { Wal } from '../../../src/runtime/wal/wal.ts';
import { raftProtocol, raftRuntime, runtimeConfig } from '../../../src/raft/index.ts';
import type { Configuration, Entry, RaftMessage, Server } from '../../../src/raft/index.ts';
import { configOf } from '../../../src/raft/membership.ts';
import { compactTo } from '../../../src/raft/runtimeSnapshots.ts';
import { server } from '../../helpers/raft.ts';

const c = { ...runtimeConfig(['s1', 's2', 's3']), snapshots: true };
const rt = raftRuntime(raftProtocol, c.servers, c);
const settings = { entries: 0, walBytes: 0 };
const cfg = (voters: string[], learners: string[] = []): Configuration => ({ voters, old: voters, learners });
const e = (term: number, value: unknown = []): Entry => ({ term, value: value as Entry['value'] });
const data: KvSnapshotData = { kv: [['a', '1']], sessions: [] } as unknown as KvSnapshotData;
const older = cfg(['s1', 's2', 's3']);
const newer = cfg(['s1', 's2', 's3'], ['s4']);

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snapcfg-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** s3 holds the older configuration in a log of term 1; the leader s1 of term 3 has compacted the entry adding s4. */
function crashState(): { before: Server; installed: Server } {
  const before = server({ currentTerm: 3, log: [e(1, older), e(1)], commitIndex: 2 });
  const log = [e(1, older), e(3), e(3, newer), e(3)];
  const leader = server({ currentTerm: 3, state: 'Leader', log, commitIndex: 4, nextIndex: { s1: 5, s2: 5, s3: 1, s4: 1 }, matchIndex: { s1: 4, s2: 4, s3: 0, s4: 0 }, snapshot: { index: 0, term: 0, state: [] } });
  const compacted = compactTo(leader, { index: 4, id: 3, data }) as Server;
  const m = rt.step('s1', compacted, { type: 'InstallSnapshot', j: 's3' })?.send[0] as RaftMessage;
  expect(m.type).toBe('InstallSnapshotRequest');
  const installed = rt.step('s3', rt.restore('s3', JSON.parse(JSON.stringify(rt.durable(before))), null), { type: 'Receive', m })?.state as Server;
  expect([installed.log, configOf(installed, c)]).toEqual([[], newer]); // rule 7: the log is discarded
  return { before, installed };
}

/** The WAL as it was before the install (its record after the install never written), then recovery as run.ts does it. */
async function crashAndRecover(writeFile: (store: SnapshotStore, installed: Server) => Promise<unknown>): Promise<Server> {
  const { before, installed } = crashState();
  const { wal } = await Wal.open(dir);
  await wal.write(rt.durable(before));
  const { store } = await SnapshotStore.open(dir, settings, false);
  await writeFile(store, installed);
  await wal.close();
  const reopened = await SnapshotStore.open(dir, settings, false);
  const { wal: again, recovery } = await Wal.open(dir);
  await again.close();
  return rt.restore('s3', recovery.value, reopened.snapshot);
}

describe('a crash between an installed snapshot file and its WAL record (Raft §7, Figure 13 rule 7)', () => {
  it('the node restarts with the configuration the snapshot file records, not its older one', async () => {
    const s = await crashAndRecover((store, installed) => store.write(rt.snapshots?.current(installed) ?? { index: 0, id: 0, data }));
    expect(s.log).toEqual([]);
    expect(s.snapshot).toMatchObject({ index: 4, term: 3 });
    expect(configOf(s, c)).toEqual(newer);
    expect(rt.durable(s)).toMatchObject({ snapshot: { index: 4, term: 3, config: newer } });
  });

  it('a file written before files held the configuration still loads, with the WAL\'s configuration (the old behaviour)', async () => {
    const s = await crashAndRecover((_, installed) => writeSnapshotFile(dir, { index: 4, id: 3, sections: kvSections(rt.snapshots?.current(installed)?.data as KvSnapshotData) }, false));
    expect(s.snapshot).toMatchObject({ index: 4, term: 3 });
    expect(configOf(s, c)).toEqual(older);
  });

  it('a file whose configuration is not one is refused, naming it', async () => {
    await expect(crashAndRecover((store) => store.write({ index: 4, id: 3, data, meta: { voters: 's1' } }))).rejects.toThrow(
      /^the snapshot file's configuration is not a configuration: \{"voters":"s1"\}$/,
    );
  });

  it('a snapshot taken locally records the configuration in force at its index', () => {
    const s = server({ currentTerm: 3, log: [e(1, older), e(3), e(3, newer), e(3)], commitIndex: 4, snapshot: { index: 0, term: 0, state: [] } });
    expect(rt.snapshots?.meta(s, 2)).toEqual(older);
    expect(rt.snapshots?.meta(s, 3)).toEqual(newer);
    expect(rt.snapshots?.meta(server({ log: [e(1)] }), 1)).toBeNull();
  });
});

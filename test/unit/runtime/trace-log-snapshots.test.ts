// How a trace log names snapshots: a message carrying one by its data's digest (what the validator's
// model, which carries the digest as the data, digests alike), a compaction and a restart by
// position, entry id and digest.
import { describe, expect, it } from 'vitest';
import { snapshotDataRef } from '../../../src/core/index.ts';
import { raftProtocol, raftRuntime } from '../../../src/raft/index.ts';
import type { RaftAction, RaftMessage, Server } from '../../../src/raft/index.ts';
import { TraceLog, dataDigest, messageDigest } from '../../../src/runtime/trace-log.ts';

const rt = raftRuntime(raftProtocol, ['s1', 's2', 's3']);
const data = { kv: [['k', 'v']], sessions: [] };
const install = (d: unknown): RaftMessage => ({ type: 'InstallSnapshotRequest', term: 2, lastIncludedIndex: 5, lastIncludedTerm: 1, state: [d as never], source: 's1', dest: 's2' });

function lines(f: (log: TraceLog<Server, RaftAction, RaftMessage>) => void): Record<string, unknown>[] {
  let out = '';
  const log = new TraceLog(rt, 's1', { write: (t) => (out += t) }, 0, () => 0);
  f(log);
  log.flush();
  return out.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('trace log snapshots', () => {
  it('names a sent InstallSnapshotRequest by the digest of the message with its data replaced by the data digest', () => {
    const s = rt.restore('s1', null);
    const [line] = lines((log) => log.step({ type: 'Timeout' }, s, { state: s, send: [install(data)] }));
    const sent = (line!['sent'] as { digest: string }[])[0]!;
    expect(sent.digest).toBe(messageDigest(install(snapshotDataRef(dataDigest(data)))));
    // The same content in another object (as a peer decodes it) has the same name; other content another.
    expect(sent.digest).toBe(messageDigest(install(snapshotDataRef(dataDigest(JSON.parse(JSON.stringify(data)))))));
    expect(sent.digest).not.toBe(messageDigest(install(snapshotDataRef(dataDigest({ kv: [] })))));
  });

  it('logs a compaction and a restart from a snapshot file with position, entry id and data digest', () => {
    const s = rt.restore('s1', null);
    const snap = { index: 4, id: 2, data };
    const [restart, compact] = lines((log) => {
      log.restart(s, null, snap);
      log.compact(snap, s);
    });
    const ref = { index: 4, id: 2, digest: dataDigest(data) };
    expect(restart).toMatchObject({ kind: 'restart', snapshot: ref });
    expect(compact).toMatchObject({ kind: 'compact', snapshot: ref, view: rt.view(s) });
  });
});

// Raft's log compaction as the runtime runs it (Raft §7, Figure 13). In a real cluster a snapshot's
// `state` holds one item, the state machine's state (Figure 13's `data`: the runtime's KV store),
// where the model keeps the sequence of values applied; the handlers never read it, only carry it.
import { produce } from 'immer';
import type { NodeId, RuntimeSnapshot, SnapshotRuntime } from '../core/index.ts';
import type { Durable } from './durable.ts';
import { lastIndex, snapshotIndex, termOf } from './log.ts';
import { configIndex, isConfigValue, snapshotConfig } from './membership.ts';
import type { Configuration, Entry, RaftMessage, Server, Value } from './types.ts';

/** What the WAL holds with snapshots: Fig. 2's persistent state, the log after the snapshot's last entry. */
export interface SnapshotDurable extends Durable {
  /**
   * The last included index and term of the snapshot the log follows (absent: none, index 0), and
   * the latest configuration the snapshot holds (absent: none, cluster.json's seed is in force).
   */
  readonly snapshot?: { readonly index: number; readonly term: number; readonly config?: Configuration };
}

/** The snapshot's state in a real cluster: the state machine's, then the latest configuration entry it includes, if any. */
function snapshotState(data: unknown, x: Configuration | null): Value[] {
  return x === null ? [data as Value] : [data as Value, x];
}

/** The latest configuration among the first n entries of `log`, else `before`. */
function configAmong(log: readonly Entry[], n: number, before: Configuration | null): Configuration | null {
  const k = configIndex(log.slice(0, n));
  return k === 0 ? before : ((log[k - 1] as Entry).value as Configuration);
}

export const raftSnapshots: SnapshotRuntime<Server, RaftMessage> = {
  current: (s) => {
    const snap = s.snapshot;
    return snap === undefined || snap.index === 0 ? null : { index: snap.index, id: snap.term, data: snap.state[0] ?? null, meta: snapshotConfig(s) };
  },
  take: (_i, s, snap) => compactTo(s, snap),
  // Raft §7: the snapshot file records the latest configuration among the entries it includes.
  meta: (s, index) => configAmong(s.log, Math.max(0, index - snapshotIndex(s)), snapshotConfig(s)),
  carries: (m) => m.type === 'InstallSnapshotRequest',
  // The data is the state's first item; a configuration after it is the protocol's, not the runtime's.
  mapData: (m, f) => (m.type === 'InstallSnapshotRequest' ? { ...m, state: m.state.map((v, k) => (k === 0 ? (f(v) as (typeof m.state)[number]) : v)) } : m),
};

/**
 * TakeSnapshot(i) at index n = snap.index with the state machine's state `snap.data`: guards of
 * takeSnapshot (something new, committed, in the log) plus the entry's term still `snap.id`.
 */
export function compactTo(s: Server, snap: RuntimeSnapshot): Server | null {
  const n = snap.index;
  const base = snapshotIndex(s);
  if (n <= base || n > s.commitIndex || n > lastIndex(s)) return null;
  const term = termOf(s, n);
  if (term !== snap.id) return null;
  return produce(s, (d) => {
    d.snapshot = { index: n, term, state: snapshotState(snap.data, configAmong(s.log, n - base, snapshotConfig(s))) };
    d.log.splice(0, n - base);
  });
}

/** The durable part with the snapshot's last included index and term, so the WAL's log indices are global. */
export function snapshotDurable(s: Server, d: Durable): SnapshotDurable {
  const snap = s.snapshot;
  if (snap === undefined || snap.index === 0) return d;
  const x = snapshotConfig(s);
  return { ...d, snapshot: { index: snap.index, term: snap.term, ...(x === null ? {} : { config: x }) } };
}

/**
 * The server's persistent state from the WAL's `d` (log after entry `base`) and the snapshot file's
 * `snap`: the snapshot must cover `base`; entries the snapshot includes are dropped from the log if
 * it holds the snapshot's last entry (Figure 13 rule 6), else the log is discarded (rule 7), exactly
 * as if the install or compaction had been followed by the WAL write the crash prevented.
 */
export function withSnapshot(i: NodeId, d: SnapshotDurable, snap: RuntimeSnapshot | null): Pick<Server, 'currentTerm' | 'votedFor' | 'log' | 'snapshot'> {
  const base = d.snapshot?.index ?? 0;
  const keep = { currentTerm: d.currentTerm, votedFor: d.votedFor };
  if (snap === null) {
    if (base > 0) throw new Error(`the write-ahead log's entries follow a snapshot of entries 1..${base}, but ${i} has no snapshot file`);
    // No snapshot taken yet: the server keeps its initial one (none when the configuration has no snapshots).
    return { ...keep, log: d.log };
  }
  if (typeof snap.id !== 'number') throw new Error(`the snapshot's last term is not a term: ${JSON.stringify(snap.id)}`);
  if (snap.index < base) throw new Error(`the snapshot file holds entries 1..${snap.index}, but the write-ahead log's entries follow entry ${base}`);
  const at = snap.index - base;
  const held = at === 0 ? (d.snapshot?.term ?? 0) : (d.log[at - 1] as Entry | undefined)?.term;
  const log = held === snap.id ? d.log.slice(at) : [];
  // Raft §7: the file's own configuration; a file without one (written before files held it) takes the
  // WAL's snapshot's, advanced by the entries the newer file includes when the WAL still holds them.
  const x = snap.meta !== undefined ? fileConfig(snap.meta) : configAmong(held === snap.id ? d.log : [], at, d.snapshot?.config ?? null);
  return { ...keep, log, snapshot: { index: snap.index, term: snap.id, state: snapshotState(snap.data, x) } };
}

/** The configuration a snapshot file records (null: none), or an Error naming what is wrong. */
function fileConfig(x: unknown): Configuration | null {
  if (x === null) return null;
  const r = x as Record<string, unknown>;
  const names = (v: unknown) => Array.isArray(v) && v.every((j) => typeof j === 'string');
  if (!isConfigValue(x as Value) || !names(r['voters']) || !names(r['old']) || !names(r['learners'])) throw new Error(`the snapshot file's configuration is not a configuration: ${JSON.stringify(x)}`);
  return x as Configuration;
}

/** The snapshot's last included index and term as the WAL wrote them, or an Error naming what is wrong. */
export function snapshotMeta(x: unknown): SnapshotDurable['snapshot'] {
  if (x === undefined) return undefined;
  const r = x as Record<string, unknown> | null;
  const nat = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
  if (typeof r !== 'object' || r === null || !nat(r['index']) || !nat(r['term'])) throw new Error(`snapshot is not { index, term }: ${JSON.stringify(x)}`);
  const config = r['config'];
  if (config !== undefined && !isConfigValue(config as Value)) throw new Error(`snapshot.config is not a configuration: ${JSON.stringify(config)}`);
  return { index: r['index'] as number, term: r['term'] as number, ...(config === undefined ? {} : { config: config as Configuration }) };
}

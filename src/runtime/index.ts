// The runtime as a library (`consensus-checked/runtime`): run a node-level protocol over TCP, talk to
// it as a key-value client, and check a recorded client history for linearizability.
export { runNode } from './run.ts';
export type { RunNodeOptions, RunningNode } from './run.ts';
export { runMaelstrom, ERR as MAELSTROM_ERRORS } from './maelstrom.ts';
export type { MaelstromOptions } from './maelstrom.ts';
export { Node } from './node.ts';
export type { NodeOptions, NodeStatus, Outcome, Storage } from './node.ts';
export { loadClusterConfig, parseClusterConfig } from './config.ts';
export type { ClusterConfig, NodeAddress } from './config.ts';
export type { Clock, TimerSettings } from './timers.ts';
export { KvClient, httpRequest } from './client.ts';
export type { HttpReply, KvAnswer, KvClientOptions, KvRequest } from './client.ts';
export { KvStore, isKvCommand } from './kv/kv.ts';
export type { KvCommand, KvOp, KvResult } from './kv/kv.ts';
export { checkLinearizable } from './lin/check.ts';
export type { CheckOptions, CheckResult } from './lin/check.ts';
export { HistoryRecorder, describeOperation, operations } from './lin/history.ts';
export type { HistoryEvent, KvCall, KvOutput, Operation } from './lin/history.ts';
export { arr, bool, int, json, nullable, obj, str, tagged, validate } from './transport/schema.ts';
export type { Schema } from './transport/schema.ts';
export { Wal, WalCorruptError } from './wal/wal.ts';
export type { WalOptions, WalRecovery } from './wal/wal.ts';
export { SNAPSHOT_DEFAULTS, SnapshotStore } from './snapshot-store.ts';
export type { SnapshotSettings } from './snapshot-store.ts';
export { SnapshotCorruptError } from './snapshot-file.ts';

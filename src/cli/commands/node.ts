// `node --id ID --config FILE`: run one Raft node of a cluster (the composition root: Raft meets
// the runtime here). `--maelstrom`: speak Maelstrom's JSON protocol on stdin/stdout instead.
import { setAutoFreeze } from 'immer';
import { UsageError } from '../../core/index.ts';
import type { Drive } from '../../core/index.ts';
import { drive as raftDrive, handlers, raftProtocol, raftWith, runtimeConfig, variants } from '../../raft/index.ts';
import type { RaftAction, RaftConfig, RaftMessage, Server } from '../../raft/index.ts';
import { loadClusterConfig } from '../../runtime/config.ts';
import { runNode } from '../../runtime/run.ts';
import { arr, bool, int, json, obj, str, tagged } from '../../runtime/transport/schema.ts';
import type { Schema } from '../../runtime/transport/schema.ts';
import { LockHeldError } from '../../runtime/lock.ts';
import { createLogger, parseLogFormat } from '../../runtime/logging.ts';
import type { StateView } from '../../runtime/logging.ts';
import { WAL_CORRUPT_ADVICE, WalCorruptError } from '../../runtime/wal/wal.ts';
import { parseFlags } from '../args.ts';
import { promMetrics } from '../metrics.ts';
import { EXIT } from '../exit.ts';
import type { Command } from './index.ts';

/** Raft's peer messages as the wire carries them (no history fields: the runtime sets them off). */
export const raftSchema: Schema = tagged('type', {
  RequestVoteRequest: obj({ type: str(), term: int(), lastLogTerm: int(), lastLogIndex: int(), source: str(), dest: str() }),
  RequestVoteResponse: obj({ type: str(), term: int(), voteGranted: bool, source: str(), dest: str() }),
  AppendEntriesRequest: obj({
    type: str(),
    term: int(),
    prevLogIndex: int(),
    prevLogTerm: int(),
    entries: arr(obj({ term: int(), value: json })),
    commitIndex: int(),
    source: str(),
    dest: str(),
  }),
  AppendEntriesResponse: obj({ type: str(), term: int(), success: bool, matchIndex: int(), source: str(), dest: str() }),
  TimeoutNowRequest: obj({ type: str(), term: int(), source: str(), dest: str() }),
});

/** raft.tla's constants for a real cluster: these servers, no model-checking bounds, batched resync, leadership transfer. */
export function raftConfig(servers: readonly string[]): RaftConfig {
  return runtimeConfig(servers);
}

/** What the runtime's event log reads from a Raft server: role, term, vote, indexes. */
export function raftView(s: Server): StateView {
  const role = s.state === 'Leader' ? 'leader' : s.state === 'Candidate' ? 'candidate' : 'follower';
  return { role, term: s.currentTerm, votedFor: s.votedFor, lastIndex: s.log.length, commitIndex: s.commitIndex };
}

/** Raft's own drive (src/raft/drive.ts): the runtime adds nothing to it. */
export const runtimeDrive: Drive<RaftConfig, Server, RaftAction, RaftMessage> = raftDrive;

const options = {
  id: { type: 'string' },
  config: { type: 'string' },
  maelstrom: { type: 'boolean' },
  'enable-faults': { type: 'boolean' },
  variant: { type: 'string' },
  'log-format': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const node: Command = {
  summary: 'node --id ID --config cluster.json: run one Raft key-value node (or --maelstrom on stdin/stdout)',
  async run(argv) {
    const { values: v, positionals } = parseFlags(argv, options, 'node');
    const values = v as { id?: string; config?: string; maelstrom?: boolean; 'enable-faults'?: boolean; variant?: string; 'log-format'?: string; help?: boolean };
    if (values.help === true) {
      process.stdout.write(
        'usage: consensus-checked node --id ID --config cluster.json [--log-format text|json]\n' +
          '       consensus-checked node --maelstrom   (Maelstrom lin-kv on stdin/stdout)\n',
      );
      return EXIT.ok;
    }
    if (positionals.length > 0) throw new UsageError(`node: unexpected argument '${positionals[0]}'`);
    if (values.maelstrom === true) {
      const { maelstrom } = await import('./maelstrom.ts');
      return maelstrom.run([]);
    }
    if (values.id === undefined) throw new UsageError('node: --id is required (a node id from the config)');
    if (values.config === undefined) throw new UsageError('node: --config is required (the cluster file)');
    // --variant runs a broken Raft from src/raft/variants: for tests that show the checker catches it.
    let protocol = raftProtocol;
    if (values.variant !== undefined) {
      const v = variants[values.variant];
      if (v === undefined) throw new UsageError(`unknown variant '${values.variant}' (expected: ${Object.keys(variants).join(', ')})`);
      protocol = raftWith({ ...handlers, ...v.replaces }, `raft/${v.name}`);
    }
    const logFormat = parseLogFormat(values['log-format']);
    const cluster = loadClusterConfig(values.config);
    if (cluster.nodes[values.id] === undefined) {
      throw new UsageError(`unknown node '${values.id}' (${values.config} has: ${Object.keys(cluster.nodes).join(', ')})`);
    }
    // As for the explorer (check.ts): the handlers never mutate, and freezing every new state costs
    // each round; tests keep freezing on.
    setAutoFreeze(false);
    const log = createLogger(values.id, logFormat);
    let running;
    try {
      running = await runNode({
        protocol,
        drive: runtimeDrive,
        config: raftConfig(Object.keys(cluster.nodes)),
        schema: raftSchema,
        cluster,
        id: values.id,
        faults: values['enable-faults'] === true,
        view: raftView,
        log,
        metrics: promMetrics,
      });
    } catch (e) {
      if (e instanceof WalCorruptError) {
        const file = e.file === null ? '' : ` ${e.file}`;
        process.stderr.write(`error: node ${values.id}: write-ahead log${file} is corrupt: ${e.message}; refusing to start: ${WAL_CORRUPT_ADVICE}\n`);
        return EXIT.internal;
      }
      if (e instanceof LockHeldError) throw new UsageError(`node ${values.id}: ${e.message}`);
      throw e;
    }
    const r = running;
    return new Promise<number>((resolve) => {
      const stop = (sig: string) => {
        log(`stopping on ${sig}`);
        void r.stop().then(() => resolve(EXIT.ok));
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
  },
};

// `node --id ID --config FILE`: run one node of a cluster, of the protocol cluster.json names (it meets
// the runtime through src/cli/runtimes.ts). `--maelstrom`: speak Maelstrom's JSON protocol on stdin/stdout instead.
import { setAutoFreeze } from 'immer';
import { UsageError } from '../../core/index.ts';
import { loadClusterConfig } from '../../runtime/config.ts';
import type { NodeAddress } from '../../runtime/config.ts';
import { runNode } from '../../runtime/run.ts';
import { LockHeldError } from '../../runtime/lock.ts';
import { createLogger, parseLogFormat } from '../../runtime/logging.ts';
import { WAL_CORRUPT_ADVICE, WalCorruptError } from '../../runtime/wal/wal.ts';
import { SNAPSHOT_CORRUPT_ADVICE, SnapshotCorruptError } from '../../runtime/snapshot-file.ts';
import { parseFlags } from '../args.ts';
import { promMetrics } from '../metrics.ts';
import { EXIT } from '../exit.ts';
import { runnable } from '../runtimes.ts';
import type { Command } from './index.ts';

const options = {
  id: { type: 'string' },
  config: { type: 'string' },
  maelstrom: { type: 'boolean' },
  'enable-faults': { type: 'boolean' },
  variant: { type: 'string' },
  'log-format': { type: 'string' },
  'trace-log': { type: 'string' },
  join: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Addresses of nodes added after start: cluster.json read again, at most every 500 ms (an unknown id may dial often). */
function rereading(path: string): (id: string) => NodeAddress | null {
  let at = 0;
  let nodes: Readonly<Record<string, NodeAddress>> = {};
  return (id) => {
    if (nodes[id] === undefined && Date.now() - at >= 500) {
      at = Date.now();
      try {
        nodes = loadClusterConfig(path).nodes;
      } catch {
        // a file being rewritten or broken: the node keeps the addresses it has
      }
    }
    return nodes[id] ?? null;
  };
}

export const node: Command = {
  summary: 'node --id ID --config cluster.json: run one key-value node of the protocol cluster.json names (or --maelstrom on stdin/stdout)',
  async run(argv) {
    const { values: v, positionals } = parseFlags(argv, options, 'node');
    const values = v as { id?: string; config?: string; maelstrom?: boolean; 'enable-faults'?: boolean; variant?: string; 'log-format'?: string; 'trace-log'?: string; join?: boolean; help?: boolean };
    if (values.help === true) {
      process.stdout.write(
        'usage: consensus-checked node --id ID --config cluster.json [--log-format text|json] [--trace-log FILE] [--join]\n' +
          '       --trace-log FILE: one JSON line per step for `validate` ({id} in FILE: the node id)\n' +
          '       --join: a node being added (cluster add): it takes no configuration of its own, and learns it from the leader\n' +
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
    const logFormat = parseLogFormat(values['log-format']);
    const cluster = loadClusterConfig(values.config);
    if (cluster.nodes[values.id] === undefined) {
      throw new UsageError(`unknown node '${values.id}' (${values.config} has: ${Object.keys(cluster.nodes).join(', ')})`);
    }
    // As for the explorer (check.ts): the handlers never mutate, and freezing every new state costs
    // each round; tests keep freezing on.
    setAutoFreeze(false);
    // cluster.json's protocol (raft by default); --variant runs a broken one from its variants folder,
    // for tests that show the checker catches it.
    const protocol = runnable(cluster.protocol);
    // The first configuration is cluster.json's `voters`; a joining node has none until the leader's log gives it one.
    const runtime = protocol.runtime(Object.keys(cluster.nodes), values.variant, values.join === true ? [] : cluster.voters);
    const log = createLogger(values.id, logFormat);
    let running;
    try {
      running = await runNode({
        runtime,
        schema: protocol.schema,
        cluster,
        id: values.id,
        faults: values['enable-faults'] === true,
        log,
        metrics: promMetrics,
        ...(values['trace-log'] === undefined ? {} : { traceLog: values['trace-log'] }),
        lookupPeer: rereading(values.config),
      });
    } catch (e) {
      if (e instanceof WalCorruptError) {
        const file = e.file === null ? '' : ` ${e.file}`;
        process.stderr.write(`error: node ${values.id}: write-ahead log${file} is corrupt: ${e.message}; refusing to start: ${WAL_CORRUPT_ADVICE}\n`);
        return EXIT.internal;
      }
      if (e instanceof SnapshotCorruptError) {
        process.stderr.write(`error: node ${values.id}: snapshot file ${e.file} is corrupt: ${e.message}; refusing to start: ${SNAPSHOT_CORRUPT_ADVICE}\n`);
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

// The protocols a real cluster can run (the composition root: a protocol meets the runtime here):
// each one's `NodeRuntime` for a set of node ids, its wire schema and its broken variants.
import { UsageError } from '../core/index.ts';
import type { Message, NodeId, NodeRuntime, Tagged } from '../core/index.ts';
import * as mp from '../multipaxos/index.ts';
import { handlers, raftProtocol, raftRuntime, raftWith, runtimeConfig, variants } from '../raft/index.ts';
import { memoByObject } from '../runtime/memo.ts';
import type { Schema } from '../runtime/transport/schema.ts';
import { multiPaxosSchema } from './wire/multipaxos.ts';
import { raftSchema } from './wire/raft.ts';

/** A protocol as `node` and `maelstrom` run it. */
export interface Runnable {
  readonly schema: Schema;
  /**
   * The protocol (or its variant `variant`, for tests that show the checker catches it) over `nodes`;
   * `voters`: the first configuration's voters where the protocol has membership change (default: all).
   */
  runtime(nodes: readonly NodeId[], variant?: string, voters?: readonly NodeId[]): NodeRuntime<unknown, Tagged, Message>;
}

const raft: Runnable = {
  schema: raftSchema,
  runtime(nodes, variant, voters = nodes) {
    const c = { ...runtimeConfig(nodes, voters), snapshots: true };
    if (variant === undefined) return raftRuntime(raftProtocol, nodes, c, memoByObject) as NodeRuntime<unknown, Tagged, Message>;
    const v = variants[variant];
    if (v === undefined) throw new UsageError(`unknown variant '${variant}' (expected: ${Object.keys(variants).join(', ')})`);
    return raftRuntime(raftWith({ ...handlers, ...v.replaces }, `raft/${v.name}`), nodes, c, memoByObject) as NodeRuntime<unknown, Tagged, Message>;
  },
};

const multipaxos: Runnable = {
  schema: multiPaxosSchema,
  runtime(nodes, variant) {
    if (variant === undefined) return mp.multiPaxosRuntime(mp.multiPaxosProtocol, nodes) as NodeRuntime<unknown, Tagged, Message>;
    const v = mp.variants[variant];
    if (v === undefined) throw new UsageError(`unknown variant '${variant}' (expected: ${Object.keys(mp.variants).join(', ')})`);
    return mp.multiPaxosRuntime(mp.multiPaxosWith({ ...mp.handlers, ...v.replaces }, `multipaxos/${v.name}`), nodes) as NodeRuntime<unknown, Tagged, Message>;
  },
};

export const runnables: Readonly<Record<string, Runnable>> = { raft, multipaxos };

/** The runnable protocol named `name`, or a usage error naming the ones there are. */
export function runnable(name: string): Runnable {
  const r = runnables[name];
  if (r === undefined) throw new UsageError(`unknown protocol '${name}' for a cluster (expected: ${Object.keys(runnables).join(', ')})`);
  return r;
}

// Broken ApplyCommitted: no session table is consulted, so a retried command is applied again.
import type { NodeId } from '../../core/index.ts';
import { applyNew } from '../actions/applyCommitted.ts';
import { lastIndex, valueAt } from '../log.ts';
import type { Command, RaftConfig, RaftStep, RaftVariant, Server } from '../types.ts';

function applyCommitted(s: Server, _i: NodeId, c: RaftConfig): RaftStep | null {
  if (c.sessions === undefined) return null;
  const sm = s.sm;
  if (sm === undefined || sm.lastApplied >= Math.min(s.commitIndex, lastIndex(s))) return null;
  const k = sm.lastApplied + 1;
  // BUG: every committed command is applied, duplicates included.
  return { state: applyNew(s, k, (valueAt(s, k) as { v: Command }).v), send: [] };
}

export const noSessionTable: RaftVariant = {
  name: 'no-session-table',
  bug: 'the state machine keeps no session table: a command a client retried is applied twice',
  source: 'Raft thesis §6.3 (implementing linearizable semantics)',
  replaces: { applyCommitted },
};

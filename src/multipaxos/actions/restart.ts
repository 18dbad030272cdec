// Restart(i) — i recovers its durable part: ballot, acceptor state, and its state machine.
import type { NodeId } from '../../core/index.ts';
import type { MpConfig, Replica } from '../types.ts';

export function restart(s: Replica, _i: NodeId, _c: MpConfig): Replica {
  return { ...s, role: 'Follower', base: 1, promises: [], reported: [], proposals: [], acks: [], decided: s.decided.filter((x) => x.slot <= s.executed) };
}

// Init: every replica a follower with an empty log, nothing promised, accepted, decided or executed.
import type { NodeId } from '../core/index.ts';
import type { MpConfig, Replica } from './types.ts';

export function init(_i: NodeId, _c: MpConfig): Replica {
  return { ballot: null, role: 'Follower', base: 1, promises: [], reported: [], proposals: [], promised: null, accepted: [], acks: [], decided: [], executed: 0, applied: [] };
}

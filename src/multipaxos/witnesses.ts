// Witnesses: each must hold in some reachable state.
import type { Named } from '../core/index.ts';
import type { MpGlobal } from './invariants.ts';
import type { MpConfig, Replica } from './types.ts';

const all = (g: MpGlobal, c: MpConfig): Replica[] => c.replicas.map((i) => g.nodes[i] as Replica);

export const witnesses: Named<(g: MpGlobal, c: MpConfig) => boolean> = {
  LeaderElected: (g, c) => all(g, c).some((s) => s.role === 'Leader'),
  CommandExecuted: (g, c) => all(g, c).some((s) => s.applied.length > 0),
};

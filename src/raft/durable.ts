// What survives Restart(i) in raft.tla: currentTerm, votedFor and log (Raft Fig. 2, "Persistent state").
import type { Entry, Server } from './types.ts';

export interface Durable {
  readonly currentTerm: number;
  readonly votedFor: string | null;
  readonly log: readonly Entry[];
}

export function durable(s: Server): Durable {
  return { currentTerm: s.currentTerm, votedFor: s.votedFor, log: s.log };
}

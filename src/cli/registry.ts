// The protocols the CLI can check: name -> Checkable. The composition root: the only place where a
// protocol meets the explorer.
import type { Checkable } from '../core/index.ts';

export const protocols: Readonly<Record<string, () => Promise<Checkable>>> = {
  paxos: async () => (await import('../paxos/index.ts')).paxos,
  raft: async () => (await import('../raft/index.ts')).raft,
  basicpaxos: async () => (await import('../basicpaxos/index.ts')).basicpaxos,
  multipaxos: async () => (await import('../multipaxos/index.ts')).multipaxos,
  twophase: async () => (await import('../twophase/index.ts')).twophase,
};

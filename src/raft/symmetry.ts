// TLC's SYMMETRY for Raft: where server names (and string values) occur in a server's variables and
// in a message (the state schema of shape.ts). Passive servers are interchangeable only among
// themselves, active ones likewise; values form a group when their names differ from the servers'.
import type { NodeSymmetry } from '../core/index.ts';
import type { RaftConfig, RaftMessage, Server } from './types.ts';
import { shape } from './shape.ts';

export const symmetry: NodeSymmetry<RaftConfig, Server, RaftMessage> = {
  state: { fields: shape.variables },
  message: shape.message,
  groups(c) {
    const passive = c.passive ?? [];
    const active = c.servers.filter((i) => !passive.includes(i));
    const names = c.values.filter((v): v is string => typeof v === 'string' && !c.servers.includes(v));
    const values = names.length === c.values.length ? names : [];
    return [active, passive, values].filter((g) => g.length > 1);
  },
};

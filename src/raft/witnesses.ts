// "Sometimes" properties (stateright): each must hold in some reachable state, or the bounds are too
// tight to exercise the protocol.
import type { NodesView } from '../core/index.ts';
import { lastIndex } from './log.ts';
import type { RaftConfig, Server } from './types.ts';

type G = NodesView<Server>;

const every = (g: G, c: RaftConfig, f: (s: Server) => boolean): boolean => c.servers.every((i) => f(g.nodes[i] as Server));
const some = (g: G, c: RaftConfig, f: (s: Server) => boolean): boolean => c.servers.some((i) => f(g.nodes[i] as Server));

export const witnesses = {
  /** Some server won an election. */
  LeaderElected: (g: G, c: RaftConfig) => some(g, c, (s) => s.state === 'Leader'),
  /** Some leader learned that an entry is committed. */
  EntryCommitted: (g: G, c: RaftConfig) => some(g, c, (s) => s.commitIndex > 0),
  /** A follower learned of a commit from its leader (AppendEntries carries commitIndex). */
  FollowerCommitted: (g: G, c: RaftConfig) => some(g, c, (s) => s.state !== 'Leader' && s.commitIndex > 0),
  /** Every server holds an entry. */
  EntryEverywhere: (g: G, c: RaftConfig) => every(g, c, (s) => lastIndex(s) > 0),
};

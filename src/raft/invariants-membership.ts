// Ours (spec/MCRaftMembership.tla, an action property): a learner never counts, in elections or commitment.
import type { NodeId, NodesView } from '../core/index.ts';
import { configOf, isQuorum } from './membership.ts';
import type { RaftConfig, Server } from './types.ts';

type V = NodesView<Server>;

/** A step that makes i leader has a quorum of voters among its votes; one that raises a leader's commit index has one among the holders. Vacuous without membership change. */
export function LearnerNeverCounts(g: V, h: V, c: RaftConfig): boolean {
  if (c.membership === undefined) return true;
  for (const i of c.servers) {
    const s = g.nodes[i] as Server;
    const t = h.nodes[i] as Server;
    if (s === t) continue;
    const voting = (q: readonly NodeId[]): readonly NodeId[] => {
      const learners = configOf(s, c).learners;
      return learners.length === 0 ? q : q.filter((j) => !learners.includes(j));
    };
    if (s.state === 'Candidate' && t.state === 'Leader' && !isQuorum(s, c, voting(s.votesGranted))) return false;
    if (s.state === 'Leader' && t.state === 'Leader' && t.commitIndex > s.commitIndex) {
      const holders = c.servers.filter((k) => k === i || (s.matchIndex[k] ?? 0) >= t.commitIndex);
      if (!isQuorum(s, c, voting(holders))) return false;
    }
  }
  return true;
}

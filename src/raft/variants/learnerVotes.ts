// Broken RequestVote and BecomeLeader: candidates ask learners too and count their votes towards the voters' majority.
import { produce } from 'immer';
import type { NodeId } from '../../core/index.ts';
import { perServer } from '../init.ts';
import { lastIndex, lastTermOf } from '../log.ts';
import { configOf, isMember } from '../membership.ts';
import type { RaftConfig, RaftStep, RaftVariant, Server } from '../types.ts';

function requestVote(s: Server, i: NodeId, j: NodeId, c: RaftConfig): RaftStep | null {
  if (s.state !== 'Candidate' || s.votesResponded.includes(j) || !isMember(s, c, j)) return null;
  return { state: s, send: [{ type: 'RequestVoteRequest', term: s.currentTerm, lastLogTerm: lastTermOf(s), lastLogIndex: lastIndex(s), source: i, dest: j }] };
}

function becomeLeader(s: Server, _i: NodeId, c: RaftConfig): RaftStep | null {
  if (s.state !== 'Candidate') return null;
  const x = configOf(s, c);
  const members = [...x.voters, ...x.old, ...x.learners];
  const votes = s.votesGranted.filter((j) => members.includes(j)).length;
  // BUG: learners' votes counted against a majority of the voters.
  if (votes * 2 <= x.voters.length || votes * 2 <= x.old.length) return null;
  return { state: produce(s, (d) => { d.state = 'Leader'; d.nextIndex = perServer(c, lastIndex(s) + 1); d.matchIndex = perServer(c, 0); }), send: [] };
}

export const learnerVotes: RaftVariant = {
  name: 'learner-votes',
  bug: "candidates ask learners for votes and count them towards the voters' majority",
  source: 'Raft thesis §4.2.1 (non-voting members); etcd/raft learners',
  replaces: { requestVote, becomeLeader },
};

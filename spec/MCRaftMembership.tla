-------------------------- MODULE MCRaftMembership --------------------------
(***************************************************************************)
(* The bounded models of membership change (spec/RaftMembership.tla) that *)
(* `check raft --membership joint|single` explores: MCRaft's Next, bounds *)
(* and VIEW, with up to five servers.  MCRaftMembership.cfg is 3 voters    *)
(* shrinking to 2 under joint consensus (docs/raft.md gives the counts).  *)
(***************************************************************************)
EXTENDS MCRaft

CONSTANTS s4, s5

\* Ours: a learner never counts.  A step that makes i leader has a quorum of
\* its configuration's voters among the votes, and a step that raises a
\* leader's commit index has one among the servers holding the entry.  Vacuous
\* without membership change (no learners).
LearnerNeverCounts ==
    [][Membership = "off" \/ \A i \in Server :
         /\ (state[i] = "Candidate" /\ state'[i] = "Leader") =>
                Mem!IsQuorum(i, votesGranted[i] \ Mem!ConfigOf(i).learners)
         /\ (state[i] = "Leader" /\ state'[i] = "Leader" /\ commitIndex'[i] > commitIndex[i]) =>
                Mem!IsQuorum(i, ({i} \cup {k \in Server : matchIndex[i][k] >= commitIndex'[i]})
                                \ Mem!ConfigOf(i).learners)]_vars

\* Witnesses (src/raft/witnesses-membership.ts): add one as an INVARIANT to get a trace to it.
NotConfigCommitted == \A i \in Server : Mem!ConfigIndex(i) = 0 \/ commitIndex[i] < Mem!ConfigIndex(i)
=============================================================================

---------------------------- MODULE MCBasicPaxos ----------------------------
(***************************************************************************)
(* The bounded model of src/basicpaxos that `check basicpaxos` explores:   *)
(* proposers p1, p2 (p1 proposes v1, p2 proposes v2), acceptors a1..a3,   *)
(* learner l1, every majority a quorum.  The bounds are one CONSTRAINT     *)
(* (TLC: a successor that violates it is generated and checked, but       *)
(* neither counted nor expanded).  Counts: docs/paxos.md.                  *)
(***************************************************************************)
EXTENDS BasicPaxos, TLC

CONSTANTS p1, p2, a1, a2, a3, l1, v1, v2
CONSTANTS MaxRound, MaxDup, MaxMsgs, DropEnabled, DuplicateEnabled, RestartEnabled

MCProposer == {p1, p2}
MCAcceptor == {a1, a2, a3}
MCLearner == {l1}
MCValue == {v1, v2}
MCValueOf == (p1 :> v1) @@ (p2 :> v2)
MCRank == (p1 :> 1) @@ (p2 :> 2)
MCQuorum == {Q \in SUBSET MCAcceptor : 2 * Cardinality(Q) > Cardinality(MCAcceptor)}

MCNext ==
    \/ RestartEnabled /\ \E i \in Node : Restart(i)
    \/ NodeNext
    \/ DuplicateEnabled /\ \E m \in DOMAIN msgs : DuplicateMessage(m)
    \/ DropEnabled /\ \E m \in DOMAIN msgs : DropMessage(m)

MCSpec == Init /\ [][MCNext]_vars

RECURSIVE SumOver(_, _)
SumOver(f, S) == IF S = {} THEN 0
                 ELSE LET x == CHOOSE y \in S : TRUE IN f[x] + SumOver(f, S \ {x})

StateConstraint ==
    /\ \A p \in Proposer : ballot[p] = Nil \/ ballot[p].round <= MaxRound
    /\ \A m \in DOMAIN msgs : msgs[m] <= MaxDup
    /\ SumOver(msgs, DOMAIN msgs) <= MaxMsgs

\* Witnesses: add one as an INVARIANT to get a trace to it.
NotValueLearned == ~ ValueLearned
NotNackSent == ~ NackSent
NotRetried == ~ Retried
NotAdoptedVote == ~ AdoptedVote
=============================================================================

---------------------------- MODULE MCMultiPaxos ----------------------------
(***************************************************************************)
(* The model of `check multipaxos --max-round 0 --max-msgs 3 --candidates  *)
(* r1`: three replicas, a stable leader r1, one command, MaxSlot 1, no     *)
(* drops, duplicates or restarts.                                          *)
(***************************************************************************)
EXTENDS MultiPaxos

CONSTANTS r1, r2, r3, Commands, MaxRound, MaxSlot, MaxDup, MaxMsgs, DropEnabled, DuplicateEnabled, RestartEnabled

MCReplica == {r1, r2, r3}
MCRank == (r1 :> 1) @@ (r2 :> 2) @@ (r3 :> 3)
\* Commands c1..cN, each with sequence number 1 (src/multipaxos/config.ts).
MCCommand == {[client |-> "c" \o ToString(k), seq |-> 1] : k \in 1..Commands}
\* Majorities of Replica (not MCReplica), so that a setting may name fewer replicas.
MCQuorum == {Q \in SUBSET Replica : 2 * Cardinality(Q) > Cardinality(Replica)}

MCNext ==
    \/ RestartEnabled /\ \E i \in Replica : Restart(i)
    \/ NodeNext
    \/ DuplicateEnabled /\ \E m \in DOMAIN msgs : DuplicateMessage(m)
    \/ DropEnabled /\ \E m \in DOMAIN msgs : DropMessage(m)

MCSpec == Init /\ [][MCNext]_vars

RECURSIVE SumOver(_, _)
SumOver(f, S) == IF S = {} THEN 0
                 ELSE LET x == CHOOSE y \in S : TRUE IN f[x] + SumOver(f, S \ {x})

StateConstraint ==
    /\ \A i \in Replica : ballot[i] = Nil \/ ballot[i].round <= MaxRound
    /\ \A i \in Replica : \A x \in proposals[i] : x.slot <= MaxSlot
    /\ \A m \in DOMAIN msgs : msgs[m] <= MaxDup
    /\ SumOver(msgs, DOMAIN msgs) <= MaxMsgs

NotCommandExecuted == ~ CommandExecuted
\* A catch-up reply in flight tells its destination a decision it lacks (test/model-check/multipaxos-catchup.test.ts).
CatchUpFillsGap == \E m \in DOMAIN msgs : m.type = "CatchUpReply" /\ \E x \in m.decided : ~ \E y \in decided[m.dest] : y.slot = x.slot
NotCatchUpFillsGap == ~ CatchUpFillsGap
=============================================================================

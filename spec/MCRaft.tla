------------------------------- MODULE MCRaft -------------------------------
(***************************************************************************)
(* The bounded model of src/raft that `check raft` explores.  The default  *)
(* constants in MCRaft.cfg are reference setting A (two servers, one      *)
(* value, MaxTerm 3, MaxLogLen 2, MaxDup 1, MaxMsgs 1, unbounded Restart   *)
(* and DropMessage): TLC and our explorer both give 46,741 distinct        *)
(* states, 371,911 generated, depth 46.                                    *)
(*                                                                         *)
(* The bounds are one CONSTRAINT (TLC: a successor that violates it is     *)
(* generated and checked, but neither counted nor expanded).  MaxRestarts  *)
(* needs a counter per server; with MaxRestarts = Unbounded (a model      *)
(* value) the counter stays 0 and the VIEW leaves it out, so the state     *)
(* space is raft.tla's.  MaxRestarts = 0 leaves Restart out of Next.       *)
(* MaxDrops and MaxDuplicates likewise count DropMessage and               *)
(* DuplicateMessage steps only when one of them is a number.               *)
(***************************************************************************)
EXTENDS Raft

CONSTANTS s1, s2, s3, v1, v2, c1, c2  \* Unbounded is Raft's (SessionTimeout may be it)

CONSTANTS MaxTerm, MaxDup, MaxMsgs,  \* MaxLogLen is Raft's (ReadIndexStart ranges over it)
          MaxReads,         \* reads each server starts (ReadIndex)
          MaxClock,         \* clock[i] <= MaxClock (session expiry)
          MaxRestarts,      \* a number, or Unbounded
          MaxDrops,         \* a number, or Unbounded
          MaxDuplicates,    \* a number, or Unbounded
          Passive,          \* servers that are never candidates
          DropEnabled, DuplicateEnabled

\* Restarts of each server so far (a bound counter, not a Raft variable).
VARIABLE restarts

\* DropMessage and DuplicateMessage steps so far (bound counters, not Raft variables).
VARIABLES drops, duplicates

\* Whether restarts are counted and bounded.
RestartsBounded == MaxRestarts /= Unbounded /\ MaxRestarts > 0

\* Whether the VIEW includes the drop and duplication counters (an unbounded one stays 0).
FaultsBounded == MaxDrops /= Unbounded \/ MaxDuplicates /= Unbounded

RECURSIVE SumOver(_, _)
SumOver(f, S) == IF S = {} THEN 0
                 ELSE LET x == CHOOSE y \in S : TRUE IN f[x] + SumOver(f, S \ {x})

MCInit == Init /\ restarts = [i \in Server |-> 0] /\ drops = 0 /\ duplicates = 0

MCNext ==
    \/ /\ MaxRestarts /= 0
       /\ \E i \in Server :
            /\ Restart(i)
            /\ restarts' = (IF RestartsBounded THEN [restarts EXCEPT ![i] = @ + 1]
                            ELSE restarts)
       /\ UNCHANGED <<drops, duplicates>>
    \/ /\ ServerNext
       /\ UNCHANGED <<restarts, drops, duplicates>>
    \/ /\ DuplicateEnabled
       /\ \E m \in DOMAIN messages : DuplicateMessage(m)
       /\ duplicates' = (IF MaxDuplicates /= Unbounded THEN duplicates + 1 ELSE duplicates)
       /\ UNCHANGED <<restarts, drops>>
    \/ /\ DropEnabled
       /\ \E m \in DOMAIN messages : DropMessage(m)
       /\ drops' = (IF MaxDrops /= Unbounded THEN drops + 1 ELSE drops)
       /\ UNCHANGED <<restarts, duplicates>>

MCSpec == MCInit /\ [][MCNext]_<<vars, restarts, drops, duplicates>>

StateConstraint ==
    /\ \A i \in Server : currentTerm[i] <= MaxTerm
    /\ \A i \in Server : LastIndex(i) <= MaxLogLen
    /\ \A m \in DOMAIN messages : messages[m] <= MaxDup
    /\ SumOver(messages, DOMAIN messages) <= MaxMsgs
    /\ RestartsBounded => SumOver(restarts, Server) <= MaxRestarts
    /\ MaxDrops /= Unbounded => drops <= MaxDrops
    /\ MaxDuplicates /= Unbounded => duplicates <= MaxDuplicates
    /\ \A i \in Passive : state[i] /= "Candidate"
    \* ReadIndex: MaxReads per server; a read's history field acked at most what was acknowledged
    /\ \A i \in Server : clock[i] <= MaxClock
    /\ \A i \in Server : read[i].id <= MaxReads
    /\ \A i \in Server : read[i].acked <= Max({acknowledged[j] : j \in Server})

\* The state as src/raft stores it (each bound counter only when its bound is set).
MCView == <<messages, serverVars, logVars, candidateVars, leaderVars,
            IF RestartsBounded THEN restarts ELSE 0,
            IF FaultsBounded THEN <<drops, duplicates>> ELSE 0>>

\* Optional: SYMMETRY MCSymmetry in the .cfg, like `check raft --symmetry`: active servers renamed
\* among themselves, passive ones likewise, and the values (src/raft/symmetry.ts).
MCSymmetry == {p @@ q @@ r : p \in Permutations(Server \ Passive),
                             q \in Permutations(Passive),
                             r \in Permutations(Value)}

\* Witnesses (src/raft/witnesses.ts): add one as an INVARIANT to get a trace to it.
NotLeaderElected == \A i \in Server : state[i] /= "Leader"
NotEntryCommitted == \A i \in Server : commitIndex[i] = 0
NotFollowerCommitted == \A i \in Server : state[i] = "Leader" \/ commitIndex[i] = 0
NotEntryEverywhere == \E i \in Server : LastIndex(i) = 0
=============================================================================
\* java -XX:+UseParallelGC -cp tla2tools.jar tlc2.TLC -workers 1 -config MCRaft.cfg MCRaft.tla

--------------------------- MODULE RaftMembership ---------------------------
(***************************************************************************)
(* Membership change for spec/Raft.tla, which instantiates this module as *)
(* Mem (Raft paper section 6, Raft thesis chapter 4).  A configuration is  *)
(* a log value [voters, old, learners]: the voters of C_new, those of      *)
(* C_old (equal to voters unless the joint configuration C_old,new is in   *)
(* force) and the learners, which are replicated to but never counted and *)
(* never candidates.  A server uses the latest configuration in its log,   *)
(* committed or not (section 6); before any, InitConfig.                   *)
(*                                                                         *)
(* Membership = "joint": a client asks for new voters (ProposeConfig), the *)
(* leader appends C_old,new, and once that is committed C_new              *)
(* (LeaveJoint).  Membership = "single": one server added or removed per  *)
(* entry (thesis 4.1), and only once the leader has committed an entry of *)
(* its own term (the fix of Ongaro's raft-dev post of 2015).  In both, a   *)
(* learner is added (AddLearner) or removed (RemoveLearner) by one entry   *)
(* that keeps the voters.  "off": the configuration is Server, fixed, and *)
(* every action below is disabled.                                         *)
(* The mapping to src/raft is in docs/raft.md, "Membership change".       *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets, Sequences

CONSTANTS Server, Value
\* "joint", "single" or "off".
CONSTANT Membership
\* The configuration before any configuration entry.
CONSTANTS InitVoters, InitLearners
\* A leader appends a configuration entry a client asked for only while its log
\* holds fewer configuration entries than this (C_new of LeaveJoint is exempt).
CONSTANT MaxConfigChanges
\* The sets of voters clients may ask for.
CONSTANT Targets
\* The learners clients may ask to remove (RemoveLearner).
CONSTANT LearnerRemovals

ASSUME Membership \in {"joint", "single", "off"}
ASSUME Membership /= "off" =>
         /\ InitVoters \subseteq Server /\ InitVoters /= {}
         /\ InitLearners \subseteq Server \ InitVoters
         /\ MaxConfigChanges \in Nat
         /\ Targets \subseteq (SUBSET Server) \ {{}}
         /\ LearnerRemovals \subseteq Server

\* Raft.tla's variables that membership change reads or writes.
VARIABLES currentTerm, state, log, commitIndex, matchIndex

Config(v, o, l) == [voters |-> v, old |-> o, learners |-> l]
InitConfig == Config(InitVoters, InitVoters, InitLearners)

\* A log value that is a configuration (clients' values are model values).
IsConfigValue(x) == x \notin Value
TypeOKConfig(x) == x \in [voters : SUBSET Server, old : SUBSET Server, learners : SUBSET Server]

\* The index of the last configuration entry in xlog[1..k], 0 if none.
RECURSIVE LastConfig(_, _)
LastConfig(xlog, k) ==
    IF k = 0 THEN 0 ELSE IF IsConfigValue(xlog[k].value) THEN k ELSE LastConfig(xlog, k - 1)

\* The index of the last configuration entry in i's log, 0 if none.
ConfigIndex(i) == LastConfig(log[i], Len(log[i]))

\* The configuration i uses: its log's latest, committed or not (section 6).
ConfigOf(i) == IF ConfigIndex(i) = 0 THEN InitConfig ELSE log[i][ConfigIndex(i)].value

IsJoint(c) == c.voters /= c.old

Majority(S, Q) == Cardinality(Q \cap S) * 2 > Cardinality(S)

\* Q is a quorum for i: a majority of C_new and of C_old; learners never count.
IsQuorum(i, Q) ==
    IF Membership = "off" THEN Majority(Server, Q)
    ELSE Majority(ConfigOf(i).voters, Q) /\ Majority(ConfigOf(i).old, Q)

\* j votes in i's configuration (everyone without membership change).  IF, not \/:
\* TLC counts one successor per true disjunct of an action's conjunct.
IsVoter(i, j) == IF Membership = "off" THEN TRUE ELSE j \in ConfigOf(i).voters \cup ConfigOf(i).old

\* j is a voter or a learner of i's configuration: i, leading, replicates to j.
IsMember(i, j) == IF Membership = "off" THEN TRUE
                  ELSE j \in ConfigOf(i).voters \cup ConfigOf(i).old \cup ConfigOf(i).learners

NumConfigs(i) == Cardinality({k \in 1..Len(log[i]) : IsConfigValue(log[i][k].value)})

\* i knows its latest configuration entry to be committed: one change at a time.
ConfigCommitted(i) == ConfigIndex(i) <= commitIndex[i]

\* i has committed an entry of its current term (thesis 4.1's fix).
CommittedInTerm(i) ==
    /\ commitIndex[i] \in 1..Len(log[i])
    /\ log[i][commitIndex[i]].term = currentTerm[i]

\* Servers added to or removed from the voters.
Changed(c, v) == (v \ c.voters) \cup (c.voters \ v)

AppendConfig(i, c) ==
    log' = [log EXCEPT ![i] = Append(@, [term |-> currentTerm[i], value |-> c])]

\* Leader i, its last change committed, may append a configuration a client asked for.
Requestable(i) ==
    /\ Membership /= "off"
    /\ state[i] = "Leader"
    /\ ConfigCommitted(i)
    /\ NumConfigs(i) < MaxConfigChanges
    /\ ~IsJoint(ConfigOf(i))

----
\* Actions (src/raft/actions): Raft.tla's Next takes them with the other variables unchanged.

\* Leader i adds j as a learner (thesis 4.2.1).
AddLearner(i, j) ==
    /\ Requestable(i)
    /\ j \notin ConfigOf(i).voters \cup ConfigOf(i).learners
    /\ AppendConfig(i, Config(ConfigOf(i).voters, ConfigOf(i).voters, ConfigOf(i).learners \cup {j}))
    /\ UNCHANGED <<currentTerm, state, commitIndex, matchIndex>>

\* Leader i removes the learner j: the voters are unchanged, so no quorum
\* changes and no joint phase is needed (a learner never counts).
RemoveLearner(i, j) ==
    /\ Requestable(i)
    /\ j \in ConfigOf(i).learners
    /\ AppendConfig(i, Config(ConfigOf(i).voters, ConfigOf(i).voters, ConfigOf(i).learners \ {j}))
    /\ UNCHANGED <<currentTerm, state, commitIndex, matchIndex>>

\* A client asks leader i for the voters v.  New voters are learners that hold
\* every entry i knows committed (the catch-up bound); removed voters leave.
\* Joint: i appends C_old,new.  Single: v differs by one server, and i has
\* committed an entry of its term.
ProposeConfig(i, v) ==
    LET c == ConfigOf(i)
    IN  /\ Requestable(i)
        /\ Changed(c, v) /= {}
        /\ \A j \in v \ c.voters : j \in c.learners /\ matchIndex[i][j] >= commitIndex[i]
        /\ \/ /\ Membership = "joint"
              /\ AppendConfig(i, Config(v, c.voters, c.learners \ v))
           \/ /\ Membership = "single"
              /\ Cardinality(Changed(c, v)) = 1
              /\ CommittedInTerm(i)
              /\ AppendConfig(i, Config(v, v, c.learners \ v))
        /\ UNCHANGED <<currentTerm, state, commitIndex, matchIndex>>

\* Once C_old,new is committed, leader i appends C_new (section 6).
LeaveJoint(i) ==
    /\ Membership /= "off"
    /\ state[i] = "Leader"
    /\ IsJoint(ConfigOf(i))
    /\ ConfigCommitted(i)
    /\ AppendConfig(i, Config(ConfigOf(i).voters, ConfigOf(i).voters, ConfigOf(i).learners))
    /\ UNCHANGED <<currentTerm, state, commitIndex, matchIndex>>

\* A leader that is no voter of its configuration steps down once it is
\* committed (section 6; until then it leads without counting itself).
StepDownRemoved(i) ==
    /\ Membership /= "off"
    /\ state[i] = "Leader"
    /\ ~IsVoter(i, i)
    /\ ConfigCommitted(i)
    /\ state' = [state EXCEPT ![i] = "Follower"]
    /\ UNCHANGED <<currentTerm, log, commitIndex, matchIndex>>

Next ==
    \/ \E i, j \in Server : AddLearner(i, j)
    \/ \E i \in Server, j \in LearnerRemovals : RemoveLearner(i, j)
    \/ \E i \in Server, v \in Targets : ProposeConfig(i, v)
    \/ \E i \in Server : LeaveJoint(i)
    \/ \E i \in Server : StepDownRemoved(i)

=============================================================================

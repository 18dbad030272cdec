----------------------------- MODULE MultiPaxos -----------------------------
(***************************************************************************)
(* Multi-Paxos as replicas that are proposer, acceptor, learner and state  *)
(* machine each (Paxos Made Simple §3), over a bag of messages.  Each      *)
(* action is one function of src/multipaxos with the same name, and every  *)
(* variable is the field of the same name of a replica's TypeScript state; *)
(* lists sorted by slot in TypeScript are sets here.                       *)
(***************************************************************************)
EXTENDS Integers, FiniteSets, Sequences, TLC

CONSTANTS Replica, Candidates, Command, Rank, Quorum, Nil, Noop,
          HandOffEnabled   \* whether a leader may ask a candidate to take over (SendHandOff)

VARIABLES
    ballot,     \* the replica's latest ballot [round, leader], or Nil (durable)
    role,       \* "Follower", "Candidate" or "Leader"
    base,       \* the first slot its Phase 1 covers
    promises,   \* replicas that promised its ballot
    reported,   \* per slot, the highest vote [slot, bal, val] reported by promises
    proposals,  \* the leader's [slot, val] proposals
    promised,   \* acceptor: the highest ballot promised or accepted in (durable)
    accepted,   \* acceptor: its latest vote [slot, bal, val] per slot (durable)
    acks,       \* learner: the Accepted messages counted, [slot, bal, val, acc]
    decided,    \* learner: [slot, val] decided
    executed,   \* state machine: slots applied so far (durable)
    applied,    \* state machine: the commands executed, in order (durable)
    msgs        \* the bag of messages in flight

leaderVars == <<ballot, role, base, promises, reported, proposals>>
acceptorVars == <<promised, accepted>>
learnerVars == <<acks, decided>>
smVars == <<executed, applied>>
vars == <<leaderVars, acceptorVars, learnerVars, smVars, msgs>>

Above(b, c) == IF c = Nil THEN TRUE
               ELSE IF b.round # c.round THEN b.round > c.round
               ELSE Rank[b.leader] > Rank[c.leader]
AtLeast(b, c) == IF b = c THEN TRUE ELSE Above(b, c)
HasQuorum(S) == {Q \in Quorum : Q \subseteq S} # {}
Max(S) == CHOOSE x \in S : \A y \in S : x >= y
FirstOpen(D) == LET slots == {x.slot : x \in D}
                IN CHOOSE k \in 1..(Cardinality(D) + 1) : k \notin slots /\ \A j \in 1..(k - 1) : j \in slots
\* Per slot, the vote with the highest ballot (a new vote wins only if strictly higher).
MergeHighest(X, Y) ==
       {x \in X : ~ \E y \in Y : y.slot = x.slot /\ Above(y.bal, x.bal)}
  \cup {y \in Y : ~ \E x \in X : x.slot = y.slot /\ ~ Above(y.bal, x.bal)}
\* Slots base..last reported: the reported value, or a no-op for a gap.
Reproposals(b, R) ==
    LET last == Max({b - 1} \cup {x.slot : x \in R})
    IN {[slot |-> k, val |-> IF \E x \in R : x.slot = k THEN (CHOOSE x \in R : x.slot = k).val ELSE Noop] : k \in b..last}

WithMessage(m, b) == IF m \in DOMAIN b THEN [b EXCEPT ![m] = @ + 1] ELSE b @@ (m :> 1)
WithoutMessage(m, b) ==
    IF m \in DOMAIN b
    THEN IF b[m] <= 1 THEN [x \in DOMAIN b \ {m} |-> b[x]] ELSE [b EXCEPT ![m] = @ - 1]
    ELSE b
WithMessages(S, b) ==
    [x \in DOMAIN b \cup S |-> (IF x \in DOMAIN b THEN b[x] ELSE 0) + (IF x \in S THEN 1 ELSE 0)]
Send(m) == msgs' = WithMessage(m, msgs)
Discard(m) == msgs' = WithoutMessage(m, msgs)
Reply(r, m) == msgs' = WithMessage(r, WithoutMessage(m, msgs))

Init ==
    /\ ballot = [i \in Replica |-> Nil]
    /\ role = [i \in Replica |-> "Follower"]
    /\ base = [i \in Replica |-> 1]
    /\ promises = [i \in Replica |-> {}]
    /\ reported = [i \in Replica |-> {}]
    /\ proposals = [i \in Replica |-> {}]
    /\ promised = [i \in Replica |-> Nil]
    /\ accepted = [i \in Replica |-> {}]
    /\ acks = [i \in Replica |-> {}]
    /\ decided = [i \in Replica |-> {}]
    /\ executed = [i \in Replica |-> 0]
    /\ applied = [i \in Replica |-> << >>]
    /\ msgs = [m \in {} |-> 0]

-----------------------------------------------------------------------------
\* Shared by StartElection and HandleHandOff: i opens ballot (r, i) and Phase 1 from its first open slot.
BecomeCandidate(i, r) ==
    /\ ballot' = [ballot EXCEPT ![i] = [round |-> r, leader |-> i]]
    /\ role' = [role EXCEPT ![i] = "Candidate"]
    /\ base' = [base EXCEPT ![i] = FirstOpen(decided[i])]
    /\ promises' = [promises EXCEPT ![i] = {}]
    /\ reported' = [reported EXCEPT ![i] = {}]
    /\ proposals' = [proposals EXCEPT ![i] = {}]

\* Replica i opens a ballot and Phase 1 for every slot from its first open one.
StartElection(i) ==
    /\ i \in Candidates
    /\ role[i] # "Leader"
    /\ BecomeCandidate(i, IF ballot[i] = Nil THEN 0 ELSE ballot[i].round + 1)
    /\ UNCHANGED <<acceptorVars, learnerVars, smVars, msgs>>

\* Candidate i asks j to promise, for all slots from base[i] on.
SendPrepare(i, j) ==
    /\ role[i] = "Candidate"
    /\ j \notin promises[i]
    /\ Send([type |-> "Prepare", source |-> i, dest |-> j, bal |-> ballot[i], from |-> base[i]])
    /\ UNCHANGED <<leaderVars, acceptorVars, learnerVars, smVars>>

\* Leader i puts command cmd in its next free slot (Phase 2 only).
ClientRequest(i, cmd) ==
    /\ role[i] = "Leader"
    /\ ~ \E x \in proposals[i] : x.val = cmd
    /\ \A k \in 1..Len(applied[i]) : applied[i][k] # cmd
    /\ proposals' = [proposals EXCEPT ![i] =
          @ \cup {[slot |-> Max({base[i] - 1} \cup {x.slot : x \in @}) + 1, val |-> cmd]}]
    /\ UNCHANGED <<ballot, role, base, promises, reported, acceptorVars, learnerVars, smVars, msgs>>

\* Leader i asks j to accept its proposal x.
SendAccept(i, j, x) ==
    /\ role[i] = "Leader"
    /\ Send([type |-> "Accept", source |-> i, dest |-> j, bal |-> ballot[i], slot |-> x.slot, val |-> x.val])
    /\ UNCHANGED <<leaderVars, acceptorVars, learnerVars, smVars>>

\* Replica i applies its next decided slot; a no-op or a repeated command changes nothing.
Execute(i) ==
    /\ \E x \in decided[i] : x.slot = executed[i] + 1
    /\ LET v == (CHOOSE x \in decided[i] : x.slot = executed[i] + 1).val
       IN applied' = [applied EXCEPT ![i] =
             IF v # Noop /\ \A k \in 1..Len(@) : @[k] # v THEN Append(@, v) ELSE @]
    /\ executed' = [executed EXCEPT ![i] = @ + 1]
    /\ UNCHANGED <<leaderVars, acceptorVars, learnerVars, msgs>>

\* Replica i recovers its durable part.
Restart(i) ==
    /\ role' = [role EXCEPT ![i] = "Follower"]
    /\ base' = [base EXCEPT ![i] = 1]
    /\ promises' = [promises EXCEPT ![i] = {}]
    /\ reported' = [reported EXCEPT ![i] = {}]
    /\ proposals' = [proposals EXCEPT ![i] = {}]
    /\ acks' = [acks EXCEPT ![i] = {}]
    /\ decided' = [decided EXCEPT ![i] = {x \in @ : x.slot <= executed[i]}]
    /\ UNCHANGED <<ballot, acceptorVars, smVars, msgs>>

\* Replica i, which decided a slot after one it missed (a gap), asks j for the values decided from
\* its first open slot on (a learner catching up).
RequestCatchUp(i, j) ==
    /\ j # i
    /\ \E x \in decided[i] : x.slot > FirstOpen(decided[i])
    /\ Send([type |-> "CatchUpRequest", source |-> i, dest |-> j, from |-> FirstOpen(decided[i])])
    /\ UNCHANGED <<leaderVars, acceptorVars, learnerVars, smVars>>

\* Before a planned stop, leader i asks candidate j to run Phase 1 at once.
SendHandOff(i, j) ==
    /\ HandOffEnabled
    /\ role[i] = "Leader"
    /\ j # i /\ j \in Candidates
    /\ Send([type |-> "HandOff", source |-> i, dest |-> j, bal |-> ballot[i]])
    /\ UNCHANGED <<leaderVars, acceptorVars, learnerVars, smVars>>

-----------------------------------------------------------------------------
HandlePrepare(i, m) ==
    \/ /\ ~ AtLeast(m.bal, promised[i])    \* reject
       /\ Reply([type |-> "Nack", source |-> i, dest |-> m.source, bal |-> m.bal, higher |-> promised[i]], m)
       /\ UNCHANGED <<leaderVars, acceptorVars, learnerVars, smVars>>
    \/ /\ AtLeast(m.bal, promised[i])      \* promise, reporting the votes from m.from on
       /\ promised' = [promised EXCEPT ![i] = m.bal]
       /\ Reply([type |-> "Promise", source |-> i, dest |-> m.source, bal |-> m.bal,
                 accepted |-> {x \in accepted[i] : x.slot >= m.from}], m)
       /\ UNCHANGED <<leaderVars, accepted, learnerVars, smVars>>

HandlePromise(i, m) ==
    LET ps == promises[i] \cup {m.source}
        rep == MergeHighest(reported[i], m.accepted)
    IN \/ /\ ~ (role[i] = "Candidate" /\ ballot[i] = m.bal)   \* stale
          /\ Discard(m)
          /\ UNCHANGED <<leaderVars, acceptorVars, learnerVars, smVars>>
       \/ /\ role[i] = "Candidate" /\ ballot[i] = m.bal      \* count
          /\ ~ HasQuorum(ps)
          /\ promises' = [promises EXCEPT ![i] = ps]
          /\ reported' = [reported EXCEPT ![i] = rep]
          /\ Discard(m)
          /\ UNCHANGED <<ballot, role, base, proposals, acceptorVars, learnerVars, smVars>>
       \/ /\ role[i] = "Candidate" /\ ballot[i] = m.bal      \* quorum: lead, re-proposing
          /\ HasQuorum(ps)
          /\ role' = [role EXCEPT ![i] = "Leader"]
          /\ promises' = [promises EXCEPT ![i] = {}]
          /\ reported' = [reported EXCEPT ![i] = {}]
          /\ proposals' = [proposals EXCEPT ![i] = Reproposals(base[i], rep)]
          /\ Discard(m)
          /\ UNCHANGED <<ballot, base, acceptorVars, learnerVars, smVars>>

HandleNack(i, m) ==
    \/ /\ ~ (role[i] # "Follower" /\ ballot[i] = m.bal)    \* stale
       /\ Discard(m)
       /\ UNCHANGED <<leaderVars, acceptorVars, learnerVars, smVars>>
    \/ /\ role[i] # "Follower" /\ ballot[i] = m.bal        \* step down
       /\ role' = [role EXCEPT ![i] = "Follower"]
       /\ promises' = [promises EXCEPT ![i] = {}]
       /\ reported' = [reported EXCEPT ![i] = {}]
       /\ proposals' = [proposals EXCEPT ![i] = {}]
       /\ Discard(m)
       /\ UNCHANGED <<ballot, base, acceptorVars, learnerVars, smVars>>

HandleAccept(i, m) ==
    \/ /\ ~ AtLeast(m.bal, promised[i])    \* reject
       /\ Reply([type |-> "Nack", source |-> i, dest |-> m.source, bal |-> m.bal, higher |-> promised[i]], m)
       /\ UNCHANGED <<leaderVars, acceptorVars, learnerVars, smVars>>
    \/ /\ AtLeast(m.bal, promised[i])      \* accept, and tell every replica
       /\ promised' = [promised EXCEPT ![i] = m.bal]
       /\ accepted' = [accepted EXCEPT ![i] = {x \in @ : x.slot # m.slot} \cup {[slot |-> m.slot, bal |-> m.bal, val |-> m.val]}]
       /\ msgs' = WithMessages({[type |-> "Accepted", source |-> i, dest |-> l, bal |-> m.bal,
                                 slot |-> m.slot, val |-> m.val] : l \in Replica},
                               WithoutMessage(m, msgs))
       /\ UNCHANGED <<leaderVars, learnerVars, smVars>>

HandleAccepted(i, m) ==
    LET as == acks[i] \cup {[slot |-> m.slot, bal |-> m.bal, val |-> m.val, acc |-> m.source]}
        from == {x.acc : x \in {y \in as : y.slot = m.slot /\ y.bal = m.bal /\ y.val = m.val}}
    IN /\ acks' = [acks EXCEPT ![i] = as]
       /\ decided' = [decided EXCEPT ![i] =
             IF HasQuorum(from) THEN {x \in @ : x.slot # m.slot} \cup {[slot |-> m.slot, val |-> m.val]} ELSE @]
       /\ Discard(m)
       /\ UNCHANGED <<leaderVars, acceptorVars, smVars>>

HandleCatchUpRequest(i, m) ==
    LET D == {x \in decided[i] : x.slot >= m.from}
    IN /\ \/ /\ D = {}    \* nothing to tell
             /\ Discard(m)
          \/ /\ D # {}    \* tell the values decided from m.from on
             /\ Reply([type |-> "CatchUpReply", source |-> i, dest |-> m.source, decided |-> D], m)
       /\ UNCHANGED <<leaderVars, acceptorVars, learnerVars, smVars>>

HandleCatchUpReply(i, m) ==
    /\ decided' = [decided EXCEPT ![i] = @ \cup {x \in m.decided : ~ \E y \in @ : y.slot = x.slot}]
    /\ Discard(m)
    /\ UNCHANGED <<leaderVars, acceptorVars, acks, smVars>>

HandleHandOff(i, m) ==
    \/ /\ ~ (i \in Candidates /\ role[i] # "Leader")    \* cannot take over
       /\ Discard(m)
       /\ UNCHANGED <<leaderVars, acceptorVars, learnerVars, smVars>>
    \/ /\ i \in Candidates /\ role[i] # "Leader"        \* Phase 1 in a ballot above the leader's
       /\ LET above == IF Rank[i] > Rank[m.bal.leader] THEN m.bal.round ELSE m.bal.round + 1  \* i's smallest ballot above both
          IN BecomeCandidate(i, IF ballot[i] = Nil THEN above ELSE Max({above, ballot[i].round + 1}))
       /\ Discard(m)
       /\ UNCHANGED <<acceptorVars, learnerVars, smVars>>

Receive(m) ==
    \/ m.type = "Prepare" /\ HandlePrepare(m.dest, m)
    \/ m.type = "Promise" /\ HandlePromise(m.dest, m)
    \/ m.type = "Nack" /\ HandleNack(m.dest, m)
    \/ m.type = "Accept" /\ HandleAccept(m.dest, m)
    \/ m.type = "Accepted" /\ HandleAccepted(m.dest, m)
    \/ m.type = "CatchUpRequest" /\ HandleCatchUpRequest(m.dest, m)
    \/ m.type = "CatchUpReply" /\ HandleCatchUpReply(m.dest, m)
    \/ m.type = "HandOff" /\ HandleHandOff(m.dest, m)

DuplicateMessage(m) == Send(m) /\ UNCHANGED <<leaderVars, acceptorVars, learnerVars, smVars>>
DropMessage(m) == Discard(m) /\ UNCHANGED <<leaderVars, acceptorVars, learnerVars, smVars>>

NodeNext ==
    \/ \E i \in Replica : \/ StartElection(i)
                          \/ \E j \in Replica : SendPrepare(i, j)
                          \/ \E cmd \in Command : ClientRequest(i, cmd)
                          \/ \E j \in Replica, x \in proposals[i] : SendAccept(i, j, x)
                          \/ Execute(i)
                          \/ \E j \in Replica : RequestCatchUp(i, j)
                          \/ \E j \in Replica : SendHandOff(i, j)
    \/ \E m \in DOMAIN msgs : Receive(m)

Next ==
    \/ \E i \in Replica : Restart(i)
    \/ NodeNext
    \/ \E m \in DOMAIN msgs : DuplicateMessage(m)
    \/ \E m \in DOMAIN msgs : DropMessage(m)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
ValueAt(D, k) == (CHOOSE x \in D : x.slot = k).val
OneValuePerSlot ==
    \A i, j \in Replica : \A x \in decided[i], y \in decided[j] : x.slot = y.slot => x.val = y.val
DecidedPrefixesAgree ==
    \A i, j \in Replica : \A x \in decided[i], y \in decided[j] :
        (x.slot = y.slot /\ x.slot <= executed[i] /\ x.slot <= executed[j]) => x.val = y.val
ExecutedSequencesAgree ==
    \A i, j \in Replica : \A k \in 1..Len(applied[i]) : k <= Len(applied[j]) => applied[i][k] = applied[j][k]
NoDuplicateExecution ==
    \A i \in Replica : \A k, l \in 1..Len(applied[i]) : k # l => applied[i][k] # applied[i][l]
DecisionStable ==
    [][\A i \in Replica : \A x \in decided[i] : \A y \in decided'[i] : x.slot = y.slot => x.val = y.val]_vars
LeaderElected == \E i \in Replica : role[i] = "Leader"
CommandExecuted == \E i \in Replica : Len(applied[i]) > 0
=============================================================================

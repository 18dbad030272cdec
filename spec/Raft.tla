-------------------------------- MODULE Raft --------------------------------
(***************************************************************************)
(* Raft after Diego Ongaro's raft.tla (github.com/ongardie/raft.tla, at    *)
(* 6ecbdbc), rewritten so that every operator is one TypeScript function   *)
(* of src/raft and every variable and message field has the name the       *)
(* TypeScript uses.  The actions, their guards and their atomicity are     *)
(* raft.tla's.  What differs:                                              *)
(*   - server states and message types are strings, not model values;     *)
(*   - message fields drop the "m" prefix (mterm -> term, ...);            *)
(*   - the proof-only history variables elections, allLogs and voterLog    *)
(*     are left out (no guard reads them); the history field log (raft.tla *)
(*     mlog) stays in messages when HistoryFields is TRUE, because it      *)
(*     changes which states are distinct;                                  *)
(*   - Next is split into ServerNext and the network's actions, so that    *)
(*     MCRaft can leave out Restart, DropMessage or DuplicateMessage.      *)
(* The mapping to raft.tla and to Figure 2 of the Raft paper is in         *)
(* docs/raft.md.                                                           *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets, Sequences, TLC

\* The servers.
CONSTANT Server
\* What clients may ask to append to the log.
CONSTANT Value
\* "Voted for nobody" (src/raft: null).
CONSTANT Nil
\* Whether messages carry raft.tla's history field mlog (here: log).
CONSTANT HistoryFields
\* Entries one AppendEntriesRequest may carry (raft.tla: 1).
CONSTANT MaxAppendEntries
\* Whether a rejection carries the follower's log length as a hint (raft.tla: FALSE).
CONSTANT RejectHint
\* Whether TransferLeadership and TimeoutNowRequest are in Next (raft.tla: FALSE).
CONSTANT LeadershipTransfer

ASSUME HistoryFields \in BOOLEAN
ASSUME MaxAppendEntries \in Nat \ {0}
ASSUME RejectHint \in BOOLEAN
ASSUME LeadershipTransfer \in BOOLEAN

----
\* A bag of messages in flight: a function from message to its number of copies
\* (no entry for zero copies).
VARIABLE messages

\* Per server (functions with domain Server):
\* The latest term the server has seen.
VARIABLE currentTerm
\* "Follower", "Candidate" or "Leader".
VARIABLE state
\* The server it voted for in currentTerm, or Nil.
VARIABLE votedFor
serverVars == <<currentTerm, state, votedFor>>

\* The log: a sequence of [term, value] records.
VARIABLE log
\* The highest index the server knows to be committed.
VARIABLE commitIndex
logVars == <<log, commitIndex>>

\* Servers that answered its RequestVote requests in currentTerm.
VARIABLE votesResponded
\* Servers that granted it their vote in currentTerm.
VARIABLE votesGranted
candidateVars == <<votesResponded, votesGranted>>

\* For each server, the index of the next entry to send it.
VARIABLE nextIndex
\* For each server, the highest index known to match the server's log.
VARIABLE matchIndex
leaderVars == <<nextIndex, matchIndex>>

vars == <<messages, serverVars, candidateVars, leaderVars, logVars>>

----
\* Helpers.

Quorum == {Q \in SUBSET Server : Cardinality(Q) * 2 > Cardinality(Server)}

LastTerm(xlog) == IF Len(xlog) = 0 THEN 0 ELSE xlog[Len(xlog)].term

\* The bag with one more copy of m.
WithMessage(m, msgs) ==
    IF m \in DOMAIN msgs THEN [msgs EXCEPT ![m] = @ + 1] ELSE msgs @@ (m :> 1)

\* The bag with one copy fewer of m.
WithoutMessage(m, msgs) ==
    IF m \in DOMAIN msgs
    THEN IF msgs[m] <= 1 THEN [x \in DOMAIN msgs \ {m} |-> msgs[x]]
                         ELSE [msgs EXCEPT ![m] = @ - 1]
    ELSE msgs

Send(m) == messages' = WithMessage(m, messages)
Discard(m) == messages' = WithoutMessage(m, messages)
Reply(response, request) ==
    messages' = WithoutMessage(request, WithMessage(response, messages))

Min(s) == CHOOSE x \in s : \A y \in s : x <= y
Max(s) == CHOOSE x \in s : \A y \in s : x >= y

\* The messages, with the history field when HistoryFields holds.
RequestVoteResponseMsg(i, j, grant) ==
    IF HistoryFields
    THEN [type |-> "RequestVoteResponse", term |-> currentTerm[i],
          voteGranted |-> grant, log |-> log[i], source |-> i, dest |-> j]
    ELSE [type |-> "RequestVoteResponse", term |-> currentTerm[i],
          voteGranted |-> grant, source |-> i, dest |-> j]

AppendEntriesRequestMsg(i, j, prevLogIndex, prevLogTerm, entries, ci) ==
    IF HistoryFields
    THEN [type |-> "AppendEntriesRequest", term |-> currentTerm[i],
          prevLogIndex |-> prevLogIndex, prevLogTerm |-> prevLogTerm,
          entries |-> entries, log |-> log[i], commitIndex |-> ci,
          source |-> i, dest |-> j]
    ELSE [type |-> "AppendEntriesRequest", term |-> currentTerm[i],
          prevLogIndex |-> prevLogIndex, prevLogTerm |-> prevLogTerm,
          entries |-> entries, commitIndex |-> ci,
          source |-> i, dest |-> j]

AppendEntriesResponseMsg(i, j, success, mi) ==
    [type |-> "AppendEntriesResponse", term |-> currentTerm[i],
     success |-> success, matchIndex |-> mi, source |-> i, dest |-> j]

----
\* Initial state.

Init == /\ messages       = [m \in {} |-> 0]
        /\ currentTerm    = [i \in Server |-> 1]
        /\ state          = [i \in Server |-> "Follower"]
        /\ votedFor       = [i \in Server |-> Nil]
        /\ log            = [i \in Server |-> << >>]
        /\ commitIndex    = [i \in Server |-> 0]
        /\ votesResponded = [i \in Server |-> {}]
        /\ votesGranted   = [i \in Server |-> {}]
        /\ nextIndex      = [i \in Server |-> [j \in Server |-> 1]]
        /\ matchIndex     = [i \in Server |-> [j \in Server |-> 0]]

----
\* Internal actions (src/raft/actions).

\* Server i restarts: only currentTerm, votedFor and log survive.
Restart(i) ==
    /\ state'          = [state EXCEPT ![i] = "Follower"]
    /\ votesResponded' = [votesResponded EXCEPT ![i] = {}]
    /\ votesGranted'   = [votesGranted EXCEPT ![i] = {}]
    /\ nextIndex'      = [nextIndex EXCEPT ![i] = [j \in Server |-> 1]]
    /\ matchIndex'     = [matchIndex EXCEPT ![i] = [j \in Server |-> 0]]
    /\ commitIndex'    = [commitIndex EXCEPT ![i] = 0]
    /\ UNCHANGED <<messages, currentTerm, votedFor, log>>

\* Server i hears from no leader and starts an election in the next term.
\* It does not vote for itself here: it asks itself like any other server.
Timeout(i) ==
    /\ state[i] \in {"Follower", "Candidate"}
    /\ state'          = [state EXCEPT ![i] = "Candidate"]
    /\ currentTerm'    = [currentTerm EXCEPT ![i] = @ + 1]
    /\ votedFor'       = [votedFor EXCEPT ![i] = Nil]
    /\ votesResponded' = [votesResponded EXCEPT ![i] = {}]
    /\ votesGranted'   = [votesGranted EXCEPT ![i] = {}]
    /\ UNCHANGED <<messages, leaderVars, logVars>>

\* Candidate i asks server j (possibly i itself) for its vote.
RequestVote(i, j) ==
    /\ state[i] = "Candidate"
    /\ j \notin votesResponded[i]
    /\ Send([type         |-> "RequestVoteRequest",
             term         |-> currentTerm[i],
             lastLogTerm  |-> LastTerm(log[i]),
             lastLogIndex |-> Len(log[i]),
             source       |-> i,
             dest         |-> j])
    /\ UNCHANGED <<serverVars, candidateVars, leaderVars, logVars>>

\* Leader i sends server j at most MaxAppendEntries entries (raft.tla: one),
\* starting at nextIndex[i][j].  (src/raft may send fewer, bounded in bytes:
\* that step is this one under a smaller MaxAppendEntries.)
AppendEntries(i, j) ==
    /\ i /= j
    /\ state[i] = "Leader"
    /\ LET prevLogIndex == nextIndex[i][j] - 1
           prevLogTerm  == IF prevLogIndex > 0 THEN log[i][prevLogIndex].term ELSE 0
           lastEntry    == Min({Len(log[i]), nextIndex[i][j] + MaxAppendEntries - 1})
           entries      == SubSeq(log[i], nextIndex[i][j], lastEntry)
       IN  Send(AppendEntriesRequestMsg(i, j, prevLogIndex, prevLogTerm, entries,
                                        Min({commitIndex[i], lastEntry})))
    /\ UNCHANGED <<serverVars, candidateVars, leaderVars, logVars>>

\* Candidate i has the votes of a quorum and becomes leader.
BecomeLeader(i) ==
    /\ state[i] = "Candidate"
    /\ votesGranted[i] \in Quorum
    /\ state'      = [state EXCEPT ![i] = "Leader"]
    /\ nextIndex'  = [nextIndex EXCEPT ![i] = [j \in Server |-> Len(log[i]) + 1]]
    /\ matchIndex' = [matchIndex EXCEPT ![i] = [j \in Server |-> 0]]
    /\ UNCHANGED <<messages, currentTerm, votedFor, candidateVars, logVars>>

\* Leader i appends a client's value v to its log.
ClientRequest(i, v) ==
    /\ state[i] = "Leader"
    /\ log' = [log EXCEPT ![i] = Append(@, [term |-> currentTerm[i], value |-> v])]
    /\ UNCHANGED <<messages, serverVars, candidateVars, leaderVars, commitIndex>>

\* Leader i commits the highest index a quorum holds, if that entry is of its
\* own term.  Enabled (possibly as a stutter) whenever i leads.
AdvanceCommitIndex(i) ==
    /\ state[i] = "Leader"
    /\ LET Agree(index)   == {i} \cup {k \in Server : matchIndex[i][k] >= index}
           agreeIndexes   == {index \in 1..Len(log[i]) : Agree(index) \in Quorum}
           newCommitIndex ==
               IF /\ agreeIndexes /= {}
                  /\ log[i][Max(agreeIndexes)].term = currentTerm[i]
               THEN Max(agreeIndexes)
               ELSE commitIndex[i]
       IN  commitIndex' = [commitIndex EXCEPT ![i] = newCommitIndex]
    /\ UNCHANGED <<messages, serverVars, candidateVars, leaderVars, log>>

\* Leader i asks server j, whose log matches its own, to start an election at
\* once (Raft thesis 3.10).  Not in raft.tla: enabled only with LeadershipTransfer.
TransferLeadership(i, j) ==
    /\ LeadershipTransfer
    /\ i /= j
    /\ state[i] = "Leader"
    /\ matchIndex[i][j] = Len(log[i])
    /\ Send([type |-> "TimeoutNowRequest", term |-> currentTerm[i], source |-> i, dest |-> j])
    /\ UNCHANGED <<serverVars, candidateVars, leaderVars, logVars>>

----
\* Message handlers (src/raft/handlers): i = recipient, j = sender, m = message.

\* Server i answers a vote request with m.term <= currentTerm[i].
HandleRequestVoteRequest(i, j, m) ==
    LET logOk == \/ m.lastLogTerm > LastTerm(log[i])
                 \/ /\ m.lastLogTerm = LastTerm(log[i])
                    /\ m.lastLogIndex >= Len(log[i])
        grant == /\ m.term = currentTerm[i]
                 /\ logOk
                 /\ votedFor[i] \in {Nil, j}
    IN /\ m.term <= currentTerm[i]
       /\ \/ grant  /\ votedFor' = [votedFor EXCEPT ![i] = j]
          \/ ~grant /\ UNCHANGED votedFor
       /\ Reply(RequestVoteResponseMsg(i, j, grant), m)
       /\ UNCHANGED <<state, currentTerm, candidateVars, leaderVars, logVars>>

\* Server i tallies a vote response of its current term (in any state: only a
\* candidate reads the tally).
HandleRequestVoteResponse(i, j, m) ==
    /\ m.term = currentTerm[i]
    /\ votesResponded' = [votesResponded EXCEPT ![i] = @ \cup {j}]
    /\ \/ /\ m.voteGranted
          /\ votesGranted' = [votesGranted EXCEPT ![i] = @ \cup {j}]
       \/ /\ ~m.voteGranted
          /\ UNCHANGED votesGranted
    /\ Discard(m)
    /\ UNCHANGED <<serverVars, leaderVars, logVars>>

\* Server i handles an AppendEntries request with m.term <= currentTerm[i]
\* (zero or more entries; with at most one, this is raft.tla's).
HandleAppendEntriesRequest(i, j, m) ==
    LET logOk == \/ m.prevLogIndex = 0
                 \/ /\ m.prevLogIndex > 0
                    /\ m.prevLogIndex <= Len(log[i])
                    /\ m.prevLogTerm = log[i][m.prevLogIndex].term
        \* log[i] holds the k-th entry of the request
        Holds(k) == /\ Len(log[i]) >= m.prevLogIndex + k
                    /\ log[i][m.prevLogIndex + k].term = m.entries[k].term
        \* the first entry of the request that log[i] does not hold
        first == IF \A k \in 1..Len(m.entries) : Holds(k)
                 THEN Len(m.entries) + 1
                 ELSE Min({k \in 1..Len(m.entries) : ~Holds(k)})
    IN /\ m.term <= currentTerm[i]
       /\ \/ \* reject request
             /\ \/ m.term < currentTerm[i]
                \/ /\ m.term = currentTerm[i]
                   /\ state[i] = "Follower"
                   /\ ~logOk
             /\ Reply(AppendEntriesResponseMsg(i, j, FALSE,
                                               IF RejectHint THEN Len(log[i]) ELSE 0), m)
             /\ UNCHANGED <<serverVars, logVars>>
          \/ \* return to follower state (the message stays)
             /\ m.term = currentTerm[i]
             /\ state[i] = "Candidate"
             /\ state' = [state EXCEPT ![i] = "Follower"]
             /\ UNCHANGED <<currentTerm, votedFor, logVars, messages>>
          \/ \* accept request
             /\ m.term = currentTerm[i]
             /\ state[i] = "Follower"
             /\ logOk
             /\ \/ \* already done with request
                   /\ first = Len(m.entries) + 1
                   /\ commitIndex' = [commitIndex EXCEPT ![i] = m.commitIndex]
                   /\ Reply(AppendEntriesResponseMsg(i, j, TRUE,
                                m.prevLogIndex + Len(m.entries)), m)
                   /\ UNCHANGED <<serverVars, log>>
                \/ \* conflict: remove 1 entry (the message stays)
                   /\ first <= Len(m.entries)
                   /\ Len(log[i]) >= m.prevLogIndex + first
                   /\ log' = [log EXCEPT ![i] = SubSeq(@, 1, Len(@) - 1)]
                   /\ UNCHANGED <<serverVars, commitIndex, messages>>
                \/ \* no conflict: append the entries from first on (the message stays)
                   /\ first <= Len(m.entries)
                   /\ Len(log[i]) = m.prevLogIndex + first - 1
                   /\ log' = [log EXCEPT ![i] = @ \o SubSeq(m.entries, first, Len(m.entries))]
                   /\ UNCHANGED <<serverVars, commitIndex, messages>>
       /\ UNCHANGED <<candidateVars, leaderVars>>

\* The leader of i's term asks i to time out at once (Raft thesis 3.10): the
\* effect of Timeout(i); a request of an older term is dropped.
HandleTimeoutNowRequest(i, j, m) ==
    /\ m.term <= currentTerm[i]
    /\ \/ /\ m.term < currentTerm[i]
          /\ Discard(m)
          /\ UNCHANGED <<serverVars, candidateVars>>
       \/ /\ m.term = currentTerm[i]
          /\ state[i] \in {"Follower", "Candidate"}
          /\ state'          = [state EXCEPT ![i] = "Candidate"]
          /\ currentTerm'    = [currentTerm EXCEPT ![i] = @ + 1]
          /\ votedFor'       = [votedFor EXCEPT ![i] = Nil]
          /\ votesResponded' = [votesResponded EXCEPT ![i] = {}]
          /\ votesGranted'   = [votesGranted EXCEPT ![i] = {}]
          /\ Discard(m)
    /\ UNCHANGED <<leaderVars, logVars>>

\* Server i handles an AppendEntries response of its current term.
HandleAppendEntriesResponse(i, j, m) ==
    /\ m.term = currentTerm[i]
    /\ \/ /\ m.success
          /\ nextIndex'  = [nextIndex  EXCEPT ![i][j] = m.matchIndex + 1]
          /\ matchIndex' = [matchIndex EXCEPT ![i][j] = m.matchIndex]
       \/ /\ ~m.success
          /\ nextIndex' = [nextIndex EXCEPT ![i][j] =
                               Max({IF RejectHint THEN Min({@ - 1, m.matchIndex + 1})
                                                  ELSE @ - 1, 1})]
          /\ UNCHANGED matchIndex
    /\ Discard(m)
    /\ UNCHANGED <<serverVars, candidateVars, logVars>>

\* A message of a newer term makes i a follower of that term first; the message
\* stays to be handled by a later step.
UpdateTerm(i, j, m) ==
    /\ m.term > currentTerm[i]
    /\ currentTerm' = [currentTerm EXCEPT ![i] = m.term]
    /\ state'       = [state       EXCEPT ![i] = "Follower"]
    /\ votedFor'    = [votedFor    EXCEPT ![i] = Nil]
    /\ UNCHANGED <<messages, candidateVars, leaderVars, logVars>>

\* A response of an older term is dropped.
DropStaleResponse(i, j, m) ==
    /\ m.term < currentTerm[i]
    /\ Discard(m)
    /\ UNCHANGED <<serverVars, candidateVars, leaderVars, logVars>>

\* Message m reaches its destination.
Receive(m) ==
    LET i == m.dest
        j == m.source
    IN \/ UpdateTerm(i, j, m)
       \/ /\ m.type = "RequestVoteRequest"
          /\ HandleRequestVoteRequest(i, j, m)
       \/ /\ m.type = "RequestVoteResponse"
          /\ \/ DropStaleResponse(i, j, m)
             \/ HandleRequestVoteResponse(i, j, m)
       \/ /\ m.type = "AppendEntriesRequest"
          /\ HandleAppendEntriesRequest(i, j, m)
       \/ /\ m.type = "AppendEntriesResponse"
          /\ \/ DropStaleResponse(i, j, m)
             \/ HandleAppendEntriesResponse(i, j, m)
       \/ /\ m.type = "TimeoutNowRequest"
          /\ HandleTimeoutNowRequest(i, j, m)

----
\* The network (model-check/compose.ts).

\* The network delivers a second copy of m.
DuplicateMessage(m) ==
    /\ Send(m)
    /\ UNCHANGED <<serverVars, candidateVars, leaderVars, logVars>>

\* The network loses one copy of m.
DropMessage(m) ==
    /\ Discard(m)
    /\ UNCHANGED <<serverVars, candidateVars, leaderVars, logVars>>

----
\* Every action of the servers but Restart.
ServerNext ==
    \/ \E i \in Server : Timeout(i)
    \/ \E i, j \in Server : RequestVote(i, j)
    \/ \E i \in Server : BecomeLeader(i)
    \/ \E i \in Server, v \in Value : ClientRequest(i, v)
    \/ \E i \in Server : AdvanceCommitIndex(i)
    \/ \E i, j \in Server : AppendEntries(i, j)
    \/ \E i, j \in Server : TransferLeadership(i, j)
    \/ \E m \in DOMAIN messages : Receive(m)

Next == \/ \E i \in Server : Restart(i)
        \/ ServerNext
        \/ \E m \in DOMAIN messages : DuplicateMessage(m)
        \/ \E m \in DOMAIN messages : DropMessage(m)

Spec == Init /\ [][Next]_vars

----
\* Properties (src/raft/invariants.ts), one operator per property.

TypeOK ==
    /\ currentTerm \in [Server -> Nat \ {0}]
    /\ state \in [Server -> {"Follower", "Candidate", "Leader"}]
    /\ votedFor \in [Server -> Server \cup {Nil}]
    /\ \A i \in Server : \A k \in 1..Len(log[i]) :
           log[i][k].term \in Nat \ {0} /\ log[i][k].value \in Value
    /\ commitIndex \in [Server -> Nat]
    /\ votesResponded \in [Server -> SUBSET Server]
    /\ votesGranted \in [Server -> SUBSET Server]
    /\ nextIndex \in [Server -> [Server -> Nat \ {0}]]
    /\ matchIndex \in [Server -> [Server -> Nat]]
    /\ \A m \in DOMAIN messages : messages[m] >= 1 /\ m.source \in Server /\ m.dest \in Server

\* Figure 3: at most one leader per term (among the current leaders).
ElectionSafety ==
    \A i, j \in Server :
        (state[i] = "Leader" /\ state[j] = "Leader" /\ currentTerm[i] = currentTerm[j]) => i = j

\* Figure 3: logs with an entry of the same index and term agree up to it.
LogMatching ==
    \A i, j \in Server : \A k \in 1..Min({Len(log[i]), Len(log[j])}) :
        log[i][k].term = log[j][k].term => SubSeq(log[i], 1, k) = SubSeq(log[j], 1, k)

\* Figure 3, as a state predicate: what i knows to be committed was committed in a
\* term <= currentTerm[i], so every leader of a later term holds it.
LeaderCompleteness ==
    \A l, i \in Server :
        (state[l] = "Leader" /\ currentTerm[l] > currentTerm[i]) =>
            \A k \in 1..Min({commitIndex[i], Len(log[i])}) :
                k <= Len(log[l]) /\ log[l][k] = log[i][k]

\* Figure 3: committed prefixes agree.
StateMachineSafety ==
    \A i, j \in Server :
        \A k \in 1..Min({commitIndex[i], commitIndex[j], Len(log[i]), Len(log[j])}) :
            log[i][k] = log[j][k]

\* Ours: the last entry a server knows to be committed is held by a quorum.
CommittedOnQuorum ==
    \A i \in Server :
        LET k == Min({commitIndex[i], Len(log[i])})
        IN k > 0 => {j \in Server : k <= Len(log[j]) /\ log[j][k] = log[i][k]} \in Quorum

\* Ours (Figure 8): no server lacking a committed entry has a log at least as
\* up-to-date as the logs of a quorum, so none could be elected without it.
UpToDate(lastLogTerm, lastLogIndex, xlog) ==
    \/ lastLogTerm > LastTerm(xlog)
    \/ lastLogTerm = LastTerm(xlog) /\ lastLogIndex >= Len(xlog)

CommittedSurvivesElection ==
    \A i \in Server :
        LET k == Min({commitIndex[i], Len(log[i])})
        IN k > 0 =>
            \A t \in Server :
                ~(k <= Len(log[t]) /\ log[t][k] = log[i][k]) =>
                    {v \in Server : UpToDate(LastTerm(log[t]), Len(log[t]), log[v])} \notin Quorum

\* Figure 3 (an action property): a leader only appends to its log in its term.
LeaderAppendOnly ==
    [][\A i \in Server :
         (state[i] = "Leader" /\ state'[i] = "Leader" /\ currentTerm[i] = currentTerm'[i]) =>
             /\ Len(log'[i]) >= Len(log[i])
             /\ SubSeq(log'[i], 1, Len(log[i])) = log[i]]_vars

=============================================================================

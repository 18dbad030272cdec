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
\* Whether TakeSnapshot, InstallSnapshot and InstallSnapshotRequest are in Next
\* (log compaction, Raft section 7; raft.tla: FALSE, and every snapshot stays empty).
CONSTANT Snapshots

ASSUME HistoryFields \in BOOLEAN
ASSUME MaxAppendEntries \in Nat \ {0}
ASSUME RejectHint \in BOOLEAN
ASSUME LeadershipTransfer \in BOOLEAN
\* Whether clients have sessions (Raft thesis 6.3): ClientRequest appends the
\* commands [client, seq] of the clients Client with seq in 1..MaxSeq (not
\* Value), and ApplyCommitted is in Next (raft.tla: FALSE).
CONSTANTS Sessions, Client, MaxSeq
\* Session expiry (thesis 6.3): with a number, entries carry the leader's clock and
\* a session idle for longer than SessionTimeout by those times expires; with
\* Unbounded (a model value), sessions never expire (Tick is not in Next).
CONSTANTS SessionTimeout, Unbounded

\* Whether Timeout starts a pre-vote and StartElection raises the term after a
\* quorum of pre-votes (Raft thesis 9.6; raft.tla: FALSE).
CONSTANT PreVote
\* Whether a leader steps down without word from a quorum each period, and a
\* server inside a leader's lease ignores RequestVote (thesis 6.2 and 9.6,
\* etcd/raft's CheckQuorum; raft.tla: FALSE).
CONSTANT CheckQuorum

\* Whether leaders answer reads by ReadIndex (Raft thesis 6.4): ReadIndexStart,
\* ReadIndexConfirm, ReadIndexAnswer and their messages are in Next (raft.tla: FALSE).
CONSTANT ReadIndex
\* The bound on LastIndex (MCRaft's CONSTRAINT), declared here because a read's
\* history field acked ranges over 0..MaxLogLen in ReadIndexStart.
CONSTANT MaxLogLen

ASSUME ReadIndex \in BOOLEAN
ASSUME Snapshots \in BOOLEAN
ASSUME PreVote \in BOOLEAN
\* Not modelled together yet: InstallSnapshot would have to count as word from a leader.
ASSUME ~(PreVote /\ Snapshots)
ASSUME CheckQuorum \in BOOLEAN /\ ~(CheckQuorum /\ Snapshots)
ASSUME Sessions \in BOOLEAN /\ MaxSeq \in Nat
\* Not modelled together yet: a snapshot would have to hold the session table.
ASSUME ~(Sessions /\ Snapshots)

\* Membership change (spec/RaftMembership.tla, instantiated below as Mem):
\* "joint", "single" or "off" (raft.tla: the configuration is Server, fixed).
CONSTANTS Membership, InitVoters, InitLearners, MaxConfigChanges, Targets, LearnerRemovals
\* Not modelled together yet (a snapshot would have to record the configuration).
ASSUME Membership /= "off" => ~(Snapshots \/ Sessions \/ PreVote \/ CheckQuorum \/ LeadershipTransfer)

----
\* A bag of messages in flight: a function from message to its number of copies
\* (no entry for zero copies).
VARIABLE messages

\* Per server (functions with domain Server):
\* The latest term the server has seen.
VARIABLE currentTerm
\* "Follower", "PreCandidate" (only with PreVote), "Candidate" or "Leader".
VARIABLE state
\* The server it voted for in currentTerm, or Nil.
VARIABLE votedFor
\* Time abstracted (docs/raft.md): whether the server heard from a leader since its
\* last timeout: set by an AppendEntriesRequest of its current term, cleared by
\* Timeout, UpdateTerm and Restart.  Stays FALSE unless PreVote or CheckQuorum.
VARIABLE heardFromLeader
serverVars == <<currentTerm, state, votedFor, heardFromLeader>>

\* The log: a sequence of [term, value] records.  Indices are global: entry k
\* is log[i][k - snapshot[i].index] (log[i][k] while nothing is compacted).
VARIABLE log
\* The highest index the server knows to be committed.
VARIABLE commitIndex
\* The compacted prefix: [index, term] of its last entry and the state machine's
\* state, which here is the sequence of values applied (entries 1..index).
\* [index |-> 0, term |-> 0, state |-> << >>] unless Snapshots.
VARIABLE snapshot
\* The state machine (volatile): entries 1..lastApplied applied; applied, the
\* commands applied in order (a command's response is its position there);
\* sessions, each client's last seq applied and the response then given.
\* Stays [0, << >>, [seq 0, response 0] for every client] unless Sessions.
VARIABLE sm
logVars == <<log, commitIndex, snapshot, sm>>

\* Servers that answered its RequestVote requests in currentTerm.
VARIABLE votesResponded
\* Servers that granted it their vote in currentTerm.
VARIABLE votesGranted
candidateVars == <<votesResponded, votesGranted>>

\* For each server, the index of the next entry to send it.
VARIABLE nextIndex
\* For each server, the highest index known to match the server's log.
VARIABLE matchIndex
\* As leader, the servers that answered its AppendEntries since its last quorum
\* check.  Stays {} unless CheckQuorum.
VARIABLE heardFrom
\* ReadIndex (thesis 6.4): the last read i started as leader: id counts its reads;
\* while pending, index is the commit index at its start and acks the servers that
\* confirmed i's leadership since (i included).  acked is a history field: the
\* writes acknowledged before the read began.  Stays NoRead unless ReadIndex.
VARIABLE read
\* A history field: the highest index i acknowledged to clients as leader (its
\* commit index as leader; never decreases).  Stays 0 unless ReadIndex.
VARIABLE acknowledged
\* With session expiry, the server's clock (abstract time: Tick adds 1; clocks are
\* not synchronized).  Stays 0 unless SessionExpiry.
VARIABLE clock
leaderVars == <<nextIndex, matchIndex, heardFrom, read, acknowledged, clock>>

vars == <<messages, serverVars, candidateVars, leaderVars, logVars>>

\* Configurations, quorums and the membership actions.
Mem == INSTANCE RaftMembership

----
\* Helpers.

Quorum == {Q \in SUBSET Server : Cardinality(Q) * 2 > Cardinality(Server)}

LastTerm(xlog) == IF Len(xlog) = 0 THEN 0 ELSE xlog[Len(xlog)].term

\* Over snapshot + log, with global indices (Raft section 7).
LastIndex(i) == snapshot[i].index + Len(log[i])
LastTermOf(i) == IF Len(log[i]) = 0 THEN snapshot[i].term ELSE log[i][Len(log[i])].term
\* The term of entry k, for snapshot[i].index <= k <= LastIndex(i) (0 at index 0).
TermAt(i, k) == IF k = snapshot[i].index THEN snapshot[i].term
                ELSE log[i][k - snapshot[i].index].term
\* The value of entry k, for 1 <= k <= LastIndex(i).
ValueAt(i, k) == IF k <= snapshot[i].index THEN snapshot[i].state[k]
                 ELSE log[i][k - snapshot[i].index].value
\* What ClientRequest may append.
Values == IF Sessions THEN [client : Client, seq : 1..MaxSeq] ELSE Value

SessionExpiry == Sessions /\ SessionTimeout /= Unbounded

NoSession == IF SessionExpiry THEN [seq |-> 0, response |-> 0, last |-> 0, expired |-> FALSE]
             ELSE [seq |-> 0, response |-> 0]
NoSM == IF SessionExpiry
        THEN [lastApplied |-> 0, applied |-> << >>, time |-> 0,
              sessions |-> [c \in Client |-> NoSession]]
        ELSE [lastApplied |-> 0, applied |-> << >>,
              sessions |-> [c \in Client |-> NoSession]]

\* Entry k of i and of j agree: the same value, and the same term where both
\* still know it.
SameEntry(i, j, k) ==
    /\ ValueAt(i, k) = ValueAt(j, k)
    /\ (k >= snapshot[i].index /\ k >= snapshot[j].index) => TermAt(i, k) = TermAt(j, k)

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

\* With CheckQuorum, i leads or heard from its leader since its last timeout.
InLease(i) == CheckQuorum /\ (state[i] = "Leader" \/ heardFromLeader[i])

\* i drops a RequestVote of a higher term from j: in a lease, or j is no voter of
\* i's configuration (removed servers do not disrupt).
IgnoresVote(i, j) == IF InLease(i) THEN TRUE ELSE ~Mem!IsVoter(i, j)
NoRead == [id |-> 0, pending |-> FALSE, index |-> 0, acks |-> {}, acked |-> 0]

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
        /\ heardFromLeader = [i \in Server |-> FALSE]
        /\ log            = [i \in Server |-> << >>]
        /\ commitIndex    = [i \in Server |-> 0]
        /\ snapshot       = [i \in Server |-> [index |-> 0, term |-> 0, state |-> << >>]]
        /\ sm             = [i \in Server |-> NoSM]
        /\ votesResponded = [i \in Server |-> {}]
        /\ votesGranted   = [i \in Server |-> {}]
        /\ nextIndex      = [i \in Server |-> [j \in Server |-> 1]]
        /\ matchIndex     = [i \in Server |-> [j \in Server |-> 0]]
        /\ heardFrom      = [i \in Server |-> {}]
        /\ read           = [i \in Server |-> NoRead]
        /\ acknowledged   = [i \in Server |-> 0]
        /\ clock          = [i \in Server |-> 0]

----
\* Internal actions (src/raft/actions).

\* Server i restarts: only currentTerm, votedFor, log and snapshot survive; it
\* knows the snapshot's entries to be committed.
Restart(i) ==
    /\ state'          = [state EXCEPT ![i] = "Follower"]
    /\ votesResponded' = [votesResponded EXCEPT ![i] = {}]
    /\ votesGranted'   = [votesGranted EXCEPT ![i] = {}]
    /\ nextIndex'      = [nextIndex EXCEPT ![i] = [j \in Server |-> 1]]
    /\ matchIndex'     = [matchIndex EXCEPT ![i] = [j \in Server |-> 0]]
    /\ commitIndex'    = [commitIndex EXCEPT ![i] = snapshot[i].index]
    /\ sm'             = [sm EXCEPT ![i] = NoSM]
    /\ heardFromLeader' = [heardFromLeader EXCEPT ![i] = FALSE]
    /\ heardFrom'      = [heardFrom EXCEPT ![i] = {}]
    /\ read'           = [read EXCEPT ![i] = [NoRead EXCEPT !.id = read[i].id]]
    /\ UNCHANGED <<messages, currentTerm, votedFor, log, snapshot, acknowledged, clock>>

\* i becomes a candidate of the next term with no votes yet; it forgets any leader.
\* It does not vote for itself here: it asks itself like any other server.
ElectionStarted(i) ==
    /\ state'          = [state EXCEPT ![i] = "Candidate"]
    /\ currentTerm'    = [currentTerm EXCEPT ![i] = @ + 1]
    /\ votedFor'       = [votedFor EXCEPT ![i] = Nil]
    /\ heardFromLeader' = [heardFromLeader EXCEPT ![i] = FALSE]
    /\ votesResponded' = [votesResponded EXCEPT ![i] = {}]
    /\ votesGranted'   = [votesGranted EXCEPT ![i] = {}]

\* Server i hears from no leader and starts an election in the next term; with
\* PreVote it first asks for pre-votes, its term unchanged (thesis 9.6).
Timeout(i) ==
    /\ state[i] /= "Leader"
    /\ Mem!IsVoter(i, i)
    /\ \/ ~PreVote /\ ElectionStarted(i)
       \/ /\ PreVote
          /\ state'          = [state EXCEPT ![i] = "PreCandidate"]
          /\ heardFromLeader' = [heardFromLeader EXCEPT ![i] = FALSE]
          /\ votesResponded' = [votesResponded EXCEPT ![i] = {}]
          /\ votesGranted'   = [votesGranted EXCEPT ![i] = {}]
          /\ UNCHANGED <<currentTerm, votedFor>>
    /\ UNCHANGED <<messages, leaderVars, logVars>>

\* Pre-candidate i, granted pre-votes by a quorum, starts the real election
\* (thesis 9.6; etcd/raft's campaign after its pre-vote).
StartElection(i) ==
    /\ state[i] = "PreCandidate"
    /\ votesGranted[i] \in Quorum
    /\ ElectionStarted(i)
    /\ UNCHANGED <<messages, leaderVars, logVars>>

\* Candidate i asks server j (possibly i itself) for its vote; a pre-candidate
\* asks for a pre-vote for its next term.
RequestVote(i, j) ==
    /\ state[i] \in {"Candidate", "PreCandidate"}
    /\ j \notin votesResponded[i]
    /\ Mem!IsVoter(i, j)
    /\ Send([type         |-> IF state[i] = "Candidate" THEN "RequestVoteRequest"
                                                      ELSE "PreVoteRequest",
             term         |-> IF state[i] = "Candidate" THEN currentTerm[i]
                                                      ELSE currentTerm[i] + 1,
             lastLogTerm  |-> LastTermOf(i),
             lastLogIndex |-> LastIndex(i),
             source       |-> i,
             dest         |-> j])
    /\ UNCHANGED <<serverVars, candidateVars, leaderVars, logVars>>

\* Leader i sends server j at most MaxAppendEntries entries (raft.tla: one),
\* starting at nextIndex[i][j], unless it has compacted them.  (src/raft may send
\* fewer, bounded in bytes: that step is this one under a smaller MaxAppendEntries.)
AppendEntries(i, j) ==
    /\ i /= j
    /\ state[i] = "Leader"
    /\ Mem!IsMember(i, j)
    /\ nextIndex[i][j] > snapshot[i].index
    /\ LET prevLogIndex == nextIndex[i][j] - 1
           prevLogTerm  == TermAt(i, prevLogIndex)
           lastEntry    == Min({LastIndex(i), nextIndex[i][j] + MaxAppendEntries - 1})
           entries      == SubSeq(log[i], nextIndex[i][j] - snapshot[i].index,
                                  lastEntry - snapshot[i].index)
       IN  Send(AppendEntriesRequestMsg(i, j, prevLogIndex, prevLogTerm, entries,
                                        Min({commitIndex[i], lastEntry})))
    /\ UNCHANGED <<serverVars, candidateVars, leaderVars, logVars>>

\* Candidate i has the votes of a quorum and becomes leader.
BecomeLeader(i) ==
    /\ state[i] = "Candidate"
    /\ Mem!IsQuorum(i, votesGranted[i])
    /\ state'      = [state EXCEPT ![i] = "Leader"]
    /\ nextIndex'  = [nextIndex EXCEPT ![i] = [j \in Server |-> LastIndex(i) + 1]]
    /\ matchIndex' = [matchIndex EXCEPT ![i] = [j \in Server |-> 0]]
    /\ heardFrom'  = [heardFrom EXCEPT ![i] = {}]
    /\ UNCHANGED <<messages, currentTerm, votedFor, heardFromLeader, candidateVars, logVars,
                   read, acknowledged, clock>>

\* Leader i appends a client's value v to its log.
ClientRequest(i, v) ==
    /\ state[i] = "Leader"
    \* with session expiry an entry carries the leader's clock (thesis 6.3)
    /\ log' = [log EXCEPT ![i] = Append(@, IF SessionExpiry
                                           THEN [term |-> currentTerm[i], value |-> v, time |-> clock[i]]
                                           ELSE [term |-> currentTerm[i], value |-> v])]
    /\ UNCHANGED <<messages, serverVars, candidateVars, leaderVars, commitIndex, snapshot, sm>>

\* Leader i commits the highest index a quorum holds, if that entry is of its
\* own term.  Enabled (possibly as a stutter) whenever i leads.
AdvanceCommitIndex(i) ==
    /\ state[i] = "Leader"
    /\ LET Agree(index)   == {i} \cup {k \in Server : matchIndex[i][k] >= index}
           agreeIndexes   == {index \in snapshot[i].index + 1..LastIndex(i) : Mem!IsQuorum(i, Agree(index))}
           newCommitIndex ==
               IF /\ agreeIndexes /= {}
                  /\ TermAt(i, Max(agreeIndexes)) = currentTerm[i]
               THEN Max(agreeIndexes)
               ELSE commitIndex[i]
       IN  /\ commitIndex' = [commitIndex EXCEPT ![i] = newCommitIndex]
           \* ReadIndex's history: i acknowledges the writes up to its commit index
           /\ acknowledged' = IF ReadIndex THEN [acknowledged EXCEPT ![i] = Max({@, newCommitIndex})]
                             ELSE acknowledged
    /\ UNCHANGED <<messages, serverVars, candidateVars, nextIndex, matchIndex, heardFrom, read,
                   clock, log, snapshot, sm>>

\* At an election timeout, leader i steps down unless a quorum (itself counted)
\* answered since its last check; the next period starts afresh (etcd/raft's
\* CheckQuorum).  Not in raft.tla: enabled only with CheckQuorum.
CheckLeaderQuorum(i) ==
    /\ CheckQuorum
    /\ state[i] = "Leader"
    /\ state' = IF heardFrom[i] \cup {i} \in Quorum THEN state
                ELSE [state EXCEPT ![i] = "Follower"]
    /\ heardFrom' = [heardFrom EXCEPT ![i] = {}]
    /\ UNCHANGED <<messages, currentTerm, votedFor, heardFromLeader, candidateVars,
                   nextIndex, matchIndex, read, acknowledged, clock, logVars>>

\* Leader i asks server j, whose log matches its own, to start an election at
\* once (Raft thesis 3.10).  Not in raft.tla: enabled only with LeadershipTransfer.
TransferLeadership(i, j) ==
    /\ LeadershipTransfer
    /\ i /= j
    /\ state[i] = "Leader"
    /\ matchIndex[i][j] = LastIndex(i)
    /\ Send([type |-> "TimeoutNowRequest", term |-> currentTerm[i], source |-> i, dest |-> j])
    /\ UNCHANGED <<serverVars, candidateVars, leaderVars, logVars>>

\* Server i compacts its committed prefix into its snapshot (Raft section 7).
\* Not in raft.tla: enabled only with Snapshots.
TakeSnapshot(i) ==
    /\ Snapshots
    /\ commitIndex[i] > snapshot[i].index
    /\ commitIndex[i] <= LastIndex(i)
    /\ LET n == commitIndex[i] - snapshot[i].index
       IN  /\ snapshot' = [snapshot EXCEPT ![i] =
                  [index |-> commitIndex[i], term |-> log[i][n].term,
                   state |-> @.state \o [k \in 1..n |-> log[i][k].value]]]
           /\ log' = [log EXCEPT ![i] = SubSeq(@, n + 1, Len(@))]
    /\ UNCHANGED <<messages, serverVars, candidateVars, leaderVars, commitIndex, sm>>

\* Session expiry (thesis 6.3): state machine s applies command x (entry k) at time
\* t, the larger of its time and t0, the entry's (the leader's clock when it was
\* appended).  Sessions idle for longer than SessionTimeout expire; a command of an
\* expired session is rejected (SESSION_EXPIRED) and not applied.
ApplyAt(s, k, x, t0) ==
    LET t  == Max({s.time, t0})
        ss == [c \in Client |-> IF s.sessions[c].expired \/ t - s.sessions[c].last <= SessionTimeout
                                THEN s.sessions[c]
                                ELSE [s.sessions[c] EXCEPT !.expired = TRUE]]
    IN  IF ss[x.client].expired
        THEN [s EXCEPT !.lastApplied = k, !.time = t, !.sessions = ss]
        ELSE IF x.seq <= ss[x.client].seq
        THEN [s EXCEPT !.lastApplied = k, !.time = t, !.sessions = [ss EXCEPT ![x.client].last = t]]
        ELSE [lastApplied |-> k, applied |-> Append(s.applied, x), time |-> t,
              sessions |-> [ss EXCEPT ![x.client] = [seq |-> x.seq, response |-> Len(s.applied) + 1,
                                                     last |-> t, expired |-> FALSE]]]

\* Abstract time for session expiry: server i's clock advances by one.
Tick(i) ==
    /\ SessionExpiry
    /\ clock' = [clock EXCEPT ![i] = @ + 1]
    /\ UNCHANGED <<messages, serverVars, candidateVars, nextIndex, matchIndex, heardFrom, read,
                   acknowledged, logVars>>

\* Server i applies its next committed entry (Raft thesis 6.3).  A command whose
\* seq its client's session has reached is a duplicate: answered from the
\* session table, not applied again.  Only with Sessions.
ApplyCommitted(i) ==
    /\ Sessions
    /\ sm[i].lastApplied < Min({commitIndex[i], LastIndex(i)})
    /\ LET k == sm[i].lastApplied + 1
           x == ValueAt(i, k)
       IN  sm' = [sm EXCEPT ![i] =
                   IF SessionExpiry THEN ApplyAt(@, k, x, log[i][k - snapshot[i].index].time)
                   ELSE IF x.seq <= @.sessions[x.client].seq
                   THEN [@ EXCEPT !.lastApplied = k]
                   ELSE [lastApplied |-> k, applied |-> Append(@.applied, x),
                         sessions |-> [@.sessions EXCEPT ![x.client] =
                                         [seq |-> x.seq, response |-> Len(sm[i].applied) + 1]]]]
    /\ UNCHANGED <<messages, serverVars, candidateVars, leaderVars, log, commitIndex, snapshot>>

\* ReadIndex, step 1 (thesis 6.4): leader i, once an entry of its own term is
\* committed, records its commit index as the read's index.  The parameter a is
\* the read's history field acked (MCRaft's CONSTRAINT keeps a at most what was
\* acknowledged).  Not in raft.tla: enabled only with ReadIndex.
ReadIndexStart(i, a) ==
    /\ ReadIndex
    /\ state[i] = "Leader"
    /\ ~read[i].pending
    /\ commitIndex[i] <= LastIndex(i)
    /\ TermAt(i, commitIndex[i]) = currentTerm[i]
    /\ read' = [read EXCEPT ![i] = [id |-> @.id + 1, pending |-> TRUE,
                                     index |-> commitIndex[i], acks |-> {i}, acked |-> a]]
    /\ UNCHANGED <<messages, serverVars, candidateVars, nextIndex, matchIndex, heardFrom,
                   acknowledged, clock, logVars>>

\* ReadIndex, step 2: leader i asks j to confirm that it still leads (a heartbeat
\* carrying the read's id), until j has.
ReadIndexConfirm(i, j) ==
    /\ ReadIndex
    /\ i /= j
    /\ state[i] = "Leader"
    /\ read[i].pending
    /\ j \notin read[i].acks
    /\ Send([type |-> "ReadIndexRequest", term |-> currentTerm[i], id |-> read[i].id,
             source |-> i, dest |-> j])
    /\ UNCHANGED <<serverVars, candidateVars, leaderVars, logVars>>

\* ReadIndex, steps 3-4: a quorum confirmed i's leadership after the read began
\* and i has applied up to its index (committed, in the model): i answers from
\* its state machine, the values of entries 1..commitIndex[i].
ReadIndexAnswer(i) ==
    /\ ReadIndex
    /\ state[i] = "Leader"
    /\ read[i].pending
    /\ read[i].acks \in Quorum
    /\ commitIndex[i] >= read[i].index
    /\ read' = [read EXCEPT ![i] = [NoRead EXCEPT !.id = read[i].id]]
    /\ UNCHANGED <<messages, serverVars, candidateVars, nextIndex, matchIndex, heardFrom,
                   acknowledged, clock, logVars>>

\* Leader i sends server j its snapshot, j needing an entry i has compacted
\* (Raft Figure 13, in one chunk).  Not in raft.tla: enabled only with Snapshots.
InstallSnapshot(i, j) ==
    /\ Snapshots
    /\ i /= j
    /\ state[i] = "Leader"
    /\ nextIndex[i][j] <= snapshot[i].index
    /\ Send([type |-> "InstallSnapshotRequest", term |-> currentTerm[i],
             lastIncludedIndex |-> snapshot[i].index,
             lastIncludedTerm |-> snapshot[i].term,
             state |-> snapshot[i].state, source |-> i, dest |-> j])
    /\ UNCHANGED <<serverVars, candidateVars, leaderVars, logVars>>

----
\* Message handlers (src/raft/handlers): i = recipient, j = sender, m = message.

\* Server i answers a vote request with m.term <= currentTerm[i].
HandleRequestVoteRequest(i, j, m) ==
    LET logOk == \/ m.lastLogTerm > LastTermOf(i)
                 \/ /\ m.lastLogTerm = LastTermOf(i)
                    /\ m.lastLogIndex >= LastIndex(i)
        grant == /\ m.term = currentTerm[i]
                 /\ logOk
                 /\ votedFor[i] \in {Nil, j}
    IN \/ \* inside a leader's lease (CheckQuorum) or from a non-voter: ignored
          /\ m.term > currentTerm[i]
          /\ IgnoresVote(i, j)
          /\ Discard(m)
          /\ UNCHANGED <<serverVars, candidateVars, leaderVars, logVars>>
       \/ /\ m.term <= currentTerm[i]
          /\ \/ grant  /\ votedFor' = [votedFor EXCEPT ![i] = j]
             \/ ~grant /\ UNCHANGED votedFor
          /\ Reply(RequestVoteResponseMsg(i, j, grant), m)
          /\ UNCHANGED <<state, currentTerm, heardFromLeader, candidateVars, leaderVars, logVars>>

\* Server i grants a pre-vote for m.term if the candidate's log is up to date and i
\* has heard from no leader since its last timeout, nor leads (thesis 9.6).
\* Nothing of i changes; the reply carries m.term.
HandlePreVoteRequest(i, j, m) ==
    LET grant == /\ m.term > currentTerm[i]
                 /\ \/ m.lastLogTerm > LastTermOf(i)
                    \/ /\ m.lastLogTerm = LastTermOf(i)
                       /\ m.lastLogIndex >= LastIndex(i)
                 /\ state[i] /= "Leader"
                 /\ ~heardFromLeader[i]
    IN /\ Reply([type |-> "PreVoteResponse", term |-> m.term, voteGranted |-> grant,
                 source |-> i, dest |-> j], m)
       /\ UNCHANGED <<serverVars, candidateVars, leaderVars, logVars>>

\* Pre-candidate i tallies a pre-vote for its next term; any other is dropped.
HandlePreVoteResponse(i, j, m) ==
    /\ \/ /\ state[i] = "PreCandidate"
          /\ m.term = currentTerm[i] + 1
          /\ votesResponded' = [votesResponded EXCEPT ![i] = @ \cup {j}]
          /\ votesGranted' = IF m.voteGranted THEN [votesGranted EXCEPT ![i] = @ \cup {j}]
                                              ELSE votesGranted
       \/ /\ ~(state[i] = "PreCandidate" /\ m.term = currentTerm[i] + 1)
          /\ UNCHANGED candidateVars
    /\ Discard(m)
    /\ UNCHANGED <<serverVars, leaderVars, logVars>>

\* Server i tallies a vote response of its current term (in any state: only a
\* candidate reads the tally; a pre-candidate, whose tally counts pre-votes, drops it).
HandleRequestVoteResponse(i, j, m) ==
    /\ m.term = currentTerm[i]
    /\ IF state[i] = "PreCandidate"
       THEN UNCHANGED candidateVars
       ELSE /\ votesResponded' = [votesResponded EXCEPT ![i] = @ \cup {j}]
            /\ votesGranted' = IF m.voteGranted THEN [votesGranted EXCEPT ![i] = @ \cup {j}]
                                                ELSE votesGranted
    /\ Discard(m)
    /\ UNCHANGED <<serverVars, leaderVars, logVars>>

\* Server i handles an AppendEntries request with m.term <= currentTerm[i]
\* (zero or more entries; with at most one, this is raft.tla's).  Entries up to
\* snapshot[i].index are committed, so they match the leader's.
HandleAppendEntriesRequest(i, j, m) ==
    LET logOk == \/ m.prevLogIndex <= snapshot[i].index
                 \/ /\ m.prevLogIndex > snapshot[i].index
                    /\ m.prevLogIndex <= LastIndex(i)
                    /\ m.prevLogTerm = TermAt(i, m.prevLogIndex)
        \* i holds the k-th entry of the request
        Holds(k) == \/ m.prevLogIndex + k <= snapshot[i].index
                    \/ /\ LastIndex(i) >= m.prevLogIndex + k
                       /\ TermAt(i, m.prevLogIndex + k) = m.entries[k].term
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
                                               IF RejectHint THEN LastIndex(i) ELSE 0), m)
             /\ UNCHANGED <<currentTerm, state, votedFor, logVars>>
          \/ \* return to follower state (the message stays)
             /\ m.term = currentTerm[i]
             /\ state[i] \in {"Candidate", "PreCandidate"}
             /\ state' = [state EXCEPT ![i] = "Follower"]
             /\ UNCHANGED <<currentTerm, votedFor, logVars, messages>>
          \/ \* accept request
             /\ m.term = currentTerm[i]
             /\ state[i] = "Follower"
             /\ logOk
             /\ \/ \* already done with request
                   /\ first = Len(m.entries) + 1
                   \* (never below the snapshot, which holds committed entries only)
                   /\ commitIndex' = [commitIndex EXCEPT ![i] = Max({m.commitIndex, snapshot[i].index})]
                   /\ Reply(AppendEntriesResponseMsg(i, j, TRUE,
                                m.prevLogIndex + Len(m.entries)), m)
                   /\ UNCHANGED <<currentTerm, state, votedFor, log, snapshot, sm>>
                \/ \* conflict: remove 1 entry (the message stays)
                   /\ first <= Len(m.entries)
                   /\ LastIndex(i) >= m.prevLogIndex + first
                   /\ log' = [log EXCEPT ![i] = SubSeq(@, 1, Len(@) - 1)]
                   /\ UNCHANGED <<currentTerm, state, votedFor, commitIndex, snapshot, sm, messages>>
                \/ \* no conflict: append the entries from first on (the message stays)
                   /\ first <= Len(m.entries)
                   /\ LastIndex(i) = m.prevLogIndex + first - 1
                   /\ log' = [log EXCEPT ![i] = @ \o SubSeq(m.entries, first, Len(m.entries))]
                   /\ UNCHANGED <<currentTerm, state, votedFor, commitIndex, snapshot, sm, messages>>
       \* with PreVote, a request of the current term is word from its leader
       /\ heardFromLeader' = IF (PreVote \/ CheckQuorum) /\ m.term = currentTerm[i] /\ state[i] = "Follower"
                             THEN [heardFromLeader EXCEPT ![i] = TRUE] ELSE heardFromLeader
       /\ UNCHANGED <<candidateVars, leaderVars>>

\* The leader of i's term asks i to time out at once (Raft thesis 3.10): the
\* effect of Timeout(i); a request of an older term is dropped.
HandleTimeoutNowRequest(i, j, m) ==
    /\ m.term <= currentTerm[i]
    /\ \/ /\ m.term < currentTerm[i]
          /\ Discard(m)
          /\ UNCHANGED <<serverVars, candidateVars>>
       \/ /\ m.term = currentTerm[i]
          /\ state[i] /= "Leader"
          \* no pre-vote: the leader asked (thesis 9.6)
          /\ ElectionStarted(i)
          /\ Discard(m)
    /\ UNCHANGED <<leaderVars, logVars>>

\* Server i handles a leader's snapshot with m.term <= currentTerm[i] (Raft
\* Figure 13).  The reply is an AppendEntriesResponse (as etcd/raft answers).
HandleInstallSnapshotRequest(i, j, m) ==
    LET \* rule 6: i's log holds the snapshot's last entry
        keep == /\ m.lastIncludedIndex <= LastIndex(i)
                /\ TermAt(i, m.lastIncludedIndex) = m.lastIncludedTerm
    IN /\ m.term <= currentTerm[i]
       /\ \/ \* reject request (rule 1)
             /\ m.term < currentTerm[i]
             /\ Reply(AppendEntriesResponseMsg(i, j, FALSE,
                                               IF RejectHint THEN LastIndex(i) ELSE 0), m)
             /\ UNCHANGED <<serverVars, logVars>>
          \/ \* return to follower state (the message stays)
             /\ m.term = currentTerm[i]
             /\ state[i] = "Candidate"
             /\ state' = [state EXCEPT ![i] = "Follower"]
             /\ UNCHANGED <<currentTerm, votedFor, heardFromLeader, logVars, messages>>
          \/ \* already done: i's snapshot covers it
             /\ m.term = currentTerm[i]
             /\ state[i] = "Follower"
             /\ m.lastIncludedIndex <= snapshot[i].index
             /\ Reply(AppendEntriesResponseMsg(i, j, TRUE, m.lastIncludedIndex), m)
             /\ UNCHANGED <<serverVars, logVars>>
          \/ \* install: keep the later entries (rule 6) or discard the log (rule 7)
             /\ m.term = currentTerm[i]
             /\ state[i] = "Follower"
             /\ m.lastIncludedIndex > snapshot[i].index
             /\ snapshot' = [snapshot EXCEPT ![i] = [index |-> m.lastIncludedIndex,
                                                      term |-> m.lastIncludedTerm,
                                                      state |-> m.state]]
             /\ log' = [log EXCEPT ![i] =
                          IF keep THEN SubSeq(@, m.lastIncludedIndex - snapshot[i].index + 1, Len(@))
                          ELSE << >>]
             /\ commitIndex' = [commitIndex EXCEPT ![i] = Max({@, m.lastIncludedIndex})]
             /\ Reply(AppendEntriesResponseMsg(i, j, TRUE, m.lastIncludedIndex), m)
             /\ UNCHANGED <<serverVars, sm>>
       /\ UNCHANGED <<candidateVars, leaderVars>>

\* Server i answers a confirmation request of a term <= its own with its term.
HandleReadIndexRequest(i, j, m) ==
    /\ m.term <= currentTerm[i]
    /\ Reply([type |-> "ReadIndexResponse", term |-> currentTerm[i], id |-> m.id,
              source |-> i, dest |-> j], m)
    /\ UNCHANGED <<serverVars, candidateVars, leaderVars, logVars>>

\* Leader i counts j's confirmation of its pending read of that id (an older
\* read's confirmation is dropped).
HandleReadIndexResponse(i, j, m) ==
    /\ m.term = currentTerm[i]
    /\ read' = IF state[i] = "Leader" /\ read[i].pending /\ read[i].id = m.id
               THEN [read EXCEPT ![i].acks = @ \cup {j}] ELSE read
    /\ Discard(m)
    /\ UNCHANGED <<serverVars, candidateVars, nextIndex, matchIndex, heardFrom, acknowledged, clock,
                   logVars>>

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
    \* CheckQuorum: j is alive
    /\ heardFrom' = IF CheckQuorum THEN [heardFrom EXCEPT ![i] = @ \cup {j}] ELSE heardFrom
    /\ Discard(m)
    /\ UNCHANGED <<serverVars, candidateVars, read, acknowledged, clock, logVars>>

\* A message of a newer term makes i a follower of that term, which knows no
\* leader yet; the message stays to be handled by a later step.  A pre-vote
\* message changes no term (thesis 9.6).
UpdateTerm(i, j, m) ==
    /\ m.term > currentTerm[i]
    /\ m.type \notin {"PreVoteRequest", "PreVoteResponse"}
    /\ ~(m.type = "RequestVoteRequest" /\ IgnoresVote(i, j))
    /\ currentTerm' = [currentTerm EXCEPT ![i] = m.term]
    /\ state'       = [state       EXCEPT ![i] = "Follower"]
    /\ votedFor'    = [votedFor    EXCEPT ![i] = Nil]
    /\ heardFromLeader' = [heardFromLeader EXCEPT ![i] = FALSE]
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
       \/ /\ m.type = "PreVoteRequest"
          /\ HandlePreVoteRequest(i, j, m)
       \/ /\ m.type = "PreVoteResponse"
          /\ HandlePreVoteResponse(i, j, m)
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
       \/ /\ m.type = "InstallSnapshotRequest"
          /\ HandleInstallSnapshotRequest(i, j, m)
       \/ /\ m.type = "ReadIndexRequest"
          /\ HandleReadIndexRequest(i, j, m)
       \/ /\ m.type = "ReadIndexResponse"
          /\ \/ DropStaleResponse(i, j, m)
             \/ HandleReadIndexResponse(i, j, m)

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
    \/ \E i \in Server : StartElection(i)
    \/ \E i, j \in Server : RequestVote(i, j)
    \/ \E i \in Server : BecomeLeader(i)
    \/ \E i \in Server, v \in Values : ClientRequest(i, v)
    \/ \E i \in Server : AdvanceCommitIndex(i)
    \/ \E i \in Server : CheckLeaderQuorum(i)
    \/ \E i, j \in Server : AppendEntries(i, j)
    \/ \E i, j \in Server : TransferLeadership(i, j)
    \/ \E i \in Server : TakeSnapshot(i)
    \/ \E i, j \in Server : InstallSnapshot(i, j)
    \/ \E i \in Server : ApplyCommitted(i)
    \/ \E i \in Server : Tick(i)
    \/ \E i \in Server, a \in 0..MaxLogLen : ReadIndexStart(i, a)
    \/ \E i, j \in Server : ReadIndexConfirm(i, j)
    \/ \E i \in Server : ReadIndexAnswer(i)
    \/ \E m \in DOMAIN messages : Receive(m)
    \/ /\ Mem!Next
       /\ UNCHANGED <<messages, votedFor, heardFromLeader, snapshot, sm, candidateVars, nextIndex, heardFrom, read, acknowledged, clock>>

Next == \/ \E i \in Server : Restart(i)
        \/ ServerNext
        \/ \E m \in DOMAIN messages : DuplicateMessage(m)
        \/ \E m \in DOMAIN messages : DropMessage(m)

Spec == Init /\ [][Next]_vars

----
\* Properties (src/raft/invariants.ts), one operator per property.

TypeOK ==
    /\ currentTerm \in [Server -> Nat \ {0}]
    /\ state \in [Server -> {"Follower", "PreCandidate", "Candidate", "Leader"}]
    /\ heardFromLeader \in [Server -> BOOLEAN]
    /\ PreVote \/ \A i \in Server : state[i] /= "PreCandidate"
    /\ PreVote \/ CheckQuorum \/ \A i \in Server : ~heardFromLeader[i]
    /\ heardFrom \in [Server -> SUBSET Server]
    /\ CheckQuorum \/ \A i \in Server : heardFrom[i] = {}
    /\ votedFor \in [Server -> Server \cup {Nil}]
    /\ \A i \in Server : \A k \in 1..Len(log[i]) :
           /\ log[i][k].term \in Nat \ {0}
           /\ \/ log[i][k].value \in Values
              \/ Membership /= "off" /\ Mem!TypeOKConfig(log[i][k].value)
    /\ commitIndex \in [Server -> Nat]
    /\ \A i \in Server :
           /\ snapshot[i].index \in Nat /\ snapshot[i].term \in Nat
           /\ snapshot[i].state \in Seq(Value) /\ Len(snapshot[i].state) = snapshot[i].index
           /\ Snapshots \/ snapshot[i].index = 0
           /\ sm[i].lastApplied \in Nat /\ sm[i].applied \in Seq(Values)
           /\ sm[i].sessions \in [Client -> IF SessionExpiry
                                        THEN [seq : Nat, response : Nat, last : Nat, expired : BOOLEAN]
                                        ELSE [seq : Nat, response : Nat]]
           /\ Sessions \/ sm[i] = NoSM
    /\ votesResponded \in [Server -> SUBSET Server]
    /\ votesGranted \in [Server -> SUBSET Server]
    /\ nextIndex \in [Server -> [Server -> Nat \ {0}]]
    /\ matchIndex \in [Server -> [Server -> Nat]]
    /\ \A m \in DOMAIN messages : messages[m] >= 1 /\ m.source \in Server /\ m.dest \in Server
    /\ \A i \in Server :
           /\ read[i].id \in Nat /\ read[i].pending \in BOOLEAN /\ read[i].index \in Nat
           /\ read[i].acks \in SUBSET Server /\ read[i].acked \in Nat /\ acknowledged[i] \in Nat
           /\ read[i].pending \/ read[i] = [NoRead EXCEPT !.id = read[i].id]
           /\ ReadIndex \/ (read[i] = NoRead /\ acknowledged[i] = 0)
           /\ clock[i] \in Nat /\ (SessionExpiry \/ clock[i] = 0)

\* Figure 3: at most one leader per term (among the current leaders).
ElectionSafety ==
    \A i, j \in Server :
        (state[i] = "Leader" /\ state[j] = "Leader" /\ currentTerm[i] = currentTerm[j]) => i = j

\* Figure 3: logs with an entry of the same index and term agree up to it (over
\* snapshot + log: at the indices whose term both still know).
LogMatching ==
    \A i, j \in Server :
        \A k \in Max({snapshot[i].index, snapshot[j].index, 1})..Min({LastIndex(i), LastIndex(j)}) :
            TermAt(i, k) = TermAt(j, k) => \A p \in 1..k : SameEntry(i, j, p)

\* Figure 3, as a state predicate: what i knows to be committed was committed in a
\* term <= currentTerm[i], so every leader of a later term holds it.
LeaderCompleteness ==
    \A l, i \in Server :
        (state[l] = "Leader" /\ currentTerm[l] > currentTerm[i]) =>
            \A k \in 1..Min({commitIndex[i], LastIndex(i)}) :
                k <= LastIndex(l) /\ SameEntry(l, i, k)

\* Figure 3: committed prefixes agree.
StateMachineSafety ==
    \A i, j \in Server :
        \A k \in 1..Min({commitIndex[i], commitIndex[j], LastIndex(i), LastIndex(j)}) :
            SameEntry(i, j, k)

\* Ours: the last entry a server knows to be committed is held by a quorum.
CommittedOnQuorum ==
    \* (a majority of Server is no quorum once the configuration changes)
    Membership = "off" => \A i \in Server :
        LET k == Min({commitIndex[i], LastIndex(i)})
        IN k > 0 => {j \in Server : k <= LastIndex(j) /\ SameEntry(j, i, k)} \in Quorum

\* Ours (Figure 8): no server lacking a committed entry has a log at least as
\* up-to-date as the logs of a quorum, so none could be elected without it.
UpToDate(lastLogTerm, lastLogIndex, v) ==
    \/ lastLogTerm > LastTermOf(v)
    \/ lastLogTerm = LastTermOf(v) /\ lastLogIndex >= LastIndex(v)

CommittedSurvivesElection ==
    Membership = "off" => \A i \in Server :
        LET k == Min({commitIndex[i], LastIndex(i)})
        IN k > 0 =>
            \A t \in Server :
                ~(k <= LastIndex(t) /\ SameEntry(t, i, k)) =>
                    {v \in Server : UpToDate(LastTermOf(t), LastIndex(t), v)} \notin Quorum

\* Ours (Raft section 7): a snapshot never includes an uncommitted entry.
SnapshotCommitted == \A i \in Server : snapshot[i].index <= commitIndex[i]

\* Thesis 6.3: no command is applied twice.
NoCommandAppliedTwice ==
    \A i \in Server : \A p, q \in 1..Len(sm[i].applied) :
        p < q => sm[i].applied[p] /= sm[i].applied[q]

\* Thesis 6.3: the response a session caches is the one its command got when it
\* was applied, the first time.
ResponsesMatch ==
    \A i \in Server, c \in Client :
        LET s == sm[i].sessions[c]
        IN  s.seq > 0 =>
                /\ s.response \in 1..Len(sm[i].applied)
                /\ sm[i].applied[s.response] = [client |-> c, seq |-> s.seq]
                /\ \A p \in 1..s.response - 1 : sm[i].applied[p] /= [client |-> c, seq |-> s.seq]

\* Servers' state machines agree: one has applied a prefix of the other's commands.
AppliedAgree ==
    \A i, j \in Server :
        LET n == Min({Len(sm[i].applied), Len(sm[j].applied)})
        IN  SubSeq(sm[i].applied, 1, n) = SubSeq(sm[j].applied, 1, n)

\* Ours (thesis 9.6, an action property): while leader l and the servers of its
\* term that heard from it since their last timeout, less those that granted c a
\* pre-vote, are a quorum (c is cut off from a live cluster), c does not start an
\* election past l's term (which raises the cluster's term once a message of c's
\* arrives).  Holds vacuously unless PreVote or CheckQuorum: heardFromLeader stays FALSE.
LiveFor(l, c) ==
    /\ state[l] = "Leader"
    /\ ({l} \cup {j \in Server : heardFromLeader[j] /\ currentTerm[j] = currentTerm[l]})
           \ votesGranted[c] \in Quorum

NoDisruptiveTermRaise ==
    [][\A c, l \in Server :
         (/\ state'[c] = "Candidate" /\ currentTerm'[c] > currentTerm[c]
          /\ currentTerm'[c] > currentTerm[l]) => ~LiveFor(l, c)]_vars

\* Ours (thesis 6.3): servers that applied the same entries have the same state
\* machine, session table included: all replicas expire the same sessions.
SessionsAgree ==
    \A i, j \in Server : sm[i].lastApplied = sm[j].lastApplied => sm[i] = sm[j]

\* Ours (thesis 6.4, an action property): a read answered returns the values of
\* entries 1..commitIndex[i], which include every write acknowledged before the
\* read began (its history field acked): no read returns a value older than a
\* write acknowledged before it began.  Vacuous unless ReadIndex.
ReadsLinearizable ==
    [][\A i \in Server :
         (read[i].pending /\ ~read'[i].pending /\ state'[i] = "Leader") =>
             Min({commitIndex[i], LastIndex(i)}) >= read[i].acked]_vars

\* Figure 3 (an action property): a leader only appends to its log in its term
\* (compacting keeps every value, and every term it still knows).
LeaderAppendOnly ==
    [][\A i \in Server :
         (state[i] = "Leader" /\ state'[i] = "Leader" /\ currentTerm[i] = currentTerm'[i]) =>
             /\ LastIndex(i)' >= LastIndex(i)
             /\ \A k \in 1..LastIndex(i) :
                    /\ ValueAt(i, k)' = ValueAt(i, k)
                    /\ (k >= snapshot'[i].index /\ k >= snapshot[i].index) =>
                           TermAt(i, k)' = TermAt(i, k)]_vars

=============================================================================

----------------------------- MODULE MCRaftLive -----------------------------
(***************************************************************************)
(* Liveness of src/raft (docs/liveness.md).  LiveSpec: weak fairness of   *)
(* every server action but ClientRequest, and of delivery per channel; no  *)
(* faults.  "Eventually a leader" fails: elections can keep failing (TLC   *)
(* exit 13), which is why Raft randomises election timeouts (Raft 5.2).    *)
(* PatientTimerSpec: a candidate times out only once it has lost; split    *)
(* votes (each votes for itself) can still repeat for ever (exit 13).      *)
(* StableTimerSpec adds stable timers: only s1 ever becomes a candidate    *)
(* (the others hear it before their timers fire), and a candidate never    *)
(* times out again as a candidate (its timer outlasts the election); then  *)
(* a leader is elected and a submitted value is committed.                 *)
(*                                                                         *)
(* Terms only grow, so the model is made finite by a VIEW: every term      *)
(* minus (the smallest live term - 1), with the CONSTRAINT bounding terms  *)
(* above it.  0 as lastLogTerm or prevLogTerm means "no entry" and is not  *)
(* shifted.  Raft compares terms only with each other (and Timeout adds    *)
(* 1), so a cycle of views is a behaviour whose terms keep growing.        *)
(***************************************************************************)
EXTENDS MCRaft

LogTerms(l) == {l[k].term : k \in DOMAIN l}
MsgTerms(m) ==
    {m.term}
    \cup (IF m.type = "RequestVoteRequest" /\ m.lastLogIndex > 0 THEN {m.lastLogTerm} ELSE {})
    \cup (IF m.type = "AppendEntriesRequest"
          THEN (IF m.prevLogIndex > 0 THEN {m.prevLogTerm} ELSE {}) \cup LogTerms(m.entries) ELSE {})
    \cup (IF "log" \in DOMAIN m THEN LogTerms(m.log) ELSE {})
Terms == {currentTerm[i] : i \in Server} \cup UNION {LogTerms(log[i]) : i \in Server}
         \cup UNION {MsgTerms(m) : m \in DOMAIN messages}
K == Min(Terms) - 1

ShiftLog(l) == [k \in DOMAIN l |-> [l[k] EXCEPT !.term = @ - K]]
ShiftHistory(m) == IF "log" \in DOMAIN m THEN [m EXCEPT !.log = ShiftLog(@)] ELSE m
ShiftMsg(m) ==
    CASE m.type = "RequestVoteRequest" ->
             [m EXCEPT !.term = @ - K, !.lastLogTerm = IF m.lastLogIndex > 0 THEN @ - K ELSE @]
      [] m.type = "AppendEntriesRequest" ->
             ShiftHistory([m EXCEPT !.term = @ - K, !.entries = ShiftLog(@),
                                    !.prevLogTerm = IF m.prevLogIndex > 0 THEN @ - K ELSE @])
      [] OTHER -> ShiftHistory([m EXCEPT !.term = @ - K])
ShiftBag == [y \in {ShiftMsg(m) : m \in DOMAIN messages} |->
                messages[CHOOSE m \in DOMAIN messages : ShiftMsg(m) = y]]

\* The VIEW (src/raft/liveness.ts, relativeTerms); restarts, drops and duplicates stay 0 here.
LiveView == <<ShiftBag, [i \in Server |-> currentTerm[i] - K], state, votedFor,
              [i \in Server |-> ShiftLog(log[i])], commitIndex, votesResponded, votesGranted,
              nextIndex, matchIndex>>

\* MCRaft's bounds with terms counted from K.
LiveConstraint ==
    /\ \A i \in Server : currentTerm[i] - K <= MaxTerm
    /\ \A i \in Server : Len(log[i]) <= MaxLogLen
    /\ \A m \in DOMAIN messages : messages[m] <= MaxDup
    /\ SumOver(messages, DOMAIN messages) <= MaxMsgs
    /\ \A i \in Passive : state[i] /= "Candidate"

mvars == <<vars, restarts, drops, duplicates>>
Keep == UNCHANGED <<restarts, drops, duplicates>>

\* Weak fairness of each action instance (delivery per channel), as restricted by A.
Fairness(A) ==
    /\ \A i \in Server : /\ WF_mvars(Timeout(i) /\ Keep /\ A)
                         /\ WF_mvars(BecomeLeader(i) /\ Keep /\ A)
                         /\ WF_mvars(AdvanceCommitIndex(i) /\ Keep /\ A)
    /\ \A i, j \in Server : /\ WF_mvars(RequestVote(i, j) /\ Keep /\ A)
                            /\ WF_mvars(AppendEntries(i, j) /\ Keep /\ A)
                            /\ WF_mvars(\E m \in DOMAIN messages : m.source = i /\ m.dest = j /\ Receive(m) /\ Keep /\ A)

\* Stable timers: only s1 becomes a candidate; a candidate does not time out again.
OnlyFirstCandidate == \A i \in Server \ {s1} : state[i] /= "Candidate"
NoCandidateTimeout == \A i \in Server : ~(state[i] = "Candidate" /\ state'[i] = "Candidate" /\ currentTerm'[i] > currentTerm[i])
StableTimers == OnlyFirstCandidate' /\ NoCandidateTimeout

\* Patient timers: a candidate times out again only once it has lost (all answered, no quorum granted).
Lost(i) == votesResponded[i] = Server /\ votesGranted[i] \notin Quorum
TimeoutAfterLoss == \A i \in Server : (state[i] = "Candidate" /\ state'[i] = "Candidate" /\ currentTerm'[i] > currentTerm[i]) => Lost(i)

LiveSpec == MCInit /\ [][MCNext]_mvars /\ Fairness(TRUE)
PatientTimerSpec == MCInit /\ [][MCNext /\ TimeoutAfterLoss]_mvars /\ Fairness(TimeoutAfterLoss)
StableTimerSpec == MCInit /\ [][MCNext /\ StableTimers]_mvars /\ Fairness(StableTimers)

EventuallyLeader == <>(\E i \in Server : state[i] = "Leader")
EventuallyLeaderPatientTimers == <>(\E i \in Server : state[i] = "Leader")
EventuallyLeaderStableTimer == <>(\E i \in Server : state[i] = "Leader")
SubmittedCommittedStableTimer == (\E i \in Server : Len(log[i]) > 0) ~> (\E i \in Server : commitIndex[i] > 0)
=============================================================================

-------------------------- MODULE MCBasicPaxosLive --------------------------
(***************************************************************************)
(* Liveness of src/basicpaxos (docs/liveness.md): "eventually a value is   *)
(* learned" under weak fairness of every action (message delivery per      *)
(* channel) and stable timers (a proposer times out only to open its first *)
(* ballot; a later one comes only from a Nack, i.e. from being pre-empted). *)
(* DuelSpec: two proposers can pre-empt each other for ever (a lasso, TLC   *)
(* exit 13).  LeaderSpec: only p1 ever proposes, and a value is learned.   *)
(*                                                                         *)
(* Rounds only grow, so the model is made finite by a VIEW: every round    *)
(* minus the smallest one still live (0 while a proposer has no ballot),   *)
(* with the CONSTRAINT bounding rounds above that one.  Every action       *)
(* compares rounds only with each other or adds 1, so a cycle of views is  *)
(* a behaviour whose rounds keep growing.                                  *)
(***************************************************************************)
EXTENDS MCBasicPaxos

LiveProposer == {p1, p2}
LiveAcceptor == {a1, a2}
LiveLearner == {l1}
LiveValue == {v1}
LiveValueOf == (p1 :> v1) @@ (p2 :> v1)
LiveRank == (p1 :> 1) @@ (p2 :> 2)
LiveQuorum == {Q \in SUBSET LiveAcceptor : 2 * Cardinality(Q) > Cardinality(LiveAcceptor)}

BalRounds(S) == {b.round : b \in {x \in S : x # Nil}}
VoteRounds(S) == BalRounds({x.bal : x \in {y \in S : y # Nil}})
Rounds ==
    BalRounds({ballot[p] : p \in Proposer}) \cup VoteRounds({highest[p] : p \in Proposer})
    \cup BalRounds({promised[a] : a \in Acceptor}) \cup VoteRounds({accepted[a] : a \in Acceptor})
    \cup VoteRounds(UNION {votes[l] : l \in Learner})
    \cup BalRounds({m.bal : m \in DOMAIN msgs})
    \cup BalRounds({m.higher : m \in {x \in DOMAIN msgs : x.type = "Nack"}})
    \cup VoteRounds({m.accepted : m \in {x \in DOMAIN msgs : x.type = "Promise"}})
    \cup (IF \E p \in Proposer : ballot[p] = Nil THEN {0} ELSE {})
Low == IF Rounds = {} THEN 0 ELSE CHOOSE r \in Rounds : \A s \in Rounds : r <= s

Shift(b) == IF b = Nil THEN Nil ELSE [round |-> b.round - Low, proposer |-> b.proposer]
ShiftVote(x) == IF x = Nil THEN Nil ELSE [bal |-> Shift(x.bal), val |-> x.val]
ShiftMsg(m) == CASE m.type = "Nack" -> [m EXCEPT !.bal = Shift(@), !.higher = Shift(@)]
                 [] m.type = "Promise" -> [m EXCEPT !.bal = Shift(@), !.accepted = ShiftVote(@)]
                 [] OTHER -> [m EXCEPT !.bal = Shift(@)]
ShiftBag == [y \in {ShiftMsg(m) : m \in DOMAIN msgs} |->
                msgs[CHOOSE m \in DOMAIN msgs : ShiftMsg(m) = y]]

\* The VIEW (src/basicpaxos/liveness.ts, relativeRounds).
LiveView == <<[p \in Proposer |-> Shift(ballot[p])], phase, promises,
              [p \in Proposer |-> ShiftVote(highest[p])], proposal,
              [a \in Acceptor |-> Shift(promised[a])], [a \in Acceptor |-> ShiftVote(accepted[a])],
              [l \in Learner |-> {[x EXCEPT !.bal = Shift(@)] : x \in votes[l]}], learned, ShiftBag>>

\* MCBasicPaxos's bounds with rounds counted from Low.
LiveConstraint ==
    /\ \A p \in Proposer : ballot[p] = Nil \/ ballot[p].round - Low <= MaxRound
    /\ \A m \in DOMAIN msgs : msgs[m] <= MaxDup
    /\ SumOver(msgs, DOMAIN msgs) <= MaxMsgs

NacksTo(p) == SumOver(msgs, {m \in DOMAIN msgs : m.type = "Nack" /\ m.dest = p})

\* Stable timers: a proposer's ballot changes outside Idle only by consuming a Nack.
StableTimers == \A p \in Proposer : (ballot'[p] # ballot[p] /\ phase[p] # "Idle") => NacksTo(p)' < NacksTo(p)

\* One distinguished proposer: the others never open a ballot.
StableLeader == \A p \in Proposer \ {p1} : ballot[p] = Nil

\* Weak fairness of each action instance (message delivery per channel), as restricted by A.
Fairness(A) ==
    /\ \A p \in Proposer : WF_vars(Timeout(p) /\ A)
    /\ \A p \in Proposer, a \in Acceptor : WF_vars(SendPrepare(p, a) /\ A) /\ WF_vars(SendAccept(p, a) /\ A)
    /\ \A i, j \in Node : WF_vars(\E m \in DOMAIN msgs : m.source = i /\ m.dest = j /\ Receive(m) /\ A)

DuelSpec == MCInit /\ [][MCNext /\ StableTimers]_<<vars, sent>> /\ Fairness(StableTimers)
LeaderSpec == MCInit /\ [][MCNext /\ StableTimers /\ StableLeader']_<<vars, sent>> /\ Fairness(StableTimers /\ StableLeader')

EventuallyLearned == <>(LearnedValues # {})
EventuallyLearnedStableLeader == <>(LearnedValues # {})
=============================================================================

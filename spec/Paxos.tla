------------------------------- MODULE Paxos -------------------------------
(***************************************************************************)
(* Single-decree Paxos at the level of Lamport's Paxos.tla (tlaplus         *)
(* Examples, specifications/Paxos): no leaders or learners as processes,   *)
(* messages are a set that only grows.  Each action below is one function  *)
(* in src/paxos/actions/, with the same name, variables and message fields;*)
(* docs/paxos.md maps them to the rules of "Paxos Made Simple".            *)
(***************************************************************************)
EXTENDS Integers, FiniteSets

CONSTANTS
    Acceptor,   \* the processes that vote
    Value,      \* the values that may be proposed
    MaxBallot,  \* ballots are numbered 0..MaxBallot
    Quorum,     \* sets of acceptors; any two of them must share a member
    None        \* stands for "no value": maxVal of an acceptor that never voted

ASSUME QuorumsOfAcceptors == \A Q \in Quorum : Q \subseteq Acceptor
ASSUME QuorumsIntersect == \A Q1, Q2 \in Quorum : Q1 \cap Q2 # {}
ASSUME NoneIsNoValue == None \notin Value

Ballot == 0..MaxBallot

(***************************************************************************)
(* The messages.  A phase 1a message opens a ballot; a 1b message is an    *)
(* acceptor's promise, carrying its latest vote (mbal, mval), or -1 and    *)
(* None if it has not voted; a 2a message proposes a value for a ballot;   *)
(* a 2b message is a vote.                                                 *)
(***************************************************************************)
Message ==
         [type : {"1a"}, bal : Ballot]
    \cup [type : {"1b"}, acc : Acceptor, bal : Ballot,
          mbal : Ballot \cup {-1}, mval : Value \cup {None}]
    \cup [type : {"2a"}, bal : Ballot, val : Value]
    \cup [type : {"2b"}, acc : Acceptor, bal : Ballot, val : Value]

VARIABLES
    maxBal,   \* maxBal[a]: the highest ballot acceptor a has joined, -1 at first
    maxVBal,  \* maxVBal[a], maxVal[a]: the ballot and value of a's latest vote,
    maxVal,   \*   or -1 and None while a has not voted
    msgs      \* every message sent so far; nothing is ever removed

vars == <<maxBal, maxVBal, maxVal, msgs>>

Init ==
    /\ maxBal = [a \in Acceptor |-> -1]
    /\ maxVBal = [a \in Acceptor |-> -1]
    /\ maxVal = [a \in Acceptor |-> None]
    /\ msgs = {}

Send(m) == msgs' = msgs \cup {m}

(***************************************************************************)
(* The leader of ballot b starts it.  Always enabled: sending a 1a message *)
(* that was sent before changes nothing, so no state is a deadlock.        *)
(* (src/paxos/actions/phase1a.ts)                                           *)
(***************************************************************************)
Phase1a(b) ==
    /\ Send([type |-> "1a", bal |-> b])
    /\ UNCHANGED <<maxBal, maxVBal, maxVal>>

(***************************************************************************)
(* Acceptor a joins a ballot higher than any it has joined, promising to   *)
(* vote in no lower ballot, and reports its latest vote.                   *)
(* (src/paxos/actions/phase1b.ts)                                           *)
(***************************************************************************)
Phase1b(a) ==
    /\ \E m \in msgs :
          /\ m.type = "1a"
          /\ m.bal > maxBal[a]
          /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
          /\ Send([type |-> "1b", acc |-> a, bal |-> m.bal,
                   mbal |-> maxVBal[a], mval |-> maxVal[a]])
    /\ UNCHANGED <<maxVBal, maxVal>>

(***************************************************************************)
(* The ballot b messages of type 1b from members of Q, and those of them   *)
(* that report a vote.                                                     *)
(***************************************************************************)
Q1b(Q, b) == {m \in msgs : m.type = "1b" /\ m.acc \in Q /\ m.bal = b}
Q1bv(Q, b) == {m \in Q1b(Q, b) : m.mbal >= 0}

\* Every member of Q has joined ballot b.  (quorumAnswered in phase2a.ts)
QuorumAnswered(Q, b) == \A a \in Q : \E m \in Q1b(Q, b) : m.acc = a

(***************************************************************************)
(* The answers of Q show v safe at b: no member of Q reported a vote, or v *)
(* is the value of a reported vote with the highest ballot.  The witness m *)
(* of that vote is a parameter of the TypeScript function: TLC makes one   *)
(* successor per witness, and so does our explorer.                        *)
(* (quorumShowsSafe in phase2a.ts)                                         *)
(***************************************************************************)
QuorumShowsSafe(Q, b, v) ==
    /\ QuorumAnswered(Q, b)
    /\ \/ Q1bv(Q, b) = {}
       \/ \E m \in Q1bv(Q, b) :
             /\ m.mval = v
             /\ \A mm \in Q1bv(Q, b) : m.mbal >= mm.mbal

(***************************************************************************)
(* The leader of ballot b, which has not proposed yet in b, proposes v     *)
(* once a quorum's answers show v safe.  (src/paxos/actions/phase2a.ts)     *)
(***************************************************************************)
Phase2a(b, v) ==
    /\ ~ \E m \in msgs : m.type = "2a" /\ m.bal = b
    /\ \E Q \in Quorum : QuorumShowsSafe(Q, b, v)
    /\ Send([type |-> "2a", bal |-> b, val |-> v])
    /\ UNCHANGED <<maxBal, maxVBal, maxVal>>

(***************************************************************************)
(* Acceptor a votes for a proposal unless it joined a higher ballot, and   *)
(* announces its vote.  (src/paxos/actions/phase2b.ts)                      *)
(***************************************************************************)
Phase2b(a) ==
    \E m \in msgs :
       /\ m.type = "2a"
       /\ m.bal >= maxBal[a]
       /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
       /\ maxVBal' = [maxVBal EXCEPT ![a] = m.bal]
       /\ maxVal' = [maxVal EXCEPT ![a] = m.val]
       /\ Send([type |-> "2b", acc |-> a, bal |-> m.bal, val |-> m.val])

\* The disjuncts in the order src/paxos/next.ts enumerates them.
Next ==
    \/ \E b \in Ballot : \/ Phase1a(b)
                         \/ \E v \in Value : Phase2a(b, v)
    \/ \E a \in Acceptor : Phase1b(a) \/ Phase2b(a)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(***************************************************************************)
(* The votes, as in Lamport's refinement mapping to Voting.tla: a vote is  *)
(* a 2b message.  The operators below are Voting.tla's, over these votes   *)
(* and maxBal (src/paxos/voting.ts).                                        *)
(***************************************************************************)
votes == [a \in Acceptor |->
            {<<m.bal, m.val>> : m \in {mm \in msgs : mm.type = "2b" /\ mm.acc = a}}]

VotedFor(a, b, v) == <<b, v>> \in votes[a]
DidNotVoteAt(a, b) == \A v \in Value : ~ VotedFor(a, b, v)
CannotVoteAt(a, b) == maxBal[a] > b /\ DidNotVoteAt(a, b)
ChosenAt(b, v) == \E Q \in Quorum : \A a \in Q : VotedFor(a, b, v)
chosen == {v \in Value : \E b \in Ballot : ChosenAt(b, v)}
NoneOtherChoosableAt(b, v) ==
    \E Q \in Quorum : \A a \in Q : VotedFor(a, b, v) \/ CannotVoteAt(a, b)
SafeAt(b, v) == \A c \in 0..(b - 1) : NoneOtherChoosableAt(c, v)
ShowsSafeAt(Q, b, v) ==
    /\ \A a \in Q : maxBal[a] >= b
    /\ \E c \in -1..(b - 1) :
          /\ (c # -1) => \E a \in Q : VotedFor(a, c, v)
          /\ \A d \in (c + 1)..(b - 1), a \in Q : DidNotVoteAt(a, d)

-----------------------------------------------------------------------------
(***************************************************************************)
(* Invariants, one per conjunct, named as in src/paxos/invariants.ts.       *)
(***************************************************************************)
TypeOK ==
    /\ maxBal \in [Acceptor -> Ballot \cup {-1}]
    /\ maxVBal \in [Acceptor -> Ballot \cup {-1}]
    /\ maxVal \in [Acceptor -> Value \cup {None}]
    /\ msgs \subseteq Message

\* Voting.tla: no two acceptors vote for different values in one ballot.
OneValuePerBallot ==
    \A a, aa \in Acceptor, b \in Ballot, v, w \in Value :
       VotedFor(a, b, v) /\ VotedFor(aa, b, w) => v = w

\* Voting.tla: every vote is for a value safe at its ballot.
VotesSafe ==
    \A a \in Acceptor, b \in Ballot, v \in Value : VotedFor(a, b, v) => SafeAt(b, v)

\* Consensus.tla: at most one value is chosen.
Consistency == Cardinality(chosen) <= 1

\* Ours: a value chosen in a ballot was proposed in that ballot.
ChosenWasProposed ==
    \A b \in Ballot, v \in Value :
       ChosenAt(b, v) => [type |-> "2a", bal |-> b, val |-> v] \in msgs

\* The conjuncts of Lamport's inductive invariant Inv, beyond TypeOK and Voting's.
MaxVoteIsVote ==
    \A a \in Acceptor :
       IF maxVBal[a] = -1 THEN maxVal[a] = None
                          ELSE VotedFor(a, maxVBal[a], maxVal[a])

Msg1bTruthful ==
    \A m \in msgs :
       (m.type = "1b") => /\ maxBal[m.acc] >= m.bal
                          /\ (m.mbal >= 0) => VotedFor(m.acc, m.mbal, m.mval)

Msg2aSafe ==
    \A m \in msgs :
       (m.type = "2a") => \E Q \in Quorum : ShowsSafeAt(Q, m.bal, m.val)

Msg2aUnique ==
    \A m, mm \in msgs :
       (m.type = "2a" /\ mm.type = "2a" /\ mm.bal = m.bal) => mm.val = m.val

-----------------------------------------------------------------------------
(***************************************************************************)
(* Witnesses (src/paxos/witnesses.ts): each should hold in some reachable  *)
(* state.  TLC checks invariants only, so MCPaxos.tla offers negations: a  *)
(* reported violation of one is a trace to the witness.                    *)
(***************************************************************************)
ValueChosen == chosen # {}
VoteChanged ==
    \E a \in Acceptor, b, c \in Ballot, v, w \in Value :
       v # w /\ VotedFor(a, b, v) /\ VotedFor(a, c, w)
ChosenTwice ==
    \E v \in Value, b, c \in Ballot : b # c /\ ChosenAt(b, v) /\ ChosenAt(c, v)
=============================================================================

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

(***************************************************************************)
(* The refinement mapping to Lamport's Paxos.tla (src/basicpaxos/         *)
(* refinement.ts): ballot [round |-> r, proposer |-> p] is the integer    *)
(* r * Cardinality(Proposer) + Rank[p] - 1, one to one and in order; the   *)
(* acceptors' promised and accepted are maxBal, maxVBal and maxVal; msgs  *)
(* is what was sent, as Paxos messages.  A Nack is no Paxos message, nor  *)
(* a Promise reporting a vote in its own ballot (Paxos's Phase1b joins    *)
(* only a ballot above maxBal, and no proposer can count that promise: it  *)
(* left Phase 1 before any Accept of the ballot was sent).  MaxBallot      *)
(* covers round MaxRound + 1, which a step from within the bounds opens.   *)
(***************************************************************************)
BallotNum(b) == b.round * Cardinality(Proposer) + Rank[b.proposer] - 1
VoteBal(x) == IF x = Nil THEN -1 ELSE BallotNum(x.bal)
VoteVal(x) == IF x = Nil THEN Nil ELSE x.val

PaxosMsgs(m) ==
    CASE m.type = "Prepare" -> {[type |-> "1a", bal |-> BallotNum(m.bal)]}
      [] m.type = "Promise" ->
            IF VoteBal(m.accepted) >= BallotNum(m.bal) THEN {}
            ELSE {[type |-> "1b", acc |-> m.source, bal |-> BallotNum(m.bal),
                   mbal |-> VoteBal(m.accepted), mval |-> VoteVal(m.accepted)]}
      [] m.type = "Accept" -> {[type |-> "2a", bal |-> BallotNum(m.bal), val |-> m.val]}
      [] m.type = "Accepted" -> {[type |-> "2b", acc |-> m.source, bal |-> BallotNum(m.bal), val |-> m.val]}
      [] m.type = "Nack" -> {}

\* A history variable, for the refinement mapping only (no action reads it):
\* every message ever sent, as the Paxos messages it maps to (PaxosMsgs,
\* above; kept mapped so that TLC maps each message once).  A message in
\* flight was sent, so each step adds those in flight after it.  MCView
\* leaves it out, so it changes neither the distinct states nor what TLC
\* explores (our checker keeps it beside each state: model-check/
\* refinement.ts).
VARIABLE sent

MCInit == Init /\ sent = {}

MCNext ==
    /\ \/ RestartEnabled /\ \E i \in Node : Restart(i)
       \/ NodeNext
       \/ DuplicateEnabled /\ \E m \in DOMAIN msgs : DuplicateMessage(m)
       \/ DropEnabled /\ \E m \in DOMAIN msgs : DropMessage(m)
    /\ sent' = sent \cup UNION {PaxosMsgs(m) : m \in DOMAIN msgs'}

MCSpec == MCInit /\ [][MCNext]_<<vars, sent>>

MCView == vars

RECURSIVE SumOver(_, _)
SumOver(f, S) == IF S = {} THEN 0
                 ELSE LET x == CHOOSE y \in S : TRUE IN f[x] + SumOver(f, S \ {x})

StateConstraint ==
    /\ \A p \in Proposer : ballot[p] = Nil \/ ballot[p].round <= MaxRound
    /\ \A m \in DOMAIN msgs : msgs[m] <= MaxDup
    /\ SumOver(msgs, DOMAIN msgs) <= MaxMsgs

LP == INSTANCE Paxos WITH
    MaxBallot <- (MaxRound + 2) * Cardinality(Proposer) - 1,
    None <- Nil,
    maxBal <- [a \in Acceptor |-> IF promised[a] = Nil THEN -1 ELSE BallotNum(promised[a])],
    maxVBal <- [a \in Acceptor |-> VoteBal(accepted[a])],
    maxVal <- [a \in Acceptor |-> VoteVal(accepted[a])],
    msgs <- sent

\* Every behaviour of MCSpec is one of Paxos.tla under the mapping (PROPERTY).
RefinesPaxos == LP!Spec

\* Witnesses: add one as an INVARIANT to get a trace to it.
NotValueLearned == ~ ValueLearned
NotNackSent == ~ NackSent
NotRetried == ~ Retried
NotAdoptedVote == ~ AdoptedVote
=============================================================================

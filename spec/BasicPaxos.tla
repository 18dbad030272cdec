----------------------------- MODULE BasicPaxos -----------------------------
(***************************************************************************)
(* Basic (single-decree) Paxos as proposers, acceptors and learners that   *)
(* exchange messages over a bag that may lose, duplicate and reorder them  *)
(* (Lamport, "Paxos Made Simple", as roles).  Each action is one function  *)
(* of src/basicpaxos with the same name (camelCase), and every variable is *)
(* the field of the same name in that node's TypeScript state.  A ballot   *)
(* is a record [round, proposer], ordered by round, then by Rank of the    *)
(* proposer, so that the ballots of two proposers never coincide.          *)
(* docs/paxos.md maps each action to the paper's rule.                     *)
(***************************************************************************)
EXTENDS Integers, FiniteSets, TLC

CONSTANTS
    Proposer,   \* the nodes that propose
    Acceptor,   \* the nodes that promise and accept
    Learner,    \* the nodes that learn the chosen value
    Value,      \* the values that may be proposed
    ValueOf,    \* ValueOf[p]: the client value proposer p proposes if free to
    Rank,       \* Rank[p]: a number per proposer, breaking ties of rounds
    Quorum,     \* sets of acceptors; any two of them must share a member
    Nil         \* "none": no ballot, no vote

ASSUME QuorumsIntersect == \A Q1, Q2 \in Quorum : Q1 \cap Q2 # {}
ASSUME ValuesOfProposers == \A p \in Proposer : ValueOf[p] \in Value

Node == Proposer \cup Acceptor \cup Learner

VARIABLES
    \* proposers (src/basicpaxos/types.ts, Proposer)
    ballot,     \* ballot[p]: p's latest ballot, or Nil before its first (durable)
    phase,      \* "Idle", "Phase1" (collecting promises) or "Phase2" (proposing)
    promises,   \* the acceptors that promised p's current ballot
    highest,    \* the highest-numbered vote [bal, val] those promises reported, or Nil
    proposal,   \* the value p proposes in Phase 2, or Nil
    \* acceptors (Acceptor), all durable
    promised,   \* promised[a]: the highest ballot a promised or accepted in, or Nil
    accepted,   \* accepted[a]: a's latest vote [bal, val], or Nil
    \* learners (Learner)
    votes,      \* votes[l]: the Accepted messages l counted, as [bal, val, acc] records
    learned,    \* learned[l]: the values l learned (durable)
    \* the network
    msgs        \* a bag of messages in flight: message -> copies (no entry for 0)

proposerVars == <<ballot, phase, promises, highest, proposal>>
acceptorVars == <<promised, accepted>>
learnerVars == <<votes, learned>>
vars == <<proposerVars, acceptorVars, learnerVars, msgs>>

-----------------------------------------------------------------------------
\* Ballots and votes.

\* Written with IF, not \/: in an action TLC takes every true disjunct as a
\* successor of its own, and evaluates each (c.round of Nil).
Above(b, c) == IF c = Nil THEN TRUE
               ELSE IF b.round # c.round THEN b.round > c.round
               ELSE Rank[b.proposer] > Rank[c.proposer]
AtLeast(b, c) == IF b = c THEN TRUE ELSE Above(b, c)
HigherVote(x, y) == IF y = Nil THEN x
                    ELSE IF x = Nil THEN y
                    ELSE IF Above(y.bal, x.bal) THEN y ELSE x
Max(x, y) == IF x >= y THEN x ELSE y

\* A quorum is among S.  A set, not an existential, so TLC makes one successor.
HasQuorum(S) == {Q \in Quorum : Q \subseteq S} # {}

\* Bags (raft.tla's WithMessage, WithoutMessage), and one more copy of each of a set.
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

-----------------------------------------------------------------------------
Init ==
    /\ ballot = [p \in Proposer |-> Nil]
    /\ phase = [p \in Proposer |-> "Idle"]
    /\ promises = [p \in Proposer |-> {}]
    /\ highest = [p \in Proposer |-> Nil]
    /\ proposal = [p \in Proposer |-> Nil]
    /\ promised = [a \in Acceptor |-> Nil]
    /\ accepted = [a \in Acceptor |-> Nil]
    /\ votes = [l \in Learner |-> {}]
    /\ learned = [l \in Learner |-> {}]
    /\ msgs = [m \in {} |-> 0]

-----------------------------------------------------------------------------
\* Proposer p opens ballot (r, p) and starts Phase 1 over (actions/retry.ts).
Retry(p, r) ==
    /\ ballot' = [ballot EXCEPT ![p] = [round |-> r, proposer |-> p]]
    /\ phase' = [phase EXCEPT ![p] = "Phase1"]
    /\ promises' = [promises EXCEPT ![p] = {}]
    /\ highest' = [highest EXCEPT ![p] = Nil]
    /\ proposal' = [proposal EXCEPT ![p] = Nil]

\* Proposer p opens a new ballot: its first, or a retry after hearing nothing.
Timeout(p) ==
    /\ Retry(p, IF ballot[p] = Nil THEN 0 ELSE ballot[p].round + 1)
    /\ UNCHANGED <<acceptorVars, learnerVars, msgs>>

\* Proposer p asks acceptor a to promise its ballot (Phase 1(a)).
SendPrepare(p, a) ==
    /\ phase[p] = "Phase1"
    /\ a \notin promises[p]
    /\ Send([type |-> "Prepare", source |-> p, dest |-> a, bal |-> ballot[p]])
    /\ UNCHANGED <<proposerVars, acceptorVars, learnerVars>>

\* Proposer p asks acceptor a to accept its proposal (Phase 2(a)).
SendAccept(p, a) ==
    /\ phase[p] = "Phase2"
    /\ Send([type |-> "Accept", source |-> p, dest |-> a, bal |-> ballot[p], val |-> proposal[p]])
    /\ UNCHANGED <<proposerVars, acceptorVars, learnerVars>>

\* Node i crashes and recovers with its durable variables only.
Restart(i) ==
    \/ /\ i \in Proposer
       /\ phase' = [phase EXCEPT ![i] = "Idle"]
       /\ promises' = [promises EXCEPT ![i] = {}]
       /\ highest' = [highest EXCEPT ![i] = Nil]
       /\ proposal' = [proposal EXCEPT ![i] = Nil]
       /\ UNCHANGED <<ballot, acceptorVars, learnerVars, msgs>>
    \/ /\ i \in Acceptor
       /\ UNCHANGED vars
    \/ /\ i \in Learner
       /\ votes' = [votes EXCEPT ![i] = {}]
       /\ UNCHANGED <<proposerVars, acceptorVars, learned, msgs>>

-----------------------------------------------------------------------------
\* Acceptor a answers a prepare request (Phase 1(b)).
HandlePrepare(a, m) ==
    \/ /\ ~ AtLeast(m.bal, promised[a])   \* reject: a promised a higher ballot
       /\ Reply([type |-> "Nack", source |-> a, dest |-> m.source, bal |-> m.bal,
                 higher |-> promised[a]], m)
       /\ UNCHANGED <<proposerVars, acceptorVars, learnerVars>>
    \/ /\ AtLeast(m.bal, promised[a])     \* promise
       /\ promised' = [promised EXCEPT ![a] = m.bal]
       /\ Reply([type |-> "Promise", source |-> a, dest |-> m.source, bal |-> m.bal,
                 accepted |-> accepted[a]], m)
       /\ UNCHANGED <<proposerVars, accepted, learnerVars>>

\* Proposer p counts a promise for its current ballot in Phase 1; with a quorum
\* it enters Phase 2 with its proposal fixed: the value of the highest-numbered
\* vote reported, or its own (Phase 2(a), P2c).
HandlePromise(p, m) ==
    LET ps == promises[p] \cup {m.source}
        h == HigherVote(highest[p], m.accepted)
    IN \/ /\ phase[p] = "Phase1"          \* count
          /\ ballot[p] = m.bal
          /\ ~ HasQuorum(ps)
          /\ promises' = [promises EXCEPT ![p] = ps]
          /\ highest' = [highest EXCEPT ![p] = h]
          /\ Discard(m)
          /\ UNCHANGED <<ballot, phase, proposal, acceptorVars, learnerVars>>
       \/ /\ phase[p] = "Phase1"          \* quorum: Phase 2
          /\ ballot[p] = m.bal
          /\ HasQuorum(ps)
          /\ phase' = [phase EXCEPT ![p] = "Phase2"]
          /\ proposal' = [proposal EXCEPT ![p] = IF h = Nil THEN ValueOf[p] ELSE h.val]
          /\ promises' = [promises EXCEPT ![p] = {}]
          /\ highest' = [highest EXCEPT ![p] = Nil]
          /\ Discard(m)
          /\ UNCHANGED <<ballot, acceptorVars, learnerVars>>
       \/ /\ ~ (phase[p] = "Phase1" /\ ballot[p] = m.bal)   \* stale: discard
          /\ Discard(m)
          /\ UNCHANGED <<proposerVars, acceptorVars, learnerVars>>

\* Proposer p hears of a higher ballot and retries above it.
HandleNack(p, m) ==
    \/ /\ phase[p] # "Idle"               \* retry
       /\ ballot[p] = m.bal
       /\ Retry(p, Max(m.bal.round, m.higher.round) + 1)
       /\ Discard(m)
       /\ UNCHANGED <<acceptorVars, learnerVars>>
    \/ /\ ~ (phase[p] # "Idle" /\ ballot[p] = m.bal)     \* stale: discard
       /\ Discard(m)
       /\ UNCHANGED <<proposerVars, acceptorVars, learnerVars>>

\* Acceptor a answers an accept request (Phase 2(b)) and tells the learners.
HandleAccept(a, m) ==
    \/ /\ ~ AtLeast(m.bal, promised[a])   \* reject: a promised a higher ballot
       /\ Reply([type |-> "Nack", source |-> a, dest |-> m.source, bal |-> m.bal,
                 higher |-> promised[a]], m)
       /\ UNCHANGED <<proposerVars, acceptorVars, learnerVars>>
    \/ /\ AtLeast(m.bal, promised[a])     \* accept
       /\ promised' = [promised EXCEPT ![a] = m.bal]
       /\ accepted' = [accepted EXCEPT ![a] = [bal |-> m.bal, val |-> m.val]]
       /\ msgs' = WithMessages({[type |-> "Accepted", source |-> a, dest |-> l,
                                 bal |-> m.bal, val |-> m.val] : l \in Learner},
                               WithoutMessage(m, msgs))
       /\ UNCHANGED <<proposerVars, learnerVars>>

\* Learner l counts an acceptance and learns its value once a quorum accepted
\* it in one ballot.
HandleAccepted(l, m) ==
    LET vs == votes[l] \cup {[bal |-> m.bal, val |-> m.val, acc |-> m.source]}
        from == {x.acc : x \in {y \in vs : y.bal = m.bal /\ y.val = m.val}}
    IN /\ votes' = [votes EXCEPT ![l] = vs]
       /\ learned' = [learned EXCEPT ![l] = IF HasQuorum(from) THEN @ \cup {m.val} ELSE @]
       /\ Discard(m)
       /\ UNCHANGED <<proposerVars, acceptorVars>>

\* Message m reaches its recipient, whose role and the type decide the handler.
Receive(m) ==
    \/ m.type = "Prepare" /\ HandlePrepare(m.dest, m)
    \/ m.type = "Promise" /\ HandlePromise(m.dest, m)
    \/ m.type = "Nack" /\ HandleNack(m.dest, m)
    \/ m.type = "Accept" /\ HandleAccept(m.dest, m)
    \/ m.type = "Accepted" /\ HandleAccepted(m.dest, m)

\* The network delivers a second copy of m, or loses one.
DuplicateMessage(m) == Send(m) /\ UNCHANGED <<proposerVars, acceptorVars, learnerVars>>
DropMessage(m) == Discard(m) /\ UNCHANGED <<proposerVars, acceptorVars, learnerVars>>

-----------------------------------------------------------------------------
\* The nodes' actions, then the network's (MCBasicPaxos may leave out the latter).
NodeNext ==
    \/ \E p \in Proposer : \/ Timeout(p)
                           \/ \E a \in Acceptor : SendPrepare(p, a)
                           \/ \E a \in Acceptor : SendAccept(p, a)
    \/ \E m \in DOMAIN msgs : Receive(m)

Next ==
    \/ \E i \in Node : Restart(i)
    \/ NodeNext
    \/ \E m \in DOMAIN msgs : DuplicateMessage(m)
    \/ \E m \in DOMAIN msgs : DropMessage(m)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
\* Invariants (src/basicpaxos/invariants.ts), one per property.

LearnedValues == UNION {learned[l] : l \in Learner}

\* Consensus.tla's Cardinality(chosen) <= 1: at most one value is learned.
Consistency == Cardinality(LearnedValues) <= 1

\* A learned value is the value of some proposer.
LearnedWasProposed == \A v \in LearnedValues : \E p \in Proposer : ValueOf[p] = v

\* Every (ballot, value) proposed or voted for anywhere.
Proposals ==
       {[bal |-> ballot[p], val |-> proposal[p]] : p \in {q \in Proposer : phase[q] = "Phase2"}}
  \cup {accepted[a] : a \in {b \in Acceptor : accepted[b] # Nil}}
  \cup {[bal |-> x.bal, val |-> x.val] : x \in UNION {votes[l] : l \in Learner}}
  \cup {[bal |-> m.bal, val |-> m.val] : m \in {mm \in DOMAIN msgs : mm.type \in {"Accept", "Accepted"}}}

\* Voting.tla: no two values in one ballot.
OneValuePerBallot == \A x, y \in Proposals : x.bal = y.bal => x.val = y.val

\* An acceptor's vote is in a ballot it promised or below.
VoteWithinPromise ==
    \A a \in Acceptor : accepted[a] # Nil => (promised[a] # Nil /\ AtLeast(promised[a], accepted[a].bal))

\* Action property (P1a): an acceptor never accepts below the ballot it promised.
AcceptNotBelowPromise ==
    [][\A a \in Acceptor :
         (accepted'[a] # Nil /\ accepted'[a] # accepted[a] /\ promised[a] # Nil)
            => AtLeast(accepted'[a].bal, promised[a])]_vars

\* Witnesses (src/basicpaxos/witnesses.ts); MCBasicPaxos negates them.
ValueLearned == LearnedValues # {}
NackSent == \E m \in DOMAIN msgs : m.type = "Nack"
Retried == \E p \in Proposer : ballot[p] # Nil /\ ballot[p].round > 0
AdoptedVote == \E p \in Proposer : phase[p] = "Phase2" /\ proposal[p] # ValueOf[p]
=============================================================================

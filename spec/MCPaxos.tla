------------------------------ MODULE MCPaxos ------------------------------
(***************************************************************************)
(* The default model of src/paxos (`check paxos` with no flags): three     *)
(* acceptors, two values, ballots 0..1, every majority a quorum, no        *)
(* symmetry.  TLC: 3,921 distinct states, 23,839 generated, depth 17.      *)
(***************************************************************************)
EXTENDS Paxos, TLC

CONSTANTS a1, a2, a3, v1, v2

MCAcceptor == {a1, a2, a3}
MCValue == {v1, v2}
MCQuorum == {Q \in SUBSET MCAcceptor : 2 * Cardinality(Q) > Cardinality(MCAcceptor)}

\* Optional: SYMMETRY MCSymmetry in the .cfg, like `check paxos --symmetry` (every renaming of the
\* acceptors combined with every renaming of the values; majorities are kept by all of them).
MCSymmetry == {p @@ q : p \in Permutations(MCAcceptor), q \in Permutations(MCValue)}

\* Add one of these as an INVARIANT to get a trace to the witness it negates.
NotValueChosen == ~ ValueChosen
NotVoteChanged == ~ VoteChanged
NotChosenTwice == ~ ChosenTwice
=============================================================================

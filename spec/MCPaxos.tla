------------------------------ MODULE MCPaxos ------------------------------
(***************************************************************************)
(* The default model of src/paxos (`check paxos` with no flags): three     *)
(* acceptors, two values, ballots 0..1, every majority a quorum, no        *)
(* symmetry.  TLC: 3,921 distinct states, 23,839 generated, depth 17.      *)
(* The .cfg names the acceptors and values (model values) and the ballots. *)
(***************************************************************************)
EXTENDS Paxos, TLC

\* Every majority of the acceptors is a quorum (Quorum <- MCQuorum in the .cfg; or list the quorums).
MCQuorum == {Q \in SUBSET Acceptor : 2 * Cardinality(Q) > Cardinality(Acceptor)}

\* Optional: SYMMETRY MCSymmetry in the .cfg, like `check paxos --symmetry` (every renaming of the
\* acceptors combined with every renaming of the values; majorities are kept by all of them).
MCSymmetry == {p @@ q : p \in Permutations(Acceptor), q \in Permutations(Value)}

\* Add one of these as an INVARIANT to get a trace to the witness it negates.
NotValueChosen == ~ ValueChosen
NotVoteChanged == ~ VoteChanged
NotChosenTwice == ~ ChosenTwice
=============================================================================

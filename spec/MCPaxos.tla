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

\* The renamings of the acceptors that map the quorums onto quorums: all of them for majorities;
\* for {{a1, a2}, {a1, a3}} only the swap of a2 and a3 (a1 is special).  Any other renaming would
\* merge states that the quorums tell apart.
QuorumPermutations == {p \in Permutations(Acceptor) : \A Q \in Quorum : {p[a] : a \in Q} \in Quorum}

\* Optional: SYMMETRY MCSymmetry in the .cfg, like `check paxos --symmetry` (those renamings of the
\* acceptors combined with every renaming of the values; src/paxos/symmetry.ts).
MCSymmetry == {p @@ q : p \in QuorumPermutations, q \in Permutations(Value)}

\* Add one of these as an INVARIANT to get a trace to the witness it negates.
NotValueChosen == ~ ValueChosen
NotVoteChanged == ~ VoteChanged
NotChosenTwice == ~ ChosenTwice
=============================================================================

---- MODULE MCRaftLive_TTrace_1795940926 ----
EXTENDS Sequences, TLCExt, Toolbox, Naturals, TLC, MCRaftLive, MCRaftLive_TEConstants

_expression ==
    LET MCRaftLive_TEExpression == INSTANCE MCRaftLive_TEExpression
    IN MCRaftLive_TEExpression!expression
----

_trace ==
    LET MCRaftLive_TETrace == INSTANCE MCRaftLive_TETrace
    IN MCRaftLive_TETrace!trace
----

_prop ==
    ~(([]<>(
            duplicates = (0)
            /\
            votedFor = ((s1 :> Nil @@ s2 :> s2))
            /\
            log = ((s1 :> <<>> @@ s2 :> <<>>))
            /\
            nextIndex = ((s1 :> (s1 :> 1 @@ s2 :> 1) @@ s2 :> (s1 :> 1 @@ s2 :> 1)))
            /\
            restarts = ((s1 :> 0 @@ s2 :> 0))
            /\
            drops = (0)
            /\
            currentTerm = ((s1 :> 5 @@ s2 :> 4))
            /\
            votesResponded = ((s1 :> {} @@ s2 :> {s2}))
            /\
            votesGranted = ((s1 :> {} @@ s2 :> {s2}))
            /\
            messages = (<<>>)
            /\
            matchIndex = ((s1 :> (s1 :> 0 @@ s2 :> 0) @@ s2 :> (s1 :> 0 @@ s2 :> 0)))
            /\
            state = ((s1 :> "Candidate" @@ s2 :> "Candidate"))
            /\
            commitIndex = ((s1 :> 0 @@ s2 :> 0))
    ))/\([]<>(
            duplicates = (0)
            /\
            votedFor = ((s1 :> Nil @@ s2 :> s2))
            /\
            log = ((s1 :> <<>> @@ s2 :> <<>>))
            /\
            nextIndex = ((s1 :> (s1 :> 1 @@ s2 :> 1) @@ s2 :> (s1 :> 1 @@ s2 :> 1)))
            /\
            restarts = ((s1 :> 0 @@ s2 :> 0))
            /\
            drops = (0)
            /\
            currentTerm = ((s1 :> 3 @@ s2 :> 2))
            /\
            votesResponded = ((s1 :> {} @@ s2 :> {s2}))
            /\
            votesGranted = ((s1 :> {} @@ s2 :> {s2}))
            /\
            messages = (([term |-> 2, type |-> "RequestVoteRequest", lastLogIndex |-> 0, lastLogTerm |-> 0, source |-> s2, dest |-> s1] :> 1))
            /\
            matchIndex = ((s1 :> (s1 :> 0 @@ s2 :> 0) @@ s2 :> (s1 :> 0 @@ s2 :> 0)))
            /\
            state = ((s1 :> "Candidate" @@ s2 :> "Candidate"))
            /\
            commitIndex = ((s1 :> 0 @@ s2 :> 0))
    )))
----

_init ==
    /\ duplicates = _TETrace[1].duplicates
    /\ messages = _TETrace[1].messages
    /\ matchIndex = _TETrace[1].matchIndex
    /\ log = _TETrace[1].log
    /\ state = _TETrace[1].state
    /\ drops = _TETrace[1].drops
    /\ commitIndex = _TETrace[1].commitIndex
    /\ currentTerm = _TETrace[1].currentTerm
    /\ votesResponded = _TETrace[1].votesResponded
    /\ nextIndex = _TETrace[1].nextIndex
    /\ restarts = _TETrace[1].restarts
    /\ votesGranted = _TETrace[1].votesGranted
    /\ votedFor = _TETrace[1].votedFor
----

_next ==
    /\ \E i,j \in DOMAIN _TETrace:
        /\ \/ /\ j = i + 1
              /\ i = TLCGet("level")
           \/ /\ i = _TTraceLassoEnd
              /\ j = _TTraceLassoStart
        /\ duplicates  = _TETrace[i].duplicates
        /\ duplicates' = _TETrace[j].duplicates
        /\ messages  = _TETrace[i].messages
        /\ messages' = _TETrace[j].messages
        /\ matchIndex  = _TETrace[i].matchIndex
        /\ matchIndex' = _TETrace[j].matchIndex
        /\ log  = _TETrace[i].log
        /\ log' = _TETrace[j].log
        /\ state  = _TETrace[i].state
        /\ state' = _TETrace[j].state
        /\ drops  = _TETrace[i].drops
        /\ drops' = _TETrace[j].drops
        /\ commitIndex  = _TETrace[i].commitIndex
        /\ commitIndex' = _TETrace[j].commitIndex
        /\ currentTerm  = _TETrace[i].currentTerm
        /\ currentTerm' = _TETrace[j].currentTerm
        /\ votesResponded  = _TETrace[i].votesResponded
        /\ votesResponded' = _TETrace[j].votesResponded
        /\ nextIndex  = _TETrace[i].nextIndex
        /\ nextIndex' = _TETrace[j].nextIndex
        /\ restarts  = _TETrace[i].restarts
        /\ restarts' = _TETrace[j].restarts
        /\ votesGranted  = _TETrace[i].votesGranted
        /\ votesGranted' = _TETrace[j].votesGranted
        /\ votedFor  = _TETrace[i].votedFor
        /\ votedFor' = _TETrace[j].votedFor

\* Uncomment the ASSUME below to write the states of the error trace
\* to the given file in Json format. Note that you can pass any tuple
\* to `JsonSerialize`. For example, a sub-sequence of _TETrace.
    \* ASSUME
    \*     LET J == INSTANCE Json
    \*         IN J!JsonSerialize("MCRaftLive_TTrace_1795940926.json", _TETrace)


_view ==
    <<duplicates, messages, matchIndex, log, state, drops, commitIndex, currentTerm, votesResponded, nextIndex, restarts, votesGranted, votedFor, IF TLCGet("level") = _TTraceLassoEnd + 1 THEN _TTraceLassoStart ELSE TLCGet("level")>>
=============================================================================

 Note that you can extract this module `MCRaftLive_TEExpression`
  to a dedicated file to reuse `expression` (the module in the 
  dedicated `MCRaftLive_TEExpression.tla` file takes precedence 
  over the module `MCRaftLive_TEExpression` below).

---- MODULE MCRaftLive_TEExpression ----
EXTENDS Sequences, TLCExt, Toolbox, Naturals, TLC, MCRaftLive, MCRaftLive_TEConstants

expression == 
    [
        \* To hide variables of the `MCRaftLive` spec from the error trace,
        \* remove the variables below.  The trace will be written in the order
        \* of the fields of this record.
        duplicates |-> duplicates
        ,messages |-> messages
        ,matchIndex |-> matchIndex
        ,log |-> log
        ,state |-> state
        ,drops |-> drops
        ,commitIndex |-> commitIndex
        ,currentTerm |-> currentTerm
        ,votesResponded |-> votesResponded
        ,nextIndex |-> nextIndex
        ,restarts |-> restarts
        ,votesGranted |-> votesGranted
        ,votedFor |-> votedFor
        
        \* Put additional constant-, state-, and action-level expressions here:
        \* ,_stateNumber |-> _TEPosition
        \* ,_duplicatesUnchanged |-> duplicates = duplicates'
        
        \* Format the `duplicates` variable as Json value.
        \* ,_duplicatesJson |->
        \*     LET J == INSTANCE Json
        \*     IN J!ToJson(duplicates)
        
        \* Lastly, you may build expressions over arbitrary sets of states by
        \* leveraging the _TETrace operator.  For example, this is how to
        \* count the number of times a spec variable changed up to the current
        \* state in the trace.
        \* ,_duplicatesModCount |->
        \*     LET F[s \in DOMAIN _TETrace] ==
        \*         IF s = 1 THEN 0
        \*         ELSE IF _TETrace[s].duplicates # _TETrace[s-1].duplicates
        \*             THEN 1 + F[s-1] ELSE F[s-1]
        \*     IN F[_TEPosition - 1]
    ]

=============================================================================



Parsing and semantic processing can take forever if the trace below is long.
 In this case, it is advised to uncomment the module below to deserialize the
 trace from a generated binary file.

\*
\*---- MODULE MCRaftLive_TETrace ----
\*EXTENDS IOUtils, TLC, MCRaftLive, MCRaftLive_TEConstants
\*
\*trace == IODeserialize("MCRaftLive_TTrace_1795940926.bin", TRUE)
\*
\*=============================================================================
\*

---- MODULE MCRaftLive_TETrace ----
EXTENDS TLC, MCRaftLive, MCRaftLive_TEConstants

trace == 
    <<
    ([duplicates |-> 0,votedFor |-> (s1 :> Nil @@ s2 :> Nil),log |-> (s1 :> <<>> @@ s2 :> <<>>),nextIndex |-> (s1 :> (s1 :> 1 @@ s2 :> 1) @@ s2 :> (s1 :> 1 @@ s2 :> 1)),restarts |-> (s1 :> 0 @@ s2 :> 0),drops |-> 0,currentTerm |-> (s1 :> 1 @@ s2 :> 1),votesResponded |-> (s1 :> {} @@ s2 :> {}),votesGranted |-> (s1 :> {} @@ s2 :> {}),messages |-> <<>>,matchIndex |-> (s1 :> (s1 :> 0 @@ s2 :> 0) @@ s2 :> (s1 :> 0 @@ s2 :> 0)),state |-> (s1 :> "Follower" @@ s2 :> "Follower"),commitIndex |-> (s1 :> 0 @@ s2 :> 0)]),
    ([duplicates |-> 0,votedFor |-> (s1 :> Nil @@ s2 :> Nil),log |-> (s1 :> <<>> @@ s2 :> <<>>),nextIndex |-> (s1 :> (s1 :> 1 @@ s2 :> 1) @@ s2 :> (s1 :> 1 @@ s2 :> 1)),restarts |-> (s1 :> 0 @@ s2 :> 0),drops |-> 0,currentTerm |-> (s1 :> 1 @@ s2 :> 2),votesResponded |-> (s1 :> {} @@ s2 :> {}),votesGranted |-> (s1 :> {} @@ s2 :> {}),messages |-> <<>>,matchIndex |-> (s1 :> (s1 :> 0 @@ s2 :> 0) @@ s2 :> (s1 :> 0 @@ s2 :> 0)),state |-> (s1 :> "Follower" @@ s2 :> "Candidate"),commitIndex |-> (s1 :> 0 @@ s2 :> 0)]),
    ([duplicates |-> 0,votedFor |-> (s1 :> Nil @@ s2 :> Nil),log |-> (s1 :> <<>> @@ s2 :> <<>>),nextIndex |-> (s1 :> (s1 :> 1 @@ s2 :> 1) @@ s2 :> (s1 :> 1 @@ s2 :> 1)),restarts |-> (s1 :> 0 @@ s2 :> 0),drops |-> 0,currentTerm |-> (s1 :> 1 @@ s2 :> 2),votesResponded |-> (s1 :> {} @@ s2 :> {}),votesGranted |-> (s1 :> {} @@ s2 :> {}),messages |-> ([term |-> 2, type |-> "RequestVoteRequest", lastLogIndex |-> 0, lastLogTerm |-> 0, source |-> s2, dest |-> s2] :> 1),matchIndex |-> (s1 :> (s1 :> 0 @@ s2 :> 0) @@ s2 :> (s1 :> 0 @@ s2 :> 0)),state |-> (s1 :> "Follower" @@ s2 :> "Candidate"),commitIndex |-> (s1 :> 0 @@ s2 :> 0)]),
    ([duplicates |-> 0,votedFor |-> (s1 :> Nil @@ s2 :> s2),log |-> (s1 :> <<>> @@ s2 :> <<>>),nextIndex |-> (s1 :> (s1 :> 1 @@ s2 :> 1) @@ s2 :> (s1 :> 1 @@ s2 :> 1)),restarts |-> (s1 :> 0 @@ s2 :> 0),drops |-> 0,currentTerm |-> (s1 :> 1 @@ s2 :> 2),votesResponded |-> (s1 :> {} @@ s2 :> {}),votesGranted |-> (s1 :> {} @@ s2 :> {}),messages |-> ([term |-> 2, type |-> "RequestVoteResponse", source |-> s2, dest |-> s2, voteGranted |-> TRUE] :> 1),matchIndex |-> (s1 :> (s1 :> 0 @@ s2 :> 0) @@ s2 :> (s1 :> 0 @@ s2 :> 0)),state |-> (s1 :> "Follower" @@ s2 :> "Candidate"),commitIndex |-> (s1 :> 0 @@ s2 :> 0)]),
    ([duplicates |-> 0,votedFor |-> (s1 :> Nil @@ s2 :> s2),log |-> (s1 :> <<>> @@ s2 :> <<>>),nextIndex |-> (s1 :> (s1 :> 1 @@ s2 :> 1) @@ s2 :> (s1 :> 1 @@ s2 :> 1)),restarts |-> (s1 :> 0 @@ s2 :> 0),drops |-> 0,currentTerm |-> (s1 :> 1 @@ s2 :> 2),votesResponded |-> (s1 :> {} @@ s2 :> {s2}),votesGranted |-> (s1 :> {} @@ s2 :> {s2}),messages |-> <<>>,matchIndex |-> (s1 :> (s1 :> 0 @@ s2 :> 0) @@ s2 :> (s1 :> 0 @@ s2 :> 0)),state |-> (s1 :> "Follower" @@ s2 :> "Candidate"),commitIndex |-> (s1 :> 0 @@ s2 :> 0)]),
    ([duplicates |-> 0,votedFor |-> (s1 :> Nil @@ s2 :> s2),log |-> (s1 :> <<>> @@ s2 :> <<>>),nextIndex |-> (s1 :> (s1 :> 1 @@ s2 :> 1) @@ s2 :> (s1 :> 1 @@ s2 :> 1)),restarts |-> (s1 :> 0 @@ s2 :> 0),drops |-> 0,currentTerm |-> (s1 :> 1 @@ s2 :> 2),votesResponded |-> (s1 :> {} @@ s2 :> {s2}),votesGranted |-> (s1 :> {} @@ s2 :> {s2}),messages |-> ([term |-> 2, type |-> "RequestVoteRequest", lastLogIndex |-> 0, lastLogTerm |-> 0, source |-> s2, dest |-> s1] :> 1),matchIndex |-> (s1 :> (s1 :> 0 @@ s2 :> 0) @@ s2 :> (s1 :> 0 @@ s2 :> 0)),state |-> (s1 :> "Follower" @@ s2 :> "Candidate"),commitIndex |-> (s1 :> 0 @@ s2 :> 0)]),
    ([duplicates |-> 0,votedFor |-> (s1 :> Nil @@ s2 :> s2),log |-> (s1 :> <<>> @@ s2 :> <<>>),nextIndex |-> (s1 :> (s1 :> 1 @@ s2 :> 1) @@ s2 :> (s1 :> 1 @@ s2 :> 1)),restarts |-> (s1 :> 0 @@ s2 :> 0),drops |-> 0,currentTerm |-> (s1 :> 2 @@ s2 :> 2),votesResponded |-> (s1 :> {} @@ s2 :> {s2}),votesGranted |-> (s1 :> {} @@ s2 :> {s2}),messages |-> ([term |-> 2, type |-> "RequestVoteRequest", lastLogIndex |-> 0, lastLogTerm |-> 0, source |-> s2, dest |-> s1] :> 1),matchIndex |-> (s1 :> (s1 :> 0 @@ s2 :> 0) @@ s2 :> (s1 :> 0 @@ s2 :> 0)),state |-> (s1 :> "Follower" @@ s2 :> "Candidate"),commitIndex |-> (s1 :> 0 @@ s2 :> 0)]),
    ([duplicates |-> 0,votedFor |-> (s1 :> Nil @@ s2 :> s2),log |-> (s1 :> <<>> @@ s2 :> <<>>),nextIndex |-> (s1 :> (s1 :> 1 @@ s2 :> 1) @@ s2 :> (s1 :> 1 @@ s2 :> 1)),restarts |-> (s1 :> 0 @@ s2 :> 0),drops |-> 0,currentTerm |-> (s1 :> 3 @@ s2 :> 2),votesResponded |-> (s1 :> {} @@ s2 :> {s2}),votesGranted |-> (s1 :> {} @@ s2 :> {s2}),messages |-> ([term |-> 2, type |-> "RequestVoteRequest", lastLogIndex |-> 0, lastLogTerm |-> 0, source |-> s2, dest |-> s1] :> 1),matchIndex |-> (s1 :> (s1 :> 0 @@ s2 :> 0) @@ s2 :> (s1 :> 0 @@ s2 :> 0)),state |-> (s1 :> "Candidate" @@ s2 :> "Candidate"),commitIndex |-> (s1 :> 0 @@ s2 :> 0)]),
    ([duplicates |-> 0,votedFor |-> (s1 :> Nil @@ s2 :> s2),log |-> (s1 :> <<>> @@ s2 :> <<>>),nextIndex |-> (s1 :> (s1 :> 1 @@ s2 :> 1) @@ s2 :> (s1 :> 1 @@ s2 :> 1)),restarts |-> (s1 :> 0 @@ s2 :> 0),drops |-> 0,currentTerm |-> (s1 :> 3 @@ s2 :> 2),votesResponded |-> (s1 :> {} @@ s2 :> {s2}),votesGranted |-> (s1 :> {} @@ s2 :> {s2}),messages |-> ([term |-> 3, type |-> "RequestVoteResponse", source |-> s1, dest |-> s2, voteGranted |-> FALSE] :> 1),matchIndex |-> (s1 :> (s1 :> 0 @@ s2 :> 0) @@ s2 :> (s1 :> 0 @@ s2 :> 0)),state |-> (s1 :> "Candidate" @@ s2 :> "Candidate"),commitIndex |-> (s1 :> 0 @@ s2 :> 0)]),
    ([duplicates |-> 0,votedFor |-> (s1 :> Nil @@ s2 :> Nil),log |-> (s1 :> <<>> @@ s2 :> <<>>),nextIndex |-> (s1 :> (s1 :> 1 @@ s2 :> 1) @@ s2 :> (s1 :> 1 @@ s2 :> 1)),restarts |-> (s1 :> 0 @@ s2 :> 0),drops |-> 0,currentTerm |-> (s1 :> 3 @@ s2 :> 3),votesResponded |-> (s1 :> {} @@ s2 :> {s2}),votesGranted |-> (s1 :> {} @@ s2 :> {s2}),messages |-> ([term |-> 3, type |-> "RequestVoteResponse", source |-> s1, dest |-> s2, voteGranted |-> FALSE] :> 1),matchIndex |-> (s1 :> (s1 :> 0 @@ s2 :> 0) @@ s2 :> (s1 :> 0 @@ s2 :> 0)),state |-> (s1 :> "Candidate" @@ s2 :> "Follower"),commitIndex |-> (s1 :> 0 @@ s2 :> 0)]),
    ([duplicates |-> 0,votedFor |-> (s1 :> Nil @@ s2 :> Nil),log |-> (s1 :> <<>> @@ s2 :> <<>>),nextIndex |-> (s1 :> (s1 :> 1 @@ s2 :> 1) @@ s2 :> (s1 :> 1 @@ s2 :> 1)),restarts |-> (s1 :> 0 @@ s2 :> 0),drops |-> 0,currentTerm |-> (s1 :> 3 @@ s2 :> 4),votesResponded |-> (s1 :> {} @@ s2 :> {}),votesGranted |-> (s1 :> {} @@ s2 :> {}),messages |-> ([term |-> 3, type |-> "RequestVoteResponse", source |-> s1, dest |-> s2, voteGranted |-> FALSE] :> 1),matchIndex |-> (s1 :> (s1 :> 0 @@ s2 :> 0) @@ s2 :> (s1 :> 0 @@ s2 :> 0)),state |-> (s1 :> "Candidate" @@ s2 :> "Candidate"),commitIndex |-> (s1 :> 0 @@ s2 :> 0)]),
    ([duplicates |-> 0,votedFor |-> (s1 :> Nil @@ s2 :> Nil),log |-> (s1 :> <<>> @@ s2 :> <<>>),nextIndex |-> (s1 :> (s1 :> 1 @@ s2 :> 1) @@ s2 :> (s1 :> 1 @@ s2 :> 1)),restarts |-> (s1 :> 0 @@ s2 :> 0),drops |-> 0,currentTerm |-> (s1 :> 3 @@ s2 :> 4),votesResponded |-> (s1 :> {} @@ s2 :> {}),votesGranted |-> (s1 :> {} @@ s2 :> {}),messages |-> <<>>,matchIndex |-> (s1 :> (s1 :> 0 @@ s2 :> 0) @@ s2 :> (s1 :> 0 @@ s2 :> 0)),state |-> (s1 :> "Candidate" @@ s2 :> "Candidate"),commitIndex |-> (s1 :> 0 @@ s2 :> 0)]),
    ([duplicates |-> 0,votedFor |-> (s1 :> Nil @@ s2 :> Nil),log |-> (s1 :> <<>> @@ s2 :> <<>>),nextIndex |-> (s1 :> (s1 :> 1 @@ s2 :> 1) @@ s2 :> (s1 :> 1 @@ s2 :> 1)),restarts |-> (s1 :> 0 @@ s2 :> 0),drops |-> 0,currentTerm |-> (s1 :> 3 @@ s2 :> 4),votesResponded |-> (s1 :> {} @@ s2 :> {}),votesGranted |-> (s1 :> {} @@ s2 :> {}),messages |-> ([term |-> 3, type |-> "RequestVoteRequest", lastLogIndex |-> 0, lastLogTerm |-> 0, source |-> s1, dest |-> s2] :> 1),matchIndex |-> (s1 :> (s1 :> 0 @@ s2 :> 0) @@ s2 :> (s1 :> 0 @@ s2 :> 0)),state |-> (s1 :> "Candidate" @@ s2 :> "Candidate"),commitIndex |-> (s1 :> 0 @@ s2 :> 0)]),
    ([duplicates |-> 0,votedFor |-> (s1 :> Nil @@ s2 :> Nil),log |-> (s1 :> <<>> @@ s2 :> <<>>),nextIndex |-> (s1 :> (s1 :> 1 @@ s2 :> 1) @@ s2 :> (s1 :> 1 @@ s2 :> 1)),restarts |-> (s1 :> 0 @@ s2 :> 0),drops |-> 0,currentTerm |-> (s1 :> 3 @@ s2 :> 4),votesResponded |-> (s1 :> {} @@ s2 :> {}),votesGranted |-> (s1 :> {} @@ s2 :> {}),messages |-> ([term |-> 4, type |-> "RequestVoteResponse", source |-> s2, dest |-> s1, voteGranted |-> FALSE] :> 1),matchIndex |-> (s1 :> (s1 :> 0 @@ s2 :> 0) @@ s2 :> (s1 :> 0 @@ s2 :> 0)),state |-> (s1 :> "Candidate" @@ s2 :> "Candidate"),commitIndex |-> (s1 :> 0 @@ s2 :> 0)]),
    ([duplicates |-> 0,votedFor |-> (s1 :> Nil @@ s2 :> Nil),log |-> (s1 :> <<>> @@ s2 :> <<>>),nextIndex |-> (s1 :> (s1 :> 1 @@ s2 :> 1) @@ s2 :> (s1 :> 1 @@ s2 :> 1)),restarts |-> (s1 :> 0 @@ s2 :> 0),drops |-> 0,currentTerm |-> (s1 :> 4 @@ s2 :> 4),votesResponded |-> (s1 :> {} @@ s2 :> {}),votesGranted |-> (s1 :> {} @@ s2 :> {}),messages |-> ([term |-> 4, type |-> "RequestVoteResponse", source |-> s2, dest |-> s1, voteGranted |-> FALSE] :> 1),matchIndex |-> (s1 :> (s1 :> 0 @@ s2 :> 0) @@ s2 :> (s1 :> 0 @@ s2 :> 0)),state |-> (s1 :> "Follower" @@ s2 :> "Candidate"),commitIndex |-> (s1 :> 0 @@ s2 :> 0)]),
    ([duplicates |-> 0,votedFor |-> (s1 :> Nil @@ s2 :> Nil),log |-> (s1 :> <<>> @@ s2 :> <<>>),nextIndex |-> (s1 :> (s1 :> 1 @@ s2 :> 1) @@ s2 :> (s1 :> 1 @@ s2 :> 1)),restarts |-> (s1 :> 0 @@ s2 :> 0),drops |-> 0,currentTerm |-> (s1 :> 5 @@ s2 :> 4),votesResponded |-> (s1 :> {} @@ s2 :> {}),votesGranted |-> (s1 :> {} @@ s2 :> {}),messages |-> ([term |-> 4, type |-> "RequestVoteResponse", source |-> s2, dest |-> s1, voteGranted |-> FALSE] :> 1),matchIndex |-> (s1 :> (s1 :> 0 @@ s2 :> 0) @@ s2 :> (s1 :> 0 @@ s2 :> 0)),state |-> (s1 :> "Candidate" @@ s2 :> "Candidate"),commitIndex |-> (s1 :> 0 @@ s2 :> 0)]),
    ([duplicates |-> 0,votedFor |-> (s1 :> Nil @@ s2 :> Nil),log |-> (s1 :> <<>> @@ s2 :> <<>>),nextIndex |-> (s1 :> (s1 :> 1 @@ s2 :> 1) @@ s2 :> (s1 :> 1 @@ s2 :> 1)),restarts |-> (s1 :> 0 @@ s2 :> 0),drops |-> 0,currentTerm |-> (s1 :> 5 @@ s2 :> 4),votesResponded |-> (s1 :> {} @@ s2 :> {}),votesGranted |-> (s1 :> {} @@ s2 :> {}),messages |-> <<>>,matchIndex |-> (s1 :> (s1 :> 0 @@ s2 :> 0) @@ s2 :> (s1 :> 0 @@ s2 :> 0)),state |-> (s1 :> "Candidate" @@ s2 :> "Candidate"),commitIndex |-> (s1 :> 0 @@ s2 :> 0)]),
    ([duplicates |-> 0,votedFor |-> (s1 :> Nil @@ s2 :> Nil),log |-> (s1 :> <<>> @@ s2 :> <<>>),nextIndex |-> (s1 :> (s1 :> 1 @@ s2 :> 1) @@ s2 :> (s1 :> 1 @@ s2 :> 1)),restarts |-> (s1 :> 0 @@ s2 :> 0),drops |-> 0,currentTerm |-> (s1 :> 5 @@ s2 :> 4),votesResponded |-> (s1 :> {} @@ s2 :> {}),votesGranted |-> (s1 :> {} @@ s2 :> {}),messages |-> ([term |-> 4, type |-> "RequestVoteRequest", lastLogIndex |-> 0, lastLogTerm |-> 0, source |-> s2, dest |-> s2] :> 1),matchIndex |-> (s1 :> (s1 :> 0 @@ s2 :> 0) @@ s2 :> (s1 :> 0 @@ s2 :> 0)),state |-> (s1 :> "Candidate" @@ s2 :> "Candidate"),commitIndex |-> (s1 :> 0 @@ s2 :> 0)]),
    ([duplicates |-> 0,votedFor |-> (s1 :> Nil @@ s2 :> s2),log |-> (s1 :> <<>> @@ s2 :> <<>>),nextIndex |-> (s1 :> (s1 :> 1 @@ s2 :> 1) @@ s2 :> (s1 :> 1 @@ s2 :> 1)),restarts |-> (s1 :> 0 @@ s2 :> 0),drops |-> 0,currentTerm |-> (s1 :> 5 @@ s2 :> 4),votesResponded |-> (s1 :> {} @@ s2 :> {}),votesGranted |-> (s1 :> {} @@ s2 :> {}),messages |-> ([term |-> 4, type |-> "RequestVoteResponse", source |-> s2, dest |-> s2, voteGranted |-> TRUE] :> 1),matchIndex |-> (s1 :> (s1 :> 0 @@ s2 :> 0) @@ s2 :> (s1 :> 0 @@ s2 :> 0)),state |-> (s1 :> "Candidate" @@ s2 :> "Candidate"),commitIndex |-> (s1 :> 0 @@ s2 :> 0)]),
    ([duplicates |-> 0,votedFor |-> (s1 :> Nil @@ s2 :> s2),log |-> (s1 :> <<>> @@ s2 :> <<>>),nextIndex |-> (s1 :> (s1 :> 1 @@ s2 :> 1) @@ s2 :> (s1 :> 1 @@ s2 :> 1)),restarts |-> (s1 :> 0 @@ s2 :> 0),drops |-> 0,currentTerm |-> (s1 :> 5 @@ s2 :> 4),votesResponded |-> (s1 :> {} @@ s2 :> {s2}),votesGranted |-> (s1 :> {} @@ s2 :> {s2}),messages |-> <<>>,matchIndex |-> (s1 :> (s1 :> 0 @@ s2 :> 0) @@ s2 :> (s1 :> 0 @@ s2 :> 0)),state |-> (s1 :> "Candidate" @@ s2 :> "Candidate"),commitIndex |-> (s1 :> 0 @@ s2 :> 0)])
    >>
----


=============================================================================

---- MODULE MCRaftLive_TEConstants ----
EXTENDS MCRaftLive

CONSTANTS _TTraceLassoStart, _TTraceLassoEnd

=============================================================================

---- CONFIG MCRaftLive_TTrace_1795940926 ----
CONSTANTS
    s1 = s1
    s2 = s2
    s3 = s3
    v1 = v1
    v2 = v2
    Nil = Nil
    Unbounded = Unbounded
    Server = { s1 , s2 }
    Value = { v1 }
    HistoryFields = FALSE
    MaxAppendEntries = 1
    RejectHint = FALSE
    LeadershipTransfer = FALSE
    MaxTerm = 2
    MaxLogLen = 0
    MaxDup = 1
    MaxMsgs = 1
    MaxRestarts = 0
    MaxDrops = Unbounded
    MaxDuplicates = Unbounded
    Passive = { }
    DropEnabled = FALSE
    DuplicateEnabled = FALSE
    s2 = s2
    v1 = v1
    s3 = s3
    v2 = v2
    s1 = s1
    Unbounded = Unbounded
    Nil = Nil
_TTraceLassoStart = 8
_TTraceLassoEnd = 20

PROPERTY
    _prop

CHECK_DEADLOCK
    \* CHECK_DEADLOCK off because of PROPERTY or INVARIANT above.
    FALSE

INIT
    _init

NEXT
    _next

VIEW
    _view

CONSTANT
    _TETrace <- _trace

ALIAS
    _expression
=============================================================================
\* Generated on Sun Nov 29 08:29:12 UTC 2026
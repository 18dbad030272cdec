---- MODULE MCBasicPaxosLive_TTrace_1795938421 ----
EXTENDS Sequences, MCBasicPaxosLive_TEConstants, TLCExt, Toolbox, Naturals, TLC, MCBasicPaxosLive

_expression ==
    LET MCBasicPaxosLive_TEExpression == INSTANCE MCBasicPaxosLive_TEExpression
    IN MCBasicPaxosLive_TEExpression!expression
----

_trace ==
    LET MCBasicPaxosLive_TETrace == INSTANCE MCBasicPaxosLive_TETrace
    IN MCBasicPaxosLive_TETrace!trace
----

_prop ==
    ~(([]<>(
            phase = ((p1 :> "Phase2" @@ p2 :> "Phase2"))
            /\
            proposal = ((p1 :> v1 @@ p2 :> v1))
            /\
            ballot = ((p1 :> [round |-> 1, proposer |-> p1] @@ p2 :> [round |-> 2, proposer |-> p2]))
            /\
            msgs = (([bal |-> [round |-> 1, proposer |-> p1], higher |-> [round |-> 2, proposer |-> p2], type |-> "Nack", dest |-> p1, source |-> a2] :> 1))
            /\
            learned = ((l1 :> {}))
            /\
            highest = ((p1 :> Nil @@ p2 :> Nil))
            /\
            accepted = ((a1 :> Nil @@ a2 :> Nil))
            /\
            votes = ((l1 :> {}))
            /\
            promised = ((a1 :> [round |-> 2, proposer |-> p2] @@ a2 :> [round |-> 2, proposer |-> p2]))
            /\
            promises = ((p1 :> {} @@ p2 :> {}))
    ))/\([]<>(
            phase = ((p1 :> "Phase1" @@ p2 :> "Phase2"))
            /\
            proposal = ((p1 :> Nil @@ p2 :> v1))
            /\
            ballot = ((p1 :> [round |-> 1, proposer |-> p1] @@ p2 :> [round |-> 0, proposer |-> p2]))
            /\
            msgs = (<<>>)
            /\
            learned = ((l1 :> {}))
            /\
            highest = ((p1 :> Nil @@ p2 :> Nil))
            /\
            accepted = ((a1 :> Nil @@ a2 :> Nil))
            /\
            votes = ((l1 :> {}))
            /\
            promised = ((a1 :> [round |-> 0, proposer |-> p2] @@ a2 :> [round |-> 0, proposer |-> p2]))
            /\
            promises = ((p1 :> {} @@ p2 :> {}))
    )))
----

_init ==
    /\ phase = _TETrace[1].phase
    /\ promised = _TETrace[1].promised
    /\ promises = _TETrace[1].promises
    /\ accepted = _TETrace[1].accepted
    /\ proposal = _TETrace[1].proposal
    /\ learned = _TETrace[1].learned
    /\ msgs = _TETrace[1].msgs
    /\ votes = _TETrace[1].votes
    /\ highest = _TETrace[1].highest
    /\ ballot = _TETrace[1].ballot
----

_next ==
    /\ \E i,j \in DOMAIN _TETrace:
        /\ \/ /\ j = i + 1
              /\ i = TLCGet("level")
           \/ /\ i = _TTraceLassoEnd
              /\ j = _TTraceLassoStart
        /\ phase  = _TETrace[i].phase
        /\ phase' = _TETrace[j].phase
        /\ promised  = _TETrace[i].promised
        /\ promised' = _TETrace[j].promised
        /\ promises  = _TETrace[i].promises
        /\ promises' = _TETrace[j].promises
        /\ accepted  = _TETrace[i].accepted
        /\ accepted' = _TETrace[j].accepted
        /\ proposal  = _TETrace[i].proposal
        /\ proposal' = _TETrace[j].proposal
        /\ learned  = _TETrace[i].learned
        /\ learned' = _TETrace[j].learned
        /\ msgs  = _TETrace[i].msgs
        /\ msgs' = _TETrace[j].msgs
        /\ votes  = _TETrace[i].votes
        /\ votes' = _TETrace[j].votes
        /\ highest  = _TETrace[i].highest
        /\ highest' = _TETrace[j].highest
        /\ ballot  = _TETrace[i].ballot
        /\ ballot' = _TETrace[j].ballot

\* Uncomment the ASSUME below to write the states of the error trace
\* to the given file in Json format. Note that you can pass any tuple
\* to `JsonSerialize`. For example, a sub-sequence of _TETrace.
    \* ASSUME
    \*     LET J == INSTANCE Json
    \*         IN J!JsonSerialize("MCBasicPaxosLive_TTrace_1795938421.json", _TETrace)


_view ==
    <<phase, promised, promises, accepted, proposal, learned, msgs, votes, highest, ballot, IF TLCGet("level") = _TTraceLassoEnd + 1 THEN _TTraceLassoStart ELSE TLCGet("level")>>
=============================================================================

 Note that you can extract this module `MCBasicPaxosLive_TEExpression`
  to a dedicated file to reuse `expression` (the module in the 
  dedicated `MCBasicPaxosLive_TEExpression.tla` file takes precedence 
  over the module `MCBasicPaxosLive_TEExpression` below).

---- MODULE MCBasicPaxosLive_TEExpression ----
EXTENDS Sequences, MCBasicPaxosLive_TEConstants, TLCExt, Toolbox, Naturals, TLC, MCBasicPaxosLive

expression == 
    [
        \* To hide variables of the `MCBasicPaxosLive` spec from the error trace,
        \* remove the variables below.  The trace will be written in the order
        \* of the fields of this record.
        phase |-> phase
        ,promised |-> promised
        ,promises |-> promises
        ,accepted |-> accepted
        ,proposal |-> proposal
        ,learned |-> learned
        ,msgs |-> msgs
        ,votes |-> votes
        ,highest |-> highest
        ,ballot |-> ballot
        
        \* Put additional constant-, state-, and action-level expressions here:
        \* ,_stateNumber |-> _TEPosition
        \* ,_phaseUnchanged |-> phase = phase'
        
        \* Format the `phase` variable as Json value.
        \* ,_phaseJson |->
        \*     LET J == INSTANCE Json
        \*     IN J!ToJson(phase)
        
        \* Lastly, you may build expressions over arbitrary sets of states by
        \* leveraging the _TETrace operator.  For example, this is how to
        \* count the number of times a spec variable changed up to the current
        \* state in the trace.
        \* ,_phaseModCount |->
        \*     LET F[s \in DOMAIN _TETrace] ==
        \*         IF s = 1 THEN 0
        \*         ELSE IF _TETrace[s].phase # _TETrace[s-1].phase
        \*             THEN 1 + F[s-1] ELSE F[s-1]
        \*     IN F[_TEPosition - 1]
    ]

=============================================================================



Parsing and semantic processing can take forever if the trace below is long.
 In this case, it is advised to uncomment the module below to deserialize the
 trace from a generated binary file.

\*
\*---- MODULE MCBasicPaxosLive_TETrace ----
\*EXTENDS IOUtils, MCBasicPaxosLive_TEConstants, TLC, MCBasicPaxosLive
\*
\*trace == IODeserialize("MCBasicPaxosLive_TTrace_1795938421.bin", TRUE)
\*
\*=============================================================================
\*

---- MODULE MCBasicPaxosLive_TETrace ----
EXTENDS MCBasicPaxosLive_TEConstants, TLC, MCBasicPaxosLive

trace == 
    <<
    ([phase |-> (p1 :> "Idle" @@ p2 :> "Idle"),proposal |-> (p1 :> Nil @@ p2 :> Nil),ballot |-> (p1 :> Nil @@ p2 :> Nil),msgs |-> <<>>,learned |-> (l1 :> {}),highest |-> (p1 :> Nil @@ p2 :> Nil),accepted |-> (a1 :> Nil @@ a2 :> Nil),votes |-> (l1 :> {}),promised |-> (a1 :> Nil @@ a2 :> Nil),promises |-> (p1 :> {} @@ p2 :> {})]),
    ([phase |-> (p1 :> "Phase1" @@ p2 :> "Idle"),proposal |-> (p1 :> Nil @@ p2 :> Nil),ballot |-> (p1 :> [round |-> 0, proposer |-> p1] @@ p2 :> Nil),msgs |-> <<>>,learned |-> (l1 :> {}),highest |-> (p1 :> Nil @@ p2 :> Nil),accepted |-> (a1 :> Nil @@ a2 :> Nil),votes |-> (l1 :> {}),promised |-> (a1 :> Nil @@ a2 :> Nil),promises |-> (p1 :> {} @@ p2 :> {})]),
    ([phase |-> (p1 :> "Phase1" @@ p2 :> "Phase1"),proposal |-> (p1 :> Nil @@ p2 :> Nil),ballot |-> (p1 :> [round |-> 0, proposer |-> p1] @@ p2 :> [round |-> 0, proposer |-> p2]),msgs |-> <<>>,learned |-> (l1 :> {}),highest |-> (p1 :> Nil @@ p2 :> Nil),accepted |-> (a1 :> Nil @@ a2 :> Nil),votes |-> (l1 :> {}),promised |-> (a1 :> Nil @@ a2 :> Nil),promises |-> (p1 :> {} @@ p2 :> {})]),
    ([phase |-> (p1 :> "Phase1" @@ p2 :> "Phase1"),proposal |-> (p1 :> Nil @@ p2 :> Nil),ballot |-> (p1 :> [round |-> 0, proposer |-> p1] @@ p2 :> [round |-> 0, proposer |-> p2]),msgs |-> ([bal |-> [round |-> 0, proposer |-> p2], type |-> "Prepare", dest |-> a1, source |-> p2] :> 1),learned |-> (l1 :> {}),highest |-> (p1 :> Nil @@ p2 :> Nil),accepted |-> (a1 :> Nil @@ a2 :> Nil),votes |-> (l1 :> {}),promised |-> (a1 :> Nil @@ a2 :> Nil),promises |-> (p1 :> {} @@ p2 :> {})]),
    ([phase |-> (p1 :> "Phase1" @@ p2 :> "Phase1"),proposal |-> (p1 :> Nil @@ p2 :> Nil),ballot |-> (p1 :> [round |-> 0, proposer |-> p1] @@ p2 :> [round |-> 0, proposer |-> p2]),msgs |-> ([bal |-> [round |-> 0, proposer |-> p2], accepted |-> Nil, type |-> "Promise", dest |-> p2, source |-> a1] :> 1),learned |-> (l1 :> {}),highest |-> (p1 :> Nil @@ p2 :> Nil),accepted |-> (a1 :> Nil @@ a2 :> Nil),votes |-> (l1 :> {}),promised |-> (a1 :> [round |-> 0, proposer |-> p2] @@ a2 :> Nil),promises |-> (p1 :> {} @@ p2 :> {})]),
    ([phase |-> (p1 :> "Phase1" @@ p2 :> "Phase1"),proposal |-> (p1 :> Nil @@ p2 :> Nil),ballot |-> (p1 :> [round |-> 0, proposer |-> p1] @@ p2 :> [round |-> 0, proposer |-> p2]),msgs |-> <<>>,learned |-> (l1 :> {}),highest |-> (p1 :> Nil @@ p2 :> Nil),accepted |-> (a1 :> Nil @@ a2 :> Nil),votes |-> (l1 :> {}),promised |-> (a1 :> [round |-> 0, proposer |-> p2] @@ a2 :> Nil),promises |-> (p1 :> {} @@ p2 :> {a1})]),
    ([phase |-> (p1 :> "Phase1" @@ p2 :> "Phase1"),proposal |-> (p1 :> Nil @@ p2 :> Nil),ballot |-> (p1 :> [round |-> 0, proposer |-> p1] @@ p2 :> [round |-> 0, proposer |-> p2]),msgs |-> ([bal |-> [round |-> 0, proposer |-> p2], type |-> "Prepare", dest |-> a2, source |-> p2] :> 1),learned |-> (l1 :> {}),highest |-> (p1 :> Nil @@ p2 :> Nil),accepted |-> (a1 :> Nil @@ a2 :> Nil),votes |-> (l1 :> {}),promised |-> (a1 :> [round |-> 0, proposer |-> p2] @@ a2 :> Nil),promises |-> (p1 :> {} @@ p2 :> {a1})]),
    ([phase |-> (p1 :> "Phase1" @@ p2 :> "Phase1"),proposal |-> (p1 :> Nil @@ p2 :> Nil),ballot |-> (p1 :> [round |-> 0, proposer |-> p1] @@ p2 :> [round |-> 0, proposer |-> p2]),msgs |-> ([bal |-> [round |-> 0, proposer |-> p2], accepted |-> Nil, type |-> "Promise", dest |-> p2, source |-> a2] :> 1),learned |-> (l1 :> {}),highest |-> (p1 :> Nil @@ p2 :> Nil),accepted |-> (a1 :> Nil @@ a2 :> Nil),votes |-> (l1 :> {}),promised |-> (a1 :> [round |-> 0, proposer |-> p2] @@ a2 :> [round |-> 0, proposer |-> p2]),promises |-> (p1 :> {} @@ p2 :> {a1})]),
    ([phase |-> (p1 :> "Phase1" @@ p2 :> "Phase2"),proposal |-> (p1 :> Nil @@ p2 :> v1),ballot |-> (p1 :> [round |-> 0, proposer |-> p1] @@ p2 :> [round |-> 0, proposer |-> p2]),msgs |-> <<>>,learned |-> (l1 :> {}),highest |-> (p1 :> Nil @@ p2 :> Nil),accepted |-> (a1 :> Nil @@ a2 :> Nil),votes |-> (l1 :> {}),promised |-> (a1 :> [round |-> 0, proposer |-> p2] @@ a2 :> [round |-> 0, proposer |-> p2]),promises |-> (p1 :> {} @@ p2 :> {})]),
    ([phase |-> (p1 :> "Phase1" @@ p2 :> "Phase2"),proposal |-> (p1 :> Nil @@ p2 :> v1),ballot |-> (p1 :> [round |-> 0, proposer |-> p1] @@ p2 :> [round |-> 0, proposer |-> p2]),msgs |-> ([bal |-> [round |-> 0, proposer |-> p1], type |-> "Prepare", dest |-> a2, source |-> p1] :> 1),learned |-> (l1 :> {}),highest |-> (p1 :> Nil @@ p2 :> Nil),accepted |-> (a1 :> Nil @@ a2 :> Nil),votes |-> (l1 :> {}),promised |-> (a1 :> [round |-> 0, proposer |-> p2] @@ a2 :> [round |-> 0, proposer |-> p2]),promises |-> (p1 :> {} @@ p2 :> {})]),
    ([phase |-> (p1 :> "Phase1" @@ p2 :> "Phase2"),proposal |-> (p1 :> Nil @@ p2 :> v1),ballot |-> (p1 :> [round |-> 0, proposer |-> p1] @@ p2 :> [round |-> 0, proposer |-> p2]),msgs |-> ([bal |-> [round |-> 0, proposer |-> p1], higher |-> [round |-> 0, proposer |-> p2], type |-> "Nack", dest |-> p1, source |-> a2] :> 1),learned |-> (l1 :> {}),highest |-> (p1 :> Nil @@ p2 :> Nil),accepted |-> (a1 :> Nil @@ a2 :> Nil),votes |-> (l1 :> {}),promised |-> (a1 :> [round |-> 0, proposer |-> p2] @@ a2 :> [round |-> 0, proposer |-> p2]),promises |-> (p1 :> {} @@ p2 :> {})]),
    ([phase |-> (p1 :> "Phase1" @@ p2 :> "Phase2"),proposal |-> (p1 :> Nil @@ p2 :> v1),ballot |-> (p1 :> [round |-> 1, proposer |-> p1] @@ p2 :> [round |-> 0, proposer |-> p2]),msgs |-> <<>>,learned |-> (l1 :> {}),highest |-> (p1 :> Nil @@ p2 :> Nil),accepted |-> (a1 :> Nil @@ a2 :> Nil),votes |-> (l1 :> {}),promised |-> (a1 :> [round |-> 0, proposer |-> p2] @@ a2 :> [round |-> 0, proposer |-> p2]),promises |-> (p1 :> {} @@ p2 :> {})]),
    ([phase |-> (p1 :> "Phase1" @@ p2 :> "Phase2"),proposal |-> (p1 :> Nil @@ p2 :> v1),ballot |-> (p1 :> [round |-> 1, proposer |-> p1] @@ p2 :> [round |-> 0, proposer |-> p2]),msgs |-> ([bal |-> [round |-> 1, proposer |-> p1], type |-> "Prepare", dest |-> a2, source |-> p1] :> 1),learned |-> (l1 :> {}),highest |-> (p1 :> Nil @@ p2 :> Nil),accepted |-> (a1 :> Nil @@ a2 :> Nil),votes |-> (l1 :> {}),promised |-> (a1 :> [round |-> 0, proposer |-> p2] @@ a2 :> [round |-> 0, proposer |-> p2]),promises |-> (p1 :> {} @@ p2 :> {})]),
    ([phase |-> (p1 :> "Phase1" @@ p2 :> "Phase2"),proposal |-> (p1 :> Nil @@ p2 :> v1),ballot |-> (p1 :> [round |-> 1, proposer |-> p1] @@ p2 :> [round |-> 0, proposer |-> p2]),msgs |-> ([bal |-> [round |-> 1, proposer |-> p1], accepted |-> Nil, type |-> "Promise", dest |-> p1, source |-> a2] :> 1),learned |-> (l1 :> {}),highest |-> (p1 :> Nil @@ p2 :> Nil),accepted |-> (a1 :> Nil @@ a2 :> Nil),votes |-> (l1 :> {}),promised |-> (a1 :> [round |-> 0, proposer |-> p2] @@ a2 :> [round |-> 1, proposer |-> p1]),promises |-> (p1 :> {} @@ p2 :> {})]),
    ([phase |-> (p1 :> "Phase1" @@ p2 :> "Phase2"),proposal |-> (p1 :> Nil @@ p2 :> v1),ballot |-> (p1 :> [round |-> 1, proposer |-> p1] @@ p2 :> [round |-> 0, proposer |-> p2]),msgs |-> <<>>,learned |-> (l1 :> {}),highest |-> (p1 :> Nil @@ p2 :> Nil),accepted |-> (a1 :> Nil @@ a2 :> Nil),votes |-> (l1 :> {}),promised |-> (a1 :> [round |-> 0, proposer |-> p2] @@ a2 :> [round |-> 1, proposer |-> p1]),promises |-> (p1 :> {a2} @@ p2 :> {})]),
    ([phase |-> (p1 :> "Phase1" @@ p2 :> "Phase2"),proposal |-> (p1 :> Nil @@ p2 :> v1),ballot |-> (p1 :> [round |-> 1, proposer |-> p1] @@ p2 :> [round |-> 0, proposer |-> p2]),msgs |-> ([bal |-> [round |-> 1, proposer |-> p1], type |-> "Prepare", dest |-> a1, source |-> p1] :> 1),learned |-> (l1 :> {}),highest |-> (p1 :> Nil @@ p2 :> Nil),accepted |-> (a1 :> Nil @@ a2 :> Nil),votes |-> (l1 :> {}),promised |-> (a1 :> [round |-> 0, proposer |-> p2] @@ a2 :> [round |-> 1, proposer |-> p1]),promises |-> (p1 :> {a2} @@ p2 :> {})]),
    ([phase |-> (p1 :> "Phase1" @@ p2 :> "Phase2"),proposal |-> (p1 :> Nil @@ p2 :> v1),ballot |-> (p1 :> [round |-> 1, proposer |-> p1] @@ p2 :> [round |-> 0, proposer |-> p2]),msgs |-> ([bal |-> [round |-> 1, proposer |-> p1], accepted |-> Nil, type |-> "Promise", dest |-> p1, source |-> a1] :> 1),learned |-> (l1 :> {}),highest |-> (p1 :> Nil @@ p2 :> Nil),accepted |-> (a1 :> Nil @@ a2 :> Nil),votes |-> (l1 :> {}),promised |-> (a1 :> [round |-> 1, proposer |-> p1] @@ a2 :> [round |-> 1, proposer |-> p1]),promises |-> (p1 :> {a2} @@ p2 :> {})]),
    ([phase |-> (p1 :> "Phase2" @@ p2 :> "Phase2"),proposal |-> (p1 :> v1 @@ p2 :> v1),ballot |-> (p1 :> [round |-> 1, proposer |-> p1] @@ p2 :> [round |-> 0, proposer |-> p2]),msgs |-> <<>>,learned |-> (l1 :> {}),highest |-> (p1 :> Nil @@ p2 :> Nil),accepted |-> (a1 :> Nil @@ a2 :> Nil),votes |-> (l1 :> {}),promised |-> (a1 :> [round |-> 1, proposer |-> p1] @@ a2 :> [round |-> 1, proposer |-> p1]),promises |-> (p1 :> {} @@ p2 :> {})]),
    ([phase |-> (p1 :> "Phase2" @@ p2 :> "Phase2"),proposal |-> (p1 :> v1 @@ p2 :> v1),ballot |-> (p1 :> [round |-> 1, proposer |-> p1] @@ p2 :> [round |-> 0, proposer |-> p2]),msgs |-> ([bal |-> [round |-> 0, proposer |-> p2], type |-> "Accept", val |-> v1, dest |-> a2, source |-> p2] :> 1),learned |-> (l1 :> {}),highest |-> (p1 :> Nil @@ p2 :> Nil),accepted |-> (a1 :> Nil @@ a2 :> Nil),votes |-> (l1 :> {}),promised |-> (a1 :> [round |-> 1, proposer |-> p1] @@ a2 :> [round |-> 1, proposer |-> p1]),promises |-> (p1 :> {} @@ p2 :> {})]),
    ([phase |-> (p1 :> "Phase2" @@ p2 :> "Phase2"),proposal |-> (p1 :> v1 @@ p2 :> v1),ballot |-> (p1 :> [round |-> 1, proposer |-> p1] @@ p2 :> [round |-> 0, proposer |-> p2]),msgs |-> ([bal |-> [round |-> 0, proposer |-> p2], higher |-> [round |-> 1, proposer |-> p1], type |-> "Nack", dest |-> p2, source |-> a2] :> 1),learned |-> (l1 :> {}),highest |-> (p1 :> Nil @@ p2 :> Nil),accepted |-> (a1 :> Nil @@ a2 :> Nil),votes |-> (l1 :> {}),promised |-> (a1 :> [round |-> 1, proposer |-> p1] @@ a2 :> [round |-> 1, proposer |-> p1]),promises |-> (p1 :> {} @@ p2 :> {})]),
    ([phase |-> (p1 :> "Phase2" @@ p2 :> "Phase1"),proposal |-> (p1 :> v1 @@ p2 :> Nil),ballot |-> (p1 :> [round |-> 1, proposer |-> p1] @@ p2 :> [round |-> 2, proposer |-> p2]),msgs |-> <<>>,learned |-> (l1 :> {}),highest |-> (p1 :> Nil @@ p2 :> Nil),accepted |-> (a1 :> Nil @@ a2 :> Nil),votes |-> (l1 :> {}),promised |-> (a1 :> [round |-> 1, proposer |-> p1] @@ a2 :> [round |-> 1, proposer |-> p1]),promises |-> (p1 :> {} @@ p2 :> {})]),
    ([phase |-> (p1 :> "Phase2" @@ p2 :> "Phase1"),proposal |-> (p1 :> v1 @@ p2 :> Nil),ballot |-> (p1 :> [round |-> 1, proposer |-> p1] @@ p2 :> [round |-> 2, proposer |-> p2]),msgs |-> ([bal |-> [round |-> 2, proposer |-> p2], type |-> "Prepare", dest |-> a2, source |-> p2] :> 1),learned |-> (l1 :> {}),highest |-> (p1 :> Nil @@ p2 :> Nil),accepted |-> (a1 :> Nil @@ a2 :> Nil),votes |-> (l1 :> {}),promised |-> (a1 :> [round |-> 1, proposer |-> p1] @@ a2 :> [round |-> 1, proposer |-> p1]),promises |-> (p1 :> {} @@ p2 :> {})]),
    ([phase |-> (p1 :> "Phase2" @@ p2 :> "Phase1"),proposal |-> (p1 :> v1 @@ p2 :> Nil),ballot |-> (p1 :> [round |-> 1, proposer |-> p1] @@ p2 :> [round |-> 2, proposer |-> p2]),msgs |-> ([bal |-> [round |-> 2, proposer |-> p2], accepted |-> Nil, type |-> "Promise", dest |-> p2, source |-> a2] :> 1),learned |-> (l1 :> {}),highest |-> (p1 :> Nil @@ p2 :> Nil),accepted |-> (a1 :> Nil @@ a2 :> Nil),votes |-> (l1 :> {}),promised |-> (a1 :> [round |-> 1, proposer |-> p1] @@ a2 :> [round |-> 2, proposer |-> p2]),promises |-> (p1 :> {} @@ p2 :> {})]),
    ([phase |-> (p1 :> "Phase2" @@ p2 :> "Phase1"),proposal |-> (p1 :> v1 @@ p2 :> Nil),ballot |-> (p1 :> [round |-> 1, proposer |-> p1] @@ p2 :> [round |-> 2, proposer |-> p2]),msgs |-> <<>>,learned |-> (l1 :> {}),highest |-> (p1 :> Nil @@ p2 :> Nil),accepted |-> (a1 :> Nil @@ a2 :> Nil),votes |-> (l1 :> {}),promised |-> (a1 :> [round |-> 1, proposer |-> p1] @@ a2 :> [round |-> 2, proposer |-> p2]),promises |-> (p1 :> {} @@ p2 :> {a2})]),
    ([phase |-> (p1 :> "Phase2" @@ p2 :> "Phase1"),proposal |-> (p1 :> v1 @@ p2 :> Nil),ballot |-> (p1 :> [round |-> 1, proposer |-> p1] @@ p2 :> [round |-> 2, proposer |-> p2]),msgs |-> ([bal |-> [round |-> 2, proposer |-> p2], type |-> "Prepare", dest |-> a1, source |-> p2] :> 1),learned |-> (l1 :> {}),highest |-> (p1 :> Nil @@ p2 :> Nil),accepted |-> (a1 :> Nil @@ a2 :> Nil),votes |-> (l1 :> {}),promised |-> (a1 :> [round |-> 1, proposer |-> p1] @@ a2 :> [round |-> 2, proposer |-> p2]),promises |-> (p1 :> {} @@ p2 :> {a2})]),
    ([phase |-> (p1 :> "Phase2" @@ p2 :> "Phase1"),proposal |-> (p1 :> v1 @@ p2 :> Nil),ballot |-> (p1 :> [round |-> 1, proposer |-> p1] @@ p2 :> [round |-> 2, proposer |-> p2]),msgs |-> ([bal |-> [round |-> 2, proposer |-> p2], accepted |-> Nil, type |-> "Promise", dest |-> p2, source |-> a1] :> 1),learned |-> (l1 :> {}),highest |-> (p1 :> Nil @@ p2 :> Nil),accepted |-> (a1 :> Nil @@ a2 :> Nil),votes |-> (l1 :> {}),promised |-> (a1 :> [round |-> 2, proposer |-> p2] @@ a2 :> [round |-> 2, proposer |-> p2]),promises |-> (p1 :> {} @@ p2 :> {a2})]),
    ([phase |-> (p1 :> "Phase2" @@ p2 :> "Phase2"),proposal |-> (p1 :> v1 @@ p2 :> v1),ballot |-> (p1 :> [round |-> 1, proposer |-> p1] @@ p2 :> [round |-> 2, proposer |-> p2]),msgs |-> <<>>,learned |-> (l1 :> {}),highest |-> (p1 :> Nil @@ p2 :> Nil),accepted |-> (a1 :> Nil @@ a2 :> Nil),votes |-> (l1 :> {}),promised |-> (a1 :> [round |-> 2, proposer |-> p2] @@ a2 :> [round |-> 2, proposer |-> p2]),promises |-> (p1 :> {} @@ p2 :> {})]),
    ([phase |-> (p1 :> "Phase2" @@ p2 :> "Phase2"),proposal |-> (p1 :> v1 @@ p2 :> v1),ballot |-> (p1 :> [round |-> 1, proposer |-> p1] @@ p2 :> [round |-> 2, proposer |-> p2]),msgs |-> ([bal |-> [round |-> 1, proposer |-> p1], type |-> "Accept", val |-> v1, dest |-> a2, source |-> p1] :> 1),learned |-> (l1 :> {}),highest |-> (p1 :> Nil @@ p2 :> Nil),accepted |-> (a1 :> Nil @@ a2 :> Nil),votes |-> (l1 :> {}),promised |-> (a1 :> [round |-> 2, proposer |-> p2] @@ a2 :> [round |-> 2, proposer |-> p2]),promises |-> (p1 :> {} @@ p2 :> {})]),
    ([phase |-> (p1 :> "Phase2" @@ p2 :> "Phase2"),proposal |-> (p1 :> v1 @@ p2 :> v1),ballot |-> (p1 :> [round |-> 1, proposer |-> p1] @@ p2 :> [round |-> 2, proposer |-> p2]),msgs |-> ([bal |-> [round |-> 1, proposer |-> p1], higher |-> [round |-> 2, proposer |-> p2], type |-> "Nack", dest |-> p1, source |-> a2] :> 1),learned |-> (l1 :> {}),highest |-> (p1 :> Nil @@ p2 :> Nil),accepted |-> (a1 :> Nil @@ a2 :> Nil),votes |-> (l1 :> {}),promised |-> (a1 :> [round |-> 2, proposer |-> p2] @@ a2 :> [round |-> 2, proposer |-> p2]),promises |-> (p1 :> {} @@ p2 :> {})])
    >>
----


=============================================================================

---- MODULE MCBasicPaxosLive_TEConstants ----
EXTENDS MCBasicPaxosLive

CONSTANTS _TTraceLassoStart, _TTraceLassoEnd

=============================================================================

---- CONFIG MCBasicPaxosLive_TTrace_1795938421 ----
CONSTANTS
    p1 = p1
    p2 = p2
    a1 = a1
    a2 = a2
    a3 = a3
    l1 = l1
    v1 = v1
    v2 = v2
    Nil = Nil
    Proposer <- LiveProposer
    Acceptor <- LiveAcceptor
    Learner <- LiveLearner
    Value <- LiveValue
    ValueOf <- LiveValueOf
    Rank <- LiveRank
    Quorum <- LiveQuorum
    MaxRound = 1
    MaxDup = 1
    MaxMsgs = 1
    DropEnabled = FALSE
    DuplicateEnabled = FALSE
    RestartEnabled = FALSE
    p2 = p2
    a3 = a3
    a2 = a2
    a1 = a1
    l1 = l1
    v2 = v2
    p1 = p1
    v1 = v1
    Nil = Nil
_TTraceLassoStart = 12
_TTraceLassoEnd = 29

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
\* Generated on Sun Nov 29 07:47:52 UTC 2026
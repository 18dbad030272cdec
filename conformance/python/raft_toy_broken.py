"""The toy with the bug of the vote-without-log-check variant (Raft §5.4.1): a vote is granted
without comparing logs. The conformance vectors must catch it."""
import raft_toy
from raft_toy import *  # noqa: F401,F403


def grants_without_log_check(s, j, m):
    return m["term"] == s["currentTerm"] and s["votedFor"] in (None, j)


raft_toy.grants_vote = grants_without_log_check
step = raft_toy.step

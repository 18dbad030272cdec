"""A toy Raft node in Python, written from spec/Raft.tla (raft.tla's actions), over the state shape of
the conformance vectors: step(node, state, input, config) returns None when the action is not
enabled, else (next_state, messages_sent, keep)."""
import copy


def last_term(log):
    return log[-1]["term"] if log else 0


def term_at(log, k):
    return log[k - 1]["term"] if 1 <= k <= len(log) else None


def per_server(config, x):
    return {j: x for j in config["servers"]}


def is_majority(servers, q):
    return 2 * len([x for x in q if x in servers]) > len(servers)


def with_history(m, s, config):
    return dict(m, log=s["log"]) if config.get("historyFields") else m


def timeout(i, s, config):
    if s["state"] == "Leader":
        return None
    return dict(s, state="Candidate", currentTerm=s["currentTerm"] + 1, votedFor=None, votesResponded=[], votesGranted=[]), [], False


def request_vote(i, s, j, config):
    if s["state"] != "Candidate" or j in s["votesResponded"]:
        return None
    m = {"type": "RequestVoteRequest", "term": s["currentTerm"], "lastLogTerm": last_term(s["log"]), "lastLogIndex": len(s["log"]), "source": i, "dest": j}
    return s, [m], False


def become_leader(i, s, config):
    if s["state"] != "Candidate" or not is_majority(config["servers"], s["votesGranted"]):
        return None
    return dict(s, state="Leader", nextIndex=per_server(config, len(s["log"]) + 1), matchIndex=per_server(config, 0)), [], False


def client_request(i, s, v, config):
    if s["state"] != "Leader":
        return None
    return dict(s, log=s["log"] + [{"term": s["currentTerm"], "value": v}]), [], False


def advance_commit_index(i, s, config):
    if s["state"] != "Leader":
        return None
    n = len(s["log"])
    agree = sorted((n if k == i else s["matchIndex"].get(k, 0) for k in config["servers"]), reverse=True)
    index = min(n, agree[len(config["servers"]) // 2])
    if index == 0 or index == s["commitIndex"] or term_at(s["log"], index) != s["currentTerm"]:
        return s, [], False
    return dict(s, commitIndex=index), [], False


def append_entries(i, s, j, config):
    if i == j or s["state"] != "Leader":
        return None
    nxt = s["nextIndex"].get(j, 1)
    prev = nxt - 1
    last = min(len(s["log"]), nxt + config.get("maxAppendEntries", 1) - 1)
    m = {"type": "AppendEntriesRequest", "term": s["currentTerm"], "prevLogIndex": prev, "prevLogTerm": term_at(s["log"], prev) or 0,
         "entries": s["log"][nxt - 1:last], "commitIndex": min(s["commitIndex"], last), "source": i, "dest": j}
    return s, [with_history(m, s, config)], False


def restart(i, s, config):
    out = dict(s, state="Follower", votesResponded=[], votesGranted=[], nextIndex=per_server(config, 1), matchIndex=per_server(config, 0), commitIndex=0)
    if "restarts" in s:
        out["restarts"] = s["restarts"] + 1
    return out, [], False


def grants_vote(s, j, m):
    log_ok = m["lastLogTerm"] > last_term(s["log"]) or (m["lastLogTerm"] == last_term(s["log"]) and m["lastLogIndex"] >= len(s["log"]))
    return m["term"] == s["currentTerm"] and log_ok and s["votedFor"] in (None, j)


def handle_request_vote_request(i, s, j, m, config):
    grant = grants_vote(s, j, m)
    r = {"type": "RequestVoteResponse", "term": s["currentTerm"], "voteGranted": grant, "source": i, "dest": j}
    return (dict(s, votedFor=j) if grant else s), [with_history(r, s, config)], False


def handle_request_vote_response(i, s, j, m, config):
    if m["term"] != s["currentTerm"]:
        return None
    responded = sorted(set(s["votesResponded"]) | {j})
    granted = sorted(set(s["votesGranted"]) | {j}) if m["voteGranted"] else s["votesGranted"]
    return dict(s, votesResponded=responded, votesGranted=granted), [], False


def handle_append_entries_request(i, s, j, m, config):
    log_ok = m["prevLogIndex"] == 0 or term_at(s["log"], m["prevLogIndex"]) == m["prevLogTerm"]
    if m["term"] < s["currentTerm"] or (s["state"] == "Follower" and not log_ok):
        hint = len(s["log"]) if config.get("rejectHint") else 0
        return s, [{"type": "AppendEntriesResponse", "term": s["currentTerm"], "success": False, "matchIndex": hint, "source": i, "dest": j}], False
    if s["state"] == "Candidate":
        return dict(s, state="Follower"), [], True
    if s["state"] != "Follower":
        return None
    entries = m["entries"]
    first = next((k for k in range(1, len(entries) + 1) if term_at(s["log"], m["prevLogIndex"] + k) != entries[k - 1]["term"]), len(entries) + 1)
    if first > len(entries):
        ack = {"type": "AppendEntriesResponse", "term": s["currentTerm"], "success": True, "matchIndex": m["prevLogIndex"] + len(entries), "source": i, "dest": j}
        return dict(s, commitIndex=m["commitIndex"]), [ack], False
    if len(s["log"]) >= m["prevLogIndex"] + first:
        return dict(s, log=s["log"][:-1]), [], True
    if len(s["log"]) == m["prevLogIndex"] + first - 1:
        return dict(s, log=s["log"] + entries[first - 1:]), [], True
    return None


def handle_append_entries_response(i, s, j, m, config):
    if m["term"] != s["currentTerm"]:
        return None
    if m["success"]:
        return dict(s, nextIndex=dict(s["nextIndex"], **{j: m["matchIndex"] + 1}), matchIndex=dict(s["matchIndex"], **{j: m["matchIndex"]})), [], False
    back = s["nextIndex"].get(j, 1) - 1
    if config.get("rejectHint"):
        back = min(back, m["matchIndex"] + 1)
    return dict(s, nextIndex=dict(s["nextIndex"], **{j: max(back, 1)})), [], False


def receive(i, s, m, config):
    j = m["source"]
    if m["term"] > s["currentTerm"]:  # UpdateTerm: the message stays for a later step
        return dict(s, currentTerm=m["term"], state="Follower", votedFor=None), [], True
    t = m["type"]
    if t in ("RequestVoteResponse", "AppendEntriesResponse") and m["term"] < s["currentTerm"]:
        return s, [], False  # DropStaleResponse
    handlers = {
        "RequestVoteRequest": handle_request_vote_request,
        "RequestVoteResponse": handle_request_vote_response,
        "AppendEntriesRequest": handle_append_entries_request,
        "AppendEntriesResponse": handle_append_entries_response,
    }
    h = handlers.get(t)
    return None if h is None else h(i, s, j, m, config)


def step(node, state, inp, config):
    s = copy.deepcopy(state)
    t = inp["type"]
    if t == "Receive":
        return receive(node, s, inp["m"], config)
    if t == "Restart":
        return restart(node, s, config)
    if t == "Timeout":
        return timeout(node, s, config)
    if t == "RequestVote":
        return request_vote(node, s, inp["j"], config)
    if t == "BecomeLeader":
        return become_leader(node, s, config)
    if t == "ClientRequest":
        return client_request(node, s, inp["v"], config)
    if t == "AdvanceCommitIndex":
        return advance_commit_index(node, s, config)
    if t == "AppendEntries":
        return append_entries(node, s, inp["j"], config)
    return None  # TransferLeadership / TimeoutNowRequest: not in this toy

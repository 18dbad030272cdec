"""Replays conformance vectors (consensus-checked vectors ... --out DIR) against an implementation:
a Python module with step(node, state, input, config) -> None | (next_state, send, keep).
Usage: python3 adapter.py DIR MODULE. Exit 0: every vector agrees; 1: the first that does not,
named with what was expected and what came back; 2: bad input."""
import importlib
import json
import os
import sys


def canon(x):
    return json.dumps(x, sort_keys=True, separators=(",", ":"))


def check(vector, got):
    if vector["next"] is None:
        return None if got is None else "the action should not be enabled"
    if got is None:
        return "the action should be enabled"
    state, send, keep = got
    if canon(state) != canon(vector["next"]):
        return f"next state differs:\n  expected {canon(vector['next'])}\n  got      {canon(state)}"
    if canon(send) != canon(vector["send"]):
        return f"messages sent differ:\n  expected {canon(vector['send'])}\n  got      {canon(send)}"
    if bool(keep) != vector["keep"]:
        return f"keep should be {vector['keep']}"
    return None


def main(argv):
    if len(argv) != 3:
        print("usage: adapter.py DIR MODULE", file=sys.stderr)
        return 2
    directory, module = argv[1], argv[2]
    try:
        with open(os.path.join(directory, "config.json")) as f:
            config = json.load(f)["config"]
        with open(os.path.join(directory, "vectors.jsonl")) as f:
            vectors = [json.loads(line) for line in f if line.strip()]
    except (OSError, ValueError, KeyError) as e:
        print(f"error: cannot read the vectors in {directory}: {e}", file=sys.stderr)
        return 2
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    impl = importlib.import_module(module)
    for n, v in enumerate(vectors, 1):
        problem = check(v, impl.step(v["node"], v["state"], v["input"], config))
        if problem is not None:
            print(f"vector {n}: {v['node']} {canon(v['input'])} from {canon(v['state'])}: {problem}")
            return 1
    print(f"{len(vectors)} vectors agree")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

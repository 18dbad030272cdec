// The README written beside the vectors: the format and how to replay them against an implementation.

export function vectorsReadme(protocol: string, settings: string): string {
  return `# Conformance vectors: ${protocol}

Written by \`consensus-checked vectors\` (${settings}). Every distinct node-local transition that an
exhaustive run of the model met, one JSON object per line of \`vectors.jsonl\`:

| field | meaning |
|---|---|
| \`node\` | the node that steps (its name, e.g. \`s1\`) |
| \`state\` | its variables before the step, as in the TLA+ spec (\`null\` is Nil; sets are sorted arrays) |
| \`input\` | an internal action (\`{"type": "Timeout"}\`, \`{"type": "RequestVote", "j": "s2"}\`, ...), a delivery \`{"type": "Receive", "m": {...}}\`, or \`{"type": "Restart"}\` |
| \`next\` | its variables after the step, or \`null\` when the action is not enabled (the guard is false) |
| \`send\` | the messages the step sends, in order |
| \`keep\` | true when a delivered message stays in flight to be handled again (raft.tla's UpdateTerm) |

\`config.json\` holds the constants (servers, values, bounds, options) and the counts.

To check your implementation, replay each vector: put your node in \`state\`, apply \`input\`, and
compare the resulting state and messages with \`next\` and \`send\` (and refuse the input when
\`next\` is null). \`conformance/python/adapter.py\` in the consensus-checked repository does this
for a Python module with one function \`step(node, state, input, config)\` returning
\`None\` or \`(next_state, send, keep)\`; \`raft_toy.py\` is such a module and \`raft_toy_broken.py\` a
wrong one that the vectors catch.
`;
}

// `check --help` (general and per protocol) and `check <protocol> --list`.
import type { Checkable, Model, Tagged } from '../../core/index.ts';
import { protocols } from '../registry.ts';

/** `check --help` without a protocol: how to call it, and which protocols there are. */
export async function generalHelp(): Promise<string> {
  const lines = [
    'usage: consensus-checked check <protocol> [constants] [options]',
    '       consensus-checked check [<protocol>] --config MC<Protocol>.cfg [options]',
    '', 'Protocols:',
  ];
  for (const [name, load] of Object.entries(protocols)) lines.push(`  ${name.padEnd(6)}  ${(await load()).summary}`);
  lines.push('', "Try 'consensus-checked check raft --help' for a protocol's constants and options,", "or 'consensus-checked check raft --list' for its invariants and variants.", '');
  return lines.join('\n');
}

/** `check <protocol> --list`: what the protocol offers, names as --invariant and .cfg files take them. */
export function list(t: Checkable, model: Model<unknown, Tagged>): string {
  const names = (xs: readonly string[]) => (xs.length === 0 ? '(none)' : xs.join(', '));
  const witnesses = Object.keys(model.witnesses);
  const lines = [
    `${t.name}:`,
    `  invariants (default: all): ${names(Object.keys(model.invariants))}`,
    `  action properties (default: all): ${names(Object.keys(model.actionProperties))}`,
    `  witnesses: ${names(witnesses)}`,
    ...(witnesses.length > 0 ? [`  negated witnesses (--invariant, never by default): ${names(witnesses.map((w) => `Not${w}`))}`] : []),
    `  temporal properties (--property NAME or all; never by default): ${names(Object.keys(model.temporal ?? {}))}`,
    ...Object.entries(model.temporal ?? {}).map(([n, p]) => `    ${n}: ${p.formula}${p.assume !== undefined || p.assumeStep !== undefined ? ' (under its assumption, docs/liveness.md)' : ''}`),
    ...(model.fairness !== undefined ? [`  fairness: ${names(model.fairness.map((f) => `${f.kind === 'weak' ? 'WF' : 'SF'}(${f.action})`))}`] : []),
    `  variants: ${names(Object.keys(t.variants))}`,
    '  constants:',
    ...t.constants.map((c) => `    --${c.flag} (${c.constant}), default ${c.default}`),
    '',
  ];
  return lines.join('\n');
}

/** `check <protocol> --help`. */
export function help(t: Checkable): string {
  const lines = [`check ${t.name}: ${t.summary}`, '', 'Constants:'];
  const flagWidth = Math.max(...t.constants.map((c) => c.flag.length + 6));
  for (const c of t.constants) lines.push(`  ${`--${c.flag} <v>`.padEnd(flagWidth)}  ${c.description} (${c.constant}; default ${c.default})`);
  lines.push('', 'Variants (--variant NAME), each a known bug the checker must catch:');
  const nameWidth = Math.max(...Object.keys(t.variants).map((n) => n.length));
  for (const [n, v] of Object.entries(t.variants)) lines.push(`  ${n.padEnd(nameWidth)}  ${v.bug}`);
  lines.push(
    '', 'Model and properties:',
    '  --config F.cfg       take CONSTANTS, INVARIANTS, PROPERTIES, CONSTRAINT, SYMMETRY and CHECK_DEADLOCK',
    "                       from TLC's model file F.cfg; flags given beside it win (each override is printed)",
    '  --invariant NAME     check only the named invariants (repeatable; default: all)',
    '  --no-invariant NAME  do not check this invariant (repeatable)',
    '  --action-property NAME, --no-action-property NAME   the same for action properties',
    '  --property NAME      check this temporal property (repeatable; `all`: every one) instead of the',
    '                       invariants: a fair-cycle search, one thread, no symmetry (docs/liveness.md)',
    '  --no-property NAME   leave this temporal property out (of `all` or the .cfg\'s PROPERTY)',
    '  --witness NAME       require only the named witnesses (repeatable; default: all; with --config: none)',
    '  --no-witness NAME    do not require this witness (repeatable)',
    '  --allow-unreached NAME  report this witness without failing when no state reached it',
    '  --list               print the invariants, action properties, witnesses, temporal properties,',
    '                       fairness, variants and constants',
    '', 'Search (raft, paxos): with no bounds, --config or search flag, the default search runs exhaustive',
    'passes at small bounds, then a time-boxed guided search at deeper ones (docs/checking.md):',
    '  --seed S             seed of the guided search (default 1)',
    '  --search-seconds T   time of the guided search (raft 24, paxos 15)',
    '  --search-walks N     each guided pass stops after N walks too (the same run on any machine)',
    '', 'Exploration:',
    '  --no-deadlock        do not report states without successors',
    '  --max-states N       stop after N distinct states (exit 3, incomplete)',
    '  --max-seconds S      stop after S seconds, counted from the start (exit 3, incomplete)',
    '  --memory G           stop when resident memory passes G GiB (exit 3, incomplete)',
    '  --spill N            keep at most N states of a BFS level in memory, the rest on disk (default 1000000)',
    '  --symmetry           one state per class of states equal up to renaming interchangeable values',
    '  --por                partial-order reduction: sleep sets skip transitions that only reorder steps of',
    '                       different nodes; the same states, depths and shortest traces (one thread, node-level)',
    '  --no-speed           turn the speed layer off (memoized steps, cached verdicts, structural hashes)',
    '  --workers N          worker threads (default: the cores the load average leaves idle; 1 = this thread only)',
    '  --json               print one JSON summary instead of text',
    '  --dfs D              depth-first search of every state at most D states deep (one thread; traces',
    '                       are real but not necessarily shortest)',
    '  --search iddfs       iterative deepening: depth-first with bounds 1, 2, ... (one thread; shortest traces,',
    '                       memory bounded by depth); --search best-first [--heuristic logs|disagreement|',
    '                       messages|progress]: the highest score first, a violation shortened (docs/checking.md)',
    '  --simulate N         N random walks inside the bounds instead of exhaustive search (with --depth D,',
    '                       --seed S; --swarm: each walk weights the action kinds its own way)',
    '  --guided             the guided search at these bounds (--seed S, --search-seconds T of CPU, default 60,',
    '                       --search-walks N); a violation is shortened by BFS over its action instances',
    '  --coverage           how often each action was taken, and those never taken (one thread)',
    '  --trace-out FILE     write the counterexample as ITF JSON (--trace-format tla: a TLA+ module and .cfg',
    '                       that TLC re-checks; needs --config); --trace-witness NAME: the path to a witness',
    '  --html FILE          a self-contained HTML report with the trace as a sequence diagram; --svg FILE: the diagram',
    '', 'Exit codes: 0 all hold, 2 bad input, 3 incomplete, 11 deadlock, 12 property violated, 13 temporal property violated.', '',
  );
  return lines.join('\n');
}

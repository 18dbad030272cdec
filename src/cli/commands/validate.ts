// `validate PROTOCOL FILE...`: the trace logs of a real run (`--trace-log`, one file per node) checked
// against the model: exit 0 if the merged events are a behaviour of it, 12 at the first event that no
// model step explains, 2 for bad input (docs/trace-validation.md).
import { readFileSync } from 'node:fs';
import { setAutoFreeze } from 'immer';
import { UsageError } from '../../core/index.ts';
import { formatFailure, parseTrace, validateTrace } from '../../../model-check/validate/index.ts';
import type { TraceFile } from '../../../model-check/validate/index.ts';
import { intFlag, parseFlags } from '../args.ts';
import { EXIT } from '../exit.ts';
import { runnables } from '../runtimes.ts';
import type { Command } from './index.ts';

const options = {
  variant: { type: 'string' },
  'max-configurations': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const USAGE = `usage: consensus-checked validate PROTOCOL FILE... [--variant NAME] [--max-configurations N]
  Checks per-node trace logs (written with --trace-log) against the model of PROTOCOL (${Object.keys(runnables).join(', ')}).
  --variant NAME              check against a broken variant instead of the protocol
  --max-configurations N      give up when more configurations stay possible (default 10000)
  exit 0: the logs conform; 12: an event no model step explains (named); 2: bad input
`;

export const validate: Command = {
  summary: 'validate PROTOCOL FILE...: check trace logs of a real run (--trace-log) against the model',
  async run(argv) {
    const { values: v, positionals } = parseFlags(argv, options, 'validate');
    const values = v as { variant?: string; 'max-configurations'?: string; help?: boolean };
    if (values.help === true) {
      process.stdout.write(USAGE);
      return EXIT.ok;
    }
    const [protocol, ...paths] = positionals;
    if (protocol === undefined) throw new UsageError(`validate: expected PROTOCOL (${Object.keys(runnables).join(', ')}) and trace files`);
    const runnable = runnables[protocol];
    if (runnable === undefined) throw new UsageError(`validate: unknown protocol '${protocol}' (expected: ${Object.keys(runnables).join(', ')})`);
    if (paths.length === 0) throw new UsageError('validate: expected at least one trace file');
    const max = intFlag(values['max-configurations'], 'max-configurations', 1) ?? 10_000;
    const files = paths.map(read);
    const nodes = consistent(protocol, files);
    setAutoFreeze(false);
    const runtime = runnable.runtime(nodes, values.variant);
    const t0 = performance.now();
    const r = validateTrace(runtime, files, { maxConfigurations: max });
    const secs = ((performance.now() - t0) / 1000).toFixed(2);
    if (!r.ok) {
      process.stdout.write(formatFailure(r));
      return EXIT.violation;
    }
    const against = values.variant === undefined ? protocol : `${protocol} variant ${values.variant}`;
    process.stdout.write(`conforms: ${r.events} events of ${files.length} node log(s) (${files.map((f) => f.header.node).join(', ')}) are a behaviour of the ${against} model; at most ${r.maxConfigurations} configuration(s) possible at once; ${secs} s\n`);
    return EXIT.ok;
  },
};

function read(path: string): TraceFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`validate: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseTrace(path, text);
}

/** The cluster's node ids, once every file agrees on the protocol and the nodes and no node has two files. */
function consistent(protocol: string, files: readonly TraceFile[]): string[] {
  const first = files[0]!;
  const seen = new Map<string, string>();
  for (const f of files) {
    if (f.header.protocol !== protocol) throw new UsageError(`validate: ${f.file} is a ${f.header.protocol} log, not ${protocol}`);
    if (f.header.nodes.join(',') !== first.header.nodes.join(',')) throw new UsageError(`validate: ${f.file} names nodes ${f.header.nodes.join(',')}, ${first.file} names ${first.header.nodes.join(',')}`);
    const other = seen.get(f.header.node);
    if (other !== undefined) throw new UsageError(`validate: ${other} and ${f.file} are both logs of node ${f.header.node}`);
    if (!f.header.nodes.includes(f.header.node)) throw new UsageError(`validate: ${f.file} is the log of '${f.header.node}', not one of its nodes`);
    seen.set(f.header.node, f.file);
  }
  return [...first.header.nodes];
}

// Flag parsing on node:util's parseArgs, with every failure turned into one UsageError line.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../core/index.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `argv` strictly against `options`; `where` names the command in error messages. */
export function parseFlags(argv: readonly string[], options: Options, where: string) {
  try {
    return parseArgs({ args: joinNegatives(argv, options), options, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const unknown = /Unknown option '([^']+)'/.exec(msg);
    const known = Object.keys(options).map((o) => `--${o}`).join(', ');
    if (unknown !== null) throw new UsageError(`unknown option '${unknown[1]}' for '${where}' (expected: ${known})`);
    const missing = /Option '(-\S+, )?(--[\w-]+) <value>' argument (missing|is ambiguous)/.exec(msg);
    if (missing !== null) throw new UsageError(`${where}: ${missing[2]} needs a value`);
    throw new UsageError(`${where}: ${msg.split('\n')[0]?.replace(/\. To specify.*$/, '')}`);
  }
}

/**
 * `--flag -1` as `--flag=-1`, so that a negative number reaches the flag's own check (and its
 * message) instead of being read as an option.
 */
function joinNegatives(argv: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k] as string;
    const next = argv[k + 1];
    const name = a.startsWith('--') ? a.slice(2) : undefined;
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${a}=${next}`);
      k++;
    } else out.push(a);
  }
  return out;
}

/** A whole number in [min, max] from flag `flag`, or a UsageError naming the flag. */
export function intFlag(value: string | undefined, flag: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, got '${value}'`);
  }
  return Number(value);
}

/** A positive number (fractions allowed) from flag `flag`. */
export function numberFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new UsageError(`--${flag} must be a positive number, got '${value}'`);
  return n;
}

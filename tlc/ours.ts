// Our checker on the model of a TLC .cfg: `check <protocol> --json --workers 1`, in `root` (the
// project, or a mutated copy of it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flagsFor } from './flags.ts';
import { run } from './run.ts';
import { parseOurs, type Outcome } from './tlc-output.ts';

/** The command that checks the .cfg's model with our explorer (argv after the tsx binary). */
export function oursArgs(protocol: string, cfgPath: string): string[] {
  return ['src/cli/main.ts', 'check', protocol, ...flagsFor(protocol, readFileSync(cfgPath, 'utf8')), '--json', '--workers', '1'];
}

/** Runs our explorer in `root` (with `tsx` from `tsxRoot`'s node_modules) on the model of `cfgPath`. */
export async function runOurs(root: string, tsxRoot: string, protocol: string, cfgPath: string): Promise<Outcome & { seconds: number }> {
  let args: string[];
  try {
    args = oursArgs(protocol, cfgPath);
  } catch (e) {
    const none = { distinct: null, generated: null, depth: null, verdict: 'none', traceLength: null, seconds: 0 };
    return { ...none, error: `${cfgPath}: ${e instanceof Error ? e.message : String(e)}` };
  }
  const r = await run(join(tsxRoot, 'node_modules', '.bin', 'tsx'), args, root);
  return { ...parseOurs(r.out, r.err, r.code), seconds: r.seconds };
}

// Our checker on the model of a TLC .cfg: `check <protocol> --config FILE --json --workers 1`, in
// `root` (the project, or a mutated copy of it), the same file TLC reads.
import { join } from 'node:path';
import { run } from './run.ts';
import { parseOurs, type Outcome } from './tlc-output.ts';

/** The command that checks the .cfg's model with our explorer (argv after the tsx binary). */
export function oursArgs(protocol: string, cfgPath: string): string[] {
  return ['src/cli/main.ts', 'check', protocol, '--config', cfgPath, '--json', '--workers', '1'];
}

/** Runs our explorer in `root` (with `tsx` from `tsxRoot`'s node_modules) on the model of `cfgPath`. */
export async function runOurs(root: string, tsxRoot: string, protocol: string, cfgPath: string): Promise<Outcome & { seconds: number }> {
  const r = await run(join(tsxRoot, 'node_modules', '.bin', 'tsx'), oursArgs(protocol, cfgPath), root);
  return { ...parseOurs(r.out, r.err, r.code), seconds: r.seconds };
}

// Running a command to completion: its output, exit code and wall time, never a rejected promise.
import { spawn } from 'node:child_process';

export interface Ran {
  readonly out: string;
  readonly err: string;
  readonly code: number | null;
  readonly seconds: number;
}

/** Runs `cmd args` in `cwd`, collecting output; a failure to start is exit null with the reason in err. */
export function run(cmd: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Ran> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const done = (code: number | null, extra = ''): void =>
      resolve({ out: Buffer.concat(out).toString(), err: Buffer.concat(err).toString() + extra, code, seconds: (performance.now() - t0) / 1000 });
    child.on('error', (e) => done(null, `cannot run ${cmd}: ${e.message}`));
    child.on('close', (code) => done(code));
  });
}

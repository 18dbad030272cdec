// `explore` as a user runs it: it prints its 127.0.0.1 URL, serves the check's verdict, stops on
// SIGTERM with exit 0; bad flags are one-line usage errors.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cli, expectUsageError, root } from './helpers.ts';

describe('explore', () => {
  it('serves on 127.0.0.1 after the check, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'explore', 'basicpaxos', '--variant', 'forget-promise-on-restart', '--restart', 'on', '--drop', 'off', '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString('utf8');
          const m = /at (http:\/\/127\.0\.0\.1:\d+\/) /.exec(out);
          if (m !== null) resolve(m[1] as string);
        });
        child.once('exit', (code) => reject(new Error(`explore exited with ${code} before serving: ${out}`)));
      });
      const info = (await (await fetch(`${url}api/info`)).json()) as { name: string; nodes: string[]; check: { verdict: string; violation: { name: string } } };
      expect([info.name, info.nodes, info.check.verdict, info.check.violation.name]).toEqual(['basicpaxos/forget-promise-on-restart', ['a1', 'a2', 'a3', 'l1', 'p1', 'p2'], 'violation', 'VoteWithinPromise']);
      const page = await (await fetch(url)).text();
      expect(page).toContain('<div id="diagram">');
      const code = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 180_000);

  it('rejects bad input with one line', () => {
    expectUsageError(cli('explore'), /explore: which protocol\?/);
    expectUsageError(cli('explore', 'raft', '--port', '70000'), /--port must be a whole number from 0 to 65535, got '70000'/);
    expectUsageError(cli('explore', 'raft', '--host', '0.0.0.0'), /--host/);
    expectUsageError(cli('explore', 'raft', '--variant', 'nope'), /unknown variant 'nope' for raft/);
    const help = cli('explore', 'raft', '--help');
    expect([help.code, help.out]).toEqual([0, expect.stringContaining('--port P ')]);
  }, 180_000);
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCK_FILE, LockHeldError, holderAlive, liveHolder, lockDataDir, readHolder } from '../../../src/runtime/lock.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lock-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A pid that surely belongs to no live process: a child that has exited and been reaped. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid as number;
}

const LOCK_TS = fileURLToPath(new URL('../../../src/runtime/lock.ts', import.meta.url));

describe('lockDataDir (one node per data directory)', () => {
  it('writes a lock file naming this process, refuses a second holder, and frees it on release', async () => {
    const lock = await lockDataDir(dir);
    const h = readHolder(dir);
    expect(h?.pid).toBe(process.pid);
    expect(h?.argv).toEqual(process.argv.slice(1));
    expect(liveHolder(dir)?.pid).toBe(process.pid);
    await expect(lockDataDir(dir)).rejects.toThrow(LockHeldError);
    await expect(lockDataDir(dir)).rejects.toThrow(new RegExp(`^data directory ${dir} is in use by pid ${process.pid} \\(started `));
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    (await lockDataDir(dir)).release();
  });

  it('takes over a stale lock whose holder is dead', async () => {
    const pid = deadPid();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, start: null, startedAt: 'x', execPath: 'node', execArgv: [], argv: [], cwd: '/' }));
    expect(liveHolder(dir)).toBeNull();
    const lock = await lockDataDir(dir);
    expect(readHolder(dir)?.pid).toBe(process.pid);
    lock.release();
  });

  it.skipIf(process.platform !== 'linux')('does not mistake a reused pid for the holder (start identity differs)', async () => {
    const h = { pid: process.pid, start: 'another-boot:1', startedAt: 'x', execPath: 'node', execArgv: [], argv: [], cwd: '/' };
    expect(holderAlive(h)).toBe(false);
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(h));
    const lock = await lockDataDir(dir);
    expect(readHolder(dir)?.start).not.toBe('another-boot:1');
    lock.release();
  });

  it('release leaves a lock file that is no longer its own', async () => {
    const lock = await lockDataDir(dir);
    const other = JSON.stringify({ pid: deadPid(), start: null, startedAt: 'x', execPath: 'node', execArgv: [], argv: [], cwd: '/' });
    writeFileSync(join(dir, LOCK_FILE), other);
    lock.release();
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(other);
  });

  it('refuses an unreadable lock file instead of guessing', async () => {
    writeFileSync(join(dir, LOCK_FILE), 'garbage');
    await expect(lockDataDir(dir)).rejects.toThrow(/unreadable lock file node\.pid; remove it if no node runs/);
  });

  it('lets exactly one of several processes started together take a stale lock', async () => {
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), start: null, startedAt: 'x', execPath: 'node', execArgv: [], argv: [], cwd: '/' }));
    const script = `const { lockDataDir } = await import(${JSON.stringify(LOCK_TS)});
      try { await lockDataDir(${JSON.stringify(dir)}); console.log('got'); setTimeout(() => {}, 1500); }
      catch (e) { console.log(e.name); }`;
    const run = () =>
      new Promise<string>((resolve) => {
        const p = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        p.stdout.on('data', (d: Buffer) => (out += d.toString()));
        p.on('exit', () => resolve(out.trim()));
      });
    const results = await Promise.all([run(), run(), run()]);
    expect(results.filter((r) => r === 'got')).toHaveLength(1);
    expect(results.filter((r) => r === 'LockHeldError')).toHaveLength(2);
  }, 30_000);
});

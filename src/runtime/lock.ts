// One node per data directory. Node has no flock, so the lock is a file created atomically (link of a
// complete temporary file: never seen half-written) that names its holder: pid, the process's start
// identity (Linux: boot id + start time from /proc, so a reused pid is not mistaken for the holder),
// and the command line that started it. The lock file is also the node's pid file. A lock whose holder
// is gone is stale and may be taken over; breaking it is serialized by a kernel-held mutex (an
// abstract Unix socket, released by the kernel when its process dies) so that two contenders cannot
// both remove the same stale lock and then each other's fresh one.
import { createHash } from 'node:crypto';
import { UsageError } from '../core/index.ts';
import { existsSync, linkSync, readFileSync, realpathSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { join } from 'node:path';

/** The lock and pid file in a node's data directory. */
export const LOCK_FILE = 'node.pid';

/** Who holds a data directory: enough to find, verify and restart the process. */
export interface Holder {
  readonly pid: number;
  /** The process's start identity (null where the platform does not tell: then pid alone). */
  readonly start: string | null;
  readonly startedAt: string;
  /** `process.execPath`, `process.execArgv` and `process.argv.slice(1)`, and the working directory. */
  readonly execPath: string;
  readonly execArgv: readonly string[];
  readonly argv: readonly string[];
  readonly cwd: string;
}

/** The data directory is held by a live process. */
export class LockHeldError extends Error {
  override readonly name = 'LockHeldError';
  readonly holder: Holder;
  constructor(dir: string, h: Holder) {
    super(`data directory ${dir} is in use by pid ${h.pid} (started ${h.startedAt}); one node per data directory: stop that process first`);
    this.holder = h;
  }
}

/** A process's start identity, or null if it does not exist or is a zombie (Linux); '' elsewhere. */
export function processStart(pid: number): string | null {
  if (!hasProc()) return '';
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (f[0] === 'Z' || f[0] === 'X') return null;
    return `${bootId()}:${f[19] ?? ''}`;
  } catch {
    return null;
  }
}

let proc: boolean | null = null;
function hasProc(): boolean {
  proc ??= process.platform === 'linux' && existsSync('/proc/self/stat');
  return proc;
}

let boot: string | null = null;
function bootId(): string {
  if (boot === null) {
    try {
      boot = readFileSync('/proc/sys/kernel/random/boot_id', 'latin1').trim();
    } catch {
      boot = '';
    }
  }
  return boot;
}

/** Whether `h` still runs: its pid is alive and, where known, has the same start identity. */
export function holderAlive(h: Holder): boolean {
  const start = processStart(h.pid);
  if (start === null) return false;
  if (start !== '' && h.start !== null) return start === h.start;
  try {
    process.kill(h.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The holder named in `dir`'s lock file (alive or not), or null without a readable one. */
export function readHolder(dir: string): Holder | null {
  try {
    const h = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as Holder;
    return Number.isSafeInteger(h.pid) && h.pid > 0 && Array.isArray(h.argv) ? h : null;
  } catch {
    return null;
  }
}

/** The live holder of `dir`, if any. */
export function liveHolder(dir: string): Holder | null {
  const h = readHolder(dir);
  return h !== null && holderAlive(h) ? h : null;
}

/** A held data directory. */
export interface DirLock {
  readonly holder: Holder;
  /** Removes the lock file if it is still ours. */
  release(): void;
}

function self(): Holder {
  return {
    pid: process.pid,
    start: processStart(process.pid) || null,
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    execPath: process.execPath,
    execArgv: process.execArgv,
    argv: process.argv.slice(1),
    cwd: process.cwd(),
  };
}

/** Takes `dir`'s lock, taking over a stale one; throws `LockHeldError` if a live process holds it. */
export async function lockDataDir(dir: string): Promise<DirLock> {
  const file = join(dir, LOCK_FILE);
  const me = self();
  const text = `${JSON.stringify(me)}\n`;
  const tmp = join(dir, `${LOCK_FILE}.${process.pid}.tmp`);
  writeFileSync(tmp, text);
  try {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      try {
        create(tmp, file, text);
        return { holder: me, release: () => removeIf(file, text) };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      let seen: string;
      try {
        seen = readFileSync(file, 'utf8');
      } catch {
        continue; // removed meanwhile: try again
      }
      const h = readHolder(dir);
      if (h === null) throw new UsageError(`data directory ${dir} has an unreadable lock file ${LOCK_FILE}; remove it if no node runs on this directory`);
      if (holderAlive(h)) throw new LockHeldError(dir, h);
      await breakStale(dir, file, seen);
    }
    throw new UsageError(`data directory ${dir}: could not take the lock (kept changing hands)`);
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
  }
}

/** Creates `file` holding `text` atomically, failing with EEXIST if it exists. */
function create(tmp: string, file: string, text: string): void {
  try {
    linkSync(tmp, file);
  } catch (e) {
    // A file system without hard links: exclusive create, then write (a reader may see it empty).
    if (!['EPERM', 'ENOTSUP', 'ENOSYS', 'EOPNOTSUPP'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
    writeFileSync(file, text, { flag: 'wx' });
  }
}

function removeIf(file: string, text: string): void {
  try {
    if (readFileSync(file, 'utf8') === text) unlinkSync(file);
  } catch {
    // gone already
  }
}

/** Removes the lock file if it still holds the stale `seen`, under the kernel mutex. */
async function breakStale(dir: string, file: string, seen: string): Promise<void> {
  const mutex = await breakMutex(dir);
  try {
    removeIf(file, seen);
  } finally {
    await new Promise((r) => mutex?.close(r) ?? r(undefined));
  }
}

/** Linux: an abstract socket named after the directory, held while breaking (null elsewhere). */
async function breakMutex(dir: string): Promise<Server | null> {
  if (process.platform !== 'linux') return null;
  const name = `\0consensus-checked/lock/${createHash('sha256').update(realpathSync(dir)).digest('hex')}`;
  for (let k = 0; ; k += 1) {
    const s = createServer();
    const err = await new Promise<NodeJS.ErrnoException | null>((r) => {
      s.once('error', r);
      s.listen({ path: name }, () => r(null));
    });
    if (err === null) return s.unref();
    if (err.code !== 'EADDRINUSE' || k > 500) throw err;
    await new Promise((r) => setTimeout(r, 10));
  }
}

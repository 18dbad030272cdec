// A node loop in one process, driven by hand: a clock whose timers fire only when told (no real time
// passes) and storage that keeps the last durable value as a disk would (JSON). Replaying a model trace
// through `Node` uses them (test/runtime/replay.ts); no sockets, no real clock.
import type { Storage } from './node.ts';
import type { Clock } from './timers.ts';

type Armed = { readonly f: () => void; readonly repeat: boolean };

/** A clock that moves only by `advance`; each timer fires only by `fire`. */
export class ManualClock implements Clock {
  private t = 0;
  private readonly armed = new Map<string, Armed>();

  now(): number {
    return this.t;
  }

  arm(name: 'election' | 'heartbeat', _ms: number, repeat: boolean, f: () => void): () => void {
    const a: Armed = { f, repeat };
    this.armed.set(name, a);
    return () => {
      if (this.armed.get(name) === a) this.armed.delete(name);
    };
  }

  /** Lets `ms` pass without firing anything (windows such as flow control's expire). */
  advance(ms: number): void {
    this.t += ms;
  }

  /** Fires timer `name` as if it expired now; false if it is not armed. */
  fire(name: string): boolean {
    const a = this.armed.get(name);
    if (a === undefined) return false;
    if (!a.repeat) this.armed.delete(name);
    a.f();
    return true;
  }
}

/** Storage in memory: `last` is what a restart recovers (a JSON copy, as a disk returns it). */
export class MemoryStorage implements Storage {
  last: unknown = null;
  writes = 0;

  write(value: unknown): Promise<boolean> {
    this.last = JSON.parse(JSON.stringify(value)) as unknown;
    this.writes += 1;
    return Promise.resolve(true);
  }
}

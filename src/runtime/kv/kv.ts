// The replicated state machine: a key-value map with get, put, delete, compare-and-set and
// compare-and-delete. A write may carry a client id and a sequence number; a client's retry of the
// command it last sent returns the recorded result instead of applying twice (Raft thesis §6.3,
// client sessions), and the same number reused for a different command is refused. Reads and
// commands without a client id touch no session. A log entry holds a batch of commands (the
// runtime's batching: one ClientRequest per group commit), applied in order.
import { createHash } from 'node:crypto';
import { same } from '../wal/diff.ts';
import { CowMap } from '../snapshot-cow.ts';

/** What a client asks. Values are JSON (strings from HTTP, integers from Maelstrom). */
export type KvOp =
  | { readonly op: 'get'; readonly key: string }
  | { readonly op: 'put'; readonly key: string; readonly value: unknown }
  | { readonly op: 'del'; readonly key: string }
  | { readonly op: 'cas'; readonly key: string; readonly expected: unknown; readonly value: unknown }
  /** Compare-and-delete: delete the key if its value is `expected`. */
  | { readonly op: 'cad'; readonly key: string; readonly expected: unknown };

/** A client session's identity: the client and its sequence number for this command. */
export interface KvSession {
  readonly client: string;
  readonly seq: number;
}

/** A command in the log: the operation and, for a client with a session, its identity. */
export type KvCommand = KvOp & {
  readonly client?: string;
  readonly seq?: number;
  /** With a session: the leader's clock (ms) when it proposed the command; expiry reads only this (thesis §6.3). */
  readonly time?: number;
};

/** Why a command did not apply. */
export type KvError = 'not-found' | 'precondition' | 'stale' | 'seq-reused' | 'malformed' | 'session-expired';

/** The outcome of a command. `value` is the key's value (get), or the current value (failed cas/cad). */
export type KvResult = { readonly ok: true; readonly value?: unknown } | { readonly ok: false; readonly error: KvError; readonly value?: unknown };

/** Whether `x` is a well-formed command (entries come from the log, so check before applying). */
export function isKvCommand(x: unknown): x is KvCommand {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Record<string, unknown>;
  if (typeof c['key'] !== 'string') return false;
  // A session is both fields or neither.
  if ('client' in c || 'seq' in c) {
    if (typeof c['client'] !== 'string' || typeof c['seq'] !== 'number' || !Number.isSafeInteger(c['seq'])) return false;
  }
  switch (c['op']) {
    case 'get':
    case 'del':
      return true;
    case 'put':
      return 'value' in c;
    case 'cas':
      return 'value' in c && 'expected' in c;
    case 'cad':
      return 'expected' in c;
    default:
      return false;
  }
}

/** JSON with object keys sorted, so that equal values print the same. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** A digest of what a command asks (not who asks), to tell a retry from a reused sequence number. */
export function commandDigest(c: KvOp): string {
  const r = c as Record<string, unknown>;
  const what = [c.op, c.key, 'value' in r ? canonical(r['value']) : null, 'expected' in r ? canonical(r['expected']) : null];
  return createHash('sha256').update(JSON.stringify(what)).digest('base64');
}

export type Session = { readonly seq: number; readonly digest: string; readonly result: KvResult; readonly last: number };

/** Session expiry's own state (thesis §6.3): the entries' latest time, the last sweep, and the clients expired meanwhile. */
export interface ExpiryState {
  readonly time: number;
  readonly lastSweep: number;
  readonly expired: readonly (readonly [string, number])[];
}

/** The key-value map with its client sessions. Deterministic: every replica computes the same results. */
export class KvStore {
  // Copy-on-write, so that a snapshot reads a frozen copy while entries go on being applied.
  private readonly data = new CowMap<string, unknown>();
  private readonly sessions = new CowMap<string, Session>();
  /** Session expiry (thesis §6.3), by the entries' times only, so every replica expires the same sessions. */
  private readonly sessionTimeoutMs: number | null;
  private time = 0;
  private lastSweep = 0;
  /** Expired clients (their commands get session-expired), forgotten one more timeout later. */
  private readonly expired = new Map<string, number>();

  constructor(sessionTimeoutMs: number | null = null) {
    this.sessionTimeoutMs = sessionTimeoutMs;
  }

  /** The contents now, unchanged by later commands until `thaw()` (snapshot-kv.ts reads them). */
  freeze(): { readonly data: ReadonlyMap<string, unknown>; readonly sessions: ReadonlyMap<string, Session>; readonly expiry: ExpiryState } {
    return { data: this.data.freeze(), sessions: this.sessions.freeze(), expiry: { time: this.time, lastSweep: this.lastSweep, expired: [...this.expired] } };
  }

  thaw(): void {
    this.data.thaw();
    this.sessions.thaw();
  }

  /** Replaces the contents with a snapshot's (checked by snapshot-kv.ts). */
  load(data: Iterable<readonly [string, unknown]>, sessions: Iterable<readonly [string, Session]>, expiry: ExpiryState): void {
    this.data.load(data);
    this.sessions.load(sessions);
    this.time = expiry.time;
    this.lastSweep = expiry.lastSweep;
    this.expired.clear();
    for (const [c, at] of expiry.expired) this.expired.set(c, at);
  }

  /** Applies one command, a write with a session exactly once per (client, seq); returns its result. */
  apply(x: unknown): KvResult {
    if (!isKvCommand(x)) return { ok: false, error: 'malformed' };
    // A read changes nothing, so running it again is harmless (it needs no session).
    if (x.client === undefined || x.seq === undefined || x.op === 'get') return this.run(x);
    if (typeof x.time === 'number') this.advance(x.time);
    if (this.expired.has(x.client)) return { ok: false, error: 'session-expired' };
    const s = this.sessions.get(x.client);
    const digest = commandDigest(x);
    if (s !== undefined && x.seq === s.seq) {
      if (s.digest !== digest) return { ok: false, error: 'seq-reused' };
      this.sessions.set(x.client, { ...s, last: this.time });
      return s.result;
    }
    if (s !== undefined && x.seq < s.seq) return { ok: false, error: 'stale' };
    const result = this.run(x);
    this.sessions.set(x.client, { seq: x.seq, digest, result, last: this.time });
    return result;
  }

  /**
   * The state machine's time moves to `t` if later (a new leader's clock may be behind); sessions idle
   * longer than the timeout expire, and expired clients are forgotten a timeout after (bounded tables).
   * Sweeps at most once per second of entry time: still a function of the log alone.
   */
  private advance(t: number): void {
    if (t <= this.time) return;
    this.time = t;
    const timeout = this.sessionTimeoutMs;
    if (timeout === null || t - this.lastSweep < Math.min(timeout, 1000)) return;
    this.lastSweep = t;
    for (const [c, at] of this.expired) if (t - at > timeout) this.expired.delete(c);
    for (const [c, s] of this.sessions.entries()) {
      if (t - s.last <= timeout) continue;
      this.sessions.delete(c);
      this.expired.set(c, t);
    }
  }

  /** Applies a log entry's value: a batch (array) of commands; anything else is a no-op. */
  applyEntry(value: unknown): KvResult[] {
    return Array.isArray(value) ? value.map((c) => this.apply(c)) : [];
  }

  get size(): number {
    return this.data.size;
  }

  /** How many client sessions are remembered. */
  get sessionCount(): number {
    return this.sessions.size;
  }

  /** The value of `key` (for tests). */
  peek(key: string): unknown {
    return this.data.get(key);
  }

  private run(c: KvOp): KvResult {
    const has = this.data.has(c.key);
    const cur = this.data.get(c.key);
    switch (c.op) {
      case 'get':
        return has ? { ok: true, value: cur } : { ok: false, error: 'not-found' };
      case 'put':
        this.data.set(c.key, c.value);
        return { ok: true };
      case 'del':
        this.data.delete(c.key);
        return has ? { ok: true } : { ok: false, error: 'not-found' };
      case 'cas':
        if (!has) return { ok: false, error: 'not-found' };
        if (!same(cur, c.expected)) return { ok: false, error: 'precondition', value: cur };
        this.data.set(c.key, c.value);
        return { ok: true };
      case 'cad':
        if (!has) return { ok: false, error: 'not-found' };
        if (!same(cur, c.expected)) return { ok: false, error: 'precondition', value: cur };
        this.data.delete(c.key);
        return { ok: true };
    }
  }
}

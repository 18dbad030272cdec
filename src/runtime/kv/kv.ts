// The replicated state machine: a key-value map with get, put, delete and compare-and-set. Commands
// carry a client id and a sequence number; a client's retry of the command it last sent returns the
// recorded result instead of applying twice (Raft thesis §6.3, client sessions). A log entry holds a
// batch of commands (the runtime's batching: one ClientRequest per group commit), applied in order.
import { same } from '../wal/diff.ts';

/** What a client asks. Values are JSON (strings from HTTP, integers from Maelstrom). */
export type KvOp =
  | { readonly op: 'get'; readonly key: string }
  | { readonly op: 'put'; readonly key: string; readonly value: unknown }
  | { readonly op: 'del'; readonly key: string }
  | { readonly op: 'cas'; readonly key: string; readonly expected: unknown; readonly value: unknown };

/** A command in the log: the operation and its session identity. */
export type KvCommand = KvOp & { readonly client: string; readonly seq: number };

/** The outcome of a command. `value` is the key's value (get), or the current value (failed cas). */
export type KvResult =
  | { readonly ok: true; readonly value?: unknown }
  | { readonly ok: false; readonly error: 'not-found' | 'precondition' | 'stale' | 'malformed'; readonly value?: unknown };

/** Whether `x` is a well-formed command (entries come from the log, so check before applying). */
export function isKvCommand(x: unknown): x is KvCommand {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Record<string, unknown>;
  if (typeof c['client'] !== 'string' || typeof c['key'] !== 'string') return false;
  if (typeof c['seq'] !== 'number' || !Number.isSafeInteger(c['seq'])) return false;
  switch (c['op']) {
    case 'get':
    case 'del':
      return true;
    case 'put':
      return 'value' in c;
    case 'cas':
      return 'value' in c && 'expected' in c;
    default:
      return false;
  }
}

/** The key-value map with its client sessions. Deterministic: every replica computes the same results. */
export class KvStore {
  private readonly data = new Map<string, unknown>();
  private readonly sessions = new Map<string, { seq: number; result: KvResult }>();

  /** Applies one command exactly once per (client, seq); returns its result. */
  apply(x: unknown): KvResult {
    if (!isKvCommand(x)) return { ok: false, error: 'malformed' };
    const s = this.sessions.get(x.client);
    if (s !== undefined && x.seq === s.seq) return s.result;
    if (s !== undefined && x.seq < s.seq) return { ok: false, error: 'stale' };
    const result = this.run(x);
    this.sessions.set(x.client, { seq: x.seq, result });
    return result;
  }

  /** Applies a log entry's value: a batch (array) of commands; anything else is a no-op. */
  applyEntry(value: unknown): KvResult[] {
    return Array.isArray(value) ? value.map((c) => this.apply(c)) : [];
  }

  get size(): number {
    return this.data.size;
  }

  /** The value of `key` (for tests). */
  peek(key: string): unknown {
    return this.data.get(key);
  }

  private run(c: KvCommand): KvResult {
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
    }
  }
}

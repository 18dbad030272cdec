// The KV store's snapshot (Raft §7: the state machine's state): its keys and values and its client
// sessions (thesis §6.3: a retry after a snapshot still finds its result). Captured from the store's
// frozen copy-on-write maps in slices, so that applying entries goes on between slices.
import type { ExpiryState, KvStore, Session } from './kv/kv.ts';

/** The snapshot data the protocol carries and the file holds (plain JSON). */
export interface KvSnapshotData {
  readonly kv: readonly (readonly [string, unknown])[];
  readonly sessions: readonly (readonly [string, Session])[];
  /** Session expiry's state, so a node loaded from the snapshot expires the same sessions (absent: none yet). */
  readonly expiry?: ExpiryState;
}

/** Map entries read per turn of the event loop. */
const SLICE = 4096;

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Copies a frozen map's entries, yielding to the event loop every SLICE entries; stops early if `cancelled()`. */
async function entries<V>(m: ReadonlyMap<string, V>, cancelled: () => boolean): Promise<[string, V][] | null> {
  const out: [string, V][] = [];
  let n = 0;
  for (const e of m) {
    out.push(e);
    n += 1;
    if (n % SLICE === 0) {
      await turn();
      if (cancelled()) return null;
    }
  }
  return out;
}

/**
 * The store's contents at this moment, read from its frozen maps while commands keep applying to the
 * overlay; null if `cancelled()` became true meanwhile (a snapshot from the leader replaced the store).
 */
export async function captureKv(kv: KvStore, cancelled: () => boolean): Promise<KvSnapshotData | null> {
  const f = kv.freeze();
  try {
    const data = await entries(f.data, cancelled);
    const sessions = data === null ? null : await entries(f.sessions, cancelled);
    return data === null || sessions === null ? null : { kv: data, sessions, expiry: f.expiry };
  } finally {
    kv.thaw();
  }
}

/** The data as snapshot file sections, and back. */
export function kvSections(d: KvSnapshotData): Record<string, readonly unknown[]> {
  const e = d.expiry ?? { time: 0, lastSweep: 0, expired: [] };
  return { kv: d.kv, sessions: d.sessions, clock: [[e.time, e.lastSweep]], expired: e.expired };
}

/** The data back from the file's sections (`clock` and `expired` absent in a file written before session expiry). */
export function kvFromSections(sections: Readonly<Record<string, readonly unknown[]>>): unknown {
  const clock = sections['clock']?.[0];
  const expiry = Array.isArray(clock) ? { time: clock[0], lastSweep: clock[1], expired: sections['expired'] ?? [] } : undefined;
  return { kv: sections['kv'] ?? [], sessions: sections['sessions'] ?? [], ...(expiry === undefined ? {} : { expiry }) };
}

/** Checks snapshot data from a file or a peer; returns the reason it is not KV snapshot data, or null. */
export function badKvSnapshot(x: unknown): string | null {
  if (typeof x !== 'object' || x === null) return 'snapshot data is not an object';
  const { kv, sessions } = x as Record<string, unknown>;
  if (!Array.isArray(kv) || !Array.isArray(sessions)) return 'snapshot data lacks its kv and sessions lists';
  const k = kv.findIndex((e: unknown) => !Array.isArray(e) || e.length !== 2 || typeof e[0] !== 'string');
  if (k >= 0) return `kv item ${k + 1} is not a [key, value] pair`;
  const j = sessions.findIndex((e: unknown) => !Array.isArray(e) || e.length !== 2 || typeof e[0] !== 'string' || !isSession(e[1]));
  if (j >= 0) return `session ${j + 1} is not a [client, { seq, digest, result, last }] pair`;
  const { expiry } = x as { expiry?: unknown };
  if (expiry !== undefined && !isExpiry(expiry)) return 'snapshot data has a session-expiry state that is not { time, lastSweep, expired: [client, time][] }';
  return null;
}

function isSession(x: unknown): x is Session {
  const s = x as Record<string, unknown> | null;
  return typeof s === 'object' && s !== null && Number.isSafeInteger(s['seq']) && typeof s['digest'] === 'string' && typeof s['result'] === 'object' && s['result'] !== null && typeof s['last'] === 'number';
}

function isExpiry(x: unknown): x is ExpiryState {
  const e = x as Record<string, unknown> | null;
  const pair = (p: unknown) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'number';
  return typeof e === 'object' && e !== null && typeof e['time'] === 'number' && typeof e['lastSweep'] === 'number' && Array.isArray(e['expired']) && e['expired'].every(pair);
}

/** A snapshot's keys and sessions as the maps a store holds. */
export interface KvMaps {
  readonly kv: Map<string, unknown>;
  readonly sessions: Map<string, Session>;
}

/** Builds a snapshot's maps SLICE entries per turn of the event loop (while its file is written, say). */
export async function kvMaps(d: KvSnapshotData): Promise<KvMaps> {
  const fill = async <V>(xs: readonly (readonly [string, V])[]): Promise<Map<string, V>> => {
    const m = new Map<string, V>();
    for (let k = 0; k < xs.length; k += 1) {
      const [key, v] = xs[k] as readonly [string, V];
      m.set(key, v);
      if ((k + 1) % SLICE === 0) await turn();
    }
    return m;
  };
  return { kv: await fill(d.kv), sessions: await fill(d.sessions) };
}

/** Replaces the store's contents with checked snapshot data, taking its maps if `kvMaps` built them (then no copy). */
export function loadKv(kv: KvStore, d: KvSnapshotData, maps: KvMaps | null = null): void {
  kv.load(maps?.kv ?? d.kv, maps?.sessions ?? d.sessions, d.expiry ?? { time: 0, lastSweep: 0, expired: [] });
}

// Command-line constants of `check raft` -> RaftConfig and network options (MCRaft.cfg's constants).
import { UsageError, type ConstantSpec, type NetworkOptions } from '../core/index.ts';
import { membershipConstants, membershipSettings, parseMembership } from './config-membership.ts';
import type { RaftConfig } from './types.ts';

export const constants: readonly ConstantSpec[] = [
  { flag: 'servers', constant: 'Server', description: 'how many servers (s1..sN), or their names with commas: s1,s2,s3', default: '2' },
  { flag: 'values', constant: 'Value', description: 'how many client values (v1..vN), or their names with commas: v1,v2', default: '1' },
  { flag: 'max-term', constant: 'MaxTerm', description: 'CONSTRAINT currentTerm[i] <= MaxTerm', default: '3' },
  { flag: 'max-log', constant: 'MaxLogLen', description: 'CONSTRAINT Len(log[i]) <= MaxLogLen', default: '2' },
  { flag: 'max-dup', constant: 'MaxDup', description: 'CONSTRAINT copies of one message in flight <= MaxDup', default: '1' },
  { flag: 'max-msgs', constant: 'MaxMsgs', description: 'CONSTRAINT messages in flight (all copies) <= MaxMsgs', default: '1' },
  { flag: 'max-restarts', constant: 'MaxRestarts', description: "CONSTRAINT restarts of all servers <= MaxRestarts ('none': unbounded, 0: no Restart)", default: 'none' },
  { flag: 'passive', constant: 'Passive', description: "CONSTRAINT these servers are never candidates: a list like s2, or 'none'", default: 'none' },
  { flag: 'max-drops', constant: 'MaxDrops', description: "CONSTRAINT DropMessage steps taken <= MaxDrops ('none': unbounded; adds a counter)", default: 'none' },
  { flag: 'max-dups', constant: 'MaxDuplicates', description: "CONSTRAINT DuplicateMessage steps taken <= MaxDuplicates ('none': unbounded; adds a counter)", default: 'none' },
  { flag: 'drop', constant: 'DropEnabled', description: 'DropMessage enabled: on or off', default: 'on' },
  { flag: 'duplicate', constant: 'DuplicateEnabled', description: 'DuplicateMessage enabled: on or off', default: 'on' },
  { flag: 'history', constant: 'HistoryFields', description: "raft.tla's history field mlog in messages: on (as TLC counts) or off", default: 'on' },
  { flag: 'max-append', constant: 'MaxAppendEntries', description: 'entries one AppendEntriesRequest may carry (raft.tla: 1)', default: '1' },
  { flag: 'reject-hint', constant: 'RejectHint', description: "a rejected AppendEntries carries the follower's log length: on or off (raft.tla: off)", default: 'off' },
  { flag: 'transfer', constant: 'LeadershipTransfer', description: 'TransferLeadership and TimeoutNowRequest in Next: on or off (raft.tla: off)', default: 'off' },
  { flag: 'snapshots', constant: 'Snapshots', description: 'log compaction: TakeSnapshot, InstallSnapshot in Next: on or off (raft.tla: off)', default: 'off' },
  { flag: 'sessions', constant: 'Sessions', description: 'client sessions: commands [client, seq] and ApplyCommitted in Next: on or off (raft.tla: off)', default: 'off' },
  { flag: 'prevote', constant: 'PreVote', description: 'PreVote (thesis 9.6): Timeout asks for pre-votes, StartElection raises the term: on or off (raft.tla: off)', default: 'off' },
  { flag: 'checkquorum', constant: 'CheckQuorum', description: 'CheckQuorum (thesis 6.2, 9.6): leaders step down without a quorum, RequestVote ignored in a lease: on or off (raft.tla: off)', default: 'off' },
  { flag: 'readindex', constant: 'ReadIndex', description: 'ReadIndex reads (thesis 6.4): ReadIndexStart, ReadIndexConfirm, ReadIndexAnswer in Next: on or off (raft.tla: off)', default: 'off' },
  { flag: 'max-reads', constant: 'MaxReads', description: 'with --readindex on: CONSTRAINT reads each server starts <= MaxReads', default: '1' },
  { flag: 'session-timeout', constant: 'SessionTimeout', description: "with --sessions on: a session idle longer than this (by the entries' time) expires ('none': never)", default: 'none' },
  { flag: 'max-clock', constant: 'MaxClock', description: 'with --session-timeout: CONSTRAINT clock[i] <= MaxClock (Tick advances a clock)', default: '2' },
  { flag: 'clients', constant: 'Client', description: 'with --sessions on: how many clients (c1..cN), or their names with commas', default: '1' },
  { flag: 'max-seq', constant: 'MaxSeq', description: 'with --sessions on: sequence numbers 1..N each client may send', default: '1' },
  ...membershipConstants,
];

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** A count N (names p1..pN) or a comma list of distinct names; a bare name is refused as ambiguous. */
function names(flag: string, text: string, prefix: string, max: number): string[] {
  if (/^[-+]?\d+$/.test(text)) {
    const n = Number(text);
    if (n < 1 || n > max) throw new UsageError(`--${flag} must be a number from 1 to ${max} or a list like ${prefix}1,${prefix}2, got '${text}'`);
    return Array.from({ length: n }, (_, k) => `${prefix}${k + 1}`);
  }
  if (!text.includes(',')) {
    throw new UsageError(`--${flag} '${text}' is neither a count nor a list: write a number from 1 to ${max}, or names with commas like ${prefix}1,${prefix}2 (one name: ${text},)`);
  }
  const xs = text.split(',').map((x) => x.trim());
  if (xs.length > 1 && xs.at(-1) === '') xs.pop();
  if (xs.length > max || xs.some((x) => !NAME.test(x)) || new Set(xs).size !== xs.length) {
    throw new UsageError(`--${flag} must be a number from 1 to ${max} or a list of distinct names like ${prefix}1,${prefix}2, got '${text}'`);
  }
  return xs.sort();
}

function whole(flag: string, text: string, min: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min) throw new UsageError(`--${flag} must be a whole number >= ${min}, got '${text}'`);
  return Number(text);
}

function bound(flag: string, text: string): number | null {
  if (text === 'none') return null;
  if (!/^\d+$/.test(text)) throw new UsageError(`--${flag} must be none or a whole number >= 0, got '${text}'`);
  return Number(text);
}

function onOff(flag: string, text: string): boolean {
  if (text !== 'on' && text !== 'off') throw new UsageError(`--${flag} must be on or off, got '${text}'`);
  return text === 'on';
}

/** Parses the flag values (defaults filled in by the caller or here). */
export function parse(values: Readonly<Record<string, string>>): { config: RaftConfig; network: NetworkOptions } {
  const v = (flag: string): string => values[flag] ?? (constants.find((k) => k.flag === flag) as ConstantSpec).default;
  const restarts = v('max-restarts');
  if (restarts !== 'none' && !/^\d+$/.test(restarts)) throw new UsageError(`--max-restarts must be none or a whole number >= 0, got '${restarts}'`);
  const maxRestarts = restarts === 'none' ? null : Number(restarts);
  const servers = names('servers', v('servers'), 's', 9);
  const passive = v('passive') === 'none' ? [] : v('passive').split(',').map((x) => x.trim()).filter((x) => x !== '').sort();
  if (passive.some((x) => !servers.includes(x))) {
    throw new UsageError(`--passive must be none or a list of servers among ${servers.join(',')}, got '${v('passive')}'`);
  }
  const config: RaftConfig = {
    servers,
    values: names('values', v('values'), 'v', 9),
    maxTerm: whole('max-term', v('max-term'), 1),
    maxLogLen: whole('max-log', v('max-log'), 0),
    maxDup: whole('max-dup', v('max-dup'), 1),
    maxMsgs: whole('max-msgs', v('max-msgs'), 0),
    // 0 restarts is expressed by leaving Restart out of Next, so no counter is needed.
    maxRestarts: maxRestarts === 0 ? null : maxRestarts,
    passive,
    historyFields: onOff('history', v('history')),
    ...extensions(v),
    ...membership(v, servers),
  };
  const maxDrops = bound('max-drops', v('max-drops'));
  const maxDuplicates = bound('max-dups', v('max-dups'));
  const network: NetworkOptions = {
    network: 'bag',
    drop: onOff('drop', v('drop')),
    duplicate: onOff('duplicate', v('duplicate')),
    restart: maxRestarts !== 0,
    ...(maxDrops !== null ? { maxDrops } : {}),
    ...(maxDuplicates !== null ? { maxDuplicates } : {}),
  };
  return { config, network };
}

/** The constants that are not raft.tla's, present only when they differ from raft.tla's behaviour. */
function extensions(v: (flag: string) => string): Pick<RaftConfig, 'maxAppendEntries' | 'rejectHint' | 'leadershipTransfer' | 'snapshots' | 'sessions' | 'preVote' | 'checkQuorum' | 'readIndex'> {
  const maxAppendEntries = whole('max-append', v('max-append'), 1);
  const clients = names('clients', v('clients'), 'c', 9);
  const maxSeq = whole('max-seq', v('max-seq'), 0);
  const sessions = onOff('sessions', v('sessions'));
  if (sessions && onOff('snapshots', v('snapshots'))) throw new UsageError('--sessions on and --snapshots on are not modelled together yet (a snapshot would hold the session table)');
  const preVote = onOff('prevote', v('prevote'));
  const checkQuorum = onOff('checkquorum', v('checkquorum'));
  if (checkQuorum && onOff('snapshots', v('snapshots'))) throw new UsageError('--checkquorum on and --snapshots on are not modelled together yet (InstallSnapshot would have to count as word from the leader)');
  if (preVote && onOff('snapshots', v('snapshots'))) throw new UsageError('--prevote on and --snapshots on are not modelled together yet (InstallSnapshot would have to count as word from the leader)');
  const maxReads = whole('max-reads', v('max-reads'), 0);
  return {
    ...(onOff('readindex', v('readindex')) ? { readIndex: { maxReads } } : {}),
    ...(preVote ? { preVote: true } : {}),
    ...(checkQuorum ? { checkQuorum: true } : {}),
    ...(sessions ? { sessions: { clients, maxSeq, ...expiry(v) } } : {}),
    ...(maxAppendEntries !== 1 ? { maxAppendEntries } : {}),
    ...(onOff('reject-hint', v('reject-hint')) ? { rejectHint: true } : {}),
    ...(onOff('transfer', v('transfer')) ? { leadershipTransfer: true } : {}),
    ...(onOff('snapshots', v('snapshots')) ? { snapshots: true } : {}),
  };
}

/** Membership change, refused with the extensions it is not modelled with. */
function membership(v: (flag: string) => string, servers: readonly string[]): Pick<RaftConfig, 'membership'> {
  const m = parseMembership(v, servers);
  if (m === undefined) return {};
  for (const flag of ['snapshots', 'sessions', 'prevote', 'checkquorum', 'transfer', 'readindex']) {
    if (v(flag) === 'on') throw new UsageError(`--membership ${m.mode} and --${flag} on are not modelled together yet${flag === 'snapshots' ? ' (a snapshot would have to record the configuration)' : ''}`);
  }
  return { membership: m };
}

/** With --session-timeout N: session expiry (thesis §6.3), clocks bounded by --max-clock. */
function expiry(v: (flag: string) => string): { expiry?: { timeout: number; maxClock: number } } {
  const t = bound('session-timeout', v('session-timeout'));
  return t === null ? {} : { expiry: { timeout: t, maxClock: whole('max-clock', v('max-clock'), 0) } };
}

/** One line naming the setting, e.g. for reports. */
export function settings(c: RaftConfig, n: NetworkOptions): string {
  const bound = (x: number | null): string => (x === null ? 'none' : String(x));
  return [
    `servers ${c.servers.join(',')}`,
    `values ${c.values.map(String).join(',')}`,
    `max-term ${bound(c.maxTerm)}`,
    `max-log ${bound(c.maxLogLen)}`,
    `max-dup ${bound(c.maxDup)}`,
    `max-msgs ${bound(c.maxMsgs)}`,
    `max-restarts ${n.restart ? bound(c.maxRestarts) : '0'}`,
    `passive ${(c.passive ?? []).length === 0 ? 'none' : (c.passive ?? []).join(',')}`,
    `drop ${n.drop ? 'on' : 'off'}`,
    `duplicate ${n.duplicate ? 'on' : 'off'}`,
    ...(n.maxDrops !== undefined ? [`max-drops ${n.maxDrops}`] : []),
    ...(n.maxDuplicates !== undefined ? [`max-dups ${n.maxDuplicates}`] : []),
    `history ${c.historyFields ? 'on' : 'off'}`,
    ...(c.maxAppendEntries !== undefined ? [`max-append ${c.maxAppendEntries}`] : []),
    ...(c.rejectHint === true ? ['reject-hint on'] : []),
    ...(c.leadershipTransfer === true ? ['transfer on'] : []),
    ...(c.snapshots === true ? ['snapshots on'] : []),
    ...(c.preVote === true ? ['prevote on'] : []),
    ...(c.checkQuorum === true ? ['checkquorum on'] : []),
    ...(c.readIndex !== undefined ? [`readindex on; max-reads ${bound(c.readIndex.maxReads)}`] : []),
    ...(c.sessions !== undefined ? [`sessions on; clients ${c.sessions.clients.join(',')}; max-seq ${c.sessions.maxSeq}${c.sessions.expiry !== undefined ? `; session-timeout ${c.sessions.expiry.timeout}; max-clock ${bound(c.sessions.expiry.maxClock)}` : ''}`] : []),
    ...membershipSettings(c.membership),
  ].join('; ');
}

/** raft.tla's constants with no model-checking bound: for a real cluster, and for unit tests. */
export function unbounded(servers: readonly string[], values: readonly string[] = []): RaftConfig {
  return {
    servers: [...servers].sort(),
    values: [...values],
    maxTerm: null,
    maxLogLen: null,
    maxDup: null,
    maxMsgs: null,
    maxRestarts: null,
    historyFields: false,
  };
}

/** Entries and JSON bytes of values one AppendEntriesRequest carries in a real cluster (resync batches). */
export const RUNTIME_MAX_APPEND_ENTRIES = 4096;
export const RUNTIME_MAX_APPEND_BYTES = 1 << 20;

/**
 * A real cluster's constants: unbounded, batched AppendEntries with the reject hint, leadership
 * transfer, and joint-consensus membership change whose first configuration is `voters` (cluster.json
 * seeds it; the configuration entries in the log decide after that).
 */
export function runtimeConfig(servers: readonly string[], voters: readonly string[] = servers): RaftConfig {
  return {
    ...unbounded(servers),
    maxAppendEntries: RUNTIME_MAX_APPEND_ENTRIES,
    maxAppendBytes: RUNTIME_MAX_APPEND_BYTES,
    rejectHint: true,
    leadershipTransfer: true,
    readIndex: { maxReads: null },
    membership: { mode: 'joint', voters: [...voters].sort(), learners: [], maxChanges: Number.MAX_SAFE_INTEGER, targets: [], removals: [] },
  };
}

// The trace-log format (docs/trace-validation.md, version 1): a header line, then one JSON event per
// line. Parsing only: every malformed line is a UsageError naming file:line (the CLI's exit 2).
import { UsageError } from '../../src/core/index.ts';
import type { NodeId, Tagged } from '../../src/core/index.ts';

/** The header's `format` and `version` this validator reads. */
export const TRACE_FORMAT = 'consensus-checked/trace';
export const TRACE_VERSION = 1;

/** The first line of a node's log. */
export interface TraceHeader {
  readonly protocol: string;
  readonly variant: string | null;
  readonly node: NodeId;
  readonly nodes: readonly NodeId[];
}

/** A message a step sent: its receiver, the sender's send sequence number, and optionally its type and content digest. */
export interface SentRef {
  readonly to: NodeId;
  readonly seq: number;
  readonly type: string | null;
  readonly digest: string | null;
}

export type EventKind = 'restart' | 'receive' | 'timer' | 'request' | 'persist' | 'compact';

/** One event line; fields that a line leaves out are null (not checked). */
export interface TraceEvent {
  readonly file: string;
  readonly line: number;
  readonly node: NodeId;
  readonly kind: EventKind;
  /** Wall-clock milliseconds, only to order the merge readably. */
  readonly t: number | null;
  /** receive: the sender, and the message's identity (its send sequence number, or its digest). */
  readonly from: NodeId | null;
  readonly seq: number | null;
  readonly digest: string | null;
  readonly type: string | null;
  /** timer / request: the model's action, the timer's name, a client request's value (`hasValue`). */
  readonly action: Tagged | null;
  readonly timer: string | null;
  readonly value: unknown;
  readonly hasValue: boolean;
  /** The messages the step sent, in order (null on restart and persist). */
  readonly sent: readonly SentRef[] | null;
  /** The resulting state, in part: `NodeRuntime.view` fields and/or the protocol's own variables. */
  readonly view: Readonly<Record<string, unknown>> | null;
  readonly state: Readonly<Record<string, unknown>> | null;
  /** restart: the durable value the node recovered (undefined: not logged). */
  readonly durable: unknown;
  /** compact: the snapshot the log was compacted into; restart: the snapshot file recovered (null: none). */
  readonly snapshot: SnapshotRef | null;
}

/** A snapshot as a line names it: its last position, the entry's id there, and its data's digest. */
export interface SnapshotRef {
  readonly index: number;
  readonly id: string | number;
  readonly digest: string;
}

/** One node's parsed log. */
export interface TraceFile {
  readonly file: string;
  readonly header: TraceHeader;
  readonly events: readonly TraceEvent[];
}

const KINDS: readonly EventKind[] = ['restart', 'receive', 'timer', 'request', 'persist', 'compact'];

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Parses one node's log; `file` names it in errors. */
export function parseTrace(file: string, text: string): TraceFile {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  // A last line without its newline that is not JSON is a write torn by a kill: dropped, as a WAL's torn tail.
  else if (lines.length > 1 && !parses(lines.at(-1) as string)) lines.pop();
  if (lines.length === 0) throw new UsageError(`${file}: empty (expected a header line)`);
  const header = parseHeader(file, json(file, 1, lines[0] as string));
  const events: TraceEvent[] = [];
  lines.forEach((text, k) => {
    if (k === 0 || text.trim() === '') return;
    const e = parseEvent(file, k + 1, json(file, k + 1, text));
    if (e.node !== header.node) throw new UsageError(`${file}:${k + 1}: event of node '${e.node}' in the log of '${header.node}'`);
    events.push(e);
  });
  return { file, header, events };
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function json(file: string, line: number, text: string): Obj {
  let x: unknown;
  try {
    x = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file}:${line}: not JSON (${(e as Error).message})`);
  }
  if (!isObj(x)) throw new UsageError(`${file}:${line}: expected a JSON object`);
  return x;
}

function parseHeader(file: string, o: Obj): TraceHeader {
  const where = `${file}:1`;
  if (o['format'] !== TRACE_FORMAT) throw new UsageError(`${where}: not a trace log header (expected "format": "${TRACE_FORMAT}")`);
  if (o['version'] !== TRACE_VERSION) throw new UsageError(`${where}: trace log version ${JSON.stringify(o['version'])}, this validator reads version ${TRACE_VERSION}`);
  const nodes = o['nodes'];
  if (!Array.isArray(nodes) || nodes.length === 0 || !nodes.every((n) => typeof n === 'string')) throw new UsageError(`${where}: "nodes" must be a list of node ids`);
  return {
    protocol: str(where, o, 'protocol'),
    variant: typeof o['variant'] === 'string' ? o['variant'] : null,
    node: str(where, o, 'node'),
    nodes: nodes as NodeId[],
  };
}

function parseEvent(file: string, line: number, o: Obj): TraceEvent {
  const where = `${file}:${line}`;
  const kind = o['kind'] as EventKind;
  if (!KINDS.includes(kind)) throw new UsageError(`${where}: "kind" must be one of ${KINDS.join(', ')}`);
  const step = kind === 'receive' || kind === 'timer' || kind === 'request';
  const e: TraceEvent = {
    file,
    line,
    node: str(where, o, 'node'),
    kind,
    t: opt(where, o, 't', 'number') as number | null,
    from: kind === 'receive' ? str(where, o, 'from') : null,
    seq: opt(where, o, 'seq', 'number') as number | null,
    digest: opt(where, o, 'digest', 'string') as string | null,
    type: opt(where, o, 'type', 'string') as string | null,
    action: action(where, o['action']),
    timer: opt(where, o, 'timer', 'string') as string | null,
    value: o['value'],
    hasValue: 'value' in o,
    sent: step ? sent(where, o['sent']) : null,
    view: record(where, o, 'view'),
    state: record(where, o, 'state'),
    durable: o['durable'],
    snapshot: snapshotRef(where, o['snapshot']),
  };
  if (kind === 'receive' && e.seq === null && e.digest === null) throw new UsageError(`${where}: a receive names its message by "seq" (the sender's) or "digest"`);
  if (kind === 'compact' && e.snapshot === null) throw new UsageError(`${where}: a compact event names its "snapshot"`);
  return e;
}

function str(where: string, o: Obj, k: string): string {
  const v = o[k];
  if (typeof v !== 'string' || v === '') throw new UsageError(`${where}: "${k}" must be a non-empty string`);
  return v;
}

function opt(where: string, o: Obj, k: string, type: 'number' | 'string'): unknown {
  const v = o[k];
  if (v === undefined || v === null) return null;
  if (typeof v !== type) throw new UsageError(`${where}: "${k}" must be a ${type}`);
  return v;
}

function record(where: string, o: Obj, k: string): Obj | null {
  const v = o[k];
  if (v === undefined || v === null) return null;
  if (!isObj(v)) throw new UsageError(`${where}: "${k}" must be an object`);
  return v;
}

function action(where: string, v: unknown): Tagged | null {
  if (v === undefined || v === null) return null;
  if (!isObj(v) || typeof v['type'] !== 'string') throw new UsageError(`${where}: "action" must be an object with a "type"`);
  return v as unknown as Tagged;
}

function sent(where: string, v: unknown): SentRef[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new UsageError(`${where}: "sent" must be a list`);
  return v.map((x, k) => {
    if (!isObj(x) || typeof x['to'] !== 'string' || !Number.isInteger(x['seq'])) throw new UsageError(`${where}: sent[${k}] needs "to" (a node id) and "seq" (an integer)`);
    return { to: x['to'], seq: x['seq'] as number, type: typeof x['type'] === 'string' ? x['type'] : null, digest: typeof x['digest'] === 'string' ? x['digest'] : null };
  });
}

function snapshotRef(where: string, v: unknown): SnapshotRef | null {
  if (v === undefined || v === null) return null;
  const ok = isObj(v) && Number.isSafeInteger(v['index']) && (v['index'] as number) >= 1 && (typeof v['id'] === 'string' || typeof v['id'] === 'number') && typeof v['digest'] === 'string';
  if (!ok) throw new UsageError(`${where}: "snapshot" must be { "index": a position >= 1, "id": a string or number, "digest": a string }`);
  return { index: v['index'] as number, id: v['id'] as string | number, digest: v['digest'] as string };
}

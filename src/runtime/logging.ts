// Node logs as text lines or JSON lines (`--log-format json`), and the protocol events operators need
// (elections, votes, leader changes, step-downs), found by comparing a generic view of the protocol
// state before and after each step: the runtime reads fields, it decides nothing.
import { UsageError } from '../core/index.ts';
import type { Message, NodeId, NodeRuntime, Receive, Tagged } from '../core/index.ts';

export type LogFormat = 'text' | 'json';

const LOG_FORMATS: readonly LogFormat[] = ['text', 'json'];

/** `--log-format`: text (default) or json lines. */
export function parseLogFormat(v: string | undefined): LogFormat {
  if (v === undefined) return 'text';
  const f = LOG_FORMATS.find((x) => x === v);
  if (f === undefined) throw new UsageError(`--log-format must be one of ${LOG_FORMATS.join(', ')}, got '${v}'`);
  return f;
}

type Fields = Readonly<Record<string, string | number | boolean | null>>;

/** One node's log: free-form lines (transport, HTTP) and events with fields. */
export interface Logger {
  (line: string): void;
  event(name: string, fields: Fields, text: string): void;
}

/** A logger writing `format` lines for node `id` (to stderr by default). */
export function createLogger(id: string, format: LogFormat, write: (s: string) => void = (s) => process.stderr.write(s)): Logger {
  const out = (fields: Fields, text: string): void => {
    const ts = new Date().toISOString();
    write(format === 'json' ? `${JSON.stringify({ ts, node: id, ...fields, msg: text })}\n` : `${ts} ${id} ${text}\n`);
  };
  const log = ((line: string) => out({}, line)) as Logger;
  log.event = (name, fields, text) => out({ event: name, ...fields }, text);
  return log;
}

/** A logger over a plain line sink (events become their text). */
export function lineLogger(write: (line: string) => void): Logger {
  const log = ((line: string) => write(line)) as Logger;
  log.event = (_name, _fields, text) => write(text);
  return log;
}

/** Counts what the events feed to metrics. */
export interface EventSink {
  election(): void;
}

/**
 * Returns a step observer that logs one line per election (candidacy), vote granted, leader change
 * (becoming leader, or learning of a new leader from its messages) and step-down.
 */
export function transitionLogger<S, A extends Tagged, M extends Message>(
  i: NodeId,
  rt: Pick<NodeRuntime<S, A, M>, 'view' | 'leaderShown'>,
  log: Logger,
  sink: EventSink,
): (before: S, after: S, input: A | Receive<M>) => void {
  let known: { leader: NodeId; term: number } | null = null;
  return (before, after, input) => {
    const b = rt.view(before);
    const a = rt.view(after);
    const at = { term: a.term, lastIndex: a.lastIndex, commitIndex: a.commitIndex };
    const idx = `last index ${a.lastIndex}, commit ${a.commitIndex}`;
    if (a.role === 'candidate' && (b.role !== 'candidate' || a.term > b.term)) {
      sink.election();
      log.event('election', at, `election: timed out, candidate in term ${a.term} (${idx})`);
    }
    if (a.votedFor !== null && a.votedFor !== i && (a.votedFor !== b.votedFor || a.term !== b.term)) {
      log.event('vote', { ...at, votedFor: a.votedFor }, `vote: granted to ${a.votedFor} in term ${a.term} (${idx})`);
    }
    if (b.role === 'leader' && a.role !== 'leader') {
      log.event('step-down', { ...at, fromTerm: b.term, role: a.role }, `step-down: leader of term ${b.term} is now ${a.role} in term ${a.term} (${idx})`);
    }
    let leader: NodeId | null = null;
    if (a.role === 'leader') leader = i;
    else if (input.type === 'Receive') leader = rt.leaderShown(i, after, (input as Receive<M>).m);
    if (leader !== null && (known === null || known.leader !== leader || known.term !== a.term)) {
      known = { leader, term: a.term };
      const text = leader === i ? `leader: became leader in term ${a.term} (${idx})` : `leader: ${leader} leads term ${a.term} (${idx})`;
      log.event('leader', { ...at, leader }, text);
    }
  };
}

// Maelstrom mode: the same node loop with JSON lines on stdin/stdout instead of TCP and HTTP
// (https://github.com/jepsen-io/maelstrom, protocol.md). Handles the `init` handshake and the lin-kv
// workload's read / write / cas with Maelstrom's error codes; a node that does not lead forwards a
// client request to the leader it knows and relays the answer. Peer messages travel as the body itself
// (their `type` is the spec's message type), accepted only from the node ids given by `init` and
// validated by the protocol's schema like TCP frames; a client's body of any other type gets error 10.
// Storage is memory: Maelstrom's lin-kv does not restart nodes.
import { createInterface } from 'node:readline';
import type { Message, NodeRuntime, Tagged } from '../core/index.ts';
import type { KvOp } from './kv/kv.ts';
import { Node } from './node.ts';
import type { Outcome } from './node.ts';
import { validate } from './transport/schema.ts';
import type { Schema } from './transport/schema.ts';

export interface MaelstromOptions<S, A extends Tagged, M extends Message> {
  /** The protocol bound to these node ids (from `init`). */
  readonly runtimeFor: (nodeIds: readonly string[]) => NodeRuntime<S, A, M>;
  readonly schema: Schema;
  readonly input?: NodeJS.ReadableStream;
  readonly output?: (line: string) => void;
  readonly log?: (line: string) => void;
}

type Body = Record<string, unknown> & { type?: unknown; msg_id?: unknown };
type Envelope = { src: string; dest: string; body: Body };

/** Maelstrom's error codes used here (protocol.md, "Errors"); 0 and 13 are indefinite, the rest definite. */
export const ERR = {
  timeout: 0,
  notSupported: 10,
  temporarilyUnavailable: 11,
  malformedRequest: 12,
  crash: 13,
  abort: 14,
  keyDoesNotExist: 20,
  preconditionFailed: 22,
} as const;

/** The request types of the lin-kv workload. */
const CLIENT_TYPES = ['read', 'write', 'cas'];

/** The Maelstrom reply body for a KV outcome. */
export function replyBody(op: KvOp, o: Outcome): Body {
  if (o.kind === 'timeout') return { type: 'error', code: ERR.timeout, text: 'timed out; outcome unknown' };
  if (o.kind === 'failed') return { type: 'error', code: ERR.temporarilyUnavailable, text: o.reason === 'not-leader' ? 'not leader' : 'leadership changed; not applied' };
  const r = o.result;
  if (r.ok) return op.op === 'get' ? { type: 'read_ok', value: r.value } : op.op === 'put' ? { type: 'write_ok' } : { type: 'cas_ok' };
  switch (r.error) {
    case 'not-found':
      return { type: 'error', code: ERR.keyDoesNotExist, text: 'key does not exist' };
    case 'precondition':
      return { type: 'error', code: ERR.preconditionFailed, text: `expected ${JSON.stringify(op.op === 'cas' ? op.expected : null)}, had ${JSON.stringify(r.value)}` };
    case 'stale':
      return { type: 'error', code: ERR.abort, text: 'superseded by a later request of this client; not applied' };
    case 'seq-reused':
      return { type: 'error', code: ERR.abort, text: 'this msg_id was already used by this client for a different request; not applied' };
    case 'malformed':
      return { type: 'error', code: ERR.malformedRequest, text: 'malformed request' };
    case 'session-expired':
      return { type: 'error', code: ERR.abort, text: 'this client session expired; not applied' };
  }
}

function kvOp(b: Body): KvOp | null {
  const key = b['key'];
  if (typeof key !== 'string' && typeof key !== 'number') return null;
  const k = String(key);
  switch (b.type) {
    case 'read':
      return { op: 'get', key: k };
    case 'write':
      return 'value' in b ? { op: 'put', key: k, value: b['value'] } : null;
    case 'cas':
      return 'from' in b && 'to' in b ? { op: 'cas', key: k, expected: b['from'], value: b['to'] } : null;
    default:
      return null;
  }
}

/** Runs until stdin closes. */
export async function runMaelstrom<S, A extends Tagged, M extends Message>(o: MaelstromOptions<S, A, M>): Promise<void> {
  const out = o.output ?? ((l: string) => process.stdout.write(`${l}\n`));
  const log = o.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  let me = '';
  let node: Node<S, A, M> | null = null;
  let nextId = 1;
  /** The cluster's node ids (from init): the only sources of peer messages. */
  const nodes = new Set<string>();
  const forwarded = new Map<number, (b: Body) => void>();
  const send = (dest: string, body: Body): void => out(JSON.stringify({ src: me, dest, body }));
  // Before init a node knows its id only as the address the message came to.
  const reply = (to: Envelope, body: Body): void => out(JSON.stringify({ src: me === '' ? to.dest : me, dest: to.src, body: { ...body, in_reply_to: to.body.msg_id } }));

  const execute = async (client: string, b: Body): Promise<Body> => {
    const op = kvOp(b);
    if (op === null || node === null) return { type: 'error', code: ERR.malformedRequest, text: 'bad request' };
    const n = node;
    const seq = typeof b.msg_id === 'number' ? b.msg_id : 0;
    const leader = n.leader();
    if (leader !== null && leader !== me) {
      // Forward to the leader and relay its answer (a lost forward is a timeout: outcome unknown).
      const id = nextId++;
      return new Promise<Body>((resolve) => {
        const t = setTimeout(() => {
          forwarded.delete(id);
          resolve({ type: 'error', code: ERR.timeout, text: 'forward to leader timed out' });
        }, 3000);
        forwarded.set(id, (r) => {
          clearTimeout(t);
          resolve(r);
        });
        send(leader, { type: 'forward', msg_id: id, client, req: b });
      });
    }
    return replyBody(op, await n.submit(op.op === 'get' ? op : { ...op, client, seq }));
  };

  const handle = async (e: Envelope): Promise<void> => {
    const b = e.body;
    if (b.type === 'init') {
      me = String(b['node_id']);
      const ids = Array.isArray(b['node_ids']) ? b['node_ids'].map(String) : [me];
      for (const id of ids) nodes.add(id);
      node = new Node<S, A, M>({
        id: me,
        runtime: o.runtimeFor(ids),
        recovered: null,
        storage: { write: async () => true },
        send: (m) => send(m.dest, m as unknown as Body),
        log,
        timers: { electionMs: [300, 600], heartbeatMs: 50 },
        commandTimeoutMs: 2000,
      });
      node.start();
      reply(e, { type: 'init_ok' });
      return;
    }
    if (node === null) {
      const known = typeof b.type === 'string' && CLIENT_TYPES.includes(b.type);
      if (!('in_reply_to' in b)) reply(e, known ? { type: 'error', code: ERR.temporarilyUnavailable, text: 'not initialized' } : { type: 'error', code: ERR.notSupported, text: `unsupported request type ${JSON.stringify(b.type)}` });
      return;
    }
    if ((b.type === 'forward' || b.type === 'forward_ok') && !nodes.has(e.src)) {
      return reply(e, { type: 'error', code: ERR.notSupported, text: `${b.type} is accepted from cluster nodes only` });
    }
    if (b.type === 'forward') {
      const n = node;
      const inner = b['req'] as Body;
      const op = kvOp(inner);
      const seq = typeof inner.msg_id === 'number' ? inner.msg_id : 0;
      const r: Body =
        op === null ? { type: 'error', code: ERR.malformedRequest, text: 'bad request' } : replyBody(op, await n.submit(op.op === 'get' ? op : { ...op, client: String(b['client']), seq }));
      return send(e.src, { type: 'forward_ok', in_reply_to: b.msg_id, reply: r });
    }
    if (b.type === 'forward_ok') {
      const k = b['in_reply_to'];
      const f = typeof k === 'number' ? forwarded.get(k) : undefined;
      if (f !== undefined) {
        forwarded.delete(k as number);
        f(b['reply'] as Body);
      }
      return;
    }
    if (typeof b.type === 'string' && CLIENT_TYPES.includes(b.type)) return reply(e, await execute(e.src, b));
    if (!nodes.has(e.src)) {
      // A client's request of a type we do not serve (a reply to us would carry in_reply_to: no answer).
      if (!('in_reply_to' in b)) reply(e, { type: 'error', code: ERR.notSupported, text: `unsupported request type ${JSON.stringify(b.type)} (this node serves lin-kv: read, write, cas)` });
      return;
    }
    // Otherwise a peer message of the protocol: validate it like a TCP frame.
    const bad = validate(o.schema, b);
    if (bad !== null || (b as { source?: unknown }).source !== e.src || (b as { dest?: unknown }).dest !== me) {
      log(`maelstrom: dropped invalid message from ${e.src}: ${bad ?? 'source/dest mismatch'}`);
      return;
    }
    node.receive(b as unknown as M);
  };

  const rl = createInterface({ input: o.input ?? process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    if (line.trim() === '') continue;
    let e: Envelope;
    try {
      e = JSON.parse(line) as Envelope;
      if (typeof e.src !== 'string' || typeof e.body !== 'object' || e.body === null) throw new Error('not a message');
    } catch {
      log(`maelstrom: ignored a line that is not a message: ${line.slice(0, 80)}`);
      continue;
    }
    handle(e).catch((err: unknown) => {
      log(`maelstrom: ${err instanceof Error ? err.message : String(err)}`);
      // Whether a client's request took effect is unknown here: 13 (crash) is indefinite.
      if (typeof e.body.type === 'string' && CLIENT_TYPES.includes(e.body.type)) reply(e, { type: 'error', code: ERR.crash, text: 'internal error; outcome unknown' });
    });
  }
  (node as Node<S, A, M> | null)?.stop();
}

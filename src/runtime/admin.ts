// Membership administration on a node (docs/runtime.md, "Growing and shrinking a cluster"), behind
// the client API's token: GET /admin/members shows the configuration this node holds; POST
// /admin/members {"op": "add" | "promote" | "remove", "node": id} starts a change at the leader and
// answers once it is committed. The protocol decides (its `membership.change` names each refusal);
// this file only waits, and hands leadership over before the leader removes itself (thesis §3.10).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MembershipChange, MembershipView, Message, NodeRuntime, RuntimeMembership, Tagged } from '../core/index.ts';
import type { Node } from './node.ts';

/** What the admin endpoints need from their node. */
export interface AdminBackend {
  readonly id: string;
  /** The configuration this node holds, with who it believes leads. */
  members(): MembershipView & { readonly id: string; readonly leader: string | null };
  /** Starts change x here (the leader) and waits for it to commit. */
  change(x: MembershipChange): Promise<AdminAnswer>;
}

export interface AdminAnswer {
  readonly code: number;
  readonly body: Record<string, unknown>;
}

const OPS = ['add', 'promote', 'remove'];

/** Parses the body of POST /admin/members, or names what is wrong with it. */
export function parseChange(body: Buffer): MembershipChange | string {
  let x: unknown;
  try {
    x = JSON.parse(body.toString('utf8'));
  } catch {
    return 'the body is not JSON: expected {"op": "add" | "promote" | "remove", "node": "<id>"}';
  }
  const r = x as Record<string, unknown> | null;
  if (typeof r !== 'object' || r === null || !OPS.includes(r['op'] as string)) return `'op' must be add, promote or remove, got ${JSON.stringify(r?.['op'] ?? null)}`;
  if (typeof r['node'] !== 'string' || !/^[A-Za-z][A-Za-z0-9_-]{0,31}$/.test(r['node'])) return `'node' must be a node id, got ${JSON.stringify(r['node'] ?? null)}`;
  return { op: r['op'] as MembershipChange['op'], node: r['node'] };
}

export interface AdminOptions<S, A extends Tagged, M extends Message> {
  readonly id: string;
  readonly node: Node<S, A, M>;
  readonly runtime: NodeRuntime<S, A, M>;
  readonly membership: RuntimeMembership<S, A>;
  /** Whether this node has an address for j (a node to add must be in the cluster file first). */
  readonly known: (j: string) => boolean;
  /** How long a change may take to commit (then 504: it may still complete). */
  readonly timeoutMs: number;
  /** The longest wait for a hand-off before the leader removes itself. */
  readonly handOffMs: number;
  readonly log: (line: string) => void;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The admin backend of a running node. */
export function adminBackend<S, A extends Tagged, M extends Message>(o: AdminOptions<S, A, M>): AdminBackend {
  const notLeader = (): AdminAnswer => ({ code: 503, body: { error: 'not-leader', message: 'not the leader: send membership changes to the leader', leader: o.node.leader() } });
  return {
    id: o.id,
    members: () => ({ id: o.id, leader: o.node.leader(), ...o.membership.view(o.node.state) }),
    async change(x) {
      if (o.node.leader() !== o.id) return notLeader();
      if (x.op === 'add' && !o.known(x.node)) {
        return { code: 409, body: { error: 'refused', message: `${x.node} has no address in the cluster file: add it there (cluster add does) first` } };
      }
      if (x.op === 'remove' && x.node === o.id) {
        // Thesis §3.10: the leader hands over to a caught-up voter, which then removes it.
        const moved = await o.node.handOff(o.handOffMs);
        const l = o.node.leader();
        o.log(`admin: removal of ${o.id} asked: ${moved ? `handed leadership to ${l}` : 'no voter took over'}`);
        return moved
          ? { code: 503, body: { error: 'not-leader', message: `${o.id} handed leadership to ${l} (TimeoutNow) before its removal: send it there`, leader: l } }
          : { code: 503, body: { error: 'no-hand-off', message: `${o.id} leads and no caught-up voter took over within ${o.handOffMs} ms: retry`, leader: l } };
      }
      const r = await o.node.act((s) => o.membership.change(o.id, s, x));
      if (r !== null && 'refused' in r) {
        if (r.refused === 'not the leader') return notLeader();
        return { code: 409, body: { error: r.wait ? 'not-yet' : 'refused', message: r.refused } };
      }
      if (r === null) return { code: 503, body: { error: 'not-started', message: 'the change was not enabled when its round came (leadership moved?): retry', leader: o.node.leader() } };
      o.log(`admin: ${x.op} ${x.node}: ${o.runtime.describe(o.id, r)}`);
      const end = performance.now() + o.timeoutMs;
      while (performance.now() < end) {
        if (o.membership.done(o.node.state, x)) return { code: 200, body: { ok: true, id: o.id, leader: o.node.leader(), ...o.membership.view(o.node.state) } };
        if (o.node.leader() !== o.id) break;
        await sleep(20);
      }
      return { code: 504, body: { error: 'unknown', message: `${x.op} ${x.node} was proposed but is not known committed (${o.node.leader() === o.id ? 'timed out' : 'leadership moved'}): see cluster members` } };
    },
  };
}

/** Serves /admin/members (the caller checked the token and read the body of a POST). */
export async function adminRequest(b: AdminBackend, req: IncomingMessage, body: Buffer | null): Promise<AdminAnswer> {
  if (req.method === 'GET') return { code: 200, body: { ...b.members() } };
  if (req.method !== 'POST' || body === null) return { code: 405, body: { error: 'method-not-allowed', message: 'GET or POST /admin/members' } };
  const x = parseChange(body);
  if (typeof x === 'string') return { code: 400, body: { error: 'bad-change', message: x } };
  return b.change(x);
}

/** Writes an answer as the client API does. */
export function sendAnswer(res: ServerResponse, a: AdminAnswer): void {
  const text = JSON.stringify(a.body);
  res.writeHead(a.code, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

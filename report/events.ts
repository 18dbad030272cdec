// A composed model's trace as sequence-diagram events: who acted at each step, which messages were
// sent (new copies in the bag), delivered, dropped or duplicated, and which node variables changed.
import { canonical, type Message, type Tagged } from '../src/core/index.ts';
import type { Change, TraceStep } from '../model-check/index.ts';

/** A trace with the model's actions (compose's GlobalAction for a node-level protocol) and its nodes. */
export interface DiagramInput {
  readonly steps: readonly TraceStep[];
  readonly actions: readonly (Tagged | null)[];
  readonly nodes: readonly string[];
}

/** One message arrow: sent at row `from`, ending at row `to` (delivered or dropped), or still in flight. */
export interface Arrow {
  readonly source: string;
  readonly dest: string;
  readonly sent: number;
  readonly end: number | null;
  readonly fate: 'delivered' | 'dropped' | 'inflight';
  readonly duplicate: boolean;
  readonly label: string;
}

/** Per step: the acting node (null: the network), the action, and each node's changed variables. */
export interface Row {
  readonly actor: string | null;
  readonly action: string;
  readonly changes: Readonly<Record<string, readonly string[]>>;
}

type Pending = { source: string; dest: string; sent: number; key: string; label: string; duplicate: boolean };

const messageOf = (a: Tagged | null): Message | null => {
  const m = (a as { m?: unknown } | null)?.m;
  return typeof m === 'object' && m !== null && 'source' in m && 'dest' in m ? (m as Message) : null;
};

/** Copies of each message in a step's `messages` variable (compose's form: m, or { copies, m }). */
function bag(step: TraceStep | undefined): Map<string, { m: Message; n: number }> {
  const out = new Map<string, { m: Message; n: number }>();
  const list = step?.variables['messages'];
  if (!Array.isArray(list)) return out;
  for (const e of list as unknown[]) {
    const o = e as { copies?: number; m?: Message; type?: string };
    const [m, n] = o.type === undefined && typeof o.copies === 'number' ? [o.m as Message, o.copies] : [e as Message, 1];
    out.set(canonical(m), { m, n });
  }
  return out;
}

/** The rows and arrows of a trace; a message's label is its type. */
export function eventsOf(d: DiagramInput): { rows: Row[]; arrows: Arrow[] } {
  const rows: Row[] = [];
  const arrows: Arrow[] = [];
  const pending: Pending[] = [];
  d.steps.forEach((step, k) => {
    const a = d.actions[k] ?? null;
    const m = messageOf(a);
    const o = a as { type?: string; i?: string } | null;
    const actor = o === null ? null : typeof o.i === 'string' ? o.i : o.type === 'Receive' && m !== null ? m.dest : null;
    rows.push({ actor, action: step.action ?? 'Initial state', changes: changesByNode(step.changes, d.nodes) });
    if (k === 0 || o === null) return;
    const before = bag(d.steps[k - 1]);
    const after = bag(step);
    const key = m === null ? '' : canonical(m);
    const take = (): Pending | undefined => {
      const at = pending.findIndex((p) => p.key === key);
      return at < 0 ? undefined : pending.splice(at, 1)[0];
    };
    if (o.type === 'DuplicateMessage' && m !== null) {
      const first = pending.find((p) => p.key === key);
      pending.push({ source: m.source, dest: m.dest, sent: first?.sent ?? k, key, label: m.type, duplicate: true });
      return;
    }
    if (o.type === 'DropMessage' && m !== null) {
      const p = take();
      arrows.push({ source: m.source, dest: m.dest, sent: p?.sent ?? 0, end: k, fate: 'dropped', duplicate: p?.duplicate ?? false, label: m.type });
      return;
    }
    if (o.type === 'Receive' && m !== null) {
      // A delivery that leaves the message in flight (raft.tla's UpdateTerm) keeps it pending.
      const consumed = (after.get(key)?.n ?? 0) < (before.get(key)?.n ?? 0);
      const p = consumed ? take() : pending.find((x) => x.key === key);
      arrows.push({ source: m.source, dest: m.dest, sent: p?.sent ?? 0, end: k, fate: 'delivered', duplicate: p?.duplicate ?? false, label: m.type });
    }
    for (const [key2, { m: sent, n }] of after) {
      for (let c = before.get(key2)?.n ?? 0; c < n; c++) pending.push({ source: sent.source, dest: sent.dest, sent: k, key: key2, label: sent.type, duplicate: false });
    }
  });
  for (const p of pending) arrows.push({ source: p.source, dest: p.dest, sent: p.sent, end: null, fate: 'inflight', duplicate: p.duplicate, label: p.label });
  return { rows, arrows };
}

/** `currentTerm.s1: 1 -> 2` filed under s1 as `currentTerm: 1 -> 2`; network changes are left out. */
function changesByNode(changes: readonly Change[], nodes: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const c of changes) {
    const m = /^([^.[]+)\.([^.[]+)(.*)$/.exec(c.path);
    if (m === null || !nodes.includes(m[2] as string)) continue;
    (out[m[2] as string] ??= []).push(`${m[1]}${m[3]}: ${show(c.from)} → ${show(c.to)}`);
  }
  return out;
}

function show(x: unknown): string {
  const t = x === undefined ? '(none)' : canonical(x).replace(/"([A-Za-z_]\w*)":/g, '$1:');
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}

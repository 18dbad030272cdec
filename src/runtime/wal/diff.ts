// A structural diff of plain JSON data, so that the write-ahead log stores what changed in
// `durable(state)` and not the whole log on every write. The runtime knows nothing of the protocol's
// durable shape; it relies only on immer's structural sharing (an unchanged subtree is the same
// reference), which makes the diff cost proportional to what changed.

/** One change: set the value at `p`, delete the key `p`, or keep the first `t` items of the array
 *  at `p` and append `a`. */
export type PatchOp =
  | { readonly p: readonly (string | number)[]; readonly v: unknown }
  | { readonly p: readonly (string | number)[]; readonly del: 1 }
  | { readonly p: readonly (string | number)[]; readonly t: number; readonly a: readonly unknown[] };

/** The operations that turn `prev` into `next` (both plain JSON data: objects, arrays, primitives). */
export function diff(prev: unknown, next: unknown): PatchOp[] {
  const ops: PatchOp[] = [];
  walk(prev, next, [], ops);
  return ops;
}

function walk(a: unknown, b: unknown, p: (string | number)[], ops: PatchOp[]): void {
  if (a === b) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    let k = 0;
    const n = Math.min(a.length, b.length);
    // Items are mostly the same objects (structural sharing): compare references before calling same.
    while (k < n && (a[k] === b[k] || same(a[k], b[k]))) k += 1;
    // A changed last item of the common length is truncated and re-appended: logs change at the end.
    if (k < a.length || k < b.length) ops.push({ p: [...p], t: k, a: b.slice(k) });
    return;
  }
  if (isObject(a) && isObject(b)) {
    for (const key of Object.keys(a)) if (!(key in b)) ops.push({ p: [...p, key], del: 1 });
    for (const [key, v] of Object.entries(b)) walk(a[key], v, [...p, key], ops);
    return;
  }
  if (!same(a, b)) ops.push({ p: [...p], v: b });
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Deep equality of JSON data, with a reference shortcut. */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, k) => same(x, b[k]));
  }
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => k in b && same(a[k], b[k]));
  }
  return false;
}

/** Applies `ops` to `base` without mutating it; returns the new value. */
export function patch(base: unknown, ops: readonly PatchOp[]): unknown {
  let root = base;
  for (const op of ops) root = applyAt(root, op.p, 0, op);
  return root;
}

function applyAt(node: unknown, p: readonly (string | number)[], d: number, op: PatchOp): unknown {
  if (d === p.length) {
    if ('v' in op) return op.v;
    if ('del' in op) return undefined;
    const arr = Array.isArray(node) ? node : [];
    if (op.t > arr.length) throw new Error(`WAL patch truncates to ${op.t} beyond length ${arr.length}`);
    return [...arr.slice(0, op.t), ...op.a];
  }
  const key = p[d] as string | number;
  if (Array.isArray(node)) {
    const copy = node.slice();
    copy[key as number] = applyAt(node[key as number], p, d + 1, op);
    return copy;
  }
  const obj = isObject(node) ? node : {};
  const child = applyAt(obj[key], p, d + 1, op);
  const copy: Record<string, unknown> = { ...obj };
  if (child === undefined) delete copy[key];
  else copy[key] = child;
  return copy;
}

/**
 * Applies `ops` to `base` in place (for replay, which owns its freshly parsed value): linear in the
 * size of the ops, where `patch` copies each changed array. Returns the new root.
 */
export function patchInPlace(base: unknown, ops: readonly PatchOp[]): unknown {
  let root = base;
  for (const op of ops) {
    if (op.p.length === 0) {
      root = 'v' in op ? op.v : 'del' in op ? undefined : appendTo(Array.isArray(root) ? root : [], op.t, op.a);
      continue;
    }
    let node: unknown = root;
    for (let d = 0; d < op.p.length - 1; d += 1) {
      const key = op.p[d] as string | number;
      const parent = node as Record<string | number, unknown>;
      let child = parent[key];
      if (typeof child !== 'object' || child === null) parent[key] = child = {};
      node = child;
    }
    const parent = node as Record<string | number, unknown>;
    const key = op.p[op.p.length - 1] as string | number;
    if ('v' in op) parent[key] = op.v;
    else if ('del' in op) delete parent[key];
    else parent[key] = appendTo(Array.isArray(parent[key]) ? (parent[key] as unknown[]) : [], op.t, op.a);
  }
  return root;
}

function appendTo(arr: unknown[], t: number, a: readonly unknown[]): unknown[] {
  if (t > arr.length) throw new Error(`WAL patch truncates to ${t} beyond length ${arr.length}`);
  arr.length = t;
  for (const x of a) arr.push(x);
  return arr;
}

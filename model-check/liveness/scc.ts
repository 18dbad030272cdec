// Strongly connected components of the subgraph induced by a set of states (Tarjan's algorithm,
// iterative so that deep graphs do not overflow the stack).

/** Successors of a state, as ids. */
export type Successors = (v: number) => readonly number[];

/** The SCCs of the subgraph induced by `nodes` (in reverse topological order, as Tarjan emits them). */
export function components(nodes: readonly number[], succ: Successors): number[][] {
  const member = new Set(nodes);
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const onStack = new Set<number>();
  const stack: number[] = [];
  const out: number[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    // Each frame: a state and the position of the next successor to look at.
    const frames: [number, number][] = [[root, 0]];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as [number, number];
      const [v, k] = frame;
      const next = succ(v);
      if (k < next.length) {
        frame[1] = k + 1;
        const w = next[k] as number;
        if (!member.has(w)) continue;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          frames.push([w, 0]);
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent !== undefined) low.set(parent[0], Math.min(low.get(parent[0]) as number, low.get(v) as number));
      if (low.get(v) === index.get(v)) {
        const c: number[] = [];
        let w: number;
        do {
          w = stack.pop() as number;
          onStack.delete(w);
          c.push(w);
        } while (w !== v);
        out.push(c);
      }
    }
  }
  return out;
}

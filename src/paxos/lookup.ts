// Reading a per-acceptor variable: a missing acceptor is an impossible state, i.e. a bug.
import type { Acceptor } from './types.ts';

export function at<T>(r: Readonly<Record<Acceptor, T>>, a: Acceptor): T {
  const x = r[a];
  if (x === undefined) throw new Error(`paxos: no acceptor '${a}' in the state`);
  return x;
}

// States that crossed threads or came back from disk arrive as fresh objects: mapped back onto the
// objects this thread already holds (hash-consing), they share memory and the per-object memos again.
import { Conser, consDeep } from './cons.ts';

/** The function applied to such states: hash-consing with the speed layer on, none when it is off. */
export function thawer<S>(speed: boolean | undefined): ((s: S) => S) | undefined {
  if (speed === false) return undefined;
  const c = new Conser<unknown>(1 << 18);
  return (s) => consDeep(c, s);
}

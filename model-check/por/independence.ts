// The independence a composition declares for partial-order reduction: a step belongs to the node it
// changes (a message step to the message's destination); steps of different nodes commute.
import { canonical, type Independence, type Message } from '../../src/core/index.ts';
import type { GlobalAction } from '../steps.ts';

/** Owner and stable key of a composed model's actions (docs/checking.md, "Partial-order reduction"). */
export function composedIndependence<A, M extends Message>(): Independence<GlobalAction<A, M>> {
  // Internal action objects are shared per node state by the speed layer: their text is computed once.
  const texts = new WeakMap<object, string>();
  const internal = (x: Extract<GlobalAction<A, M>, { readonly type: 'Internal' }>): string => {
    let t = texts.get(x);
    if (t === undefined) texts.set(x, (t = `I ${x.i} ${canonical(x.a)}`));
    return t;
  };
  return {
    owner: (x) => (x.type === 'Restart' || x.type === 'Internal' ? x.i : x.m.dest),
    key: (x) => (x.type === 'Restart' ? `R ${x.i}` : x.type === 'Internal' ? internal(x) : `${x.type} ${x.key}`),
  };
}

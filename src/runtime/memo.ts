// A pure function of an immutable object, remembered per object (a WeakMap: an entry goes with its
// key). The runtime's steps share unchanged subtrees between states (immer), so a value computed
// from a subtree that a step did not touch is looked up instead of computed again.

/** `f` remembered per argument object; `f` must be pure and its argument never mutated. */
export function memoByObject<K extends object, R>(f: (k: K) => R): (k: K) => R {
  const seen = new WeakMap<K, R>();
  return (k) => {
    if (seen.has(k)) return seen.get(k) as R;
    const r = f(k);
    seen.set(k, r);
    return r;
  };
}

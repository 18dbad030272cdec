// Admission of inbound connections that have not authenticated yet. They share a small pool of
// their own (authenticated peers are not counted in it). A connection that has sent a valid hello
// from a known peer id is protected until its deadline; the others are evicted, oldest first, to
// make room for a new connection, so idle strangers cannot keep a peer out. A new connection is
// refused only when every slot holds a protected one (each gone within the handshake deadline).

/** The pool's answer to a new connection. */
export type Admission<C> = { readonly admitted: true; readonly evict: C | null } | { readonly admitted: false };

export class HandshakePool<C> {
  readonly max: number;
  /** In admission order (oldest first); true = protected. */
  private readonly entries = new Map<C, boolean>();
  constructor(max: number) {
    this.max = max;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Admits `c`, naming the unprotected connection to close for it if the pool is full. */
  admit(c: C): Admission<C> {
    if (this.entries.size < this.max) {
      this.entries.set(c, false);
      return { admitted: true, evict: null };
    }
    for (const [old, isProtected] of this.entries) {
      if (isProtected) continue;
      this.entries.delete(old);
      this.entries.set(c, false);
      return { admitted: true, evict: old };
    }
    return { admitted: false };
  }

  /** `c` sent a valid hello: it keeps its slot until it authenticates, fails or times out. */
  protect(c: C): void {
    if (this.entries.has(c)) this.entries.set(c, true);
  }

  /** `c` authenticated or closed. */
  leave(c: C): void {
    this.entries.delete(c);
  }

  has(c: C): boolean {
    return this.entries.has(c);
  }
}

// Flow control of payload-carrying messages per peer, after etcd's inflight window: a peer has at most
// MAX_INFLIGHT such messages unanswered, and the same payload is not repeated within `resendMs`. A
// message held back is, to the model, a lost one (DropMessage); the timers send it again. Heartbeats
// (no key) always go, so they queue behind at most MAX_INFLIGHT bounded batches, never behind a pile.
import type { NodeId } from '../core/index.ts';

/** Unanswered payload messages per peer (each bounded in bytes by the protocol's batch bound). */
export const MAX_INFLIGHT = 4;

type PeerFlow = { key: string | null; at: number; unanswered: number };

export class Flow {
  private readonly peers = new Map<NodeId, PeerFlow>();
  private readonly resendMs: number;
  /** Payload messages held back so far (for tests and traces). */
  held = 0;

  constructor(resendMs: number) {
    this.resendMs = resendMs;
  }

  /**
   * Anything from peer j opens its window. The last payload still waits `resendMs` before it is
   * repeated: the answer may be to an earlier heartbeat, while the payload is still being read.
   */
  heard(j: NodeId): void {
    const f = this.peers.get(j);
    if (f !== undefined) f.unanswered = 0;
  }

  /** Whether a message to j with this payload key (null: no payload) may go now; counts it if so. */
  admit(j: NodeId, key: string | null, now: number): boolean {
    if (key === null) return true;
    let f = this.peers.get(j);
    if (f === undefined) this.peers.set(j, (f = { key: null, at: -Infinity, unanswered: 0 }));
    const recent = now - f.at < this.resendMs;
    if (recent && (f.key === key || f.unanswered >= MAX_INFLIGHT)) {
      this.held += 1;
      return false;
    }
    f.key = key;
    f.at = now;
    f.unanswered += 1;
    return true;
  }
}

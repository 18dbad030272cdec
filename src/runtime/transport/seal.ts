// Authenticated frames after the handshake: each frame's payload is `[tag][body]`, the tag an
// HMAC-SHA256 (first 16 bytes) under the connection's key over the sending side, the frame's
// sequence number in that direction, and the body. The sequence number is not sent: each end counts,
// so a replayed, reordered, dropped or reflected frame fails the check, as a tampered one does.
import { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/** Bytes of the tag in front of every authenticated frame body. */
export const TAG_BYTES = 16;

/** The side that sends a frame: the connection's dialer or its listener. */
export type Side = 'dialer' | 'listener';

function tag(key: KeyObject, side: Side, seq: number, body: Buffer | readonly Buffer[]): Buffer {
  const head = Buffer.alloc(9);
  head[0] = side === 'dialer' ? 1 : 2;
  head.writeUInt32BE(Math.floor(seq / 2 ** 32), 1);
  head.writeUInt32BE(seq >>> 0, 5);
  const h = createHmac('sha256', key).update(head);
  for (const b of Buffer.isBuffer(body) ? [body] : body) h.update(b);
  return h.digest().subarray(0, TAG_BYTES);
}

/** Tags the frames one side sends on one connection, in order. */
export class FrameSealer {
  /** A key object, prepared once: a raw key would be imported again for every frame. */
  private readonly key: KeyObject;
  private readonly side: Side;
  private seq = 0;
  constructor(key: Buffer, side: Side) {
    this.key = createSecretKey(key);
    this.side = side;
  }

  /** The tag of the next frame with this body, whole or in pieces (call once per frame, in sending order). */
  next(body: Buffer | readonly Buffer[]): Buffer {
    const t = tag(this.key, this.side, this.seq, body);
    this.seq += 1;
    return t;
  }

  /** The next frame's payload: tag then body. */
  seal(body: Buffer): Buffer {
    return Buffer.concat([this.next(body), body]);
  }
}

/** Checks the frames one side receives from `from` on one connection, in order. */
export class FrameOpener {
  private readonly key: KeyObject;
  private readonly from: Side;
  private seq = 0;
  constructor(key: Buffer, from: Side) {
    this.key = createSecretKey(key);
    this.from = from;
  }

  /** The body of an authentic frame (the next in sequence), or null: then the connection is unusable. */
  open(payload: Buffer): Buffer | null {
    if (payload.length < TAG_BYTES) return null;
    const body = payload.subarray(TAG_BYTES);
    const want = tag(this.key, this.from, this.seq, body);
    if (!timingSafeEqual(want, payload.subarray(0, TAG_BYTES))) return null;
    this.seq += 1;
    return body;
  }
}

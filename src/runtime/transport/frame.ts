// Length-prefixed frames on a byte stream: `[u32 big-endian length][payload]`. The decoder never
// throws on bytes from the network; it reports a reason, and the connection is closed by its owner.

/** Encodes one frame. */
export function encodeFrame(payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(payload.length, 0);
  return Buffer.concat([head, payload]);
}

/** Encodes a JSON value as one frame. */
export function encodeJsonFrame(value: unknown): Buffer {
  return encodeFrame(Buffer.from(JSON.stringify(value), 'utf8'));
}

/** Splits a byte stream into frames of at most `maxBytes` each (the limit may change between frames). */
export class FrameDecoder {
  private buf: Buffer = Buffer.alloc(0);
  private at = 0;
  maxBytes: number;
  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  /** Chunks after `buf` not yet joined: a large frame is copied once when complete, not once per chunk. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  /** Adds bytes from the stream. */
  push(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
  }

  /** Joins the pending chunks once they complete the frame at `at` (or its header). */
  private join(): void {
    const have = this.buf.length - this.at;
    const need = have >= 4 ? 4 + this.buf.readUInt32BE(this.at) : 4;
    if (this.pendingBytes === 0 || (have >= 4 && have + this.pendingBytes < need)) return;
    this.buf = Buffer.concat([this.buf.subarray(this.at), ...this.pending]);
    this.at = 0;
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** The next complete frame, null if none yet, or an error reason (then the stream is unusable). */
  next(): Buffer | null | { readonly error: string } {
    this.join();
    if (this.buf.length - this.at < 4) return null;
    const len = this.buf.readUInt32BE(this.at);
    if (len > this.maxBytes) return { error: `frame of ${len} bytes exceeds the limit of ${this.maxBytes}` };
    if (this.buf.length - this.at - 4 < len) return null;
    const frame = this.buf.subarray(this.at + 4, this.at + 4 + len);
    this.at += 4 + len;
    return frame;
  }
}

/** Parses a frame as JSON; returns the value or an error reason. */
export function parseJsonFrame(frame: Buffer): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(frame.toString('utf8')) };
  } catch {
    return { ok: false, reason: 'frame is not valid JSON' };
  }
}

// Cluster membership proof on connect: a mutual HMAC challenge with the shared secret. The dialer
// says who it is with a fresh nonce; the listener answers with its own nonce and a MAC over the
// dialer's nonce; the dialer answers with a MAC over the listener's nonce. A stranger (no secret)
// can produce neither MAC; a replayed transcript fails on the fresh nonces. Both sides then derive
// the connection's frame key from the secret and both nonces (HKDF, RFC 5869).
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** The first frame of the dialer. */
export type Hello = { readonly hello: 'cc1'; readonly id: string; readonly nonce: string };
/** The listener's answer. */
export type Challenge = { readonly id: string; readonly nonce: string; readonly mac: string };
/** The dialer's proof. */
export type Proof = { readonly mac: string };

export function nonce(): string {
  return randomBytes(16).toString('hex');
}

/** The MAC one side sends: over the role, the other side's nonce and both names. */
export function mac(secret: string, role: 'listener' | 'dialer', theirNonce: string, self: string, other: string): string {
  return createHmac('sha256', secret).update(`cc1|${role}|${theirNonce}|${self}|${other}`).digest('hex');
}

/** The key that authenticates every later frame of one connection (fresh nonces: a fresh key). */
export function frameKey(secret: string, dialerNonce: string, listenerNonce: string, dialer: string, listener: string): Buffer {
  const salt = Buffer.from(dialerNonce + listenerNonce, 'hex');
  return Buffer.from(hkdfSync('sha256', secret, salt, `cc1 frames|${dialer}|${listener}`, 32));
}

/** Constant-time comparison of two hex MACs. */
export function macEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

const hex = (x: unknown, len: number): x is string => typeof x === 'string' && x.length === len && /^[0-9a-f]+$/.test(x);

export function isHello(x: unknown): x is Hello {
  const r = x as Record<string, unknown>;
  return typeof x === 'object' && x !== null && r['hello'] === 'cc1' && typeof r['id'] === 'string' && hex(r['nonce'], 32);
}
export function isChallenge(x: unknown): x is Challenge {
  const r = x as Record<string, unknown>;
  return typeof x === 'object' && x !== null && typeof r['id'] === 'string' && hex(r['nonce'], 32) && hex(r['mac'], 64);
}
export function isProof(x: unknown): x is Proof {
  const r = x as Record<string, unknown>;
  return typeof x === 'object' && x !== null && hex(r['mac'], 64);
}

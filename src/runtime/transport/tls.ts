// TLS material for the peer and client ports (the `tls` section of cluster.json): the node's
// certificate and key, and the CA that peers' certificates (and, for clients, the node's) must chain
// to. Each file is read and parsed on its own, so that a bad one is named in a one-line error.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { UsageError } from '../../core/index.ts';
import type { TlsFiles } from '../config.ts';

/** The PEM contents of a node's TLS files. */
export interface TlsMaterial {
  readonly cert: Buffer;
  readonly key: Buffer;
  readonly ca: Buffer;
}

function read(what: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new UsageError(`cannot read TLS ${what} file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
}

function certificate(what: string, path: string): Buffer {
  const pem = read(what, path);
  try {
    new X509Certificate(pem);
  } catch (e) {
    throw new UsageError(`TLS ${what} file ${path} is not a PEM certificate: ${firstLine(e)}`);
  }
  return pem;
}

/** Reads and checks the CA file (all a client needs). */
export function loadCa(path: string): Buffer {
  return certificate('ca', path);
}

/** Reads and checks a node's certificate, key and CA, and that the key matches the certificate. */
export function loadTls(f: TlsFiles): TlsMaterial {
  const cert = certificate('cert', f.cert);
  const ca = certificate('ca', f.ca);
  const key = read('key', f.key);
  try {
    createPrivateKey(key);
  } catch (e) {
    throw new UsageError(`TLS key file ${f.key} is not a usable private key: ${firstLine(e)}`);
  }
  try {
    createSecureContext({ cert, key, ca });
  } catch (e) {
    throw new UsageError(`TLS key file ${f.key} does not fit cert file ${f.cert}: ${firstLine(e)}`);
  }
  return { cert, key, ca };
}

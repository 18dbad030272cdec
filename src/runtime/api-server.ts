// The client port's server and the client a follower proxies with: plain HTTP, or HTTPS when the
// cluster has TLS files (the node presents its certificate; proxied requests trust the cluster CA).
import { Agent, createServer, request } from 'node:http';
import type { ClientRequest, IncomingMessage, RequestListener, RequestOptions, Server } from 'node:http';
import { Agent as HttpsAgent, createServer as createHttpsServer, request as httpsRequest } from 'node:https';
import type { TlsMaterial } from './transport/tls.ts';

/** An HTTP server, or an HTTPS one with the node's certificate. */
export function apiServer(tls: TlsMaterial | null, handler: RequestListener): Server {
  return tls === null ? createServer(handler) : createHttpsServer({ cert: tls.cert, key: tls.key }, handler);
}

/** A keep-alive agent and the request function that goes with it. */
export interface ApiClient {
  readonly agent: Agent;
  readonly request: (o: RequestOptions, cb: (res: IncomingMessage) => void) => ClientRequest;
}

/** The client for calls to other nodes' client ports. */
export function apiClient(tls: TlsMaterial | null, maxSockets: number): ApiClient {
  if (tls === null) return { agent: new Agent({ keepAlive: true, maxSockets }), request };
  return { agent: new HttpsAgent({ keepAlive: true, maxSockets, ca: tls.ca }), request: httpsRequest };
}

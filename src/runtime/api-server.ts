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

/**
 * The agent and the request function that go with it. The agent opens one connection per request:
 * a pooled connection the leader closed a moment ago would make a request that was never read look
 * sent, and the proxy could then only answer "outcome unknown" (502) where "not applied" (503) holds.
 */
export interface ApiClient {
  readonly agent: Agent;
  readonly request: (o: RequestOptions, cb: (res: IncomingMessage) => void) => ClientRequest;
}

/** The client for calls to other nodes' client ports. */
export function apiClient(tls: TlsMaterial | null, maxSockets: number): ApiClient {
  if (tls === null) return { agent: new Agent({ keepAlive: false, maxSockets }), request };
  return { agent: new HttpsAgent({ keepAlive: false, maxSockets, ca: tls.ca }), request: httpsRequest };
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Connections open at once, at most. A body is buffered before it can be authenticated, so
 * 1,000 slow senders of 1 MiB bodies would hold about 1 GB; with this cap, senders with forged
 * signature headers hold at most 256 × 1 MiB, and unsigned ones 256 × 4 KiB (the body guard).
 * Slack needs only a few at once: each request is answered in milliseconds, so even hundreds
 * of events a second keep a handful open. Beyond the cap Node closes new connections at once,
 * /healthz included, so a flood shows up as failed probes rather than as memory running out.
 */
export const MAX_CONNECTIONS = 256;

export interface HealthServerOptions {
  /** Default MAX_CONNECTIONS. */
  maxConnections?: number;
  /**
   * The shared state's health (replicas on Redis): reported as `"state"`. Degraded is still a 200,
   * so a load balancer does not take every replica out at once while Redis is away.
   */
  state?: () => 'ok' | 'degraded';
}

export interface HealthServer {
  server: Server;
  /** Flip to true once the bot can answer; /healthz says 503 until then and while shutting down. */
  setReady(ready: boolean): void;
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Stops accepting, lets in-flight requests finish, then closes idle keep-alive sockets. */
  close(): Promise<void>;
}

/**
 * The process's one HTTP server. `/healthz` is answered here in every mode; any
 * other request goes to `next` (Bolt's request listener in HTTP mode) or gets 404.
 */
export function createHealthServer(next?: RequestHandler, options: HealthServerOptions = {}): HealthServer {
  let ready = false;
  let closing = false;
  const server = createServer((req, res) => {
    // A keep-alive connection that goes idle during shutdown would hold close() until its
    // keep-alive timeout (seconds): close it as soon as its last response is out.
    if (closing) res.shouldKeepAlive = false;
    res.once('finish', () => {
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      const body = options.state ? { ok: ready, state: options.state() } : { ok: ready };
      res.end(req.method === 'HEAD' ? undefined : JSON.stringify(body));
      return;
    }
    if (next) next(req, res);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  });
  // Slack gives up after 3 s, so nobody waits on a slower request; and shutdown waits for open
  // requests before draining, so this must stay well inside its grace period (SHUTDOWN_GRACE_MS).
  server.requestTimeout = 5_000;
  server.headersTimeout = 5_000;
  server.maxConnections = options.maxConnections ?? MAX_CONNECTIONS;
  return {
    server,
    setReady(value) {
      ready = value;
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      });
    },
    close() {
      closing = true;
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Logger } from '../log.js';

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

export const HEALTH_PATH = '/healthz';

/** A path the server serves, and the methods it serves there (any other gets 405 with Allow). */
export interface Route {
  path: string;
  methods: readonly string[];
  handler: RequestHandler;
}

export interface HealthServerOptions {
  /** Default MAX_CONNECTIONS. */
  maxConnections?: number;
  /** Where a request the server could not handle, or a malformed one, is noted. */
  log?: Logger;
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
 * The process's one HTTP server. `/healthz` is answered here in every mode, and `routes` (Bolt's
 * /slack/events in HTTP mode) get the methods they serve. Anything else is refused here, never
 * handed on: an unknown path gets 404 and a known path with another method 405 with `Allow`
 * (Bolt's request listener throws on a request it has no route for, which ended the process).
 */
export function createHealthServer(
  routes: readonly Route[] = [],
  options: HealthServerOptions = {},
): HealthServer {
  let ready = false;
  let closing = false;
  const log = options.log;
  const table = new Map<string, Route>(routes.map((route) => [route.path, route]));
  const health: Route = {
    path: HEALTH_PATH,
    methods: ['GET', 'HEAD'],
    handler: (req, res) => {
      res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      const body = options.state ? { ok: ready, state: options.state() } : { ok: ready };
      res.end(req.method === 'HEAD' ? undefined : JSON.stringify(body));
    },
  };
  table.set(HEALTH_PATH, health);
  const server = createServer((req, res) => {
    // A keep-alive connection that goes idle during shutdown would hold close() until its
    // keep-alive timeout (seconds): close it as soon as its last response is out.
    if (closing) res.shouldKeepAlive = false;
    res.once('finish', () => {
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
    const path = pathOf(req);
    if (path === undefined) {
      refuse(res, 400);
      return;
    }
    const route = table.get(path);
    if (!route) {
      refuse(res, 404);
      return;
    }
    if (!route.methods.includes(req.method ?? '')) {
      refuse(res, 405, { allow: route.methods.join(', ') });
      return;
    }
    try {
      route.handler(req, res);
    } catch (error) {
      // No handler is meant to throw; if one does, this request fails and every other goes on.
      log?.error({ err: errorKind(error), method: req.method, path }, 'request handler threw; 500');
      if (!res.headersSent) res.writeHead(500, { connection: 'close' }).end();
      else res.destroy();
    }
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // A request line or headers Node could not parse, a request too slow, or a client that went
    // away. Noted by code only: Node attaches the offending bytes to the error.
    log?.debug({ code: error.code }, 'malformed request or dropped connection; closed');
    // Answered only on a connection with nothing written to it yet, so no response in progress
    // on a keep-alive connection can be corrupted; otherwise just closed.
    if (socket.writable && socket.bytesWritten === 0 && error.code !== 'ECONNRESET') {
      socket.write(
        `HTTP/1.1 ${clientErrorStatus(error.code)}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
    }
    socket.destroySoon();
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

/** The request's path as Bolt reads it (a URL relative to the server), or undefined when it is no URL at all. */
function pathOf(req: IncomingMessage): string | undefined {
  try {
    return new URL(req.url ?? '/', 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}

function clientErrorStatus(code: string | undefined): string {
  if (code === 'HPE_HEADER_OVERFLOW') return '431 Request Header Fields Too Large';
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return '408 Request Timeout';
  return '400 Bad Request';
}

function refuse(res: ServerResponse, status: 400 | 404 | 405, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(`${res.statusMessage}\n`);
}

/** What kind of error it was, without its message (which may quote the request). */
function errorKind(error: unknown): { type: string; code?: unknown } {
  if (error instanceof Error) return { type: error.name, code: (error as { code?: unknown }).code };
  return { type: typeof error };
}

import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createHealthServer,
  type HealthServer,
  type HealthServerOptions,
  MAX_CONNECTIONS,
  type RequestHandler,
  type Route,
} from '../../src/run/health-server.js';
import { SHUTDOWN_GRACE_MS } from '../../src/run/shutdown.js';
import { captureLog } from '../support/capture-log.js';

const servers: HealthServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function start(routes?: readonly Route[], options?: HealthServerOptions) {
  const health = createHealthServer(routes, options);
  servers.push(health);
  const address = await health.listen(0, '127.0.0.1');
  return { health, base: `http://127.0.0.1:${address.port}` };
}

/** A route that records what reached it and answers 204. */
function route(path: string, methods: string[], seen: string[]): Route {
  const handler: RequestHandler = (req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(204).end();
  };
  return { path, methods, handler };
}

/** Writes raw bytes on a new connection and resolves with the status of the answer (0 for none). */
async function rawStatus(port: number, raw: string): Promise<number> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => {});
  let received = '';
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('latin1');
  });
  await once(socket, 'connect');
  socket.write(raw);
  await once(socket, 'close');
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0);
}

describe('createHealthServer', () => {
  it('answers 503 {"ok":false} before ready, 200 {"ok":true} after, 503 again when not ready', async () => {
    const { health, base } = await start();
    let res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false });
    health.setReady(true);
    res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ ok: true });
    health.setReady(false);
    expect((await fetch(`${base}/healthz`)).status).toBe(503);
  });

  it('ignores the query string and answers HEAD without a body', async () => {
    const { health, base } = await start();
    health.setReady(true);
    expect((await fetch(`${base}/healthz?probe=1`)).status).toBe(200);
    const head = await fetch(`${base}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it.each(['POST', 'PUT', 'DELETE'])('answers %s /healthz with 405 and Allow: GET, HEAD', async (method) => {
    const { health, base } = await start();
    health.setReady(true);
    const res = await fetch(`${base}/healthz`, { method });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers 404 for any other path when there are no routes', async () => {
    const { health, base } = await start();
    health.setReady(true);
    for (const path of ['/', '/slack/events', '/healthz/x', '/healthz/', '/health', '/favicon.ico']) {
      expect((await fetch(`${base}${path}`)).status).toBe(404);
    }
    expect((await fetch(`${base}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('hands a route only its own methods; another method gets 405 with Allow, another path 404', async () => {
    const seen: string[] = [];
    const { health, base } = await start([route('/slack/events', ['POST'], seen)]);
    health.setReady(true);
    expect((await fetch(`${base}/slack/events?x=1`, { method: 'POST', body: '{}' })).status).toBe(204);
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']) {
      const res = await fetch(`${base}/slack/events`, { method });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
    }
    expect((await fetch(`${base}/`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await fetch(`${base}/slack/events/`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(seen).toEqual(['POST /slack/events?x=1']);
  });

  it('answers 400 for a request target that is no URL, and keeps serving', async () => {
    const seen: string[] = [];
    const { health, base } = await start([route('/slack/events', ['POST'], seen)]);
    health.setReady(true);
    const { port } = new URL(base);
    for (const target of ['//', '//[', 'http://[/slack/events']) {
      expect(
        await rawStatus(
          Number(port),
          `POST ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
        ),
      ).toBe(400);
    }
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(seen).toEqual([]);
  });

  it('answers 500 when a route handler throws, logs no request text, and keeps serving', async () => {
    const { log, lines } = captureLog();
    const { health, base } = await start(
      [
        {
          path: '/boom',
          methods: ['POST'],
          handler: () => {
            throw new SyntaxError('Unexpected token in "secret pasted text"');
          },
        },
      ],
      { log },
    );
    health.setReady(true);
    expect((await fetch(`${base}/boom`, { method: 'POST', body: 'secret pasted text' })).status).toBe(500);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(lines.find((l) => l.msg === 'request handler threw; 500')).toMatchObject({
      err: { type: 'SyntaxError' },
      path: '/boom',
    });
    expect(JSON.stringify(lines)).not.toContain('secret pasted text');
  });

  it.each([
    ['a request line that is not HTTP', 'HELLO\r\n\r\n', 400],
    ['an unknown method', 'BREW /healthz HTTP/1.1\r\nHost: x\r\n\r\n', 400],
    ['a header without a colon', 'GET /healthz HTTP/1.1\r\nHost x\r\n\r\n', 400],
    ['headers over 16 KiB', `GET /healthz HTTP/1.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
  ])('answers %s with %i, logs only its code, and keeps serving', async (_what, raw, status) => {
    const { log, lines } = captureLog();
    const { health, base } = await start([], { log });
    health.setReady(true);
    expect(await rawStatus(Number(new URL(base).port), raw)).toBe(status);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const noted = lines.find((l) => l.msg === 'malformed request or dropped connection; closed');
    expect(noted?.code).toMatch(/^HPE_/);
    expect(JSON.stringify(lines)).not.toContain('aaaa');
  });

  it('close() stops accepting, lets a request in flight finish, then closes its keep-alive connection', async () => {
    let release: () => void = () => {};
    const reached = new Promise<void>((resolve) => {
      release = resolve;
    });
    let finish: () => void = () => {};
    const { health, base } = await start([
      {
        path: '/slow',
        methods: ['GET'],
        handler: (_req, res) => {
          finish = () => res.writeHead(200).end('done');
          release();
        },
      },
    ]);
    // Slack keeps connections alive; an idle one must not hold close() for its keep-alive time
    // (a minute here: without the fix this test runs into its timeout).
    health.server.keepAliveTimeout = 60_000;
    const pending = fetch(`${base}/slow`);
    await reached;
    const closed = health.close();
    servers.length = 0;
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    finish();
    const res = await pending;
    expect(await res.text()).toBe('done');
    await closed;
  });

  it('caps the connections open at once, by default at MAX_CONNECTIONS', async () => {
    const { health } = await start();
    expect(health.server.maxConnections).toBe(MAX_CONNECTIONS);
    // Enough for Slack, far below the 1,000 slow senders × 1 MiB that made 1 GB.
    expect(MAX_CONNECTIONS).toBeGreaterThanOrEqual(64);
    expect(MAX_CONNECTIONS).toBeLessThanOrEqual(512);
  });

  it('drops a connection over the cap at once, while the ones under it stay open', async () => {
    const { health, base } = await start(undefined, { maxConnections: 2 });
    const { port } = new URL(base);
    const sockets: Socket[] = [];
    const open = async () => {
      const socket = connect(Number(port), '127.0.0.1');
      sockets.push(socket);
      await once(socket, 'connect');
      return socket;
    };
    try {
      let accepted = 0;
      const twoAccepted = new Promise<void>((resolve) => {
        health.server.on('connection', () => {
          accepted += 1;
          if (accepted === 2) resolve();
        });
      });
      // Two slow senders: headers begun, never finished.
      for (const socket of [await open(), await open()]) socket.write('POST /slack/events HTTP/1.1\r\n');
      await twoAccepted;
      const dropped = once(health.server, 'drop');
      const third = await open();
      const closed = once(third, 'close');
      third.on('error', () => {});
      await dropped;
      await closed;
      expect(accepted).toBe(2);
      expect(sockets.slice(0, 2).every((s) => !s.destroyed)).toBe(true);
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  });

  it('listen() rejects when the port is taken', async () => {
    const { base } = await start();
    const port = Number(new URL(base).port);
    const second = createHealthServer();
    await expect(second.listen(port, '127.0.0.1')).rejects.toThrow(/EADDRINUSE/);
  });

  it('gives up on a slow request well before shutdown’s grace period ends (shutdown waits for requests)', () => {
    const { server } = createHealthServer();
    expect(server.requestTimeout).toBeGreaterThan(3_000);
    expect(server.requestTimeout).toBeLessThan(SHUTDOWN_GRACE_MS);
    expect(server.headersTimeout).toBeLessThanOrEqual(server.requestTimeout);
  });
});

import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createHealthServer,
  type HealthServer,
  type HealthServerOptions,
  MAX_CONNECTIONS,
} from '../../src/run/health-server.js';
import { SHUTDOWN_GRACE_MS } from '../../src/run/shutdown.js';

const servers: HealthServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function start(next?: Parameters<typeof createHealthServer>[0], options?: HealthServerOptions) {
  const health = createHealthServer(next, options);
  servers.push(health);
  const address = await health.listen(0, '127.0.0.1');
  return { health, base: `http://127.0.0.1:${address.port}` };
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

  it('answers 404 for any other path when there is no next handler', async () => {
    const { health, base } = await start();
    health.setReady(true);
    for (const path of ['/', '/slack/events', '/healthz/x', '/health']) {
      expect((await fetch(`${base}${path}`)).status).toBe(404);
    }
    expect((await fetch(`${base}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('hands every other request to the next handler (Bolt in HTTP mode), never /healthz', async () => {
    const seen: string[] = [];
    const { health, base } = await start((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(204).end();
    });
    health.setReady(true);
    expect((await fetch(`${base}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(204);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(seen).toEqual(['POST /slack/events']);
  });

  it('close() stops accepting, lets a request in flight finish, then closes its keep-alive connection', async () => {
    let release: () => void = () => {};
    const reached = new Promise<void>((resolve) => {
      release = resolve;
    });
    let finish: () => void = () => {};
    const { health, base } = await start((_req, res) => {
      finish = () => res.writeHead(200).end('done');
      release();
    });
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

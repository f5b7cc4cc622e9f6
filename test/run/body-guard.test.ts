import type { IncomingMessage } from 'node:http';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { bodyShape, guardBodies, UNSIGNED_LIMIT_BYTES } from '../../src/run/body-guard.js';
import { createHealthServer, type HealthServer } from '../../src/run/health-server.js';
import { captureLog } from '../support/capture-log.js';
import { sign } from '../support/sign.js';

const FORM = 'application/x-www-form-urlencoded';
const LIMIT = 1024 * 1024;

const servers: HealthServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

/** The guard in front of a handler that records what reached it (with the buffered body). */
async function start() {
  const { log, lines } = captureLog();
  const reached: { url: string | undefined; rawBody: Buffer | undefined }[] = [];
  const health = createHealthServer([
    {
      path: '/slack/events',
      // GET too, to show the guard leaves other methods alone.
      methods: ['POST', 'GET'],
      handler: guardBodies(
        (req, res) => {
          reached.push({ url: req.url, rawBody: (req as IncomingMessage & { rawBody?: Buffer }).rawBody });
          res.writeHead(200).end();
        },
        { limit: LIMIT, log },
      ),
    },
  ]);
  servers.push(health);
  const { port } = await health.listen(0, '127.0.0.1');
  return { port, reached, lines };
}

/**
 * A POST declaring `declared` bytes of which only `sent` are sent, then waiting: resolves with the
 * status as soon as the server answers. Without an early answer it never resolves (the test times out).
 */
function postPartly(
  port: number,
  headers: Record<string, string>,
  declared: number,
  sent = 16,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/slack/events',
        headers: { ...headers, 'content-length': String(declared) },
      },
      (res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
        req.destroy();
      },
    );
    req.on('error', reject);
    req.write('x'.repeat(sent));
  });
}

function post(port: number, headers: Record<string, string>, body: string | Buffer): Promise<number> {
  return fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers, body }).then(
    (res) => res.status,
  );
}

const signatureHeaders = (body: string) => {
  const timestamp = Math.floor(Date.now() / 1000);
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': sign(body, timestamp) };
};

describe('guardBodies: a POST without signature headers', () => {
  it('gets 401 at once when it is not a form body, before its megabyte is sent', async () => {
    const t = await start();
    expect(await postPartly(t.port, { 'content-type': 'application/json' }, LIMIT)).toBe(401);
    expect(t.reached).toEqual([]);
    expect(t.lines.some((l) => l.msg === 'request refused before its body; 401')).toBe(true);
  });

  it('gets 401 with only one of the two headers, or with empty ones', async () => {
    const t = await start();
    const json = { 'content-type': 'application/json' };
    expect(await postPartly(t.port, { ...json, 'x-slack-signature': `v0=${'0'.repeat(64)}` }, LIMIT)).toBe(
      401,
    );
    expect(await postPartly(t.port, { ...json, 'x-slack-request-timestamp': '1764000000' }, LIMIT)).toBe(401);
    expect(
      await postPartly(t.port, { ...json, 'x-slack-signature': '', 'x-slack-request-timestamp': '' }, LIMIT),
    ).toBe(401);
    expect(t.reached).toEqual([]);
  });

  it('gets 413 at once for a form body declared over the unsigned limit', async () => {
    const t = await start();
    expect(await postPartly(t.port, { 'content-type': FORM }, UNSIGNED_LIMIT_BYTES + 1)).toBe(413);
    expect(t.reached).toEqual([]);
  });

  it('gets 413 for a chunked form body that grows over the unsigned limit', async () => {
    const t = await start();
    const chunk = new Uint8Array(1024).fill(0x61);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // Far more than the unsigned limit, less than the signed one.
        if (sent >= 64 * 1024) controller.close();
        else {
          sent += chunk.length;
          controller.enqueue(chunk);
        }
      },
    });
    const res = await fetch(`http://127.0.0.1:${t.port}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': FORM },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(t.reached).toEqual([]);
  });

  it('goes on, buffered, when it is a small form body: Slack’s ssl_check probe', async () => {
    const t = await start();
    const probe = 'ssl_check=1&token=gIkuvaNzQIHg97ATvDxqgjtO';
    expect(await post(t.port, { 'content-type': FORM }, probe)).toBe(200);
    expect(t.reached.map((r) => r.rawBody?.toString('utf8'))).toEqual([probe]);
  });

  it('goes on up to exactly the unsigned limit', async () => {
    const t = await start();
    const body = `ssl_check=1&pad=${'a'.repeat(UNSIGNED_LIMIT_BYTES - 16)}`;
    expect(Buffer.byteLength(body)).toBe(UNSIGNED_LIMIT_BYTES);
    expect(await post(t.port, { 'content-type': FORM }, body)).toBe(200);
    expect(t.reached).toHaveLength(1);
  });
});

describe('guardBodies: a POST with signature headers', () => {
  it('is buffered up to the full limit and handed on', async () => {
    const t = await start();
    const body = JSON.stringify({ type: 'event_callback', pad: 'a'.repeat(256 * 1024) });
    expect(await post(t.port, { 'content-type': 'application/json', ...signatureHeaders(body) }, body)).toBe(
      200,
    );
    expect(t.reached[0]?.rawBody?.length).toBe(Buffer.byteLength(body));
  });

  it('gets 413 at once when declared over the limit', async () => {
    const t = await start();
    const headers = { 'content-type': 'application/json', ...signatureHeaders('') };
    expect(await postPartly(t.port, headers, LIMIT + 1)).toBe(413);
    expect(t.reached).toEqual([]);
  });
});

describe('guardBodies: other methods', () => {
  it('hands a GET on untouched', async () => {
    const t = await start();
    expect((await fetch(`http://127.0.0.1:${t.port}/slack/events`)).status).toBe(200);
    expect(t.reached).toEqual([{ url: '/slack/events', rawBody: undefined }]);
  });
});

describe('bodyShape', () => {
  it('is not an object only for bodies that parse to something other than an object', () => {
    const isObject = (body: string, type: string) => bodyShape(Buffer.from(body), type).isObject;
    expect(isObject('{"a":1}', 'application/json')).toBe(true);
    expect(isObject('null', 'application/json')).toBe(false);
    expect(isObject('payload=null', FORM)).toBe(false);
    expect(isObject('payload=%7B%22a%22%3A1%7D', FORM)).toBe(true);
    expect(isObject('ssl_check=1', FORM)).toBe(true);
    expect(isObject('{"a":', 'application/json')).toBe(true);
    expect(isObject('payload=%7B', FORM)).toBe(true);
  });

  it("recognises Slack's certificate check only in a form", () => {
    expect(bodyShape(Buffer.from('ssl_check=1&token=x'), FORM).sslCheck).toBe(true);
    expect(bodyShape(Buffer.from('ssl_check=1&payload=%7B'), FORM)).toEqual({
      isObject: true,
      sslCheck: true,
    });
    expect(bodyShape(Buffer.from('command=%2Fintune-err&text=0x80cf6008'), FORM).sslCheck).toBe(false);
    expect(bodyShape(Buffer.from('{"ssl_check":"1"}'), 'application/json').sslCheck).toBe(false);
  });
});

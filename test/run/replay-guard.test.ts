import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { ReplayGuard } from '../../src/run/replay-guard.js';
import { checkRequests } from '../../src/run/request-guard.js';
import { MAX_SKEW_SECONDS, verifySlackSignature } from '../../src/run/request-signature.js';
import { SIGNING_SECRET, sign } from '../support/sign.js';

const log = createLogger({
  level: 'silent',
  destination: new Writable({ write: (_c, _e, done) => done() }),
});

class FakeRes extends EventEmitter {
  statusCode = 200;
  ended = false;
  writeHead(status: number) {
    this.statusCode = status;
    return this;
  }
  end() {
    this.ended = true;
    this.emit('finish');
    return this;
  }
}

const BODY = 'token=x&command=%2Fintune-err&text=0x80cf6008';

/** A POST as the body guard hands it on: the body buffered as rawBody, signed for `secret`. */
function request(options: {
  body?: string;
  timestamp: number;
  signed?: 'valid' | 'wrong' | 'none';
  method?: string;
}) {
  const body = options.body ?? BODY;
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(options.timestamp),
  };
  if (options.signed !== 'none')
    headers['x-slack-signature'] = sign(
      body,
      options.timestamp,
      options.signed === 'wrong' ? 'not-the-secret' : SIGNING_SECRET,
    );
  return {
    method: options.method ?? 'POST',
    headers,
    rawBody: Buffer.from(body),
  } as unknown as IncomingMessage;
}

function setup(max?: number) {
  let clock = Date.now();
  const passed: string[] = [];
  const replays = new ReplayGuard({ now: () => clock, ...(max ? { max } : {}) });
  const guard = {
    handler: checkRequests(
      (req, res) => {
        passed.push(String(req.headers['x-slack-signature'] ?? 'unsigned'));
        res.writeHead(200).end();
      },
      { log, signingSecret: SIGNING_SECRET, replays, limit: 1024 * 1024, now: () => clock },
    ),
    get size() {
      return replays.size;
    },
  };
  const now = () => Math.floor(clock / 1000);
  const send = (options: Partial<Parameters<typeof request>[0]> = {}) => {
    const res = new FakeRes();
    guard.handler(request({ timestamp: now(), ...options }), res as unknown as ServerResponse);
    return res.statusCode;
  };
  return {
    guard,
    passed,
    send,
    advance: (ms: number) => {
      clock += ms;
    },
    now,
  };
}

describe('replay guard', () => {
  it('lets a signed request through once and refuses the same signature again with 401', () => {
    const t = setup();
    expect(t.send()).toBe(200);
    expect(t.send()).toBe(401);
    expect(t.send({ body: `${BODY}+again` })).toBe(200);
    expect(t.passed).toHaveLength(2);
  });

  it('answers Slack’s ssl_check probe itself, refuses wrongly signed requests, passes other methods on', () => {
    const t = setup();
    expect(t.send({ signed: 'none', body: 'ssl_check=1' })).toBe(200);
    expect(t.send({ signed: 'none', body: 'ssl_check=1' })).toBe(200);
    expect(t.send({ signed: 'wrong' })).toBe(401);
    expect(t.send({ signed: 'wrong' })).toBe(401);
    expect(t.send({ method: 'GET' })).toBe(200);
    expect(t.passed).toHaveLength(1);
    expect(t.guard.size).toBe(0);
  });

  it('remembers no signature it could not verify, so a flood of forged ones cannot push out a real one', () => {
    const t = setup(100);
    expect(t.send()).toBe(200);
    for (let i = 0; i < 1000; i++) t.send({ signed: 'wrong', body: `ssl_check=1&n=${i}` });
    expect(t.guard.size).toBe(1);
    expect(t.send()).toBe(401);
  });

  it('still refuses the replay just before its timestamp turns stale', () => {
    const t = setup();
    const timestamp = t.now();
    expect(t.send({ timestamp })).toBe(200);
    t.advance((MAX_SKEW_SECONDS - 1) * 1000);
    expect(t.send({ timestamp })).toBe(401);
  });

  it('forgets a signature once its timestamp is stale (refused as stale by then)', () => {
    const t = setup();
    t.send();
    t.advance((MAX_SKEW_SECONDS + 120) * 1000);
    expect(t.guard.size).toBe(0);
  });

  it('refuses a timestamp more than five minutes in the future', () => {
    const t = setup();
    expect(t.send({ timestamp: t.now() + MAX_SKEW_SECONDS + 5 })).toBe(401);
    expect(t.passed).toEqual([]);
  });

  it('stays at its cap however many signatures it sees', () => {
    const t = setup(1000);
    // Twenty times the cap: each one signed and verified (HMACs), so not more than that.
    for (let i = 0; i < 20_000; i++) t.send({ body: `${BODY}&n=${i}` });
    expect(t.guard.size).toBe(1000);
  });
});

describe('request guard: one verification per request', () => {
  it('verifies each request once, whether it passes, is replayed or is refused', () => {
    let verified = 0;
    const replays = new ReplayGuard();
    const handler = checkRequests((_req, res) => res.writeHead(200).end(), {
      log,
      signingSecret: SIGNING_SECRET,
      replays,
      limit: 1024 * 1024,
      verify: (...args) => {
        verified += 1;
        return verifySlackSignature(...args);
      },
    });
    const send = (options: Parameters<typeof request>[0]) => {
      const res = new FakeRes();
      handler(request(options), res as unknown as ServerResponse);
      return res.statusCode;
    };
    const timestamp = Math.floor(Date.now() / 1000);
    expect([
      send({ timestamp }),
      send({ timestamp }),
      send({ timestamp, signed: 'wrong' }),
      send({ timestamp, body: 'payload=null' }),
    ]).toEqual([200, 401, 401, 400]);
    expect(verified).toBe(4);
  });
});

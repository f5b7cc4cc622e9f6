import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { guardReplays, MAX_SKEW_SECONDS } from '../../src/run/replay-guard.js';

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

function request(signature: string | undefined, timestamp: number, method = 'POST') {
  const headers: Record<string, string> = { 'x-slack-request-timestamp': String(timestamp) };
  if (signature !== undefined) headers['x-slack-signature'] = signature;
  return { method, headers } as unknown as IncomingMessage;
}

function setup(max?: number) {
  let clock = 1_764_000_000_000;
  const passed: string[] = [];
  // The "Bolt" behind the guard answers with whatever status the test wants next.
  let boltStatus = 200;
  const guard = guardReplays(
    (req, res) => {
      passed.push(String(req.headers['x-slack-signature']));
      res.writeHead(boltStatus).end();
    },
    { log, now: () => clock, ...(max ? { max } : {}) },
  );
  const send = (signature: string | undefined, timestamp = Math.floor(clock / 1000), method = 'POST') => {
    const res = new FakeRes();
    guard.handler(request(signature, timestamp, method), res as unknown as ServerResponse);
    return res.statusCode;
  };
  return {
    guard,
    passed,
    send,
    advance: (ms: number) => {
      clock += ms;
    },
    boltAnswers: (status: number) => {
      boltStatus = status;
    },
    now: () => Math.floor(clock / 1000),
  };
}

describe('replay guard', () => {
  it('lets a signature through once and refuses it again with 401', () => {
    const t = setup();
    expect(t.send('v0=aaa')).toBe(200);
    expect(t.send('v0=aaa')).toBe(401);
    expect(t.send('v0=bbb')).toBe(200);
    expect(t.passed).toEqual(['v0=aaa', 'v0=bbb']);
  });

  it('passes unsigned requests and non-POSTs to Bolt, which decides (ssl_check, 401)', () => {
    const t = setup();
    expect(t.send(undefined)).toBe(200);
    expect(t.send(undefined)).toBe(200);
    expect(t.send('v0=x', t.now(), 'GET')).toBe(200);
    expect(t.passed).toHaveLength(3);
  });

  it('still refuses the replay just before Bolt would call the timestamp stale', () => {
    const t = setup();
    const ts = t.now();
    expect(t.send('v0=late', ts)).toBe(200);
    t.advance((MAX_SKEW_SECONDS - 1) * 1000);
    expect(t.send('v0=late', ts)).toBe(401);
  });

  it('forgets a signature once its timestamp is stale (Bolt refuses it by then)', () => {
    const t = setup();
    const ts = t.now();
    t.send('v0=old', ts);
    t.advance((MAX_SKEW_SECONDS + 120) * 1000);
    expect(t.guard.size).toBe(0);
  });

  it('refuses a timestamp more than five minutes in the future', () => {
    const t = setup();
    expect(t.send('v0=future', t.now() + MAX_SKEW_SECONDS + 5)).toBe(401);
    expect(t.passed).toEqual([]);
  });

  it('forgets a request Bolt refused (401/400/413): nothing was processed', () => {
    const t = setup();
    t.boltAnswers(401);
    expect(t.send('v0=bad')).toBe(401);
    expect(t.guard.size).toBe(0);
    t.boltAnswers(200);
    expect(t.send('v0=bad')).toBe(200);
  });

  it('stays at its cap however many signatures it sees', () => {
    const t = setup(1000);
    for (let i = 0; i < 100_000; i++) t.send(`v0=${i.toString(16)}`);
    expect(t.guard.size).toBe(1000);
  });
});

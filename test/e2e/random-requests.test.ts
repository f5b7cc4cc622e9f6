/**
 * 500 random requests at the real HTTP endpoint (any method, any path, any headers, any body, some
 * of them correctly signed Slack-shaped payloads with random members), sent as raw bytes so that
 * malformed request lines and headers get through too. Whatever comes in, the process stays up,
 * nothing is answered 5xx or left hanging, no payload text reaches the log, and afterwards the bot
 * still answers /healthz and a signed slash command. The same traffic, fewer times, at the Socket
 * Mode bot's /healthz port.
 */
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixture } from '../support/fixtures.js';
import { postCommand, sign } from '../support/sign.js';
import { EN_USER } from '../support/slack-events.js';
import { startTestBot, type TestBot } from '../support/start-app.js';
import { type SocketTestBot, startSocketTestBot } from '../support/start-socket-bot.js';

const SEED = 20_261_202;
/** Put into every text a random request carries: it must never show up in a log line. */
const MARK = 'zqxMARKzqx';

interface RandomRequest {
  method: string;
  target: string;
  headers: [string, string][];
  body: string;
  /** Signed with the app's signing secret, as Slack signs. */
  signed: boolean;
  /** Declared Content-Length minus the real one (a lie either way), or 0. */
  lengthLie: number;
}

const method = fc.oneof(
  fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'CONNECT', 'PROPFIND'),
  fc.constantFrom('get', 'BREW', 'P OST', ''),
  fc.stringMatching(/^[A-Z]{1,12}$/),
);
const target = fc.oneof(
  fc.constantFrom(
    '/',
    '/slack/events',
    '/slack/events',
    '/slack/events?ssl_check=1',
    '/slack/events/',
    '/slack//events',
    '/healthz',
    '/healthz/',
    '/healthz?x',
    '/favicon.ico',
    '/slack/install',
    '//',
    '//[',
    '*',
    'http://example.com/slack/events',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/slack/events#frag',
  ),
  fc.webPath(),
  fc.string({ maxLength: 40 }).map((s) => `/${s}`),
);
const headerName = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'content-type',
      'x-slack-signature',
      'x-slack-request-timestamp',
      'x-slack-retry-num',
      'x-slack-retry-reason',
      'user-agent',
      'accept',
      'transfer-encoding',
      'content-encoding',
      'expect',
      'upgrade',
      'connection',
      'host',
      'origin',
      'access-control-request-method',
    ),
  },
  { weight: 2, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/) },
  // Rarely, anything at all (mostly characters a header name may not hold).
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);
const headerValue = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'application/json',
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data; boundary=x',
      'v0=00',
      '0',
      '-1',
      '99999999999999999999',
      'chunked',
      'gzip',
      '100-continue',
      'websocket',
      'upgrade',
      'keep-alive',
      'POST',
    ),
  },
  fc.string({ maxLength: 60 }),
);
const text = fc.string({ maxLength: 80 }).map((s) => `${s} ${MARK}`);
const slackBody = fc.oneof(
  // Events API callbacks with random members.
  fc
    .record({
      type: fc.constantFrom('event_callback', 'url_verification', 'app_rate_limited', 'x'),
      event_id: fc.stringMatching(/^Ev[A-Z0-9]{8}$/),
      team_id: fc.constantFrom('T0000FAKE', ''),
      event: fc.record(
        {
          type: fc.constantFrom('message', 'app_mention', 'app_home_opened', 'reaction_added', 'x'),
          subtype: fc.constantFrom(
            'bot_message',
            'me_message',
            'message_changed',
            'file_share',
            'thread_broadcast',
          ),
          text,
          user: fc.constantFrom(EN_USER, 'UBOT00001', ''),
          channel: fc.constantFrom('C2147483705', 'D0000DM01', ''),
          channel_type: fc.constantFrom('channel', 'im', 'group', 'mpim'),
          ts: fc.constantFrom('1764000000.000100', '', 'x'),
          thread_ts: fc.constantFrom('1764000000.000001', ''),
          bot_id: fc.constantFrom('BBOT00001', 'BOTHER001'),
          attachments: fc.array(fc.record({ text, fallback: text }), { maxLength: 2 }),
          blocks: fc.array(fc.jsonValue(), { maxLength: 2 }),
        },
        { requiredKeys: ['type'] },
      ),
      challenge: text,
    })
    .map((body) => ({ contentType: 'application/json', body: JSON.stringify(body) })),
  // Interactivity payloads with random members.
  fc
    .record(
      {
        type: fc.constantFrom(
          'block_actions',
          'message_action',
          'shortcut',
          'view_submission',
          'view_closed',
          'block_suggestion',
          'dialog_submission',
          'interactive_message',
        ),
        callback_id: fc.constantFrom('explain_codes', 'other', ''),
        actions: fc.array(
          fc.record(
            {
              action_id: fc.constantFrom('share_answer', 'dismiss_answer', 'other'),
              value: fc.oneof(text, fc.base64String({ maxLength: 60 })),
              type: fc.constantFrom('button', 'static_select'),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 2 },
        ),
        user: fc.record({ id: fc.constantFrom(EN_USER, '') }, { requiredKeys: [] }),
        channel: fc.record({ id: fc.constantFrom('C2147483705', '') }, { requiredKeys: [] }),
        message: fc.record(
          { text, ts: fc.constant('1764000000.000200'), user: fc.constantFrom('UBOT00001', EN_USER) },
          { requiredKeys: [] },
        ),
        response_url: fc.constantFrom('http://127.0.0.1:9/response/x', 'not a url', ''),
        name: text,
      },
      { requiredKeys: ['type'] },
    )
    .map((payload) => ({
      contentType: 'application/x-www-form-urlencoded',
      body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    })),
  // Slash commands, ours or not.
  fc
    .record({
      command: fc.constantFrom('/intune-err', '/other', ''),
      text,
      user_id: fc.constantFrom(EN_USER, ''),
      channel_id: fc.constantFrom('C2147483705', ''),
      response_url: fc.constantFrom('http://127.0.0.1:9/response/x', ''),
    })
    .map((fields) => ({
      contentType: 'application/x-www-form-urlencoded',
      body: new URLSearchParams(fields).toString(),
    })),
);

const randomRequest: fc.Arbitrary<RandomRequest> = fc.oneof(
  // Anything at all.
  fc.record({
    method,
    target,
    headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 6 }),
    body: fc.oneof(
      fc.constant(''),
      text,
      fc.json().map((j) => `${j}${MARK}`),
      fc.string({ unit: 'binary', maxLength: 200 }),
    ),
    signed: fc.boolean(),
    lengthLie: fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, fc.integer({ min: -5, max: 50 })),
  }),
  // A correctly signed Slack-shaped POST, with a few random headers on top.
  fc
    .record({
      payload: slackBody,
      headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 2 }),
      target: fc.constantFrom('/slack/events', '/slack/events?x=1', '/slack/events/'),
    })
    .map(({ payload, headers, target: path }) => ({
      method: 'POST',
      target: path,
      headers: [['content-type', payload.contentType] as [string, string], ...headers],
      body: payload.body,
      signed: true,
      lengthLie: 0,
    })),
);

/** The request as raw bytes: whatever the generator made, malformed or not, goes on the wire. */
function wire(request: RandomRequest): Buffer {
  const body = Buffer.from(request.body, 'utf8');
  const lines = [`${request.method} ${request.target} HTTP/1.1`, 'Host: 127.0.0.1'];
  if (request.signed) {
    const ts = Math.floor(Date.now() / 1000);
    lines.push(`X-Slack-Request-Timestamp: ${ts}`, `X-Slack-Signature: ${sign(request.body, ts)}`);
  }
  for (const [name, value] of request.headers) lines.push(`${name}: ${value}`);
  lines.push(`Content-Length: ${Math.max(0, body.length + request.lengthLie)}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'), body]);
}

/**
 * Sends one request and half-closes (so the server closes once it has answered); resolves with
 * the final status (0: closed without an answer, as Node does for some malformed requests).
 */
function exchange(port: number, bytes: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('the server neither answered nor closed the connection'));
    }, 8_000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      const statuses = [
        ...Buffer.concat(chunks)
          .toString('latin1')
          .matchAll(/HTTP\/1\.1 (\d{3})/g),
      ].map((m) => Number(m[1]));
      resolve(statuses.find((s) => s >= 200) ?? 0);
    });
    socket.on('connect', () => socket.end(bytes));
  });
}

const unhandled = vi.fn();
const uncaught = vi.fn();
beforeAll(() => {
  process.on('unhandledRejection', unhandled);
  process.on('uncaughtException', uncaught);
});
afterAll(() => {
  process.off('unhandledRejection', unhandled);
  process.off('uncaughtException', uncaught);
});

async function fire(port: number, numRuns: number): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(randomRequest, async (request) => {
      const status = await exchange(port, wire(request));
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      expect(status < 500).toBe(true);
    }),
    { seed: SEED, numRuns, endOnFailure: true },
  );
  return statuses;
}

function expectCleanLogs(rawLogs: string[]): void {
  const logs = rawLogs.join('\n');
  expect(logs).not.toContain(MARK);
  expect(logs).not.toContain('request handler threw');
  expect(unhandled).not.toHaveBeenCalled();
  expect(uncaught).not.toHaveBeenCalled();
}

describe('500 random requests at the HTTP endpoint', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({}, { locales: { [EN_USER]: 'en-US' } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('leave the bot answering /healthz and a signed slash command, with nothing 5xx or hanging', async () => {
    const statuses = await fire(Number(new URL(t.baseUrl).port), 500);
    // The traffic reached every layer: refused early, refused by Bolt, and answered.
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect(statuses.get(404)).toBeGreaterThan(0);
    expect(statuses.get(401)).toBeGreaterThan(0);
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
    const res = await postCommand(t.baseUrl, {
      ...fixture('command.intune-err'),
      text: '0x80cf6008',
      user_id: EN_USER,
      trigger_id: 'after.random',
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain('0x80CF6008');
    expectCleanLogs(t.rawLogs);
  }, 60_000);
});

describe('random requests at the Socket Mode bot’s /healthz port', () => {
  let t: SocketTestBot;
  beforeAll(async () => {
    t = await startSocketTestBot({}, { locales: { [EN_USER]: 'en-US' } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('leave it answering /healthz and slash commands over the socket', async () => {
    await fire(Number(new URL(t.baseUrl).port), 200);
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
    const ack = await t.socket.send('slash_commands', {
      ...fixture('command.intune-err'),
      text: '0x80cf6008',
      user_id: EN_USER,
    });
    expect(JSON.stringify(ack.payload)).toContain('0x80CF6008');
    expectCleanLogs(t.rawLogs);
  }, 60_000);
});

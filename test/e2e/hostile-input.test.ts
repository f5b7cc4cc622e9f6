import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { strings } from '../../src/render/strings.js';
import { BODY_LIMIT_BYTES } from '../../src/slack/app.js';
import { liveSpans } from '../support/block-kit-limits.js';
import { catalog } from '../support/catalog.js';
import { fixture } from '../support/fixtures.js';
import { postCommand, sign } from '../support/sign.js';
import { mentionEvent, messageEvent, send as sendEvent } from '../support/slack-events.js';
import { startTestBot, type TestBot } from '../support/start-app.js';

const FORM = 'application/x-www-form-urlencoded';
let t: TestBot;
const unhandled = vi.fn();
const uncaught = vi.fn();

beforeAll(async () => {
  process.on('unhandledRejection', unhandled);
  process.on('uncaughtException', uncaught);
  t = await startTestBot({}, { locales: { U2147483697: 'en-US' } });
});
afterAll(async () => {
  await t.stop();
  process.off('unhandledRejection', unhandled);
  process.off('uncaughtException', uncaught);
});

/** A signed POST that must be answered (any status) within a generous bound: never left hanging. */
async function send(body: string | Uint8Array, contentType: string | undefined, signed = true) {
  const ts = Math.floor(Date.now() / 1000);
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  const headers: Record<string, string> = {};
  if (contentType !== undefined) headers['content-type'] = contentType;
  if (signed) {
    headers['x-slack-request-timestamp'] = String(ts);
    headers['x-slack-signature'] = sign(text, ts);
  }
  const res = await fetch(`${t.baseUrl}/slack/events`, {
    method: 'POST',
    headers,
    body,
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, text: await res.text() };
}

let probes = 0;
async function stillServing() {
  const health = await fetch(`${t.baseUrl}/healthz`);
  expect(health.status).toBe(200);
  const body = fixture('command.intune-err');
  body.response_url = t.slack.responseUrl('after');
  // Slack gives every command a new trigger_id; the same bytes twice would be a replay (401).
  probes += 1;
  body.trigger_id = `13345224609.738474920.${probes}`;
  const res = await postCommand(t.baseUrl, body);
  expect(res.status).toBe(200);
  expect(res.text).toContain('0x80CF6008');
  expect(unhandled).not.toHaveBeenCalled();
  expect(uncaught).not.toHaveBeenCalled();
}

describe('malformed bodies, correctly signed', () => {
  it.each([
    ['broken JSON', '{"type":"event_callback",', 'application/json', 400],
    ['JSON null (crashed Bolt: unhandled rejection, request left open)', 'null', 'application/json', 400],
    ['a JSON number', '7', 'application/json', 400],
    ['a JSON string', '"event_callback"', 'application/json', 400],
    ['a JSON array', '[{"type":"event_callback"}]', 'application/json', 400],
    ['payload=null (crashed Bolt the same way)', 'payload=null', FORM, 400],
    ['payload= with garbage', 'payload=%7B%22type%22%3A', FORM, 400],
    ['payload= a JSON array', 'payload=%5B%5D', FORM, 400],
    ['a form body sent as JSON', 'command=%2Fintune-err&text=0x80cf6008', 'application/json', 400],
    ['JSON sent as text/plain', '{"type":"event_callback"', 'text/plain', 400],
    [
      'a form with a charset (Bolt then reads it as JSON)',
      'command=%2Fintune-err',
      `${FORM}; charset=utf-8`,
      400,
    ],
    ['an empty JSON body', '', 'application/json', 400],
    ['no content type at all', 'zzz', undefined, 400],
    // Signed, so acknowledged (Slack would retry a 5xx), and nothing is done with them.
    ['an event with event: null', '{"type":"event_callback","event":null}', 'application/json', 200],
    ['an event with event: []', '{"type":"event_callback","event":[]}', 'application/json', 200],
    ['block_actions with actions: null', '{"type":"block_actions","actions":null}', 'application/json', 200],
  ])('answers %s without crashing', async (_what, body, contentType, status) => {
    const res = await send(body, contentType);
    expect(res.status).toBe(status);
  });

  it('answers a body over BODY_LIMIT_BYTES with 413 (declared length)', async () => {
    const res = await send('x'.repeat(BODY_LIMIT_BYTES + 1), 'application/json');
    expect(res.status).toBe(413);
  });

  it('answers a chunked body that grows over the limit with 413', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > BODY_LIMIT_BYTES + chunk.length) controller.close();
        else {
          sent += chunk.length;
          controller.enqueue(chunk);
        }
      },
    });
    const res = await fetch(`${t.baseUrl}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-slack-request-timestamp': '1',
        'x-slack-signature': 'v0=0',
      },
      body: stream,
      duplex: 'half',
      signal: AbortSignal.timeout(10_000),
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('refuses unsigned non-object bodies with 401, not 400 (nothing learned without the secret)', async () => {
    expect((await send('null', 'application/json', false)).status).toBe(401);
    expect((await send('payload=null', FORM, false)).status).toBe(401);
  });

  it('is still serving /healthz and real commands afterwards', stillServing);
});

describe('fuzzed bodies (fast-check, bounded)', () => {
  const text = fc.string({ maxLength: 300, unit: 'grapheme' });
  const json = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v));
  const slackish = fc
    .record({
      type: fc.constantFrom(
        'event_callback',
        'block_actions',
        'message_action',
        'view_submission',
        'shortcut',
        'x',
      ),
      event: fc.option(
        fc.record({
          type: fc.constantFrom('message', 'app_mention', 'reaction_added'),
          text: fc.option(text),
          user: fc.option(fc.string({ maxLength: 12 })),
          channel: fc.option(fc.string({ maxLength: 12 })),
          ts: fc.option(fc.string({ maxLength: 20 })),
          thread_ts: fc.option(fc.string({ maxLength: 20 })),
          subtype: fc.option(fc.string({ maxLength: 12 })),
        }),
      ),
      event_id: fc.string({ maxLength: 20 }),
      actions: fc.option(
        fc.array(fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }))),
      ),
      user: fc.option(fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 10 }))),
      callback_id: fc.option(fc.constantFrom('explain_codes', 'other')),
      message: fc.option(fc.record({ text: fc.option(text) })),
    })
    .map((v) => JSON.stringify(v));
  const command = fc
    .record({
      command: fc.constantFrom('/intune-err', '/other', ''),
      text,
      user_id: fc.string({ maxLength: 12 }),
    })
    .map((v) => new URLSearchParams(v).toString());
  const request = fc.oneof(
    fc.record({
      body: text,
      type: fc.constantFrom('application/json', FORM, 'text/plain', 'multipart/form-data'),
    }),
    fc.record({ body: json, type: fc.constantFrom('application/json', FORM) }),
    fc.record({ body: json.map((j) => `payload=${encodeURIComponent(j)}`), type: fc.constant(FORM) }),
    fc.record({ body: text.map((s) => `payload=${s}`), type: fc.constant(FORM) }),
    fc.record({ body: slackish, type: fc.constant('application/json') }),
    fc.record({ body: slackish.map((j) => `payload=${encodeURIComponent(j)}`), type: fc.constant(FORM) }),
    fc.record({ body: command, type: fc.constant(FORM) }),
  );

  it('answers every one of 200 with a status, never crashes, never leaves an unhandled rejection', async () => {
    const samples = fc.sample(request, { numRuns: 200, seed: 20261124 });
    const statuses = new Set<number>();
    // Concurrently in batches: a body Bolt cannot type waits out its 3-second no-ack answer.
    for (let i = 0; i < samples.length; i += 100) {
      const batch = samples.slice(i, i + 100);
      const results = await Promise.all(batch.map((s) => send(s.body, s.type)));
      for (const r of results) statuses.add(r.status);
    }
    for (const status of statuses) expect([200, 400, 401, 404, 413, 500]).toContain(status);
    await stillServing();
  }, 60_000);
});

describe('injection: nothing a user writes comes back live', () => {
  const INJECTIONS = [
    '<!channel>',
    '<!here>',
    '<!everyone>',
    '<!subteam^S1|@x>',
    '<@U1>',
    '<@U1|boss>',
    '<#C1>',
    '<#C1|general>',
    '<https://evil|click>',
    '<mailto:a@evil|mail>',
    '&lt;!channel&gt;',
    '&amp;lt;!here&amp;gt;',
    '*bold* _it_ ~strike~ `code` ```block```',
    '<!date^1392734382^{date_pretty}|Feb 18>',
    '<!date^1392734382^{date}^https://evil|x>',
    '> quote\n<!channel>',
    '\u202e<!channel>\u202c',
    '<<!channel>>',
    '<!channel|x>',
    // Look-alikes of the links the bot writes itself.
    '<https://learn.microsoft.com/evil|documented at>',
    `<${catalog.fallbackUrl}|click here>`,
  ];
  // 0x80070005 is curated: its answer carries a docs link the bot writes from data/curated.
  const payload = (i: number) =>
    `${INJECTIONS.join(' ')} 0x80cf6008 ${INJECTIONS[i % INJECTIONS.length]} OM_E_DS_INUSE 0x80070005`;
  // The only live spans an answer may hold are the links the bot writes from its own data, with its
  // own labels: the fallback link to Microsoft's list and a curated code's docs link.
  const DATA_LINKS = new Set([
    catalog.fallbackUrl,
    ...catalog.explained.flatMap((record) => Object.values(record.link ?? {})),
  ]);
  const LABELS = new Set(
    catalog.locales.flatMap((locale) => [
      catalog.pages[locale]?.fallbackLabel ?? '',
      strings(locale).documentedAt.toLowerCase(),
    ]),
  );
  const allowed = (span: string) => {
    const m = /^<(https:\/\/(?:learn|support)\.microsoft\.com\/[^|<>]+)\|([^<>|]+)>$/.exec(span);
    return m !== null && DATA_LINKS.has(m[1] ?? '') && LABELS.has(m[2] ?? '');
  };
  const live = (message: { text: string; blocks: unknown[] }) =>
    liveSpans(message).filter((s) => !allowed(s));

  it('slash command: the answer and the query echo hold no live span', async () => {
    let docsLinks = 0;
    for (let i = 0; i < INJECTIONS.length; i++) {
      for (const text of [payload(i), INJECTIONS[i] as string]) {
        const body = fixture('command.intune-err');
        body.text = text;
        body.response_url = t.slack.responseUrl('inj');
        const res = await postCommand(t.baseUrl, body);
        expect(res.status).toBe(200);
        const message = res.json() as { text: string; blocks: unknown[] };
        expect(live(message)).toEqual([]);
        if (liveSpans(message).some((span) => span.startsWith('<https://learn.microsoft.com/'))) docsLinks++;
      }
    }
    // The curated code's own docs link did come back live: the allowance above is exercised, not idle.
    expect(docsLinks).toBe(INJECTIONS.length);
  });

  it('mention and auto-reply: what is posted holds no live span', async () => {
    t.slack.reset();
    let n = 0;
    for (let i = 0; i < INJECTIONS.length; i++) {
      n += 1;
      await sendEvent(t.baseUrl, mentionEvent({ channel: `C0INJ${n}`, text: `<@UBOT00001> ${payload(i)}` }));
      n += 1;
      await sendEvent(t.baseUrl, messageEvent({ channel: `C0INJ${n}`, text: payload(i) }));
    }
    const posts = await t.slack.waitFor('chat.postMessage', n, 10_000);
    for (const post of posts) {
      const message = { text: String(post.args.text), blocks: (post.args.blocks ?? []) as unknown[] };
      expect(live(message)).toEqual([]);
    }
    await stillServing();
  });
});

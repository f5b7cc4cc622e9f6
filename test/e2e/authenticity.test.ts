import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture } from '../support/fixtures.js';
import { postCommand, postEvent, postInteraction, postRaw, SIGNING_SECRET, sign } from '../support/sign.js';
import { messageEvent } from '../support/slack-events.js';
import { startTestBot, type TestBot } from '../support/start-app.js';

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({}, { locales: { U2147483697: 'en-US' } });
});
afterEach(async () => {
  await t.stop();
});

const now = () => Math.floor(Date.now() / 1000);
// Bolt calls auth.test once at start-up; anything else would be the request doing something.
const sideEffects = () => t.slack.calls.filter((c) => c.method !== 'auth.test').map((c) => c.method);
const lookups = () => t.logs.filter((l) => l.msg === 'lookup').length;

function command(text = '0x80cf6008') {
  const body = fixture('command.intune-err');
  body.text = text;
  body.response_url = t.slack.responseUrl('cmd');
  return body as Record<string, string>;
}

function share() {
  const body = fixture('block_actions.share_answer');
  body.response_url = t.slack.responseUrl('share');
  return body;
}

describe('request signatures (HTTP mode)', () => {
  it.each([
    ['a wrong signing secret', { secret: 'not-the-signing-secret-000000000000' }],
    ['a stale timestamp (6 minutes old)', { timestamp: now() - 6 * 60 }],
    ['a timestamp 6 minutes in the future', { timestamp: now() + 6 * 60 }],
    ['a tampered signature header', { headers: { 'x-slack-signature': 'v0=deadbeef' } }],
    ['an unknown signature version', { headers: { 'x-slack-signature': 'v1=deadbeef' } }],
    ['no signature at all', { headers: { 'x-slack-signature': '' } }],
    ['a non-numeric timestamp', { headers: { 'x-slack-request-timestamp': 'yesterday' } }],
  ])('refuses %s with 401 and does nothing', async (_what, options) => {
    const responses = [
      await postCommand(t.baseUrl, command(), options),
      await postEvent(t.baseUrl, messageEvent({ eventId: 'Ev0BADSIG1', ts: '1764000100.000201' }), options),
      await postInteraction(t.baseUrl, share(), options),
    ];
    expect(responses.map((r) => r.status)).toEqual([401, 401, 401]);
    await t.slack.settle();
    expect(t.slack.deliveries()).toEqual([]);
    expect(lookups()).toBe(0);
  });

  it('refuses a request without signature headers with 401', async () => {
    const body = new URLSearchParams(command()).toString();
    const res = await fetch(`${t.baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(res.status).toBe(401);
    expect(lookups()).toBe(0);
  });
});

describe('replays: the exact same signed request twice within five minutes', () => {
  it('answers a slash command once; the replay gets 401', async () => {
    const timestamp = now();
    const first = await postCommand(t.baseUrl, command(), { timestamp });
    const replay = await postCommand(t.baseUrl, command(), { timestamp });
    expect(first.status).toBe(200);
    expect(first.text).toContain('0x80CF6008');
    expect(replay.status).toBe(401);
    expect(replay.text).toBe('');
    expect(lookups()).toBe(1);
    expect(
      t.logs.some((l) => l.msg === 'request refused before Bolt' && l.reason === 'replayed signature'),
    ).toBe(true);
  });

  it('refuses a replay racing the original', async () => {
    const timestamp = now();
    const [a, b] = await Promise.all([
      postCommand(t.baseUrl, command(), { timestamp }),
      postCommand(t.baseUrl, command(), { timestamp }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 401]);
    expect(lookups()).toBe(1);
  });

  it('shares a button press once; the replay gets 401', async () => {
    const timestamp = now();
    expect((await postInteraction(t.baseUrl, share(), { timestamp })).status).toBe(200);
    await t.slack.waitFor('response/');
    expect((await postInteraction(t.baseUrl, share(), { timestamp })).status).toBe(401);
    await t.slack.settle();
    // One share: the public answer, then the deletion of the private original.
    const shares = t.slack.callsOf('response/share');
    expect(shares.filter((c) => c.args.response_type === 'in_channel')).toHaveLength(1);
    expect(shares.filter((c) => c.args.delete_original === true)).toHaveLength(1);
  });

  it('answers an event once; the replay gets 401', async () => {
    const timestamp = now();
    const body = messageEvent({ eventId: 'Ev0REPLAY01', ts: '1764000100.000301' });
    expect((await postEvent(t.baseUrl, body, { timestamp })).status).toBe(200);
    expect((await postEvent(t.baseUrl, body, { timestamp })).status).toBe(401);
    await t.slack.waitFor('chat.postMessage');
    await t.slack.settle();
    expect(t.slack.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('acks Slack’s own retry (new timestamp and signature, same event_id) with 200 and answers once', async () => {
    const body = messageEvent({ eventId: 'Ev0RETRY001', ts: '1764000100.000401' });
    expect((await postEvent(t.baseUrl, body, { timestamp: now() - 2 })).status).toBe(200);
    const retry = await postEvent(t.baseUrl, body, { timestamp: now(), retryNum: 1 });
    expect(retry.status).toBe(200);
    await t.slack.waitFor('chat.postMessage');
    await t.slack.settle();
    expect(t.slack.callsOf('chat.postMessage')).toHaveLength(1);
    expect(t.logs.some((l) => l.msg === 'duplicate event ignored' && l.event_id === 'Ev0RETRY001')).toBe(
      true,
    );
  });

  it('counts a signed body Bolt cannot parse once too: Bolt says 400, the replay gets 401', async () => {
    const timestamp = now();
    // A garbled body with a valid signature over the garbled bytes.
    const garbled = '{"type":"event_callback",';
    const a = await postRaw(t.baseUrl, garbled, 'application/json', { timestamp });
    expect(a.status).toBe(400);
    const b = await postRaw(t.baseUrl, garbled, 'application/json', { timestamp });
    expect(b.status).toBe(401);
    expect(t.slack.deliveries()).toEqual([]);
  });
});

describe('ssl_check', () => {
  const sslCheck = (body: string, headers: Record<string, string>) =>
    fetch(`${t.baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body,
    });

  it('answers Slack’s probe (signed) with a plain 200 and does nothing', async () => {
    const body = 'ssl_check=1&token=gIkuvaNzQIHg97ATvDxqgjtO';
    const timestamp = now();
    const res = await sslCheck(body, {
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': sign(body, timestamp),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await t.slack.settle();
    expect(sideEffects()).toEqual([]);
  });

  it('answers Slack’s probe without signature headers with a plain 200 too (Bolt answers it)', async () => {
    const res = await sslCheck('ssl_check=1&token=gIkuvaNzQIHg97ATvDxqgjtO', {});
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await t.slack.settle();
    expect(sideEffects()).toEqual([]);
  });

  it('refuses a large body without signature headers before reading it: 413 for a form, 401 otherwise', async () => {
    const big = `ssl_check=1&pad=${'a'.repeat(64 * 1024)}`;
    expect((await sslCheck(big, {})).status).toBe(413);
    const json = await fetch(`${t.baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'event_callback', pad: 'a'.repeat(512 * 1024) }),
    });
    expect(json.status).toBe(401);
    expect(t.logs.some((l) => l.msg === 'request refused before its body; 401')).toBe(true);
    await t.slack.settle();
    expect(sideEffects()).toEqual([]);
  });

  it.each([
    ['unsigned', {}],
    [
      'wrongly signed',
      {
        'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)),
        'x-slack-signature': 'v0=0000000000000000000000000000000000000000000000000000000000000000',
      },
    ],
    [
      'signed with another secret',
      (body: string) => {
        const ts = Math.floor(Date.now() / 1000);
        return {
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': sign(body, ts, 'other-secret'),
        };
      },
    ],
  ])('never processes a command or payload smuggled beside ssl_check (%s)', async (_what, headers) => {
    const share = JSON.stringify(fixture('block_actions.share_answer'));
    const bodies = [
      'ssl_check=1&command=%2Fintune-err&text=0x80cf6008&user_id=U2147483697&response_url=x',
      `ssl_check=1&payload=${encodeURIComponent(share)}`,
      `payload=${encodeURIComponent(share)}&ssl_check=1`,
      'command=%2Fintune-err&ssl_check=1&text=0x80cf6008',
    ];
    for (const body of bodies) {
      const h = typeof headers === 'function' ? headers(body) : headers;
      const res = await sslCheck(body, h);
      expect([200, 401]).toContain(res.status);
      expect(await res.text()).toBe('');
    }
    await t.slack.settle();
    expect(sideEffects()).toEqual([]);
    expect(lookups()).toBe(0);
  });

  it('is not a way around the signature for JSON bodies either', async () => {
    const body = JSON.stringify({
      ...messageEvent({ eventId: 'Ev0SMUGGLE1', ts: '1764000100.000501' }),
      ssl_check: '1',
    });
    const res = await fetch(`${t.baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(401);
    await t.slack.settle();
    expect(sideEffects()).toEqual([]);
  });
});

it('uses the signing secret the bot was given (sanity check of the harness)', () => {
  expect(SIGNING_SECRET.length).toBeGreaterThan(10);
});

import crypto from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixture } from '../support/fixtures.js';
import { SIGNING_SECRET, sign } from '../support/sign.js';
import { BOT_ID, BOT_USER, LOCALES, mentionEvent, messageEvent } from '../support/slack-events.js';
import { startTestBot, type TestBot } from '../support/start-app.js';

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({}, { locales: LOCALES });
});
afterEach(async () => {
  await t.stop();
});

const now = () => Math.floor(Date.now() / 1000);
const FORM = 'application/x-www-form-urlencoded';

interface Surface {
  name: string;
  contentType: string;
  /** The exact body Slack would send for this surface. */
  body(): string;
}

const interaction = (payload: unknown) =>
  new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

/** Fixture `name` with its response_url pointing at the fake Slack's `path`. */
function withResponseUrl(name: string, path: string) {
  const body = fixture(name);
  body.response_url = t.slack.responseUrl(path);
  return body;
}

/** Every surface, each with a request that, correctly signed, makes the bot send something. */
const SURFACES: Surface[] = [
  {
    name: 'the slash command',
    contentType: FORM,
    body: () => new URLSearchParams(withResponseUrl('command.intune-err', 'cmd')).toString(),
  },
  {
    name: 'a mention',
    contentType: 'application/json',
    body: () => JSON.stringify(mentionEvent({ text: `<@${BOT_USER}> 0x80cf4017` })),
  },
  {
    name: 'a pasted code',
    contentType: 'application/json',
    body: () => JSON.stringify(messageEvent({ text: 'sync fails with 0x80cf6008' })),
  },
  {
    name: 'the Share button',
    contentType: FORM,
    body: () => interaction(withResponseUrl('block_actions.share_answer', 'share')),
  },
  {
    name: 'the Dismiss button',
    contentType: FORM,
    body: () => {
      const press = withResponseUrl('block_actions.dismiss_answer', 'dismiss');
      press.message.user = BOT_USER;
      press.message.bot_id = BOT_ID;
      return interaction(press);
    },
  },
  {
    name: 'the message shortcut',
    contentType: FORM,
    body: () => interaction(withResponseUrl('message_action.explain_codes', 'shortcut')),
  },
];

/** Posts `body` with exactly these headers (nothing added), to /slack/events. */
async function postWith(surface: Surface, body: string, headers: Record<string, string>) {
  const res = await fetch(`${t.baseUrl}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': surface.contentType, ...headers },
    body,
  });
  return { status: res.status, text: await res.text() };
}

function signed(body: string, timestamp = now(), secret = SIGNING_SECRET) {
  return {
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': sign(body, timestamp, secret),
  };
}

type Forgery = (body: string) => { body: string; headers: Record<string, string> };

const FORGERIES: [string, Forgery][] = [
  ['signed with the wrong secret', (body) => ({ body, headers: signed(body, now(), 'x'.repeat(36)) })],
  ['signed 6 minutes ago', (body) => ({ body, headers: signed(body, now() - 6 * 60) })],
  ['signed 5 minutes 30 seconds ago', (body) => ({ body, headers: signed(body, now() - 330) })],
  ['without signature headers', (body) => ({ body, headers: {} })],
  [
    'without the signature header',
    (body) => ({ body, headers: { 'x-slack-request-timestamp': String(now()) } }),
  ],
  [
    'without the timestamp header',
    (body) => ({ body, headers: { 'x-slack-signature': signed(body)['x-slack-signature'] } }),
  ],
  [
    'with the body changed after signing',
    (body) => {
      // Someone else's user id, with the original signature.
      const changed = body.replace('U2147483697', 'U2147483698');
      expect(changed).not.toBe(body);
      return { body: changed, headers: signed(body) };
    },
  ],
  [
    'with a fresh timestamp on an old signature',
    (body) => {
      const old = signed(body, now() - 6 * 60);
      return { body, headers: { ...old, 'x-slack-request-timestamp': String(now()) } };
    },
  ],
];

/** Everything the bot asked of Slack besides Bolt's own auth.test at start-up. */
const sideEffects = () => t.slack.calls.filter((c) => c.method !== 'auth.test').map((c) => c.method);

describe('requests not signed by Slack', () => {
  it.each(FORGERIES)(
    'are refused with 401 on every surface when %s, and nothing is sent',
    async (_w, forge) => {
      const statuses: Record<string, number> = {};
      for (const surface of SURFACES) {
        const { body, headers } = forge(surface.body());
        expect(body).toMatch(/0x80cf|0x80CF|intune-err|explain_codes|share_answer|dismiss_answer/);
        statuses[surface.name] = (await postWith(surface, body, headers)).status;
      }
      expect(statuses).toEqual(Object.fromEntries(SURFACES.map((s) => [s.name, 401])));
      await t.slack.settle();
      await t.bot.slack.drain();
      expect(t.slack.deliveries()).toEqual([]);
      expect(sideEffects()).toEqual([]);
      expect(t.logs.filter((l) => l.msg === 'lookup')).toEqual([]);
    },
  );
});

describe('requests Slack signed', () => {
  it('are answered on every surface (the forged ones above differ only in their signature)', async () => {
    for (const surface of SURFACES) {
      const body = surface.body();
      const res = await postWith(surface, body, signed(body));
      expect(res.status, surface.name).toBe(200);
    }
    // command: in the ack; mention and paste: posts; share: response_url; dismiss: delete; shortcut: response_url.
    await t.slack.waitFor('chat.postMessage', 2);
    await t.slack.waitFor('chat.delete');
    await t.slack.waitFor('response/share');
    await t.slack.waitFor('response/shortcut');
  });

  it('are accepted when signed 4 minutes ago (within Slack’s 5-minute window)', async () => {
    const surface = SURFACES[2] as Surface;
    const body = surface.body();
    expect((await postWith(surface, body, signed(body, now() - 4 * 60))).status).toBe(200);
    const [reply] = await t.slack.waitFor('chat.postMessage');
    expect(String(reply?.args.text)).toContain('0x80CF6008');
  });
});

describe('the signature of each request', () => {
  /** HMACs keyed with the signing secret while `run` goes on: the bot's checks of signatures. */
  async function hmacsDuring(run: () => Promise<unknown>): Promise<number> {
    // Bolt (CommonJS) and the bot (ESM) both see the spy once the builtin's exports are synced.
    const spy = vi.spyOn(crypto, 'createHmac');
    syncBuiltinESMExports();
    try {
      await run();
      return spy.mock.calls.filter(([, key]) => key === SIGNING_SECRET).length;
    } finally {
      spy.mockRestore();
      syncBuiltinESMExports();
    }
  }

  it('is computed exactly once per request on every surface, accepted or replayed', async () => {
    for (const surface of SURFACES) {
      const body = surface.body();
      // Signed before counting starts: the test's own HMAC is not the bot's.
      const headers = signed(body);
      expect(await hmacsDuring(() => postWith(surface, body, headers)), surface.name).toBe(1);
      expect(await hmacsDuring(() => postWith(surface, body, headers)), `${surface.name} replayed`).toBe(1);
    }
  });

  it('is computed exactly once for a request that fails it', async () => {
    const surface = SURFACES[0] as Surface;
    const body = surface.body();
    const headers = signed(body, now(), 'x'.repeat(36));
    let status = 0;
    expect(
      await hmacsDuring(async () => {
        status = (await postWith(surface, body, headers)).status;
      }),
    ).toBe(1);
    expect(status).toBe(401);
  });
});

/**
 * How many Web API calls one lookup costs on each surface, first for a user the bot has not
 * looked up yet (cold) and then again (warm). A count, not a speed: it was in bench/ and is
 * checked here instead, on every `npm test`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../support/fixtures.js';
import { postCommand } from '../support/sign.js';
import { BOT_USER, mentionEvent, messageEvent, nextTs, send } from '../support/slack-events.js';
import { startTestBot, type TestBot } from '../support/start-app.js';

const USERS = { slash: 'U0APISLSH', mention: 'U0APIMENT', thread: 'U0APITHRD', auto: 'U0APIAUTO' };
let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({}, { locales: Object.fromEntries(Object.values(USERS).map((u) => [u, 'en-US'])) });
});
afterAll(async () => {
  await t.stop();
});

/** The Web API methods `act` made the bot call, once its answer was delivered. */
async function callsFor(act: () => Promise<unknown>): Promise<string[]> {
  t.slack.reset();
  await act();
  await t.bot.slack.drain();
  await t.slack.settle(50);
  return t.slack.calls.map((c) => c.method).filter((m) => !m.startsWith('response/'));
}

let commands = 0;
const slash = (user: string) => async () => {
  const body = fixture('command.intune-err');
  // Slack gives every command a new trigger_id; the same bytes twice would be a replay (401).
  commands += 1;
  body.trigger_id = `13345224609.738474920.api${commands}`;
  body.user_id = user;
  body.text = '0x80cf6008';
  body.response_url = t.slack.responseUrl('api');
  expect((await postCommand(t.baseUrl, body)).status).toBe(200);
};

describe('Web API calls per lookup', () => {
  it('slash command: users.info once for a new user, then none (the answer rides in the ack)', async () => {
    expect(await callsFor(slash(USERS.slash))).toEqual(['users.info']);
    expect(await callsFor(slash(USERS.slash))).toEqual([]);
  });

  it('slash command for a user Slack gives no locale: users.info once, then none ("no locale" is cached too)', async () => {
    expect(await callsFor(slash('U0APINOLC'))).toEqual(['users.info']);
    expect(await callsFor(slash('U0APINOLC'))).toEqual([]);
  });

  it('mention: the reply, plus users.info for a new user', async () => {
    const mention = () =>
      send(t.baseUrl, mentionEvent({ user: USERS.mention, text: `<@${BOT_USER}> what is 0x80cf6008?` }));
    expect((await callsFor(mention)).sort()).toEqual(['chat.postMessage', 'users.info']);
    expect(await callsFor(mention)).toEqual(['chat.postMessage']);
  });

  it('mention with the codes earlier in the thread: conversations.replies and the reply', async () => {
    const inThread = () => {
      const thread = nextTs();
      t.slack.options.threads[thread] = [
        { type: 'message', user: 'U0SOMEONE', text: 'sync fails with 0x80cf4017', ts: thread },
      ];
      return send(
        t.baseUrl,
        mentionEvent({ user: USERS.thread, text: `<@${BOT_USER}> ?`, threadTs: thread }),
      );
    };
    expect((await callsFor(inThread)).sort()).toEqual([
      'chat.postMessage',
      'conversations.replies',
      'users.info',
    ]);
    expect((await callsFor(inThread)).sort()).toEqual(['chat.postMessage', 'conversations.replies']);
  });

  it('auto-reply: the reply, plus users.info for a new user', async () => {
    const paste = () =>
      send(
        t.baseUrl,
        messageEvent({ channel: `C0API${nextTs()}`, user: USERS.auto, text: 'sync fails with 0x80cf6008' }),
      );
    expect((await callsFor(paste)).sort()).toEqual(['chat.postMessage', 'users.info']);
    expect(await callsFor(paste)).toEqual(['chat.postMessage']);
  });
});

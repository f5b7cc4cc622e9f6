import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { strings } from '../../src/render/strings.js';
import { blockKitProblems, liveSpans } from '../support/block-kit-limits.js';
import type { RecordedCall } from '../support/fake-slack.js';
import { fixture } from '../support/fixtures.js';
import { postCommand } from '../support/sign.js';
import {
  BOT_ID,
  BOT_USER,
  buttons,
  CHANNEL,
  EN_USER,
  effects,
  FALLBACK_URL,
  interact,
  LOCALES,
  messageEvent,
  SV_USER,
  send,
  shown,
  visible,
} from '../support/slack-events.js';
import { startTestBot, type TestBot } from '../support/start-app.js';

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({}, { locales: LOCALES });
});
afterEach(async () => {
  await t.stop();
});

/** The slash command's private answer, as Slack shows it (the ack body). */
async function slashAnswer(text: string, user = EN_USER) {
  const body = fixture('command.intune-err');
  body.text = text;
  body.user_id = user;
  body.response_url = t.slack.responseUrl('cmd');
  const res = await postCommand(t.baseUrl, body);
  expect(res.status).toBe(200);
  return res.json() as { text: string; blocks: { type: string; elements?: Record<string, unknown>[] }[] };
}

function shareValueOf(answer: Awaited<ReturnType<typeof slashAnswer>>): string {
  const button = answer.blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'share_answer');
  expect(button, 'the answer has a Share button').toBeDefined();
  return String(button?.value);
}

/** A press on Share in channel, carrying `value`, by `user`. */
function sharePress(value: string, user = EN_USER) {
  const press = fixture('block_actions.share_answer');
  press.user.id = user;
  press.actions[0].value = value;
  press.response_url = t.slack.responseUrl('share');
  return press;
}

/** Shares `answer` as `user` and waits for both response_url calls: the public post and the deletion. */
async function share(answer: Awaited<ReturnType<typeof slashAnswer>>, user = EN_USER) {
  await interact(t.baseUrl, sharePress(shareValueOf(answer), user));
  await t.slack.waitFor('response/share', 2);
}

const responses = () => t.slack.callsOf('response/share');
const publicPosts = () => responses().filter((c) => c.args.response_type === 'in_channel');
const deletions = () => responses().filter((c) => c.args.delete_original === true);

describe('Share in channel', () => {
  it('posts the same answer in the channel through the response_url, saying who shared it', async () => {
    const answer = await slashAnswer('0x80cf6008 0x80cf4017');
    await share(answer);
    await t.slack.settle();
    expect(publicPosts()).toHaveLength(1);
    const shared = publicPosts()[0];
    for (const code of ['0x80CF6008', 'OM_E_DM_FAILTOCONNECTTOBITS', '0x80CF4017', 'download manager'])
      expect(visible(shared)).toContain(code);
    expect(JSON.stringify(shared?.args.blocks)).toContain(`Shared by <@${EN_USER}>`);
    // The one live mention is the sharer; everything else is inert.
    expect(liveSpans(shown(shared)).filter((s) => !s.startsWith(`<${FALLBACK_URL}|`))).toEqual([
      `<@${EN_USER}>`,
    ]);
    expect(buttons(shared)).toEqual([]);
    expect(blockKitProblems(shown(shared))).toEqual([]);
    // The same answer: the private blocks without the buttons are the public ones without "Shared by".
    const [sharedBy, ...rest] = shown(shared).blocks;
    expect(JSON.stringify(sharedBy)).toContain('Shared by');
    expect(rest).toEqual(answer.blocks.filter((b) => b.type !== 'actions'));
    // Nothing went through the Web API: sharing works in channels the bot was never invited to.
    expect(effects(t.slack).filter((c) => c.method.startsWith('chat.'))).toEqual([]);
  });

  it('deletes the private original once the answer is public', async () => {
    const answer = await slashAnswer('0x80cf6008');
    await share(answer);
    await t.slack.settle();
    expect(deletions()).toHaveLength(1);
    // A public post and a delete are separate requests: Slack treats a body with delete_original
    // as a deletion only, so a combined one would delete the original and post nothing.
    expect(publicPosts().every((c) => c.args.delete_original !== true)).toBe(true);
    const order = responses().map((c) => (c.args.delete_original === true ? 'delete' : 'post'));
    expect(order).toEqual(['post', 'delete']);
  });

  it('shares in the language the private answer was in', async () => {
    const answer = await slashAnswer('0x80cf6008', SV_USER);
    await share(answer, SV_USER);
    const shared = publicPosts()[0];
    expect(visible(shared)).toContain('hämtningshanteraren');
    expect(JSON.stringify(shared?.args.blocks)).toContain(`Delat av <@${SV_USER}>`);
  });

  it('shares a search answer', async () => {
    const answer = await slashAnswer('BITS');
    await share(answer);
    expect(visible(publicPosts()[0])).toContain('OM_E_DM_BITSTRANSFERERROR');
  });

  it.each([
    ['a value that is not JSON', 'share please'],
    ['an unknown version', '{"v":2,"l":"en-US","c":["0x80CF6008"]}'],
    ['a code we would never write', '{"v":1,"l":"en-US","c":["<!channel>"]}'],
    ['a forged link as search words', '{"v":1,"l":"en-US","s":"<https://evil.test|BITS>"}'],
    ['a locale we would never write', '{"v":1,"l":"<!here>","c":["0x80CF6008"]}'],
    ['an oversize value', `{"v":1,"l":"en-US","s":"${'a'.repeat(2100)}"}`],
  ])('refuses %s privately and posts nothing public', async (_what, value) => {
    await interact(t.baseUrl, sharePress(value));
    await t.slack.waitFor('response/share');
    await t.slack.settle();
    expect(responses()).toHaveLength(1);
    const notice = responses()[0];
    expect(notice?.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(notice?.args.delete_original).toBeUndefined();
    expect(String(notice?.args.text)).toContain('0x80cf6008');
    expect(effects(t.slack).filter((c) => c.method.startsWith('chat.'))).toEqual([]);
    expect(visible(notice)).not.toContain('evil.test');
  });

  it.each([
    ['English', EN_USER, 'en-US'],
    ['Swedish', SV_USER, 'sv-SE'],
  ])(
    'tells the presser in their own language (%s) that the share did not work',
    async (_what, user, locale) => {
      await interact(t.baseUrl, sharePress('share please', user));
      await t.slack.waitFor('response/share');
      const text = String(responses()[0]?.args.text);
      expect(text).toBe(strings(locale).shareFailed);
      // Not the hint for mentions: nobody mentioned the bot.
      expect(text).not.toContain('Mention me');
      expect(text).not.toContain('Nämn mig');
    },
  );
});

describe('Dismiss', () => {
  /** Auto-reply answers a paste; returns the reply as Slack stored it (what a button press carries). */
  async function autoReply(): Promise<{ reply: RecordedCall; ts: string; threadTs: string }> {
    const paste = messageEvent({ text: 'sync fails: 0x80cf6008' });
    await send(t.baseUrl, paste);
    const [reply] = await t.slack.waitFor('chat.postMessage');
    expect(buttons(reply)).toEqual(['dismiss_answer']);
    await t.bot.slack.drain();
    // The fake answered the post with its ts (1764000000.000001 for the first one).
    return { reply: reply as RecordedCall, ts: '1764000000.000001', threadTs: paste.event.ts };
  }

  function dismissPress(message: Record<string, unknown>) {
    const press = fixture('block_actions.dismiss_answer');
    press.container.message_ts = message.ts;
    press.container.thread_ts = message.thread_ts;
    press.message = { type: 'message', ...message };
    press.response_url = t.slack.responseUrl('dismiss');
    return press;
  }

  it('deletes the bot’s own reply', async () => {
    const { reply, ts, threadTs } = await autoReply();
    await interact(
      t.baseUrl,
      dismissPress({
        subtype: 'bot_message',
        user: BOT_USER,
        bot_id: BOT_ID,
        text: reply.args.text,
        ts,
        thread_ts: threadTs,
      }),
    );
    const [deleted] = await t.slack.waitFor('chat.delete');
    expect(deleted?.args).toMatchObject({ channel: CHANNEL, ts });
    await t.slack.settle();
    expect(t.slack.callsOf('chat.delete')).toHaveLength(1);
    expect(t.slack.deliveries().filter((c) => c.method !== 'chat.postMessage')).toEqual([]);
  });

  it.each([
    ['a person’s message', { user: EN_USER, text: 'sync fails: 0x80cf6008' }],
    [
      'another bot’s message',
      { subtype: 'bot_message', bot_id: 'B0MONITOR', user: 'U0MONITOR', text: 'DESKTOP-42: 0x80cf6008' },
    ],
    ['a message by nobody in particular', { text: 'sync fails: 0x80cf6008' }],
  ])('deletes nothing when the press carries %s', async (_what, message) => {
    await interact(
      t.baseUrl,
      dismissPress({ ...message, ts: '1764000100.000200', thread_ts: '1764000100.000200' }),
    );
    await t.slack.settle();
    expect(effects(t.slack)).toEqual([]);
    expect(t.logs.some((l) => l.msg === 'dismiss ignored: not one of our messages')).toBe(true);
  });
});

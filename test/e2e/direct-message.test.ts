import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from '../support/fixtures.js';
import { BOT_USER, LOCALES, messageEvent, onlyReply, send, visible } from '../support/slack-events.js';
import { startTestBot, type TestBot } from '../support/start-app.js';

let t: TestBot;
afterEach(async () => {
  await t?.stop();
});

const DM = 'D2147483710';
const dm = (text: string) => messageEvent({ channel: DM, channelType: 'im', text });

describe('a direct message to the bot (its Messages tab)', () => {
  it('answers in the conversation, not in a thread', async () => {
    t = await startTestBot({}, { locales: LOCALES });
    const question = fixture('event_callback.message_im');
    await send(t.baseUrl, question);
    const reply = await onlyReply(t.slack);
    expect(reply?.args.channel).toBe(question.event.channel);
    expect(reply?.args.thread_ts).toBeUndefined();
    expect(visible(reply)).toContain('0x80CF6008');
  });

  it.each([
    ['a header constant', 'ERROR_ACCESS_DENIED', '0x80070005'],
    ['a Win32 number', 'error 1603', '0x80070643'],
    ['a mention of the bot, which brings no app_mention in a DM', `<@${BOT_USER}> 0x87d1041c`, '0x87D1041C'],
    ['a word to search', 'proxy', 'PROXY'],
  ])('treats every message as a question: %s', async (_what, text, expected) => {
    t = await startTestBot({}, { locales: LOCALES });
    await send(t.baseUrl, dm(text));
    expect(visible(await onlyReply(t.slack))).toContain(expected);
  });

  it('says how to use it when asked for help', async () => {
    t = await startTestBot({}, { locales: LOCALES });
    await send(t.baseUrl, dm('help'));
    expect(visible(await onlyReply(t.slack))).toContain('/intune-err');
  });

  it('answers even with AUTO_REPLY=off, and twice when asked twice', async () => {
    t = await startTestBot({ AUTO_REPLY: 'off' }, { locales: LOCALES });
    await send(t.baseUrl, dm('0x80070005'));
    await send(t.baseUrl, dm('0x80070005 again?'));
    await t.slack.settle();
    expect(t.slack.callsOf('chat.postMessage')).toHaveLength(2);
  });

  it('stays quiet for a bot writing in a DM', async () => {
    t = await startTestBot({}, { locales: LOCALES });
    const fromBot = dm('0x80070005');
    fromBot.event.bot_id = 'B0OTHER01';
    await send(t.baseUrl, fromBot);
    await t.slack.settle();
    expect(t.slack.callsOf('chat.postMessage')).toEqual([]);
  });
});

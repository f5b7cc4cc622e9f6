import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from '../support/fixtures.js';
import {
  BOT_USER,
  EN_USER,
  effects,
  interact,
  LOCALES,
  mentionEvent,
  messageEvent,
  onlyReply,
  send,
  visible,
} from '../support/slack-events.js';
import { startTestBot, type TestBot } from '../support/start-app.js';

let t: TestBot;
afterEach(async () => {
  await t?.stop();
});

// What an alerting integration posts: the code only in an attachment's field.
const ALERT_ATTACHMENTS = [
  {
    fallback: 'Update compliance alert',
    pretext: 'Intune alert',
    title: 'LAPTOP-42 failed its update',
    fields: [{ title: 'Error', value: '0x80cf6008', short: true }],
  },
];
// What Slack's clients send for a person's message: text and the same words as rich_text.
const RICH_TEXT_BLOCKS = [
  {
    type: 'rich_text',
    block_id: 'b1',
    elements: [
      {
        type: 'rich_text_section',
        elements: [
          { type: 'text', text: 'the log says ' },
          { type: 'text', text: '0x80cf4017', style: { code: true } },
        ],
      },
    ],
  },
];

describe('every surface reads the whole message', () => {
  it('auto-replies to a code that is only in a person’s rich_text block', async () => {
    t = await startTestBot({}, { locales: LOCALES });
    const paste = messageEvent({ text: 'see the log below', user: EN_USER });
    paste.event.blocks = RICH_TEXT_BLOCKS;
    await send(t.baseUrl, paste);
    expect(visible(await onlyReply(t.slack))).toContain('0x80CF4017');
  });

  it('auto-replies to a code that is only in the attachments of a person’s message', async () => {
    t = await startTestBot({}, { locales: LOCALES });
    const paste = messageEvent({ text: '', user: EN_USER });
    paste.event.attachments = ALERT_ATTACHMENTS;
    await send(t.baseUrl, paste);
    expect(visible(await onlyReply(t.slack))).toContain('0x80CF6008');
  });

  it('answers a /me message from a person like a plain message', async () => {
    t = await startTestBot({}, { locales: LOCALES });
    const me = fixture('event_callback.me_message');
    await send(t.baseUrl, me);
    const reply = await onlyReply(t.slack);
    expect(reply?.args.thread_ts).toBe(me.event.ts);
    expect(visible(reply)).toContain('0x80070643');
  });

  it('explains a code from an alert’s attachments when mentioned in its thread', async () => {
    const thread = '1764000900.000100';
    t = await startTestBot(
      {},
      {
        locales: LOCALES,
        threads: {
          [thread]: [
            {
              type: 'message',
              subtype: 'bot_message',
              bot_id: 'B0MONITOR',
              text: '',
              attachments: ALERT_ATTACHMENTS,
              ts: thread,
            },
          ],
        },
      },
    );
    await send(t.baseUrl, mentionEvent({ threadTs: thread, text: `<@${BOT_USER}> what is this?` }));
    const reply = await onlyReply(t.slack);
    expect(reply?.args.thread_ts).toBe(thread);
    expect(visible(reply)).toContain('0x80CF6008');
  });

  it('explains the codes in a message’s attachments and blocks through the shortcut', async () => {
    t = await startTestBot({ AUTO_REPLY: 'off' }, { locales: LOCALES });
    const body = fixture('message_action.explain_codes');
    body.message.text = 'nothing here';
    body.message.attachments = ALERT_ATTACHMENTS;
    body.message.blocks = RICH_TEXT_BLOCKS;
    body.user.id = EN_USER;
    body.response_url = t.slack.responseUrl('shortcut');
    await interact(t.baseUrl, body);
    await t.slack.waitFor('response/shortcut');
    await t.slack.settle();
    expect(effects(t.slack).map((c) => c.method)).toEqual(['response/shortcut']);
    const text = visible(t.slack.callsOf('response/shortcut')[0]);
    expect(text).toContain('0x80CF6008');
    expect(text).toContain('0x80CF4017');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { blockKitProblems, liveSpans } from '../support/block-kit-limits.js';
import { fixture } from '../support/fixtures.js';
import {
  BOT_ID,
  BOT_USER,
  buttons,
  CHANNEL,
  canonical,
  countShown,
  EN_USER,
  FALLBACK_URL,
  FR_USER,
  HOSTILE,
  hugePaste,
  knownCodes,
  LOCALES,
  mentionEvent,
  messageEvent,
  messageTwinOf,
  NO_LOCALE_USER,
  nextTs,
  onlyReply,
  SV_USER,
  send,
  shown,
  visible,
} from '../support/slack-events.js';
import { startTestBot, type TestBot } from '../support/start-app.js';

let t: TestBot;
afterEach(async () => {
  await t?.stop();
});

async function start(env: Record<string, string> = {}) {
  t = await startTestBot(env, { locales: LOCALES });
  return t;
}

const posts = () => t.slack.callsOf('chat.postMessage');

/** Sends each body, lets the bot finish, and expects nothing at all to have been posted. */
async function expectQuiet(...bodies: unknown[]) {
  for (const body of bodies) await send(t.baseUrl, body);
  await t.slack.settle();
  expect(t.slack.deliveries()).toEqual([]);
  expect(t.slack.callsOf('chat.delete')).toEqual([]);
}

describe('auto-reply to a pasted code', () => {
  it('replies once in the message’s thread, with a Dismiss button', async () => {
    await start();
    const paste = fixture('event_callback.message');
    await send(t.baseUrl, paste);
    const reply = await onlyReply(t.slack);
    expect(reply?.args.channel).toBe(CHANNEL);
    expect(reply?.args.thread_ts).toBe(paste.event.ts);
    expect(visible(reply)).toContain('0x80CF6008');
    expect(visible(reply)).toContain('OM_E_DM_FAILTOCONNECTTOBITS');
    expect(shown(reply).text).toContain('download manager');
    expect(buttons(reply)).toEqual(['dismiss_answer']);
    expect(blockKitProblems(shown(reply))).toEqual([]);
  });

  it('replies in the existing thread when the code is posted inside a thread', async () => {
    await start();
    const reply = fixture('event_callback.message_in_thread');
    await send(t.baseUrl, reply);
    const answer = await onlyReply(t.slack);
    expect(answer?.args.thread_ts).toBe(reply.event.thread_ts);
    expect(visible(answer)).toContain('OM_E_PT_HTTP_STATUS_DENIED');
  });

  it('explains a pasted Windows Update code as itself, naming its Intune twin', async () => {
    await start();
    await send(t.baseUrl, messageEvent({ text: 'WindowsUpdate.log: FATAL 0x80246008 while downloading' }));
    const reply = await onlyReply(t.slack);
    expect(visible(reply)).toContain('*0x80246008* `WU_E_DM_FAILTOCONNECTTOBITS`');
    expect(visible(reply)).toContain('0x80CF6008 OM_E_DM_FAILTOCONNECTTOBITS');
    expect(shown(reply).text).toContain('download manager');
  });

  it('explains a code the event log printed as a signed decimal', async () => {
    await start();
    await send(t.baseUrl, messageEvent({ text: 'event 20 says hr=-2133893112' }));
    expect(visible(await onlyReply(t.slack))).toContain('0x80CF6008');
  });

  it('explains only the codes it explains in words, not those it can only decode or name', async () => {
    await start();
    await send(
      t.baseUrl,
      messageEvent({ text: 'first 0x8badf00d, then 0x80cf4017, then 0x800700dc, then 0x80070005' }),
    );
    const reply = await onlyReply(t.slack);
    expect(visible(reply)).toContain('0x80CF4017');
    // Curated: our words and a docs link.
    expect(visible(reply)).toContain('0x80070005');
    // 0x8BADF00D nobody knows; the headers only name 0x800700DC (ERROR_FILE_CHECKED_OUT).
    expect(visible(reply)).not.toContain('0x8BADF00D');
    expect(visible(reply)).not.toContain('0x800700DC');
  });

  it.each([
    ['a group DM', 'mpim', 'G2147483711'],
    ['a private channel', 'group', 'G2147483712'],
  ])('answers in %s too', async (_what, channelType, channel) => {
    await start();
    const paste = messageEvent({ channel, channelType, text: 'what does 0x80cf6008 mean?' });
    await send(t.baseUrl, paste);
    const reply = await onlyReply(t.slack);
    expect(reply?.args).toMatchObject({ channel, thread_ts: paste.event.ts });
  });

  it('answers a thread reply also sent to the channel (thread_broadcast) like any message', async () => {
    await start();
    const broadcast = fixture('event_callback.thread_broadcast');
    await send(t.baseUrl, broadcast);
    const reply = await onlyReply(t.slack);
    expect(reply?.args.thread_ts).toBe(broadcast.event.thread_ts);
    expect(visible(reply)).toContain('0x80CF4017');
  });

  it('answers a message with files attached (file_share): a code pasted with a screenshot and a log', async () => {
    await start();
    const shared = fixture('event_callback.file_share');
    expect(shared.event.subtype).toBe('file_share');
    await send(t.baseUrl, shared);
    const reply = await onlyReply(t.slack);
    expect(reply?.args).toMatchObject({ channel: shared.event.channel, thread_ts: shared.event.ts });
    expect(visible(reply)).toContain('0x80CF4017');
    expect(buttons(reply)).toEqual(['dismiss_answer']);
  });
});

describe('auto-reply stays quiet', () => {
  it('for numbers that are no codes it explains', async () => {
    await start();
    await expectQuiet(
      messageEvent({ text: 'crash 0x8badf00d and a checked-out file 0x800700dc' }),
      messageEvent({ text: 'ticket 2161074 and build 80246123 and WU_E_MADE_UP_NAME?' }),
      messageEvent({ text: 'no codes at all, just a slow laptop' }),
    );
  });

  it('for other bots: bot_message events and messages carrying a bot_id', async () => {
    await start();
    const withBotId = messageEvent({ text: 'DESKTOP-7 reported 0x80cf6008' });
    withBotId.event.bot_id = 'B0WORKFLOW';
    withBotId.event.bot_profile = { id: 'B0WORKFLOW', name: 'Workflow' };
    await expectQuiet(fixture('event_callback.bot_message'), withBotId);
  });

  it('for files shared without any text, and for files a bot shares', async () => {
    await start();
    const bare = fixture('event_callback.file_share');
    bare.event_id = 'Ev0FILES001';
    bare.event.ts = '1764000232.000420';
    bare.event.text = '';
    bare.event.blocks = [];
    const byBot = fixture('event_callback.file_share');
    byBot.event_id = 'Ev0FILES002';
    byBot.event.ts = '1764000233.000430';
    byBot.event.bot_id = 'B0WORKFLOW';
    await expectQuiet(bare, byBot);
  });

  it('for its own messages', async () => {
    await start();
    const own = messageEvent({ user: BOT_USER, text: '0x80CF6008 OM_E_DM_FAILTOCONNECTTOBITS' });
    const ownBot = messageEvent({ user: BOT_USER, text: '0x80CF6008 OM_E_DM_FAILTOCONNECTTOBITS' });
    ownBot.event.subtype = 'bot_message';
    ownBot.event.bot_id = BOT_ID;
    await expectQuiet(own, ownBot);
  });

  it.each([
    'event_callback.message_changed',
    'event_callback.message_deleted',
    'event_callback.message_replied',
    'event_callback.channel_join',
  ])('for %s', async (name) => {
    await start();
    const body = fixture(name);
    expect(JSON.stringify(body)).toContain('0x80cf6008');
    await expectQuiet(body);
  });

  it('for a message that mentions the bot: the mention listener answers it', async () => {
    await start();
    await expectQuiet(messageEvent({ text: `<@${BOT_USER}> 0x80cf6008?` }));
  });

  it('when AUTO_REPLY=off, while mentions are still answered', async () => {
    await start({ AUTO_REPLY: 'off' });
    await expectQuiet(fixture('event_callback.message'), fixture('event_callback.message_in_thread'));
    const mention = mentionEvent({ text: `<@${BOT_USER}> 0x80cf6008` });
    await send(t.baseUrl, mention);
    const reply = await onlyReply(t.slack);
    expect(reply?.args.thread_ts).toBe(mention.event.ts);
  });
});

describe('auto-reply cooldown per thread', () => {
  it('does not explain a code twice in one thread, but does in another thread', async () => {
    await start();
    const thread = nextTs();
    await send(t.baseUrl, messageEvent({ ts: thread, text: 'sync fails: 0x80cf6008' }));
    await t.slack.waitFor('chat.postMessage');
    await send(t.baseUrl, messageEvent({ threadTs: thread, text: 'still 0x80CF6008 here' }));
    await t.slack.settle();
    expect(posts()).toHaveLength(1);
    const other = nextTs();
    await send(t.baseUrl, messageEvent({ ts: other, text: 'another laptop, 0x80cf6008' }));
    await t.slack.waitFor('chat.postMessage', 2);
    expect(posts()[1]?.args.thread_ts).toBe(other);
  });

  it('explains only the new code when a thread brings up one not yet explained', async () => {
    await start();
    const thread = nextTs();
    await send(t.baseUrl, messageEvent({ ts: thread, text: 'sync fails: 0x80cf6008' }));
    await t.slack.waitFor('chat.postMessage');
    await send(t.baseUrl, messageEvent({ threadTs: thread, text: 'now 0x80cf6008 and 0x80cf4017' }));
    const [, second] = await t.slack.waitFor('chat.postMessage', 2);
    expect(second?.args.thread_ts).toBe(thread);
    expect(visible(second)).toContain('0x80CF4017');
    expect(visible(second)).not.toContain('0x80CF6008');
  });

  it('treats a Windows Update twin as the code already explained', async () => {
    await start();
    const thread = nextTs();
    await send(t.baseUrl, messageEvent({ ts: thread, text: 'sync fails: 0x80cf6008' }));
    await t.slack.waitFor('chat.postMessage');
    await expectQuietAfterFirst(messageEvent({ threadTs: thread, text: 'the WU log says 0x80246008' }));
  });

  it('treats the Intune twin of an explained Windows Update code as explained', async () => {
    await start();
    const thread = nextTs();
    await send(t.baseUrl, messageEvent({ ts: thread, text: 'the WU log says 0x80246008' }));
    await t.slack.waitFor('chat.postMessage');
    await expectQuietAfterFirst(messageEvent({ threadTs: thread, text: 'Intune shows 0x80cf6008' }));
  });

  it('explains a code again once AUTO_REPLY_COOLDOWN_SECONDS have passed', async () => {
    await start({ AUTO_REPLY_COOLDOWN_SECONDS: '1' });
    const thread = nextTs();
    await send(t.baseUrl, messageEvent({ ts: thread, text: 'sync fails: 0x80cf6008' }));
    await t.slack.waitFor('chat.postMessage');
    await send(t.baseUrl, messageEvent({ threadTs: thread, text: 'again 0x80cf6008' }));
    await t.slack.settle();
    expect(posts()).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 1100));
    await send(t.baseUrl, messageEvent({ threadTs: thread, text: 'and again 0x80cf6008' }));
    const [, again] = await t.slack.waitFor('chat.postMessage', 2);
    expect(again?.args.thread_ts).toBe(thread);
    expect(visible(again)).toContain('0x80CF6008');
  });

  it('does not explain a code a mention just explained in that thread', async () => {
    await start();
    const mention = fixture('event_callback.app_mention_in_thread');
    mention.event.text = `<@${BOT_USER}> what is 0x80cf4017?`;
    await send(t.baseUrl, mention);
    await t.slack.waitFor('chat.postMessage');
    await expectQuietAfterFirst(
      messageEvent({ threadTs: mention.event.thread_ts, text: 'I see 0x80cf4017 too' }),
    );
  });

  it('does not explain a code again while a mention’s answer to it is still on its way', async () => {
    await start();
    // Slack is slow to take the mention's answer; a paste of the same code arrives meanwhile.
    t.slack.script('chat.postMessage', { delayMs: 300 });
    const mention = fixture('event_callback.app_mention_in_thread');
    mention.event.text = `<@${BOT_USER}> what is 0x80cf4017?`;
    await send(t.baseUrl, mention);
    await t.slack.waitFor('chat.postMessage');
    await send(t.baseUrl, messageEvent({ threadTs: mention.event.thread_ts, text: 'here too: 0x80cf4017' }));
    await t.bot.slack.drain();
    await t.slack.settle(400);
    expect(posts()).toHaveLength(1);
    expect(posts()[0]?.args.thread_ts).toBe(mention.event.thread_ts);
  });

  it('does not explain a code a mention claimed while the mention still looks up its reader’s language', async () => {
    await start();
    t.slack.scriptWhen('users.info', (c) => c.args.user === SV_USER, { delayMs: 300 });
    const mention = fixture('event_callback.app_mention_in_thread');
    mention.event.user = SV_USER;
    mention.event.text = `<@${BOT_USER}> what is 0x80cf4017?`;
    await send(t.baseUrl, mention);
    await t.slack.waitFor('users.info');
    await send(t.baseUrl, messageEvent({ threadTs: mention.event.thread_ts, text: 'here too: 0x80cf4017' }));
    await t.slack.waitFor('chat.postMessage');
    await t.bot.slack.drain();
    await t.slack.settle(400);
    expect(posts()).toHaveLength(1);
    expect(shown(posts()[0]).text).toContain('0x80CF4017');
    // The one answer is the mention's, in the mentioning user's language.
    expect(buttons(posts()[0])).toEqual([]);
  });

  it('explains later a code a long paste’s reply had no room for, but not one it did explain', async () => {
    await start();
    const codes = knownCodes(60);
    const paste = messageEvent({ text: hugePaste(codes) });
    await send(t.baseUrl, paste);
    const [first] = await t.slack.waitFor('chat.postMessage');
    const { listed } = countShown(first, codes);
    const [explained, unexplained] = [codes[0] as string, codes[59] as string];
    expect(listed).toBeLessThan(60);
    expect(JSON.stringify(shown(first).blocks)).not.toContain(canonical(unexplained));
    await send(t.baseUrl, messageEvent({ threadTs: paste.event.ts, text: `still ${explained}` }));
    await send(t.baseUrl, messageEvent({ threadTs: paste.event.ts, text: `and ${unexplained}` }));
    const [, second] = await t.slack.waitFor('chat.postMessage', 2);
    await t.slack.settle();
    expect(posts()).toHaveLength(2);
    expect(second?.args.thread_ts).toBe(paste.event.ts);
    expect(visible(second)).toContain(canonical(unexplained));
    expect(visible(second)).not.toContain(canonical(explained));
  });

  it('explains later a code a long mention’s answer had no room for', async () => {
    await start();
    const codes = knownCodes(60);
    const mention = mentionEvent({ text: `<@${BOT_USER}> ${hugePaste(codes, 39_980)}` });
    await send(t.baseUrl, mention);
    const [first] = await t.slack.waitFor('chat.postMessage');
    expect(JSON.stringify(shown(first).blocks)).not.toContain(canonical(codes[59] as string));
    await send(t.baseUrl, messageEvent({ threadTs: mention.event.ts, text: `${codes[0]} and ${codes[59]}` }));
    const [, second] = await t.slack.waitFor('chat.postMessage', 2);
    expect(visible(second)).toContain(canonical(codes[59] as string));
    expect(visible(second)).not.toContain(canonical(codes[0] as string));
  });

  it('answers a mention even when auto-reply already explained the code in the thread', async () => {
    await start();
    const thread = nextTs();
    await send(t.baseUrl, messageEvent({ ts: thread, text: 'sync fails: 0x80cf6008' }));
    await t.slack.waitFor('chat.postMessage');
    const mention = mentionEvent({
      threadTs: thread,
      text: `<@${BOT_USER}> explain 0x80cf6008 again please`,
    });
    await send(t.baseUrl, mention);
    await send(t.baseUrl, messageTwinOf(mention));
    const [, answer] = await t.slack.waitFor('chat.postMessage', 2);
    await t.slack.settle();
    expect(posts()).toHaveLength(2);
    expect(answer?.args.thread_ts).toBe(thread);
    expect(visible(answer)).toContain('OM_E_DM_FAILTOCONNECTTOBITS');
  });
});

async function expectQuietAfterFirst(body: unknown) {
  await send(t.baseUrl, body);
  await t.slack.settle();
  expect(posts()).toHaveLength(1);
}

describe('Slack’s retries', () => {
  it('acks a retry of the same event with 200 and answers once', async () => {
    await start();
    // Each retry is a new request: new timestamp, new signature, same event_id.
    const at = Math.floor(Date.now() / 1000) - 10;
    const paste = messageEvent({ text: 'sync fails: 0x80cf6008' });
    await send(t.baseUrl, paste, { timestamp: at });
    await t.slack.waitFor('chat.postMessage');
    const retry = await send(t.baseUrl, paste, { retryNum: 1, timestamp: at + 1 });
    expect(retry.status).toBe(200);
    await send(t.baseUrl, paste, { retryNum: 2, timestamp: at + 2 });
    await t.slack.settle();
    expect(posts()).toHaveLength(1);
  });

  it('answers once when the retry arrives while the first delivery is still being answered', async () => {
    await start();
    t.slack.script('users.info', { delayMs: 200 });
    const paste = messageEvent({ user: SV_USER, text: 'sync fails: 0x80cf6008' });
    const at = Math.floor(Date.now() / 1000) - 10;
    await Promise.all([
      send(t.baseUrl, paste, { timestamp: at }),
      send(t.baseUrl, paste, { retryNum: 1, timestamp: at + 1 }),
    ]);
    await t.slack.waitFor('chat.postMessage');
    await t.bot.slack.drain();
    await t.slack.settle();
    expect(posts()).toHaveLength(1);
    expect(shown(posts()[0]).text).toContain('hämtningshanteraren');
  });
});

describe('auto-reply language', () => {
  it.each([
    ['sv-SE', SV_USER, {}, 'hämtningshanteraren'],
    ['en-US', EN_USER, {}, 'download manager'],
    ['fr-FR (no table): DEFAULT_LOCALE sv-SE', FR_USER, {}, 'hämtningshanteraren'],
    ['fr-FR (no table): DEFAULT_LOCALE en-US', FR_USER, { DEFAULT_LOCALE: 'en-US' }, 'download manager'],
    ['no Slack locale: DEFAULT_LOCALE', NO_LOCALE_USER, { DEFAULT_LOCALE: 'en-US' }, 'download manager'],
  ])('answers a user whose Slack language is %s', async (_what, user, env, expected) => {
    await start(env);
    await send(t.baseUrl, messageEvent({ user, text: 'sync fails: 0x80cf6008' }));
    const reply = await onlyReply(t.slack);
    expect(shown(reply).text).toContain(expected);
    expect(t.slack.callsOf('users.info').map((c) => c.args)).toEqual([
      expect.objectContaining({ user, include_locale: 'true' }),
    ]);
  });

  it('looks the user’s language up once, then answers from the cache', async () => {
    await start();
    await send(t.baseUrl, messageEvent({ user: SV_USER, text: '0x80cf6008' }));
    await t.slack.waitFor('chat.postMessage');
    await send(t.baseUrl, messageEvent({ user: SV_USER, text: '0x80cf4017' }));
    const [, second] = await t.slack.waitFor('chat.postMessage', 2);
    expect(shown(second).text).toContain('0x80CF4017');
    expect(t.slack.callsOf('users.info')).toHaveLength(1);
  });
});

describe('auto-reply to hostile and huge pastes', () => {
  it('never brings a ping, a user mention or a forged link in the paste back live', async () => {
    await start();
    await send(
      t.baseUrl,
      messageEvent({ text: `${HOSTILE.join(' ')} 0x80cf6008 <https://evil.test|0x80cf4017>` }),
    );
    const reply = await onlyReply(t.slack);
    expect(visible(reply)).toContain('0x80CF6008');
    expect(liveSpans(shown(reply)).filter((s) => !s.startsWith(`<${FALLBACK_URL}|`))).toEqual([]);
    expect(visible(reply)).not.toContain('evil.test');
  });

  it('answers a 40,000-character paste with ~60 codes in one valid message that says how many more', async () => {
    await start();
    const codes = knownCodes(60);
    const paste = messageEvent({ text: hugePaste(codes) });
    await send(t.baseUrl, paste);
    const reply = await onlyReply(t.slack);
    expect(reply?.args.thread_ts).toBe(paste.event.ts);
    expect(blockKitProblems(shown(reply))).toEqual([]);
    expect(countShown(reply, codes).total).toBe(60);
    expect(buttons(reply)).toEqual(['dismiss_answer']);
  });

  it('says how many more in Swedish for a Swedish reader', async () => {
    await start();
    const codes = knownCodes(60);
    await send(t.baseUrl, messageEvent({ user: SV_USER, text: hugePaste(codes) }));
    const reply = await onlyReply(t.slack);
    expect(blockKitProblems(shown(reply))).toEqual([]);
    expect(JSON.stringify(shown(reply).blocks)).toMatch(/…och \d+ till/);
    expect(countShown(reply, codes).total).toBe(60);
  });
});

it('keeps EN_USER and the fixture’s author the same person (harness check)', () => {
  expect(fixture('event_callback.message').event.user).toBe(EN_USER);
});

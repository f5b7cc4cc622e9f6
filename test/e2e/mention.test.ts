import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blockKitProblems, liveSpans } from '../support/block-kit-limits.js';
import {
  BOT_ID,
  BOT_USER,
  CHANNEL,
  countShown,
  EN_USER,
  FALLBACK_URL,
  HOSTILE,
  hugePaste,
  knownCodes,
  LOCALES,
  mentionEvent,
  messageTwinOf,
  nextTs,
  onlyReply,
  SV_USER,
  send,
  shown,
  visible,
} from '../support/slack-events.js';
import { startTestBot, type TestBot } from '../support/start-app.js';

const THREAD = '1764000100.000200';

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({}, { locales: LOCALES, threads: { [THREAD]: thread() } });
});
afterEach(async () => {
  await t.stop();
});

/** A support thread as conversations.replies returns it: a question, the bot's earlier reply, a follow-up. */
function thread() {
  return [
    {
      type: 'message',
      user: EN_USER,
      text: 'Three laptops fail the Intune sync with 0x80cf6008 since this morning',
      ts: THREAD,
      thread_ts: THREAD,
      reply_count: 3,
    },
    {
      type: 'message',
      subtype: 'bot_message',
      user: BOT_USER,
      bot_id: BOT_ID,
      text: '0x80CF0014 OM_E_INVALID_INSTALL_REQUESTED explained earlier',
      ts: '1764000120.000210',
      thread_ts: THREAD,
    },
    {
      type: 'message',
      user: 'U2147483698',
      text: 'same here, and the log also says 0x80246007',
      ts: '1764000150.000250',
      thread_ts: THREAD,
    },
  ];
}

const posts = () => t.slack.callsOf('chat.postMessage');

describe('@intune-err mentions', () => {
  it('answers a mention in the channel in a new thread under the mention', async () => {
    const ts = nextTs();
    await send(t.baseUrl, mentionEvent({ ts, text: `<@${BOT_USER}> what is 0x80cf4017?` }));
    const reply = await onlyReply(t.slack);
    expect(reply?.args.channel).toBe(CHANNEL);
    expect(reply?.args.thread_ts).toBe(ts);
    expect(visible(reply)).toContain('0x80CF4017');
    expect(visible(reply)).toContain('OM_E_PT_HTTP_STATUS_DENIED');
    expect(visible(reply)).toContain(FALLBACK_URL);
    expect(blockKitProblems(shown(reply))).toEqual([]);
  });

  it('replies in the thread when mentioned inside a thread', async () => {
    await send(
      t.baseUrl,
      mentionEvent({ threadTs: THREAD, text: `<@${BOT_USER}> and 0x80cf4017 on the other one?` }),
    );
    const reply = await onlyReply(t.slack);
    expect(reply?.args.thread_ts).toBe(THREAD);
    expect(visible(reply)).toContain('0x80CF4017');
    // The codes in the mention win: the thread is not read.
    expect(visible(reply)).not.toContain('0x80CF6008');
    expect(t.slack.callsOf('conversations.replies')).toHaveLength(0);
  });

  it('reads the thread when the mention holds only a ticket number, not a code', async () => {
    await send(
      t.baseUrl,
      mentionEvent({ threadTs: THREAD, text: `<@${BOT_USER}> see ticket 20240501, ideas?` }),
    );
    const reply = await onlyReply(t.slack);
    expect(t.slack.callsOf('conversations.replies')).toHaveLength(1);
    expect(visible(reply)).toContain('OM_E_DM_FAILTOCONNECTTOBITS');
    expect(visible(reply)).not.toContain('0x20240501');
  });

  it('explains the codes posted earlier in the thread when the mention has none', async () => {
    await send(t.baseUrl, mentionEvent({ threadTs: THREAD, text: `<@${BOT_USER}> can you explain?` }));
    const reply = await onlyReply(t.slack);
    const [read] = t.slack.callsOf('conversations.replies');
    expect(read?.args).toMatchObject({ channel: CHANNEL, ts: THREAD });
    expect(reply?.args.thread_ts).toBe(THREAD);
    expect(visible(reply)).toContain('OM_E_DM_FAILTOCONNECTTOBITS');
    // The Windows Update code in the follow-up is answered as itself, naming its Intune twin.
    expect(visible(reply)).toContain('0x80246007 WU_E_DM_NOTDOWNLOADED');
    expect(visible(reply)).toContain('0x80CF6007');
  });

  it('leaves its own earlier replies out when reading the thread', async () => {
    await send(t.baseUrl, mentionEvent({ threadTs: THREAD, text: `<@${BOT_USER}>` }));
    const reply = await onlyReply(t.slack);
    expect(visible(reply)).toContain('0x80CF6008');
    expect(visible(reply)).not.toContain('0x80CF0014');
    expect(visible(reply)).not.toContain('OM_E_INVALID_INSTALL_REQUESTED');
  });

  it('leaves out what was posted in the thread after the mention', async () => {
    const later = '1764000700.000100';
    t.slack.options.threads[later] = [
      { type: 'message', user: EN_USER, text: 'sync fails with 0x80cf6008', ts: later },
      { type: 'message', user: 'U2147483698', text: 'and now 0x80cf4017', ts: '1764000760.000300' },
    ];
    await send(
      t.baseUrl,
      mentionEvent({ threadTs: later, ts: '1764000750.000200', text: `<@${BOT_USER}> explain?` }),
    );
    const reply = await onlyReply(t.slack);
    expect(visible(reply)).toContain('0x80CF6008');
    expect(visible(reply)).not.toContain('0x80CF4017');
  });

  it('explains a code another bot (an alerting integration) posted in the thread', async () => {
    const alertThread = '1764000400.000100';
    t.slack.options.threads[alertThread] = [
      {
        type: 'message',
        subtype: 'bot_message',
        bot_id: 'B0MONITOR',
        username: 'Intune alerts',
        text: 'Device DESKTOP-42 reported 0x80cf4017',
        ts: alertThread,
      },
    ];
    await send(t.baseUrl, mentionEvent({ threadTs: alertThread, text: `<@${BOT_USER}> what is this?` }));
    const reply = await onlyReply(t.slack);
    expect(reply?.args.thread_ts).toBe(alertThread);
    expect(visible(reply)).toContain('OM_E_PT_HTTP_STATUS_DENIED');
  });

  it('answers with a short usage hint when neither the mention nor the thread has a code', async () => {
    const empty = '1764000500.000100';
    t.slack.options.threads[empty] = [
      { type: 'message', user: EN_USER, text: 'laptops are slow', ts: empty },
    ];
    await send(t.baseUrl, mentionEvent({ threadTs: empty, text: `<@${BOT_USER}> help?` }));
    const reply = await onlyReply(t.slack);
    expect(reply?.args.thread_ts).toBe(empty);
    expect(shown(reply).text).toContain('I found no error codes');
    expect(shown(reply).text).toContain('0x80cf6008');
  });

  it('answers a mention outside a thread without codes with the usage hint, reading no thread', async () => {
    const ts = nextTs();
    await send(t.baseUrl, mentionEvent({ ts, text: `<@${BOT_USER}> hi!` }));
    const reply = await onlyReply(t.slack);
    expect(reply?.args.thread_ts).toBe(ts);
    expect(shown(reply).text).toContain('I found no error codes');
    expect(t.slack.callsOf('conversations.replies')).toHaveLength(0);
  });

  it('answers with the usage hint, and does not crash, when conversations.replies fails', async () => {
    t.slack.script('conversations.replies', { body: { ok: false, error: 'not_in_channel' } });
    await send(t.baseUrl, mentionEvent({ threadTs: THREAD, text: `<@${BOT_USER}>` }));
    const reply = await onlyReply(t.slack);
    expect(reply?.args.thread_ts).toBe(THREAD);
    // It could not read the thread, so it does not claim the thread holds no codes: it says how to ask.
    expect(visible(reply)).toContain('How to use /intune-err');
    expect(visible(reply)).not.toContain('I found no error codes');
    // Still alive: the next mention is answered from the thread.
    await send(t.baseUrl, mentionEvent({ threadTs: THREAD, text: `<@${BOT_USER}>` }));
    await t.slack.waitFor('chat.postMessage', 2);
    expect(visible(posts()[1])).toContain('OM_E_DM_FAILTOCONNECTTOBITS');
  });

  it.each([
    ['the mention first', false],
    ['the message first', true],
  ])('answers exactly once although Slack also sends the mention as a message (%s)', async (_o, flip) => {
    const mention = mentionEvent({ threadTs: THREAD, text: `<@${BOT_USER}> 0x80cf4017 here too` });
    const twin = messageTwinOf(mention);
    for (const body of flip ? [twin, mention] : [mention, twin]) await send(t.baseUrl, body);
    const reply = await onlyReply(t.slack);
    expect(reply?.args.thread_ts).toBe(THREAD);
    expect(visible(reply)).toContain('0x80CF4017');
  });

  it('answers exactly once when the mention carries a label (<@U…|name>)', async () => {
    const mention = mentionEvent({ threadTs: THREAD, text: `<@${BOT_USER}|intune-err> 0x80cf4017?` });
    await send(t.baseUrl, messageTwinOf(mention));
    await send(t.baseUrl, mention);
    const reply = await onlyReply(t.slack);
    expect(reply?.args.thread_ts).toBe(THREAD);
    expect(visible(reply)).toContain('0x80CF4017');
  });

  it('acks Slack’s retry of a mention with 200 and answers once', async () => {
    const at = Math.floor(Date.now() / 1000) - 10;
    const mention = mentionEvent({ threadTs: THREAD, text: `<@${BOT_USER}> 0x80cf4017` });
    await send(t.baseUrl, mention, { timestamp: at });
    await t.slack.waitFor('chat.postMessage');
    expect((await send(t.baseUrl, mention, { retryNum: 1, timestamp: at + 1 })).status).toBe(200);
    const reply = await onlyReply(t.slack);
    expect(visible(reply)).toContain('0x80CF4017');
  });

  it('answers in the mentioning user’s Slack language', async () => {
    await send(t.baseUrl, mentionEvent({ user: SV_USER, text: `<@${BOT_USER}> 0x80cf6008` }));
    await send(t.baseUrl, mentionEvent({ user: EN_USER, text: `<@${BOT_USER}> 0x80cf6008` }));
    await t.slack.waitFor('chat.postMessage', 2);
    const texts = posts().map((c) => shown(c).text);
    expect(texts.some((x) => x.includes('hämtningshanteraren'))).toBe(true);
    expect(texts.some((x) => x.includes('download manager'))).toBe(true);
    const lookups = t.slack.callsOf('users.info').map((c) => c.args);
    expect(lookups).toContainEqual(expect.objectContaining({ user: SV_USER, include_locale: 'true' }));
  });

  it('never brings a ping, a user mention or a forged link in the mention back live', async () => {
    await send(
      t.baseUrl,
      mentionEvent({ text: `<@${BOT_USER}> ${HOSTILE.join(' ')} 0x80cf4017 <https://evil.test|0x80cf6008>` }),
    );
    const reply = await onlyReply(t.slack);
    expect(visible(reply)).toContain('0x80CF4017');
    expect(liveSpans(shown(reply)).filter((s) => !s.startsWith(`<${FALLBACK_URL}|`))).toEqual([]);
    expect(visible(reply)).not.toContain('evil.test');
  });

  it('never brings hostile spans from the thread back live', async () => {
    const hostile = '1764000600.000100';
    t.slack.options.threads[hostile] = [
      { type: 'message', user: EN_USER, text: `${HOSTILE.join(' ')} 0x80cf6008`, ts: hostile },
    ];
    await send(t.baseUrl, mentionEvent({ threadTs: hostile, text: `<@${BOT_USER}>` }));
    const reply = await onlyReply(t.slack);
    expect(visible(reply)).toContain('0x80CF6008');
    expect(liveSpans(shown(reply)).filter((s) => !s.startsWith(`<${FALLBACK_URL}|`))).toEqual([]);
  });

  it('answers a 40,000-character mention with ~60 codes in one valid message that says how many more', async () => {
    const codes = knownCodes(60);
    await send(t.baseUrl, mentionEvent({ text: `<@${BOT_USER}> ${hugePaste(codes, 39_980)}` }));
    const reply = await onlyReply(t.slack);
    expect(blockKitProblems(shown(reply))).toEqual([]);
    expect(countShown(reply, codes).total).toBe(60);
  });
});

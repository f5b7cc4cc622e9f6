import { afterEach, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../support/fake-slack.js';
import { FAST_RETRIES } from '../support/fast-retries.js';
import { mentionEvent, messageEvent, send } from '../support/slack-events.js';
import { startTestBot, type TestBot } from '../support/start-app.js';

let t: TestBot;
/** Held Retry-After pauses are opened after each test, so a failed test cannot leave stop() waiting. */
const held: { open(): void }[] = [];
afterEach(async () => {
  for (const pause of held.splice(0)) pause.open();
  await t?.stop();
});

const start = (options: Parameters<typeof startTestBot>[2] = {}) =>
  startTestBot({}, { locales: { U2147483697: 'en-US' } }, options).then((bot) => {
    t = bot;
    return bot;
  });

/** A pasted code in `channel`: auto-reply answers it in the message's thread, whose ts this returns. */
async function paste(channel: string, text = 'sync failed with 0x80cf6008') {
  const body = messageEvent({ channel, text });
  await send(t.baseUrl, body);
  return body.event.ts as string;
}

const inChannel = (channel: string) => (c: RecordedCall) => c.args.channel === channel;
const posts = (channel: string) => t.slack.callsOf('chat.postMessage').filter(inChannel(channel));
const delivered = (channel: string) => t.slack.delivered().filter(inChannel(channel));
const failures = () => t.logs.filter((l) => l.msg === 'Slack call failed');

/**
 * Waits until the outbox has nothing queued or in flight (retries happen inside it), then a
 * moment more for anything stray.
 */
async function quiet() {
  await t.bot.slack.drain();
  await t.slack.settle(100);
}

/**
 * The outbox's pause for a 429's Retry-After, held by the test: it records how long Slack asked
 * to wait and lets the retry go only when the test opens it (no test sits out a real second).
 */
function heldRetryAfter() {
  const asked: number[] = [];
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  let openedAt = Number.POSITIVE_INFINITY;
  const pause = {
    asked,
    get openedAt() {
      return openedAt;
    },
    open() {
      openedAt = Date.now();
      open();
    },
    wait: (ms: number) => {
      asked.push(ms);
      return opened;
    },
  };
  held.push(pause);
  return pause;
}

describe('429 rate limited', () => {
  it('waits for Retry-After, retries, and the reply arrives exactly once', async () => {
    const pause = heldRetryAfter();
    await start({ outbox: { waitForRetryAfter: pause.wait } });
    t.slack.script('chat.postMessage', {
      status: 429,
      headers: { 'retry-after': '1' },
      body: { ok: false, error: 'ratelimited' },
    });
    const ts = await paste('C0RATE001');
    await t.slack.waitFor('chat.postMessage', 1);
    // Waiting as long as Slack asked (1 s), and nothing is sent again meanwhile.
    while (pause.asked.length === 0) await t.slack.settle(10);
    await t.slack.settle();
    expect(pause.asked).toEqual([1000]);
    expect(posts('C0RATE001')).toHaveLength(1);
    pause.open();
    await t.slack.waitFor('chat.postMessage', 2);
    await quiet();
    const calls = posts('C0RATE001');
    expect(calls).toHaveLength(2);
    // The retry came no sooner than the wait was over.
    expect(calls[1]?.at ?? 0).toBeGreaterThanOrEqual(pause.openedAt);
    expect(delivered('C0RATE001').map((c) => c.args.thread_ts)).toEqual([ts]);
  });

  it('another channel is still answered while one is rate limited', async () => {
    const pause = heldRetryAfter();
    await start({ outbox: { waitForRetryAfter: pause.wait } });
    t.slack.scriptWhen('chat.postMessage', inChannel('C0RATE002'), {
      status: 429,
      headers: { 'retry-after': '1' },
      body: { ok: false, error: 'ratelimited' },
    });
    await paste('C0RATE002');
    await paste('C0OTHER02');
    // Only the limited channel waits out Retry-After: the other one is answered during the wait.
    while (pause.asked.length === 0 || delivered('C0OTHER02').length === 0) await t.slack.settle(10);
    expect(pause.asked).toEqual([1000]);
    expect(posts('C0RATE002')).toHaveLength(1);
    pause.open();
    await quiet();
    expect(delivered('C0RATE002')).toHaveLength(1);
    expect(delivered('C0OTHER02')).toHaveLength(1);
    const retry = posts('C0RATE002')[1];
    const other = delivered('C0OTHER02')[0];
    expect(other?.at ?? Number.POSITIVE_INFINITY).toBeLessThan(retry?.at ?? 0);
  });

  it('gives up after three retries of a channel Slack keeps limiting, logs it, and sends once', async () => {
    await start();
    const limited = {
      status: 429,
      headers: { 'retry-after': '0' },
      body: { ok: false, error: 'ratelimited' },
    };
    t.slack.scriptWhen(
      'chat.postMessage',
      inChannel('C0RATE003'),
      limited,
      limited,
      limited,
      limited,
      limited,
    );
    await paste('C0RATE003');
    await quiet();
    expect(posts('C0RATE003')).toHaveLength(4);
    expect(delivered('C0RATE003')).toHaveLength(0);
    expect(failures()).toHaveLength(1);
    expect(t.logs.filter((l) => l.msg === 'rate limited by Slack; waiting before retrying')).toHaveLength(3);
  });
});

describe('5xx and dropped connections: bounded retries with backoff', () => {
  it.each([
    [
      '503 then 502',
      [
        { status: 503, body: { ok: false } },
        { status: 502, body: { ok: false } },
      ],
    ],
    ['a dropped connection', [{ destroy: true }]],
    ['a 500 then a dropped connection', [{ status: 500, body: { ok: false } }, { destroy: true }]],
  ])('retries after %s and delivers once', async (_what, answers) => {
    await start();
    t.slack.script('chat.postMessage', ...answers);
    const ts = await paste('C0FLAKY01');
    await t.slack.waitFor('chat.postMessage', answers.length + 1, 8000);
    await quiet();
    expect(posts('C0FLAKY01')).toHaveLength(answers.length + 1);
    expect(delivered('C0FLAKY01').map((c) => c.args.thread_ts)).toEqual([ts]);
    expect(failures()).toEqual([]);
  });

  it.each([
    ['500s', { status: 500, body: { ok: false } }],
    ['dropped connections', { destroy: true }],
  ])('gives up after 1 try + 3 retries of %s, logs it, and keeps answering others', async (_what, answer) => {
    await start();
    t.slack.scriptWhen(
      'chat.postMessage',
      inChannel('C0DOWN001'),
      answer,
      answer,
      answer,
      answer,
      answer,
      answer,
    );
    await paste('C0DOWN001');
    await paste('C0UP00001');
    await t.slack.waitFor('chat.postMessage', 5, 10_000);
    await quiet();
    expect(posts('C0DOWN001')).toHaveLength(4);
    expect(delivered('C0DOWN001')).toHaveLength(0);
    expect(delivered('C0UP00001')).toHaveLength(1);
    // The unused scripted answers prove nothing else was tried.
    expect(t.slack.pendingScripts('chat.postMessage')).toBe(2);
    const failed = failures();
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ level: 50, channel: 'C0DOWN001', method: 'chat.postMessage' });
    // Backoff: never zero, at least the policy's minimum between attempts (FAST_RETRIES in tests:
    // the bot's policy with milliseconds for seconds).
    const at = posts('C0DOWN001').map((c) => c.at);
    const gaps = at.slice(1).map((x, i) => x - (at[i] as number));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(FAST_RETRIES.minTimeout - 1);
  });

  it('a reply that never got out does not hold the cooldown: the next paste in the thread is answered', async () => {
    await start();
    const down = { status: 500, body: { ok: false } };
    t.slack.scriptWhen('chat.postMessage', inChannel('C0LOST001'), down, down, down, down);
    const thread = await paste('C0LOST001');
    await t.slack.waitFor('chat.postMessage', 4, 10_000);
    await quiet();
    expect(delivered('C0LOST001')).toHaveLength(0);
    await send(t.baseUrl, messageEvent({ channel: 'C0LOST001', threadTs: thread, text: 'still 0x80cf6008' }));
    await quiet();
    expect(delivered('C0LOST001').map((c) => c.args.thread_ts)).toEqual([thread]);
  });

  it('does not retry a post that timed out: it may have been delivered, and a retry would double it', async () => {
    // The documented choice (RETRY_CONFIG): at most once after a timeout.
    await start({ clientOptions: { timeout: 300 } });
    t.slack.script('chat.postMessage', { delayMs: 700 });
    const thread = await paste('C0SLOW001');
    const [late] = await t.slack.waitFor('chat.postMessage', 1);
    await t.bot.slack.drain();
    // Until the fake Slack has answered the late call, and a moment more for a retry that should not come.
    while (late?.status === undefined) await t.slack.settle(20);
    await t.slack.settle();
    expect(posts('C0SLOW001')).toHaveLength(1);
    // Slack (the fake) did post it, late: the person got exactly one reply.
    expect(delivered('C0SLOW001')).toHaveLength(1);
    expect(failures()).toHaveLength(1);
    // It most likely landed, so the code stays explained: a second paste draws no second reply.
    await send(t.baseUrl, messageEvent({ channel: 'C0SLOW001', threadTs: thread, text: 'again 0x80cf6008' }));
    await quiet();
    expect(posts('C0SLOW001')).toHaveLength(1);
  });
});

describe('ok:false errors the bot cannot fix', () => {
  it.each(['not_in_channel', 'channel_not_found', 'is_archived'])(
    '%s: logged as a warning, not retried, no crash; other channels still answered',
    async (error) => {
      await start();
      t.slack.scriptWhen(
        'chat.postMessage',
        inChannel('C0GONE001'),
        { body: { ok: false, error } },
        { body: { ok: false, error } },
      );
      await paste('C0GONE001');
      await paste('C0GONE001', 'and 0x80cf6009 too');
      await paste('C0HERE001');
      await quiet();
      // One call per reply, no retry storm.
      expect(posts('C0GONE001')).toHaveLength(2);
      expect(delivered('C0HERE001')).toHaveLength(1);
      const failed = failures();
      expect(failed).toHaveLength(2);
      for (const line of failed) expect(line).toMatchObject({ level: 40, error, channel: 'C0GONE001' });
    },
  );

  it('invalid_auth is logged as an error, not retried', async () => {
    await start();
    t.slack.script('chat.postMessage', { body: { ok: false, error: 'invalid_auth' } });
    await paste('C0AUTH001');
    await quiet();
    expect(posts('C0AUTH001')).toHaveLength(1);
    expect(failures()[0]).toMatchObject({ level: 50, error: 'invalid_auth' });
  });
});

describe('the message itself is refused', () => {
  it.each(['invalid_blocks', 'msg_too_long'])(
    '%s: retried once as plain text, so the person still gets an answer',
    async (error) => {
      await start();
      t.slack.script('chat.postMessage', { body: { ok: false, error } });
      const ts = await paste('C0BLOCKS1');
      await quiet();
      const calls = posts('C0BLOCKS1');
      expect(calls).toHaveLength(2);
      expect(calls[0]?.args.blocks).toBeDefined();
      expect(calls[1]?.args.blocks).toBeUndefined();
      expect(String(calls[1]?.args.text)).toContain('0x80CF6008');
      expect(calls[1]?.args.thread_ts).toBe(ts);
      expect(delivered('C0BLOCKS1')).toHaveLength(1);
      expect(t.logs.some((l) => l.msg === 'Slack rejected the message; retrying as plain text')).toBe(true);
    },
  );

  it('gives up after the plain-text retry is refused too (once, not a loop)', async () => {
    await start();
    t.slack.scriptWhen(
      'chat.postMessage',
      inChannel('C0BLOCKS2'),
      { body: { ok: false, error: 'invalid_blocks' } },
      { body: { ok: false, error: 'msg_too_long' } },
    );
    await paste('C0BLOCKS2');
    await paste('C0BLOCKS3');
    await quiet();
    expect(posts('C0BLOCKS2')).toHaveLength(2);
    expect(delivered('C0BLOCKS2')).toHaveLength(0);
    expect(delivered('C0BLOCKS3')).toHaveLength(1);
    expect(failures()).toHaveLength(1);
  });
});

describe('lookups that fail', () => {
  it('users.info failing (ok:false): answers in DEFAULT_LOCALE', async () => {
    await start();
    t.slack.script('users.info', { body: { ok: false, error: 'user_not_found' } });
    await paste('C0LOCALE1');
    await quiet();
    const [reply] = delivered('C0LOCALE1');
    expect(String(reply?.args.text)).toContain('hämtningshanteraren');
  });

  it('users.info failing with 5xx after its retries: answers in DEFAULT_LOCALE', async () => {
    await start();
    const down = { status: 503, body: { ok: false } };
    t.slack.script('users.info', down, down, down, down);
    await paste('C0LOCALE2');
    await t.slack.waitFor('chat.postMessage', 1, 10_000);
    await quiet();
    expect(t.slack.callsOf('users.info')).toHaveLength(4);
    expect(String(delivered('C0LOCALE2')[0]?.args.text)).toContain('hämtningshanteraren');
  });

  it('conversations.replies failing: a mention without codes gets the usage hint', async () => {
    await start();
    t.slack.script('conversations.replies', { body: { ok: false, error: 'missing_scope' } });
    const thread = '1764000200.000100';
    await send(
      t.baseUrl,
      mentionEvent({ channel: 'C0THREAD1', text: '<@UBOT00001> what is this?', threadTs: thread }),
    );
    await quiet();
    const replies = delivered('C0THREAD1');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.args.thread_ts).toBe(thread);
    expect(String(replies[0]?.args.text)).toContain('0x80cf6008');
    expect(t.logs.some((l) => l.msg === 'conversations.replies failed; answering with usage')).toBe(true);
  });
});

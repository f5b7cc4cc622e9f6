import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/log.js';
import { type RunningBot, startBot } from '../../src/run/start-bot.js';
import { captureLines } from '../support/capture-log.js';
import { catalog } from '../support/catalog.js';
import { FakeSlack } from '../support/fake-slack.js';
import { fixture } from '../support/fixtures.js';
import { type RedisServer, startRedis } from '../support/redis-server.js';
import { postCommand, postEvent, SIGNING_SECRET } from '../support/sign.js';
import {
  BOT_ID,
  BOT_USER,
  EN_USER,
  interact,
  LOCALES,
  mentionEvent,
  messageEvent,
  messageTwinOf,
  send,
} from '../support/slack-events.js';
import { BOT_TOKEN, testBotConfig } from '../support/start-app.js';

/** Two replicas of the real bot (HTTP mode) on one Redis and one fake Slack. */
interface Replicas {
  a: string;
  b: string;
  bots: RunningBot[];
  logs: string[];
}

let redis: RedisServer;
let slack: FakeSlack;
let replicas: Replicas;

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.close();
});
afterEach(async () => {
  await Promise.all(replicas?.bots.map((bot) => bot.stop()) ?? []);
  await slack?.stop();
});

async function startReplicas(): Promise<Replicas> {
  slack = await new FakeSlack({ locales: LOCALES }).start();
  // Each test its own prefix: the replicas share it, tests share nothing.
  const prefix = `e2e-${randomUUID()}:`;
  const { lines, destination } = captureLines();
  const bots: RunningBot[] = [];
  for (let i = 0; i < 2; i++) {
    const config = testBotConfig(slack, {
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      REDIS_URL: redis.url,
      REDIS_PREFIX: prefix,
    });
    const log = createLogger({ level: 'info', destination, secrets: [BOT_TOKEN, SIGNING_SECRET] });
    bots.push(await startBot({ config, catalog, log, mode: 'http', perChannelIntervalMs: 0 }));
  }
  const [a, b] = bots.map((bot) => `http://127.0.0.1:${bot.port}`);
  replicas = { a: a ?? '', b: b ?? '', bots, logs: lines };
  return replicas;
}

const posts = () => slack.callsOf('chat.postMessage');
const health = async (baseUrl: string) => {
  const res = await fetch(`${baseUrl}/healthz`);
  return { status: res.status, body: (await res.json()) as { ok: boolean; state?: string } };
};

/** Every post's thread, counted: each paste's thread must appear exactly once. */
function threadsAnswered(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of posts()) {
    const key = `${call.args.channel}/${call.args.thread_ts}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Pastes in `channels` distinct channels, each sent to one replica and Slack's retry of it to the other. */
async function pasteWithRetries(r: Replicas, count: number, tag: string) {
  const pastes = Array.from({ length: count }, (_, i) =>
    messageEvent({ channel: `C${tag}${i}`, text: `sync failed with 0x80cf6008 (${i})` }),
  );
  await Promise.all(
    pastes.map(async (paste, i) => {
      const [first, second] = i % 2 === 0 ? [r.a, r.b] : [r.b, r.a];
      // Slack signs each retry anew, with its own timestamp.
      const at = Math.floor(Date.now() / 1000);
      await send(first, paste, { timestamp: at });
      await send(second, paste, { retryNum: 1, timestamp: at + 1 });
    }),
  );
  return pastes;
}

describe('two replicas sharing Redis', () => {
  it('answer an event once when it and Slack’s retries reach both replicas', async () => {
    const r = await startReplicas();
    const paste = messageEvent({ text: 'the sync failed again with 0x80cf6008' });
    const at = Math.floor(Date.now() / 1000);
    await send(r.a, paste, { timestamp: at });
    await send(r.b, paste, { retryNum: 1, timestamp: at + 1 });
    await send(r.a, paste, { retryNum: 2, timestamp: at + 2 });
    await send(r.b, paste, { retryNum: 3, timestamp: at + 3 });
    await slack.waitFor('chat.postMessage');
    await slack.settle(300);
    expect(posts()).toHaveLength(1);
  });

  it('answer a mention once when its message twin reaches the other replica', async () => {
    const r = await startReplicas();
    const mention = mentionEvent({ text: '<@UBOT00001> what is 0x80cf6008?' });
    await Promise.all([send(r.a, mention), send(r.b, messageTwinOf(mention))]);
    await slack.waitFor('chat.postMessage');
    await slack.settle(300);
    expect(posts()).toHaveLength(1);
  });

  it('explain a code once per thread when two pastes of it reach different replicas', async () => {
    const r = await startReplicas();
    const threadTs = '1764000000.000100';
    await Promise.all([
      send(r.a, messageEvent({ threadTs, text: 'again 0x80cf6008' })),
      send(r.b, messageEvent({ threadTs, text: 'and here 0x80cf6008' })),
    ]);
    await slack.waitFor('chat.postMessage');
    await slack.settle(300);
    expect(posts()).toHaveLength(1);
  });

  it('serve a Share or Dismiss press on the other replica: the button carries all it needs', async () => {
    const r = await startReplicas();
    // The private answer comes from replica A…
    const command = fixture('command.intune-err');
    command.text = '0x80cf6008';
    command.user_id = EN_USER;
    command.response_url = slack.responseUrl('cmd');
    const res = await postCommand(r.a, command);
    const answer = (await res.json()) as {
      blocks: { elements?: { action_id?: string; value?: string }[] }[];
    };
    const value = answer.blocks
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'share_answer')?.value;
    expect(value).toBeDefined();
    // …and Share is pressed on replica B.
    const press = fixture('block_actions.share_answer');
    press.user.id = EN_USER;
    press.actions[0].value = value;
    press.response_url = slack.responseUrl('share');
    await interact(r.b, press);
    const shared = await slack.waitFor('response/share', 2);
    expect(shared.some((call) => call.args.response_type === 'in_channel')).toBe(true);

    // An auto-reply posted by replica A is dismissed on replica B.
    const paste = messageEvent({ text: 'sync fails: 0x80cf4017' });
    await send(r.a, paste);
    const [reply] = await slack.waitFor('chat.postMessage');
    const dismiss = fixture('block_actions.dismiss_answer');
    const ts = '1764000000.000001';
    dismiss.container.message_ts = ts;
    dismiss.container.thread_ts = paste.event.ts;
    dismiss.message = {
      type: 'message',
      subtype: 'bot_message',
      user: BOT_USER,
      bot_id: BOT_ID,
      text: reply?.args.text,
      ts,
      thread_ts: paste.event.ts,
    };
    dismiss.response_url = slack.responseUrl('dismiss');
    await interact(r.b, dismiss);
    const [deleted] = await slack.waitFor('chat.delete');
    expect(deleted?.args).toMatchObject({ ts });
  });

  it('refuse a signed request replayed to the other replica', async () => {
    const r = await startReplicas();
    const body = messageEvent({ text: 'replayed 0x80cf6008' });
    const timestamp = Math.floor(Date.now() / 1000);
    expect((await postEvent(r.a, body, { timestamp })).status).toBe(200);
    expect((await postEvent(r.b, body, { timestamp })).status).toBe(401);
  });

  it('answer 200 pastes spread over both, each with a retry to the other: every one once', async () => {
    const r = await startReplicas();
    const pastes = await pasteWithRetries(r, 200, 'SPREAD');
    await slack.waitFor('chat.postMessage', 200, 15_000);
    await slack.settle(300);
    const answered = threadsAnswered();
    expect(answered.size).toBe(200);
    expect([...answered.values()].every((n) => n === 1)).toBe(true);
    for (const paste of pastes) expect(answered.get(`${paste.event.channel}/${paste.event.ts}`)).toBe(1);
  });

  it('hold Slack’s pace of one message a second in a channel across both replicas', async () => {
    const r = await startReplicas();
    const pastes = Array.from({ length: 3 }, (_, i) =>
      messageEvent({ channel: 'C0PACE001', text: `thread ${i}: 0x80cf6008` }),
    );
    await Promise.all(pastes.map((paste, i) => send(i % 2 === 0 ? r.a : r.b, paste)));
    const calls = await slack.waitFor('chat.postMessage', 3, 10_000);
    const at = calls.map((call) => call.at).sort((x, y) => x - y);
    // Measured between arrivals at Slack: each send starts at least a second after the last one ended.
    for (let i = 1; i < at.length; i++) expect((at[i] ?? 0) - (at[i - 1] ?? 0)).toBeGreaterThanOrEqual(1000);
  });

  it('keep answering while Redis is down, say degraded with a 200, and share state again once it is back', async () => {
    const r = await startReplicas();
    expect(await health(r.a)).toEqual({ status: 200, body: { ok: true, state: 'ok' } });

    await redis.stop();
    await pasteWithRetries(r, 20, 'DOWN');
    // While degraded each replica remembers only its own work: a paste and its retry to the other
    // replica may both be answered (README, "Scaling out"), but none is lost.
    await vi.waitFor(() => expect(threadsAnswered().size).toBe(20), { timeout: 10_000, interval: 50 });
    await slack.settle(300);
    expect([...threadsAnswered().values()].every((n) => n <= 2)).toBe(true);
    expect(await health(r.a)).toEqual({ status: 200, body: { ok: true, state: 'degraded' } });
    expect(await health(r.b)).toEqual({ status: 200, body: { ok: true, state: 'degraded' } });
    // One warning from each replica for the whole outage, however many calls and reconnect attempts.
    const warnings = r.logs.map((line) => JSON.parse(line)).filter((line) => line.state === 'degraded');
    expect(warnings).toHaveLength(2);

    await redis.start();
    await vi.waitFor(
      async () => {
        expect((await health(r.a)).body.state).toBe('ok');
        expect((await health(r.b)).body.state).toBe('ok');
      },
      { timeout: 8000, interval: 100 },
    );
    const before = posts().length;
    const pastes = await pasteWithRetries(r, 200, 'BACK');
    await slack.waitFor('chat.postMessage', before + 200, 15_000);
    await slack.settle(300);
    const answered = threadsAnswered();
    for (const paste of pastes) expect(answered.get(`${paste.event.channel}/${paste.event.ts}`)).toBe(1);
  });
});

/**
 * The real bot in Socket Mode (startBot with mode 'socket', as `npm start` runs it when
 * SLACK_APP_TOKEN is set) against a local Socket Mode endpoint speaking Slack's envelope
 * protocol, with the Web API (apps.connections.open included) answered by the fake Slack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { type RunningBot, startBot } from '../../src/run/start-bot.js';
import { captureLines } from '../support/capture-log.js';
import { catalog } from '../support/catalog.js';
import { FakeSlack } from '../support/fake-slack.js';
import { FakeSocketMode } from '../support/fake-socket-mode.js';
import { fixture } from '../support/fixtures.js';
import { CHANNEL, EN_USER, LOCALES, mentionEvent, messageEvent, visible } from '../support/slack-events.js';
import { BOT_TOKEN, testBotConfig } from '../support/start-app.js';

const APP_TOKEN = 'xapp-1-A0INTUNEERR-0000-socketsocketsocketsocket';

let slack: FakeSlack;
let socket: FakeSocketMode;
let bot: RunningBot | undefined;
const logSink = captureLines();
const rawLogs = logSink.lines;

async function deliveriesTo(threadTs: string, count = 1) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const posts = slack.callsOf('chat.postMessage').filter((c) => c.args.thread_ts === threadTs);
    if (posts.length >= count) return posts;
    if (Date.now() > deadline) throw new Error(`expected ${count} post(s) in thread ${threadTs}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeAll(async () => {
  slack = await new FakeSlack({ locales: LOCALES }).start();
  socket = await new FakeSocketMode().start();
  // One apps.connections.open answer per connection: the first, and the one after Slack's refresh.
  slack.script('apps.connections.open', { body: { ok: true, url: socket.url() } });
  slack.script('apps.connections.open', { body: { ok: true, url: socket.url() } });
  const config = testBotConfig(slack, { SLACK_APP_TOKEN: APP_TOKEN });
  const log = createLogger({
    level: config.logLevel,
    destination: logSink.destination,
    secrets: [BOT_TOKEN, APP_TOKEN],
  });
  // A short ping timeout: the client waits that long before it reconnects after Slack's refresh.
  bot = await startBot({
    config,
    catalog,
    log,
    mode: 'socket',
    perChannelIntervalMs: 0,
    socketPingTimeoutMs: 1000,
  });
});

afterAll(async () => {
  await bot?.stop();
  await socket?.stop();
  await slack?.stop();
});

describe('Socket Mode', () => {
  it('opens the connection with the app-level token through SLACK_API_URL and is ready after hello', async () => {
    expect(bot?.mode).toBe('socket');
    const opens = slack.callsOf('apps.connections.open');
    expect(opens).toHaveLength(1);
    expect(opens[0]?.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
    // The bot token is used for the Web API, never for the connection.
    const auth = slack.callsOf('auth.test');
    expect(auth.length).toBeGreaterThan(0);
    expect(auth[0]?.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(socket.connections).toHaveLength(1);
    expect(socket.connections[0]?.path).toContain('ticket=fake-ticket-1');
    const ready = rawLogs.map((l) => JSON.parse(l)).find((l) => l.msg === 'intune-err is ready');
    expect(ready).toMatchObject({ mode: 'socket' });
  });

  it('answers GET /healthz 200 {"ok":true} on PORT, and has no /slack/events', async () => {
    const health = await fetch(`http://127.0.0.1:${bot?.port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    const events = await fetch(`http://127.0.0.1:${bot?.port}/slack/events`, { method: 'POST', body: '{}' });
    expect(events.status).toBe(404);
  });

  it('acks a pasted code (events_api) with its envelope_id and replies in the thread', async () => {
    const event = messageEvent({ text: 'sync fails with 0x80cf6008 again', user: EN_USER });
    const ack = await socket.send('events_api', event);
    expect(ack.envelope_id).toMatch(/^fake-envelope-/);
    // An event's ack carries nothing for Slack to show.
    expect(ack.payload ?? {}).toEqual({});
    const [reply] = await deliveriesTo(event.event.ts);
    expect(reply?.args.channel).toBe(CHANNEL);
    expect(visible(reply)).toContain('0x80CF6008');
    expect(visible(reply)).toContain('OM_E_DM_FAILTOCONNECTTOBITS');
  });

  it("answers a slash command inside the ack's payload, privately, and sends nothing else", async () => {
    const before = slack.calls.filter(
      (c) => c.method.startsWith('chat.') || c.method.startsWith('response/'),
    );
    const command = fixture('command.intune-err');
    command.text = '0x80cf6008';
    command.user_id = EN_USER;
    command.response_url = slack.responseUrl('command-1');
    const ack = await socket.send('slash_commands', command, { acceptsResponsePayload: true });
    const payload = ack.payload as { response_type?: string; text?: string; blocks?: unknown[] };
    expect(payload.response_type).toBe('ephemeral');
    expect(payload.text).toContain('0x80CF6008');
    const blocks = JSON.stringify(payload.blocks);
    expect(blocks).toContain('OM_E_DM_FAILTOCONNECTTOBITS');
    expect(blocks).toContain('share_answer');
    await slack.settle();
    const after = slack.calls.filter((c) => c.method.startsWith('chat.') || c.method.startsWith('response/'));
    expect(after).toHaveLength(before.length);
  });

  it('acks an empty slash command with the usage text', async () => {
    const command = fixture('command.intune-err');
    command.text = '';
    command.response_url = slack.responseUrl('command-2');
    const ack = await socket.send('slash_commands', command);
    expect(JSON.stringify(ack.payload)).toMatch(/\/intune-err/);
  });

  it('acks the Explain error codes shortcut (interactive) and answers through its response_url', async () => {
    const shortcut = fixture('message_action.explain_codes');
    shortcut.response_url = slack.responseUrl('shortcut-1');
    shortcut.user.id = EN_USER;
    const ack = await socket.send('interactive', shortcut);
    expect(ack.envelope_id).toBeDefined();
    const [answer] = (await slack.waitFor('response/shortcut-1')) ?? [];
    expect(answer?.args.response_type).toBe('ephemeral');
    expect(visible(answer)).toContain('0x80CF4017');
  });

  it('acks a Share button press (interactive) and posts the answer to the channel', async () => {
    const press = fixture('block_actions.share_answer');
    press.response_url = slack.responseUrl('share-1');
    const ack = await socket.send('interactive', press);
    expect(ack.envelope_id).toBeDefined();
    const calls = await slack.waitFor('response/share-1');
    expect(
      calls.some((c) => c.args.response_type === 'in_channel' && visible(c).includes('0x80CF6008')),
    ).toBe(true);
  });

  it('answers a mention in its thread, once, although Slack also sends the message event', async () => {
    const mention = mentionEvent({ text: '<@UBOT00001> what is 0x80cf4017?', user: EN_USER });
    const twin = messageEvent({ text: mention.event.text, user: EN_USER, ts: mention.event.ts });
    await socket.send('events_api', twin);
    await socket.send('events_api', mention);
    const replies = await deliveriesTo(mention.event.ts);
    expect(visible(replies[0])).toContain('0x80CF4017');
    await slack.settle();
    expect(
      slack.callsOf('chat.postMessage').filter((c) => c.args.thread_ts === mention.event.ts),
    ).toHaveLength(1);
  });

  it("acks Slack's retry of an event (retry_attempt 1) and does not answer it twice", async () => {
    const event = messageEvent({ text: 'and 0x80cf0001 on the kiosk', user: EN_USER });
    await socket.send('events_api', event);
    await deliveriesTo(event.event.ts);
    const retry = await socket.send('events_api', event, { retryAttempt: 1, retryReason: 'timeout' });
    expect(retry.envelope_id).toBeDefined();
    await slack.settle();
    expect(slack.callsOf('chat.postMessage').filter((c) => c.args.thread_ts === event.event.ts)).toHaveLength(
      1,
    );
  });

  it('survives frames it does not understand and keeps answering', async () => {
    socket.sendRaw('not json at all');
    socket.sendRaw(JSON.stringify({ type: 'something_new', payload: {} }));
    const event = messageEvent({ text: 'still 0x80cf6008', user: EN_USER });
    await socket.send('events_api', event);
    await deliveriesTo(event.event.ts);
  });

  it('reconnects after disconnect (refresh_requested): a new apps.connections.open, a new hello, events still answered', async () => {
    const old = socket.disconnect('refresh_requested');
    await old.closed;
    const second = await socket.waitForConnections(2);
    expect(second.path).toContain('ticket=fake-ticket-2');
    expect(slack.callsOf('apps.connections.open')).toHaveLength(2);
    expect(slack.pendingScripts('apps.connections.open')).toBe(0);
    // /healthz stayed up through the reconnect.
    expect((await fetch(`http://127.0.0.1:${bot?.port}/healthz`)).status).toBe(200);

    const event = messageEvent({ text: 'after the refresh: 0x80cf6008', user: EN_USER });
    const ack = await socket.send('events_api', event);
    expect(ack.connection).toBe(2);
    const [reply] = await deliveriesTo(event.event.ts);
    expect(visible(reply)).toContain('0x80CF6008');

    const command = fixture('command.intune-err');
    command.text = 'OM_E_DM_FAILTOCONNECTTOBITS';
    command.response_url = slack.responseUrl('command-3');
    const commandAck = await socket.send('slash_commands', command);
    expect(JSON.stringify(commandAck.payload)).toContain('0x80CF6008');
  });

  it('never logs the app-level token or the bot token', () => {
    const all = rawLogs.join('');
    expect(all).not.toContain(APP_TOKEN);
    expect(all).not.toContain(BOT_TOKEN);
  });

  it('on stop, finishes a reply in flight, closes the connection and stops /healthz', async () => {
    const running = bot as RunningBot;
    slack.script('chat.postMessage', { delayMs: 500 });
    const event = messageEvent({ text: 'one more: 0x80cf4017', user: EN_USER });
    await socket.send('events_api', event);
    // The reply has reached Slack, which is slow to answer it, when the stop begins.
    const [inFlight] = await deliveriesTo(event.event.ts);
    expect(inFlight?.status).toBeUndefined();
    const stopping = running.stop();
    bot = undefined;
    await stopping;
    const replies = slack.callsOf('chat.postMessage').filter((c) => c.args.thread_ts === event.event.ts);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.ok).toBe(true);
    await Promise.all(socket.connections.map((c) => c.closed));
    await expect(fetch(`http://127.0.0.1:${running.port}/healthz`)).rejects.toThrow();
  });
});

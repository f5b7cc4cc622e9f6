import { afterEach, describe, expect, it } from 'vitest';
import type { MemoryStateStore } from '../../src/state/memory-store.js';
import type { RecordedCall } from '../support/fake-slack.js';
import { postEvent } from '../support/sign.js';
import { messageEvent } from '../support/slack-events.js';
import { startTestBot, type TestBot } from '../support/start-app.js';

// Short, so a flood of 100 takes about a second; the pacing rule is the same at any interval.
const INTERVAL = 10;
let t: TestBot;
afterEach(async () => {
  await t?.stop();
});

let pasted = 0;
/** A pasted code by `user` in `channel`, each with its own text, ready to send (the ack is not checked). */
function paste(channel: string, user = 'U2147483697') {
  pasted += 1;
  const body = messageEvent({ channel, user, text: `agent log #${pasted}: 0x80cf6008 again` });
  return { ts: body.event.ts as string, send: () => postEvent(t.baseUrl, body) };
}

const inChannel = (channel: string) => (c: RecordedCall) => c.args.channel === channel;

// Hundreds of signed requests each: generous bounds, so a busy shared machine slows them down without failing them.
describe('a flood of pasted codes in one channel', { timeout: 60_000 }, () => {
  it('answers all 100 once each, paced per channel, while another channel is answered at once', async () => {
    t = await startTestBot({}, { locales: { U2147483697: 'en-US' } }, { perChannelIntervalMs: INTERVAL });
    const flood = Array.from({ length: 100 }, () => paste('C0FLOOD01'));
    const acks = await Promise.all(flood.map((p) => p.send()));
    expect(acks.every((r) => r.status === 200)).toBe(true);
    const other = paste('C0OTHER01');
    expect((await other.send()).status).toBe(200);

    await t.slack.waitFor('chat.postMessage', 101, 45_000);
    await t.bot.slack.drain();
    await t.slack.settle(100);

    const floodCalls = t.slack.callsOf('chat.postMessage').filter(inChannel('C0FLOOD01'));
    const threads = floodCalls.map((c) => String(c.args.thread_ts));
    // None lost, none doubled.
    expect(floodCalls).toHaveLength(100);
    expect(new Set(threads)).toEqual(new Set(flood.map((p) => p.ts)));
    // Paced: Slack saw this channel's posts at least the interval apart.
    for (let i = 1; i < floodCalls.length; i++)
      expect((floodCalls[i]?.at ?? 0) - (floodCalls[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(INTERVAL);
    // The other channel did not queue behind the flood (which takes at least 99 intervals).
    const calls = t.slack.callsOf('chat.postMessage');
    const otherAt = calls.findIndex(inChannel('C0OTHER01'));
    expect(otherAt).toBeGreaterThanOrEqual(0);
    expect(otherAt).toBeLessThan(calls.length - 1);
    expect(calls.filter(inChannel('C0OTHER01')).map((c) => c.args.thread_ts)).toEqual([other.ts]);
  });

  it('past maxQueuedPerChannel, every refused reply is logged: sent + refused = events', async () => {
    t = await startTestBot(
      {},
      { locales: { U2147483697: 'en-US' } },
      { perChannelIntervalMs: INTERVAL, outbox: { maxQueuedPerChannel: 10 } },
    );
    const flood = Array.from({ length: 50 }, () => paste('C0FLOOD02'));
    await Promise.all(flood.map((p) => p.send()));
    await t.slack.waitFor('chat.postMessage', 1, 20_000);
    // Every event has been handled one way or the other: sent, or refused with a log line.
    const refused = () => t.logs.filter((l) => l.msg === 'backlog full; message not sent');
    const deadline = Date.now() + 30_000;
    while (t.slack.delivered().length + refused().length < 50 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    await t.bot.slack.drain();
    await t.slack.settle(100);
    const sent = t.slack.delivered().filter(inChannel('C0FLOOD02'));
    expect(sent.length).toBeGreaterThanOrEqual(11);
    expect(sent.length + refused().length).toBe(50);
    expect(refused()[0]).toMatchObject({ level: 50, channel: 'C0FLOOD02', limit: 'maxQueuedPerChannel' });
    expect(new Set(sent.map((c) => c.args.thread_ts)).size).toBe(sent.length);
  });

  it('keeps no state per channel, event or signature beyond the caps after 300 events in 300 channels', async () => {
    t = await startTestBot({}, {}, { perChannelIntervalMs: INTERVAL });
    const events = Array.from({ length: 300 }, (_, i) => paste(`C0MANY${i}`, `U0MANY${i % 50}`));
    for (let i = 0; i < events.length; i += 50)
      await Promise.all(events.slice(i, i + 50).map((p) => p.send()));
    await t.slack.waitFor('chat.postMessage', 300, 45_000);
    await t.bot.slack.drain();
    await new Promise((r) => setTimeout(r, INTERVAL * 3));
    const { deps } = t.bot.slack;
    expect(deps.outbox.channels).toBe(0);
    expect(deps.outbox.queued).toBe(0);
    const state = deps.state as MemoryStateStore;
    expect(state.kind).toBe('memory');
    expect(state.size('event')).toBe(300);
    expect(state.size('message')).toBe(300);
    expect(state.size('locale')).toBe(50);
    expect(state.size('cooldown')).toBe(300);
    expect(t.bot.replayGuard?.size).toBe(300);
    expect(new Set(t.slack.delivered().map((c) => c.args.thread_ts)).size).toBe(300);
  });
});

import { WebAPIPlatformError, type WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { Outbox, type OutboxOptions } from '../../src/slack/send.js';
import { UserLocales } from '../../src/slack/user-locale.js';
import { MEMORY_LIMITS, MemoryStateStore } from '../../src/state/memory-store.js';
import { captureLog } from '../support/capture-log.js';

interface Sent {
  channel: string;
  text: string;
  blocks: unknown;
  at: number;
}

/** A WebClient stand-in: records when each send starts; `fail` may refuse some. */
function fakeClient(fail?: (args: Record<string, unknown>) => string | undefined) {
  const sent: Sent[] = [];
  let ts = 0;
  const postMessage = async (args: Record<string, unknown>) => {
    sent.push({
      channel: String(args.channel),
      text: String(args.text),
      blocks: args.blocks,
      at: Date.now(),
    });
    const error = fail?.(args);
    if (error) throw new WebAPIPlatformError({ ok: false, error });
    ts += 1;
    return { ok: true, ts: String(ts) };
  };
  const client = { chat: { postMessage }, users: { info: async () => ({ ok: true, user: {} }) } };
  return { client: client as unknown as WebClient, sent };
}

const message = (text: string) => ({
  text,
  blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text } }],
});
/** A queue forgets its channel on its 'idle' event, a tick after the last caller got its answer. */
const tick = () => new Promise((resolve) => setImmediate(resolve));
const post = (outbox: Outbox, client: WebClient, channel: string, text = 'answer') =>
  outbox.post(client, {
    channel,
    message: message(text),
    plain: () => ({ text: `plain ${text}`, blocks: [] }),
  });

function outbox(options: Partial<Omit<OutboxOptions, 'log'>> = {}) {
  const { log, lines } = captureLog();
  return { box: new Outbox({ log, perChannelIntervalMs: 0, ...options }), lines };
}

describe('Outbox pacing', () => {
  it('spaces the sends of one channel by at least the interval, and loses or doubles none', async () => {
    const { box } = outbox({ perChannelIntervalMs: 15 });
    const { client, sent } = fakeClient();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => post(box, client, 'CFLOOD', `m${i}`)),
    );
    expect(results.every((ts) => ts !== undefined)).toBe(true);
    expect(sent.map((s) => s.text)).toEqual(Array.from({ length: 40 }, (_, i) => `m${i}`));
    for (let i = 1; i < sent.length; i++)
      expect((sent[i]?.at ?? 0) - (sent[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(15);
  });

  it('sends to another channel without waiting behind a flood', async () => {
    const { box } = outbox({ perChannelIntervalMs: 15 });
    const { client, sent } = fakeClient();
    const flood = Array.from({ length: 40 }, (_, i) => post(box, client, 'CFLOOD', `m${i}`));
    await post(box, client, 'COTHER', 'other');
    const position = sent.findIndex((s) => s.channel === 'COTHER');
    // Sent after at most a few of the flood's 40, not after all of them.
    expect(position).toBeLessThan(10);
    await Promise.all(flood);
  });
});

describe('Outbox caps: refused work is logged, never silent', () => {
  it('refuses past maxQueuedPerChannel, one error line per refused message', async () => {
    const { box, lines } = outbox({ perChannelIntervalMs: 5, maxQueuedPerChannel: 10 });
    const { client, sent } = fakeClient();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => post(box, client, 'CFLOOD', `m${i}`)),
    );
    const refusedLines = lines.filter((l) => l.msg === 'backlog full; message not sent');
    // One in flight plus ten waiting were taken; the other 39 were refused, each with a log line.
    expect(sent).toHaveLength(11);
    expect(results.filter((r) => r === undefined)).toHaveLength(39);
    expect(refusedLines).toHaveLength(39);
    expect(box.refused).toBe(39);
    expect(refusedLines[0]).toMatchObject({ level: 50, channel: 'CFLOOD', limit: 'maxQueuedPerChannel' });
    // Another channel is not affected by this one's full backlog.
    expect(await post(box, client, 'COTHER')).toBeDefined();
  });

  it('refuses past maxQueuedTotal across channels, logged', async () => {
    const { box, lines } = outbox({ perChannelIntervalMs: 0, maxQueuedTotal: 100 });
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { client } = fakeClient();
    const slow = {
      chat: {
        postMessage: async (args: Record<string, unknown>) => {
          await gate;
          return client.chat.postMessage(args as never);
        },
      },
    } as unknown as WebClient;
    const all = Array.from({ length: 300 }, (_, i) => post(box, slow, `C${i}`));
    expect(box.queued).toBe(100);
    release();
    const results = await Promise.all(all);
    expect(results.filter((r) => r === undefined)).toHaveLength(200);
    expect(lines.filter((l) => l.limit === 'maxQueuedTotal')).toHaveLength(200);
    expect(box.queued).toBe(0);
    await tick();
    expect(box.channels).toBe(0);
  });
});

describe('Outbox errors', () => {
  it('retries once as plain text on invalid_blocks, then gives up on a second refusal', async () => {
    const { box, lines } = outbox();
    const { client, sent } = fakeClient((args) => (args.blocks ? 'invalid_blocks' : undefined));
    expect(await post(box, client, 'C1', 'x')).toBeDefined();
    expect(sent.map((s) => s.text)).toEqual(['x', 'plain x']);
    const { client: never, sent: tried } = fakeClient(() => 'msg_too_long');
    expect(await post(box, never, 'C1', 'y')).toBeUndefined();
    expect(tried).toHaveLength(2);
    expect(lines.filter((l) => l.msg === 'Slack call failed')).toHaveLength(1);
  });

  it('does not retry not_in_channel; logs a warning', async () => {
    const { box, lines } = outbox();
    const { client, sent } = fakeClient(() => 'not_in_channel');
    expect(await post(box, client, 'C1')).toBeUndefined();
    expect(sent).toHaveLength(1);
    expect(lines.find((l) => l.msg === 'Slack call failed')).toMatchObject({
      level: 40,
      error: 'not_in_channel',
    });
  });
});

describe('bounded memory: far more distinct ids than any cap, through every structure', () => {
  const N = 100_000;
  /** The outbox has no cap of its own to pass: 20,000 channels is ten times the most it ever holds here. */
  const CHANNELS = 20_000;

  it('UserLocales stays at its cap and keeps no pending lookups', async () => {
    const { log } = captureLog();
    const state = new MemoryStateStore();
    const locales = new UserLocales({ log, state });
    const client = {
      users: {
        info: async ({ user }: { user: string }) => ({ ok: true, user: { id: user, locale: 'en-US' } }),
      },
    } as unknown as WebClient;
    for (let i = 0; i < N; i += 1000) {
      await Promise.all(Array.from({ length: 1000 }, (_, j) => locales.lookup(client, `U${i + j}`)));
    }
    expect(state.size('locale')).toBe(MEMORY_LIMITS.locale);
    expect(locales.inFlight).toBe(0);
  });

  it('Outbox forgets idle channels: no state per channel once sent', async () => {
    const { box } = outbox({ perChannelIntervalMs: 0 });
    const { client, sent } = fakeClient();
    let most = 0;
    for (let i = 0; i < CHANNELS; i += 1000) {
      const batch = Array.from({ length: 1000 }, (_, j) => post(box, client, `C${i + j}`));
      most = Math.max(most, box.channels);
      await Promise.all(batch);
    }
    await box.drain();
    await tick();
    expect(sent).toHaveLength(CHANNELS);
    // Never more channels than the work in flight (one batch, plus the last one's idle events pending).
    expect(most).toBeLessThanOrEqual(2000);
    expect(box.channels).toBe(0);
    expect(box.queued).toBe(0);
  });
});

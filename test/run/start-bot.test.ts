import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { sign } from '../support/sign.js';
import { EN_USER, LOCALES, messageEvent } from '../support/slack-events.js';
import { startTestBot, type TestBot } from '../support/start-app.js';

let t: TestBot | undefined;
afterEach(async () => {
  await t?.slack.stop();
  t = undefined;
});

/** Sends the first bytes of a signed event now; the returned function sends the rest. */
function halfSentEvent(baseUrl: string, body: string) {
  const timestamp = Math.floor(Date.now() / 1000);
  const req = request(`${baseUrl}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': sign(body, timestamp),
    },
  });
  const acked = new Promise<number>((resolve, reject) => {
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
  });
  req.write(body.slice(0, 50));
  return {
    acked,
    finish: () => {
      req.end(body.slice(50));
    },
  };
}

describe('startBot().stop()', () => {
  it('answers an event whose request was still arriving when shutdown began, before it resolves', async () => {
    t = await startTestBot({}, { locales: LOCALES });
    // A slow users.info keeps the listener busy after Bolt's early ack.
    t.slack.script('users.info', {
      delayMs: 300,
      body: { ok: true, user: { id: EN_USER, locale: 'en-US' } },
    });
    const event = halfSentEvent(t.baseUrl, JSON.stringify(messageEvent({ text: 'sync failed: 0x80cf6008' })));
    await t.slack.settle(100);
    const stopped = t.bot.stop();
    await t.slack.settle(50);
    event.finish();
    expect(await event.acked).toBe(200);
    await stopped;
    expect(t.slack.callsOf('chat.postMessage')).toHaveLength(1);
  });
});

/**
 * Behind a corporate proxy: with HTTPS_PROXY / HTTP_PROXY set, everything the bot sends Slack
 * (start-up's auth.test, Web API calls, response_url posts, Socket Mode's apps.connections.open and
 * its WebSocket) goes through the proxy, with the proxy's credentials when its URL has them; the
 * hosts in NO_PROXY are reached directly; a proxy password never reaches the log. The proxy is a
 * local CONNECT proxy on 127.0.0.1 (test/support/connect-proxy.ts) in front of the fake Slack.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectProxy } from '../support/connect-proxy.js';
import { fixture } from '../support/fixtures.js';
import { postInteraction } from '../support/sign.js';
import { CHANNEL, EN_USER, messageEvent, send } from '../support/slack-events.js';
import { startTestBot, type TestBot, TestBotStartError } from '../support/start-app.js';
import { startSocketTestBot } from '../support/start-socket-bot.js';

const PASSWORD = 'pr0xy-S3cret/with:odd@chars';
const CREDENTIALS = { user: 'svc-intune', password: PASSWORD };

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of cleanup.splice(0).reverse()) await stop();
});

async function proxy(options: ConstructorParameters<typeof ConnectProxy>[0] = {}): Promise<ConnectProxy> {
  const started = await new ConnectProxy(options).start();
  cleanup.push(() => started.stop());
  return started;
}

async function httpBot(env: Record<string, string>): Promise<TestBot> {
  const bot = await startTestBot(env, { locales: { [EN_USER]: 'en-US' } });
  cleanup.push(() => bot.stop());
  return bot;
}

/** A pasted code (a Web API post) and a Share press (a response_url post). */
async function postAndShare(bot: TestBot): Promise<void> {
  await send(bot.baseUrl, messageEvent({ text: 'sync fails with 0x80cf6008', user: EN_USER }));
  await bot.slack.waitFor('chat.postMessage');
  const press = fixture('block_actions.share_answer');
  press.response_url = bot.slack.responseUrl('share-through-proxy');
  press.channel.id = CHANNEL;
  expect((await postInteraction(bot.baseUrl, press)).status).toBe(200);
  await bot.slack.waitFor('response/share-through-proxy');
}

describe('HTTP mode behind a proxy', () => {
  it('sends auth.test, Web API calls and response_url posts through HTTP_PROXY', async () => {
    const corporate = await proxy();
    const bot = await httpBot({ HTTP_PROXY: corporate.url() });
    await postAndShare(bot);
    expect(corporate.connects.every((target) => target === `127.0.0.1:${bot.slack.port}`)).toBe(true);
    expect(corporate.carried).toEqual(
      expect.arrayContaining([
        'POST /api/auth.test',
        'POST /api/chat.postMessage',
        'POST /response/share-through-proxy',
      ]),
    );
    // Everything the fake Slack got came through the proxy.
    const methods = bot.slack.calls.map(
      (c) => `POST /${c.method.startsWith('response/') ? '' : 'api/'}${c.method}`,
    );
    expect(corporate.carried).toEqual(expect.arrayContaining(methods));
    expect(bot.logs.find((l) => l.msg === 'connecting to Slack through a proxy')).toMatchObject({
      httpProxy: `${corporate.url()}/`,
    });
  });

  it('reads the lower-case https_proxy/http_proxy too, and uses HTTP_PROXY for https when HTTPS_PROXY is unset', async () => {
    const corporate = await proxy();
    const bot = await httpBot({ http_proxy: corporate.url() });
    expect(corporate.carried).toContain('POST /api/auth.test');
    expect(bot.slack.callsOf('auth.test').length).toBeGreaterThan(0);
  });

  it('reaches the hosts in NO_PROXY directly', async () => {
    const corporate = await proxy();
    const bot = await httpBot({ HTTP_PROXY: corporate.url(), NO_PROXY: 'localhost,127.0.0.1' });
    await postAndShare(bot);
    expect(corporate.connects).toEqual([]);
    expect(bot.slack.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('honours a NO_PROXY entry with a port only for that port', async () => {
    const corporate = await proxy();
    const bot = await httpBot({ HTTP_PROXY: corporate.url(), no_proxy: '127.0.0.1:1' });
    expect(corporate.carried).toContain('POST /api/auth.test');
    expect(bot.slack.callsOf('auth.test').length).toBeGreaterThan(0);
  });

  it('authenticates with the credentials in the proxy URL and never logs the password', async () => {
    const corporate = await proxy({ credentials: CREDENTIALS });
    const bot = await httpBot({ HTTP_PROXY: corporate.url() });
    await postAndShare(bot);
    expect(corporate.refused).toBe(0);
    expect(corporate.carried).toContain('POST /api/chat.postMessage');
    const logs = bot.rawLogs.join('\n');
    expect(logs).toContain('connecting to Slack through a proxy');
    // The proxy is named by host; what stands before the @ (user and password) is masked.
    expect(logs).toContain(`127.0.0.1:${new URL(corporate.url()).port}`);
    for (const form of [PASSWORD, encodeURIComponent(PASSWORD)]) expect(logs).not.toContain(form);
  });

  it('stops start-up when the proxy refuses the credentials, naming no password', async () => {
    const corporate = await proxy({ credentials: CREDENTIALS });
    const wrong = { user: 'svc-intune', password: 'not-the-password-123' };
    const error = await startTestBot(
      { HTTP_PROXY: corporate.url(wrong) },
      {},
      {
        clientOptions: { retryConfig: { retries: 0 } },
      },
    ).then(
      (bot) => {
        cleanup.push(() => bot.stop());
        throw new Error('the bot started although the proxy refused it');
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TestBotStartError);
    const start = error as TestBotStartError;
    expect(corporate.refused).toBeGreaterThan(0);
    expect(start.slack.calls).toEqual([]);
    const text = `${start.message}\n${start.rawLogs.join('\n')}`;
    // The proxy's refusal, not just "fetch failed".
    expect(start.message).toMatch(/auth\.test.*407/);
    expect(text).not.toContain('not-the-password-123');
  });
});

describe('Socket Mode behind a proxy', () => {
  it('opens the connection (apps.connections.open and the WebSocket) through the proxy and answers over it', async () => {
    const corporate = await proxy({ credentials: CREDENTIALS });
    const bot = await startSocketTestBot({ HTTPS_PROXY: corporate.url(), HTTP_PROXY: corporate.url() });
    cleanup.push(() => bot.stop());
    expect(corporate.carried).toEqual(
      expect.arrayContaining(['POST /api/auth.test', 'POST /api/apps.connections.open']),
    );
    expect(corporate.carried.some((line) => line.startsWith('GET /link/?ticket='))).toBe(true);
    expect(corporate.connects).toContain(`127.0.0.1:${bot.socket.port}`);
    const ack = await bot.socket.send('slash_commands', {
      ...fixture('command.intune-err'),
      text: '0x80cf6008',
      user_id: EN_USER,
    });
    expect(JSON.stringify(ack.payload)).toContain('0x80CF6008');
    expect(bot.rawLogs.join('\n')).not.toContain(PASSWORD);
  });

  it('connects directly to the hosts in NO_PROXY', async () => {
    const corporate = await proxy();
    const bot = await startSocketTestBot({ HTTPS_PROXY: corporate.url(), NO_PROXY: '127.0.0.1' });
    cleanup.push(() => bot.stop());
    expect(bot.socket.connections).toHaveLength(1);
    expect(corporate.connects).toEqual([]);
  });
});

import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { checkBotToken } from '../../src/run/check-bot-token.js';
import { FakeSlack } from '../support/fake-slack.js';
import { FAST_RETRIES } from '../support/fast-retries.js';
import { BOT_TOKEN } from '../support/start-app.js';

const log = createLogger({ level: 'silent' });
let slack: FakeSlack;
beforeEach(async () => {
  slack = await new FakeSlack({ botUserId: 'UBOTCHECK', botId: 'BBOTCHECK' }).start();
});
afterEach(async () => {
  await slack.stop();
});

// The bot's retry policy with back-off in milliseconds: "nothing answers" is retried, not waited out for seconds.
const check = (slackApiUrl = slack.apiUrl) =>
  checkBotToken({ token: BOT_TOKEN, slackApiUrl, log, clientOptions: { retryConfig: FAST_RETRIES } });

/** A loopback port nobody listens on: connections are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('checkBotToken', () => {
  it('returns the bot’s ids from auth.test, asked with the bot token', async () => {
    await expect(check()).resolves.toMatchObject({ botUserId: 'UBOTCHECK', botId: 'BBOTCHECK' });
    const [call] = slack.callsOf('auth.test');
    expect(call?.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
  });

  it.each(['invalid_auth', 'token_revoked', 'account_inactive'])(
    'stops naming SLACK_BOT_TOKEN when Slack answers %s, without retrying',
    async (error) => {
      slack.script('auth.test', { body: { ok: false, error } });
      const failure = await check().catch((e: unknown) => e);
      expect(failure).toMatchObject({ code: 'INTUNE_ERR_CONFIG', variable: 'SLACK_BOT_TOKEN' });
      expect((failure as Error).message).toContain(error);
      expect(slack.callsOf('auth.test')).toHaveLength(1);
    },
  );

  it('refuses a token that names no bot (a user token in the wrong variable)', async () => {
    slack.script('auth.test', { body: { ok: true, user_id: 'UPERSON', team: 'Fake' } });
    await expect(check()).rejects.toMatchObject({ variable: 'SLACK_BOT_TOKEN' });
  });

  it('waits out a 429 and then succeeds', async () => {
    slack.script('auth.test', {
      status: 429,
      headers: { 'retry-after': '0' },
      body: { ok: false, error: 'ratelimited' },
    });
    await expect(check()).resolves.toMatchObject({ botUserId: 'UBOTCHECK' });
    expect(slack.callsOf('auth.test')).toHaveLength(2);
  });

  it('says Slack could not be reached, naming the URL, when nothing answers', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/api/`;
    const failure = await check(url).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'INTUNE_ERR_SLACK_API' });
    expect((failure as Error).message).toContain(url);
    expect((failure as Error).message).toContain('SLACK_API_URL');
  });
});

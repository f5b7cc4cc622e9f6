import { describe, expect, it } from 'vitest';
import { chooseMode, readCliConfig, readConfig } from '../src/config.js';
import { ConfigErrors } from '../src/errors.js';

const slack = { SLACK_BOT_TOKEN: 'xoxb-test-bot', SLACK_SIGNING_SECRET: 'test-signing-secret' };

function configErrors(fn: () => unknown): ConfigErrors {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigErrors) return error;
    throw error;
  }
  throw new Error('expected ConfigErrors');
}

describe('readConfig', () => {
  it('has sensible defaults', () => {
    expect(readConfig({})).toMatchObject({
      port: 3000,
      logLevel: 'info',
      defaultLocale: 'sv-SE',
      autoReply: true,
      autoReplyCooldownMs: 3_600_000,
      slackApiUrl: undefined,
    });
  });

  it('reads every variable', () => {
    const config = readConfig({
      ...slack,
      SLACK_APP_TOKEN: 'xapp-1-test',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      PORT: '8080',
      LOG_LEVEL: 'DEBUG',
      DEFAULT_LOCALE: 'en-US',
      AUTO_REPLY: 'off',
      AUTO_REPLY_COOLDOWN_SECONDS: '60',
    });
    expect(config).toMatchObject({
      slackApiUrl: 'http://127.0.0.1:9999/api/',
      port: 8080,
      logLevel: 'debug',
      defaultLocale: 'en-US',
      autoReply: false,
      autoReplyCooldownMs: 60_000,
    });
  });

  it('refuses a SLACK_API_URL with a user name or password, without echoing it', () => {
    const error = configErrors(() =>
      readConfig({ ...slack, SLACK_API_URL: 'https://proxyuser:hunter22@proxy.example/api/' }),
    );
    expect(error.variables).toEqual(['SLACK_API_URL']);
    expect(error.message).not.toContain('hunter22');
  });

  it('keeps state in memory unless REDIS_URL is set, with the default key prefix', () => {
    expect(readConfig({})).toMatchObject({ redisUrl: undefined, redisPrefix: 'intune-err:' });
  });

  it('reads REDIS_URL (redis:// or rediss:// with a password) and REDIS_PREFIX', () => {
    expect(
      readConfig({ REDIS_URL: 'rediss://:s3cret-pass@redis.example:6380/2', REDIS_PREFIX: 'bot-prod:' }),
    ).toMatchObject({ redisUrl: 'rediss://:s3cret-pass@redis.example:6380/2', redisPrefix: 'bot-prod:' });
    expect(readConfig({ REDIS_URL: 'redis://redis:6379' }).redisUrl).toBe('redis://redis:6379');
  });

  it('refuses a REDIS_URL that is not a redis URL, naming it without echoing the password', () => {
    for (const url of ['http://:s3cret-pass@redis:6379', 'redis.example:6379', 'not a url s3cret-pass']) {
      const error = configErrors(() => readConfig({ REDIS_URL: url }));
      expect(error.variables).toEqual(['REDIS_URL']);
      expect(error.message).not.toContain('s3cret-pass');
    }
  });

  it('refuses a REDIS_PREFIX with spaces or wildcards', () => {
    for (const prefix of ['my bot:', 'bot*', 'x'.repeat(65)]) {
      expect(configErrors(() => readConfig({ REDIS_PREFIX: prefix })).variables).toEqual(['REDIS_PREFIX']);
    }
  });

  it('names every bad variable at once, without echoing a token', () => {
    const error = configErrors(() =>
      readConfig({
        PORT: 'eighty',
        AUTO_REPLY: 'maybe',
        SLACK_BOT_TOKEN: 'xoxp-secret-user-token',
        LOG_LEVEL: 'loud',
      }),
    );
    expect(error.variables.sort()).toEqual(['AUTO_REPLY', 'LOG_LEVEL', 'PORT', 'SLACK_BOT_TOKEN']);
    expect(error.message).not.toContain('xoxp-secret-user-token');
  });

  it('lets the CLI run even when Slack variables are wrong', () => {
    expect(readCliConfig({ PORT: 'nope', DEFAULT_LOCALE: 'en-US' }).defaultLocale).toBe('en-US');
    expect(configErrors(() => readCliConfig({ DEFAULT_LOCALE: 'english' })).variables).toEqual([
      'DEFAULT_LOCALE',
    ]);
  });

  it.each([
    [{}, false],
    [{ NO_COLOR: '' }, false],
    [{ NO_COLOR: '1' }, true],
    [{ NO_COLOR: '0' }, true],
    [{ NO_COLOR: 'false' }, true],
  ] as const)('reads NO_COLOR for the CLI: %j -> noColor %s', (env, noColor) => {
    expect(readCliConfig(env).noColor).toBe(noColor);
  });
});

describe('chooseMode', () => {
  it.each([
    [{}, true, 'console'],
    [slack, true, 'http'],
    [slack, false, 'http'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }, false, 'socket'],
  ] as const)('picks the run mode for %j (terminal: %s)', (env, interactive, mode) => {
    expect(chooseMode(readConfig(env), interactive)).toBe(mode);
  });

  it('fails fast without a terminal, naming the missing variables', () => {
    expect(configErrors(() => chooseMode(readConfig({}), false)).variables).toEqual([
      'SLACK_BOT_TOKEN',
      'SLACK_SIGNING_SECRET',
    ]);
    expect(
      configErrors(() => chooseMode(readConfig({ SLACK_SIGNING_SECRET: 's3cret' }), true)).variables,
    ).toEqual(['SLACK_BOT_TOKEN']);
  });
});

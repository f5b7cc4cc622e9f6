import { describe, expect, it } from 'vitest';
import { checkDefaultLocale, chooseMode, matchLocale, readCliConfig, readConfig } from '../src/config.js';
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

  it.each(['abc', '70000', '-1', '3000.5'])('refuses PORT=%s, naming PORT and the allowed range', (port) => {
    const error = configErrors(() => readConfig({ ...slack, PORT: port }));
    expect(error.variables).toEqual(['PORT']);
    expect(error.message).toMatch(/PORT.*must be a whole number from 0 to 65535/);
    expect(error.message).not.toContain(slack.SLACK_SIGNING_SECRET);
  });

  it('refuses a SLACK_API_URL with a user name or password, without echoing it', () => {
    const error = configErrors(() =>
      readConfig({ ...slack, SLACK_API_URL: 'https://proxyuser:hunter22@proxy.example/api/' }),
    );
    expect(error.variables).toEqual(['SLACK_API_URL']);
    expect(error.message).not.toContain('hunter22');
  });

  it('has no proxy unless HTTPS_PROXY or HTTP_PROXY is set (NO_PROXY alone changes nothing)', () => {
    expect(readConfig({}).proxy).toBeUndefined();
    expect(readConfig({ NO_PROXY: 'localhost', HTTPS_PROXY: '  ' }).proxy).toBeUndefined();
  });

  it('reads HTTPS_PROXY, HTTP_PROXY and NO_PROXY, the lower-case spelling winning', () => {
    expect(
      readConfig({
        HTTPS_PROXY: 'http://upper.example:3128',
        https_proxy: 'http://lower.example:3128',
        HTTP_PROXY: 'http://plain.example:8080',
        NO_PROXY: '.corp.example',
        no_proxy: 'localhost,127.0.0.1',
      }).proxy,
    ).toEqual({
      httpsProxy: 'http://lower.example:3128',
      httpProxy: 'http://plain.example:8080',
      noProxy: 'localhost,127.0.0.1',
    });
    expect(readConfig({ HTTPS_PROXY: 'https://proxy.example' }).proxy).toEqual({
      httpsProxy: 'https://proxy.example',
      httpProxy: undefined,
      noProxy: '',
    });
  });

  it.each([
    ['HTTPS_PROXY', 'proxy.example:3128'],
    ['https_proxy', 'socks5://user:hunter22@proxy.example'],
    ['HTTP_PROXY', 'not a url hunter22'],
  ])('refuses %s that is no http(s) URL, naming it without echoing the value', (name, value) => {
    const error = configErrors(() => readConfig({ [name]: value }));
    expect(error.variables).toEqual([name]);
    expect(error.message).toContain('proxy URL');
    expect(error.message).not.toContain(value);
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

describe('checkDefaultLocale', () => {
  const LOCALES = ['sv-SE', 'en-US'];

  it.each([
    ['sv-SE', 'sv-SE'],
    ['en-US', 'en-US'],
    ['en', 'en-US'],
    ['EN-us', 'en-US'],
    ['sv_se', 'sv-SE'],
  ])('DEFAULT_LOCALE=%s answers in %s', (value, locale) => {
    const config = checkDefaultLocale(readConfig({ DEFAULT_LOCALE: value }), LOCALES);
    expect(config.defaultLocale).toBe(locale);
  });

  it.each(['de-DE', 'en-GB', 'fi'])(
    'DEFAULT_LOCALE=%s stops start-up naming the variable and the locales there are pages for',
    (value) => {
      const error = configErrors(() => checkDefaultLocale(readConfig({ DEFAULT_LOCALE: value }), LOCALES));
      expect(error.variables).toEqual(['DEFAULT_LOCALE']);
      expect(error.code).toBe('INTUNE_ERR_CONFIG');
      expect(error.message).toBe(
        `DEFAULT_LOCALE: must be one of sv-SE, en-US (the pages in DATA_DIR), got "${value}"`,
      );
    },
  );

  it('takes a bare language only when one page speaks it', () => {
    expect(matchLocale(['pt-BR', 'pt-PT'], 'pt')).toBeUndefined();
    expect(matchLocale(['pt-BR', 'pt-PT'], 'PT_pt')).toBe('pt-PT');
  });
});

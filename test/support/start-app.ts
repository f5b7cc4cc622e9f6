import type { WebClientOptions } from '@slack/web-api';
import { readConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { type RunningBot, startBot } from '../../src/run/start-bot.js';
import type { OutboxOptions } from '../../src/slack/send.js';
import { captureLines } from './capture-log.js';
import { catalog } from './catalog.js';
import { FakeSlack, type FakeSlackOptions } from './fake-slack.js';
import { FAST_RETRIES } from './fast-retries.js';
import { SIGNING_SECRET } from './sign.js';

export const BOT_TOKEN = 'xoxb-111111111111-0000-testtesttesttesttesttest';

/** What every test bot starts from: the fake Slack, a free loopback port, debug logs; `env` adds the mode's secret. */
export function testBotConfig(slack: FakeSlack, env: Record<string, string>) {
  return readConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'debug',
    ...env,
  });
}

export interface TestBot {
  baseUrl: string;
  slack: FakeSlack;
  bot: RunningBot;
  /** Every log line the bot wrote, parsed. */
  logs: Record<string, unknown>[];
  rawLogs: string[];
  stop(): Promise<void>;
}

/**
 * Starts the real bot (Bolt over HTTP) on a free loopback port, pointed at a
 * fresh fake Slack. Nothing leaves 127.0.0.1.
 */
export async function startTestBot(
  env: Record<string, string> = {},
  fake: FakeSlackOptions = {},
  options: {
    perChannelIntervalMs?: number;
    /** Other outbox limits, e.g. a small maxQueuedPerChannel. */
    outbox?: Partial<Omit<OutboxOptions, 'log'>>;
    /** Web API client options, e.g. a short timeout (retries back off in ms: FAST_RETRIES). */
    clientOptions?: WebClientOptions;
    /** Scripts the fake Slack before the bot starts (start-up itself calls auth.test). */
    beforeStart?: (slack: FakeSlack) => void;
  } = {},
): Promise<TestBot> {
  const slack = await new FakeSlack(fake).start();
  options.beforeStart?.(slack);
  const { lines: rawLogs, destination } = captureLines();
  const config = testBotConfig(slack, { SLACK_SIGNING_SECRET: SIGNING_SECRET, ...env });
  const log = createLogger({ level: config.logLevel, destination, secrets: [BOT_TOKEN, SIGNING_SECRET] });
  let bot: RunningBot;
  try {
    bot = await startBot({
      config,
      catalog,
      log,
      mode: 'http',
      perChannelIntervalMs: options.perChannelIntervalMs ?? 0,
      ...(options.outbox ? { outbox: options.outbox } : {}),
      clientOptions: { retryConfig: FAST_RETRIES, ...options.clientOptions },
    });
  } catch (error) {
    await slack.stop();
    throw new TestBotStartError(error, slack, rawLogs);
  }
  return {
    baseUrl: `http://127.0.0.1:${bot.port}`,
    slack,
    bot,
    rawLogs,
    get logs() {
      return rawLogs.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    async stop() {
      await bot.stop();
      await slack.stop();
    },
  };
}

/** The bot refused to start: the reason, plus what the fake Slack saw and what was logged. */
export class TestBotStartError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly slack: FakeSlack,
    readonly rawLogs: string[],
  ) {
    super(`the bot did not start: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

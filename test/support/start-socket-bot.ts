import { createLogger } from '../../src/log.js';
import { type RunningBot, startBot } from '../../src/run/start-bot.js';
import { captureLines } from './capture-log.js';
import { catalog } from './catalog.js';
import { FakeSlack, type FakeSlackOptions } from './fake-slack.js';
import { FakeSocketMode } from './fake-socket-mode.js';
import { EN_USER } from './slack-events.js';
import { BOT_TOKEN, startTestBot, type TestBot, testBotConfig } from './start-app.js';

export const APP_TOKEN = 'xapp-1-A0INTUNEERR-0000-socketsocketsocketsocket';

export interface SocketTestBot {
  /** Where /healthz (the only HTTP the bot serves in Socket Mode) listens. */
  baseUrl: string;
  slack: FakeSlack;
  socket: FakeSocketMode;
  bot: RunningBot;
  rawLogs: string[];
  readonly logs: Record<string, unknown>[];
  stop(): Promise<void>;
}

/**
 * Starts the real bot in Socket Mode on a free loopback port, connected to a local Socket Mode
 * endpoint, with the Web API (apps.connections.open included) answered by a fresh fake Slack.
 */
export async function startSocketTestBot(
  env: Record<string, string> = {},
  fake: FakeSlackOptions = {},
): Promise<SocketTestBot> {
  const slack = await new FakeSlack(fake).start();
  const socket = await new FakeSocketMode().start();
  slack.script('apps.connections.open', { body: { ok: true, url: socket.url() } });
  const { lines: rawLogs, destination } = captureLines();
  const config = testBotConfig(slack, { SLACK_APP_TOKEN: APP_TOKEN, ...env });
  const log = createLogger({ level: config.logLevel, destination, secrets: [BOT_TOKEN, APP_TOKEN] });
  let bot: RunningBot;
  try {
    bot = await startBot({ config, catalog, log, mode: 'socket', perChannelIntervalMs: 0 });
  } catch (error) {
    await socket.stop();
    await slack.stop();
    throw error;
  }
  return {
    baseUrl: `http://127.0.0.1:${bot.port}`,
    slack,
    socket,
    bot,
    rawLogs,
    get logs() {
      return rawLogs.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    async stop() {
      await bot.stop();
      await socket.stop();
      await slack.stop();
    },
  };
}

/** The bot in either mode, for tests that must hold in both. */
export type RunningBotInMode = { mode: 'http'; bot: TestBot } | { mode: 'socket'; bot: SocketTestBot };

export async function startBotIn(mode: 'http' | 'socket'): Promise<RunningBotInMode> {
  return mode === 'http'
    ? { mode, bot: await startTestBot() }
    : { mode, bot: await startSocketTestBot({}, { locales: { [EN_USER]: 'en-US' } }) };
}

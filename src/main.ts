import { checkDefaultLocale, chooseMode, readConfig } from './config.js';
import { openCatalog } from './data/open-catalog.js';
import { IntuneErrError } from './errors.js';
import { createLogger } from './log.js';
import { requireCommonJs } from './require-commonjs.js';
import { CATALOG_CACHE_FILE } from './run/catalog-cache-file.js';
import { proxySecrets } from './run/proxy.js';
import { exitOnSignals } from './run/shutdown.js';
import { startBot } from './run/start-bot.js';

const { config: loadDotenv } = requireCommonJs('dotenv') as typeof import('dotenv');

const README_HINT = 'See README.md, "Install in Slack", for where each value comes from.';

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const read = readConfig();
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
  const mode = chooseMode(read, interactive);
  const catalog = await openCatalog(read.dataDir, { cacheFile: CATALOG_CACHE_FILE });
  const config = checkDefaultLocale(read, catalog.locales);

  if (mode === 'console') {
    // The chat owns the terminal: only warnings and errors are logged, to stderr.
    const log = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, pretty: true });
    // Imported only here: the chat's terminal rendering is no part of the bot's start-up.
    const { runConsole } = await import('./console/run-console.js');
    await runConsole({ config, catalog, log, input: process.stdin, output: process.stdout });
    return;
  }
  const log = createLogger({
    level: config.logLevel,
    pretty: process.stdout.isTTY === true,
    secrets: [
      config.slackBotToken,
      config.slackAppToken,
      config.slackSigningSecret,
      ...proxySecrets(config.proxy),
      ...urlPassword(config.redisUrl),
    ],
  });
  // A failed promise somewhere must be logged, never take down a bot that is answering other channels.
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'));
  const bot = await startBot({ config, catalog, log, mode });
  exitOnSignals(bot, log);
}

main().catch((error: unknown) => {
  if (error instanceof IntuneErrError) {
    process.stderr.write(
      `intune-err cannot start:\n${indent(error.message)}\n${error.code === 'INTUNE_ERR_CONFIG' ? `${README_HINT}\n` : ''}`,
    );
  } else {
    process.stderr.write(
      `intune-err stopped on an unexpected error: ${(error as Error)?.stack ?? String(error)}\n`,
    );
  }
  process.exit(1);
});

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

/** A URL's password, decoded and as written, so the logger scrubs it even outside a URL. */
function urlPassword(url: string | undefined): string[] {
  if (!url || !URL.canParse(url)) return [];
  const { password } = new URL(url);
  return password === '' ? [] : [password, decodeURIComponent(password)];
}

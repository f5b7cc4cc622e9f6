import type { WebClientOptions, WebClient as WebClientType } from '@slack/web-api';
import { ConfigError, IntuneErrError } from '../errors.js';
import { boltLogger, type Logger } from '../log.js';
import { requireCommonJs } from '../require-commonjs.js';
import type { BotIdentity } from '../slack/app.js';
import { isPlatformError, obeyRateLimits, platformError, webApiOptions } from '../slack/web-api.js';

const { WebClient } = requireCommonJs('@slack/web-api') as typeof import('@slack/web-api');

export interface CheckBotTokenOptions {
  token: string;
  /** Web API base URL (SLACK_API_URL); Slack's own when undefined. */
  slackApiUrl: string | undefined;
  log: Logger;
  clientOptions?: WebClientOptions;
}

/**
 * Asks Slack who the bot is (auth.test) before the bot reports ready. A refused token stops
 * start-up naming SLACK_BOT_TOKEN, instead of a bot that looks healthy and fails every request;
 * an unreachable Slack stops it too, so the orchestrator restarts it rather than trusting it.
 */
export async function checkBotToken({
  token,
  slackApiUrl,
  log,
  clientOptions,
}: CheckBotTokenOptions): Promise<BotIdentity & { team: string | undefined }> {
  const client = new WebClient(
    token,
    webApiOptions(slackApiUrl, { logger: boltLogger(log), ...clientOptions }),
  );
  let res: Awaited<ReturnType<WebClientType['auth']['test']>>;
  try {
    res = await obeyRateLimits(() => client.auth.test());
  } catch (error) {
    const code = platformError(error);
    if (isPlatformError(error, 'tokenRefused')) {
      throw new ConfigError(
        'SLACK_BOT_TOKEN',
        `Slack refused this token (${code}); copy the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page again`,
      );
    }
    throw new IntuneErrError(
      'INTUNE_ERR_SLACK_API',
      `could not check the bot token with Slack (auth.test at ${slackApiUrl ?? 'https://slack.com/api/'}: ${code ?? describeFailure(error)}); check the network, a proxy (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), or SLACK_API_URL`,
      { cause: error },
    );
  }
  if (typeof res.user_id !== 'string' || typeof res.bot_id !== 'string') {
    throw new ConfigError(
      'SLACK_BOT_TOKEN',
      'is not a bot token (auth.test named no bot); use the Bot User OAuth Token (xoxb-…)',
    );
  }
  return { botUserId: res.user_id, botId: res.bot_id, team: res.team };
}

/**
 * The error's message and, when it wraps another (the Web API client wraps fetch's "fetch failed",
 * which wraps what really happened: a refused connection, a proxy's 407), the innermost one's.
 */
function describeFailure(error: unknown): string {
  const outer = (error as Error)?.message ?? String(error);
  let inner: unknown = error;
  for (let depth = 0; depth < 5; depth += 1) {
    const next =
      (inner as { original?: unknown; cause?: unknown })?.original ?? (inner as { cause?: unknown })?.cause;
    if (!(next instanceof Error)) break;
    inner = next;
  }
  const innermost = inner instanceof Error && inner !== error ? inner.message : undefined;
  return innermost && innermost !== outer ? `${outer} (${innermost})` : outer;
}

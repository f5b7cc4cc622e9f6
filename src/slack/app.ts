import { App, HTTPReceiver, type Receiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { Config } from '../config.js';
import type { Catalog } from '../core/catalog/types.js';
import { boltLogger, type Logger } from '../log.js';
import { registerActions } from './actions.js';
import { registerAutoReply } from './auto-reply.js';
import { registerCommand } from './command.js';
import type { SlackDeps } from './deps.js';
import { registerMention } from './mention.js';
import { EventDeduper, ThreadCooldown } from './quiet-rules.js';
import { Outbox, type OutboxOptions } from './send.js';
import { registerShortcut } from './shortcut.js';
import { UserLocales } from './user-locale.js';

export const EVENTS_PATH = '/slack/events';
/** Slack sends at most 40,000 characters of text; a body much larger than that is not from Slack. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface CreateSlackAppOptions {
  config: Config;
  catalog: Catalog;
  log: Logger;
  /** Defaults to Bolt's HTTPReceiver (signature checks, ssl_check, acks); Socket Mode and the console pass theirs. */
  receiver?: Receiver;
  /** Extra Web API client options (the console's in-process fetch). */
  clientOptions?: WebClientOptions;
  outbox?: Partial<Omit<OutboxOptions, 'log'>>;
}

export interface SlackApp {
  app: App;
  deps: SlackDeps;
  receiver: Receiver;
  /** Waits for listeners still running and messages still queued: the graceful part of shutdown. */
  drain(): Promise<void>;
}

/** Registers every listener on an app: the whole Slack surface in one place. */
export function registerListeners(app: App, deps: SlackDeps): void {
  registerCommand(app, deps);
  registerMention(app, deps);
  registerAutoReply(app, deps);
  registerActions(app, deps);
  registerShortcut(app, deps);
}

export function createSlackApp({
  config,
  catalog,
  log,
  receiver,
  clientOptions,
  outbox,
}: CreateSlackAppOptions): SlackApp {
  const slackLog = log.child({ component: 'slack' });
  const bolt = boltLogger(log);
  const chosen =
    receiver ??
    new HTTPReceiver({
      signingSecret: config.slackSigningSecret ?? '',
      endpoints: EVENTS_PATH,
      logger: bolt,
      processBeforeResponse: false,
      bodyLimit: BODY_LIMIT_BYTES,
      // Listeners that never ack would hold Slack's request; Slack gives up after 3 s anyway.
      unhandledRequestTimeoutMillis: 3001,
    });
  const app = new App({
    token: config.slackBotToken,
    receiver: chosen,
    logger: bolt,
    clientOptions: {
      ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
      // Bounded retries with backoff for 5xx and network errors; 429s wait for Retry-After.
      retryConfig: { retries: 3, factor: 2, minTimeout: 250, maxTimeout: 2000, randomize: true },
      timeout: 10_000,
      ...clientOptions,
    },
  });
  const deps: SlackDeps = {
    config,
    catalog,
    log: slackLog,
    locales: new UserLocales({ log: slackLog }),
    outbox: new Outbox({ log: slackLog, ...outbox }),
    dedupe: new EventDeduper(),
    cooldown: new ThreadCooldown(config.autoReplyCooldownMs),
  };

  const inFlight = new Set<Promise<void>>();
  app.use(async ({ body, next, context }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !deps.dedupe.firstTime(eventId)) {
      slackLog.info(
        { event_id: eventId, retry: context.retryNum, reason: context.retryReason },
        'duplicate event ignored',
      );
      return;
    }
    const run = next();
    inFlight.add(run);
    try {
      await run;
    } finally {
      inFlight.delete(run);
    }
  });
  registerListeners(app, deps);
  app.error(async (error) => {
    slackLog.error({ err: error, code: (error as { code?: string }).code }, 'listener failed');
  });

  return {
    app,
    deps,
    receiver: chosen,
    async drain() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      await deps.outbox.drain();
    },
  };
}

import type { AnyMiddlewareArgs, App, AppOptions, Middleware, Receiver, ReceiverEvent } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { Config } from '../config.js';
import type { Catalog } from '../core/catalog/types.js';
import { boltLogger, type Logger } from '../log.js';
import { requireCommonJs } from '../require-commonjs.js';
import { MemoryStateStore } from '../state/memory-store.js';
import type { StateStore } from '../state/state-store.js';
import { registerActions } from './actions.js';
import { registerAutoReply } from './auto-reply.js';
import { registerCommand } from './command.js';
import type { SlackDeps } from './deps.js';
import { type Listeners, ListenerTable } from './listeners.js';
import { registerMention } from './mention.js';
import { EVENT_DEDUPE_TTL_MS } from './quiet-rules.js';
import { Outbox, type OutboxOptions } from './send.js';
import { registerShortcut } from './shortcut.js';
import { unhandledPayload } from './unhandled-payloads.js';
import { UserLocales } from './user-locale.js';
import { webApiOptions } from './web-api.js';

const bolt = requireCommonJs('@slack/bolt') as typeof import('@slack/bolt');

export const EVENTS_PATH = '/slack/events';
/** Slack sends at most 40,000 characters of text; a body much larger than that is not from Slack. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface CreateSlackAppOptions {
  config: Config;
  catalog: Catalog;
  log: Logger;
  /**
   * Defaults to Bolt's HTTPReceiver (acks, url_verification) without its signature check: serve it only
   * behind src/run/request-guard.ts. Socket Mode and the console pass theirs.
   */
  receiver?: Receiver;
  /** Extra Web API client options (the console's in-process fetch). */
  clientOptions?: WebClientOptions;
  outbox?: Partial<Omit<OutboxOptions, 'log'>>;
  /** The bot's ids from auth.test, when the caller already checked the token; otherwise Bolt asks. */
  identity?: BotIdentity;
  /** Where claims, cooldowns and locales live; default this process's memory. */
  state?: StateStore;
}

export interface BotIdentity {
  botUserId: string;
  botId: string;
}

export interface SlackApp {
  app: App;
  deps: SlackDeps;
  receiver: Receiver;
  /** Waits for listeners still running and messages still queued: the graceful part of shutdown. */
  drain(): Promise<void>;
}

/** Registers every listener: the whole Slack surface in one place. */
export function registerListeners(app: Listeners, deps: SlackDeps): void {
  registerCommand(app, deps);
  registerMention(app, deps);
  registerAutoReply(app, deps);
  registerActions(app, deps);
  registerShortcut(app, deps);
}

/** Bolt's App, acknowledging at once what none of our listeners answers (see unhandledPayload). */
class IntuneErrApp extends bolt.App {
  private readonly unhandledLog: Logger;

  constructor(options: AppOptions, log: Logger) {
    super(options);
    this.unhandledLog = log;
  }

  /**
   * Makes `table` Bolt's one listener: Bolt still runs its middleware, acks and error handling, but
   * instead of every registered listener's matchers (and a copy of its arguments) on every request,
   * one lookup picks the handler the request names. Bolt has no public matcher-free listener, hence
   * its listener list; a Bolt without one stops start-up here rather than answering nothing.
   */
  dispatchTo(table: ListenerTable): void {
    const own = this as unknown as { listeners?: unknown };
    if (!Array.isArray(own.listeners) || own.listeners.length > 0) {
      throw new Error('Bolt keeps its listeners differently than this app expects');
    }
    const dispatch: Middleware<AnyMiddlewareArgs> = async (args) => {
      const handler = table.route(args.body as unknown as Record<string, unknown>);
      if (handler !== undefined) await handler(args);
    };
    own.listeners.push([dispatch]);
  }

  override async processEvent(event: ReceiverEvent): Promise<void> {
    const unhandled = unhandledPayload(event.body);
    if (unhandled === undefined) return super.processEvent(event);
    await event.ack(unhandled.response);
    this.unhandledLog.info({ kind: unhandled.kind }, 'payload the app does not handle; acknowledged');
  }
}

export function createSlackApp({
  config,
  catalog,
  log,
  receiver,
  clientOptions,
  outbox,
  identity,
  state = new MemoryStateStore(),
}: CreateSlackAppOptions): SlackApp {
  const slackLog = log.child({ component: 'slack' });
  const logger = boltLogger(log);
  const chosen =
    receiver ??
    new bolt.HTTPReceiver({
      signingSecret: config.slackSigningSecret ?? '',
      endpoints: EVENTS_PATH,
      logger,
      processBeforeResponse: false,
      // Its only caller (src/run/start-bot.ts) serves it behind the request guard, which verifies each
      // signature once (src/run/request-guard.ts): Bolt does not compute it again.
      signatureVerification: false,
      bodyLimit: BODY_LIMIT_BYTES,
      // Listeners that never ack would hold Slack's request; Slack gives up after 3 s anyway.
      unhandledRequestTimeoutMillis: 3001,
    });
  const app = new IntuneErrApp(
    {
      token: config.slackBotToken,
      receiver: chosen,
      logger,
      clientOptions: webApiOptions(config.slackApiUrl, clientOptions),
      // No listener keeps conversation state; Bolt's store would still run (and throw inside) on every request.
      convoStore: false,
      // Known from start-up's auth.test: Bolt then asks Slack nothing before the first answer.
      ...(identity ? { botId: identity.botId, botUserId: identity.botUserId } : {}),
    },
    slackLog,
  );
  const deps: SlackDeps = {
    config,
    catalog,
    log: slackLog,
    locales: new UserLocales({ log: slackLog, state }),
    outbox: new Outbox({
      log: slackLog,
      // Replicas on Redis share each channel's pace; one process paces its own queues, as before.
      ...(state.kind === 'redis' ? { sharedPace: state } : {}),
      ...outbox,
    }),
    state,
  };

  const inFlight = new Set<Promise<void>>();
  app.use(async ({ body, next, context }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !(await state.claimOnce('event', eventId, EVENT_DEDUPE_TTL_MS))) {
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
  const listeners = new ListenerTable();
  registerListeners(listeners, deps);
  app.dispatchTo(listeners);
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

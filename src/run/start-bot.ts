import type { HTTPReceiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { Config } from '../config.js';
import type { Catalog } from '../core/catalog/types.js';
import type { Logger } from '../log.js';
import { BODY_LIMIT_BYTES, createSlackApp, EVENTS_PATH, type SlackApp } from '../slack/app.js';
import type { OutboxOptions } from '../slack/send.js';
import { createStateStore } from '../state/create-state-store.js';
import type { StateStore } from '../state/state-store.js';
import { checkBotToken } from './check-bot-token.js';
import { createHealthServer } from './health-server.js';
import { proxyRoute } from './proxy.js';
import { ReplayGuard } from './replay-guard.js';
import { guardRequests } from './request-guard.js';
import { SocketModeReceiver } from './socket-mode-receiver.js';

export interface RunningBot {
  slack: SlackApp;
  mode: 'http' | 'socket';
  /** The port /healthz (and in HTTP mode /slack/events) listens on. */
  port: number;
  /** Stops accepting, lets in-flight replies finish, closes connections. */
  stop(): Promise<void>;
  /** HTTP mode: the signatures the request guard has seen, so a replay is refused. */
  replayGuard?: ReplayGuard;
}

export interface StartBotOptions {
  config: Config;
  catalog: Catalog;
  log: Logger;
  mode: 'http' | 'socket';
  /** Per-channel pacing of sends; tests and benchmarks may lower it. */
  perChannelIntervalMs?: number;
  /** Other outbox limits (tests lower the backlog caps). */
  outbox?: Partial<Omit<OutboxOptions, 'log'>>;
  /** Extra Web API client options (tests shorten the timeout). */
  clientOptions?: WebClientOptions;
  /** Socket Mode: the client's ping timeout, also its pause before reconnecting (tests shorten it). */
  socketPingTimeoutMs?: number;
  /** The state store; default the one REDIS_URL asks for (memory when unset). Closed on stop. */
  state?: StateStore;
}

/**
 * Starts the bot in HTTP or Socket Mode with /healthz on PORT; ready once it can answer. The state
 * store comes first: an unreachable REDIS_URL stops start-up at once, naming it.
 */
export async function startBot(options: StartBotOptions): Promise<RunningBot> {
  const state = options.state ?? (await createStateStore(options.config, options.log));
  try {
    return await startWith({ ...options, state });
  } catch (error) {
    await state.close();
    throw error;
  }
}

async function startWith({
  config,
  catalog,
  log,
  mode,
  perChannelIntervalMs,
  outbox: outboxOptions,
  clientOptions,
  socketPingTimeoutMs,
  state,
}: StartBotOptions & { state: StateStore }): Promise<RunningBot> {
  const outbox = {
    ...outboxOptions,
    ...(perChannelIntervalMs === undefined ? {} : { perChannelIntervalMs }),
  };
  // Behind a corporate proxy every connection to Slack goes through it: the Web API (start-up's
  // token check included), response_urls (Bolt's respond() uses the client's fetch) and Socket Mode.
  const proxy = proxyRoute(config.proxy);
  if (proxy) log.info(proxy.describe(), 'connecting to Slack through a proxy');
  const webClientOptions: WebClientOptions | undefined =
    proxy || clientOptions ? { ...(proxy ? { fetch: proxy.fetch } : {}), ...clientOptions } : undefined;
  const receiver =
    mode === 'socket'
      ? new SocketModeReceiver({
          appToken: config.slackAppToken ?? '',
          slackApiUrl: config.slackApiUrl,
          log,
          ...(socketPingTimeoutMs === undefined ? {} : { clientPingTimeoutMs: socketPingTimeoutMs }),
          ...(proxy ? { dispatcher: proxy.dispatcher } : {}),
        })
      : undefined;
  // Before anything listens: a refused token or an unreachable Slack stops start-up with a clear message.
  const identity = await checkBotToken({
    token: config.slackBotToken ?? '',
    slackApiUrl: config.slackApiUrl,
    log,
    ...(webClientOptions ? { clientOptions: webClientOptions } : {}),
  });
  log.info({ team: identity.team, botUserId: identity.botUserId }, 'bot token accepted by Slack');
  const slack = createSlackApp({
    config,
    catalog,
    log,
    outbox,
    identity,
    state,
    ...(receiver ? { receiver } : {}),
    ...(webClientOptions ? { clientOptions: webClientOptions } : {}),
  });
  // In front of Bolt: the request guard reads the body within the limit, verifies its signature
  // (once: Bolt's receiver is told not to), makes each signed request count once, and refuses
  // shapes Bolt would choke on.
  const httpLog = log.child({ component: 'http' });
  const replayGuard =
    mode === 'http'
      ? new ReplayGuard(
          // Replicas on Redis: a replay sent to another replica is refused too.
          state.kind === 'redis'
            ? { shared: (signature: string, ttlMs: number) => state.claimOnce('signature', signature, ttlMs) }
            : {},
        )
      : undefined;
  const routes = replayGuard
    ? [
        {
          path: EVENTS_PATH,
          methods: ['POST'],
          handler: guardRequests((slack.receiver as HTTPReceiver).requestListener, {
            limit: BODY_LIMIT_BYTES,
            signingSecret: config.slackSigningSecret ?? '',
            replays: replayGuard,
            log: httpLog,
          }),
        },
      ]
    : [];
  const http = createHealthServer(routes, {
    log: httpLog,
    ...(state.kind === 'redis' ? { state: () => state.state } : {}),
  });
  const address = await http.listen(config.port, config.host);
  if (receiver) await slack.app.start();
  http.setReady(true);
  log.info(
    {
      mode,
      port: address.port,
      ...(mode === 'http' ? { path: EVENTS_PATH } : {}),
      locales: catalog.locales,
      codes: catalog.entries.length,
    },
    'intune-err is ready',
  );
  return {
    slack,
    mode,
    port: address.port,
    ...(replayGuard ? { replayGuard } : {}),
    async stop() {
      http.setReady(false);
      const closing = http.close();
      if (receiver) await receiver.stop();
      // Connections first: Bolt acks an event before its listener runs, so a request still
      // arriving is in flight only once its connection is done; then the listeners and sends.
      await closing;
      await slack.drain();
      await state.close();
    },
  };
}

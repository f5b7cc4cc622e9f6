import type { App, Receiver } from '@slack/bolt';
import type { SocketModeClient } from '@slack/socket-mode';
import type { Dispatcher } from 'undici';
import { boltLogger, type Logger } from '../log.js';
import { requireCommonJs } from '../require-commonjs.js';

const socketMode = requireCommonJs('@slack/socket-mode') as typeof import('@slack/socket-mode');

export interface SocketModeReceiverOptions {
  appToken: string;
  /** Bolt's own SocketModeReceiver ignores this; GovSlack, proxies and tests need it. */
  slackApiUrl: string | undefined;
  log: Logger;
  /**
   * How long a ping may go unanswered; the client also waits this long before reconnecting
   * (5 s by default). Tests shorten it so a reconnect does not cost them seconds.
   */
  clientPingTimeoutMs?: number;
  /** Behind a proxy: carries the WebSocket and apps.connections.open. */
  dispatcher?: Dispatcher;
}

/**
 * Receives events over Socket Mode (no public URL needed) and hands them to the
 * same Bolt listeners as HTTP mode. Reconnects on Slack's disconnect requests.
 */
export class SocketModeReceiver implements Receiver {
  readonly client: SocketModeClient;
  private app: App | undefined;
  private readonly log: Logger;

  constructor({ appToken, slackApiUrl, log, clientPingTimeoutMs, dispatcher }: SocketModeReceiverOptions) {
    this.log = log.child({ component: 'socket-mode' });
    this.client = new socketMode.SocketModeClient({
      appToken,
      logger: boltLogger(this.log),
      autoReconnectEnabled: true,
      ...(clientPingTimeoutMs === undefined ? {} : { clientPingTimeout: clientPingTimeoutMs }),
      clientOptions: slackApiUrl === undefined ? {} : { slackApiUrl },
      ...(dispatcher ? { dispatcher } : {}),
    });
    this.client.on('slack_event', ({ ack, body, retry_num, retry_reason }) => {
      this.dispatch(body, ack, retry_num, retry_reason);
    });
  }

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {
    await this.client.start();
    this.log.info('connected to Slack over Socket Mode');
  }

  async stop(): Promise<void> {
    await this.client.disconnect();
  }

  private dispatch(
    body: Record<string, unknown>,
    ack: (response?: Record<string, unknown>) => Promise<void>,
    retryNum: number | undefined,
    retryReason: string | undefined,
  ): void {
    const app = this.app;
    if (!app) return;
    app
      .processEvent({
        body,
        ack: async (response?: unknown) => {
          await ack(
            typeof response === 'string' ? { text: response } : ((response as Record<string, unknown>) ?? {}),
          );
        },
        ...(retryNum === undefined ? {} : { retryNum }),
        ...(retryReason === undefined ? {} : { retryReason }),
      })
      .catch((error: unknown) => {
        // Listener errors are already logged by Bolt's error handler; this catches dispatch failures.
        this.log.error({ err: error }, 'socket mode event failed');
      });
  }
}

import type { App, Receiver } from '@slack/bolt';

/**
 * Hands console input to Bolt as if Slack had sent it, and returns what the
 * listener acknowledged with (a slash command's answer travels in its ack).
 */
export class ConsoleReceiver implements Receiver {
  private app: App | undefined;

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  async dispatch(body: Record<string, unknown>): Promise<unknown> {
    if (!this.app) throw new Error('ConsoleReceiver used before the app was created');
    let acked: unknown;
    await this.app.processEvent({
      body,
      ack: async (response?: unknown) => {
        acked = response;
      },
    });
    return acked;
  }
}

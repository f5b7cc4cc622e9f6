import { pathToFileURL } from 'node:url';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';

/**
 * The baseline: the smallest Bolt app that acks `/intune-err` with a fixed block and
 * answers a message or a mention with a fixed reply in its thread, on the same receiver (HTTPReceiver), endpoints and auth as the bot. What the bot
 * costs beyond this is what intune-err itself adds.
 */
export interface MinimalAppOptions {
  signingSecret: string;
  botToken: string;
  /** The fake Slack Web API; Bolt calls auth.test there once, as it does for the bot. */
  slackApiUrl: string;
  port: number;
  host?: string;
}

const BLOCKS = [
  {
    type: 'section',
    text: { type: 'mrkdwn', text: '*0x80CF6008* `OM_E_DM_FAILTOCONNECTTOBITS`\nA fixed answer.' },
  },
];

export async function startMinimalApp(
  options: MinimalAppOptions,
): Promise<{ port: number; stop(): Promise<void> }> {
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: '/slack/events',
    logLevel: LogLevel.ERROR,
    customRoutes: [
      {
        path: '/healthz',
        method: ['GET'],
        handler: (_req, res) => {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end('ok');
        },
      },
    ],
  });
  const app = new App({
    token: options.botToken,
    receiver,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: options.slackApiUrl },
  });
  app.command('/intune-err', async ({ ack }) => {
    await ack({ response_type: 'ephemeral', text: '0x80CF6008 OM_E_DM_FAILTOCONNECTTOBITS', blocks: BLOCKS });
  });
  // The same surfaces as the bot's auto-reply and mention, at their smallest: a fixed reply in the thread.
  const reply = async (client: WebClient, event: { channel: string; ts: string; thread_ts?: string }) => {
    await client.chat.postMessage({
      channel: event.channel,
      thread_ts: event.thread_ts ?? event.ts,
      text: '0x80CF6008 OM_E_DM_FAILTOCONNECTTOBITS',
      blocks: BLOCKS,
    });
  };
  app.event('message', async ({ event, client }) => {
    if ('subtype' in event && event.subtype !== undefined) return;
    await reply(client, event as { channel: string; ts: string; thread_ts?: string });
  });
  app.event('app_mention', async ({ event, client }) => {
    await reply(client, event);
  });
  const server = await receiver.start({ port: options.port, host: options.host ?? '127.0.0.1' });
  const address = server.address();
  return {
    port: typeof address === 'object' && address !== null ? address.port : options.port,
    stop: () => receiver.stop(),
  };
}

// Run as a process of its own: the benchmark starts it exactly as it starts the bot.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const env = process.env;
  const { port } = await startMinimalApp({
    signingSecret: env.SLACK_SIGNING_SECRET ?? '',
    botToken: env.SLACK_BOT_TOKEN ?? '',
    slackApiUrl: env.SLACK_API_URL ?? '',
    port: Number(env.PORT ?? 0),
    host: env.HOST ?? '127.0.0.1',
  });
  process.stdout.write(`listening ${port}\n`);
  const stop = () => process.exit(0);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

import { pathToFileURL } from 'node:url';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

/**
 * The baseline: the smallest Bolt app that acks `/intune-err` with a fixed block,
 * on the same receiver (HTTPReceiver), endpoints and auth as the bot. What the bot
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

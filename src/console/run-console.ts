import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Config } from '../config.js';
import type { Catalog } from '../core/catalog/types.js';
import type { Logger } from '../log.js';
import { ACTION_DISMISS, ACTION_SHARE, type SlackMessage } from '../render/blocks.js';
import { renderTerminal } from '../render/terminal.js';
import { createSlackApp } from '../slack/app.js';
import { ConsoleReceiver } from './console-receiver.js';
import {
  CONSOLE_API_URL,
  CONSOLE_RESPONSE_URL,
  type ConsoleMessage,
  type ConsoleOutput,
  InProcessSlack,
} from './in-process-slack.js';
import { CONSOLE_HELP, parseLine } from './parse-line.js';
import {
  appMentionEventBody,
  type ButtonPress,
  blockActionBody,
  type ConsoleIds,
  messageEventBody,
  slashCommandBody,
} from './slack-bodies.js';

export interface RunConsoleOptions {
  config: Config;
  catalog: Catalog;
  log: Logger;
  input: Readable;
  output: Writable;
  /** ANSI colour; defaults to whether the output is a terminal. */
  color?: boolean;
}

const IDS: ConsoleIds = {
  teamId: 'TCONSOLE0',
  channelId: 'CCONSOLE0',
  userId: 'UCONSOLEUSER',
  botUserId: 'UINTUNEERR',
  apiAppId: 'AINTUNEERR',
};

interface Shown {
  message: ConsoleMessage;
  buttons: Map<string, { value: string | undefined; blockId: string | undefined; text: string }>;
}

/**
 * A chat console in the spirit of Hubot's shell adapter: what you type becomes
 * the payload Slack would send, the real Bolt listeners answer, and their Web
 * API calls are printed instead of sent. No network, no Slack account.
 */
export async function runConsole({
  config,
  catalog,
  log,
  input,
  output,
  color,
}: RunConsoleOptions): Promise<void> {
  const paint = color ?? (output as { isTTY?: boolean }).isTTY === true;
  const write = (text: string) => output.write(`${text}\n`);
  // The newest answer carrying each button, as a person would scroll up to press it.
  const lastButtons = new Map<string, Shown>();
  let responseSeq = 0;
  const responseUrl = () => `${CONSOLE_RESPONSE_URL}${++responseSeq}`;

  const show = (message: ConsoleMessage) => {
    const where = message.ephemeral ? ' (only visible to you)' : message.threadTs ? ' (in thread)' : '';
    const body = renderTerminal(
      { text: message.text, blocks: message.blocks as SlackMessage['blocks'] },
      { color: paint },
    );
    write(`\nintune-err${where}:\n${body}\n`);
    const buttons = collectButtons(message.blocks);
    for (const id of buttons.keys()) lastButtons.set(id, { message, buttons });
  };
  const slack = new InProcessSlack({
    botUserId: IDS.botUserId,
    botId: 'BINTUNEERR',
    userId: IDS.userId,
    teamId: IDS.teamId,
    locale: config.defaultLocale,
    onOutput: (event: ConsoleOutput) => {
      if (event.type === 'message') show(event.message);
      else if (event.type === 'deleted') write('\nintune-err: (reply dismissed)\n');
      else show(event.message);
    },
  });
  const receiver = new ConsoleReceiver();
  createSlackApp({
    config: { ...config, slackBotToken: 'xoxb-console', slackApiUrl: CONSOLE_API_URL },
    catalog,
    log,
    receiver,
    clientOptions: { fetch: slack.fetch, slackApiUrl: CONSOLE_API_URL },
    outbox: { perChannelIntervalMs: 0 },
  });

  let lastThreadTs: string | undefined;
  const say = async (text: string, inThread: boolean, mention: boolean) => {
    const ts = slack.nextTs();
    const threadTs = inThread ? lastThreadTs : undefined;
    const full = mention ? `<@${IDS.botUserId}> ${text}` : text;
    slack.addUserMessage({ channel: IDS.channelId, ts, threadTs, user: IDS.userId, text: full });
    // Slack sends both events for a mention; the listeners keep it to one reply.
    await receiver.dispatch(messageEventBody(IDS, full, ts, threadTs));
    if (mention) await receiver.dispatch(appMentionEventBody(IDS, full, ts, threadTs));
    lastThreadTs = threadTs ?? ts;
  };
  const press = async (actionId: string) => {
    const shown = lastButtons.get(actionId);
    const button = shown?.buttons.get(actionId);
    if (!shown || !button) {
      write(`(no answer with a "${actionId === ACTION_SHARE ? 'Share in channel' : 'Dismiss'}" button yet)`);
      return;
    }
    const p: ButtonPress = {
      actionId,
      value: button.value,
      blockId: button.blockId,
      text: button.text,
      messageTs: shown.message.ts,
      threadTs: shown.message.threadTs,
      ephemeral: shown.message.ephemeral,
    };
    lastButtons.delete(actionId);
    await receiver.dispatch(blockActionBody(IDS, p, responseUrl()));
  };

  write(
    `intune-err console: ${catalog.entries.length} codes, answers in ${config.defaultLocale}. Type help for examples, exit to leave.`,
  );
  const rl = createInterface({
    input,
    output,
    terminal: (input as { isTTY?: boolean }).isTTY === true,
    prompt: 'you> ',
  });
  rl.prompt();
  for await (const line of rl) {
    const typed = parseLine(line);
    try {
      switch (typed.type) {
        case 'exit':
          rl.close();
          return;
        case 'help':
          write(CONSOLE_HELP);
          break;
        case 'empty':
          break;
        case 'unknown-command':
          write(`${typed.command} is not a command here. Try /intune-err 0x80cf6008, or help.`);
          break;
        case 'command': {
          const ack = (await receiver.dispatch(slashCommandBody(IDS, typed.text, responseUrl()))) as
            | { text?: string; blocks?: unknown[] }
            | undefined;
          if (ack) {
            show({
              channel: IDS.channelId,
              ts: slack.nextTs(),
              threadTs: undefined,
              user: IDS.botUserId,
              text: ack.text ?? '',
              blocks: ack.blocks ?? [],
              ephemeral: true,
            });
          }
          break;
        }
        case 'message':
          await say(typed.text, typed.inThread, false);
          break;
        case 'mention':
          await say(typed.text, typed.inThread, true);
          break;
        case 'share':
          await press(ACTION_SHARE);
          break;
        case 'dismiss':
          await press(ACTION_DISMISS);
          break;
      }
    } catch (error) {
      log.error({ err: error }, 'console input failed');
      write('(something went wrong; see the log line above)');
    }
    rl.prompt();
  }
}

function collectButtons(blocks: unknown[]): Shown['buttons'] {
  const found: Shown['buttons'] = new Map();
  for (const block of blocks as { type?: string; block_id?: string; elements?: unknown[] }[]) {
    if (block?.type !== 'actions') continue;
    for (const el of (block.elements ?? []) as {
      type?: string;
      action_id?: string;
      value?: string;
      text?: { text?: string };
    }[]) {
      if (el?.type === 'button' && el.action_id) {
        found.set(el.action_id, {
          value: el.value,
          blockId: block.block_id,
          text: el.text?.text ?? el.action_id,
        });
      }
    }
  }
  return found;
}

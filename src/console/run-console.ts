import { userInfo } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import { type Config, matchLocale } from '../config.js';
import type { Catalog } from '../core/catalog/types.js';
import type { Logger } from '../log.js';
import type { SlackMessage } from '../render/blocks.js';
import { strings } from '../render/strings.js';
import { renderTerminal } from '../render/terminal.js';
import { createSlackApp } from '../slack/app.js';
import { ACTION_DISMISS, ACTION_SHARE, SHORTCUT_EXPLAIN } from '../slack/registry.js';
import { ConsoleReceiver } from './console-receiver.js';
import { consoleText } from './console-text.js';
import {
  CONSOLE_API_URL,
  CONSOLE_RESPONSE_URL,
  type ConsoleMessage,
  type ConsoleOutput,
  InProcessSlack,
} from './in-process-slack.js';
import { parseLine } from './parse-line.js';
import { readMessages } from './read-messages.js';
import {
  appMentionEventBody,
  type ButtonPress,
  blockActionBody,
  type ConsoleIds,
  messageActionBody,
  messageEventBody,
  slashCommandBody,
} from './slack-bodies.js';
import { wrapText } from './wrap-text.js';

export interface RunConsoleOptions {
  config: Config;
  catalog: Catalog;
  log: Logger;
  input: Readable;
  output: Writable;
  /** ANSI colour; defaults to whether the output is a terminal. */
  color?: boolean;
  /** The person at the console, as shared answers name them; defaults to the login name. */
  userName?: string;
}

const IDS = {
  teamId: 'TCONSOLE0',
  channelId: 'CCONSOLE0',
  botUserId: 'UINTUNEERR',
  apiAppId: 'AINTUNEERR',
} as const;

/**
 * Slack looks a person's language up once and keeps it for hours, as the app does; so
 * each answer language is its own console user, and switching takes effect at once.
 */
function userIdFor(locale: string): string {
  return `UCONSOLE${locale.replace(/[^A-Za-z0-9]/g, '').toUpperCase()}`.slice(0, 21);
}

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
  userName = loginName(),
}: RunConsoleOptions): Promise<void> {
  const tty = output as { isTTY?: boolean; columns?: number };
  const paint = color ?? tty.isTTY === true;
  let locale = catalog.resolveLocale(config.defaultLocale, config.defaultLocale);
  let text = consoleText(locale);
  let ids: ConsoleIds = { ...IDS, userId: userIdFor(locale), userName };
  const userNames = new Map<string, string>([[IDS.botUserId, 'intune-err']]);
  // Folded to the terminal's width as it is now (it may have been resized); never off a terminal.
  const write = (line: string) => {
    const columns = tty.isTTY === true ? (tty.columns ?? 0) : 0;
    output.write(`${columns > 0 ? wrapText(line, columns) : line}\n`);
  };
  // The newest answer carrying each button, as a person would scroll up to press it.
  const lastButtons = new Map<string, Shown>();
  let responseSeq = 0;
  const responseUrl = () => `${CONSOLE_RESPONSE_URL}${++responseSeq}`;

  const show = (message: ConsoleMessage) => {
    const where = message.ephemeral ? ` (${text.onlyYou})` : message.threadTs ? ` (${text.inThread})` : '';
    const body = renderTerminal(
      { text: message.text, blocks: message.blocks as SlackMessage['blocks'] },
      { color: paint, userNames },
    );
    write(`\nintune-err${where}:\n${body}\n`);
    const buttons = collectButtons(message.blocks);
    for (const id of buttons.keys()) lastButtons.set(id, { message, buttons });
  };
  const slack = new InProcessSlack({
    botUserId: IDS.botUserId,
    botId: 'BINTUNEERR',
    userId: ids.userId,
    teamId: IDS.teamId,
    locale,
    // A channel as the console's user sees it: thread reads find what was said, deletes what was posted.
    history: true,
    onOutput: (event: ConsoleOutput) => {
      if (event.type === 'message') show(event.message);
      else if (event.type === 'deleted') write(`\nintune-err: (${text.dismissed})\n`);
      else show(event.message);
    },
  });
  const switchTo = (next: string) => {
    locale = next;
    text = consoleText(locale);
    ids = { ...ids, userId: userIdFor(locale) };
    slack.setUser(ids.userId, { locale, name: userName });
    userNames.set(ids.userId, userName);
  };
  switchTo(locale);
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
  let lastMessage: { text: string; ts: string; user: string } | undefined;
  const say = async (typed: string, inThread: boolean, mention: boolean) => {
    const ts = slack.nextTs();
    const threadTs = inThread ? lastThreadTs : undefined;
    const full = mention ? `<@${IDS.botUserId}> ${typed}` : typed;
    slack.addUserMessage({ channel: IDS.channelId, ts, threadTs, user: ids.userId, text: full });
    lastMessage = { text: full, ts, user: ids.userId };
    // Slack sends both events for a mention; the listeners keep it to one reply.
    await receiver.dispatch(messageEventBody(ids, full, ts, threadTs));
    if (mention) await receiver.dispatch(appMentionEventBody(ids, full, ts, threadTs));
    lastThreadTs = threadTs ?? ts;
  };
  const explain = async (typed: string) => {
    // The shortcut is used on a message already in the channel: the text given stands for one.
    const message = typed === '' ? lastMessage : { text: typed, ts: slack.nextTs(), user: ids.userId };
    if (!message) {
      write(text.nothingToExplain);
      return;
    }
    await receiver.dispatch(messageActionBody(ids, SHORTCUT_EXPLAIN, message, responseUrl()));
  };
  const press = async (actionId: string) => {
    const shown = lastButtons.get(actionId);
    const button = shown?.buttons.get(actionId);
    if (!shown || !button) {
      const s = strings(locale);
      write(text.noButton(actionId === ACTION_SHARE ? s.shareButton : s.dismissButton));
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
    await receiver.dispatch(blockActionBody(ids, p, responseUrl()));
  };
  const language = (wanted: string | undefined) => {
    if (wanted === undefined) {
      write(text.languageIs(locale, catalog.locales));
      return;
    }
    const next = matchLocale(catalog.locales, wanted);
    if (next === undefined) {
      write(text.noSuchLanguage(wanted, catalog.locales));
      return;
    }
    switchTo(next);
    write(text.languageNow(locale));
  };

  write(
    text.greeting(
      catalog.explained.length,
      locale,
      catalog.locales.find((l) => l !== locale),
    ),
  );
  const reader = readMessages(input, output, 'you> ');
  reader.prompt();
  for await (const line of reader.messages) {
    const typed = parseLine(line);
    try {
      switch (typed.type) {
        case 'exit':
          reader.close();
          return;
        case 'help':
          write(text.help(catalog.locales));
          break;
        case 'empty':
          break;
        case 'unknown-command':
          write(text.notACommand(typed.command));
          break;
        case 'lang':
          language(typed.locale);
          break;
        case 'command': {
          const ack = (await receiver.dispatch(slashCommandBody(ids, typed.text, responseUrl()))) as
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
        case 'explain':
          await explain(typed.text);
          break;
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
      write(text.failed);
    }
    reader.prompt();
  }
}

function loginName(): string {
  try {
    return userInfo().username || 'you';
  } catch {
    // No passwd entry (some containers): Slack would still show a name.
    return 'you';
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

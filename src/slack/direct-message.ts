import type { WebClient } from '@slack/web-api';
import { answerQuery } from '../core/answer.js';
import { renderBlocks, renderPlain } from '../render/blocks.js';
import { logLookup, readerLocale, type SlackDeps } from './deps.js';
import { visibleText } from './message-text.js';

const USER_MENTION = /<@[A-Z0-9]+(?:\|[^>]*)?>/g;

export interface DirectMessage {
  channel: string;
  user?: string;
  ts: string;
  thread_ts?: string;
}

/**
 * A person wrote to the bot in its Messages tab. Slack sends no app_mention for a DM, so every
 * message there is a question, asked on purpose: answered like the slash command (codes, names,
 * Win32 numbers, a search, or how to use it), whatever AUTO_REPLY says, and never with a cooldown.
 */
export async function answerDirectMessage(
  deps: SlackDeps,
  client: WebClient,
  message: DirectMessage,
): Promise<void> {
  const started = performance.now();
  const answer = answerQuery(deps.catalog, visibleText(message).replace(USER_MENTION, ' '));
  const locale = await readerLocale(deps, client, message.user);
  const options = { locale, surface: 'direct-message' as const };
  await deps.outbox.post(client, {
    channel: message.channel,
    // A question asked in a thread of the DM is answered there; otherwise in the conversation itself.
    ...(message.thread_ts ? { threadTs: message.thread_ts } : {}),
    message: renderBlocks(deps.catalog, answer, options),
    plain: () => renderPlain(deps.catalog, answer, options),
  });
  logLookup(deps, 'direct-message', answer, locale, started);
}

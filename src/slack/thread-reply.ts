import type { WebClient } from '@slack/web-api';
import type { Answer } from '../core/answer.js';
import { renderCounted, renderPlain, type Surface } from '../render/blocks.js';
import { codeOf, logLookup, type SlackDeps } from './deps.js';

export interface ThreadReply {
  channel: string;
  threadTs: string;
  answer: Answer;
  surface: Extract<Surface, 'mention' | 'auto-reply'>;
  /** The reader's locale; may still be on its way (users.info), so the claim below never waits for it. */
  locale: Promise<string> | string;
  dismissible?: boolean;
  /** When the request began, for the lookup log line. */
  started: number;
}

/**
 * The one home of answering in a thread, for mentions and auto-replies alike:
 * 1. claim the answer's codes in this thread before anything waits, so a paste racing this reply draws no second one;
 * 2. render, and release the codes cut by "…and N more" (they were not explained);
 * 3. post through the per-channel outbox (plain text again if Slack refuses the blocks);
 * 4. release the shown codes if the reply surely never got out (a timed-out post keeps them: it may have landed).
 */
export async function replyInThread(deps: SlackDeps, client: WebClient, reply: ThreadReply): Promise<void> {
  const { channel, threadTs, answer, surface } = reply;
  const codes = answer.items.map(codeOf);
  deps.cooldown.remember(channel, threadTs, codes);
  const locale = await reply.locale;
  const options = { locale, surface, ...(reply.dismissible ? { dismissible: true } : {}) };
  const { message, shown } = renderCounted(deps.catalog, answer, options);
  deps.cooldown.forget(channel, threadTs, codes.slice(shown));
  await deps.outbox.post(client, {
    channel,
    threadTs,
    message,
    plain: () => renderPlain(deps.catalog, answer, options),
    onNotSent: () => deps.cooldown.forget(channel, threadTs, codes.slice(0, shown)),
  });
  logLookup(deps, surface, answer, locale, reply.started);
}

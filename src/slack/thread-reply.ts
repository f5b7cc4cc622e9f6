import type { WebClient } from '@slack/web-api';
import { type Answer, itemsOf } from '../core/answer.js';
import type { Resolution } from '../core/resolve-code.js';
import { renderCounted, renderPlain, type Surface } from '../render/blocks.js';
import { threadKey } from '../state/state-store.js';
import { logLookup, type SlackDeps } from './deps.js';

export interface ThreadReply {
  channel: string;
  threadTs: string;
  answer: Answer;
  surface: Extract<Surface, 'mention' | 'auto-reply'>;
  /** The reader's locale; may still be on its way (users.info): the claim never waits for it. */
  locale: Promise<string> | string;
  dismissible?: boolean;
  /** When the request began, for the lookup log line. */
  started: number;
}

/**
 * What a thread's cooldown counts. A Windows Update code and its Intune twin share their words
 * and each answer names the other, so once one is explained in a thread, so is the other.
 */
export function cooldownKey(item: Resolution): string {
  const twin = item.record?.twin?.code;
  return twin !== undefined && twin < item.code ? twin : item.code;
}

/**
 * The one home of answering in a thread, for mentions and auto-replies alike:
 * 1. claim the answer's codes in this thread (atomically, across replicas) before rendering or
 *    sending, so a paste racing this reply draws no second one. An auto-reply answers only the
 *    codes it claimed; a mention was asked, so it answers all, claiming what it can;
 * 2. render, and release what it claimed but "…and N more" cut (not explained);
 * 3. post through the per-channel outbox (plain text again if Slack refuses the blocks);
 * 4. release what it claimed and showed if the reply surely never got out (a timed-out post keeps
 *    them: it may have landed). A claim another reply holds is never released here.
 * Returns false when an auto-reply had nothing left to say.
 */
export async function replyInThread(
  deps: SlackDeps,
  client: WebClient,
  reply: ThreadReply,
): Promise<boolean> {
  const { channel, threadTs, surface } = reply;
  const thread = threadKey(channel, threadTs);
  const claimed = new Set(
    await deps.state.claimCodes(
      thread,
      [...new Set(itemsOf(reply.answer).map(cooldownKey))],
      deps.config.autoReplyCooldownMs,
    ),
  );
  const asked = itemsOf(reply.answer);
  const items = surface === 'auto-reply' ? asked.filter((item) => claimed.has(cooldownKey(item))) : asked;
  if (surface === 'auto-reply' && items.length === 0) {
    deps.log.debug({ surface, quiet: 'cooldown' }, 'staying quiet');
    return false;
  }
  const answer: Answer = reply.answer.kind === 'codes' ? { ...reply.answer, items } : reply.answer;
  const ours = (list: readonly Resolution[]) =>
    [...new Set(list.map(cooldownKey))].filter((key) => claimed.has(key));
  const locale = await reply.locale;
  const options = { locale, surface, ...(reply.dismissible ? { dismissible: true } : {}) };
  const { message, shown } = renderCounted(deps.catalog, answer, options);
  // A cut code whose twin was shown shares its claim: that claim was used, so it stays.
  const shownKeys = new Set(items.slice(0, shown).map(cooldownKey));
  await deps.state.release(
    thread,
    ours(items.slice(shown)).filter((key) => !shownKeys.has(key)),
  );
  await deps.outbox.post(client, {
    channel,
    threadTs,
    message,
    plain: () => renderPlain(deps.catalog, answer, options),
    onNotSent: () => void deps.state.release(thread, ours(items.slice(0, shown))),
  });
  logLookup(deps, surface, answer, locale, reply.started);
  return true;
}

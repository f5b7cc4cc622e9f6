import type { App } from '@slack/bolt';
import { answerMessage, isExplained, isIntuneTableItem } from '../core/answer.js';
import { readerLocale, type SlackDeps } from './deps.js';
import { visibleText } from './message-text.js';
import { quietReason } from './quiet-rules.js';
import { replyInThread } from './thread-reply.js';

/**
 * Someone pasted a known code in a channel the bot is in: a short reply in that
 * message's thread. Quiet for everything else, and never twice for one code in one thread.
 */
export function registerAutoReply(app: App, deps: SlackDeps): void {
  app.event('message', async ({ event, client, context }) => {
    if (!deps.config.autoReply) return;
    const message = event as {
      subtype?: string;
      bot_id?: string;
      user?: string;
      text?: string;
      ts: string;
      thread_ts?: string;
      channel: string;
    };
    const reason = quietReason(message, context.botUserId);
    if (reason !== undefined) {
      deps.log.debug({ surface: 'auto-reply', quiet: reason }, 'staying quiet');
      return;
    }
    const started = performance.now();
    const threadTs = message.thread_ts ?? message.ts;
    const found = answerMessage(deps.catalog, visibleText(message));
    // Only codes we can explain in words earn an unasked-for reply (AUTO_REPLY_SCOPE=intune: only
    // Intune table rows); a number we can merely decode is not worth interrupting people for.
    const earns = deps.config.autoReplyScope === 'intune' ? isIntuneTableItem : isExplained;
    // A Windows Update code and its Intune twin share their words, and each answer names the
    // other: once one is explained in a thread, so is the other.
    const cooling = (code: string | undefined) =>
      code !== undefined && deps.cooldown.isCooling(message.channel, threadTs, code);
    const fresh = found.items.filter(
      (item) => earns(item) && !cooling(item.code) && !cooling(item.record?.twin?.code),
    );
    if (fresh.length === 0) {
      if (found.items.length > 0)
        deps.log.debug({ surface: 'auto-reply', quiet: 'cooldown-or-unknown' }, 'staying quiet');
      return;
    }
    await replyInThread(deps, client, {
      channel: message.channel,
      threadTs,
      answer: { ...found, items: fresh },
      surface: 'auto-reply',
      locale: readerLocale(deps, client, message.user),
      dismissible: true,
      started,
    });
  });
}

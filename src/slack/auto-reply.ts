import { answerMessage, isExplained, isIntuneTableItem, itemsOf } from '../core/answer.js';
import { readerLocale, type SlackDeps } from './deps.js';
import { answerDirectMessage } from './direct-message.js';
import type { Listeners } from './listeners.js';
import { visibleText } from './message-text.js';
import { EVENT_DEDUPE_TTL_MS, quietReason } from './quiet-rules.js';
import { replyInThread } from './thread-reply.js';

/**
 * Someone pasted a known code in a channel the bot is in: a short reply in that
 * message's thread. Quiet for everything else, and never twice for one code in one thread.
 */
export function registerAutoReply(app: Listeners, deps: SlackDeps): void {
  app.event('message', async ({ event, client, context }) => {
    const message = event as {
      subtype?: string;
      bot_id?: string;
      user?: string;
      text?: string;
      ts: string;
      thread_ts?: string;
      channel: string;
      channel_type?: string;
    };
    const reason = quietReason(message, context.botUserId);
    // The bot's Messages tab: every message there is a question (and a DM mention brings no app_mention).
    if (message.channel_type === 'im' && (reason === undefined || reason === 'mentions-bot')) {
      if (await deps.state.claimOnce('message', `${message.channel}:${message.ts}`, EVENT_DEDUPE_TTL_MS))
        await answerDirectMessage(deps, client, message);
      return;
    }
    if (!deps.config.autoReply) return;
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
    const explained = itemsOf(found).filter(earns);
    const quiet = (why: string) => deps.log.debug({ surface: 'auto-reply', quiet: why }, 'staying quiet');
    if (explained.length === 0) {
      if (found.kind === 'codes') quiet('not-explained');
      return;
    }
    // One answer per message, even when its twin event (another event id) reached another replica.
    if (!(await deps.state.claimOnce('message', `${message.channel}:${message.ts}`, EVENT_DEDUPE_TTL_MS))) {
      quiet('answered-elsewhere');
      return;
    }
    await replyInThread(deps, client, {
      channel: message.channel,
      threadTs,
      answer: { kind: 'codes', items: explained, fallbackUrl: found.fallbackUrl },
      surface: 'auto-reply',
      locale: readerLocale(deps, client, message.user),
      dismissible: true,
      started,
    });
  });
}

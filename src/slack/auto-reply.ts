import type { App } from '@slack/bolt';
import { type Answer, answerMessage } from '../core/answer.js';
import { renderCounted, renderPlain } from '../render/blocks.js';
import { threadKey } from '../state/state-store.js';
import { codeOf, logLookup, readerLocale, type SlackDeps } from './deps.js';
import { EVENT_DEDUPE_TTL_MS, quietReason } from './quiet-rules.js';

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
    const found = answerMessage(deps.catalog, message.text ?? '');
    // Only rows of the Intune table earn an unasked-for reply; an unknown hex number is not ours to explain.
    const known = found.items.filter((item) => item.kind === 'intune');
    const quiet = (why: string) => deps.log.debug({ surface: 'auto-reply', quiet: why }, 'staying quiet');
    if (known.length === 0) {
      if (found.items.length > 0) quiet('cooldown-or-unknown');
      return;
    }
    // One answer per message, even when its twin event reached another replica.
    if (!(await deps.state.claimOnce('message', `${message.channel}:${message.ts}`, EVENT_DEDUPE_TTL_MS))) {
      quiet('answered-elsewhere');
      return;
    }
    // Claim the codes before sending (atomically, across replicas), so a burst of pastes in one
    // thread cannot race to a double reply.
    const thread = threadKey(message.channel, threadTs);
    const claimed = new Set(
      await deps.state.claimCodes(thread, [...new Set(known.map(codeOf))], deps.config.autoReplyCooldownMs),
    );
    const fresh = known.filter((item) => claimed.has(codeOf(item)));
    if (fresh.length === 0) {
      quiet('cooldown-or-unknown');
      return;
    }
    const answer: Answer = { ...found, items: fresh };
    const locale = await readerLocale(deps, client, message.user);
    const options = { locale, surface: 'auto-reply' as const, dismissible: true };
    const { message: reply, shown } = renderCounted(deps.catalog, answer, options);
    // Codes cut by "…and N more" were not explained: a later paste of one of them earns a reply.
    await deps.state.release(thread, fresh.slice(shown).map(codeOf));
    await deps.outbox.post(client, {
      channel: message.channel,
      threadTs,
      message: reply,
      plain: () => renderPlain(deps.catalog, answer, options),
      // Nobody got the explanation: the next paste of these codes in this thread must get it.
      onNotSent: () => void deps.state.release(thread, fresh.slice(0, shown).map(codeOf)),
    });
    logLookup(deps, 'auto-reply', answer, locale, started);
  });
}

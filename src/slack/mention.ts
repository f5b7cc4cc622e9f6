import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { type Answer, answerMessage, answerQuery } from '../core/answer.js';
import { renderCounted, renderPlain } from '../render/blocks.js';
import { threadKey } from '../state/state-store.js';
import { codeOf, logLookup, readerLocale, type SlackDeps } from './deps.js';
import { EVENT_DEDUPE_TTL_MS } from './quiet-rules.js';
import { obeyRateLimits } from './rate-limit.js';

const USER_MENTION = /<@[A-Z0-9]+(?:\|[^>]*)?>/g;

/**
 * `@intune-err` in a support thread: always answered in the thread. The codes in
 * the mention come first; without any, the codes posted earlier in the thread.
 */
export function registerMention(app: App, deps: SlackDeps): void {
  app.event('app_mention', async ({ event, client, context }) => {
    const started = performance.now();
    // One answer per message, even when its twin event (another event id) reached another replica.
    if (!(await deps.state.claimOnce('message', `${event.channel}:${event.ts}`, EVENT_DEDUPE_TTL_MS))) {
      deps.log.debug({ surface: 'mention', quiet: 'answered-elsewhere' }, 'staying quiet');
      return;
    }
    const threadTs = event.thread_ts ?? event.ts;
    // Looked up beside the thread read, and awaited only once the codes are claimed below.
    const reader = readerLocale(deps, client, event.user);
    let answer: Answer = answerQuery(deps.catalog, (event.text ?? '').replace(USER_MENTION, ' '));
    if (answer.kind !== 'codes') {
      answer = event.thread_ts
        ? await codesInThread(deps, client, event.channel, event.thread_ts, event.ts, context)
        : none(deps);
    }
    // Auto-reply must not explain these again in this thread. Claimed before the locale lookup and
    // the send, so a paste of the same code while this answer is on its way draws no second one
    // (codes found by reading the thread can only be claimed once the read is back).
    // Only what this mention claimed is its to give back; a code auto-reply holds stays held.
    const thread = threadKey(event.channel, threadTs);
    const claimed = new Set(
      await deps.state.claimCodes(
        thread,
        [...new Set(answer.items.map(codeOf))],
        deps.config.autoReplyCooldownMs,
      ),
    );
    const ours = (items: Answer['items']) => items.map(codeOf).filter((code) => claimed.has(code));
    const locale = await reader;
    const options = { locale, surface: 'mention' as const };
    const { message, shown } = renderCounted(deps.catalog, answer, options);
    // Codes cut by "…and N more" were not explained: auto-reply may still answer them here.
    await deps.state.release(thread, ours(answer.items.slice(shown)));
    await deps.outbox.post(client, {
      channel: event.channel,
      threadTs,
      message,
      plain: () => renderPlain(deps.catalog, answer, options),
      // Nobody got the explanation: auto-reply may give it for the next paste in this thread.
      onNotSent: () => void deps.state.release(thread, ours(answer.items.slice(0, shown))),
    });
    logLookup(deps, 'mention', answer, locale, started);
  });
}

function none(deps: SlackDeps): Answer {
  return { kind: 'none', items: [], search: undefined, fallbackUrl: deps.catalog.fallbackUrl };
}

/** The codes people posted in the thread before the mention (the bot's own replies excluded). */
async function codesInThread(
  deps: SlackDeps,
  client: WebClient,
  channel: string,
  threadTs: string,
  mentionTs: string,
  self: { botUserId?: string; botId?: string },
): Promise<Answer> {
  try {
    const res = await obeyRateLimits(() =>
      // Only what came before the mention. Slack pages oldest first, so in a thread of more than 200
      // replies the ones nearest the mention are not read (support threads are far shorter).
      client.conversations.replies({
        channel,
        ts: threadTs,
        latest: mentionTs,
        inclusive: false,
        limit: 200,
      }),
    );
    // Only the bot's own replies are left out: an alerting integration's "device reported 0x80cf…"
    // is often the very message people want explained.
    const ours = (m: { user?: string; bot_id?: string }) =>
      (self.botUserId !== undefined && m.user === self.botUserId) ||
      (self.botId !== undefined && m.bot_id === self.botId);
    // Earlier means before the mention: a late-handled mention must not explain what came after it.
    const earlier = (m: { ts?: string }) => m.ts !== undefined && Number(m.ts) < Number(mentionTs);
    const text = (res.messages ?? [])
      .filter((m) => earlier(m) && !ours(m))
      .map((m) => m.text ?? '')
      .join('\n');
    return answerMessage(deps.catalog, text);
  } catch (error) {
    // Without the thread we cannot say it holds no codes, but we can say how to ask.
    deps.log.warn({ err: error, channel }, 'conversations.replies failed; answering with usage');
    return { ...none(deps), kind: 'usage' };
  }
}

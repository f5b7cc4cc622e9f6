import type { WebClient } from '@slack/web-api';
import { type Answer, answerMessage, answerQuery } from '../core/answer.js';
import { readerLocale, type SlackDeps } from './deps.js';
import type { Listeners } from './listeners.js';
import { visibleText } from './message-text.js';
import { EVENT_DEDUPE_TTL_MS } from './quiet-rules.js';
import { replyInThread } from './thread-reply.js';
import { obeyRateLimits } from './web-api.js';

const USER_MENTION = /<@[A-Z0-9]+(?:\|[^>]*)?>/g;

/**
 * `@intune-err` in a support thread: always answered in the thread. The codes in
 * the mention come first; without any, the codes posted earlier in the thread.
 */
export function registerMention(app: Listeners, deps: SlackDeps): void {
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
    let answer: Answer = answerQuery(deps.catalog, (event.text ?? '').replace(USER_MENTION, ' '), {
      strict: true,
    });
    if (answer.kind !== 'codes') {
      answer = event.thread_ts
        ? await codesInThread(deps, client, event.channel, event.thread_ts, event.ts, context)
        : none(deps);
    }
    // Claimed inside replyInThread before the locale is awaited: auto-reply must not explain these
    // again in this thread (codes found by reading the thread can only be claimed once the read is back).
    await replyInThread(deps, client, {
      channel: event.channel,
      threadTs,
      answer,
      surface: 'mention',
      locale: reader,
      started,
    });
  });
}

function none(deps: SlackDeps): Answer {
  return { kind: 'none', fallbackUrl: deps.catalog.fallbackUrl };
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
      .map((m) => visibleText(m))
      .join('\n');
    return answerMessage(deps.catalog, text);
  } catch (error) {
    // Without the thread we cannot say it holds no codes, but we can say how to ask.
    deps.log.warn({ err: error, channel }, 'conversations.replies failed; answering with usage');
    return { ...none(deps), kind: 'usage' };
  }
}

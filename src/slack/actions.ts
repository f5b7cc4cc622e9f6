import type { BlockAction, ButtonAction } from '@slack/bolt';
import { answerQuery } from '../core/answer.js';
import { renderBlocks } from '../render/blocks.js';
import { strings } from '../render/strings.js';
import { LOCALE_BUDGET_MS, logLookup, readerLocale, type SlackDeps } from './deps.js';
import type { Listeners } from './listeners.js';
import { ACTION_DISMISS, ACTION_SHARE } from './registry.js';
import { decodeShareValue } from './share-value.js';

/** The buttons on answers: Share in channel (slash command) and Dismiss (auto-reply). */
export function registerActions(app: Listeners, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTION_SHARE, async ({ ack, body, action, respond, client }) => {
    await ack();
    const started = performance.now();
    const shared = decodeShareValue(action.value ?? '');
    if (!shared) {
      deps.log.warn({ action: ACTION_SHARE }, 'share button carried a value we did not write');
      const locale = await readerLocale(deps, client, body.user.id, LOCALE_BUDGET_MS);
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: strings(locale).shareFailed,
      });
      return;
    }
    const locale = deps.catalog.resolveLocale(shared.locale, deps.config.defaultLocale);
    const answer = answerQuery(deps.catalog, shared.query);
    const message = renderBlocks(deps.catalog, answer, {
      locale,
      surface: 'shared',
      sharedBy: body.user.id,
      query: shared.query,
    });
    // Through the response_url, so sharing works in any channel, even ones the bot was never invited to.
    // Two requests: Slack takes a body with delete_original as a deletion only and posts nothing, so
    // the public answer goes first, and the private original goes only once the answer is out.
    await respond({
      response_type: 'in_channel',
      replace_original: false,
      text: message.text,
      blocks: message.blocks,
    });
    await respond({ delete_original: true });
    logLookup(deps, 'shared', answer, locale, started);
  });

  app.action<BlockAction<ButtonAction>>(ACTION_DISMISS, async ({ ack, body, client, context }) => {
    await ack();
    const channel = body.channel?.id ?? body.container?.channel_id;
    const message = body.message;
    // Only the bot's own replies can be dismissed; the button cannot be replayed against anything else.
    const ours =
      message !== undefined &&
      (message.user === context.botUserId ||
        (message.bot_id !== undefined && message.bot_id === context.botId));
    if (!channel || !message?.ts || !ours) {
      deps.log.warn({ action: ACTION_DISMISS, channel }, 'dismiss ignored: not one of our messages');
      return;
    }
    await deps.outbox.delete(client, channel, message.ts);
    deps.log.info({ surface: 'auto-reply', channel }, 'dismissed');
  });
}

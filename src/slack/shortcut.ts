import type { MessageShortcut } from '@slack/bolt';
import { answerMessage } from '../core/answer.js';
import { renderBlocks } from '../render/blocks.js';
import { logLookup, readerLocale, type SlackDeps } from './deps.js';
import type { Listeners } from './listeners.js';
import { visibleText } from './message-text.js';
import { SHORTCUT_EXPLAIN } from './registry.js';

/** "Explain error codes" on any message: a private answer for the codes in it. */
export function registerShortcut(app: Listeners, deps: SlackDeps): void {
  app.shortcut<MessageShortcut>(SHORTCUT_EXPLAIN, async ({ ack, shortcut, client, respond }) => {
    await ack();
    const started = performance.now();
    const locale = await readerLocale(deps, client, shortcut.user.id);
    const answer = answerMessage(deps.catalog, visibleText(shortcut.message));
    const message = renderBlocks(deps.catalog, answer, { locale, surface: 'shortcut' });
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: message.text,
      blocks: message.blocks,
    });
    logLookup(deps, 'shortcut', answer, locale, started);
  });
}

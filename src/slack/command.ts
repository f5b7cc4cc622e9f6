import { answerQuery } from '../core/answer.js';
import { renderBlocks } from '../render/blocks.js';
import { encodeShareValue } from '../render/share-value.js';
import { LOCALE_BUDGET_MS, logLookup, readerLocale, type SlackDeps } from './deps.js';
import type { Listeners } from './listeners.js';
import { COMMAND } from './registry.js';

/** `/intune-err <codes or words>`: answered inside the ack, privately, with a Share button. */
export function registerCommand(app: Listeners, deps: SlackDeps): void {
  app.command(COMMAND, async ({ command, ack, client }) => {
    const started = performance.now();
    const locale = await readerLocale(deps, client, command.user_id, LOCALE_BUDGET_MS);
    const answer = answerQuery(deps.catalog, command.text ?? '');
    const shareable =
      answer.kind === 'codes' || (answer.kind === 'search' && (answer.search?.hits.length ?? 0) > 0);
    const message = renderBlocks(deps.catalog, answer, {
      locale,
      surface: 'command',
      query: command.text ?? '',
      ...(shareable ? { shareValue: encodeShareValue(answer, locale) } : {}),
    });
    await ack({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
    logLookup(deps, 'command', answer, locale, started);
  });
}

import { LRUCache } from 'lru-cache';
import { type Answer, answerQuery } from '../core/answer.js';
import { renderBlocks } from '../render/blocks.js';
import { LOCALE_BUDGET_MS, logLookup, readerLocale, type SlackDeps } from './deps.js';
import type { Listeners } from './listeners.js';
import { COMMAND } from './registry.js';
import { encodeShareValue } from './share-value.js';

/** Ready-to-send answers kept, measured in characters of their text and blocks (about 1–2 KB each). */
export const ANSWER_CACHE_CHARS = 2_000_000;

interface ReadyAnswer {
  answer: Answer;
  body: { response_type: 'ephemeral'; text: string; blocks: unknown[] };
  chars: number;
}

/** `/intune-err <codes or words>`: answered inside the ack, privately, with a Share button. */
export function registerCommand(app: Listeners, deps: SlackDeps): void {
  // The catalog never changes while the bot runs, so the same text in the same locale always gets
  // the same answer: admins repeat the few codes that are failing today, and answering, rendering
  // and sizing them again each time was most of a command's cost. Grows with use, bounded in size.
  const ready = new LRUCache<string, ReadyAnswer>({
    maxSize: ANSWER_CACHE_CHARS,
    sizeCalculation: (entry, key) => entry.chars + key.length,
  });
  app.command(COMMAND, async ({ command, ack, client }) => {
    const started = performance.now();
    const locale = await readerLocale(deps, client, command.user_id, LOCALE_BUDGET_MS);
    const text = command.text ?? '';
    const key = `${locale}\u0000${text}`;
    let entry = ready.get(key);
    if (entry === undefined) {
      entry = prepare(deps, text, locale);
      ready.set(key, entry);
    }
    await ack(entry.body);
    logLookup(deps, 'command', entry.answer, locale, started);
  });
}

function prepare(deps: SlackDeps, text: string, locale: string): ReadyAnswer {
  const answer = answerQuery(deps.catalog, text);
  const shareable =
    answer.kind === 'codes' || (answer.kind === 'search' && (answer.search?.hits.length ?? 0) > 0);
  const message = renderBlocks(deps.catalog, answer, {
    locale,
    surface: 'command',
    query: text,
    ...(shareable ? { shareValue: encodeShareValue(answer, locale) } : {}),
  });
  const body = { response_type: 'ephemeral' as const, text: message.text, blocks: message.blocks };
  return { answer, body, chars: Math.max(1, message.text.length + JSON.stringify(message.blocks).length) };
}

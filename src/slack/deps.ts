import type { WebClient } from '@slack/web-api';
import type { Config } from '../config.js';
import { type Answer, itemsOf } from '../core/answer.js';
import type { Catalog } from '../core/catalog/types.js';
import type { Resolution } from '../core/resolve-code.js';
import type { Logger } from '../log.js';
import type { Surface } from '../render/blocks.js';
import type { StateStore } from '../state/state-store.js';
import type { Outbox } from './send.js';
import type { UserLocales } from './user-locale.js';

/** What every listener shares: built once by createSlackApp. */
export interface SlackDeps {
  config: Config;
  catalog: Catalog;
  log: Logger;
  locales: UserLocales;
  outbox: Outbox;
  /** Event ids, message claims, thread cooldowns, locales: in memory, or shared by replicas on Redis. */
  state: StateStore;
}

/** A cold users.info must never cost the slash command its 3-second window. */
export const LOCALE_BUDGET_MS = 1200;

/** The catalog locale to answer a user in: their Slack locale where a table exists, else DEFAULT_LOCALE. */
export async function readerLocale(
  deps: SlackDeps,
  client: WebClient,
  userId: string | undefined,
  budgetMs?: number,
) {
  const slackLocale = userId ? await deps.locales.lookup(client, userId, budgetMs) : undefined;
  return deps.catalog.resolveLocale(slackLocale, deps.config.defaultLocale);
}

export function codeOf(item: Resolution): string {
  return item.code;
}

/** The one log line per answer: which surface, which codes, never the text around them. */
export function logLookup(
  deps: SlackDeps,
  surface: Surface,
  answer: Answer,
  locale: string,
  started: number,
): void {
  deps.log.info(
    {
      surface,
      kind: answer.kind,
      codes: itemsOf(answer).map(codeOf),
      hits: answer.kind === 'search' ? answer.search.hits.length : undefined,
      locale,
      ms: Math.round((performance.now() - started) * 10) / 10,
    },
    'lookup',
  );
}

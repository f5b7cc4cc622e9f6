import type { Catalog, CodeRecord } from './catalog/types.js';
import type { Resolution } from './resolve-code.js';

/** The reader's language, else the source language, else any: the one locale fallback. */
export function inLocale<T>(
  catalog: Catalog,
  byLocale: Readonly<Record<string, T>> | undefined,
  locale: string,
): T | undefined {
  if (!byLocale) return undefined;
  return byLocale[locale] ?? byLocale[catalog.locales[0] ?? ''] ?? Object.values(byLocale)[0];
}

/** What a record is called: its most specific name, else our short title in the reader's language. */
export function displayName(catalog: Catalog, record: CodeRecord, locale: string): string | undefined {
  return record.names[0] ?? inLocale(catalog, record.title, locale);
}

/** What to try next, at most three steps: the code's own, else its family's, else its component's. */
export function hintsFor(catalog: Catalog, item: Resolution, locale: string): readonly string[] {
  let steps: readonly string[] = inLocale(catalog, item.record?.hints, locale) ?? [];
  if (steps.length === 0 && item.family) steps = catalog.familyHints(item.family, locale);
  if (steps.length === 0 && item.record?.component)
    steps = catalog.componentHints(item.record.component, locale);
  return steps.slice(0, 3);
}

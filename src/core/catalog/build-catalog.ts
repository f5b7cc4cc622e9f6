import { DataError } from '../../errors.js';
import { formatCode } from '../hex.js';
import { buildRecords, type KnowledgeSources, NO_KNOWLEDGE } from './build-records.js';
import { componentOf } from './component.js';
import type { Page } from './read-page.js';
import type { Catalog, CatalogEntry, Inline, Locale, PageInfo, WuCode } from './types.js';
import { findWuTwin } from './wu-twin.js';

/**
 * Joins the pages of every locale and the Windows Update list into one indexed
 * catalog. Every page must list the same codes under the same names, in any order.
 */
export function buildCatalog(
  pages: readonly Page[],
  wuCodes: readonly WuCode[],
  knowledge: KnowledgeSources = NO_KNOWLEDGE,
): Catalog {
  const [first, ...others] = pages;
  if (!first)
    throw new DataError(
      'data/',
      undefined,
      'no error-table page found (software-update-agent-error-codes.<locale>.md)',
    );

  const wuValues = new Map(wuCodes.map((wu) => [wu.value, wu]));
  const wuNames = new Map(wuCodes.map((wu) => [wu.name.toUpperCase(), wu]));

  const entries: CatalogEntry[] = [];
  const byValue = new Map<number, CatalogEntry>();
  const byName = new Map<string, CatalogEntry>();
  for (const row of first.rows) {
    if (byValue.has(row.value))
      throw new DataError(first.file, row.line, `${formatCode(row.value)} appears twice`);
    if (byName.has(row.name)) throw new DataError(first.file, row.line, `${row.name} appears twice`);
    const entry: CatalogEntry = {
      value: row.value,
      code: formatCode(row.value),
      name: row.name,
      severity: row.value >>> 31 === 1 ? 'error' : 'success',
      component: componentOf(row.value, row.name),
      description: { [first.locale]: row.description },
      wuTwin: findWuTwin(row.value, row.name, (value) => wuValues.get(value)),
    };
    entries.push(entry);
    byValue.set(entry.value, entry);
    byName.set(entry.name, entry);
  }

  const locales: Locale[] = [first.locale];
  for (const page of others) {
    if (locales.includes(page.locale)) throw new DataError(page.file, 2, `a second page for ${page.locale}`);
    locales.push(page.locale);
    const seen = new Set<number>();
    for (const row of page.rows) {
      const entry = byValue.get(row.value);
      if (!entry)
        throw new DataError(page.file, row.line, `${formatCode(row.value)} is not on ${first.file}`);
      if (entry.name !== row.name) {
        throw new DataError(
          page.file,
          row.line,
          `${formatCode(row.value)} is named ${row.name} here but ${entry.name} on ${first.file}`,
        );
      }
      if (seen.has(row.value))
        throw new DataError(page.file, row.line, `${formatCode(row.value)} appears twice`);
      seen.add(row.value);
      entry.description[page.locale] = row.description;
    }
    const missing = entries.filter((entry) => !seen.has(entry.value));
    if (missing.length > 0) {
      throw new DataError(
        page.file,
        undefined,
        `missing ${missing.length} code(s) that ${first.file} has, such as ${missing[0]?.code}`,
      );
    }
  }

  const twins = new Map<number, CatalogEntry>();
  for (const entry of entries) if (entry.wuTwin) twins.set(entry.wuTwin.value, entry);

  const pageInfo: Record<Locale, PageInfo> = {};
  for (const { rows: _rows, ...info } of pages) pageInfo[info.locale] = info;

  const index = buildRecords(entries, wuCodes, knowledge, first.locale);

  return {
    lookup: index.lookup,
    lookupName: index.lookupName,
    // A getter, not a copy: the list is complete only once the header names are joined (on first use).
    get explained() {
      return index.explained;
    },
    facilityName: index.facilityName,
    familyHints: index.familyHints,
    componentHints: index.componentHints,
    setupExtend: index.setupExtend,
    locales,
    pages: pageInfo,
    fallbackUrl: first.fallbackUrl,
    entries,
    byValue: (value) => byValue.get(value >>> 0),
    byName: (name) => byName.get(name.toUpperCase()),
    wuByValue: (value) => wuValues.get(value >>> 0),
    wuByName: (name) => wuNames.get(name.toUpperCase()),
    byWuTwin: (value) => twins.get(value >>> 0),
    resolveLocale(requested, fallback) {
      const pick = (wanted: string | undefined) => {
        if (!wanted) return undefined;
        const normalized = wanted.replace('_', '-');
        const exact = locales.find((l) => l.toLowerCase() === normalized.toLowerCase());
        if (exact) return exact;
        const language = normalized.split('-')[0]?.toLowerCase();
        return locales.find((l) => l.split('-')[0]?.toLowerCase() === language);
      };
      return pick(requested) ?? pick(fallback) ?? first.locale;
    },
  };
}

export function plainText(inlines: readonly Inline[]): string {
  return inlines.map((part) => part.text).join('');
}

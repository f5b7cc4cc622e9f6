import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../../errors.js';
import { buildCatalog } from './build-catalog.js';
import { type ParsedSources, readParseCache, sourcesKey, writeParseCache } from './parse-cache.js';
import { readPage } from './read-page.js';
import { readWuCodes } from './read-wu-codes.js';
import type { Catalog } from './types.js';

export const PAGE_FILE = /^software-update-agent-error-codes\.([A-Za-z]{2,3}-[A-Za-z]{2})\.md$/;
export const WU_CODES_FILE = 'windows-update-agent-codes.tsv';

export interface LoadCatalogOptions {
  /** Where parsed pages may be cached (keyed by the data files' content); none when omitted. */
  cacheFile?: string;
}

/**
 * Reads every error-table page in `dataDir` (one per locale, as Microsoft publishes
 * them) and the Windows Update code list. Runs once at start-up; throws DataError.
 */
export function loadCatalog(dataDir: string, options: LoadCatalogOptions = {}): Catalog {
  let names: string[];
  try {
    names = readdirSync(dataDir).sort();
  } catch (error) {
    throw new DataError(
      dataDir,
      undefined,
      `cannot read the data folder (${(error as NodeJS.ErrnoException).code ?? 'error'}); set DATA_DIR`,
    );
  }
  if (!names.includes(WU_CODES_FILE)) throw new DataError(join(dataDir, WU_CODES_FILE), undefined, 'missing');
  // The source language (Swedish, as given) first, so it is the reference every other page is checked against.
  const pageNames = names
    .filter((name) => PAGE_FILE.test(name))
    .sort((a, b) => Number(b.includes('.sv-SE.')) - Number(a.includes('.sv-SE.')));
  const files = [...pageNames, WU_CODES_FILE].map((name) => ({
    name,
    text: readFileSync(join(dataDir, name), 'utf8'),
  }));
  const key = options.cacheFile ? sourcesKey(files) : '';
  const cached = options.cacheFile ? readParseCache(options.cacheFile, key) : undefined;
  const sources: ParsedSources = cached ?? {
    pages: files.filter((f) => f.name !== WU_CODES_FILE).map((f) => readPage(f.name, f.text)),
    wuCodes: readWuCodes(WU_CODES_FILE, files.at(-1)?.text ?? ''),
  };
  // Built (and so validated) from the parsed rows either way: a cache never skips the checks.
  const catalog = buildCatalog(sources.pages, sources.wuCodes);
  if (options.cacheFile && !cached) writeParseCache(options.cacheFile, key, sources);
  return catalog;
}

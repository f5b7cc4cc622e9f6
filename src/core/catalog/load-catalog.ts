import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../../errors.js';
import { buildCatalog } from './build-catalog.js';
import { type Page, readPage } from './read-page.js';
import { readWuCodes } from './read-wu-codes.js';
import type { Catalog } from './types.js';

export const PAGE_FILE = /^software-update-agent-error-codes\.([A-Za-z]{2,3}-[A-Za-z]{2})\.md$/;
export const WU_CODES_FILE = 'windows-update-agent-codes.tsv';

/**
 * Reads every error-table page in `dataDir` (one per locale, as Microsoft publishes
 * them) and the Windows Update code list. Runs once at start-up; throws DataError.
 */
export function loadCatalog(dataDir: string): Catalog {
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
  const read = (name: string) => readFileSync(join(dataDir, name), 'utf8');
  // The source language (Swedish, as given) first, so it is the reference every other page is checked against.
  const pageNames = names
    .filter((name) => PAGE_FILE.test(name))
    .sort((a, b) => Number(b.includes('.sv-SE.')) - Number(a.includes('.sv-SE.')));
  const pages: Page[] = pageNames.map((name) => readPage(name, read(name)));
  if (!names.includes(WU_CODES_FILE)) throw new DataError(join(dataDir, WU_CODES_FILE), undefined, 'missing');
  return buildCatalog(pages, readWuCodes(WU_CODES_FILE, read(WU_CODES_FILE)));
}

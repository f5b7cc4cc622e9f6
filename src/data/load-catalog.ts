import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCatalog } from '../core/catalog/build-catalog.js';
import {
  CURATED_FILE,
  readComponentHints,
  readCurated,
  readSetupExtend,
} from '../core/catalog/read-curated.js';
import { readDescriptions } from '../core/catalog/read-descriptions.js';
import { readPage } from '../core/catalog/read-page.js';
import { readWindowsNames } from '../core/catalog/read-windows-names.js';
import { readWuCodes } from '../core/catalog/read-wu-codes.js';
import type { Catalog } from '../core/catalog/types.js';
import { DataError } from '../errors.js';
import { type ParsedSources, readParseCache, sourcesKey, writeParseCache } from './parse-cache.js';

export const PAGE_FILE = /^software-update-agent-error-codes\.([A-Za-z]{2,3}-[A-Za-z]{2})\.md$/;
export const WU_CODES_FILE = 'windows-update-agent-codes.tsv';
export const WINDOWS_NAMES_FILE = 'windows-error-names.tsv';
export const WU_DESCRIPTIONS_FILE = /^windows-update-agent-descriptions\.([A-Za-z]{2,3}-[A-Za-z]{2})\.tsv$/;
export const COMPONENT_HINTS_FILE = /^component-hints\.([A-Za-z]{2,3}-[A-Za-z]{2})\.yaml$/;
export const CURATED_DIR = 'curated';
const SETUP_EXTEND = 'setup-extend';

export interface LoadCatalogOptions {
  /** Where parsed pages may be cached (keyed by the data files' content); none when omitted. */
  cacheFile?: string;
}

interface DataFile {
  name: string;
  text: string;
}

/**
 * Reads every data file in `dataDir`: the Intune pages (one per locale, as Microsoft
 * publishes them), the Windows Update codes and our words for them, the Windows
 * header names, and the curated rows. Runs once at start-up; throws DataError.
 */
export function loadCatalog(dataDir: string, options: LoadCatalogOptions = {}): Catalog {
  const names = list(dataDir);
  if (!names.includes(WU_CODES_FILE)) throw new DataError(join(dataDir, WU_CODES_FILE), undefined, 'missing');
  const curatedNames = names.includes(CURATED_DIR)
    ? list(join(dataDir, CURATED_DIR))
        .filter((name) => CURATED_FILE.test(name))
        .map((name) => `${CURATED_DIR}/${name}`)
    : [];
  // The source language (Swedish, as given) first, so it is the reference every other page is checked against.
  const pageNames = names
    .filter((name) => PAGE_FILE.test(name))
    .sort((a, b) => Number(b.includes('.sv-SE.')) - Number(a.includes('.sv-SE.')));
  const wanted = [
    ...pageNames,
    WU_CODES_FILE,
    ...names.filter((name) => name === WINDOWS_NAMES_FILE || WU_DESCRIPTIONS_FILE.test(name)),
    ...names.filter((name) => COMPONENT_HINTS_FILE.test(name)),
    ...curatedNames,
  ];
  const files: DataFile[] = wanted.map((name) => ({ name, text: readFileSync(join(dataDir, name), 'utf8') }));
  const key = options.cacheFile ? sourcesKey(files) : '';
  const cached = options.cacheFile ? readParseCache(options.cacheFile, key) : undefined;
  const sources = cached ?? parse(files);
  // Built (and so validated) from the parsed rows either way: a cache never skips the checks.
  const catalog = buildCatalog(sources.pages, sources.wuCodes, sources);
  if (options.cacheFile && !cached) writeParseCache(options.cacheFile, key, sources);
  return catalog;
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch (error) {
    throw new DataError(
      dir,
      undefined,
      `cannot read the data folder (${(error as NodeJS.ErrnoException).code ?? 'error'}); set DATA_DIR`,
    );
  }
}

function parse(files: readonly DataFile[]): ParsedSources {
  const sources: ParsedSources = {
    pages: [],
    wuCodes: [],
    windowsNames: [],
    wuDescriptions: [],
    curated: [],
    componentHints: [],
    setupExtend: [],
  };
  for (const { name, text } of files) {
    const localeOf = (pattern: RegExp) =>
      pattern.exec(name.split('/').at(-1) ?? '')?.[pattern === CURATED_FILE ? 2 : 1] ?? '';
    if (PAGE_FILE.test(name)) sources.pages.push(readPage(name, text));
    else if (name === WU_CODES_FILE) sources.wuCodes = readWuCodes(name, text);
    else if (name === WINDOWS_NAMES_FILE) sources.windowsNames = readWindowsNames(name, text);
    else if (WU_DESCRIPTIONS_FILE.test(name))
      sources.wuDescriptions.push({
        file: name,
        locale: localeOf(WU_DESCRIPTIONS_FILE),
        rows: readDescriptions(name, text),
      });
    else if (COMPONENT_HINTS_FILE.test(name))
      sources.componentHints.push({
        file: name,
        locale: localeOf(COMPONENT_HINTS_FILE),
        hints: readComponentHints(name, text),
      });
    else if (name.startsWith(`${CURATED_DIR}/${SETUP_EXTEND}.`)) {
      const locale = localeOf(CURATED_FILE);
      sources.setupExtend.push({ file: name, locale, table: readSetupExtend(name, text, locale) });
    } else sources.curated.push(readCurated(name, text));
  }
  return sources;
}

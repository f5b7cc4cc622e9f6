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
import type { Catalog, WindowsName } from '../core/catalog/types.js';
import { cachedCatalog } from './cached-catalog.js';
import {
  COMPONENT_HINTS_FILE,
  CURATED_DIR,
  type DataFile,
  PAGE_FILE,
  readDataFiles,
  stampDataFiles,
  WINDOWS_NAMES_FILE,
  WU_CODES_FILE,
  WU_DESCRIPTIONS_FILE,
} from './data-files.js';
import { type ParsedSources, writeParseCache } from './parse-cache.js';

const SETUP_EXTEND = 'setup-extend';

/**
 * The catalog from the data files: from the parse cache when it holds their rows, else parsed (and
 * cached). Parsing checks every file, the header names too, before the cache vouches for them.
 */
export function catalogFromFiles(
  dataDir: string,
  names: readonly string[],
  options: { cacheFile?: string } = {},
): Catalog {
  const cached = options.cacheFile ? cachedCatalog(options.cacheFile, dataDir, names) : undefined;
  if (cached) return cached;
  const stampedAt = Date.now();
  const stamps = options.cacheFile ? stampDataFiles(dataDir, names) : [];
  const files = readDataFiles(dataDir, [...names]);
  const { windowsNames, ...sources } = parse(files);
  // Built (and so validated) from the parsed rows either way: a cache never skips the checks.
  const catalog = buildCatalog(sources.pages, sources.wuCodes, {
    ...sources,
    windowsNames: () => windowsNames,
  });
  if (options.cacheFile) writeParseCache(options.cacheFile, files, { stamps, stampedAt }, sources);
  return catalog;
}

function parse(files: readonly DataFile[]): ParsedSources & { windowsNames: WindowsName[] } {
  const sources: ParsedSources & { windowsNames: WindowsName[] } = {
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

import { buildCatalog } from '../core/catalog/build-catalog.js';
import type { Catalog } from '../core/catalog/types.js';
import { listDataFiles } from './data-files.js';
import { readParseCache } from './parse-cache.js';
import { windowsNamesLater } from './windows-names-later.js';

/**
 * loadCatalog for start-up: the Markdown and YAML parsers are imported only when the parse cache
 * misses (a built install has it), and importing them was most of the catalog's share of a cold start.
 */
export async function openCatalog(dataDir: string, options: { cacheFile?: string } = {}): Promise<Catalog> {
  const names = listDataFiles(dataDir);
  if (options.cacheFile) {
    const cached = readParseCache(options.cacheFile, dataDir, names);
    // Built (and so validated) from the cached rows: a cache never skips the checks.
    if (cached)
      return buildCatalog(cached.sources.pages, cached.sources.wuCodes, {
        ...cached.sources,
        windowsNames: windowsNamesLater(cached.windowsNamesText),
      });
  }
  const { catalogFromFiles } = await import('./parse-sources.js');
  return catalogFromFiles(dataDir, names, options);
}

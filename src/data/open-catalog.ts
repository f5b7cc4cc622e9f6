import { buildCatalog } from '../core/catalog/build-catalog.js';
import type { Catalog } from '../core/catalog/types.js';
import { readDataFiles } from './data-files.js';
import { readParseCache, sourcesKey } from './parse-cache.js';

/**
 * loadCatalog for start-up: the Markdown and YAML parsers are imported only when the parse cache
 * misses (a built install has it), and importing them was most of the catalog's share of a cold start.
 */
export async function openCatalog(dataDir: string, options: { cacheFile?: string } = {}): Promise<Catalog> {
  const files = readDataFiles(dataDir);
  if (options.cacheFile) {
    const sources = readParseCache(options.cacheFile, sourcesKey(files));
    // Built (and so validated) from the cached rows: a cache never skips the checks.
    if (sources) return buildCatalog(sources.pages, sources.wuCodes, sources);
  }
  const { catalogFromFiles } = await import('./parse-sources.js');
  return catalogFromFiles(files, options);
}

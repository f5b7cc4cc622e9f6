import type { Catalog } from '../core/catalog/types.js';
import { cachedCatalog } from './cached-catalog.js';
import { listDataFiles } from './data-files.js';

/**
 * loadCatalog for start-up: the Markdown and YAML parsers are imported only when the parse cache
 * misses (a built install has it), and importing them was most of the catalog's share of a cold start.
 */
export async function openCatalog(dataDir: string, options: { cacheFile?: string } = {}): Promise<Catalog> {
  const names = listDataFiles(dataDir);
  const cached = options.cacheFile ? cachedCatalog(options.cacheFile, dataDir, names) : undefined;
  if (cached) return cached;
  const { catalogFromFiles } = await import('./parse-sources.js');
  return catalogFromFiles(dataDir, names, options);
}

import { buildCatalog } from '../core/catalog/build-catalog.js';
import type { Catalog } from '../core/catalog/types.js';
import { readParseCache } from './parse-cache.js';
import { windowsNamesLater } from './windows-names-later.js';

/**
 * The catalog from the parse cache, when it holds the rows of these very files; undefined when
 * they must be parsed. Built (and so validated) from the cached rows: a cache never skips the checks.
 */
export function cachedCatalog(
  cacheFile: string,
  dataDir: string,
  names: readonly string[],
): Catalog | undefined {
  const cached = readParseCache(cacheFile, dataDir, names);
  if (!cached) return undefined;
  return buildCatalog(cached.sources.pages, cached.sources.wuCodes, {
    ...cached.sources,
    windowsNames: windowsNamesLater(cached.windowsNamesText),
  });
}

import { inject } from 'vitest';
import { loadCatalog } from '../../src/data/load-catalog.js';
import { DATA_DIR } from './data-dir.js';

export { DATA_DIR };

/** The real catalog from data/, built once per test file from the rows global-setup.ts parsed. */
export const catalog = loadCatalog(DATA_DIR, { cacheFile: inject('catalogCacheFile') });

import { fileURLToPath } from 'node:url';
import { loadCatalog } from '../../src/core/catalog/load-catalog.js';

export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

/** The real catalog from data/, loaded once per test file. */
export const catalog = loadCatalog(DATA_DIR);

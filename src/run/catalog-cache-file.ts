import { fileURLToPath } from 'node:url';

/** dist/catalog-cache.json in a build (src/ under tsx): beside the code that reads it. */
export const CATALOG_CACHE_FILE = fileURLToPath(new URL('../catalog-cache.json', import.meta.url));

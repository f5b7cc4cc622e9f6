/**
 * Run by `npm run build`: parses data/ once and stores the result next to the
 * build, so the bot and the CLI start without parsing Markdown.
 */
import { readCliConfig } from '../config.js';
import { loadCatalog } from '../data/load-catalog.js';
import { CATALOG_CACHE_FILE } from './catalog-cache-file.js';

const catalog = loadCatalog(readCliConfig({}).dataDir, { cacheFile: CATALOG_CACHE_FILE });
process.stdout.write(
  `catalog cache: ${catalog.explained.length} codes explained, ${catalog.locales.join(' + ')}\n`,
);

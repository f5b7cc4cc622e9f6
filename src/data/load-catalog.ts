import type { Catalog } from '../core/catalog/types.js';
import { listDataFiles } from './data-files.js';
import { catalogFromFiles } from './parse-sources.js';

export {
  COMPONENT_HINTS_FILE,
  CURATED_DIR,
  PAGE_FILE,
  WINDOWS_NAMES_FILE,
  WU_CODES_FILE,
  WU_DESCRIPTIONS_FILE,
} from './data-files.js';

export interface LoadCatalogOptions {
  /** Where parsed pages may be cached (keyed by the data files' content); none when omitted. */
  cacheFile?: string;
}

/**
 * Reads every data file in `dataDir`: the Intune pages (one per locale, as Microsoft
 * publishes them), the Windows Update codes and our words for them, the Windows
 * header names, and the curated rows. Throws DataError.
 */
export function loadCatalog(dataDir: string, options: LoadCatalogOptions = {}): Catalog {
  return catalogFromFiles(dataDir, listDataFiles(dataDir), options);
}

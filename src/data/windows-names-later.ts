import { readWindowsNames } from '../core/catalog/read-windows-names.js';
import type { WindowsName } from '../core/catalog/types.js';
import { readDataFile, WINDOWS_NAMES_FILE } from './data-files.js';

/**
 * The header names table, read and parsed when the catalog first needs it (≈ 6,500 rows, 25 ms
 * and several MB that start-up does not have to pay for). Only for a table already checked: the
 * parse cache vouches for its bytes, or the caller has just parsed it.
 */
export function windowsNamesLater(dataDir: string, names: readonly string[]): () => readonly WindowsName[] {
  if (!names.includes(WINDOWS_NAMES_FILE)) return () => [];
  return () => readWindowsNames(WINDOWS_NAMES_FILE, readDataFile(dataDir, WINDOWS_NAMES_FILE));
}

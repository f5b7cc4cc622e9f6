import { readWindowsNames } from '../core/catalog/read-windows-names.js';
import type { WindowsName } from '../core/catalog/types.js';
import { WINDOWS_NAMES_FILE } from './data-files.js';

/**
 * The header names table, parsed when the catalog first needs it (≈ 6,500 rows: 25 ms and several
 * MB that start-up need not pay for). From text read at start-up and known to have passed the
 * checks (the parse cache holds its hash), so the first question cannot fail on it.
 */
export function windowsNamesLater(text: string | undefined): () => readonly WindowsName[] {
  return text === undefined ? () => [] : () => readWindowsNames(WINDOWS_NAMES_FILE, text);
}

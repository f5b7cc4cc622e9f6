import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CURATED_FILE } from '../core/catalog/families.js';
import { DataError } from '../errors.js';

export const PAGE_FILE = /^software-update-agent-error-codes\.([A-Za-z]{2,3}-[A-Za-z]{2})\.md$/;
export const WU_CODES_FILE = 'windows-update-agent-codes.tsv';
export const WINDOWS_NAMES_FILE = 'windows-error-names.tsv';
export const WU_DESCRIPTIONS_FILE = /^windows-update-agent-descriptions\.([A-Za-z]{2,3}-[A-Za-z]{2})\.tsv$/;
export const COMPONENT_HINTS_FILE = /^component-hints\.([A-Za-z]{2,3}-[A-Za-z]{2})\.yaml$/;
export const CURATED_DIR = 'curated';

export interface DataFile {
  name: string;
  text: string;
}

/**
 * Every data file the catalog is built from, read as text: the Intune pages (Swedish first, the
 * reference every other page is checked against), the Windows Update codes, the header names and
 * descriptions, the component hints and the curated rows. Throws DataError.
 */
export function readDataFiles(dataDir: string): DataFile[] {
  const names = list(dataDir);
  if (!names.includes(WU_CODES_FILE)) throw new DataError(join(dataDir, WU_CODES_FILE), undefined, 'missing');
  const curatedNames = names.includes(CURATED_DIR)
    ? list(join(dataDir, CURATED_DIR))
        .filter((name) => CURATED_FILE.test(name))
        .map((name) => `${CURATED_DIR}/${name}`)
    : [];
  const pageNames = names
    .filter((name) => PAGE_FILE.test(name))
    .sort((a, b) => Number(b.includes('.sv-SE.')) - Number(a.includes('.sv-SE.')));
  const wanted = [
    ...pageNames,
    WU_CODES_FILE,
    ...names.filter((name) => name === WINDOWS_NAMES_FILE || WU_DESCRIPTIONS_FILE.test(name)),
    ...names.filter((name) => COMPONENT_HINTS_FILE.test(name)),
    ...curatedNames,
  ];
  return wanted.map((name) => ({ name, text: readFileSync(join(dataDir, name), 'utf8') }));
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch (error) {
    throw new DataError(
      dir,
      undefined,
      `cannot read the data folder (${(error as NodeJS.ErrnoException).code ?? 'error'}); set DATA_DIR`,
    );
  }
}

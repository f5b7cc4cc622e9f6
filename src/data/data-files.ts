import { readdirSync, readFileSync, statSync } from 'node:fs';
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

/** What the file system says about a data file: enough to tell that it has not changed. */
export interface FileStamp {
  name: string;
  size: number;
  mtimeMs: number;
  /** Changes with any write or copy, and cannot be set back the way mtime can. */
  ctimeMs: number;
  ino: number;
}

/**
 * The data files the catalog is built from, relative to `dataDir`: the Intune pages (Swedish
 * first, the reference every other page is checked against), the Windows Update codes, the header
 * names and descriptions, the component hints and the curated rows. Throws DataError.
 */
export function listDataFiles(dataDir: string): string[] {
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
  return [
    ...pageNames,
    WU_CODES_FILE,
    ...names.filter((name) => name === WINDOWS_NAMES_FILE || WU_DESCRIPTIONS_FILE.test(name)),
    ...names.filter((name) => COMPONENT_HINTS_FILE.test(name)),
    ...curatedNames,
  ];
}

/** The files' text. Throws DataError. */
export function readDataFiles(dataDir: string, names = listDataFiles(dataDir)): DataFile[] {
  return names.map((name) => ({ name, text: readDataFile(dataDir, name) }));
}

export function readDataFile(dataDir: string, name: string): string {
  try {
    return readFileSync(join(dataDir, name), 'utf8');
  } catch (error) {
    throw new DataError(join(dataDir, name), undefined, `cannot read (${errorCode(error)})`);
  }
}

/** Size, dates and inode of each file, without reading it. Throws DataError. */
export function stampDataFiles(dataDir: string, names: readonly string[]): FileStamp[] {
  return names.map((name) => {
    try {
      const { size, mtimeMs, ctimeMs, ino } = statSync(join(dataDir, name));
      return { name, size, mtimeMs, ctimeMs, ino };
    } catch (error) {
      throw new DataError(join(dataDir, name), undefined, `cannot read (${errorCode(error)})`);
    }
  });
}

function list(dir: string): string[] {
  try {
    // Code-unit order: the same on every machine, and no ICU collation loaded at start-up.
    return readdirSync(dir).sort();
  } catch (error) {
    throw new DataError(dir, undefined, `cannot read the data folder (${errorCode(error)}); set DATA_DIR`);
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'error';
}

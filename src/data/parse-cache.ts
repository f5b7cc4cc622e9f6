import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { KnowledgeSources } from '../core/catalog/build-records.js';
import type { Page } from '../core/catalog/read-page.js';
import type { WuCode } from '../core/catalog/types.js';
import { type DataFile, type FileStamp, readDataFiles, stampDataFiles } from './data-files.js';

/** Bump when the shape of the cached rows changes, so old caches are ignored. */
const FORMAT = 3;

/**
 * What the parsers made of the data files. The header names are not kept: their table is read when
 * the first question needs it, and the cache only vouches that its bytes were checked.
 */
export interface ParsedSources extends Omit<KnowledgeSources, 'windowsNames'> {
  pages: Page[];
  wuCodes: WuCode[];
}

interface CacheFile extends ParsedSources {
  format: number;
  /** sourcesKey of the files the rows were parsed from. */
  key: string;
  /** Their sizes and dates then: while these match, nothing needs reading to trust the rows. */
  stamps: FileStamp[];
}

/** Identifies the exact bytes of every data file: any edit, addition or removal changes it. */
export function sourcesKey(files: readonly DataFile[]): string {
  const hash = createHash('sha256').update(`format ${FORMAT}\n`);
  for (const { name, text } of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    hash.update(`${name}\u0000${text.length}\u0000`).update(text);
  }
  return hash.digest('hex');
}

/**
 * The cached rows if they were parsed from these very files, else undefined. Matching sizes and
 * dates are enough; other dates with the same bytes (a fresh checkout, an unpacked package, a
 * container's copy) are recognised by their hash, and the dates are then updated where the cache is
 * writable. A missing, stale or unreadable cache just means parsing again.
 */
export function readParseCache(
  file: string,
  dataDir: string,
  names: readonly string[],
): ParsedSources | undefined {
  const cached = readCacheFile(file);
  if (!cached) return undefined;
  const stamps = stampDataFiles(dataDir, names);
  if (sameStamps(cached.stamps, stamps)) return rowsOf(cached);
  if (sourcesKey(readDataFiles(dataDir, [...names])) !== cached.key) return undefined;
  writeCacheFile(file, { ...cached, stamps });
  return rowsOf(cached);
}

/** Best effort: a read-only install (a container) keeps working without a cache. */
export function writeParseCache(
  file: string,
  files: readonly DataFile[],
  stamps: readonly FileStamp[],
  sources: ParsedSources,
): boolean {
  return writeCacheFile(file, { format: FORMAT, key: sourcesKey(files), stamps: [...stamps], ...sources });
}

function readCacheFile(file: string): CacheFile | undefined {
  try {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile>;
    const valid =
      cached.format === FORMAT &&
      typeof cached.key === 'string' &&
      Array.isArray(cached.stamps) &&
      Array.isArray(cached.pages) &&
      Array.isArray(cached.wuCodes);
    return valid ? (cached as CacheFile) : undefined;
  } catch {
    return undefined;
  }
}

function writeCacheFile(file: string, body: CacheFile): boolean {
  try {
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(body));
    renameSync(temp, file);
    return true;
  } catch {
    return false;
  }
}

function sameStamps(cached: readonly FileStamp[], now: readonly FileStamp[]): boolean {
  return (
    cached.length === now.length &&
    cached.every((stamp, i) => {
      const other = now[i];
      return other?.name === stamp.name && other.size === stamp.size && other.mtimeMs === stamp.mtimeMs;
    })
  );
}

function rowsOf({ format: _format, key: _key, stamps: _stamps, ...sources }: CacheFile): ParsedSources {
  return sources;
}

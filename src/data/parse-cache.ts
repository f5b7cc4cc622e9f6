import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { KnowledgeSources } from '../core/catalog/build-records.js';
import type { Page } from '../core/catalog/read-page.js';
import type { WuCode } from '../core/catalog/types.js';
import {
  type DataFile,
  type FileStamp,
  readDataFile,
  readDataFiles,
  stampDataFiles,
  WINDOWS_NAMES_FILE,
} from './data-files.js';

/** Bump when the shape of the cached rows changes, so old caches are ignored. */
const FORMAT = 4;

/**
 * A file changed this close to the moment it was stamped may change again within the same
 * timestamp (file systems keep mtime to a second or two), so such a stamp proves nothing: the
 * hash decides, as git does for "racily clean" files.
 */
const RACY_MS = 2_000;

/**
 * What the parsers made of the data files. The header names are not kept: their table is parsed
 * when the first question needs it, from the bytes read and checked when the cache was opened.
 */
export interface ParsedSources extends Omit<KnowledgeSources, 'windowsNames'> {
  pages: Page[];
  wuCodes: WuCode[];
}

interface CacheFile extends ParsedSources {
  format: number;
  /** sourcesKey of the files the rows were parsed from. */
  key: string;
  /** Hash of the header names file those checks passed ('' without one). */
  windowsNamesKey: string;
  /** The files' sizes, dates and inodes then, and when they were taken. */
  stamps: FileStamp[];
  stampedAt: number;
}

/** The cached rows, and the header names file's text (read and checked now, parsed later). */
export interface CachedSources {
  sources: ParsedSources;
  windowsNamesText: string | undefined;
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
 * The cached rows if they were parsed from these very files, else undefined (parse again). The
 * header names file is read now whatever the cache says, and must hash as it did when it was
 * checked: the table the bot reads on its first question is the one that passed. The other files
 * are not read while their size, dates and inode are what the cache recorded well after they last
 * changed; otherwise (a fresh checkout, an unpacked package, a container's copy) their hash decides,
 * and the new stamps are written back where the cache is writable. Throws DataError when a file
 * cannot be read.
 */
export function readParseCache(
  file: string,
  dataDir: string,
  names: readonly string[],
): CachedSources | undefined {
  const cached = readCacheFile(file);
  if (!cached) return undefined;
  const windowsNamesText = names.includes(WINDOWS_NAMES_FILE)
    ? readDataFile(dataDir, WINDOWS_NAMES_FILE)
    : undefined;
  if (textKey(windowsNamesText) !== cached.windowsNamesKey) return undefined;
  const stampedAt = Date.now();
  const stamps = stampDataFiles(dataDir, names);
  if (!trusted(cached, stamps)) {
    const files = readDataFiles(dataDir, [...names]);
    if (sourcesKey(files) !== cached.key) return undefined;
    writeCacheFile(file, { ...cached, stamps, stampedAt });
  }
  return { sources: rowsOf(cached), windowsNamesText };
}

/**
 * Best effort: a read-only install (a container) keeps working without a cache. `stamps` must have
 * been taken (at `stampedAt`) before `files` were read, so a change in between is never vouched for.
 */
export function writeParseCache(
  file: string,
  files: readonly DataFile[],
  stamped: { stamps: readonly FileStamp[]; stampedAt: number },
  sources: ParsedSources,
): boolean {
  return writeCacheFile(file, {
    format: FORMAT,
    key: sourcesKey(files),
    windowsNamesKey: textKey(files.find((f) => f.name === WINDOWS_NAMES_FILE)?.text),
    stamps: [...stamped.stamps],
    stampedAt: stamped.stampedAt,
    ...sources,
  });
}

function textKey(text: string | undefined): string {
  return text === undefined ? '' : createHash('sha256').update(text).digest('hex');
}

function trusted(cached: CacheFile, now: readonly FileStamp[]): boolean {
  const settled = cached.stampedAt - RACY_MS;
  return (
    cached.stamps.length === now.length &&
    cached.stamps.every((stamp, i) => {
      const other = now[i];
      return (
        other !== undefined &&
        other.name === stamp.name &&
        other.size === stamp.size &&
        other.mtimeMs === stamp.mtimeMs &&
        other.ctimeMs === stamp.ctimeMs &&
        other.ino === stamp.ino &&
        stamp.mtimeMs < settled &&
        stamp.ctimeMs < settled
      );
    })
  );
}

function readCacheFile(file: string): CacheFile | undefined {
  try {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile>;
    const valid =
      cached.format === FORMAT &&
      typeof cached.key === 'string' &&
      typeof cached.windowsNamesKey === 'string' &&
      typeof cached.stampedAt === 'number' &&
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

function rowsOf({
  format: _format,
  key: _key,
  windowsNamesKey: _windowsNamesKey,
  stamps: _stamps,
  stampedAt: _stampedAt,
  ...sources
}: CacheFile): ParsedSources {
  return sources;
}

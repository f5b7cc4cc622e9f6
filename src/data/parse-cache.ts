import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { KnowledgeSources } from '../core/catalog/build-records.js';
import type { Page } from '../core/catalog/read-page.js';
import type { WuCode } from '../core/catalog/types.js';

/** Bump when the shape of a parsed page changes, so old caches are ignored. */
const FORMAT = 2;

export interface ParsedSources extends KnowledgeSources {
  pages: Page[];
  wuCodes: WuCode[];
}

interface CacheFile extends ParsedSources {
  format: number;
  key: string;
}

/** Identifies the exact bytes of every data file: any edit, addition or removal changes it. */
export function sourcesKey(files: readonly { name: string; text: string }[]): string {
  const hash = createHash('sha256').update(`format ${FORMAT}\n`);
  for (const { name, text } of [...files].sort((a, b) => a.name.localeCompare(b.name))) {
    hash.update(`${name}\u0000${text.length}\u0000`).update(text);
  }
  return hash.digest('hex');
}

/**
 * Parsing Microsoft's Markdown costs about half a second on a cold process, so the
 * parsed rows are kept beside the build, keyed by the data files' content. A
 * missing, stale or unreadable cache just means parsing again.
 */
export function readParseCache(file: string, key: string): ParsedSources | undefined {
  try {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile>;
    if (
      cached.format !== FORMAT ||
      cached.key !== key ||
      !Array.isArray(cached.pages) ||
      !Array.isArray(cached.wuCodes)
    ) {
      return undefined;
    }
    const { format: _format, key: _key, ...sources } = cached as CacheFile;
    return sources;
  } catch {
    return undefined;
  }
}

/** Best effort: a read-only install (a container) keeps working without a cache. */
export function writeParseCache(file: string, key: string, sources: ParsedSources): boolean {
  try {
    const body: CacheFile = { format: FORMAT, key, ...sources };
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(body));
    renameSync(temp, file);
    return true;
  } catch {
    return false;
  }
}

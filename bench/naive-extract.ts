import type { Catalog } from '../src/core/catalog/types.js';

export interface NaiveHit {
  index: number;
  code: string;
}

/**
 * The obvious way to find known codes: one regular expression per row of the
 * table, each run over the whole text. Kept only as the benchmark's yardstick.
 */
export function createNaiveExtractor(catalog: Catalog): (text: string) => NaiveHit[] {
  const patterns = catalog.entries.map((entry) => {
    const digits = (entry.value >>> 0).toString(16).padStart(8, '0');
    const spellings = [
      `0x${digits}`,
      digits,
      String(entry.value >>> 0),
      String(entry.value | 0).replace('-', '\\-'),
      entry.name,
    ];
    return {
      code: entry.code,
      regex: new RegExp(`(?<![0-9A-Za-z_])(?:${spellings.join('|')})(?![0-9A-Za-z_])`, 'gi'),
    };
  });
  return (text) => {
    const hits: NaiveHit[] = [];
    for (const { code, regex } of patterns) {
      regex.lastIndex = 0;
      for (let m = regex.exec(text); m !== null; m = regex.exec(text)) hits.push({ index: m.index, code });
    }
    hits.sort((a, b) => a.index - b.index);
    const seen = new Set<string>();
    return hits.filter((hit) => !seen.has(hit.code) && seen.add(hit.code) !== undefined);
  };
}

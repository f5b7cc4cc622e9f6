import { plainText } from './catalog/build-catalog.js';
import type { Catalog, CatalogEntry } from './catalog/types.js';

export interface SearchHit {
  entry: CatalogEntry;
  score: number;
  /** How many of the query's words it matched. */
  matched: number;
}

interface Indexed {
  entry: CatalogEntry;
  nameWords: Set<string>;
  /** Without underscores, so "timeout" finds TIME_OUT. */
  name: string;
  text: string;
}

const cache = new WeakMap<Catalog, Indexed[]>();

/** Lower case without diacritics, so "hamta" finds "hämta" and "BITS" finds "bits". */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

function index(catalog: Catalog): Indexed[] {
  let indexed = cache.get(catalog);
  if (!indexed) {
    indexed = catalog.entries.map((entry) => ({
      entry,
      name: fold(entry.name).replace(/_/g, ''),
      nameWords: new Set(fold(entry.name).split('_')),
      text: ` ${Object.values(entry.description)
        .map((d) => fold(plainText(d)))
        .join(' ')} `,
    }));
    cache.set(catalog, indexed);
  }
  return indexed;
}

/** Splits free words into search terms; very short words match too much to help. */
export function searchTerms(text: string): string[] {
  const terms = fold(text)
    .split(/[^\p{L}\p{N}_]+/u)
    .filter((word) => word.length >= 2);
  return [...new Set(terms)].slice(0, 12);
}

/**
 * Ranks rows by how many words they match, then by where: a word of the symbolic
 * name counts most, a whole word of a description next, part of a word least.
 */
export function search(catalog: Catalog, terms: readonly string[], limit = 5): SearchHit[] {
  if (terms.length === 0) return [];
  const hits: SearchHit[] = [];
  for (const item of index(catalog)) {
    let score = 0;
    let matched = 0;
    for (const term of terms) {
      let s = 0;
      if (item.nameWords.has(term)) s += 6;
      else if (item.name.includes(term)) s += 3;
      const at = item.text.indexOf(term);
      if (at >= 0) {
        const before = item.text[at - 1] ?? ' ';
        const after = item.text[at + term.length] ?? ' ';
        s += /[\p{L}\p{N}]/u.test(before) || /[\p{L}\p{N}]/u.test(after) ? 1 : 2;
      }
      if (s > 0) {
        matched++;
        score += s;
      }
    }
    if (matched > 0) hits.push({ entry: item.entry, score, matched });
  }
  hits.sort((a, b) => b.matched - a.matched || b.score - a.score || a.entry.value - b.entry.value);
  return hits.slice(0, Math.max(0, limit));
}

import MiniSearch from 'minisearch';
import { plainText } from './catalog/build-catalog.js';
import type { Catalog, CodeRecord } from './catalog/types.js';

export interface SearchHit {
  record: CodeRecord;
  score: number;
  /** How many of the query's words it matched. */
  matched: number;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Every row that matched, of which `hits` are the best. */
  total: number;
}

interface Doc {
  id: number;
  names: string;
  title: string;
  text: string;
}

/** Lower case without diacritics, so "hamta" finds "hämta" and "BITS" finds "bits". */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

// Built on the first search, not at start-up: most lookups are codes, and ready time matters more.
const indexes = new WeakMap<Catalog, MiniSearch<Doc>>();

function index(catalog: Catalog): MiniSearch<Doc> {
  let mini = indexes.get(catalog);
  if (!mini) {
    mini = new MiniSearch<Doc>({
      fields: ['names', 'title', 'text'],
      processTerm: (term) => {
        const folded = fold(term);
        return folded.length >= 2 ? folded : null;
      },
    });
    mini.addAll(
      catalog.explained.map((record) => ({
        id: record.value,
        names: record.names.join(' '),
        title: Object.values(record.title ?? {}).join(' '),
        text: Object.values(record.description ?? {})
          .map((inlines) => plainText(inlines))
          .join(' '),
      })),
    );
    indexes.set(catalog, mini);
  }
  return mini;
}

// Longer than any name we hold (the longest has 72 characters): not a word anyone types, and
// a fuzzy match costs time with the square of a word's length (40,000 characters took seconds).
const MAX_TERM = 100;

/** Splits free words into search terms; very short words match too much to help, very long ones are no words. */
export function searchTerms(text: string): string[] {
  const terms = fold(text)
    .split(/[^\p{L}\p{N}_]+/u)
    .filter((word) => word.length >= 2 && word.length <= MAX_TERM);
  return [...new Set(terms)].slice(0, 12);
}

/**
 * Whole words in every language we hold (never parts of words: "ssl" does not find
 * "misslyckades"), a word's start for longer words, and one typo in words of four letters
 * or more ("rebot", "proxxy"). Rows matching more of the words rank first, then a word of a
 * name or title over one of a description.
 */
export function search(catalog: Catalog, terms: readonly string[], limit = 5): SearchResult {
  if (terms.length === 0) return { hits: [], total: 0 };
  const results = index(catalog).search(terms.join(' '), {
    boost: { names: 3, title: 2, text: 1 },
    prefix: (term) => term.length >= 4,
    fuzzy: (term) => (term.length >= 4 ? 1 : false),
    combineWith: 'OR',
  });
  const hits = results.map((result) => ({
    record: catalog.lookup(result.id as number) as CodeRecord,
    score: result.score,
    matched: result.queryTerms.length,
  }));
  // Ties go to the Intune table (first wherever a value is in it), then to the lower value.
  const table = (hit: SearchHit) => (hit.record.source === 'intune-table' ? 0 : 1);
  hits.sort(
    (a, b) =>
      b.matched - a.matched || b.score - a.score || table(a) - table(b) || a.record.value - b.record.value,
  );
  // A Windows Update code and its Intune twin share their words: list the better-ranked one, which names the other.
  const listed = new Set<number>();
  const distinct = hits.filter((hit) => {
    const twin = hit.record.twin?.value;
    if (twin !== undefined && listed.has(twin)) return false;
    listed.add(hit.record.value);
    return true;
  });
  return { hits: distinct.slice(0, Math.max(0, limit)), total: distinct.length };
}

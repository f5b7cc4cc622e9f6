import { describe, expect, it } from 'vitest';
import { search, searchTerms } from '../../src/core/search.js';
import { catalog } from '../support/catalog.js';

const find = (words: string, limit = 5) => search(catalog, searchTerms(words), limit);
const names = (words: string, limit = 5) => find(words, limit).hits.map((hit) => hit.record.names[0] ?? '');

describe('search', () => {
  it('matches whole words, never the inside of one: "ssl" does not find "misslyckades"', () => {
    const { hits } = find('ssl', 50);
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      const text = `${hit.record.names.join(' ')} ${JSON.stringify(hit.record.description)} ${JSON.stringify(hit.record.title)}`;
      expect(text).toMatch(/(?<![\p{L}])ssl/iu);
    }
  });

  it('forgives one typo in a longer word', () => {
    expect(names('proxxy').some((name) => /PROXY/.test(name))).toBe(true);
    expect(names('rebot').every((name) => /REBOOT/.test(name))).toBe(true);
  });

  it('searches every table with descriptions, in both languages', () => {
    const families = new Set(find('proxy', 50).hits.map((hit) => hit.record.family));
    expect(families).toContain('intune-update-agent');
    expect(families).toContain('windows-update');
    expect(families).toContain('wininet');
    expect(find('omstart', 50).hits.length).toBeGreaterThan(0);
    expect(find('åtkomst nekad').hits[0]?.record.code).toBe('0x80070005');
  });

  it('ranks rows matching more of the words first', () => {
    const [first] = find('access denied').hits;
    expect(first?.matched).toBe(2);
  });

  it('says how many rows matched beyond the ones shown', () => {
    const { hits, total } = find('proxy', 3);
    expect(hits).toHaveLength(3);
    expect(total).toBeGreaterThan(3);
  });
});

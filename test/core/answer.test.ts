import { describe, expect, it } from 'vitest';
import { answerMessage, answerQuery, hasIntuneCode } from '../../src/core/answer.js';
import type { Resolution } from '../../src/core/resolve-code.js';
import { itemsOf, searchOf } from '../support/answer-parts.js';
import { catalog } from '../support/catalog.js';

const summary = (item: Resolution) => `${item.code} ${item.source}`;

describe('answerQuery', () => {
  it.each([
    ['0x80cf6008'],
    ['0X80CF6008'],
    ['80cf6008'],
    ['2161074184'],
    ['-2133893112'],
    ['OM_E_DM_FAILTOCONNECTTOBITS'],
    ['om_e_dm_failtoconnecttobits'],
    ['(0x80cf6008).'],
    ['code=0x80cf6008,'],
  ])('resolves %s to the Intune row 0x80CF6008', (query) => {
    const answer = answerQuery(catalog, query);
    expect(answer.kind).toBe('codes');
    expect(itemsOf(answer).map(summary)).toEqual(['0x80CF6008 intune-table']);
  });

  it('answers a Windows Update code as itself, naming its Intune twin and borrowing its words', () => {
    const [item, byName] = itemsOf(answerQuery(catalog, '0x80246008 WU_E_DS_INUSE'));
    expect([item, byName].map((i) => i && summary(i))).toEqual([
      '0x80246008 windows-update',
      '0x80248001 windows-update',
    ]);
    expect(item?.record?.twin).toMatchObject({ code: '0x80CF6008', source: 'intune-table' });
    expect(item?.record?.description).toBe(catalog.lookup(0x80cf6008)?.description);
  });

  it('explains a Windows Update code without a twin in our own words', () => {
    const [item] = itemsOf(answerQuery(catalog, '0x80240047'));
    expect(item?.source).toBe('windows-update');
    expect(item?.names).toEqual(['WU_E_REVERT_NOT_ALLOWED']);
    expect(item?.record?.description?.['en-US']).toBeDefined();
    expect(item?.record?.description?.['sv-SE']).toBeDefined();
  });

  it('explains an unknown code with an HRESULT decode and a near miss', () => {
    const [item] = itemsOf(answerQuery(catalog, '0x80cf6f08'));
    expect(item?.source).toBe('decoded');
    expect(item?.decode).toMatchObject({ facility: 0xcf, severity: 'error' });
    expect(item?.suggestions.map((s) => s.code)).toContain('0x80CF6008');
  });

  it('names a Win32 error in both forms: the number, the HRESULT and the constant', () => {
    for (const query of ['5', '0x80070005', 'ERROR_ACCESS_DENIED', 'error 5']) {
      const [item] = itemsOf(answerQuery(catalog, query));
      expect(item?.code).toBe('0x80070005');
      expect(item?.names).toContain('ERROR_ACCESS_DENIED');
      expect(item?.decode?.win32Error).toBe(5);
    }
  });

  it('answers several codes in the order given, each once', () => {
    expect(itemsOf(answerQuery(catalog, '0x80cf6009, 0x80cf6008 0x80cf6009')).map(summary)).toEqual([
      '0x80CF6009 intune-table',
      '0x80CF6008 intune-table',
    ]);
  });

  it.each([[''], ['   '], ['help'], ['HELP'], ['hjälp']])('gives usage for %j', (query) => {
    expect(answerQuery(catalog, query).kind).toBe('usage');
  });

  it('searches names and descriptions when no code is given', () => {
    const answer = answerQuery(catalog, 'BITS');
    expect(answer.kind).toBe('search');
    const names = searchOf(answer)?.hits.map((h) => h.record.names[0]) ?? [];
    // Every explained source is searched: the Intune rows (each standing for its Windows Update
    // twin, which shares its words) and the curated BITS codes.
    expect(names).toEqual(
      expect.arrayContaining(['OM_E_DM_FAILTOCONNECTTOBITS', 'OM_E_DM_BITSTRANSFERERROR']),
    );
    expect(names).not.toContain('WU_E_DM_FAILTOCONNECTTOBITS');
    expect(searchOf(answer)?.hits.some((h) => h.record.family === 'bits')).toBe(true);
    for (const hit of searchOf(answer)?.hits ?? []) {
      const text = `${hit.record.names.join(' ')} ${JSON.stringify(hit.record.description)}`;
      expect(text).toMatch(/bits/i);
    }
    expect(searchOf(answer)?.total).toBeGreaterThan(searchOf(answer)?.hits.length ?? 0);
  });

  it('does not search a word longer than any name (a 40,000-character run is no word)', () => {
    const answer = answerQuery(catalog, 'x'.repeat(40_000));
    expect(answer.kind).toBe('search');
    expect(searchOf(answer)?.terms).toEqual([]);
    expect(searchOf(answer)?.hits).toEqual([]);
  });

  it('ranks a name match for "timeout" first and limits the hits', () => {
    const answer = answerQuery(catalog, 'timeout', { searchLimit: 2 });
    expect(searchOf(answer)?.hits).toHaveLength(2);
    expect(searchOf(answer)?.hits[0]?.record.names[0]).toMatch(/TIME_?OUT/);
  });

  it('finds Swedish words without their diacritics', () => {
    expect(searchOf(answerQuery(catalog, 'hamtningshanteraren'))?.hits.length).toBeGreaterThan(0);
  });

  it('says nothing was found for words that match nothing', () => {
    const answer = answerQuery(catalog, 'zebra crossing');
    expect(answer.kind).toBe('search');
    expect(searchOf(answer)?.hits).toEqual([]);
  });

  it('always carries the Windows Update fallback link', () => {
    for (const query of ['', '0x80cf6008', 'proxy', '0x80070005']) {
      expect(answerQuery(catalog, query).fallbackUrl).toBe(catalog.fallbackUrl);
    }
  });
});

describe('answerMessage', () => {
  it('stays empty for a message without codes', () => {
    const answer = answerMessage(catalog, 'Has anyone seen the printer? Ticket 4711, build 22631.');
    expect(answer.kind).toBe('none');
    expect(hasIntuneCode(answer)).toBe(false);
  });

  it('flags a message holding an Intune code, and not one holding only an unknown HRESULT', () => {
    expect(hasIntuneCode(answerMessage(catalog, 'failed: 0x80cf6008'))).toBe(true);
    expect(hasIntuneCode(answerMessage(catalog, 'failed: 0x80246008'))).toBe(true);
    expect(hasIntuneCode(answerMessage(catalog, 'failed: 0x87d1041c'))).toBe(false);
    expect(hasIntuneCode(answerMessage(catalog, 'failed: 0x80240047'))).toBe(false);
  });

  it('finds all codes in a 40,000-character log', () => {
    const lines = catalog.entries
      .slice(0, 60)
      .map(
        (e, i) =>
          `2026-11-24T08:00:${String(i % 60).padStart(2, '0')} agent error ${e.code.toLowerCase()} while syncing`,
      );
    let text = lines.join('\n');
    text = `${text}\n`.repeat(Math.ceil(40_000 / text.length)).slice(0, 40_000);
    expect(itemsOf(answerMessage(catalog, text))).toHaveLength(60);
  });
});

describe('answerQuery, strict (a mention written among words)', () => {
  it('takes an unknown number without 0x for a ticket, not a code', () => {
    expect(answerQuery(catalog, 'can you look at ticket 20240501?', { strict: true }).kind).not.toBe('codes');
    expect(answerQuery(catalog, 'can you look at ticket 20240501?').kind).toBe('codes');
  });

  it('still answers known codes, names and 0x-written values', () => {
    const answer = answerQuery(catalog, 'what about 80070643, ERROR_ACCESS_DENIED and 0x8badf00d?', {
      strict: true,
    });
    expect(itemsOf(answer).map((item) => item.code)).toEqual(['0x80070643', '0x80070005', '0x8BADF00D']);
  });
});

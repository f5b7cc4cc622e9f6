import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Answer, answerMessage, answerQuery } from '../../src/core/answer.js';
import type { Resolution } from '../../src/core/resolve-code.js';
import { decodeShareValue, encodeShareValue } from '../../src/slack/share-value.js';
import { itemsOf, searchOf } from '../support/answer-parts.js';
import { catalog } from '../support/catalog.js';

/** What an answer is about, independent of how the codes were typed. */
function identity(answer: Answer): string[] {
  if (answer.kind === 'search')
    return ['search', ...(searchOf(answer)?.hits.map((h) => h.record.code) ?? [])];
  return [answer.kind, ...itemsOf(answer).map(key)];
}

function key(item: Resolution): string {
  return `${item.source}:${item.code}${item.extend ? `-${item.extend.code}` : ''}`;
}

function roundTrip(answer: Answer, locale: string): Answer {
  const decoded = decodeShareValue(encodeShareValue(answer, locale));
  if (!decoded) throw new Error('share value did not decode');
  expect(decoded.locale).toBe(locale);
  return answerQuery(catalog, decoded.query);
}

describe('share value', () => {
  it.each([
    ['a hex code', '0x80cf6008'],
    ['a signed decimal', '-2133893112'],
    ['an unsigned decimal', '2161074184'],
    ['a symbolic name in lower case', 'om_e_dm_failtoconnecttobits'],
    ['a Windows Update twin', '0x80246008'],
    ['a Windows Update code with no twin', '0x80240047'],
    ['an unknown HRESULT', '0x80070005'],
    ['an unknown name', 'OM_E_NOPE'],
    ['several kinds at once', '0x80cf6008 0x80240047 0x80070005 OM_E_NOPE 0x80246009'],
    ['a search', 'BITS proxy'],
    ['usage', 'help'],
  ])('re-renders %s as the same answer', (_, query) => {
    for (const locale of catalog.locales) {
      const answer = answerQuery(catalog, query);
      expect(identity(roundTrip(answer, locale))).toEqual(identity(answer));
    }
  });

  it('stays compact and within Slack’s 2,000 characters for all 209 codes, keeping the first ones', () => {
    const answer = answerQuery(catalog, catalog.entries.map((e) => e.code).join(' '));
    const value = encodeShareValue(answer, 'sv-SE');
    expect(value.length).toBeLessThanOrEqual(2000);
    const again = roundTrip(answer, 'sv-SE');
    expect(itemsOf(again).length).toBeGreaterThan(100);
    expect(identity(again)).toEqual(identity(answer).slice(0, itemsOf(again).length + 1));
  });

  it('stays within 2,000 characters for a paste full of unknown codes', () => {
    const paste = Array.from({ length: 3000 }, (_, i) => `0x8007${i.toString(16).padStart(4, '0')}`).join(
      ' ',
    );
    const value = encodeShareValue(answerMessage(catalog, paste), 'en-US');
    expect(value.length).toBeLessThanOrEqual(2000);
    expect(decodeShareValue(value)).toBeDefined();
  });

  it('never carries description text, only the question', () => {
    const value = encodeShareValue(answerQuery(catalog, '0x80cf6008'), 'en-US');
    expect(JSON.parse(value)).toEqual({ v: 1, l: 'en-US', c: ['0x80CF6008'] });
  });

  it.each([
    '',
    'null',
    '[]',
    '{}',
    '42',
    '"0x80cf6008"',
    'not json',
    '{"v":2,"l":"en-US","c":["0x80CF6008"]}',
    '{"v":1,"c":["0x80CF6008"]}',
    '{"v":1,"l":"<!channel>","c":["0x80CF6008"]}',
    '{"v":1,"l":"en-US","c":[]}',
    '{"v":1,"l":"en-US","c":"0x80CF6008"}',
    '{"v":1,"l":"en-US","c":[42]}',
    '{"v":1,"l":"en-US","c":["<!channel>"]}',
    '{"v":1,"l":"en-US","c":["0x80CF6008 <@U123>"]}',
    '{"v":1,"l":"en-US","c":["0x80cf6008"],"s":"bits"}',
    '{"v":1,"l":"en-US","s":"<!here>"}',
    '{"v":1,"l":"en-US","s":""}',
    '{"v":1,"l":"en-US","s":42}',
    `{"v":1,"l":"en-US","s":"${'a'.repeat(400)}"}`,
    `{"v":1,"l":"en-US","c":["${'A'.repeat(3000)}"]}`,
    '{"__proto__":{"v":1},"l":"en-US"}',
  ])('rejects %j', (value) => {
    expect(decodeShareValue(value)).toBeUndefined();
  });

  it('never throws, whatever comes back in a button value', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (value) => {
          const decoded = decodeShareValue(value);
          if (decoded) expect(decoded.query).not.toMatch(/[<>&]/);
        },
      ),
    );
  });

  it('round-trips any set of known codes in any locale', () => {
    const codes = catalog.entries.map((e) => e.code);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...codes), { minLength: 1, maxLength: 20 }),
        fc.constantFrom(...catalog.locales),
        (picked, locale) => {
          const answer = answerQuery(catalog, picked.join(' '));
          expect(identity(roundTrip(answer, locale))).toEqual(identity(answer));
        },
      ),
    );
  });
});

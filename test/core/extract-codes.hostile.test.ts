import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerMessage, answerQuery } from '../../src/core/answer.js';
import { scanTokens, stripInvisible } from '../../src/core/extract-codes.js';
import { catalog } from '../support/catalog.js';
import { codesIn } from '../support/codes-in.js';

const ZWSP = '\u200b';
const ZWNJ = '\u200c';
const ZWJ = '\u200d';
const WORD_JOINER = '\u2060';
const BOM = '\ufeff';
const SOFT_HYPHEN = '\u00ad';
const RLO = '\u202e';
const PDF = '\u202c';
const LRI = '\u2066';
const PDI = '\u2069';

describe('hostile text: what matches, deliberately', () => {
  it.each([
    ['a code split by zero-width joiners (copied from a web portal) is joined', `0x${ZWJ}80cf${ZWJ}6008`],
    ['a code split by zero-width spaces and non-joiners is joined', `0x80${ZWSP}cf${ZWNJ}6008`],
    [
      'a code split by a word joiner, a BOM and a soft hyphen is joined',
      `0x80${WORD_JOINER}cf${BOM}60${SOFT_HYPHEN}08`,
    ],
    ['a code inside bidi overrides (RLO … PDF) is read as written', `${RLO}0x80cf6008${PDF}`],
    ['a code inside bidi isolates is read as written', `${LRI}0x80cf6008${PDI}`],
    ['a code after a no-break space', 'hr\u00a00x80cf6008'],
    ['a code in nested mrkdwn', '*_~`0x80cf6008`~_*'],
    ['a code in a code block', '```\n0x80cf6008\n```'],
    ['a code in angle brackets', '<0x80cf6008>'],
    ['a code beside an escaped entity', '&lt;0x80cf6008&gt;'],
    ['a code inside a quote', '> 0x80cf6008'],
    ['a symbolic name split by a zero-width space', `OM_E_DM_${ZWSP}FAILTOCONNECTTOBITS`],
    ['ASCII hex after a full-width ０ｘ (read as the bare 8-digit form)', '０ｘ80cf6008'],
  ])('matches: %s', (_what, text) => {
    expect(codesIn(text)).toEqual(['0x80CF6008']);
  });

  it.each([
    ['full-width digits and letters (no log or portal prints them)', '０ｘ８０ｃｆ６００８'],
    ['Arabic-Indic digits', '٠x٨٠cf٦٠٠٨'],
    ['a Cyrillic с posing as c', '0x80сf6008'],
    ['a zero-width character is not a separator: the run grows too long', `0x80cf6008${ZWSP}12`],
    ['a code glued to a word through an invisible character', `abc${ZWJ}0x80cf6008`],
    ['40,000 characters of 0x', '0x'.repeat(20_000)],
    ['a URL path segment', 'https://example.test/a0x80cf6008b'],
    ['a user or channel id wrapping it', '<@U0x80cf6008> <#C80cf6008X>'],
  ])('does not match: %s', (_what, text) => {
    expect(codesIn(text)).toEqual([]);
  });

  it('strips every invisible character it knows and nothing else', () => {
    const invisible = [
      ZWSP,
      ZWNJ,
      ZWJ,
      '\u200e',
      '\u200f',
      WORD_JOINER,
      BOM,
      SOFT_HYPHEN,
      RLO,
      PDF,
      LRI,
      PDI,
    ];
    expect(stripInvisible(`a${invisible.join('')}b`)).toBe('ab');
    expect(stripInvisible('a\u00a0b c')).toBe('a\u00a0b c');
  });
});

describe('hostile text: it always returns (size-linear work, checked by returning, not by timing)', () => {
  const big = 40_000;
  it.each([
    ['0x', '0x'],
    ['zero-width joiners', ZWJ],
    ['bidi overrides', RLO],
    ['0x and a zero-width space', `0x${ZWSP}`],
    ['a 7-digit prefix', '8024600'],
    ['nested markup', '*_~`'],
    ['OM_E_ fragments', 'OM_E_'],
    ['a code split by a joiner', `0x80cf${ZWJ}6008 `],
    ['angle brackets', '<<<>>>'],
    ['hex and dashes', '80cf6008-'],
  ])('40,000 characters of %s', (_what, unit) => {
    const text = unit.repeat(Math.ceil(big / unit.length));
    const tokens = scanTokens(text);
    // Never more tokens than characters: a scan that backtracked into overlapping matches would exceed it.
    expect(tokens.length).toBeLessThanOrEqual(text.length);
    expect(() => answerMessage(catalog, text)).not.toThrow();
    expect(() => answerQuery(catalog, text)).not.toThrow();
  });

  it('answers random text built from the hostile alphabet (fast-check)', () => {
    const alphabet = fc.constantFrom(
      '0',
      'x',
      '8',
      'c',
      'f',
      '-',
      '_',
      'O',
      'M',
      'E',
      ' ',
      '*',
      '`',
      '<',
      '>',
      '&',
      ZWJ,
      ZWSP,
      RLO,
      PDF,
      BOM,
      '０',
      '\u00a0',
      '0x80cf6008',
      'OM_E_DM_FAILTOCONNECTTOBITS',
      '<!channel>',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 400 }), (parts) => {
        const text = parts.join('');
        const clean = stripInvisible(text);
        for (const token of scanTokens(text)) {
          // Every token is really in the cleaned text, at its index.
          if (clean.slice(token.index, token.index + token.raw.length) !== token.raw) return false;
        }
        answerMessage(catalog, text);
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('finds a code planted anywhere in 40,000 characters of noise, joined across invisible characters', () => {
    fc.assert(
      fc.property(fc.nat({ max: 39_000 }), fc.constantFrom('', ZWJ, ZWSP, BOM), (at, glue) => {
        const noise = 'x '.repeat(20_000);
        const code = ['0x', '80', 'cf', '60', '08'].join(glue);
        const text = `${noise.slice(0, at)} ${code} ${noise.slice(at)}`;
        return codesIn(text).includes('0x80CF6008');
      }),
      { numRuns: 50 },
    );
  });
});

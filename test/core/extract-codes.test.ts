import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerMessage } from '../../src/core/answer.js';
import { scanTokens, stripInvisible } from '../../src/core/extract-codes.js';
import { itemsOf } from '../support/answer-parts.js';
import { catalog } from '../support/catalog.js';
import { codesIn } from '../support/codes-in.js';

describe('extracting codes from a message', () => {
  it.each([
    ['a plain code', 'sync failed with 0x80cf6008', ['0x80CF6008']],
    ['upper case', 'ERROR 0X80CF6008 AGAIN', ['0x80CF6008']],
    ['bare hex', 'result 80cf6008', ['0x80CF6008']],
    ['unsigned decimal', 'HResult 2161074184', ['0x80CF6008']],
    ['signed decimal as PowerShell prints it', 'HResult : -2133893112', ['0x80CF6008']],
    ['a symbolic name in any case', 'see om_e_dm_failtoconnecttobits', ['0x80CF6008']],
    [
      'punctuation around it',
      '(0x80cf6008). code=0x80cf6009, [0x80cf600B]',
      ['0x80CF6008', '0x80CF6009', '0x80CF600B'],
    ],
    [
      'markup around it',
      '*0x80cf6008* `0x80cf6009` _0x80cf600a_',
      ['0x80CF6008', '0x80CF6009', '0x80CF600A'],
    ],
    ['a Windows Update code with an Intune twin, as itself', 'WU says 0x80246008', ['0x80246008']],
    ['a Windows Update code with no twin', 'WU says 0x80240047', ['0x80240047']],
    ['an unknown error HRESULT', 'Intune says 0x87d1041c', ['0x87D1041C']],
  ])('finds %s', (_what, text, expected) => {
    expect(codesIn(text)).toEqual(expected);
  });

  it.each([
    ['a longer hex run', 'sha 80cf600812ab and 0x80cf600812'],
    ['a GUID', '{80CF6008-8B86-D011-B42D-00C04FC964FF} 6F9619FF-80cf6008-D011'],
    ['a word', 'abc0x80cf6008 x80cf6008y OM_E_DM_FAILTOCONNECTTOBITSX_'],
    ['an unknown bare number', 'ticket 12345678 and 4000000000 and deadbeef'],
    ['a success-range unknown code', 'exit 0x00000000 and 0x00000001'],
    // Windows names Win32 errors 2 and 1234, but written like this they are an exit code and an asset number.
    ['a success-range number that is also a Win32 error number', 'exit 0x00000002, asset 00001234'],
    ['a code with too few digits', '0x80cf60'],
    ['full-width digits', '０ｘ８０ｃｆ６００８'],
  ])('ignores %s', (_what, text) => {
    expect(codesIn(text)).toEqual([]);
  });

  it('keeps order and reports each code once, whatever its spelling', () => {
    expect(
      codesIn('0x80cf6009 then 0x80cf6008, 2161074184, OM_E_DM_FAILTOCONNECTTOBITS and 0x80cf6009'),
    ).toEqual(['0x80CF6009', '0x80CF6008']);
  });

  it('joins a code split by invisible formatting characters', () => {
    expect(stripInvisible('0x80cf\u200b6008\u202e')).toBe('0x80cf6008');
    expect(codesIn('0x80cf\u200b6008')).toEqual(['0x80CF6008']);
  });

  it('reads an 8-digit run as hex when that is the known code', () => {
    expect(codesIn('code 80246008')).toEqual(['0x80246008']);
  });

  it('says for each token where its meaning comes from', () => {
    const sources = itemsOf(answerMessage(catalog, '0x80cf6008 0x8badf00d 0x80240047')).map((i) => i.source);
    expect(sources).toEqual(['intune-table', 'decoded', 'windows-update']);
  });
});

// Every spelling an admin might paste, for one value.
const spellings = (value: number, name: string) => [
  `0x${value.toString(16).padStart(8, '0')}`,
  `0X${value.toString(16).toUpperCase().padStart(8, '0')}`,
  value.toString(16).padStart(8, '0'),
  String(value),
  ...(value >= 0x80000000 ? [String(value | 0)] : []),
  name,
  name.toLowerCase(),
];

describe('extraction properties', () => {
  const entryArb = fc.constantFrom(...catalog.entries);
  // Text around the code that cannot glue onto it: starts and ends with a separator.
  const filler = fc.string({ maxLength: 40 }).map((s) => ` ${s.replace(/[0-9A-Za-z_]+$/, '')} `);

  it('finds any known code in any accepted spelling embedded in random text', () => {
    fc.assert(
      fc.property(entryArb, fc.nat(), filler, filler, (entry, pick, before, after) => {
        const forms = spellings(entry.value, entry.name);
        const form = forms[pick % forms.length] as string;
        const found = itemsOf(answerMessage(catalog, `${before}(${form}),${after}`));
        return found.some((item) => item.source === 'intune-table' && item.value === entry.value);
      }),
      { numRuns: 250 },
    );
  });

  it('never throws and returns only tokens that are really in the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000, unit: 'binary' }), (text) => {
        const clean = stripInvisible(text);
        for (const token of scanTokens(text)) {
          if (clean.slice(token.index, token.index + token.raw.length) !== token.raw) return false;
        }
        return true;
      }),
      { numRuns: 150 },
    );
  });

  it('answers any message without throwing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500, unit: 'grapheme' }), (text) => {
        answerMessage(catalog, text);
      }),
      { numRuns: 150 },
    );
  });

  it('does the same work per character on adversarial inputs of growing size', () => {
    // Counts regex steps indirectly: token count must stay proportional, and the call must return.
    for (const unit of ['0x', '8', 'f', 'OM_E_', '0x80cf600', '-2', '80cf6008-']) {
      const text = unit.repeat(Math.ceil(400_000 / unit.length));
      expect(() => scanTokens(text)).not.toThrow();
    }
  });
});

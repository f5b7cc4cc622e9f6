import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src/core/catalog/build-catalog.js';
import { readPage } from '../../../src/core/catalog/read-page.js';
import { readWuCodes } from '../../../src/core/catalog/read-wu-codes.js';
import { DataError } from '../../../src/errors.js';

const page = (
  locale: string,
  rows: string[],
  intro = 'See [the list](https://example.test/wu-list) for others.',
) =>
  [
    '---',
    'title: Test page',
    `ms.contentlocale: ${locale}`,
    '---',
    '# <a name="x"></a>Error codes',
    '',
    intro,
    '',
    '|Code|Name|Description|',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');

const ROW_A = '|**0x80cf0001**|OM_E_NO_SERVICE|The agent &#42;stopped&#42; **now**.|';
const ROW_B = '|**0x80cf0002**|OM_E_MAX_CAPACITY_REACHED|Too  many.|';

function errorOf(fn: () => unknown): DataError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DataError) return error;
    throw error;
  }
  throw new Error('expected a DataError');
}

describe('readPage', () => {
  it('reads locale, title, fallback link and rows with decoded entities and bold', () => {
    const result = readPage('t.md', page('sv-SE', [ROW_A, ROW_B]));
    expect(result.locale).toBe('sv-SE');
    expect(result.title).toBe('Error codes');
    expect(result.fallbackUrl).toBe('https://example.test/wu-list');
    expect(result.fallbackLabel).toBe('the list');
    expect(result.rows.map((r) => r.value)).toEqual([0x80cf0001, 0x80cf0002]);
    expect(result.rows[0]?.description).toEqual([
      { text: 'The agent *stopped* ', strong: false },
      { text: 'now', strong: true },
      { text: '.', strong: false },
    ]);
    expect(result.rows[1]?.description).toEqual([{ text: 'Too many.', strong: false }]);
  });

  it('reports the file and line of a row whose code is not 8 hex digits', () => {
    const error = errorOf(() => readPage('bad.md', page('sv-SE', [ROW_A, '|**0x80cf02**|OM_E_X|Short.|'])));
    expect(error.message).toBe('bad.md:12: "0x80cf02" is not a code of 0x and 8 hex digits');
    expect(error.line).toBe(12);
  });

  it.each([
    ['a bad name', '|**0x80cf0003**|om e x|Text.|', 'is not a symbolic name'],
    ['an empty description', '|**0x80cf0003**|OM_E_X||', 'empty description'],
    ['a missing cell', '|**0x80cf0003**|OM_E_X|', 'needs 3 cells'],
  ])('rejects %s with file:line', (_what, row, message) => {
    const error = errorOf(() => readPage('bad.md', page('sv-SE', [ROW_A, row])));
    expect(error.message).toContain('bad.md:12:');
    expect(error.message).toContain(message);
  });

  it('rejects a page without ms.contentlocale', () => {
    expect(
      errorOf(() => readPage('p.md', page('', [ROW_A]).replace('ms.contentlocale: \n', ''))).message,
    ).toContain('ms.contentlocale');
  });

  it('rejects a page whose intro has no fallback link', () => {
    expect(errorOf(() => readPage('p.md', page('sv-SE', [ROW_A], 'No link here.'))).message).toContain(
      'no link',
    );
  });
});

describe('buildCatalog', () => {
  const wu = readWuCodes(
    'wu.tsv',
    'code\tsymbolic_name\n0x80240001\tWU_E_NO_SERVICE\n0x80240002\tWU_E_OTHER_THING\n',
  );

  it('links twins only where the mirrored name matches', () => {
    const catalog = buildCatalog([readPage('sv.md', page('sv-SE', [ROW_A, ROW_B]))], wu);
    expect(catalog.byName('OM_E_NO_SERVICE')?.wuTwin?.name).toBe('WU_E_NO_SERVICE');
    expect(catalog.byName('OM_E_MAX_CAPACITY_REACHED')?.wuTwin).toBeUndefined();
    expect(catalog.byWuTwin(0x80240001)?.name).toBe('OM_E_NO_SERVICE');
  });

  it('rejects duplicate codes and names with the line of the second one', () => {
    expect(errorOf(() => buildCatalog([readPage('sv.md', page('sv-SE', [ROW_A, ROW_A]))], wu)).message).toBe(
      'sv.md:12: 0x80CF0001 appears twice',
    );
    const sameName = '|**0x80cf0009**|OM_E_NO_SERVICE|Again.|';
    expect(
      errorOf(() => buildCatalog([readPage('sv.md', page('sv-SE', [ROW_A, sameName]))], wu)).message,
    ).toContain('OM_E_NO_SERVICE appears twice');
  });

  it('rejects a second locale whose rows differ from the first', () => {
    const sv = readPage('sv.md', page('sv-SE', [ROW_A, ROW_B]));
    const renamed = readPage('en.md', page('en-US', [ROW_A, '|**0x80cf0002**|OM_E_RENAMED|Text.|']));
    expect(errorOf(() => buildCatalog([sv, renamed], wu)).message).toContain(
      'en.md:12: 0x80CF0002 is named OM_E_RENAMED here',
    );
    const missing = readPage('en.md', page('en-US', [ROW_A]));
    expect(errorOf(() => buildCatalog([sv, missing], wu)).message).toContain('missing 1 code(s)');
  });

  it('rejects a malformed Windows Update list with its line', () => {
    expect(errorOf(() => readWuCodes('wu.tsv', 'code\tsymbolic_name\n0x8024\tWU_E_X\n')).message).toContain(
      'wu.tsv:2:',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src/core/catalog/build-catalog.js';
import { NO_KNOWLEDGE } from '../../../src/core/catalog/build-records.js';
import { readCurated } from '../../../src/core/catalog/read-curated.js';
import { readPage } from '../../../src/core/catalog/read-page.js';
import { catalog } from '../../support/catalog.js';

const ROW = (code: string, extra = '') => `  - code: "${code}"
    title: A title
    link: https://learn.microsoft.com/troubleshoot/x
    description: What it means.${extra}
`;
const file = (family: string, rows: string, head = '') => `family: ${family}\n${head}codes:\n${rows}`;

function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a DataError');
}

const PAGE = readPage(
  'p.sv-SE.md',
  `---\nms.contentlocale: sv-SE\n---\n# T\n\nIntro [WU](https://example.com/wu).\n\n|a|b|c|\n|-|-|-|\n|**0x80cf0001**|OM_E_X|Text.|\n`,
);

function build(...files: [string, string][]) {
  return buildCatalog([PAGE], [], {
    ...NO_KNOWLEDGE,
    curated: files.map(([name, text]) => readCurated(name, text)),
  });
}

describe('curated rows are checked at load, naming file:line', () => {
  it('refuses a row without a link, naming its line', () => {
    const text = file('win32', `  - code: "0x80070005"\n    title: T\n    description: D\n`);
    expect(errorOf(() => readCurated('curated/win32.en-US.yaml', text)).message).toBe(
      'curated/win32.en-US.yaml:3: missing "link"',
    );
  });

  it('refuses a link that is not https', () => {
    const text = file('win32', ROW('0x80070005').replace('https://', 'http://'));
    expect(errorOf(() => readCurated('curated/win32.en-US.yaml', text)).message).toMatch(
      /^curated\/win32\.en-US\.yaml:5: "link" must be an https:\/\/ link/,
    );
  });

  it('refuses an unquoted code, which YAML reads as a number', () => {
    const text = file('win32', ROW('0x80070005').replace('"0x80070005"', '0x80070005'));
    expect(errorOf(() => readCurated('curated/win32.en-US.yaml', text)).message).toMatch(
      /^curated\/win32\.en-US\.yaml:3: "code" must be a non-empty text/,
    );
  });

  it('refuses a family that the file name does not carry, or that does not exist', () => {
    expect(
      errorOf(() => readCurated('curated/win32.en-US.yaml', file('setup', ROW('0xC1900101')))).message,
    ).toMatch(/:1: family "setup" in a file named win32/);
    expect(
      errorOf(() => readCurated('curated/nope.en-US.yaml', file('nope', ROW('0xC1900101')))).message,
    ).toMatch(/:1: unknown family "nope"/);
  });

  it('refuses locales of a family that hold different codes', () => {
    const en = ['curated/win32.en-US.yaml', file('win32', ROW('0x80070005') + ROW('0x80070002'))] as [
      string,
      string,
    ];
    const sv = ['curated/win32.sv-SE.yaml', file('win32', ROW('0x80070005'))] as [string, string];
    expect(errorOf(() => build(sv, en)).message).toMatch(
      /^curated\/win32\.en-US\.yaml.*lists other codes than/,
    );
  });

  it('refuses a value claimed by two families', () => {
    const a = ['curated/win32.sv-SE.yaml', file('win32', ROW('0x80070005'))] as [string, string];
    const b = ['curated/setup.sv-SE.yaml', file('setup', ROW('0x80070005'))] as [string, string];
    expect(errorOf(() => build(a, b)).message).toMatch(
      /0x80070005 is curated in curated\/win32\.sv-SE\.yaml too/,
    );
  });

  it('refuses a curated row for a code the Intune table already explains', () => {
    const a = ['curated/hresult.sv-SE.yaml', file('hresult', ROW('0x80CF0001'))] as [string, string];
    expect(errorOf(() => build(a)).message).toMatch(
      /0x80CF0001 is already explained by the intune-table data/,
    );
  });
});

describe('the knowledge in data/', () => {
  it('has every curated row in both languages, with a family and an https link', () => {
    const curated = catalog.explained.filter((record) => record.source === 'curated');
    expect(curated.length).toBeGreaterThanOrEqual(150);
    for (const record of curated) {
      for (const locale of ['en-US', 'sv-SE']) {
        expect(record.description?.[locale], `${record.code} ${locale}`).toBeDefined();
        expect(record.title?.[locale], `${record.code} ${locale}`).toBeDefined();
        expect(record.link?.[locale]).toMatch(/^https:\/\//);
      }
    }
  });

  it('describes all 477 Windows Update codes in both languages', () => {
    const wu = catalog.explained.filter((record) => record.source === 'windows-update');
    expect(wu).toHaveLength(477);
    for (const record of wu) {
      expect(record.description?.['en-US'], record.code).toBeDefined();
      expect(record.description?.['sv-SE'], record.code).toBeDefined();
    }
  });

  it('names every code of the Windows header list, a Win32 number in both forms', () => {
    expect(catalog.lookupName('ERROR_ACCESS_DENIED')?.code).toBe('0x80070005');
    expect(catalog.lookup(5)?.code).toBe('0x80070005');
    expect(catalog.lookupName('STATUS_ACCESS_VIOLATION')?.code).toBe('0xC0000005');
    expect(catalog.lookupName('ERROR_INTERNET_TIMEOUT')?.code).toBe('0x80072EE2');
    expect(catalog.facilityName(7)).toBe('FACILITY_WIN32');
  });
});

describe('a misspelt key', () => {
  it('is refused rather than silently dropped', () => {
    const text = file('win32', ROW('0x80070005').replace('    title:', '    hint: x\n    title:'));
    expect(() => readCurated('curated/win32.en-US.yaml', text)).toThrow(
      /^curated\/win32\.en-US\.yaml:4: unknown key "hint"/,
    );
  });
});

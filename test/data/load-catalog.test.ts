import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainText } from '../../src/core/catalog/build-catalog.js';
import { catalog, DATA_DIR } from '../support/catalog.js';

const source = readFileSync(join(DATA_DIR, 'software-update-agent-error-codes.sv-SE.md'), 'utf8');
const sourceRows = [...source.matchAll(/^\|\*\*(0x[0-9a-fA-F]{8})\*\*\|([A-Z0-9_]+)\|(.*)\|$/gm)];

describe('loadCatalog on data/', () => {
  it('loads all 209 rows of the Swedish source page', () => {
    expect(sourceRows).toHaveLength(209);
    expect(catalog.entries).toHaveLength(209);
  });

  it('loads an English page with the same codes and names as the Swedish one', () => {
    expect(catalog.locales).toContain('sv-SE');
    expect(catalog.locales).toContain('en-US');
    for (const entry of catalog.entries) {
      for (const locale of catalog.locales)
        expect(entry.description[locale], `${entry.code} ${locale}`).toBeDefined();
    }
  });

  it('keeps every row in source order with its exact code value and name', () => {
    sourceRows.forEach(([, code, name], i) => {
      const entry = catalog.entries[i];
      expect(entry?.value).toBe(Number.parseInt(code?.slice(2) ?? '', 16));
      expect(entry?.name).toBe(name);
    });
  });

  it('gives English text, not Swedish, for every en-US description', () => {
    for (const entry of catalog.entries) {
      const text = plainText(entry.description['en-US'] ?? []);
      expect(text, entry.name).not.toMatch(/[åäöÅÄÖ]/);
      expect(text.length, entry.name).toBeGreaterThan(5);
    }
  });

  it('decodes HTML entities and keeps bold as strong runs', () => {
    const entry = catalog.byName('OM_E_DM_UNEXPECTED');
    const parts = entry?.description['sv-SE'] ?? [];
    expect(parts.some((p) => p.strong && p.text === 'OM_E_DM_*')).toBe(true);
    expect(plainText(parts)).not.toContain('&#42;');
  });

  it('reads the title and the Windows Update fallback link of each page', () => {
    expect(catalog.fallbackUrl).toBe(
      'https://support.microsoft.com/help/938205/windows-update-error-code-list',
    );
    expect(catalog.pages['sv-SE']?.title).toMatch(/^Felkoder/);
    expect(catalog.pages['en-US']?.fallbackUrl).toBe(catalog.fallbackUrl);
  });

  it('pairs exactly 200 rows with a Windows Update twin whose name mirrors the Intune name', () => {
    const twins = catalog.entries.filter((e) => e.wuTwin);
    expect(twins).toHaveLength(200);
    for (const e of twins) expect(e.wuTwin?.name).toBe(e.name.replace(/^OMC?_/, 'WU_'));
  });

  it.each([
    ['OM_E_NOTSUPPORTED'],
    ['OM_E_INVALIDWUAVERSION'],
    ['OM_E_SEARCH_COMPLETED_WITH_SOME_FAILURES'],
    ['OM_E_DOWNLOAD_COMPLETED_WITH_SOME_FAILURES'],
    ['OM_E_INSTALL_COMPLETED_WITH_SOME_FAILURES'],
    ['OM_E_WINUPDATE_CACHE_UNINITIALIZED'],
    ['OM_E_AU_ALREADY_PROMPTING_FOR_REBOOT'],
    ['OMC_E_INSTALL_NOT_ALLOWED_REBOOT_REQUIRED'],
    ['OMC_E_DOWNLOAD_CANCELLED'],
  ])('claims no twin for %s, whose Windows Update value means something else', (name) => {
    expect(catalog.byName(name)?.wuTwin).toBeUndefined();
  });

  it('loads the 477 Windows Update Agent codes', () => {
    expect(catalog.wuByName('WU_E_DM_FAILTOCONNECTTOBITS')?.code).toBe('0x80246008');
    expect(catalog.wuByValue(0x80240047)?.name).toBe('WU_E_REVERT_NOT_ALLOWED');
  });

  it.each([
    ['sv-SE', 'sv-SE'],
    ['sv-FI', 'sv-SE'],
    ['en-GB', 'en-US'],
    ['en_US', 'en-US'],
    ['de-DE', 'sv-SE'],
    [undefined, 'sv-SE'],
  ])('resolves the requested locale %s to %s with sv-SE as the default', (requested, expected) => {
    expect(catalog.resolveLocale(requested, 'sv-SE')).toBe(expected);
  });
});

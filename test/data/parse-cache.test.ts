import {
  appendFileSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { loadCatalog } from '../../src/data/load-catalog.js';
import { openCatalog } from '../../src/data/open-catalog.js';
import { DATA_DIR, catalog as reference } from '../support/catalog.js';

const FILES = [
  'software-update-agent-error-codes.sv-SE.md',
  'software-update-agent-error-codes.en-US.md',
  'windows-update-agent-codes.tsv',
  'windows-error-names.tsv',
];

let dir: string;
let data: string;
let cacheFile: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'intune-err-cache-'));
  data = join(dir, 'data');
  cacheFile = join(dir, 'catalog-cache.json');
  mkdirSync(data);
  for (const f of FILES) copyFileSync(join(DATA_DIR, f), join(data, f));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The cache global-setup.ts wrote for the same data files: valid here too, without parsing again. */
function seedCache() {
  copyFileSync(inject('catalogCacheFile'), cacheFile);
  expect(loadCatalog(data, { cacheFile }).entries).toEqual(reference.entries);
}

describe('the parse cache', () => {
  it('start-up opens the same catalog from a cold cache, a warm one and a broken one', async () => {
    const cold = await openCatalog(data, { cacheFile });
    expect(JSON.parse(readFileSync(cacheFile, 'utf8')).pages).toHaveLength(2);
    const warm = await openCatalog(data, { cacheFile });
    writeFileSync(cacheFile, '{"format":');
    const broken = await openCatalog(data, { cacheFile });
    expect(cold.entries).toEqual(reference.entries);
    expect(warm.entries).toEqual(cold.entries);
    expect(broken.entries).toEqual(cold.entries);
  });

  it('writes the parsed pages on first load and gives the same catalog from the cache', () => {
    const first = loadCatalog(data, { cacheFile });
    expect(JSON.parse(readFileSync(cacheFile, 'utf8')).pages).toHaveLength(2);
    const second = loadCatalog(data, { cacheFile });
    expect(second.entries).toEqual(reference.entries);
    expect(first.entries).toEqual(second.entries);
  });

  it('ignores the cache once a data file changes', () => {
    seedCache();
    const page = join(data, FILES[1] as string);
    writeFileSync(
      page,
      readFileSync(page, 'utf8').replace('The agent was stopped.', 'The agent has stopped.'),
    );
    expect(
      loadCatalog(data, { cacheFile }).byName('OM_S_SERVICE_STOP')?.description['en-US']?.[0]?.text,
    ).toBe('The agent has stopped.');
  });

  it('still validates rows that come from the cache', () => {
    seedCache();
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8'));
    cached.pages[1].rows.pop();
    writeFileSync(cacheFile, JSON.stringify(cached));
    expect(() => loadCatalog(data, { cacheFile })).toThrow(/missing 1 code/);
  });

  it('parses again when the cache is unreadable', () => {
    writeFileSync(cacheFile, '{ not json');
    expect(loadCatalog(data, { cacheFile }).entries).toHaveLength(209);
  });

  it('trusts the cache of the same bytes under new dates (a fresh checkout) and notes the new dates', () => {
    loadCatalog(data, { cacheFile });
    // A marker only the cache holds: seeing it proves the rows came from the cache.
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8'));
    cached.pages[1].rows[0].description = [{ text: 'From the cache.', strong: false }];
    writeFileSync(cacheFile, JSON.stringify(cached));
    const later = new Date(Date.now() + 60_000);
    for (const name of readdirSync(data)) utimesSync(join(data, name), later, later);

    const catalog = loadCatalog(data, { cacheFile });

    expect(catalog.entries[0]?.description['en-US']?.[0]?.text).toBe('From the cache.');
    const stamps = JSON.parse(readFileSync(cacheFile, 'utf8')).stamps as { name: string; mtimeMs: number }[];
    expect(stamps.map((s) => s.mtimeMs)).toEqual(stamps.map((s) => statSync(join(data, s.name)).mtimeMs));
  });

  it('opens with header names that changed since they were checked only after checking them again', async () => {
    await openCatalog(data, { cacheFile });
    appendFileSync(join(data, 'windows-error-names.tsv'), 'not a row\n');

    await expect(openCatalog(data, { cacheFile })).rejects.toThrow(/^windows-error-names\.tsv:\d+: expected/);
  });

  it('sees an edit that keeps the size and puts the date back', () => {
    const old = new Date(Date.now() - 3_600_000);
    for (const name of readdirSync(data)) utimesSync(join(data, name), old, old);
    loadCatalog(data, { cacheFile });
    const page = join(data, FILES[1] as string);
    writeFileSync(
      page,
      readFileSync(page, 'utf8').replace('The agent was stopped.', 'The agent has stopped.'),
    );
    utimesSync(page, old, old);

    expect(
      loadCatalog(data, { cacheFile }).byName('OM_S_SERVICE_STOP')?.description['en-US']?.[0]?.text,
    ).toBe('The agent has stopped.');
  });

  it('answers header-only names from a catalog opened from the cache', async () => {
    await openCatalog(data, { cacheFile });
    const catalog = await openCatalog(data, { cacheFile });

    expect(catalog.lookupName('ERROR_FILE_NOT_FOUND')?.code).toBe('0x80070002');
    expect(catalog.facilityName(7)).toBe('FACILITY_WIN32');
  });
});

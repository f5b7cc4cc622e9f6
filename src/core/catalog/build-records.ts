import { DataError } from '../../errors.js';
import { formatCode } from '../hex.js';
import { componentOf } from './component.js';
import { type FamilyId, familyOf, hresultFromWin32 } from './families.js';
import type { DescriptionRow } from './read-descriptions.js';
import type {
  CatalogEntry,
  CodeRecord,
  ComponentId,
  CuratedFile,
  Locale,
  SetupExtendTable,
  WindowsName,
  WuCode,
} from './types.js';

/** Everything beyond the Intune table, parsed: what the knowledge files of data/ hold. */
export interface KnowledgeSources {
  /**
   * The header names, read when first needed (a lookup, a search): thousands of rows that
   * start-up would otherwise parse and keep before the first question arrives.
   */
  windowsNames: () => readonly WindowsName[];
  wuDescriptions: { file: string; locale: Locale; rows: DescriptionRow[] }[];
  curated: CuratedFile[];
  componentHints: { file: string; locale: Locale; hints: Record<string, string[]> }[];
  setupExtend: { file: string; locale: Locale; table: SetupExtendTable }[];
}

export const NO_KNOWLEDGE: KnowledgeSources = {
  windowsNames: () => [],
  wuDescriptions: [],
  curated: [],
  componentHints: [],
  setupExtend: [],
};

export interface RecordIndex {
  lookup(value: number): CodeRecord | undefined;
  lookupName(name: string): CodeRecord | undefined;
  explained: CodeRecord[];
  facilityName(facility: number): string | undefined;
  familyHints(family: FamilyId, locale: Locale): readonly string[];
  componentHints(component: ComponentId, locale: Locale): readonly string[];
  setupExtend: SetupExtendTable | undefined;
}

const EMPTY: readonly string[] = [];
// Range markers (DRAGDROP_S_FIRST) share a value with the real code; they are the least specific name.
const MARKER = /_(?:FIRST|LAST|BASE|END|START)$/;

/**
 * Joins every source into one record per value. Precedence for the meaning: the Intune
 * table, then our curated rows, then the Windows Update descriptions; the headers add
 * names to whatever explains a value, and name what nothing explains.
 */
export function buildRecords(
  entries: readonly CatalogEntry[],
  wuCodes: readonly WuCode[],
  sources: KnowledgeSources,
  sourceLocale: Locale,
): RecordIndex {
  const records = new Map<number, CodeRecord>();
  const byName = new Map<string, number>();
  const nameOf = (name: string, value: number) => {
    const key = name.toUpperCase();
    if (!byName.has(key)) byName.set(key, value);
  };
  const blank = (value: number, source: CodeRecord['source']): CodeRecord => ({
    value,
    code: formatCode(value),
    names: [],
    source,
    family: familyOf(value),
    severity: value >>> 31 === 1 ? 'error' : 'success',
    title: undefined,
    description: undefined,
    link: undefined,
    hints: undefined,
    component: undefined,
    twin: undefined,
  });

  for (const entry of entries) {
    const record = blank(entry.value, 'intune-table');
    record.names.push(entry.name);
    record.description = entry.description;
    record.component = entry.component;
    if (entry.wuTwin)
      record.twin = {
        value: entry.wuTwin.value,
        code: entry.wuTwin.code,
        name: entry.wuTwin.name,
        source: 'windows-update',
      };
    records.set(entry.value, record);
    nameOf(entry.name, entry.value);
  }

  // Windows Update codes: a twin reuses its Intune row's words; the rest take ours.
  const wuWords = new Map<number, Record<Locale, string>>();
  const wuValues = new Set(wuCodes.map((wu) => wu.value));
  for (const { locale, rows, file } of sources.wuDescriptions) {
    for (const row of rows) {
      if (!wuValues.has(row.value))
        throw new DataError(file, row.line, `${formatCode(row.value)} is not a Windows Update code`);
      const words = wuWords.get(row.value) ?? {};
      words[locale] = row.description;
      wuWords.set(row.value, words);
    }
  }
  const twinOf = new Map<number, CatalogEntry>();
  for (const entry of entries) if (entry.wuTwin) twinOf.set(entry.wuTwin.value, entry);
  for (const wu of wuCodes) {
    const record = blank(wu.value, 'windows-update');
    record.names.push(wu.name);
    record.component = componentOf(wu.value, wu.name);
    const twin = twinOf.get(wu.value);
    if (twin) {
      record.description = twin.description;
      record.twin = { value: twin.value, code: twin.code, name: twin.name, source: 'intune-table' };
    } else {
      const words = wuWords.get(wu.value);
      if (words)
        record.description = Object.fromEntries(
          Object.entries(words).map(([locale, text]) => [locale, [{ text, strong: false }]]),
        );
    }
    records.set(wu.value, record);
    nameOf(wu.name, wu.value);
  }

  // Curated rows: both locales of a family hold the same codes; a value has one curated row.
  const familyHints = new Map<string, readonly string[]>();
  const curatedBy = new Map<number, { file: string; family: FamilyId }>();
  const byFamily = new Map<FamilyId, CuratedFile[]>();
  for (const file of sources.curated) {
    familyHints.set(`${file.family}\u0000${file.locale}`, file.hints);
    byFamily.set(file.family, [...(byFamily.get(file.family) ?? []), file]);
  }
  for (const [family, files] of byFamily) {
    const [first, ...rest] = files.sort(
      (a, b) =>
        Number(b.locale === sourceLocale) - Number(a.locale === sourceLocale) ||
        byCodeUnits(a.locale, b.locale),
    );
    if (!first) continue;
    const codes = first.codes.map((row) => row.value).join(',');
    for (const other of rest) {
      const mismatch = other.codes.find((row, i) => row.value !== first.codes[i]?.value);
      if (
        mismatch ||
        other.codes.length !== first.codes.length ||
        other.codes.map((r) => r.value).join(',') !== codes
      )
        throw new DataError(
          other.file,
          mismatch?.line,
          `lists other codes than ${first.file} (every locale of ${family} holds the same codes in the same order)`,
        );
    }
    for (const file of files) {
      for (const row of file.codes) {
        const claimed = curatedBy.get(row.value);
        if (claimed && claimed.family !== family)
          throw new DataError(
            file.file,
            row.line,
            `${formatCode(row.value)} is curated in ${claimed.file} too`,
          );
        curatedBy.set(row.value, { file: file.file, family });
        const existing = records.get(row.value);
        if (existing && existing.source !== 'curated')
          throw new DataError(
            file.file,
            row.line,
            `${formatCode(row.value)} is already explained by the ${existing.source} data`,
          );
        const record = existing ?? blank(row.value, 'curated');
        record.family = family;
        record.title = { ...record.title, [file.locale]: row.title };
        record.description = {
          ...record.description,
          [file.locale]: [{ text: row.description, strong: false }],
        };
        record.link = { ...record.link, [file.locale]: row.link };
        if (row.hints.length > 0) record.hints = { ...record.hints, [file.locale]: row.hints };
        if (row.name && !record.names.includes(row.name)) record.names.unshift(row.name);
        records.set(row.value, record);
        if (row.name) nameOf(row.name, row.value);
      }
    }
  }

  const explained = [...records.values()]
    .filter((record) => record.description !== undefined)
    .sort((a, b) => a.value - b.value);

  // Header names: the constant for this exact value first, then the Win32 name behind an 0x8007 HRESULT.
  // Joined on the first question, not at start-up: until then no answer shows a name.
  let headerIndex: HeaderIndex | undefined;
  const headers = (): HeaderIndex => {
    headerIndex ??= indexHeaderNames(sources.windowsNames(), records, byName);
    return headerIndex;
  };

  const recordOf = (value: number): CodeRecord | undefined => {
    const { names: headerNames } = headers();
    const known = records.get(value);
    if (known) return known;
    const names = headerNames.get(value);
    if (!names) return undefined;
    const record = blank(value, 'windows-headers');
    record.names = names;
    records.set(value, record);
    return record;
  };

  const hintsOf = new Map<string, readonly string[]>();
  for (const { locale, hints } of sources.componentHints)
    for (const [component, steps] of Object.entries(hints)) hintsOf.set(`${component}\u0000${locale}`, steps);

  return {
    lookup(value) {
      const v = value >>> 0;
      // A bare Win32 number (5) is the error Windows reports as 0x80070005.
      return recordOf(v) ?? (v > 0 && v <= 0xffff ? recordOf(hresultFromWin32(v)) : undefined);
    },
    lookupName(name) {
      const key = name.toUpperCase();
      const value = byName.get(key) ?? headers().byName.get(key);
      return value === undefined ? undefined : recordOf(value);
    },
    get explained() {
      headers();
      return explained;
    },
    facilityName: (facility) => headers().facilities.get(facility),
    familyHints: (family, locale) =>
      familyHints.get(`${family}\u0000${locale}`) ??
      familyHints.get(`${family}\u0000${sourceLocale}`) ??
      EMPTY,
    componentHints: (component, locale) =>
      hintsOf.get(`${component}\u0000${locale}`) ?? hintsOf.get(`${component}\u0000${sourceLocale}`) ?? EMPTY,
    setupExtend: mergeExtend(sources.setupExtend),
  };
}

interface HeaderIndex {
  /** Names of the values only the headers know. */
  names: Map<number, string[]>;
  /** Every header name, by name, after the names a table or a curated row gives (which win). */
  byName: Map<string, number>;
  facilities: Map<number, string>;
}

/**
 * Adds the header names to the records that explain a value (most specific first) and indexes the
 * values only the headers know, by value and by name.
 */
function indexHeaderNames(
  windowsNames: readonly WindowsName[],
  records: ReadonlyMap<number, CodeRecord>,
  knownNames: ReadonlyMap<string, number>,
): HeaderIndex {
  const facilities = new Map<number, string>();
  const markers: WindowsName[] = [];
  const win32: WindowsName[] = [];
  const plain: WindowsName[] = [];
  for (const name of windowsNames) {
    if (name.kind === 'facility') {
      if (!facilities.has(name.value)) facilities.set(name.value, name.name);
    } else if (name.kind === 'win32' && name.value <= 0xffff) win32.push(name);
    // Small NTSTATUS values (STATUS_WAIT_2) share their numbers with Win32 errors; people mean the Win32 one.
    else if (name.kind === 'ntstatus' && name.value <= 0xffff) continue;
    else if (MARKER.test(name.name)) markers.push(name);
    else plain.push(name);
  }
  const names = new Map<number, string[]>();
  const byName = new Map<string, number>();
  const visit = (value: number, name: string) => {
    const record = records.get(value);
    const list = record?.names ?? names.get(value);
    if (!list) names.set(value, [name]);
    else if (!list.includes(name)) list.push(name);
    const key = name.toUpperCase();
    if (!knownNames.has(key) && !byName.has(key)) byName.set(key, value);
  };
  for (const name of plain) visit(name.value, name.name);
  for (const name of win32) visit(hresultFromWin32(name.value), name.name);
  for (const name of markers) visit(name.value, name.name);
  return { names, byName, facilities };
}

/** Plain code-unit order: the first Intl comparison would load ICU's collation data at start-up. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One table of phases and operations with every locale's words. */
function mergeExtend(files: KnowledgeSources['setupExtend']): SetupExtendTable | undefined {
  const [first, ...rest] = files;
  if (!first) return undefined;
  const table: SetupExtendTable = structuredClone(first.table);
  for (const { file, locale, table: other } of rest) {
    for (const key of ['phases', 'operations'] as const) {
      if (other[key].length !== table[key].length)
        throw new DataError(file, undefined, `lists other ${key} than ${first.file}`);
      table[key].forEach((part, i) => {
        const same = other[key][i];
        if (!same || same.value !== part.value)
          throw new DataError(file, undefined, `lists other ${key} than ${first.file}`);
        part.title[locale] = same.title[locale] ?? '';
        part.description[locale] = same.description[locale] ?? '';
      });
    }
  }
  return table;
}

import type { FamilyId } from './families.js';

/** A BCP 47 locale as Microsoft's docs name it: `sv-SE`, `en-US`. */
export type Locale = string;

/** A run of description text; `strong` marks what the source page set in bold. */
export interface Inline {
  text: string;
  strong: boolean;
}

export type ComponentId =
  | 'general'
  | 'protocol-talker'
  | 'windows-installer'
  | 'update-handler'
  | 'client-ui'
  | 'download-manager'
  | 'datastore'
  | 'automatic-updates'
  | 'expression-evaluator'
  | 'reporter';

export type Severity = 'success' | 'error';

/** A Windows Update Agent code from wuerror.h: a value and a name, no description. */
export interface WuCode {
  value: number;
  code: string;
  name: string;
}

/** One row of the Intune table, with every locale's description. */
export interface CatalogEntry {
  value: number;
  /** Canonical display form: `0x80CF6008`. */
  code: string;
  name: string;
  severity: Severity;
  component: ComponentId;
  description: Record<Locale, Inline[]>;
  /** The Windows Update code with the same meaning, where one truly exists. */
  wuTwin: WuCode | undefined;
}

/** Where the meaning of a code comes from; every answer names it. */
export type SourceId = 'intune-table' | 'windows-update' | 'curated' | 'windows-headers';

/** A symbolic name from the Windows SDK headers (winerror.h, ntstatus.h, wininet.h). */
export interface WindowsName {
  value: number;
  kind: 'facility' | 'win32' | 'hresult' | 'ntstatus';
  name: string;
  header: string;
}

/** One code we curated: our own words in every locale, and the page that documents it. */
export interface CuratedRow {
  line: number;
  value: number;
  name: string | undefined;
  title: string;
  link: string;
  description: string;
  hints: string[];
}

/** data/curated/<family>.<locale>.yaml, parsed. */
export interface CuratedFile {
  file: string;
  family: FamilyId;
  locale: Locale;
  hints: string[];
  codes: CuratedRow[];
}

/** A setup phase or operation of an extend code (`0xC1900101 - 0x4000D`). */
export interface ExtendPart {
  /** The phase number (1–6) or the operation number (low 16 bits). */
  value: number;
  name: string | undefined;
  title: Record<Locale, string>;
  description: Record<Locale, string>;
}

export interface SetupExtendTable {
  link: string;
  phases: ExtendPart[];
  operations: ExtendPart[];
}

/**
 * Everything known about one value, from whichever sources know it: the one record
 * every surface shows. Only the Intune table, the Windows Update descriptions and the
 * curated rows explain; the headers only name.
 */
export interface CodeRecord {
  value: number;
  /** `0x80070005`. */
  code: string;
  /** Most specific first: the table's own name, then the header constant for this exact value, then the Win32 name. */
  names: string[];
  source: SourceId;
  family: FamilyId;
  severity: Severity;
  title: Record<Locale, string> | undefined;
  description: Record<Locale, Inline[]> | undefined;
  /** The docs page where this meaning is documented. */
  link: Record<Locale, string> | undefined;
  /** Row-specific steps; the family's or the component's apply where there are none. */
  hints: Record<Locale, string[]> | undefined;
  /** Intune table and Windows Update codes: the subsystem that raised it. */
  component: ComponentId | undefined;
  /** The same code in the other table (Intune <-> Windows Update), where one truly exists. */
  twin: { value: number; code: string; name: string; source: SourceId } | undefined;
}

/** What a page says about itself: its title and the fallback link of its intro. */
export interface PageInfo {
  locale: Locale;
  file: string;
  title: string;
  fallbackUrl: string;
  fallbackLabel: string;
}

export interface Catalog {
  /** Locales with a page, the source language first. */
  readonly locales: readonly Locale[];
  readonly pages: Readonly<Record<Locale, PageInfo>>;
  /** Microsoft's Windows Update error code list: the fallback for codes not in the table. */
  readonly fallbackUrl: string;
  readonly entries: readonly CatalogEntry[];
  byValue(value: number): CatalogEntry | undefined;
  /** Case-insensitive. */
  byName(name: string): CatalogEntry | undefined;
  wuByValue(value: number): WuCode | undefined;
  wuByName(name: string): WuCode | undefined;
  /** The Intune row whose twin is this Windows Update value. */
  byWuTwin(value: number): CatalogEntry | undefined;
  /** Every known value, across every source. */
  lookup(value: number): CodeRecord | undefined;
  /** A symbolic name from any source, case-insensitive. */
  lookupName(name: string): CodeRecord | undefined;
  /** Records that explain (have a description), for search and suggestions. */
  readonly explained: readonly CodeRecord[];
  /** FACILITY_* name of a facility number, from winerror.h. */
  facilityName(facility: number): string | undefined;
  /** Family-level and component-level steps, per locale. */
  familyHints(family: FamilyId, locale: Locale): readonly string[];
  componentHints(component: ComponentId, locale: Locale): readonly string[];
  readonly setupExtend: SetupExtendTable | undefined;
  /** Picks the locale to answer in: exact, then same language, then the default. */
  resolveLocale(requested: string | undefined, fallback: Locale): Locale;
}

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
  /** Picks the locale to answer in: exact, then same language, then the default. */
  resolveLocale(requested: string | undefined, fallback: Locale): Locale;
}

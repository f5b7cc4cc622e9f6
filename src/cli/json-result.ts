import { plainText } from '../core/catalog/build-catalog.js';
import type { Catalog, CodeRecord } from '../core/catalog/types.js';
import type { HresultDecode } from '../core/hresult.js';
import { displayName, hintsFor, inLocale } from '../core/localized.js';
import type { Resolution } from '../core/resolve-code.js';
import type { SearchHit } from '../core/search.js';

/**
 * The `--json` shape: stable, documented in the README. Fields are only ever
 * added, never renamed or removed, so scripts can rely on it.
 */
export interface JsonResult {
  input: string;
  /**
   * Where the meaning comes from: intune (the Intune table), windows-update (wuerror.h, our words),
   * curated (our words, with `link`), windows-headers (a name only), unknown (no source knows it; see hresult).
   */
  source: 'intune' | 'windows-update' | 'curated' | 'windows-headers' | 'unknown';
  found: boolean;
  code: string | null;
  value: number | null;
  /** The most specific name, else our short title. */
  name: string | null;
  /** Every name, most specific first. */
  names: string[];
  title: string | null;
  description: string | null;
  family: string | null;
  component: string | null;
  severity: 'success' | 'error' | null;
  windowsUpdate: { code: string; name: string } | null;
  /** The code's twin in the other table: the Intune row of a Windows Update code, or the reverse. */
  twin: { code: string; name: string; source: 'intune' | 'windows-update' } | null;
  /** The docs page where the meaning is documented. */
  link: string | null;
  /** What to try next, in `locale`. */
  hints: string[];
  extend: {
    code: string;
    phase: number;
    phaseName: string | null;
    operation: number;
    operationName: string | null;
  } | null;
  hresult: HresultDecode | null;
  suggestions: { code: string; name: string }[];
  fallbackUrl: string;
}

export function toJsonResult(catalog: Catalog, item: Resolution, locale: string): JsonResult {
  const record = item.record;
  const wuTwin =
    record?.source === 'windows-update'
      ? { code: record.code, name: record.names[0] ?? '' }
      : record?.twin?.source === 'windows-update'
        ? { code: record.twin.code, name: record.twin.name }
        : null;
  const steps = hintsFor(catalog, item, locale);
  const title = inLocale(catalog, record?.title, locale);
  const description = inLocale(catalog, record?.description, locale);
  const { extend } = item;
  // Key order is part of a readable shape: what was asked first, the way out last.
  return {
    input: item.token.raw,
    source: sourceOf(item),
    found: record !== undefined,
    code: item.value === undefined ? null : item.code,
    value: item.value ?? null,
    name: item.names[0] ?? title ?? (item.value === undefined ? item.code : null),
    names: [...item.names],
    title: title ?? null,
    description: description ? plainText(description) : null,
    family: item.family ?? null,
    component: record?.component ?? null,
    severity: record?.severity ?? item.decode?.severity ?? null,
    windowsUpdate: wuTwin,
    twin: record?.twin
      ? {
          code: record.twin.code,
          name: record.twin.name,
          source: record.twin.source === 'intune-table' ? 'intune' : 'windows-update',
        }
      : null,
    link: inLocale(catalog, record?.link, locale) ?? null,
    hints: [...steps],
    extend: extend
      ? {
          code: extend.code,
          phase: extend.phaseNumber,
          phaseName: extend.phase ? (extend.phase.title[locale] ?? null) : null,
          operation: extend.operationNumber,
          operationName: extend.operation ? (extend.operation.title[locale] ?? null) : null,
        }
      : null,
    hresult: record?.source === 'intune-table' ? null : (item.decode ?? null),
    suggestions: item.suggestions.map((s) => ({ code: s.code, name: s.names[0] ?? '' })),
    fallbackUrl: catalog.fallbackUrl,
  };
}

function sourceOf(item: Resolution): JsonResult['source'] {
  switch (item.source) {
    case 'intune-table':
      return 'intune';
    case 'windows-update':
    case 'curated':
    case 'windows-headers':
      return item.source;
    default:
      return 'unknown';
  }
}

export function toJsonHit(catalog: Catalog, hit: SearchHit, locale: string) {
  const { record } = hit;
  const description = inLocale(catalog, record.description, locale);
  return {
    code: record.code,
    name: displayName(catalog, record, locale) ?? null,
    description: description ? plainText(description) : null,
    family: record.family,
    component: record.component ?? null,
    score: Math.round(hit.score * 100) / 100,
  };
}

export type { CodeRecord };

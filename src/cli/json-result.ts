import { plainText } from '../core/catalog/build-catalog.js';
import type { Catalog } from '../core/catalog/types.js';
import type { HresultDecode } from '../core/hresult.js';
import type { Resolution } from '../core/resolve-code.js';
import type { SearchHit } from '../core/search.js';

/**
 * The `--json` shape: stable, documented in the README. Fields are only ever
 * added, never renamed or removed, so scripts can rely on it.
 */
export interface JsonResult {
  input: string;
  /** intune: a row of the Intune table; windows-update: only in wuerror.h; unknown: in neither. */
  source: 'intune' | 'windows-update' | 'unknown';
  found: boolean;
  code: string | null;
  value: number | null;
  name: string | null;
  description: string | null;
  component: string | null;
  severity: 'success' | 'error' | null;
  windowsUpdate: { code: string; name: string } | null;
  hresult: HresultDecode | null;
  suggestions: { code: string; name: string }[];
  fallbackUrl: string;
}

export function toJsonResult(catalog: Catalog, item: Resolution, locale: string): JsonResult {
  const result = toFields(item, locale);
  // Key order is part of a readable shape: what was asked first, the way out last.
  return { ...result, suggestions: result.suggestions ?? [], fallbackUrl: catalog.fallbackUrl };
}

type Fields = Omit<JsonResult, 'suggestions' | 'fallbackUrl'> & { suggestions?: JsonResult['suggestions'] };

function toFields(item: Resolution, locale: string): Fields {
  const base = { input: item.token.raw };
  switch (item.kind) {
    case 'intune': {
      const { entry } = item;
      return {
        ...base,
        source: 'intune',
        found: true,
        code: entry.code,
        value: entry.value,
        name: entry.name,
        description: plainText(entry.description[locale] ?? []),
        component: entry.component,
        severity: entry.severity,
        windowsUpdate: entry.wuTwin ? { code: entry.wuTwin.code, name: entry.wuTwin.name } : null,
        hresult: null,
      };
    }
    case 'windows-update':
      return {
        ...base,
        source: 'windows-update',
        found: true,
        code: item.wu.code,
        value: item.wu.value,
        name: item.wu.name,
        description: null,
        component: item.component,
        severity: item.decode.severity,
        windowsUpdate: { code: item.wu.code, name: item.wu.name },
        hresult: item.decode,
      };
    case 'unknown':
      return {
        ...base,
        source: 'unknown',
        found: false,
        code: item.decode?.code ?? null,
        value: item.decode ? Number.parseInt(item.decode.code.slice(2), 16) : null,
        name: item.token.name ?? null,
        description: null,
        component: null,
        severity: item.decode?.severity ?? null,
        windowsUpdate: null,
        hresult: item.decode ?? null,
        suggestions: item.suggestions.map((s) => ({ code: s.code, name: s.name })),
      };
  }
}

export function toJsonHit(hit: SearchHit, locale: string) {
  const { entry } = hit;
  return {
    code: entry.code,
    name: entry.name,
    description: plainText(entry.description[locale] ?? []),
    component: entry.component,
    score: hit.score,
  };
}

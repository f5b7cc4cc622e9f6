import { componentOf } from './catalog/component.js';
import type { Catalog, CatalogEntry, ComponentId, WuCode } from './catalog/types.js';
import type { CodeToken } from './extract-codes.js';
import { decodeHresult, type HresultDecode } from './hresult.js';

/** A row of the Intune table, reached by its own code or name, or through its Windows Update twin. */
export interface IntuneResolution {
  kind: 'intune';
  token: CodeToken;
  entry: CatalogEntry;
  via: 'intune' | 'wu-twin';
}

/** A Windows Update code with no Intune twin: wuerror.h names it; Microsoft's list explains it. */
export interface WindowsUpdateResolution {
  kind: 'windows-update';
  token: CodeToken;
  wu: WuCode;
  component: ComponentId;
  decode: HresultDecode;
}

export interface UnknownResolution {
  kind: 'unknown';
  token: CodeToken;
  /** Undefined for an unknown symbolic name. */
  decode: HresultDecode | undefined;
  /** Known codes one hex digit away, or names that look alike. */
  suggestions: CatalogEntry[];
}

export type Resolution = IntuneResolution | WindowsUpdateResolution | UnknownResolution;

export function resolveToken(catalog: Catalog, token: CodeToken): Resolution {
  if (token.name !== undefined) {
    const entry = catalog.byName(token.name);
    if (entry) return { kind: 'intune', token, entry, via: 'intune' };
    const wu = catalog.wuByName(token.name);
    if (wu) return resolveWu(catalog, token, wu);
    return { kind: 'unknown', token, decode: undefined, suggestions: similarNames(catalog, token.name) };
  }
  const value = (token.value ?? 0) >>> 0;
  const entry = catalog.byValue(value);
  if (entry) return { kind: 'intune', token, entry, via: 'intune' };
  const wu = catalog.wuByValue(value);
  if (wu) return resolveWu(catalog, token, wu);
  return { kind: 'unknown', token, decode: decodeHresult(value), suggestions: oneDigitAway(catalog, value) };
}

function resolveWu(catalog: Catalog, token: CodeToken, wu: WuCode): Resolution {
  const twin = catalog.byWuTwin(wu.value);
  if (twin) return { kind: 'intune', token, entry: twin, via: 'wu-twin' };
  return {
    kind: 'windows-update',
    token,
    wu,
    component: componentOf(wu.value, wu.name),
    decode: decodeHresult(wu.value),
  };
}

/** Typos in a code are usually one mistyped digit. */
function oneDigitAway(catalog: Catalog, value: number): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  for (const entry of catalog.entries) {
    const diff = (entry.value ^ value) >>> 0;
    if (diff === 0) continue;
    // Exactly one nibble differs.
    let nibbles = 0;
    for (let d = diff; d !== 0; d >>>= 4) if ((d & 0xf) !== 0) nibbles++;
    if (nibbles === 1) out.push(entry);
  }
  return out.slice(0, 3);
}

function similarNames(catalog: Catalog, name: string): CatalogEntry[] {
  const stem = name.replace(/^(?:OMC?|WU)_[ES]_/, '');
  if (stem.length < 3) return [];
  return catalog.entries.filter((entry) => entry.name.includes(stem)).slice(0, 3);
}

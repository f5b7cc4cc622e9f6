import type { FamilyId } from './catalog/families.js';
import { familyOf } from './catalog/families.js';
import type { Catalog, CodeRecord, ExtendPart, SourceId } from './catalog/types.js';
import type { CodeToken } from './extract-codes.js';
import { formatCode } from './hex.js';
import { decodeHresult, type HresultDecode } from './hresult.js';

/** Where an answer's meaning comes from: a table, our curated rows, the headers' name only, or only the bits. */
export type ResolutionSource = SourceId | 'decoded' | 'unknown';

/** A setup extend code (`0xC1900101 - 0x4000D`): the phase and the operation that failed. */
export interface ExtendDecode {
  value: number;
  code: string;
  phase: ExtendPart | undefined;
  operation: ExtendPart | undefined;
  phaseNumber: number;
  operationNumber: number;
}

/** One code of a query or message, resolved: what every surface shows for it. */
export interface Resolution {
  token: CodeToken;
  source: ResolutionSource;
  /** `0x80070005`; for a symbolic name nobody knows, the name as asked. */
  code: string;
  value: number | undefined;
  /** Most specific first; empty when no source names the value. */
  names: readonly string[];
  family: FamilyId | undefined;
  /** Everything the sources know; undefined for a value only decoded, or an unknown name. */
  record: CodeRecord | undefined;
  /** The HRESULT's bits: severity, facility and its name, the Win32 number. */
  decode: HresultDecode | undefined;
  extend: ExtendDecode | undefined;
  /** For codes nobody knows: explained codes one hex digit away, or names that look alike. */
  suggestions: readonly CodeRecord[];
}

/** Whether we can say what it means in words (not only name or decode it). */
export function isExplained(item: Resolution): boolean {
  return item.record?.description !== undefined;
}

export function resolveToken(catalog: Catalog, token: CodeToken): Resolution {
  if (token.name !== undefined && token.value === undefined) {
    const record = catalog.lookupName(token.name);
    if (record) return known(catalog, token, record);
    return {
      token,
      source: 'unknown',
      code: token.name,
      value: undefined,
      names: [],
      family: undefined,
      record: undefined,
      decode: undefined,
      extend: undefined,
      suggestions: similarNames(catalog, token.name),
    };
  }
  const value = (token.value ?? 0) >>> 0;
  const record = catalog.lookup(value);
  if (record) return known(catalog, token, record);
  const decode = decodeHresult(value, catalog.facilityName);
  return {
    token,
    source: 'decoded',
    code: decode.code,
    value,
    names: [],
    family: familyOf(value),
    record: undefined,
    decode,
    extend: extendOf(catalog, token),
    suggestions: oneDigitAway(catalog, value),
  };
}

function known(catalog: Catalog, token: CodeToken, record: CodeRecord): Resolution {
  return {
    token,
    source: record.source,
    code: record.code,
    value: record.value,
    names: record.names,
    family: record.family,
    record,
    decode: decodeHresult(record.value, catalog.facilityName),
    extend: extendOf(catalog, token),
    suggestions: [],
  };
}

function extendOf(catalog: Catalog, token: CodeToken): ExtendDecode | undefined {
  if (token.extend === undefined) return undefined;
  const value = token.extend >>> 0;
  const phaseNumber = value >>> 16;
  const operationNumber = value & 0xffff;
  const table = catalog.setupExtend;
  return {
    value,
    code: `0x${value.toString(16).toUpperCase()}`,
    phaseNumber,
    operationNumber,
    phase: table?.phases.find((p) => p.value === phaseNumber),
    operation: table?.operations.find((o) => o.value === operationNumber),
  };
}

/** Typos in a code are usually one mistyped digit. */
function oneDigitAway(catalog: Catalog, value: number): CodeRecord[] {
  const out: CodeRecord[] = [];
  for (const record of catalog.explained) {
    const diff = (record.value ^ value) >>> 0;
    if (diff === 0) continue;
    // Exactly one nibble differs.
    let nibbles = 0;
    for (let d = diff; d !== 0; d >>>= 4) if ((d & 0xf) !== 0) nibbles++;
    if (nibbles === 1) out.push(record);
    if (out.length === 3) break;
  }
  return out;
}

function similarNames(catalog: Catalog, name: string): CodeRecord[] {
  const stem = name.replace(/^(?:OMC?|WU)_[ES]_/, '');
  if (stem.length < 3) return [];
  return catalog.explained.filter((record) => record.names.some((n) => n.includes(stem))).slice(0, 3);
}

export { formatCode };

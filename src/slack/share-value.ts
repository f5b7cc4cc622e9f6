import type { Answer } from '../core/answer.js';
import type { Resolution } from '../core/resolve-code.js';

/** Slack's limit on a button's value. */
const MAX_VALUE = 2000;
const VERSION = 1;
const LOCALE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}$/;
// Canonical codes and symbolic names: what encodeShareValue writes, and nothing else.
const CODE = /^(?:0x[0-9A-F]{8}(?:-0x[0-9A-F]{1,5})?|[A-Z][A-Z0-9_]{0,99})$/;
const SEARCH = /^[\p{L}\p{N}_ ]{0,300}$/u;

interface Payload {
  v: number;
  l: string;
  /** Codes to look up again. */
  c?: string[];
  /** Search words. */
  s?: string;
}

/**
 * What the Share button needs to answer again in public: the locale and the
 * question in canonical form, never the answer's text (the channel gets a fresh
 * render, and the value stays small and inert).
 */
export function encodeShareValue(answer: Answer, locale: string): string {
  const payload: Payload = { v: VERSION, l: locale };
  if (answer.kind === 'codes') {
    const codes: string[] = [];
    let size = JSON.stringify({ ...payload, c: [] }).length;
    for (const item of answer.items) {
      const code = shareCode(item);
      if (code === undefined || codes.includes(code)) continue;
      // A cut list still shares what the answer shows first.
      if (size + code.length + 3 > MAX_VALUE) break;
      codes.push(code);
      size += code.length + 3;
    }
    payload.c = codes;
  } else if (answer.kind === 'search') {
    payload.s = (answer.search?.terms ?? []).join(' ').slice(0, 300);
  }
  return JSON.stringify(payload);
}

/** The locale and a query for answerQuery; undefined for anything encodeShareValue could not have written. */
export function decodeShareValue(value: string): { locale: string; query: string } | undefined {
  if (typeof value !== 'string' || value.length > MAX_VALUE) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const { v, l, c, s } = parsed as Record<string, unknown>;
  if (v !== VERSION || typeof l !== 'string' || !LOCALE.test(l)) return undefined;
  if (c !== undefined) {
    if (!Array.isArray(c) || c.length === 0 || s !== undefined) return undefined;
    if (!c.every((code): code is string => typeof code === 'string' && CODE.test(code))) return undefined;
    return { locale: l, query: c.join(' ') };
  }
  if (s !== undefined) {
    if (typeof s !== 'string' || !SEARCH.test(s) || s.trim() === '') return undefined;
    return { locale: l, query: s };
  }
  return { locale: l, query: '' };
}

/** The spelling that resolves to the same item again: its canonical code (and extend code), or the name asked. */
function shareCode(item: Resolution): string | undefined {
  if (item.value === undefined) return item.token.name;
  return item.extend ? `${item.code}-${item.extend.code}` : item.code;
}

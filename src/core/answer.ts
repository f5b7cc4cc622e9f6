import type { Catalog } from './catalog/types.js';
import { type CodeToken, scanTokens, stripInvisible } from './extract-codes.js';
import { isExplained, type Resolution, resolveToken } from './resolve-code.js';
import { type SearchHit, search, searchTerms } from './search.js';

/**
 * The one model every surface renders: Slack blocks, the console and the CLI.
 * - `codes`: the codes found, in order, each once;
 * - `search`: no codes, but words to look up;
 * - `usage`: an empty query or `help`;
 * - `none`: a message with no code worth answering (auto-reply stays quiet).
 */
export type Answer = CodesAnswer | SearchAnswer | UsageAnswer | NoneAnswer;

interface AnswerBase {
  /** Microsoft's Windows Update error list: every answer ends with it. */
  fallbackUrl: string;
}

export interface CodesAnswer extends AnswerBase {
  kind: 'codes';
  items: readonly Resolution[];
}

export interface SearchAnswer extends AnswerBase {
  kind: 'search';
  search: { terms: string[]; hits: SearchHit[]; total: number };
}

export interface UsageAnswer extends AnswerBase {
  kind: 'usage';
}

export interface NoneAnswer extends AnswerBase {
  kind: 'none';
}

/** The codes an answer explains: none unless it is about codes. */
export function itemsOf(answer: Answer): readonly Resolution[] {
  return answer.kind === 'codes' ? answer.items : [];
}

export interface QueryOptions {
  /**
   * A question written among words (a mention in a thread): an unknown number without 0x is a ticket
   * or a date there, not a code to decode. Known codes, names and 0x-written values still count.
   */
  strict?: boolean;
  searchLimit?: number;
}

// `--all` anywhere in a query shows every search hit, not the first few.
const ALL = /(?:^|\s)--all(?=\s|$)/;
/** Every hit still has to fit one message; the renderer says how many more there were. */
export const ALL_HITS = 50;

const HELP = /^\s*(?:help|hjälp|\?|-h|--help)\s*$/i;

/** A query typed on purpose (`/intune-err …`, the CLI): every code-like token counts, other words are searched. */
export function answerQuery(catalog: Catalog, query: string, options: QueryOptions = {}): Answer {
  let text = query;
  const base = { fallbackUrl: catalog.fallbackUrl };
  const all = ALL.test(text);
  if (all) text = text.replace(ALL, ' ');
  if (text.trim() === '' || HELP.test(text)) return { kind: 'usage', ...base };
  const scanned = withConstants(catalog, text, scanTokens(text));
  const tokens = pick(
    catalog,
    scanned.length > 0 ? scanned : win32Numbers(text),
    'query',
    options.strict === true,
  );
  const items = dedupe(tokens.map((token) => resolveToken(catalog, token)));
  const rest = removeTokens(text, tokens);
  const terms = searchTerms(rest);
  if (items.length > 0) {
    // Words beside codes ("0x80cf6008 after reboot") are context, not a search.
    return { kind: 'codes', items, ...base };
  }
  return {
    kind: 'search',
    ...base,
    search: { terms, ...search(catalog, terms, all ? ALL_HITS : options.searchLimit) },
  };
}

/**
 * A message someone wrote to people (a paste, a log): only tokens that are surely
 * codes count, so a ticket number or a hash never gets an answer.
 */
export function answerMessage(catalog: Catalog, text: string): CodesAnswer | NoneAnswer {
  const items = dedupe(
    pick(catalog, scanTokens(text), 'message').map((token) => resolveToken(catalog, token)),
  );
  return items.length > 0
    ? { kind: 'codes', items, fallbackUrl: catalog.fallbackUrl }
    : { kind: 'none', fallbackUrl: catalog.fallbackUrl };
}

/** Whether an answer explains a code of the Intune table (or its Windows Update twin). */
export function hasIntuneCode(answer: Answer): boolean {
  return itemsOf(answer).some(isIntuneTableItem);
}

export function isIntuneTableItem(item: Resolution): boolean {
  return item.source === 'intune-table' || item.record?.twin?.source === 'intune-table';
}

export { isExplained };

function isKnown(catalog: Catalog, token: CodeToken): boolean {
  if (token.name !== undefined) return catalog.lookupName(token.name) !== undefined;
  return catalog.lookup(token.value ?? 0) !== undefined;
}

/**
 * In a message, a number without 0x counts only when it is a known error code (or a row
 * of the Intune or Windows Update tables): a ticket number, a build or a date stays quiet.
 */
function countsInMessage(catalog: Catalog, token: CodeToken): boolean {
  if (token.name !== undefined) return true;
  const record = catalog.lookup(token.value ?? 0);
  if (!record) return false;
  if (record.source === 'intune-table' || record.source === 'windows-update') return true;
  // A short 0x value in a log is a flag, a type or a size far more often than an error (REG_DWORD 0x3).
  if (token.form === 'hex' && token.digits < 8) return false;
  return (token.value ?? 0) >>> 31 === 1;
}

// A constant of the Windows headers typed on purpose (ERROR_ACCESS_DENIED, E_ACCESSDENIED). The
// scanner looks only for the Intune and Windows Update prefixes, which are safe in any message.
const CONSTANT = /(?<![\p{L}\p{N}_])[A-Za-z][A-Za-z0-9]{0,30}_[A-Za-z0-9_]{1,100}(?![\p{L}\p{N}_])/gu;

/** Adds the constants the catalog knows by name to the scanned tokens, in text order. */
function withConstants(catalog: Catalog, text: string, tokens: CodeToken[]): CodeToken[] {
  const named: CodeToken[] = [];
  for (const m of stripInvisible(text).matchAll(CONSTANT)) {
    const index = m.index ?? 0;
    if (tokens.some((t) => t.index === index) || catalog.lookupName(m[0]) === undefined) continue;
    named.push({ raw: m[0], index, form: 'name', value: undefined, name: m[0].toUpperCase(), digits: 0 });
  }
  // A stable sort keeps the two readings of an 8-digit run side by side.
  return named.length === 0 ? tokens : [...tokens, ...named].sort((a, b) => a.index - b.index);
}

// A Win32 error number typed on purpose: `/intune-err 5`, `intune-err 1603`.
const WIN32_NUMBER = /(?<![\p{L}\p{N}_.,:/-])[0-9]{1,5}(?![\p{L}\p{N}_.,:/])/gu;

// Words that may stand beside a bare number without making the query a search ("error 1603").
const NUMBER_WORDS = new Set(['error', 'fel', 'felkod', 'code', 'kod', 'win32', 'exit', 'lasterror']);

function win32Numbers(text: string): CodeToken[] {
  const words = searchTerms(text.replace(WIN32_NUMBER, ' ')).filter((word) => !NUMBER_WORDS.has(word));
  if (words.length > 0) return [];
  return [...text.matchAll(WIN32_NUMBER)]
    .map((m) => ({
      raw: m[0],
      index: m.index ?? 0,
      form: 'decimal' as const,
      value: Number(m[0]),
      name: undefined,
      digits: 0,
    }))
    .filter((token) => token.value > 0 && token.value <= 0xffff);
}

/**
 * Chooses what counts. Ambiguous 8-digit runs become one token (the known
 * reading, hex first). In a message, unknown tokens count only as 0x-prefixed
 * 8-digit error HRESULTs; in a query, decimals count when they look like one.
 */
function pick(catalog: Catalog, tokens: CodeToken[], mode: 'query' | 'message', strict = false): CodeToken[] {
  const out: CodeToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as CodeToken;
    const twin = tokens[i + 1];
    if (token.form === 'decimal' && twin?.index === token.index) {
      // Same characters, two readings: prefer whichever is a known code, hex first.
      i++;
      const counts = (t: CodeToken) =>
        isKnown(catalog, t) && (mode === 'query' || countsInMessage(catalog, t));
      if (counts(twin)) out.push(twin);
      else if (counts(token)) out.push(token);
      else if (mode === 'query' && !strict) out.push(twin);
      continue;
    }
    if (isKnown(catalog, token)) {
      if (mode === 'query' || countsInMessage(catalog, token)) out.push(token);
    } else if (mode === 'message') {
      if (token.form === 'hex' && token.digits === 8 && (token.value ?? 0) >>> 31 === 1) out.push(token);
    } else if (strict && token.form !== 'hex' && token.form !== 'name') {
      // Written without 0x and known to nobody: in a sentence, not a code.
    } else if (token.form === 'decimal') {
      if ((token.value ?? 0) >>> 31 === 1) out.push(token);
    } else out.push(token);
  }
  return out;
}

function dedupe(items: Resolution[]): Resolution[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = item.extend ? `${item.code}/${item.extend.value}` : item.code;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function removeTokens(text: string, tokens: CodeToken[]): string {
  if (tokens.length === 0) return text;
  const pattern = new Set(tokens.map((t) => t.raw));
  return text
    .split(/\s+/)
    .filter((word) => ![...pattern].some((raw) => word.includes(raw)))
    .join(' ');
}

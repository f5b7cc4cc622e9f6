import type { Catalog } from './catalog/types.js';
import { type CodeToken, scanTokens } from './extract-codes.js';
import { type Resolution, resolveToken } from './resolve-code.js';
import { type SearchHit, search, searchTerms } from './search.js';

/**
 * The one model every surface renders: Slack blocks, the console and the CLI.
 * - `codes`: the codes found, in order, each once;
 * - `search`: no codes, but words to look up;
 * - `usage`: an empty query or `help`;
 * - `none`: a message with no code worth answering (auto-reply stays quiet).
 */
export interface Answer {
  kind: 'codes' | 'search' | 'usage' | 'none';
  items: Resolution[];
  search: { terms: string[]; hits: SearchHit[] } | undefined;
  fallbackUrl: string;
}

export interface QueryOptions {
  searchLimit?: number;
}

const HELP = /^\s*(?:help|hjälp|\?|-h|--help)\s*$/i;

/** A query typed on purpose (`/intune-err …`, the CLI): every code-like token counts, other words are searched. */
export function answerQuery(catalog: Catalog, text: string, options: QueryOptions = {}): Answer {
  const base = { fallbackUrl: catalog.fallbackUrl, search: undefined };
  if (text.trim() === '' || HELP.test(text)) return { kind: 'usage', items: [], ...base };
  const tokens = pick(catalog, scanTokens(text), 'query');
  const items = dedupe(tokens.map((token) => resolveToken(catalog, token)));
  const rest = removeTokens(text, tokens);
  const terms = searchTerms(rest);
  if (items.length > 0) {
    // Words beside codes ("0x80cf6008 after reboot") are context, not a search.
    return { kind: 'codes', items, ...base };
  }
  return {
    kind: 'search',
    items: [],
    fallbackUrl: catalog.fallbackUrl,
    search: { terms, hits: search(catalog, terms, options.searchLimit) },
  };
}

/**
 * A message someone wrote to people (a paste, a log): only tokens that are surely
 * codes count, so a ticket number or a hash never gets an answer.
 */
export function answerMessage(catalog: Catalog, text: string): Answer {
  const items = dedupe(
    pick(catalog, scanTokens(text), 'message').map((token) => resolveToken(catalog, token)),
  );
  return {
    kind: items.length > 0 ? 'codes' : 'none',
    items,
    search: undefined,
    fallbackUrl: catalog.fallbackUrl,
  };
}

/** Whether an answer explains a code of the Intune table: what auto-reply waits for. */
export function hasIntuneCode(answer: Answer): boolean {
  return answer.items.some((item) => item.kind === 'intune');
}

function isKnown(catalog: Catalog, token: CodeToken): boolean {
  if (token.name !== undefined)
    return catalog.byName(token.name) !== undefined || catalog.wuByName(token.name) !== undefined;
  const value = token.value ?? 0;
  return catalog.byValue(value) !== undefined || catalog.wuByValue(value) !== undefined;
}

/**
 * Chooses what counts. Ambiguous 8-digit runs become one token (the known
 * reading, hex first). In a message, unknown tokens count only as 0x-prefixed
 * 8-digit error HRESULTs; in a query, decimals count when they look like one.
 */
function pick(catalog: Catalog, tokens: CodeToken[], mode: 'query' | 'message'): CodeToken[] {
  const out: CodeToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as CodeToken;
    const twin = tokens[i + 1];
    if (token.form === 'decimal' && twin?.index === token.index) {
      // Same characters, two readings: prefer whichever is a known code, hex first.
      i++;
      if (isKnown(catalog, twin)) out.push(twin);
      else if (isKnown(catalog, token)) out.push(token);
      else if (mode === 'query') out.push(twin);
      continue;
    }
    if (isKnown(catalog, token)) out.push(token);
    else if (mode === 'message') {
      if (token.form === 'hex' && token.digits === 8 && (token.value ?? 0) >>> 31 === 1) out.push(token);
    } else if (token.form === 'decimal') {
      if ((token.value ?? 0) >>> 31 === 1) out.push(token);
    } else out.push(token);
  }
  return out;
}

function dedupe(items: Resolution[]): Resolution[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key =
      item.kind === 'intune'
        ? `v${item.entry.value}`
        : item.kind === 'windows-update'
          ? `w${item.wu.value}`
          : item.decode
            ? `v${item.decode.code}`
            : `n${item.token.name}`;
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

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readCliConfig } from '../config.js';
import { type Answer, answerQuery } from '../core/answer.js';
import { loadCatalog } from '../core/catalog/load-catalog.js';
import type { Catalog } from '../core/catalog/types.js';
import { IntuneErrError, UsageError } from '../errors.js';
import { renderBlocks } from '../render/blocks.js';
import { renderTerminal } from '../render/terminal.js';
import { CATALOG_CACHE_FILE } from '../run/catalog-cache-file.js';
import { toJsonHit, toJsonResult } from './json-result.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** stdout is a terminal that can show colour; NO_COLOR in `env` (readCliConfig) still turns it off. */
  color: boolean;
  /** Loaded once by the caller when it has one (tests); otherwise read from DATA_DIR. */
  catalog?: Catalog;
}

export const EXIT_OK = 0;
export const EXIT_NOT_FOUND = 1;
export const EXIT_USAGE = 2;

const BLOCK_KIT_BUILDER = 'https://app.slack.com/block-kit-builder/#';

export function helpText(locales: readonly string[]): string {
  return `intune-err: explain Microsoft Intune Update Agent error codes

Usage
  intune-err [options] <code or words>...

Codes can be written as 0x80cf6008, 80CF6008, 2161074184, -2133893112 or
OM_E_DM_FAILTOCONNECTTOBITS; Windows Update codes (0x80246008) resolve too.
Anything that is not a code is searched for in names and descriptions.

Options
  --lang <locale>   answer language: ${locales.join(', ')} (default: DEFAULT_LOCALE or sv-SE)
  --json            print JSON (shape documented in the README)
  --blocks          print the Slack message the bot would send, and a Block Kit Builder link
  --limit <n>       search results to show (default 5)
  -h, --help        show this help
  -v, --version     show the version

Exit status: 0 every code was found, 1 some were not (or a search found nothing), 2 usage error.

Examples
  intune-err 0x80cf6008
  intune-err --lang en-US -2133893112 OM_E_DS_INUSE
  intune-err --json 0x80cf6008 | jq .results[0].description
  intune-err proxy
`;
}

/** The whole CLI as a function: argv in, exit code out; nothing global is touched. */
export function runCli(argv: readonly string[], io: CliIo): number {
  let catalog: Catalog | undefined = io.catalog;
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        lang: { type: 'string' },
        json: { type: 'boolean', default: false },
        blocks: { type: 'boolean', default: false },
        limit: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
    const config = readCliConfig(io.env);
    catalog ??= loadCatalog(config.dataDir, { cacheFile: CATALOG_CACHE_FILE });
    if (values.help) {
      io.stdout(helpText(catalog.locales));
      return EXIT_OK;
    }
    if (values.version) {
      io.stdout(`${VERSION}\n`);
      return EXIT_OK;
    }
    if (values.json && values.blocks) throw new UsageError('--json and --blocks cannot be combined');
    const lang = values.lang;
    if (lang !== undefined && !catalog.locales.includes(lang)) {
      throw new UsageError(`--lang must be one of ${catalog.locales.join(', ')}, got "${lang}"`);
    }
    const limit = values.limit === undefined ? 5 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 50)
      throw new UsageError('--limit must be a whole number from 1 to 50');
    const query = positionals.join(' ');
    if (query.trim() === '')
      throw new UsageError('give at least one code or word, e.g. intune-err 0x80cf6008');

    const locale = lang ?? catalog.resolveLocale(config.defaultLocale, config.defaultLocale);
    const answer = answerQuery(catalog, query, { searchLimit: limit });
    if (values.json) io.stdout(`${JSON.stringify(toJson(catalog, answer, query, locale), null, 2)}\n`);
    else {
      const message = renderBlocks(catalog, answer, { locale, surface: 'cli', query });
      if (values.blocks) {
        io.stdout(`${JSON.stringify(message, null, 2)}\n\n`);
        io.stdout(
          `Preview in Block Kit Builder:\n${BLOCK_KIT_BUILDER}${encodeURIComponent(JSON.stringify({ blocks: message.blocks }))}\n`,
        );
      } else io.stdout(`${renderTerminal(message, { color: io.color && !config.noColor })}\n`);
    }
    return allFound(answer) ? EXIT_OK : EXIT_NOT_FOUND;
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      io.stderr(`intune-err: ${error.message}\nRun intune-err --help for usage.\n`);
      return EXIT_USAGE;
    }
    if (error instanceof IntuneErrError) {
      io.stderr(`intune-err: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

function allFound(answer: Answer): boolean {
  if (answer.kind === 'search') return (answer.search?.hits.length ?? 0) > 0;
  return answer.items.every((item) => item.record !== undefined);
}

function toJson(catalog: Catalog, answer: Answer, query: string, locale: string) {
  return {
    query,
    locale,
    results: answer.items.map((item) => toJsonResult(catalog, item, locale)),
    search: answer.search
      ? {
          terms: answer.search.terms,
          total: answer.search.total,
          hits: answer.search.hits.map((hit) => toJsonHit(catalog, hit, locale)),
        }
      : null,
    fallbackUrl: catalog.fallbackUrl,
  };
}

const VERSION: string = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
).version;

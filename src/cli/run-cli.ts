import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkDefaultLocale, matchLocale, readCliConfig } from '../config.js';
import { type Answer, answerMessage, answerQuery, itemsOf } from '../core/answer.js';
import type { Catalog } from '../core/catalog/types.js';
import { loadCatalog } from '../data/load-catalog.js';
import { IntuneErrError, UsageError } from '../errors.js';
import { renderBlocks } from '../render/blocks.js';
import { renderTerminal } from '../render/terminal.js';
import { CATALOG_CACHE_FILE } from '../run/catalog-cache-file.js';
import { toJsonHit, toJsonResult } from './json-result.js';
import { readInput, STDIN_LIMIT_BYTES } from './read-input.js';
import { cliMessage } from './render-text.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** stdout is a terminal that can show colour; NO_COLOR in `env` (readCliConfig) still turns it off. */
  color: boolean;
  /** Loaded once by the caller when it has one (tests); otherwise read from DATA_DIR. */
  catalog?: Catalog;
  /**
   * Standard input: read for codes when it is not a terminal and no codes are
   * given, or when `-` is. Absent: nothing is read.
   */
  stdin?: AsyncIterable<Buffer | string> & { isTTY?: boolean };
}

export const EXIT_OK = 0;
export const EXIT_NOT_FOUND = 1;
export const EXIT_USAGE = 2;

const BLOCK_KIT_BUILDER = 'https://app.slack.com/block-kit-builder/#';

export function helpText(locales: readonly string[]): string {
  const languages = [...new Set(locales.map((l) => l.split('-')[0]))].join(', ');
  return `intune-err: explain Microsoft Intune Update Agent error codes

Usage
  intune-err [options] <code or words>...
  <command> | intune-err [options]        the codes in a log or any text
  intune-err [options] -                  the same: read standard input

Codes can be written as 0x80cf6008, 80CF6008, 2161074184, -2133893112 or
OM_E_DM_FAILTOCONNECTTOBITS; Windows Update codes (0x80246008) resolve too.
Anything that is not a code is searched for in names and descriptions.
From standard input (at most 1 MiB) only what is surely a code counts, as
when a log is pasted in Slack.

Options
  --lang <locale>   answer language: ${locales.join(', ')}, or just the language (${languages})
                    (default: DEFAULT_LOCALE or sv-SE)
  --all             show every code (text stops after a Slack message's worth)
  --json            print JSON (shape documented in the README)
  --blocks          print the Slack message the bot would send, and a Block Kit Builder link
  --limit <n>       search results to show (default 5)
  -h, --help        show this help
  -v, --version     show the version

Exit status: 0 every code was found, 1 some were not (or a search or standard input
found nothing), 2 usage error.

Examples
  intune-err 0x80cf6008
  intune-err --lang en-US -2133893112 OM_E_DS_INUSE
  intune-err --json 0x80cf6008 | jq .results[0].description
  intune-err proxy
  Get-Content IntuneManagementExtension.log | intune-err --all
`;
}

/** Options that take a value: a negative number right after one is that value, not a code. */
const VALUE_OPTIONS = new Set(['--lang', '--limit']);
const NEGATIVE_NUMBER = /^-\d+$/;

/** The whole CLI as a function: argv in, exit code out; nothing global is touched. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let catalog: Catalog | undefined = io.catalog;
  try {
    // -2133893112 is how PowerShell prints an HRESULT: a code, never an option. parseArgs would
    // read it as -2 -1 -3 …, so it stands in as a placeholder no option can look like.
    const negatives = new Map<string, string>();
    const args = argv.map((arg, i) => {
      if (!NEGATIVE_NUMBER.test(arg) || VALUE_OPTIONS.has(argv[i - 1] ?? '')) return arg;
      const placeholder = `\u0000${i}`;
      negatives.set(placeholder, arg);
      return placeholder;
    });
    const parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        lang: { type: 'string' },
        all: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        blocks: { type: 'boolean', default: false },
        limit: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
    const { values } = parsed;
    const positionals = parsed.positionals.map((p) => negatives.get(p) ?? p);
    const cliConfig = readCliConfig(io.env);
    catalog ??= loadCatalog(cliConfig.dataDir, { cacheFile: CATALOG_CACHE_FILE });
    if (values.help) {
      io.stdout(helpText(catalog.locales));
      return EXIT_OK;
    }
    if (values.version) {
      io.stdout(`${VERSION}\n`);
      return EXIT_OK;
    }
    if (values.json && values.blocks) throw new UsageError('--json and --blocks cannot be combined');
    if (values.all && values.blocks)
      throw new UsageError('--all and --blocks cannot be combined (--blocks shows the one Slack message)');
    let locale: string;
    if (values.lang !== undefined) {
      const matched = matchLocale(catalog.locales, values.lang);
      if (matched === undefined)
        throw new UsageError(`--lang must be one of ${catalog.locales.join(', ')}, got "${values.lang}"`);
      locale = matched;
    } else {
      // Checked only when used: a CLI given --lang must not fail over a variable it ignores.
      locale = checkDefaultLocale(cliConfig, catalog.locales).defaultLocale;
    }
    const limit = values.limit === undefined ? 5 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 50)
      throw new UsageError('--limit must be a whole number from 1 to 50');

    const fromStdin =
      positionals.length === 1 && positionals[0] === '-'
        ? true
        : positionals.length === 0 && io.stdin !== undefined && io.stdin.isTTY !== true;
    if (!fromStdin && positionals.includes('-'))
      throw new UsageError('- reads the codes from standard input; give it alone');
    let query: string;
    let answer: Answer;
    if (fromStdin) {
      if (!io.stdin) throw new UsageError('- reads standard input, and there is none here');
      const input = await readInput(io.stdin);
      if (input.truncated)
        io.stderr(
          `intune-err: standard input is over ${STDIN_LIMIT_BYTES / 1024 / 1024} MiB; only its first MiB was searched for codes\n`,
        );
      if (input.text.trim() === '')
        throw new UsageError(
          'standard input was empty: give at least one code or word, e.g. intune-err 0x80cf6008',
        );
      query = '-';
      answer = answerMessage(catalog, input.text);
    } else {
      query = positionals.join(' ');
      if (query.trim() === '')
        throw new UsageError('give at least one code or word, e.g. intune-err 0x80cf6008');
      answer = answerQuery(catalog, query, { searchLimit: limit });
    }

    if (values.json) io.stdout(`${JSON.stringify(toJson(catalog, answer, query, locale), null, 2)}\n`);
    else if (answer.kind === 'none') io.stderr('intune-err: no error codes found in standard input\n');
    else {
      const options = { locale, surface: 'cli', query } as const;
      if (values.blocks) {
        const message = renderBlocks(catalog, answer, options);
        io.stdout(`${JSON.stringify(message, null, 2)}\n\n`);
        io.stdout(
          `Preview in Block Kit Builder:\n${BLOCK_KIT_BUILDER}${encodeURIComponent(JSON.stringify({ blocks: message.blocks }))}\n`,
        );
      } else {
        const message = cliMessage(catalog, answer, options, values.all);
        io.stdout(`${renderTerminal(message, { color: io.color && !cliConfig.noColor })}\n`);
      }
    }
    return allFound(answer) ? EXIT_OK : EXIT_NOT_FOUND;
  } catch (error) {
    const usage = usageMessage(error);
    if (usage !== undefined) {
      io.stderr(`intune-err: ${usage}\nRun intune-err --help for usage.\n`);
      return EXIT_USAGE;
    }
    if (error instanceof IntuneErrError) {
      io.stderr(`intune-err: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

function usageMessage(error: unknown): string | undefined {
  if (error instanceof UsageError) return error.message;
  if (!(error instanceof TypeError) || !('code' in error)) return undefined;
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    // Node's own text ends without its closing quote; say it whole, with the way out.
    const option = /'([^']*)'/.exec(error.message)?.[1] ?? '';
    return `Unknown option '${option}'. To look up a word that starts with '-', put it after '--', as in: intune-err -- '${option}'`;
  }
  return String(error.code).startsWith('ERR_PARSE_ARGS') ? error.message : undefined;
}

function allFound(answer: Answer): boolean {
  if (answer.kind === 'none') return false;
  if (answer.kind === 'search') return answer.search.hits.length > 0;
  return itemsOf(answer).every((item) => item.record !== undefined);
}

function toJson(catalog: Catalog, answer: Answer, query: string, locale: string) {
  return {
    query,
    locale,
    results: itemsOf(answer).map((item) => toJsonResult(catalog, item, locale)),
    search:
      answer.kind === 'search'
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

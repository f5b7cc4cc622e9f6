import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type CliIo, EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE, runCli } from '../../src/cli/run-cli.js';
import { catalog } from '../support/catalog.js';

async function run(args: string[], env: NodeJS.ProcessEnv = {}, color = false, stdin?: CliIo['stdin']) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env,
    color,
    catalog,
    ...(stdin ? { stdin } : {}),
  });
  return { code, stdout, stderr };
}

const ALL_CODES = catalog.entries.map((e) => e.code.toLowerCase());

describe('intune-err CLI', () => {
  it('returns all 209 rows with the Swedish source text for --json --lang sv-SE', async () => {
    const { code, stdout } = await run(['--json', '--lang', 'sv-SE', ...ALL_CODES]);
    expect(code).toBe(EXIT_OK);
    const out = JSON.parse(stdout);
    expect(out.results).toHaveLength(209);
    const bits = out.results.find((r: { name: string }) => r.name === 'OM_E_DM_FAILTOCONNECTTOBITS');
    expect(bits.description).toBe(
      'En åtgärd för hämtningshanteraren misslyckades eftersom hämtningshanteraren inte kunde ansluta BITS (Background Intelligent Transfer Service).',
    );
    expect(out.results.filter((r: { windowsUpdate: unknown }) => r.windowsUpdate !== null)).toHaveLength(200);
  });

  it('returns English for every row with --lang en-US', async () => {
    const out = JSON.parse((await run(['--json', '--lang', 'en-US', ...ALL_CODES])).stdout);
    expect(out.results).toHaveLength(209);
    for (const result of out.results) expect(result.description).not.toMatch(/[åäö]/);
  });

  it('prints the documented JSON shape for a known code', async () => {
    const out = JSON.parse((await run(['--json', '--lang', 'en-US', '0x80cf6008'])).stdout);
    expect(out).toMatchObject({
      query: '0x80cf6008',
      locale: 'en-US',
      search: null,
      fallbackUrl: catalog.fallbackUrl,
    });
    expect(Object.keys(out.results[0]).sort()).toEqual(
      [
        'code',
        'component',
        'description',
        'extend',
        'fallbackUrl',
        'family',
        'found',
        'hints',
        'hresult',
        'input',
        'link',
        'name',
        'names',
        'severity',
        'source',
        'suggestions',
        'title',
        'twin',
        'value',
        'windowsUpdate',
      ].sort(),
    );
    expect(out.results[0]).toMatchObject({
      input: '0x80cf6008',
      source: 'intune',
      found: true,
      code: '0x80CF6008',
      value: 0x80cf6008,
      name: 'OM_E_DM_FAILTOCONNECTTOBITS',
      names: ['OM_E_DM_FAILTOCONNECTTOBITS'],
      family: 'intune-update-agent',
      component: 'download-manager',
      severity: 'error',
      windowsUpdate: { code: '0x80246008', name: 'WU_E_DM_FAILTOCONNECTTOBITS' },
      twin: { code: '0x80246008', name: 'WU_E_DM_FAILTOCONNECTTOBITS', source: 'windows-update' },
      link: null,
      extend: null,
      hresult: null,
    });
    expect(out.results[0].hints.length).toBeGreaterThan(0);
  });

  it('gives a curated code every name, its docs link and what to try', async () => {
    const { code, stdout } = await run(['--json', '--lang', 'en-US', '0x80070005']);
    expect(code).toBe(EXIT_OK);
    const [result] = JSON.parse(stdout).results;
    expect(result).toMatchObject({
      source: 'curated',
      found: true,
      code: '0x80070005',
      name: 'E_ACCESSDENIED',
      names: ['E_ACCESSDENIED', 'ERROR_ACCESS_DENIED'],
      family: 'win32',
      twin: null,
      hresult: { facility: 7, facilityName: 'WIN32', win32Error: 5 },
    });
    expect(result.title).toEqual(expect.any(String));
    expect(result.link).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    expect(result.hints.length).toBeGreaterThan(0);
  });

  it('names the Intune twin of a Windows Update code answered as itself', async () => {
    const [result] = JSON.parse((await run(['--json', '--lang', 'en-US', '0x80246008'])).stdout).results;
    expect(result).toMatchObject({
      source: 'windows-update',
      code: '0x80246008',
      name: 'WU_E_DM_FAILTOCONNECTTOBITS',
      twin: { code: '0x80CF6008', name: 'OM_E_DM_FAILTOCONNECTTOBITS', source: 'intune' },
    });
  });

  it('exits 1 when some code is unknown, and still answers the others', async () => {
    const { code, stdout } = await run(['--json', '0x80cf6008', '0x8007dead']);
    expect(code).toBe(EXIT_NOT_FOUND);
    const [known, unknown] = JSON.parse(stdout).results;
    expect(known.found).toBe(true);
    expect(unknown).toMatchObject({
      source: 'unknown',
      found: false,
      code: '0x8007DEAD',
      family: 'win32',
      hresult: { facility: 7, win32Error: 0xdead },
    });
  });

  it('searches words and exits 1 when nothing matches', async () => {
    const out = JSON.parse((await run(['--json', '--lang', 'en-US', 'BITS'])).stdout);
    const names = out.search.hits.map((hit: { name: string }) => hit.name);
    expect(names).toContain('OM_E_DM_FAILTOCONNECTTOBITS');
    for (const hit of out.search.hits) expect(hit.family).toEqual(expect.any(String));
    expect(out.search.total).toBeGreaterThanOrEqual(out.search.hits.length);
    expect((await run(['zebra'])).code).toBe(EXIT_NOT_FOUND);
  });

  it('prints readable text by default, with the fallback link', async () => {
    const { code, stdout } = await run(['--lang', 'en-US', '0x80cf6008']);
    expect(code).toBe(EXIT_OK);
    expect(stdout).toContain('0x80CF6008');
    expect(stdout).toContain('OM_E_DM_FAILTOCONNECTTOBITS');
    expect(stdout).toContain('0x80246008');
    expect(stdout).toContain(catalog.fallbackUrl);
    expect(stdout).not.toContain(String.fromCharCode(27));
  });

  it('takes the default language from DEFAULT_LOCALE', async () => {
    const out = JSON.parse((await run(['--json', '0x80cf6008'], { DEFAULT_LOCALE: 'en-US' })).stdout);
    expect(out.locale).toBe('en-US');
    expect(JSON.parse((await run(['--json', '0x80cf6008'])).stdout).locale).toBe('sv-SE');
  });

  it('prints the Slack message and a Block Kit Builder link with --blocks', async () => {
    const { stdout } = await run(['--blocks', '0x80cf6008']);
    const json = stdout.slice(0, stdout.indexOf('\n\n'));
    expect(JSON.parse(json).blocks.length).toBeGreaterThan(0);
    expect(stdout).toContain('https://app.slack.com/block-kit-builder/#');
  });

  it.each([
    [['--lang', 'de-DE', '0x80cf6008'], '--lang must be one of'],
    [['--bogus'], 'Unknown option'],
    [[], 'give at least one code'],
    [['--limit', '0', 'proxy'], '--limit'],
    [['--json', '--blocks', '0x80cf6008'], 'cannot be combined'],
  ])('exits 2 with a clear message for %j', async (args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toContain(message);
    expect(stderr).toContain('--help');
  });

  it('prints help and the version', async () => {
    expect((await run(['--help'])).stdout).toContain('Usage');
    expect((await run(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('colour', () => {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI escapes
  const ANSI = /\u001b\[/;

  it('colours the answer on a terminal', async () => {
    expect((await run(['0x80cf6008'], {}, true)).stdout).toMatch(ANSI);
  });

  it('leaves colour out on a terminal when NO_COLOR is set', async () => {
    const { code, stdout } = await run(['0x80cf6008'], { NO_COLOR: '1' }, true);
    expect(code).toBe(EXIT_OK);
    expect(stdout).toContain('0x80CF6008');
    expect(stdout).not.toMatch(ANSI);
  });

  it('never colours output that is not a terminal', async () => {
    expect((await run(['0x80cf6008'], {}, false)).stdout).not.toMatch(ANSI);
  });
});

/** Standard input as a pipe gives it: not a terminal, the text in chunks. */
function pipe(...chunks: (string | Buffer)[]): CliIo['stdin'] {
  return Object.assign(Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))), {
    isTTY: false,
  });
}

describe('as admins use it', () => {
  it('reads a negative decimal as a code, as the help example writes it', async () => {
    const { code, stdout, stderr } = await run(['--lang', 'en-US', '-2133893112', 'OM_E_DS_INUSE']);
    expect(stderr).toBe('');
    expect(code).toBe(EXIT_OK);
    expect(stdout).toContain('0x80CF6008 OM_E_DM_FAILTOCONNECTTOBITS');
    expect(stdout).toContain('Entered as -2133893112');
    expect(stdout).toContain('0x80CF8001 OM_E_DS_INUSE');
  });

  it('reads negative decimals anywhere, with options after them and in --json', async () => {
    const out = JSON.parse((await run(['-2133893112', '--json', '-2133893111'])).stdout);
    expect(out.query).toBe('-2133893112 -2133893111');
    expect(out.results.map((r: { code: string }) => r.code)).toEqual(['0x80CF6008', '0x80CF6009']);
  });

  it('still refuses a negative number as the value of --limit', async () => {
    const { code, stderr } = await run(['--limit', '-5', 'proxy']);
    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toContain('--limit');
  });

  it.each([
    ['en', 'en-US'],
    ['EN-us', 'en-US'],
    ['en_US', 'en-US'],
    ['sv', 'sv-SE'],
    ['sv_se', 'sv-SE'],
    ['SV-SE', 'sv-SE'],
  ])('--lang %s answers in %s', async (lang, locale) => {
    const { code, stdout } = await run(['--json', '--lang', lang, '0x80cf6008']);
    expect(code).toBe(EXIT_OK);
    expect(JSON.parse(stdout).locale).toBe(locale);
  });

  it.each(['de', 'de-DE', 'en-GB', 'english', ''])(
    '--lang %j: exits 2 with one line naming the available locales',
    async (lang) => {
      const { code, stdout, stderr } = await run(['--lang', lang, '0x80cf6008']);
      expect(code).toBe(EXIT_USAGE);
      expect(stdout).toBe('');
      expect(stderr.split('\n')[0]).toBe(`intune-err: --lang must be one of sv-SE, en-US, got "${lang}"`);
    },
  );

  it('names an unknown option with its quotes closed, and says how to look up such a word', async () => {
    const { code, stderr } = await run(['--bogus']);
    expect(code).toBe(EXIT_USAGE);
    expect(stderr.split('\n')[0]).toBe(
      "intune-err: Unknown option '--bogus'. To look up a word that starts with '-', put it after '--', as in: intune-err -- '--bogus'",
    );
  });

  it('an unknown DEFAULT_LOCALE exits 2 naming the variable and the locales; --lang still works', async () => {
    const bad = await run(['0x80cf6008'], { DEFAULT_LOCALE: 'de-DE' });
    expect(bad.code).toBe(EXIT_USAGE);
    expect(bad.stderr).toContain('DEFAULT_LOCALE');
    expect(bad.stderr).toContain('sv-SE, en-US');
    expect((await run(['--lang', 'en', '0x80cf6008'], { DEFAULT_LOCALE: 'de-DE' })).code).toBe(EXIT_OK);
    expect(JSON.parse((await run(['--json', '0x80cf6008'], { DEFAULT_LOCALE: 'en' })).stdout).locale).toBe(
      'en-US',
    );
  });
});

describe('standard input', () => {
  const LOG = [
    '2026-12-01 08:14:02 [Agent] Scan failed, hr=0x80cf4017 (retry 3)\r\n',
    '2026-12-01 08:15:10 [Agent] ticket 12345, build 2161074184',
    ' done\n2026-12-01 08:16:00 [Agent] download: -2133893112\n',
  ];

  it('explains the codes of a log piped in (Get-Content log | intune-err), as a paste in Slack would', async () => {
    const { code, stdout, stderr } = await run(['--lang', 'en'], {}, false, pipe(...LOG));
    expect(stderr).toBe('');
    expect(code).toBe(EXIT_OK);
    expect(stdout).toContain('0x80CF4017 OM_E_PT_HTTP_STATUS_DENIED');
    expect(stdout).toContain('0x80CF6008 OM_E_DM_FAILTOCONNECTTOBITS');
    // A ticket number is not a code.
    expect(stdout).not.toContain('12345');
  });

  it('reads standard input for "-", and gives --json with query "-"', async () => {
    const out = JSON.parse((await run(['--json', '-'], {}, false, pipe(...LOG))).stdout);
    expect(out.query).toBe('-');
    expect(out.results.map((r: { code: string }) => r.code)).toEqual(['0x80CF4017', '0x80CF6008']);
  });

  it('reads "-" even from a terminal, and only arguments when codes are given', async () => {
    const terminal = Object.assign(Readable.from([Buffer.from('0x80cf4017\n')]), { isTTY: true });
    expect((await run(['--json', '-'], {}, false, terminal)).stdout).toContain('0x80CF4017');
    const out = JSON.parse((await run(['--json', '0x80cf6008'], {}, false, pipe(...LOG))).stdout);
    expect(out.results.map((r: { code: string }) => r.code)).toEqual(['0x80CF6008']);
  });

  it('does not wait for a terminal when no codes are given: usage, exit 2', async () => {
    const terminal = Object.assign(Readable.from([]), { isTTY: true });
    const { code, stderr } = await run([], {}, false, terminal);
    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toContain('give at least one code');
  });

  it('input without codes exits 1 and says so; empty input is a usage error', async () => {
    const none = await run([], {}, false, pipe('all good today\n'));
    expect(none.code).toBe(EXIT_NOT_FOUND);
    expect(none.stderr).toBe('intune-err: no error codes found in standard input\n');
    expect((await run([], {}, false, pipe(''))).code).toBe(EXIT_USAGE);
  });

  it('refuses "-" beside codes', async () => {
    const { code, stderr } = await run(['-', '0x80cf6008'], {}, false, pipe('0x80cf4017'));
    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toContain('give it alone');
  });

  it('reads at most 1 MiB, says so, and answers the codes in it', async () => {
    const filler = `${'x'.repeat(1023)}\n`;
    const chunks = ['0x80cf4017\n', ...Array.from({ length: 1100 }, () => filler), '0x80cf6008\n'];
    const { code, stdout, stderr } = await run(['--json'], {}, false, pipe(...chunks));
    expect(code).toBe(EXIT_OK);
    expect(stderr).toContain('over 1 MiB');
    expect(JSON.parse(stdout).results.map((r: { code: string }) => r.code)).toEqual(['0x80CF4017']);
  });

  it('reads a UTF-16 log, as Windows tools write them', async () => {
    const text = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('failed: 0x80cf4017\r\n', 'utf16le')]);
    const out = JSON.parse((await run(['--json'], {}, false, pipe(text))).stdout);
    expect(out.results.map((r: { code: string }) => r.code)).toEqual(['0x80CF4017']);
  });
});

describe('--all', () => {
  const many = catalog.entries.slice(0, 60).map((e) => e.code);

  it('without it, text stops at a Slack message and "…and N more" names --all', async () => {
    const { stdout } = await run(['--lang', 'en', ...many]);
    const shown = stdout.match(/^0x[0-9A-F]{8} /gm) ?? [];
    expect(shown.length).toBeLessThan(60);
    expect(stdout).toContain(`…and ${60 - shown.length} more (add --all to show every code)`);
  });

  it('shows every code, once, with one footer', async () => {
    const { code, stdout } = await run(['--all', '--lang', 'en', ...many]);
    expect(code).toBe(EXIT_OK);
    const shown = stdout.match(/^0x[0-9A-F]{8}(?= )/gm) ?? [];
    expect(shown).toEqual(many);
    expect(stdout).not.toContain('more');
    expect(stdout.split(catalog.fallbackUrl)).toHaveLength(2);
  });

  it('works for a piped log, and in Swedish', async () => {
    const { stdout } = await run(['--lang', 'sv'], {}, false, pipe(many.join(' ')));
    expect(stdout).toMatch(/…och \d+ till \(lägg till --all för att visa alla koder\)/);
    const all = await run(['--all', '--lang', 'sv'], {}, false, pipe(many.join(' ')));
    expect(all.stdout.match(/^0x[0-9A-F]{8}(?= )/gm)).toHaveLength(60);
  });

  it('is refused with --blocks, which shows the one Slack message', async () => {
    expect((await run(['--all', '--blocks', '0x80cf6008'])).code).toBe(EXIT_USAGE);
  });
});

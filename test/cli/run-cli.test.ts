import { describe, expect, it } from 'vitest';
import { EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE, runCli } from '../../src/cli/run-cli.js';
import { catalog } from '../support/catalog.js';

function run(args: string[], env: NodeJS.ProcessEnv = {}, color = false) {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env,
    color,
    catalog,
  });
  return { code, stdout, stderr };
}

const ALL_CODES = catalog.entries.map((e) => e.code.toLowerCase());

describe('intune-err CLI', () => {
  it('returns all 209 rows with the Swedish source text for --json --lang sv-SE', () => {
    const { code, stdout } = run(['--json', '--lang', 'sv-SE', ...ALL_CODES]);
    expect(code).toBe(EXIT_OK);
    const out = JSON.parse(stdout);
    expect(out.results).toHaveLength(209);
    const bits = out.results.find((r: { name: string }) => r.name === 'OM_E_DM_FAILTOCONNECTTOBITS');
    expect(bits.description).toBe(
      'En åtgärd för hämtningshanteraren misslyckades eftersom hämtningshanteraren inte kunde ansluta BITS (Background Intelligent Transfer Service).',
    );
    expect(out.results.filter((r: { windowsUpdate: unknown }) => r.windowsUpdate !== null)).toHaveLength(200);
  });

  it('returns English for every row with --lang en-US', () => {
    const out = JSON.parse(run(['--json', '--lang', 'en-US', ...ALL_CODES]).stdout);
    expect(out.results).toHaveLength(209);
    for (const result of out.results) expect(result.description).not.toMatch(/[åäö]/);
  });

  it('prints the documented JSON shape for a known code', () => {
    const out = JSON.parse(run(['--json', '--lang', 'en-US', '0x80cf6008']).stdout);
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

  it('gives a curated code every name, its docs link and what to try', () => {
    const { code, stdout } = run(['--json', '--lang', 'en-US', '0x80070005']);
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

  it('names the Intune twin of a Windows Update code answered as itself', () => {
    const [result] = JSON.parse(run(['--json', '--lang', 'en-US', '0x80246008']).stdout).results;
    expect(result).toMatchObject({
      source: 'windows-update',
      code: '0x80246008',
      name: 'WU_E_DM_FAILTOCONNECTTOBITS',
      twin: { code: '0x80CF6008', name: 'OM_E_DM_FAILTOCONNECTTOBITS', source: 'intune' },
    });
  });

  it('exits 1 when some code is unknown, and still answers the others', () => {
    const { code, stdout } = run(['--json', '0x80cf6008', '0x8007dead']);
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

  it('searches words and exits 1 when nothing matches', () => {
    const out = JSON.parse(run(['--json', '--lang', 'en-US', 'BITS']).stdout);
    const names = out.search.hits.map((hit: { name: string }) => hit.name);
    expect(names).toContain('OM_E_DM_FAILTOCONNECTTOBITS');
    for (const hit of out.search.hits) expect(hit.family).toEqual(expect.any(String));
    expect(out.search.total).toBeGreaterThanOrEqual(out.search.hits.length);
    expect(run(['zebra']).code).toBe(EXIT_NOT_FOUND);
  });

  it('prints readable text by default, with the fallback link', () => {
    const { code, stdout } = run(['--lang', 'en-US', '0x80cf6008']);
    expect(code).toBe(EXIT_OK);
    expect(stdout).toContain('0x80CF6008');
    expect(stdout).toContain('OM_E_DM_FAILTOCONNECTTOBITS');
    expect(stdout).toContain('0x80246008');
    expect(stdout).toContain(catalog.fallbackUrl);
    expect(stdout).not.toContain(String.fromCharCode(27));
  });

  it('takes the default language from DEFAULT_LOCALE', () => {
    const out = JSON.parse(run(['--json', '0x80cf6008'], { DEFAULT_LOCALE: 'en-US' }).stdout);
    expect(out.locale).toBe('en-US');
    expect(JSON.parse(run(['--json', '0x80cf6008']).stdout).locale).toBe('sv-SE');
  });

  it('prints the Slack message and a Block Kit Builder link with --blocks', () => {
    const { stdout } = run(['--blocks', '0x80cf6008']);
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
  ])('exits 2 with a clear message for %j', (args, message) => {
    const { code, stderr } = run(args);
    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toContain(message);
    expect(stderr).toContain('--help');
  });

  it('prints help and the version', () => {
    expect(run(['--help']).stdout).toContain('Usage');
    expect(run(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('colour', () => {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI escapes
  const ANSI = /\u001b\[/;

  it('colours the answer on a terminal', () => {
    expect(run(['0x80cf6008'], {}, true).stdout).toMatch(ANSI);
  });

  it('leaves colour out on a terminal when NO_COLOR is set', () => {
    const { code, stdout } = run(['0x80cf6008'], { NO_COLOR: '1' }, true);
    expect(code).toBe(EXIT_OK);
    expect(stdout).toContain('0x80CF6008');
    expect(stdout).not.toMatch(ANSI);
  });

  it('never colours output that is not a terminal', () => {
    expect(run(['0x80cf6008'], {}, false).stdout).not.toMatch(ANSI);
  });
});

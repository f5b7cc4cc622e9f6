import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { catalog } from '../support/catalog.js';

/**
 * Codes people really pasted in public, and where we saw each: the bar for what the
 * bot must name and explain. Pick new ones from real threads, not from our tables.
 */
const SEEN: readonly (readonly [code: string, where: string])[] = [
  ['0x80070643', 'https://github.com/microsoft/PowerToys/issues/32762'],
  ['0x80070652', 'https://github.com/tailscale/tailscale/issues/13803'],
  ['0x80070005', 'https://github.com/AdguardTeam/AdguardForWindows/issues/829'],
  ['0x80070002', 'https://github.com/ntdevlabs/tiny11builder/issues/22'],
  ['0x800706BA', 'https://github.com/microsoft/WSL/issues/5164'],
  ['0x8000FFFF', 'https://github.com/MicrosoftDocs/IntuneDocs/issues/2399'],
  ['0x80073CF0', 'https://github.com/MicrosoftDocs/SupportArticles-docs/issues/278'],
  ['0x80073CF3', 'https://github.com/MicrosoftDocs/SupportArticles-docs/issues/278'],
  ['0x80073D02', 'https://pastebin.com/uXJzbqTe'],
  ['0x80004004', 'https://pastebin.com/KsNnzdVu'],
  ['0x80072EE2', 'https://github.com/ansible-collections/ansible.windows/issues/600'],
  ['0x80072EFE', 'https://github.com/LegacyUpdate/LegacyUpdate/issues/8'],
  ['0x80072EFD', 'https://github.com/microsoft/winget-pkgs/pull/372024'],
  ['0x80072F8F', 'https://github.com/MicrosoftDocs/windows-itpro-docs/issues/10334'],
  ['0x80072F7D', 'https://github.com/microsoft/winget-pkgs/pull/272787'],
  ['-1073741819', 'https://github.com/optimato/UMPA/issues/2'],
  ['0xC0000409', 'https://github.com/CodebuffAI/freebuff/pull/1092'],
  ['0x87D1041C', 'https://github.com/svrooij/WingetIntune/discussions/52'],
  ['0x87d1fde8', 'https://github.com/Micke-K/IntuneManagement/issues/207'],
  ['-2016345708', 'https://call4cloud.nl/health-attestation-issue-2016345708-404'],
  ['0x87D13B9D', 'https://github.com/MicrosoftDocs/IntuneDocs/issues/2588'],
  ['0x87D1313D', 'https://github.com/MicrosoftDocs/IntuneDocs/issues/3253'],
  ['0x80180001', 'https://github.com/MicrosoftDocs/memdocs/issues/94'],
  ['0x8018000a', 'https://github.com/fleetdm/fleet/issues/29042'],
  ['0x80180014', 'https://github.com/MicrosoftDocs/memdocs/issues/2748'],
  ['0x8018002b', 'https://github.com/MicrosoftDocs/IntuneDocs/issues/3335'],
  ['0x801C03ED', 'https://github.com/MicrosoftDocs/windows-itpro-docs/issues/8971'],
  ['0x801c03f2', 'https://github.com/MicrosoftDocs/windows-itpro-docs/issues/1047'],
  ['0x801c004d', 'https://github.com/MicrosoftDocs/windows-itpro-docs/issues/6505'],
  ['0x81039001', 'https://call4cloud.nl/2021/12/tpm-attestation-troubleshoot-0x81039001/'],
  ['0x81039024', 'https://call4cloud.nl/2020/12/0x81039024-autopilot-white-glove'],
  [
    '0xcaa9001f',
    'https://learn.microsoft.com/troubleshoot/mem/intune/device-enrollment/mdm-enrollment-error-0xcaa9001f',
  ],
  ['0xC1900101', 'https://github.com/AveYo/MediaCreationTool.bat/issues/33'],
  ['0xC1900208', 'http://www.coretekservices.com/error-code-0xc1900208-and-workaround/'],
  ['0xc1900104', 'https://www.winhelponline.com/blog/error-0x800f0922-windows-update/'],
  ['0x800f081f', 'https://github.com/abbodi1406/dotNetFx35W10/issues/5'],
  ['0x800f0988', 'https://github.com/undergroundwires/privacy.sexy/issues/151'],
  ['0x800f0922', 'https://www.winhelponline.com/blog/error-0x800f0922-installing-windows-update-windows-10/'],
  ['0x80d03002', 'https://github.com/microsoft/winget-cli/issues/1076'],
  ['0x80200013', 'https://github.com/MBFVSolutionsLLC/ChiEpsilon/issues/19'],
];

interface JsonOut {
  results: { input: string; name: string | null; description: string | null; found: boolean }[];
}

async function lookUp(locale: string): Promise<JsonOut> {
  let stdout = '';
  // One argument, as a pasted list: the signed decimals must not read as options.
  await runCli(['--json', '--lang', locale, SEEN.map(([code]) => code).join(' ')], {
    stdout: (text) => {
      stdout += text;
    },
    stderr: () => {},
    env: {},
    color: false,
    catalog,
  });
  return JSON.parse(stdout) as JsonOut;
}

describe.each(['en-US', 'sv-SE'])('codes seen in real public posts (%s)', (locale) => {
  let results: JsonOut['results'] = [];
  beforeAll(async () => {
    ({ results } = await lookUp(locale));
  });

  it('answers each of the 40 codes once', () => {
    expect(new Set(SEEN.map(([code]) => code.toLowerCase())).size).toBe(40);
    expect(results.map((r) => r.input)).toEqual(SEEN.map(([code]) => code));
  });

  it('names every one of them', () => {
    expect(results.filter((r) => !r.name).map((r) => r.input)).toEqual([]);
  });

  it('explains at least 36 of them in words', () => {
    const explained = results.filter((r) => r.description !== null);
    expect(explained.length).toBeGreaterThanOrEqual(36);
  });
});

import { describe, expect, it } from 'vitest';
import { answerMessage } from '../../src/core/answer.js';
import { itemsOf } from '../support/answer-parts.js';
import { catalog } from '../support/catalog.js';

/**
 * Pastes in the shapes admins post them (log lines, portal text, PowerShell output, sentences in
 * Swedish and English), each with exactly the codes it holds; a number that is not a code
 * (tickets, dates, builds, hashes, GUIDs, sizes, ports) must never be answered.
 */
const PASTES: readonly (readonly [paste: string, codes: readonly string[]])[] = [
  // Intune portal and Company Portal text
  ['App install failed. Error code: 0x87D1041C', ['0x87D1041C']],
  ['Status: Error -2016281112 (Remediation failed)', ['0x87D1FDE8']],
  ['The compliance policy shows -2016345708 on 12 devices', ['0x87D10194']],
  ['Error code: 0x87D13B9F\nThe app is managed but has an available update.', ['0x87D13B9F']],
  ['Enrollment failed: 80180014', ['0x80180014']],
  ['Autopilot: Something went wrong. Error: 80180018', ['0x80180018']],
  ['Securing your hardware (0x81039024)', ['0x81039024']],
  ['Fel vid registrering: 0x8018002b. Kontot är inte licensierat?', ['0x8018002B']],
  // Windows Update, servicing and setup
  ['Windows Update failed to install KB5034441 with error 0x80070643', ['0x80070643']],
  ['2026-11-30 08:14:02 Agent  * WARNING: Exit code = 0x8024402C', ['0x8024402C']],
  ['hr=80072ee2 while syncing with https://wsus.contoso.local:8531', ['0x80072EE2']],
  [
    'Installation Failure: Windows failed to install the following update with error 0x800F0922: 2026-11 Cumulative Update',
    ['0x800F0922'],
  ],
  [
    'DISM /Online /Cleanup-Image /RestoreHealth -> Error: 0x800f081f The source files could not be found.',
    ['0x800F081F'],
  ],
  ['Error: 0x800f0954 when adding RSAT on build 22631.4602', ['0x800F0954']],
  [
    '0xC1900101 - 0x4000D The installation failed in the SECOND_BOOT phase with an error during MIGRATE_DATA operation',
    ['0xC1900101'],
  ],
  ['Feature update rolled back: 0xC1900101-0x30018', ['0xC1900101']],
  ['SetupDiag: 0xc1900208 - a blocking app was found (Setup.exe /compat scanonly)', ['0xC1900208']],
  ['Uppgraderingen till 24H2 misslyckades med 0xC1900200, datorn uppfyller inte kraven', ['0xC1900200']],
  ['winget install fails: 0x80d03002 : unknown error', ['0x80D03002']],
  ['BITS job failed hr = 0x80200013 (ranges not supported)', ['0x80200013']],
  ['Intune update ring: 0x80cf6008 and then 0x80CF4017 after reboot', ['0x80CF6008', '0x80CF4017']],
  // PowerShell and event logs
  [
    'Install-Module : Exception calling "Install" with "0" argument(s): "0x80070005 (E_ACCESSDENIED)"',
    ['0x80070005'],
  ],
  ['Exception from HRESULT: 0x80073CF3', ['0x80073CF3']],
  [
    'Add-AppxPackage : Deployment failed with HRESULT: 0x80073D02, The package could not be installed because resources it modifies are currently in use.',
    ['0x80073D02'],
  ],
  ['The process exited with code -1073741819', ['0xC0000005']],
  [
    'Faulting application name: app.exe, exception code: 0xc0000409, fault offset: 0x000000000007286e',
    ['0xC0000409'],
  ],
  [
    'Event 76: Auto MDM Enroll: Device Credential (0x0), Failed (Unknown Win32 Error code: 0x8018002b)',
    ['0x8018002B'],
  ],
  ['LastError: 2147942405', ['0x80070005']],
  ['msiexec returned 1603; IME log: 0x80070643', ['0x80070643']],
  ['dsregcmd /status shows DeviceAuthStatus : FAILED. Error: 0x801c03f2', ['0x801C03F2']],
  ['AADSTS50126 ... Error: 0xCAA20003 from the token broker', ['0xCAA20003']],
  // Sentences, several codes, Swedish and English
  ['Hi! Two laptops fail with 0x80070002 and one with 0x80070003, any ideas?', ['0x80070002', '0x80070003']],
  ['Hej, får 0x80072efd på alla datorer bakom proxyn sedan i morse', ['0x80072EFD']],
  ['Vi ser 0x80070422 på labbdatorerna. Tjänsten är avstängd?', ['0x80070422']],
  ['same error again (0x800705b4), timed out after 60 min', ['0x800705B4']],
  ['Error 80072F8F - TLS problem?', ['0x80072F8F']],
  ['WU_E_PT_WINHTTP_NAME_NOT_RESOLVED on the kiosk', ['0x8024402C']],
  ['Code 0x80070643 then 0x80070643 again, and 0x80070652', ['0x80070643', '0x80070652']],
  // Look-alikes that are not codes
  ['Ticket 20261130 is about the printer on floor 4', []],
  ['Build 10.0.22631.4602 and 26100.2314 are both affected', []],
  ['Meeting at 2026-12-02 14:30, room 4711', []],
  ['Commit 3f9055f4a1b2c3d4e5f60718293a4b5c6d7e8f90 fixed it', []],
  ['Device ID 4b3c2a10-8f6e-4d21-9c7b-0a1b2c3d4e5f enrolled fine', []],
  ['Disk has 128849018880 bytes free, 8 GB RAM', []],
  ['Port 8531 and 443 open, proxy 10.0.0.15:8080', []],
  ['Phone +46 8 123 456 78, order 1234567890', []],
  ['Serial 5CG1234ABC, asset 00123456', []],
  ['SHA256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', []],
  ['version 2.3.1234.5678 of the IME agent', []],
  ['KB5034441 and KB5044284 are the updates', []],
  ['Exit code 0 and 1 are fine, 3010 means reboot', []],
  ['wuauserv looks off:\n    Type    REG_DWORD    0x20\n    Start    REG_DWORD    0x3', []],
  ['ProcessFlags=0x5, offset 0x1F4 len 0x20', []],
];

describe('the paste path on realistic pastes', () => {
  it('has at least 50 of them', () => {
    expect(PASTES.length).toBeGreaterThanOrEqual(50);
  });

  it.each(PASTES)('%j holds exactly %j', (paste, codes) => {
    expect(itemsOf(answerMessage(catalog, paste)).map((item) => item.code)).toEqual(codes);
  });
});

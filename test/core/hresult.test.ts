import { describe, expect, it } from 'vitest';
import { decodeHresult } from '../../src/core/hresult.js';
import { catalog } from '../support/catalog.js';

describe('decodeHresult', () => {
  it.each([
    [0x80070005, 'error', 7, 'WIN32', 5, 5],
    [0x80246008, 'error', 36, 'WINDOWSUPDATE', 0x6008, undefined],
    [0x80004005, 'error', 0, 'NULL', 0x4005, undefined],
    [0x80040154, 'error', 4, 'ITF', 0x154, undefined],
    // The Intune table's facility and Intune apps' have no winerror.h name: their family says what they are.
    [0x00cf0001, 'success', 207, undefined, 1, undefined],
    [0x87d1041c, 'error', 0x7d1, undefined, 0x41c, undefined],
  ])(
    'decodes 0x%s, naming the facility from the Windows headers',
    (value, severity, facility, facilityName, detail, win32Error) => {
      const decoded = decodeHresult(value, catalog.facilityName);
      expect(decoded).toMatchObject({ severity, facility, facilityName, detail, win32Error });
    },
  );

  it('decodes the bits but names no facility without the headers', () => {
    expect(decodeHresult(0x80070005)).toMatchObject({ facility: 7, facilityName: undefined, win32Error: 5 });
  });

  it('formats the code canonically and spots the customer bit', () => {
    expect(decodeHresult(0xa0000001)).toMatchObject({ code: '0xA0000001', customer: true });
    expect(decodeHresult(-2147024891).code).toBe('0x80070005');
  });
});

import { formatCode } from './hex.js';

/** What the 32 bits of an HRESULT say, for codes no table explains. */
export interface HresultDecode {
  code: string;
  severity: 'success' | 'error';
  facility: number;
  facilityName: string | undefined;
  /** The low 16 bits. */
  detail: number;
  /** For FACILITY_WIN32 (7): the Win32 error number, e.g. 5 for 0x80070005. */
  win32Error: number | undefined;
  /** The customer bit: the code is defined by a vendor, not Microsoft. */
  customer: boolean;
}

/** `facilityName` comes from the Windows header names in data/ (FACILITY_*), so every named facility is named. */
export function decodeHresult(
  value: number,
  facilityName: (facility: number) => string | undefined = () => undefined,
): HresultDecode {
  const v = value >>> 0;
  const facility = (v >>> 16) & 0x7ff;
  const detail = v & 0xffff;
  return {
    code: formatCode(v),
    severity: v >>> 31 === 1 ? 'error' : 'success',
    facility,
    // 0xCF (the Intune table) and 0x7D1 (Intune apps) have no winerror.h name; their family says what they are.
    facilityName: facilityName(facility)?.replace(/^FACILITY_/, ''),
    detail,
    win32Error: facility === 7 ? detail : undefined,
    customer: ((v >>> 29) & 1) === 1,
  };
}

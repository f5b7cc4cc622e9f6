/**
 * The families of codes admins paste, told apart by their bits. A family says what
 * kind of code a value is even when no table explains it ("a Windows setup code"),
 * and it is the file name of its curated rows: data/curated/<family>.<locale>.yaml.
 */
export const FAMILIES = [
  'intune-update-agent',
  'windows-update',
  'intune-app',
  'mdm-enrollment',
  'device-registration',
  'autopilot',
  'servicing',
  'setup',
  'delivery-optimization',
  'bits',
  'wininet',
  'win32',
  'ntstatus',
  'hresult',
] as const;

export type FamilyId = (typeof FAMILIES)[number];

/** A curated file's name: data/curated/<family>.<locale>.yaml. */
export const CURATED_FILE = /^([a-z0-9-]+)\.([A-Za-z]{2,3}-[A-Za-z]{2})\.yaml$/;

export function isFamily(id: string): id is FamilyId {
  return (FAMILIES as readonly string[]).includes(id);
}

/** The HRESULT for a Win32 error number, as Windows reports it (HRESULT_FROM_WIN32). */
export function hresultFromWin32(win32: number): number {
  return win32 <= 0 || win32 > 0xffff ? win32 >>> 0 : (0x80070000 | win32) >>> 0;
}

/** Which family a 32-bit value belongs to, by the ranges each product uses. */
export function familyOf(value: number): FamilyId {
  const v = value >>> 0;
  const high = v >>> 16;
  // Intune and Windows Update keep their subsystem codes under their own facility, success or error.
  if ((high & 0x7fff) === 0x00cf) return 'intune-update-agent';
  if ((high & 0x7fff) === 0x0024) return 'windows-update';
  if (high >= 0x87d0 && high <= 0x87d3) return 'intune-app';
  if (high === 0x8018) return 'mdm-enrollment';
  if (high === 0x801c || v >>> 20 === 0xcaa) return 'device-registration';
  if (high === 0x8103) return 'autopilot';
  if (high === 0x800f) return 'servicing';
  if (high === 0xc190 || high === 0xc180 || high === 0xc142) return 'setup';
  if (high === 0x80d0) return 'delivery-optimization';
  if (high === 0x8020) return 'bits';
  if (high === 0x8007) {
    const low = v & 0xffff;
    return low >= 12000 && low < 13000 ? 'wininet' : 'win32';
  }
  if (v > 0 && v <= 0xffff) return v >= 12000 && v < 13000 ? 'wininet' : 'win32';
  if (high >= 0xc000 && high <= 0xc0ff) return 'ntstatus';
  return 'hresult';
}

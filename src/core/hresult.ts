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

// Facility numbers from winerror.h; the common ones an Intune or Windows Update admin meets.
const FACILITIES: Readonly<Record<number, string>> = {
  0: 'NULL',
  1: 'RPC',
  2: 'DISPATCH',
  3: 'STORAGE',
  4: 'ITF',
  7: 'WIN32',
  8: 'WINDOWS',
  9: 'SECURITY',
  10: 'CONTROL',
  11: 'CERT',
  12: 'INTERNET',
  13: 'MEDIASERVER',
  14: 'MSMQ',
  15: 'SETUPAPI',
  16: 'SCARD',
  17: 'COMPLUS',
  19: 'URT',
  23: 'SXS',
  25: 'HTTP',
  31: 'USERMODE_FILTER_MANAGER',
  32: 'BACKGROUNDCOPY',
  33: 'CONFIGURATION',
  34: 'STATE_MANAGEMENT',
  36: 'WINDOWSUPDATE',
  37: 'DIRECTORYSERVICE',
  38: 'GRAPHICS',
  39: 'SHELL',
  40: 'TPM_SERVICES',
  41: 'TPM_SOFTWARE',
  48: 'PLA',
  49: 'FVE',
  50: 'FWP',
  51: 'WINRM',
  52: 'NDIS',
  53: 'USERMODE_HYPERVISOR',
  54: 'CMI',
  55: 'USERMODE_VIRTUALIZATION',
  56: 'USERMODE_VOLMGR',
  57: 'BCD',
  58: 'USERMODE_VHD',
  60: 'SDIAG',
  61: 'WEBSERVICES',
  80: 'WINDOWS_DEFENDER',
  81: 'OPC',
  82: 'XPS',
  83: 'MBN',
  84: 'POWERSHELL',
  85: 'RAS',
  86: 'P2P_INT',
  87: 'P2P',
  88: 'DAF',
  89: 'BLUETOOTH_ATT',
  90: 'AUDIO',
  91: 'STATEREPOSITORY',
  92: 'VISUALCPP',
  93: 'SCRIPT',
  94: 'PARSE',
  103: 'MOBILE',
  121: 'DEPLOYMENT',
  122: 'DELIVERY_OPTIMIZATION',
  123: 'USER_MODE_SECURITY_CORE',
  124: 'LICENSING',
  125: 'SOS',
  126: 'DEBUGGERS',
  127: 'SPP',
  128: 'RESTORE',
  129: 'DMSERVER',
  130: 'DEPLOYMENT_SERVICES_SERVER',
  131: 'DEPLOYMENT_SERVICES_IMAGING',
  132: 'DEPLOYMENT_SERVICES_MANAGEMENT',
  133: 'DEPLOYMENT_SERVICES_UTIL',
  134: 'DEPLOYMENT_SERVICES_BINLSVC',
  136: 'DEPLOYMENT_SERVICES_PXE',
  137: 'DEPLOYMENT_SERVICES_TFTP',
  144: 'DEPLOYMENT_SERVICES_TRANSPORT_MANAGEMENT',
  145: 'DEPLOYMENT_SERVICES_DRIVER_PROVISIONING',
  146: 'DEPLOYMENT_SERVICES_MULTICAST_SERVER',
  147: 'DEPLOYMENT_SERVICES_MULTICAST_CLIENT',
  151: 'DEPLOYMENT_SERVICES_CONTENT_PROVIDER',
  152: 'HSP_SERVICES',
  153: 'HSP_SOFTWARE',
  175: 'LINGUISTIC_SERVICES',
  176: 'AUDIOSTREAMING',
  177: 'TTD',
  178: 'ACCELERATOR',
  179: 'WMAAECMA',
  180: 'DIRECTMUSIC',
  181: 'DIRECT3D10',
  182: 'DXGI',
  183: 'DXGI_DDI',
  184: 'DIRECT3D11',
  185: 'DIRECT3D11_DEBUG',
  186: 'DIRECT3D12',
  187: 'DIRECT3D12_DEBUG',
  188: 'DXCORE',
  189: 'PRESENTATION',
  207: 'INTUNE_UPDATE_AGENT',
  231: 'XBOX',
  1094: 'LEAP',
  1536: 'PIX',
  1792: 'NAP',
  2049: 'JSCRIPT',
};

export function decodeHresult(value: number): HresultDecode {
  const v = value >>> 0;
  const facility = (v >>> 16) & 0x7ff;
  const detail = v & 0xffff;
  return {
    code: formatCode(v),
    severity: v >>> 31 === 1 ? 'error' : 'success',
    facility,
    // 0xCF is the facility of the Intune table itself; it has no winerror.h name.
    facilityName: FACILITIES[facility],
    detail,
    win32Error: facility === 7 ? detail : undefined,
    customer: ((v >>> 29) & 1) === 1,
  };
}

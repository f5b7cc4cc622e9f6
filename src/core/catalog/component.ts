import type { ComponentId } from './types.js';

// Name prefixes name the subsystem outright; they win over the numeric range.
const BY_PREFIX: readonly [RegExp, ComponentId][] = [
  [/^(?:OMC?|WU)_[ES]_DM_/, 'download-manager'],
  [/^(?:OMC?|WU)_[ES]_DS_/, 'datastore'],
  [/^(?:OMC?|WU)_[ES]_PT_/, 'protocol-talker'],
  [/^(?:OMC?|WU)_[ES]_UH_/, 'update-handler'],
  [/^(?:OMC?|WU)_[ES]_AU_/, 'automatic-updates'],
  [/^(?:OMC?|WU)_[ES]_EE_/, 'expression-evaluator'],
  [/^(?:OMC?|WU)_[ES]_REPORTER_/, 'reporter'],
  [/^(?:OMC?|WU)_[ES]_MS[IP]_/, 'windows-installer'],
  [/^(?:OMC?|WU)_[ES]_(?:WUCLTUI|AUCLIENT|NON_UI)/, 'client-ui'],
];

/**
 * The Update Agent groups its codes by subsystem in the low 16 bits, the same
 * layout wuerror.h uses: 0x1xxx Windows Installer, 0x2xxx update handler, and so on.
 */
export function componentOf(value: number, name: string | undefined): ComponentId {
  if (name !== undefined) {
    for (const [pattern, component] of BY_PREFIX) if (pattern.test(name)) return component;
  }
  const low = value & 0xffff;
  if (low >= 0x0400 && low <= 0x04ff) return 'protocol-talker';
  switch (low >> 12) {
    case 0x1:
      return 'windows-installer';
    case 0x2:
      return 'update-handler';
    case 0x3:
      return 'client-ui';
    case 0x4:
      return 'protocol-talker';
    case 0x6:
      return 'download-manager';
    case 0x8:
      return 'datastore';
    case 0xa:
      return 'automatic-updates';
    case 0xe:
      return 'expression-evaluator';
    case 0xf:
      return 'reporter';
    default:
      return 'general';
  }
}

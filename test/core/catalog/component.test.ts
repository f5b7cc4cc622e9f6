import { describe, expect, it } from 'vitest';
import { componentOf } from '../../../src/core/catalog/component.js';
import { catalog } from '../../support/catalog.js';

describe('componentOf', () => {
  it.each([
    ['OM_E_DM_FAILTOCONNECTTOBITS', 'download-manager'],
    ['OM_E_DS_INUSE', 'datastore'],
    ['OM_E_PT_ENDPOINT_UNREACHABLE', 'protocol-talker'],
    ['OM_E_SERVICEPROP_NOTAVAIL', 'protocol-talker'],
    ['OM_E_UH_INSTALLERHUNG', 'update-handler'],
    ['OM_S_UH_INSTALLSTILLPENDING', 'update-handler'],
    ['OM_E_AU_PAUSED', 'automatic-updates'],
    ['OM_E_EE_INVALID_EXPRESSION', 'expression-evaluator'],
    ['OM_E_REPORTER_EVENTCACHECORRUPT', 'reporter'],
    ['OM_E_SERVER_BUSY', 'reporter'],
    ['OM_E_MSI_NOT_CONFIGURED', 'windows-installer'],
    ['OM_E_MSP_DISABLED', 'windows-installer'],
    ['OM_E_NON_UI_MODE', 'client-ui'],
    ['OM_E_AUCLIENT_UNEXPECTED', 'client-ui'],
    ['OM_E_NO_SERVICE', 'general'],
    ['OMC_E_DOWNLOAD_CANCELLED', 'general'],
  ])('puts %s in %s', (name, component) => {
    expect(catalog.byName(name)?.component).toBe(component);
  });

  it('falls back to the code range when the name says nothing', () => {
    expect(componentOf(0x80246001, undefined)).toBe('download-manager');
    expect(componentOf(0x8024e005, 'WU_E_SOMETHING')).toBe('expression-evaluator');
    expect(componentOf(0x80240001, undefined)).toBe('general');
  });
});

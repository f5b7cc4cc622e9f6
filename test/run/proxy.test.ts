import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { maskPassword, proxyRoute, proxySecrets } from '../../src/run/proxy.js';
import { captureLines } from '../support/capture-log.js';

const URL_WITH_PASSWORD = 'http://svc-intune:p%40ss-w0rd-long@proxy.example:3128';

describe('the outbound proxy', () => {
  it('is not set up at all without HTTPS_PROXY or HTTP_PROXY', () => {
    expect(proxyRoute(readConfig({ NO_PROXY: '*' }).proxy)).toBeUndefined();
  });

  it('describes itself for the log with the password masked and the user kept', () => {
    const route = proxyRoute(readConfig({ HTTPS_PROXY: URL_WITH_PASSWORD, NO_PROXY: 'localhost' }).proxy);
    expect(route?.describe()).toEqual({
      httpsProxy: 'http://svc-intune:***@proxy.example:3128/',
      noProxy: 'localhost',
    });
    expect(maskPassword('http://proxy.example:3128')).toBe('http://proxy.example:3128/');
  });

  it("hands the log's scrubber the password in every spelling, so no line can carry it", () => {
    const secrets = proxySecrets(readConfig({ HTTP_PROXY: URL_WITH_PASSWORD }).proxy);
    const { lines, destination } = captureLines();
    const log = createLogger({ level: 'info', destination, secrets });
    log.error({ url: URL_WITH_PASSWORD }, `connect via ${URL_WITH_PASSWORD} as p@ss-w0rd-long failed`);
    expect(lines.join('\n')).not.toMatch(/p(%40|@)ss-w0rd-long/);
    expect(proxySecrets(readConfig({ HTTP_PROXY: 'http://proxy.example:3128' }).proxy)).toEqual([]);
  });
});

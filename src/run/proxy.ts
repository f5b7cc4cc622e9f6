import type { FetchFunction } from '@slack/web-api';
import type { Dispatcher } from 'undici';
import type { ProxyConfig } from '../config.js';
import { requireCommonJs } from '../require-commonjs.js';

/** How the bot reaches Slack through a proxy: one dispatcher for the Web API, response_urls and the WebSocket. */
export interface ProxyRoute {
  dispatcher: Dispatcher;
  /** For the Web API clients (and so Bolt's respond()): fetch through the dispatcher. */
  fetch: FetchFunction;
  /** The proxies for the log, passwords masked. */
  describe(): { httpsProxy?: string; httpProxy?: string; noProxy?: string };
}

/**
 * undici's EnvHttpProxyAgent, handed the values readConfig read (so it never looks at the
 * environment itself): it tunnels each connection with CONNECT (Slack is HTTPS, and Socket Mode's
 * wss:// too) and leaves the NO_PROXY hosts to a direct connection. Undefined without a proxy.
 */
export function proxyRoute(proxy: ProxyConfig | undefined): ProxyRoute | undefined {
  if (proxy === undefined) return undefined;
  // Loaded only behind a proxy: undici is a tenth of a second of every start-up otherwise (CommonJS,
  // so it can be required here without making this function async).
  const { EnvHttpProxyAgent, fetch: undiciFetch } = requireCommonJs('undici') as typeof import('undici');
  // Empty strings, not undefined: undefined would make undici fall back to process.env.
  const dispatcher = new EnvHttpProxyAgent({
    httpProxy: proxy.httpProxy ?? '',
    httpsProxy: proxy.httpsProxy ?? '',
    noProxy: proxy.noProxy,
  });
  // undici's own fetch with its own dispatcher: Node's built-in fetch may bundle another undici.
  const fetch = ((url, init) =>
    undiciFetch(url, { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher })) as FetchFunction;
  return {
    dispatcher,
    fetch,
    describe() {
      return {
        ...(proxy.httpsProxy ? { httpsProxy: maskPassword(proxy.httpsProxy) } : {}),
        ...(proxy.httpProxy ? { httpProxy: maskPassword(proxy.httpProxy) } : {}),
        ...(proxy.noProxy ? { noProxy: proxy.noProxy } : {}),
      };
    },
  };
}

/** The URL with its password (if any) replaced, so it can be logged. */
export function maskPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password === '') return parsed.href;
  parsed.password = '***';
  return parsed.href;
}

/** The secrets in the proxy URLs (passwords, and the whole URLs that hold them), for the log's scrubber. */
export function proxySecrets(proxy: ProxyConfig | undefined): string[] {
  const secrets: string[] = [];
  for (const url of [proxy?.httpsProxy, proxy?.httpProxy]) {
    if (url === undefined) continue;
    const parsed = new URL(url);
    if (parsed.password === '') continue;
    secrets.push(url, parsed.password, decodeURIComponent(parsed.password));
  }
  return secrets;
}

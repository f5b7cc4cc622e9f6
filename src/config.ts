import { fileURLToPath } from 'node:url';
import { ConfigError, ConfigErrors } from './errors.js';

export type AutoReplyScope = 'explained' | 'intune';
const AUTO_REPLY_SCOPES: readonly AutoReplyScope[] = ['explained', 'intune'];

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface Config {
  /** xoxb-… bot token; required for Slack (HTTP or Socket Mode). */
  slackBotToken: string | undefined;
  /** Verifies that HTTP requests come from Slack; required in HTTP mode. */
  slackSigningSecret: string | undefined;
  /** xapp-… app-level token; when set the bot connects over Socket Mode. */
  slackAppToken: string | undefined;
  /** Web API base URL, ending in a slash (GovSlack, proxies, tests). */
  slackApiUrl: string | undefined;
  port: number;
  host: string;
  logLevel: LogLevel;
  /** Locale used when a user's Slack locale is unknown or has no table. */
  defaultLocale: string;
  autoReply: boolean;
  /** Which pasted codes earn an unasked-for reply: those we explain in words, or only Intune table rows. */
  autoReplyScope: AutoReplyScope;
  /** A code already explained in a thread is not explained again within this window. */
  autoReplyCooldownMs: number;
  /** Where Microsoft's pages and the Windows Update code list live. */
  dataDir: string;
  /** The outbound proxy to Slack (Web API, response_urls, Socket Mode); undefined: connect directly. */
  proxy: ProxyConfig | undefined;
  /** redis:// or rediss:// URL of the state shared by replicas; unset: each process keeps its own. Holds a password: never log it. */
  redisUrl: string | undefined;
  /** Put in front of every Redis key. */
  redisPrefix: string;
}

/** HTTPS_PROXY, HTTP_PROXY and NO_PROXY (each also in lower case, which wins, as curl reads them). */
export interface ProxyConfig {
  /** For https:// and wss:// URLs (Slack's own); HTTP_PROXY serves them when this is unset. */
  httpsProxy: string | undefined;
  /** For http:// URLs (a SLACK_API_URL on plain HTTP). */
  httpProxy: string | undefined;
  /** Hosts reached directly: comma or space separated, `example.com` also covers its subdomains, `host:port`, or `*`. */
  noProxy: string;
}

export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));

const ON = new Set(['on', 'true', '1', 'yes']);
const OFF = new Set(['off', 'false', '0', 'no']);

/** Reads and validates the whole configuration; throws one ConfigErrors naming every bad variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return read(env, 'all');
}

export interface CliConfig extends Pick<Config, 'defaultLocale' | 'dataDir'> {
  /**
   * NO_COLOR is set to something (https://no-color.org): the terminal output carries no colour
   * even on a terminal. An empty NO_COLOR counts as unset, as the convention says.
   */
  noColor: boolean;
}

/** The part the CLI needs: it must not fail over Slack variables it never uses. */
export function readCliConfig(env: NodeJS.ProcessEnv = process.env): CliConfig {
  const { defaultLocale, dataDir } = read(env, 'cli');
  // Any value turns colour off, "0" and "false" included; not trimmed, so only "" is unset.
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return { defaultLocale, dataDir, noColor };
}

const CLI_VARIABLES = new Set(['DEFAULT_LOCALE', 'DATA_DIR']);

function read(env: NodeJS.ProcessEnv, scope: 'all' | 'cli'): Config {
  const errors: ConfigError[] = [];
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      errors.push(new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}"`));
      return fallback;
    }
    return value;
  };
  const flag = (name: string, fallback: boolean): boolean => {
    const raw = text(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (ON.has(raw)) return true;
    if (OFF.has(raw)) return false;
    errors.push(new ConfigError(name, `must be "on" or "off", got "${raw}"`));
    return fallback;
  };
  const token = (name: string, prefix: string): string | undefined => {
    const value = text(name);
    if (value !== undefined && !value.startsWith(prefix)) {
      // Never echo the value: it may be a real secret pasted into the wrong variable.
      errors.push(new ConfigError(name, `must start with "${prefix}" (check that the right token is in it)`));
    }
    return value;
  };

  const logLevel = (text('LOG_LEVEL')?.toLowerCase() ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    errors.push(new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`));
  }

  const autoReplyScope = (text('AUTO_REPLY_SCOPE')?.toLowerCase() ?? 'explained') as AutoReplyScope;
  if (!AUTO_REPLY_SCOPES.includes(autoReplyScope)) {
    errors.push(
      new ConfigError(
        'AUTO_REPLY_SCOPE',
        `must be one of ${AUTO_REPLY_SCOPES.join(', ')}, got "${autoReplyScope}"`,
      ),
    );
  }

  // Only the shape here: which locales exist is known once DATA_DIR's pages are read (checkDefaultLocale).
  const defaultLocale = text('DEFAULT_LOCALE') ?? 'sv-SE';
  if (!LOCALE_SHAPE.test(defaultLocale)) {
    errors.push(
      new ConfigError('DEFAULT_LOCALE', `must be a locale like sv-SE or en-US, got "${defaultLocale}"`),
    );
  }

  let slackApiUrl = text('SLACK_API_URL');
  if (slackApiUrl !== undefined) {
    if (!URL.canParse(slackApiUrl) || !/^https?:$/.test(new URL(slackApiUrl).protocol)) {
      errors.push(new ConfigError('SLACK_API_URL', `must be an http(s) URL such as https://slack.com/api/`));
    } else if (new URL(slackApiUrl).username !== '' || new URL(slackApiUrl).password !== '') {
      // fetch refuses such URLs, and the value would be printed in errors: never echo it.
      errors.push(new ConfigError('SLACK_API_URL', 'must not hold a user name or password'));
    } else if (!slackApiUrl.endsWith('/')) {
      slackApiUrl = `${slackApiUrl}/`;
    }
  }

  const proxyUrl = (name: string): string | undefined => {
    const lower = name.toLowerCase();
    const used = text(lower) !== undefined ? lower : name;
    const value = text(used);
    if (value === undefined) return undefined;
    // Never echo the value: it may carry the proxy's password.
    if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
      errors.push(new ConfigError(used, 'must be a proxy URL such as http://proxy.example.com:8080'));
      return undefined;
    }
    return value;
  };
  const httpsProxy = proxyUrl('HTTPS_PROXY');
  const httpProxy = proxyUrl('HTTP_PROXY');
  const proxy: ProxyConfig | undefined =
    httpsProxy === undefined && httpProxy === undefined
      ? undefined
      : { httpsProxy, httpProxy, noProxy: text('no_proxy') ?? text('NO_PROXY') ?? '' };
  const redisUrl = text('REDIS_URL');
  if (redisUrl !== undefined) {
    // Never echo the value: it may carry the Redis password.
    if (!URL.canParse(redisUrl) || !/^rediss?:$/.test(new URL(redisUrl).protocol)) {
      errors.push(
        new ConfigError('REDIS_URL', 'must be a redis:// or rediss:// URL such as redis://redis:6379'),
      );
    } else if (new URL(redisUrl).hostname === '') {
      errors.push(new ConfigError('REDIS_URL', 'must name the Redis host, as in redis://redis:6379'));
    }
  }
  const redisPrefix = text('REDIS_PREFIX') ?? 'intune-err:';
  if (!/^[\w.:-]{1,64}$/.test(redisPrefix)) {
    errors.push(
      new ConfigError(
        'REDIS_PREFIX',
        `must be 1 to 64 letters, digits, "_", "-", "." or ":", got "${redisPrefix.slice(0, 80)}"`,
      ),
    );
  }

  const config: Config = {
    slackBotToken: token('SLACK_BOT_TOKEN', 'xoxb-'),
    slackSigningSecret: text('SLACK_SIGNING_SECRET'),
    slackAppToken: token('SLACK_APP_TOKEN', 'xapp-'),
    slackApiUrl,
    port: integer('PORT', 3000, 0, 65535),
    host: text('HOST') ?? '0.0.0.0',
    logLevel,
    defaultLocale,
    autoReply: flag('AUTO_REPLY', true),
    autoReplyScope,
    autoReplyCooldownMs: integer('AUTO_REPLY_COOLDOWN_SECONDS', 3600, 0, 7 * 24 * 3600) * 1000,
    dataDir: text('DATA_DIR') ?? DEFAULT_DATA_DIR,
    proxy,
    redisUrl,
    redisPrefix,
  };
  const relevant = scope === 'all' ? errors : errors.filter((e) => CLI_VARIABLES.has(e.variable));
  if (relevant.length > 0) throw new ConfigErrors(relevant);
  return config;
}

const LOCALE_SHAPE = /^[a-z]{2,3}(?:[-_][a-z]{2})?$/i;

/**
 * A locale as people type it (`en`, `EN-us`, `sv_se`) in the spelling of one of
 * `available`: the same locale in any case, or a bare language that only one
 * locale speaks. Undefined when none matches.
 */
export function matchLocale(available: readonly string[], wanted: string): string | undefined {
  const normalized = wanted.trim().replace(/_/g, '-').toLowerCase();
  const exact = available.find((locale) => locale.toLowerCase() === normalized);
  if (exact !== undefined || normalized.includes('-')) return exact;
  const sameLanguage = available.filter((locale) => locale.split('-')[0]?.toLowerCase() === normalized);
  return sameLanguage.length === 1 ? sameLanguage[0] : undefined;
}

/**
 * DEFAULT_LOCALE checked against the locales DATA_DIR has pages for, and spelled
 * as they are. Without this an unknown locale silently answered in the first page's language.
 */
export function checkDefaultLocale<C extends Pick<Config, 'defaultLocale'>>(
  config: C,
  available: readonly string[],
): C {
  const locale = matchLocale(available, config.defaultLocale);
  if (locale === undefined) {
    throw new ConfigErrors([
      new ConfigError(
        'DEFAULT_LOCALE',
        `must be one of ${available.join(', ')} (the pages in DATA_DIR), got "${config.defaultLocale}"`,
      ),
    ]);
  }
  return { ...config, defaultLocale: locale };
}

export type RunMode = 'http' | 'socket' | 'console';

/**
 * Which surface `npm start` runs. Slack needs a bot token plus either an app token
 * (Socket Mode) or a signing secret (HTTP); with neither, a terminal gets the console.
 */
export function chooseMode(config: Config, interactive: boolean): RunMode {
  const hasSlack =
    config.slackBotToken !== undefined ||
    config.slackAppToken !== undefined ||
    config.slackSigningSecret !== undefined;
  if (!hasSlack && interactive) return 'console';
  const missing: ConfigError[] = [];
  if (config.slackBotToken === undefined) {
    missing.push(
      new ConfigError('SLACK_BOT_TOKEN', 'is required to connect to Slack (the xoxb-… Bot User OAuth Token)'),
    );
  }
  if (config.slackAppToken === undefined && config.slackSigningSecret === undefined) {
    missing.push(
      new ConfigError(
        'SLACK_SIGNING_SECRET',
        'is required for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
      ),
    );
  }
  if (missing.length > 0) throw new ConfigErrors(missing);
  return config.slackAppToken !== undefined ? 'socket' : 'http';
}

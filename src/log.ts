import type { Logger as BoltLogger, LogLevel as BoltLogLevel } from '@slack/bolt';
import type { DestinationStream, Logger, LoggerOptions as PinoOptions } from 'pino';
import type { LogLevel } from './config.js';
import { requireCommonJs } from './require-commonjs.js';

const { pino } = requireCommonJs('pino') as typeof import('pino');

export type { Logger };

// Slack token shapes (bot, user, app-level, config, refresh) and Bearer headers.
const TOKEN_PATTERN = /\b(?:xox[abeoprs]|xapp)-[0-9A-Za-z-]{6,}|\bBearer\s+[0-9A-Za-z._~+/-]{8,}=*/g;
const REDACTED = '[redacted]';
// The user name and password in a URL (REDIS_URL: redis://:password@host:6379).
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi;
// Keys whose values are secret whatever they look like.
const SECRET_KEYS = /token|secret|authorization|signature|password|cookie/i;

export interface LoggerOptions {
  level?: LogLevel;
  /** Exact secret values (the signing secret has no recognisable shape) to scrub wherever they appear. */
  secrets?: readonly (string | undefined)[];
  /** Human-readable lines instead of JSON (a terminal). */
  pretty?: boolean;
  destination?: DestinationStream;
}

/** Returns a copy of `value` with tokens and the given secrets replaced, at any depth. */
export function scrub(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') {
    let out = value.replace(TOKEN_PATTERN, REDACTED).replace(URL_CREDENTIALS, `$1${REDACTED}@`);
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (Array.isArray(value)) return value.map((item) => scrub(item, secrets, depth + 1));
  if (value instanceof Error) {
    return scrub(
      {
        type: value.name,
        message: value.message,
        stack: value.stack,
        code: (value as { code?: unknown }).code,
      },
      secrets,
      depth + 1,
    );
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEYS.test(key) && typeof item === 'string' ? REDACTED : scrub(item, secrets, depth + 1);
  }
  return out;
}

/** The one logger. Everything, Bolt's own lines included, goes through it and through `scrub`. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length >= 6);
  const destination =
    options.destination ??
    (options.pretty
      ? prettyStream()({ sync: true, colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' })
      : undefined);
  const opts: PinoOptions = {
    level: options.level ?? 'info',
    base: { service: 'intune-err' },
    serializers: { err: (err: unknown) => scrub(err, secrets) },
    formatters: { log: (object) => scrub(object, secrets) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        // Message strings and printf arguments are scrubbed too, not just the data object.
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? (scrub(arg, secrets) as string) : arg)) as Parameters<
            typeof method
          >,
        );
      },
    },
  };
  return destination ? pino(opts, destination) : pino(opts);
}

/** pino-pretty only for a terminal: a deployed bot writes JSON and need not load it (CommonJS, so required here). */
function prettyStream(): typeof import('pino-pretty').build {
  return (requireCommonJs('pino-pretty') as typeof import('pino-pretty')).build;
}

// Bolt's LogLevel values as plain strings: importing the enum would make every user of the logger
// load all of Bolt for four words.
const DEBUG = 'debug' as BoltLogLevel;
const INFO = 'info' as BoltLogLevel;
const WARN = 'warn' as BoltLogLevel;
const ERROR = 'error' as BoltLogLevel;
const TO_BOLT: Record<string, BoltLogLevel> = {
  trace: DEBUG,
  debug: DEBUG,
  info: INFO,
  warn: WARN,
  error: ERROR,
  fatal: ERROR,
  silent: ERROR,
};

// Slack's SDKs log raw request bodies and WebSocket frames at debug level; those
// carry message text, which never goes into our logs. Only the line's label is kept.
const RAW_PAYLOAD =
  /^(http request body|http request headers|Received a message on the WebSocket|Sending a WebSocket message|Calling ack\(\))/;

/** Bolt and its Web API client log through this adapter, so they share level, format and redaction. */
export function boltLogger(log: Logger): BoltLogger {
  let child = log.child({ component: 'bolt' });
  const line = (args: unknown[]): [Record<string, unknown>, string] => {
    const data: Record<string, unknown> = {};
    const words: string[] = [];
    const first = args[0];
    if (typeof first === 'string' && RAW_PAYLOAD.test(first))
      return [{ omitted: 'payload' }, first.replace(/:[\s\S]*$/, '')];
    for (const arg of args) {
      if (arg instanceof Error) data.err = arg;
      else if (typeof arg === 'string') words.push(arg);
      else if (arg !== undefined) words.push(safeJson(arg));
    }
    return [data, words.join(' ')];
  };
  // A line below LOG_LEVEL is dropped before it is built: Bolt and the Web API client log at debug
  // on every request and call, and formatting those only to discard them cost real CPU.
  return {
    debug: (...args) => {
      if (child.isLevelEnabled('debug')) child.debug(...line(args));
    },
    info: (...args) => {
      if (child.isLevelEnabled('info')) child.info(...line(args));
    },
    warn: (...args) => child.warn(...line(args)),
    error: (...args) => child.error(...line(args)),
    setLevel: () => {
      // The level is ours (LOG_LEVEL); Bolt may not override it.
    },
    getLevel: () => TO_BOLT[child.level] ?? INFO,
    setName: (name) => {
      child = log.child({ component: name });
    },
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value).slice(0, 500);
  } catch {
    return String(value);
  }
}

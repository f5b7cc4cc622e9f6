import type * as Limiters from 'rate-limiter-flexible';
import { StateStoreError } from '../errors.js';
import type { Logger } from '../log.js';
import { requireCommonJs } from '../require-commonjs.js';
import { codeKey, MemoryStateStore, type MemoryStoreOptions } from './memory-store.js';
import type { CacheSpace, ClaimSpace, StateStore, StoreState } from './state-store.js';
import { PACE_INTERVAL_MS, takeSlot } from './state-store.js';

const { createClient } = requireCommonJs('redis') as typeof import('redis');
// The one backend used, not the package's index (which loads every backend it supports).
const RateLimiterRedis: typeof Limiters.RateLimiterRedis = requireCommonJs(
  'rate-limiter-flexible/lib/RateLimiterRedis.js',
);

export interface RedisStoreOptions {
  /** redis:// or rediss:// (TLS), with the password in it when Redis wants one. Never logged. */
  url: string;
  /** Put in front of every key, so several bots (or environments) can share one Redis. */
  prefix: string;
  log: Logger;
  /** Whole seconds: the shared pace keeps its windows in Redis with a TTL in seconds. */
  paceIntervalMs?: number;
  /** A Redis call slower than this counts as a failure, and the replica answers from memory. */
  commandTimeoutMs?: number;
  /** Start-up gives up on a Redis that does not accept the connection within this time. */
  connectTimeoutMs?: number;
  /** Warnings about an unavailable Redis are logged at most this often. */
  warnEveryMs?: number;
  /** Bounds of the memory this replica falls back on while Redis is away. */
  fallback?: MemoryStoreOptions;
}

/** Low enough that a slow Redis never costs a slash command its 3-second window. */
export const REDIS_COMMAND_TIMEOUT_MS = 500;
export const REDIS_CONNECT_TIMEOUT_MS = 5000;
export const DEGRADED_WARN_EVERY_MS = 60_000;

type Client = ReturnType<typeof createClient>;

/**
 * Connects to Redis and returns the shared store; fails (StateStoreError naming REDIS_URL) when
 * Redis cannot be reached or refuses the password, rather than silently running unshared.
 */
export async function connectRedisStore(options: RedisStoreOptions): Promise<RedisStateStore> {
  let connected = false;
  const client: Client = createClient({
    url: options.url,
    // A command while disconnected fails at once (and the replica uses its memory) instead of
    // waiting in a queue for a Redis that may not come back soon.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: options.connectTimeoutMs ?? REDIS_CONNECT_TIMEOUT_MS,
      // At start-up the first failure is final; once running, reconnect for ever, backing off to 2 s.
      reconnectStrategy: (retries, cause) =>
        connected ? Math.min(2 ** retries * 50, 2000) + Math.floor(Math.random() * 100) : cause,
    },
  });
  // node-redis emits connection errors as events; without a listener they would crash the process.
  // It stays: removing the client's last listener would detach the store's listeners added later
  // (the client is a prototype proxy, and EventEmitter would give the proxy a listener table of its own).
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    const cause = (error as { socketError?: unknown }).socketError ?? error;
    throw new StateStoreError(
      'REDIS_URL',
      `cannot use Redis at ${displayUrl(options.url)}: ${reason(cause)}`,
      {
        cause,
      },
    );
  }
  connected = true;
  return new RedisStateStore(client, options);
}

/**
 * The store shared by every replica. Each call goes to Redis; while Redis is away (refused,
 * disconnected, or slower than the command timeout) the same call is answered from this
 * replica's own memory, the state reads `degraded`, and the next call after Redis is back goes
 * to Redis again. Claims this replica took from memory keep counting after Redis is back, so it
 * never repeats its own work across an outage.
 */
export class RedisStateStore implements StateStore {
  readonly kind = 'redis' as const;
  private readonly client: Client;
  private readonly prefix: string;
  private readonly log: Logger;
  private readonly local: MemoryStateStore;
  private readonly pace: Limiters.RateLimiterRedis;
  private readonly commandTimeoutMs: number;
  private readonly warnEveryMs: number;
  private readonly paceSeconds: number;
  private failing = false;
  private lastWarnAt = Number.NEGATIVE_INFINITY;
  private unwarned = 0;
  private closed = false;

  constructor(client: Client, options: RedisStoreOptions) {
    const paceIntervalMs = options.paceIntervalMs ?? PACE_INTERVAL_MS;
    if (paceIntervalMs < 1000 || paceIntervalMs % 1000 !== 0) {
      throw new RangeError(`paceIntervalMs must be whole seconds, got ${paceIntervalMs}`);
    }
    this.client = client;
    this.prefix = options.prefix;
    this.log = options.log.child({ component: 'state' });
    this.local = new MemoryStateStore({ ...options.fallback, paceIntervalMs });
    this.commandTimeoutMs = options.commandTimeoutMs ?? REDIS_COMMAND_TIMEOUT_MS;
    this.warnEveryMs = options.warnEveryMs ?? DEGRADED_WARN_EVERY_MS;
    this.paceSeconds = paceIntervalMs / 1000;
    this.pace = new RateLimiterRedis({
      storeClient: client,
      useRedisPackage: true,
      rejectIfRedisNotReady: true,
      keyPrefix: `${options.prefix}pace`,
      points: 1,
      duration: this.paceSeconds,
    });
    client.on('error', (error: unknown) => {
      if (!this.closed) this.degrade(error);
    });
    client.on('ready', () => this.recover());
  }

  get state(): StoreState {
    return this.failing || !this.client.isReady ? 'degraded' : 'ok';
  }

  async claimOnce(space: ClaimSpace, id: string, ttlMs: number): Promise<boolean> {
    if (this.local.holds(space, id)) return false;
    return this.use(
      async () => {
        const set = await this.client.set(this.key(space, id), '1', {
          condition: 'NX',
          expiration: { type: 'PX', value: ttl(ttlMs) },
        });
        return set === 'OK';
      },
      () => this.local.claimNow(space, id, ttlMs),
    );
  }

  async claimCodes(thread: string, codes: readonly string[], ttlMs: number): Promise<string[]> {
    const open = codes.filter((code) => !this.local.holds('cooldown', codeKey(thread, code)));
    if (open.length === 0) return [];
    return this.use(
      async () => {
        const multi = this.client.multi();
        for (const code of open) {
          multi.set(this.key('cooldown', codeKey(thread, code)), '1', {
            condition: 'NX',
            expiration: { type: 'PX', value: ttl(ttlMs) },
          });
        }
        const replies = await multi.exec();
        return open.filter((_, i) => String(replies[i]) === 'OK');
      },
      () => open.filter((code) => this.local.claimNow('cooldown', codeKey(thread, code), ttlMs)),
    );
  }

  async release(thread: string, codes: readonly string[]): Promise<void> {
    if (codes.length === 0) return;
    await this.local.release(thread, codes);
    await this.use(
      async () => {
        await this.client.del(codes.map((code) => this.key('cooldown', codeKey(thread, code))));
      },
      // Redis keeps a claim it could not be told to drop until its TTL: that code may go unanswered
      // in that thread for the cooldown (never doubled).
      () => undefined,
    );
  }

  async cacheGet(space: CacheSpace, key: string): Promise<string | undefined> {
    return this.use(
      async () => (await this.client.get(this.key(space, key))) ?? undefined,
      () => this.local.cacheGet(space, key),
    );
  }

  async cacheSet(space: CacheSpace, key: string, value: string, ttlMs: number): Promise<void> {
    await this.use(
      async () => {
        await this.client.set(this.key(space, key), value, {
          expiration: { type: 'PX', value: ttl(ttlMs) },
        });
      },
      () => this.local.cacheSet(space, key, value, ttlMs),
    );
  }

  async reservePace(channel: string): Promise<number> {
    return this.use(
      () => takeSlot(this.pace, channel),
      () => this.local.reservePace(channel),
    );
  }

  async holdPace(channel: string): Promise<void> {
    await this.use(
      async () => {
        await this.pace.block(channel, this.paceSeconds);
      },
      () => this.local.holdPace(channel),
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.local.close();
    try {
      if (this.client.isReady) await this.client.close();
      else this.client.destroy();
    } catch {
      // Already closed: nothing left to let go of.
    }
  }

  private key(space: string, id: string): string {
    return `${this.prefix}${space}:${id}`;
  }

  private async use<T>(remote: () => Promise<T>, local: () => T | Promise<T>): Promise<T> {
    if (this.client.isReady) {
      try {
        const value = await within(remote(), this.commandTimeoutMs);
        this.recover();
        return value;
      } catch (error) {
        this.degrade(error);
      }
    } else {
      this.degrade(undefined);
    }
    return local();
  }

  private degrade(error: unknown): void {
    this.failing = true;
    const now = Date.now();
    if (now - this.lastWarnAt < this.warnEveryMs) {
      this.unwarned += 1;
      return;
    }
    this.lastWarnAt = now;
    this.log.warn(
      {
        state: 'degraded',
        error: error === undefined ? 'not connected' : reason(error),
        ...(this.unwarned > 0 ? { notLogged: this.unwarned } : {}),
      },
      'Redis unavailable; this replica answers from its own memory until it is back (replicas may double replies meanwhile)',
    );
    this.unwarned = 0;
  }

  private recover(): void {
    if (!this.failing || !this.client.isReady) return;
    this.failing = false;
    this.unwarned = 0;
    this.log.info({ state: 'ok' }, 'Redis is back; state is shared again');
  }
}

/** The URL without its user name and password, for messages. */
export function displayUrl(url: string): string {
  if (!URL.canParse(url)) return 'REDIS_URL';
  const { protocol, host, pathname } = new URL(url);
  return `${protocol}//${host}${pathname === '/' ? '' : pathname}`;
}

function reason(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && code !== '') return code;
  return typeof message === 'string' && message !== '' ? message : String(error);
}

function ttl(ms: number): number {
  return Math.max(1, Math.round(ms));
}

class RedisTimeoutError extends Error {
  readonly code = 'REDIS_TIMEOUT';
}

/** The call's result, or a RedisTimeoutError once `ms` have passed (the call itself is left to finish). */
async function within<T>(call: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisTimeoutError(`no answer from Redis within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

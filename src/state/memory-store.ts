import { LRUCache } from 'lru-cache';
import { RateLimiterMemory } from './rate-limiters.js';
import type { CacheSpace, ClaimSpace, StateStore } from './state-store.js';
import { PACE_INTERVAL_MS, takeSlot } from './state-store.js';

/**
 * Entries each space keeps at most, whatever their TTLs. Event ids: Slack's last retry comes about
 * five minutes after the first delivery, and 200,000 ids cover five minutes at about 660 events a
 * second. The others are claimed only by what the bot answers or verifies, far fewer.
 */
export const MEMORY_LIMITS: Readonly<Record<ClaimSpace | CacheSpace | 'cooldown', number>> = {
  event: 200_000,
  message: 50_000,
  signature: 50_000,
  cooldown: 50_000,
  locale: 20_000,
};

export interface MemoryStoreOptions {
  limits?: Partial<typeof MEMORY_LIMITS>;
  paceIntervalMs?: number;
  /** For tests that move time: the clock the TTLs are read by, in milliseconds. */
  now?: () => number;
}

type Space = keyof typeof MEMORY_LIMITS;

/**
 * One process's state: bounded LRU caches with a TTL on every entry, each created on first use and
 * growing with use up to its limit.
 */
export class MemoryStateStore implements StateStore {
  readonly kind = 'memory' as const;
  readonly state = 'ok' as const;
  private readonly limits: typeof MEMORY_LIMITS;
  private readonly caches = new Map<Space, LRUCache<string, string>>();
  private readonly pace: InstanceType<typeof RateLimiterMemory>;
  private readonly now: (() => number) | undefined;
  private readonly paceSeconds: number;

  constructor(options: MemoryStoreOptions = {}) {
    this.limits = { ...MEMORY_LIMITS, ...options.limits };
    this.now = options.now;
    this.paceSeconds = (options.paceIntervalMs ?? PACE_INTERVAL_MS) / 1000;
    this.pace = new RateLimiterMemory({ points: 1, duration: this.paceSeconds });
  }

  async claimOnce(space: ClaimSpace, id: string, ttlMs: number): Promise<boolean> {
    return this.claimNow(space, id, ttlMs);
  }

  async claimCodes(thread: string, codes: readonly string[], ttlMs: number): Promise<string[]> {
    return codes.filter((code) => this.claimNow('cooldown', codeKey(thread, code), ttlMs));
  }

  async release(thread: string, codes: readonly string[]): Promise<void> {
    const cache = this.caches.get('cooldown');
    for (const code of codes) cache?.delete(codeKey(thread, code));
  }

  async cacheGet(space: CacheSpace, key: string): Promise<string | undefined> {
    return this.caches.get(space)?.get(key);
  }

  async cacheSet(space: CacheSpace, key: string, value: string, ttlMs: number): Promise<void> {
    this.space(space).set(key, value, { ttl: positive(ttlMs) });
  }

  async reservePace(channel: string): Promise<number> {
    return takeSlot(this.pace, channel);
  }

  async holdPace(channel: string): Promise<void> {
    await this.pace.block(channel, this.paceSeconds);
  }

  async close(): Promise<void> {
    this.caches.clear();
  }

  /** Synchronous, for the Redis store's fallback: true for the first claim of a live key. */
  claimNow(space: ClaimSpace | 'cooldown', id: string, ttlMs: number): boolean {
    const cache = this.space(space);
    if (cache.has(id)) return false;
    cache.set(id, '1', { ttl: positive(ttlMs) });
    return true;
  }

  /** Whether a claim is held here, without creating the space (the Redis store asks on every claim). */
  holds(space: ClaimSpace | 'cooldown', id: string): boolean {
    return this.caches.get(space)?.has(id) ?? false;
  }

  /** Entries held in a space (stale ones may linger until evicted; the bound holds either way). */
  size(space: Space): number {
    return this.caches.get(space)?.size ?? 0;
  }

  private space(space: Space): LRUCache<string, string> {
    let cache = this.caches.get(space);
    if (!cache) {
      cache = new LRUCache<string, string>({
        // Bounded by a size of one per entry rather than `max`: lru-cache reserves `max` slots up
        // front (the 200,000 event ids alone were 7 MB at the first event); this grows with use.
        maxSize: this.limits[space],
        sizeCalculation: () => 1,
        // A test clock is read on every check (lru-cache otherwise reuses a reading for 1 ms).
        ...(this.now ? { perf: { now: this.now }, ttlResolution: 0 } : {}),
      });
      this.caches.set(space, cache);
    }
    return cache;
  }
}

export function codeKey(thread: string, code: string): string {
  return `${thread}:${code}`;
}

// lru-cache reads a TTL of 0 as "forever": a zero cooldown must still expire.
function positive(ttlMs: number): number {
  return Math.max(1, Math.round(ttlMs));
}

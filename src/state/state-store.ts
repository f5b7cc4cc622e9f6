import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimiterRes } from './rate-limiters.js';

/**
 * The state the bot shares between replicas: what was already handled, which codes a thread
 * was already given, the user-locale cache and each channel's send pace. In one process it
 * lives in memory (the default); with REDIS_URL set, in Redis, so two replicas never answer
 * the same thing twice nor together post faster than Slack allows.
 */

/**
 * What a one-time claim is about. Each space has its own bound in memory, so a flood of one
 * kind cannot push out the claims of another.
 *
 * - `event`: Slack's event_id (its retries carry the same id).
 * - `message`: channel + ts of a message, so its `message` and `app_mention` twins (two event
 *   ids) get one answer between them.
 * - `signature`: a signed HTTP request's signature (the replay guard).
 */
export type ClaimSpace = 'event' | 'message' | 'signature';

/** What a cached value is: only users' Slack locales so far. */
export type CacheSpace = 'locale';

/** `degraded`: Redis is configured but not answering; this replica runs on its own memory for now. */
export type StoreState = 'ok' | 'degraded';

export interface StateStore {
  /** `memory` or `redis`, for logs and /healthz. */
  readonly kind: 'memory' | 'redis';
  readonly state: StoreState;

  /** True for exactly one caller per (space, id) while the claim lives (SET NX with a TTL). */
  claimOnce(space: ClaimSpace, id: string, ttlMs: number): Promise<boolean>;

  /**
   * Claims the codes in a thread for the cooldown window and returns the ones this caller got:
   * a code another caller (or replica) claimed and has not released stays theirs.
   */
  claimCodes(thread: string, codes: readonly string[], ttlMs: number): Promise<string[]>;

  /** Gives back codes claimed for a reply that was never posted, so the next paste is answered. */
  release(thread: string, codes: readonly string[]): Promise<void>;

  cacheGet(space: CacheSpace, key: string): Promise<string | undefined>;
  cacheSet(space: CacheSpace, key: string, value: string, ttlMs: number): Promise<void>;

  /**
   * Takes the channel's next send slot if it is free and returns 0; otherwise returns how many
   * milliseconds until it may be free (then ask again). One slot per pace interval per channel,
   * across every replica sharing the store.
   */
  reservePace(channel: string): Promise<number>;

  /**
   * Marks the channel's slot taken for a whole interval from now; called when a send ends, so the
   * next one (on any replica) starts at least an interval after it, however long this one took.
   */
  holdPace(channel: string): Promise<void>;

  /** Lets go of connections and timers. */
  close(): Promise<void>;
}

/** Slack's pace: about one message per second per channel. */
export const PACE_INTERVAL_MS = 1000;

/** The key of a thread for claimCodes and release. */
export function threadKey(channel: string, threadTs: string): string {
  return `${channel}:${threadTs}`;
}

/** Takes a channel's send slot from a pace limiter: 0 when taken, else how many ms until it may be free. */
export async function takeSlot(limiter: RateLimiterAbstract, channel: string): Promise<number> {
  try {
    await limiter.consume(channel);
    return 0;
  } catch (refused) {
    if (refused instanceof RateLimiterRes) return Math.max(1, refused.msBeforeNext);
    throw refused;
  }
}

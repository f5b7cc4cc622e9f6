import { LRUCache } from 'lru-cache';
import { MAX_SKEW_SECONDS } from './request-signature.js';

export interface ReplayGuardOptions {
  /** Signatures remembered at most; 50,000 is about 166 signed requests a second for five minutes. */
  max?: number;
  /** Extra time a signature is remembered beyond the moment its timestamp turns stale. */
  marginSeconds?: number;
  /** For tests: the clock, in milliseconds. */
  now?: () => number;
  /**
   * Replicas sharing state: true for the first claim of a signature across all of them
   * (StateStore.claimOnce), so a replay sent to another replica is refused too.
   */
  shared?: (signature: string, ttlMs: number) => Promise<boolean>;
}

/**
 * The signatures already seen while their timestamps are fresh: the same signature twice is a
 * replay, never Slack (Slack signs every delivery anew; its retries of events carry a new
 * timestamp and signature, and reach the event_id dedupe).
 *
 * The request guard tells it only signatures that verified, so nobody without the signing
 * secret can fill it and push out the signature of a request they captured. A signature is
 * forgotten once its timestamp is stale (the guard refuses it by then anyway): memory is bounded
 * by time and by `max`.
 */
export class ReplayGuard {
  private readonly seen: LRUCache<string, true>;
  private readonly now: () => number;
  private readonly marginMs: number;
  private readonly shared: ReplayGuardOptions['shared'];

  constructor(options: ReplayGuardOptions = {}) {
    this.now = options.now ?? Date.now;
    this.marginMs = (options.marginSeconds ?? 60) * 1000;
    this.shared = options.shared;
    const now = this.now;
    this.seen = new LRUCache<string, true>({
      // A size of one per signature, not `max`: lru-cache would reserve all 50,000 slots at start-up.
      maxSize: options.max ?? 50_000,
      sizeCalculation: () => 1,
      // lru-cache reads this clock for every ttl decision, so tests can move time.
      perf: { now },
    });
  }

  /**
   * True the first time a verified signature is seen (here, and across replicas when they share
   * state), false for a replay. When the shared store cannot answer, this replica's memory decides.
   */
  firstSight(signature: string, timestampSeconds: number): boolean | Promise<boolean> {
    if (this.seen.has(signature)) return false;
    // Remembered until its timestamp is stale (plus a margin for clock steps).
    const ttl = Math.max(1, (timestampSeconds + MAX_SKEW_SECONDS) * 1000 - this.now() + this.marginMs);
    this.seen.set(signature, true, { ttl });
    if (!this.shared) return true;
    return this.shared(signature, ttl).catch(() => true);
  }

  /** Signatures currently remembered. */
  get size(): number {
    // Stale entries linger until evicted or purged; `max` bounds them either way.
    this.seen.purgeStale();
    return this.seen.size;
  }
}

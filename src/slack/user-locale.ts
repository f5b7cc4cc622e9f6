import type { WebClient } from '@slack/web-api';
import { LRUCache } from 'lru-cache';
import type { Logger } from '../log.js';

const FAILURE_TTL_MS = 60_000;

export interface UserLocaleOptions {
  /** How long a looked-up locale is trusted; people rarely change it. */
  ttlMs?: number;
  max?: number;
  log: Logger;
}

/**
 * Each user's Slack locale (users.info with include_locale), cached so a warm
 * slash command costs no Web API call. Undefined when Slack does not say.
 */
export class UserLocales {
  // '' records "Slack gave no locale", so such users cost no call either.
  private readonly cache: LRUCache<string, string>;
  private readonly pending = new Map<string, Promise<string | undefined>>();
  private readonly log: Logger;

  constructor({ ttlMs = 6 * 60 * 60 * 1000, max = 20_000, log }: UserLocaleOptions) {
    this.cache = new LRUCache({ max, ttl: ttlMs });
    this.log = log;
  }

  cached(userId: string): string | undefined {
    return this.cache.get(userId) || undefined;
  }

  /**
   * The user's locale, looked up at most once at a time per user. With `budgetMs`,
   * gives up waiting (undefined) but lets the lookup finish and fill the cache.
   */
  async lookup(client: WebClient, userId: string, budgetMs?: number): Promise<string | undefined> {
    const hit = this.cache.get(userId);
    if (hit !== undefined) return hit || undefined;
    let call = this.pending.get(userId);
    if (!call) {
      call = client.users
        .info({ user: userId, include_locale: true })
        .then((res) => {
          const locale = typeof res.user?.locale === 'string' ? res.user.locale : undefined;
          this.cache.set(userId, locale ?? '');
          return locale;
        })
        .catch((error: unknown) => {
          this.log.warn({ err: error, user: userId }, 'users.info failed; answering in the default locale');
          // Remembered briefly: a failing Slack is not asked again for every message, but recovers soon.
          this.cache.set(userId, '', { ttl: FAILURE_TTL_MS });
          return undefined;
        })
        .finally(() => this.pending.delete(userId));
      this.pending.set(userId, call);
    }
    if (budgetMs === undefined) return call;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), budgetMs);
    });
    try {
      return await Promise.race([call, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  get size(): number {
    return this.cache.size;
  }
}

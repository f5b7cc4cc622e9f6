import type { WebClient } from '@slack/web-api';
import type { Logger } from '../log.js';
import { MemoryStateStore } from '../state/memory-store.js';
import type { StateStore } from '../state/state-store.js';

const FAILURE_TTL_MS = 60_000;

export interface UserLocaleOptions {
  /** How long a looked-up locale is trusted; people rarely change it. */
  ttlMs?: number;
  log: Logger;
  /** Where the cache lives (shared by replicas on Redis); default this process's memory. */
  state?: StateStore;
}

/**
 * Each user's Slack locale (users.info with include_locale), cached so a warm
 * slash command costs no Web API call. Undefined when Slack does not say.
 */
export class UserLocales {
  // '' records "Slack gave no locale", so such users cost no call either.
  private readonly state: StateStore;
  private readonly ttlMs: number;
  private readonly pending = new Map<string, Promise<string | undefined>>();
  private readonly log: Logger;

  constructor({ ttlMs = 6 * 60 * 60 * 1000, log, state = new MemoryStateStore() }: UserLocaleOptions) {
    this.state = state;
    this.ttlMs = ttlMs;
    this.log = log;
  }

  async cached(userId: string): Promise<string | undefined> {
    return (await this.state.cacheGet('locale', userId)) || undefined;
  }

  /**
   * The user's locale, looked up at most once at a time per user (per replica). With `budgetMs`,
   * gives up waiting (undefined) but lets the lookup finish and fill the cache.
   */
  async lookup(client: WebClient, userId: string, budgetMs?: number): Promise<string | undefined> {
    let call = this.pending.get(userId);
    if (!call) {
      call = this.fetch(client, userId).finally(() => this.pending.delete(userId));
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

  /** The number of lookups under way (each user at most once). */
  get inFlight(): number {
    return this.pending.size;
  }

  private async fetch(client: WebClient, userId: string): Promise<string | undefined> {
    const hit = await this.state.cacheGet('locale', userId);
    if (hit !== undefined) return hit || undefined;
    try {
      const res = await client.users.info({ user: userId, include_locale: true });
      const locale = typeof res.user?.locale === 'string' ? res.user.locale : undefined;
      await this.state.cacheSet('locale', userId, locale ?? '', this.ttlMs);
      return locale;
    } catch (error) {
      this.log.warn({ err: error, user: userId }, 'users.info failed; answering in the default locale');
      // Remembered briefly: a failing Slack is not asked again for every message, but recovers soon.
      await this.state.cacheSet('locale', userId, '', FAILURE_TTL_MS);
      return undefined;
    }
  }
}

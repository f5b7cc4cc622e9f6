import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode } from '@slack/web-api';
import pRetry from 'p-retry';

/** How many times one call is tried again after a 429 before it is given up (and logged). */
export const RATE_LIMIT_RETRIES = 3;
/** A Retry-After longer than this is not waited out in full: the call is tried again after this long. */
export const MAX_RETRY_AFTER_MS = 30_000;

/**
 * The wait Slack asked for, when `error` is the Web API client's rate-limit error. The client
 * is built with `rejectRateLimitedCalls`, so a 429 comes back to the caller instead of pausing
 * every call the bot makes: a flood in one channel must not hold up the others.
 */
export function retryAfterMs(error: unknown): number | undefined {
  const { code, retryAfter } = (error ?? {}) as { code?: unknown; retryAfter?: unknown };
  if (code !== ErrorCode.RateLimitedError || typeof retryAfter !== 'number') return undefined;
  return Math.max(0, retryAfter * 1000);
}

/**
 * Runs one Web API call, and after a 429 waits as long as Slack said and tries again, at
 * most RATE_LIMIT_RETRIES times. Any other failure is the caller's (5xx and network errors
 * were already retried inside the client). `wait` is how the pause is taken (tests inject one
 * they control, so no test sits out a real Retry-After).
 */
export function obeyRateLimits<T>(
  call: () => Promise<T>,
  onWait?: (ms: number) => void,
  wait: (ms: number) => Promise<unknown> = sleep,
): Promise<T> {
  return pRetry(call, {
    retries: RATE_LIMIT_RETRIES,
    // The wait is Slack's, taken in onFailedAttempt; p-retry adds none of its own.
    minTimeout: 0,
    maxTimeout: 0,
    shouldRetry: ({ error }) => retryAfterMs(error) !== undefined,
    onFailedAttempt: async ({ error, retriesLeft }) => {
      const ms = retryAfterMs(error);
      if (ms === undefined || retriesLeft === 0) return;
      const capped = Math.min(ms, MAX_RETRY_AFTER_MS);
      onWait?.(capped);
      await wait(capped);
    },
  });
}

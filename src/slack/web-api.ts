import { setTimeout as sleep } from 'node:timers/promises';
import type { RetryOptions, WebClientOptions } from '@slack/web-api';
import pRetry from 'p-retry';
import { requireCommonJs } from '../require-commonjs.js';

const { ErrorCode } = requireCommonJs('@slack/web-api') as typeof import('@slack/web-api');

/**
 * Talking to Slack's Web API: how every client of the bot is built, which failures are tried
 * again and by whom, and what Slack's error answers mean to the bot. Retries happen in two
 * places, both set here, because they answer different failures:
 *
 * - inside the client (RETRY_CONFIG): 5xx and connections dropped or refused, the same call
 *   again after a back-off;
 * - around the call (obeyRateLimits): a 429, waited out for as long as Slack says. The client
 *   would pause every call the bot makes while it waits; out here only the caller waits (the
 *   outbox's channel), so a flood in one channel does not hold up the others.
 *
 * The outbox's plain-text resend after `invalid_blocks` is not a retry: it sends another message.
 */

/**
 * The client's own retries, and why.
 *
 * - 5xx and connections dropped or refused: retried, at most 3 times, backing off 250 ms to 2 s.
 *   A retried chat.postMessage could in principle double a reply if Slack posted it and then
 *   failed to say so. Slack has no idempotency key for posts, so the choice is between "maybe
 *   twice" and "maybe never": a 5xx from Slack's edge almost always means the call was not
 *   processed, and a person who asked and got nothing is worse off than one who rarely sees a
 *   repeat, so these are retried.
 * - A call that timed out (no answer within WEB_API_TIMEOUT_MS) is NOT retried: Slack was reached
 *   and was slow, so the post most likely landed; retrying would double it. At most once, logged.
 * - 429s are handed back at once (`rejectRateLimitedCalls`) to obeyRateLimits.
 * - `ok: false` answers (PLATFORM_ERRORS) are never retried by the client; the caller decides.
 */
export const RETRY_CONFIG: RetryOptions & { onFailedAttempt(error: Error): void } = {
  retries: 3,
  factor: 2,
  minTimeout: 250,
  maxTimeout: 2000,
  randomize: true,
  onFailedAttempt(error) {
    if (isTimeout(error)) throw error;
  },
};

/** The client's per-request timeout. */
export const WEB_API_TIMEOUT_MS = 10_000;

/** How every Web API client of the bot talks to Slack: the URL, retries, 429s and timeout. */
export function webApiOptions(
  slackApiUrl: string | undefined,
  extra: WebClientOptions = {},
): WebClientOptions {
  return {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    retryConfig: RETRY_CONFIG,
    rejectRateLimitedCalls: true,
    timeout: WEB_API_TIMEOUT_MS,
    ...extra,
  };
}

/** How many times one call is tried again after a 429 before it is given up (and logged). */
export const RATE_LIMIT_RETRIES = 3;
/** A Retry-After longer than this is not waited out in full: the call is tried again after this long. */
export const MAX_RETRY_AFTER_MS = 30_000;

/** The wait Slack asked for, when `error` is the client's rate-limit error (a 429). */
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

/** True when a call failed because no answer came in time (not a refusal or a dropped connection). */
export function isTimeout(error: unknown): boolean {
  const original = (error as { original?: unknown } | undefined)?.original ?? error;
  const name = (original as { name?: unknown } | undefined)?.name;
  return name === 'TimeoutError';
}

/** Slack's `ok: false` answers the bot acts on, by what they mean for it. */
export const PLATFORM_ERRORS = {
  /** auth.test: the token itself is wrong; no retry or restart will help. */
  tokenRefused: [
    'invalid_auth',
    'not_authed',
    'account_inactive',
    'token_revoked',
    'token_expired',
    'not_allowed_token_type',
  ],
  /** Nowhere to send, or nothing to delete: retrying cannot help and nobody is waiting, so note it and move on. */
  nowhereToSend: [
    'not_in_channel',
    'channel_not_found',
    'is_archived',
    'message_not_found',
    'cant_delete_message',
    'user_not_in_channel',
  ],
  /** The message itself was refused: a smaller plain-text answer usually gets through. */
  messageRefused: [
    'invalid_blocks',
    'invalid_blocks_format',
    'msg_too_long',
    'too_many_attachments',
    'invalid_arguments',
  ],
} as const satisfies Record<string, readonly string[]>;

export type PlatformErrorKind = keyof typeof PLATFORM_ERRORS;

/** Slack's error string (`not_in_channel`, `invalid_auth`…) when the call got an `ok: false` answer. */
export function platformError(error: unknown): string | undefined {
  const { code, data } = (error ?? {}) as { code?: unknown; data?: { error?: unknown } };
  if (code !== ErrorCode.PlatformError) return undefined;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/** True when the call got an `ok: false` answer of this kind. */
export function isPlatformError(error: unknown, kind: PlatformErrorKind): boolean {
  const found = platformError(error);
  return found !== undefined && (PLATFORM_ERRORS[kind] as readonly string[]).includes(found);
}

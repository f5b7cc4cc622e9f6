import { ErrorCode, WebAPIPlatformError, WebAPIRateLimitedError } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import {
  isPlatformError,
  obeyRateLimits,
  PLATFORM_ERRORS,
  platformError,
  RATE_LIMIT_RETRIES,
  retryAfterMs,
} from '../../src/slack/web-api.js';

const limited = (seconds: number) => new WebAPIRateLimitedError(seconds);

describe('retryAfterMs', () => {
  it('reads the wait from the Web API client’s rate-limit error', () => {
    expect(retryAfterMs(limited(2))).toBe(2000);
    expect(limited(2).code).toBe(ErrorCode.RateLimitedError);
  });

  it('is undefined for every other failure', () => {
    expect(retryAfterMs(new Error('boom'))).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs({ code: ErrorCode.RateLimitedError })).toBeUndefined();
  });
});

describe('obeyRateLimits', () => {
  it('waits as long as Slack asked, then returns the retried call’s answer', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await obeyRateLimits(
      async () => {
        calls += 1;
        if (calls === 1) throw limited(0.02);
        return 'posted';
      },
      (ms) => waits.push(ms),
    );
    expect(result).toBe('posted');
    expect(calls).toBe(2);
    expect(waits).toEqual([20]);
  });

  it('gives up after a bounded number of retries with the rate-limit error', async () => {
    let calls = 0;
    const failure = await obeyRateLimits(async () => {
      calls += 1;
      throw limited(0);
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WebAPIRateLimitedError);
    expect(calls).toBe(RATE_LIMIT_RETRIES + 1);
  });

  it('never retries other failures', async () => {
    let calls = 0;
    const error = new WebAPIPlatformError({ ok: false, error: 'not_in_channel' });
    const failure = await obeyRateLimits(async () => {
      calls += 1;
      throw error;
    }).catch((e: unknown) => e);
    expect(failure).toBe(error);
    expect(calls).toBe(1);
  });
});

describe('platformError', () => {
  it('reads Slack’s error string from an ok: false answer, and nothing from other failures', () => {
    expect(platformError(new WebAPIPlatformError({ ok: false, error: 'not_in_channel' }))).toBe(
      'not_in_channel',
    );
    expect(platformError(limited(1))).toBeUndefined();
    expect(platformError(new Error('fetch failed'))).toBeUndefined();
    // Something that only looks like an answer is not one.
    expect(platformError({ data: { error: 'invalid_auth' } })).toBeUndefined();
  });

  it('sorts each known answer into exactly one kind', () => {
    const all = Object.values(PLATFORM_ERRORS).flat();
    expect(new Set(all).size).toBe(all.length);
    const refused = new WebAPIPlatformError({ ok: false, error: 'invalid_blocks' });
    expect(isPlatformError(refused, 'messageRefused')).toBe(true);
    expect(isPlatformError(refused, 'nowhereToSend')).toBe(false);
    expect(
      isPlatformError(new WebAPIPlatformError({ ok: false, error: 'token_revoked' }), 'tokenRefused'),
    ).toBe(true);
    expect(isPlatformError(new Error('boom'), 'tokenRefused')).toBe(false);
  });
});

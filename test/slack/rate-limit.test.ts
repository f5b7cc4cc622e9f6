import { ErrorCode, WebAPIPlatformError, WebAPIRateLimitedError } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { obeyRateLimits, RATE_LIMIT_RETRIES, retryAfterMs } from '../../src/slack/rate-limit.js';

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

import type * as Limiters from 'rate-limiter-flexible';
import { requireCommonJs } from '../require-commonjs.js';

// The package's index loads every backend it supports (Mongo, MySQL, Dynamo, Etcd, cluster…): about
// 50 ms and 8 MB of a cold start. Only the two classes the in-process store needs are loaded here;
// they are the same modules the index would load, so `instanceof RateLimiterRes` holds for both.
export const RateLimiterMemory: typeof Limiters.RateLimiterMemory = requireCommonJs(
  'rate-limiter-flexible/lib/RateLimiterMemory.js',
);
export const RateLimiterRes: typeof Limiters.RateLimiterRes = requireCommonJs(
  'rate-limiter-flexible/lib/RateLimiterRes.js',
);

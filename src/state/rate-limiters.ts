import { createRequire } from 'node:module';
import type * as Limiters from 'rate-limiter-flexible';

// The package's index loads every backend it supports (Mongo, MySQL, Dynamo, Etcd, cluster…): about
// 50 ms and 8 MB of a cold start. Only the two classes the in-process store needs are loaded here;
// they are the same modules the index would load, so `instanceof RateLimiterRes` holds for both.
const require = createRequire(import.meta.url);

export const RateLimiterMemory: typeof Limiters.RateLimiterMemory = require('rate-limiter-flexible/lib/RateLimiterMemory.js');
export const RateLimiterRes: typeof Limiters.RateLimiterRes = require('rate-limiter-flexible/lib/RateLimiterRes.js');

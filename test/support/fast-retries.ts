import { RETRY_CONFIG } from '../../src/slack/web-api.js';

/**
 * The bot's retry policy (same number of retries, same "never after a timeout" rule) with
 * back-off in tens of milliseconds instead of 250 ms to 2 s, so fault tests do not wait for
 * real seconds. The back-off is still there: each retry waits at least `minTimeout`.
 */
export const FAST_RETRIES = { ...RETRY_CONFIG, minTimeout: 20, maxTimeout: 80 };

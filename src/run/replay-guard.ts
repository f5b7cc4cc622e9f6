import type { IncomingMessage, ServerResponse } from 'node:http';
import { LRUCache } from 'lru-cache';
import type { Logger } from '../log.js';
import type { RequestHandler } from './health-server.js';

/** Slack's rule: a request whose timestamp is more than five minutes from ours is refused. */
export const MAX_SKEW_SECONDS = 5 * 60;

export interface ReplayGuardOptions {
  log: Logger;
  /** Signatures remembered at most; 50,000 is about 166 signed requests a second for five minutes. */
  max?: number;
  /** Extra time a signature is remembered beyond the moment Bolt would call its timestamp stale. */
  marginSeconds?: number;
  /** For tests: the clock, in milliseconds. */
  now?: () => number;
}

export interface ReplayGuard {
  handler: RequestHandler;
  /** Signatures currently remembered. */
  readonly size: number;
}

// Bolt's verdicts for requests it never processed: nothing was done, so the same bytes may come again.
const NOT_PROCESSED = new Set([400, 401, 413]);

/**
 * Refuses a signed request whose exact signature was already seen while its timestamp is
 * still fresh: a replay. Slack signs every delivery anew (its retries of events carry a new
 * timestamp and signature, and reach the event_id dedupe), so the same signature twice is
 * never Slack. Bolt checks the signature itself; this only adds "once".
 *
 * A replay gets 401, the answer Bolt gives any request it cannot trust: it is not authentic
 * *now*, nothing is processed, and a 200 would tell whoever replays it that it "worked".
 * A timestamp more than five minutes in the future is refused as well (Bolt only checks the
 * past), so every remembered signature can be forgotten once Bolt would call it stale:
 * memory is bounded by time and by `max`.
 */
export function guardReplays(next: RequestHandler, options: ReplayGuardOptions): ReplayGuard {
  const now = options.now ?? Date.now;
  const marginMs = (options.marginSeconds ?? 60) * 1000;
  const seen = new LRUCache<string, true>({
    max: options.max ?? 50_000,
    // lru-cache reads this clock for every ttl decision, so tests can move time.
    perf: { now },
  });
  const log = options.log;

  const refuse = (res: ServerResponse, reason: string) => {
    log.warn({ reason }, 'request refused before Bolt');
    res.writeHead(401).end();
  };

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const signature = req.headers['x-slack-signature'];
    const timestamp = Number(req.headers['x-slack-request-timestamp']);
    // Unsigned requests (Slack's ssl_check probe, or anything else) are Bolt's to answer or refuse.
    if (req.method !== 'POST' || typeof signature !== 'string' || signature === '') {
      next(req, res);
      return;
    }
    const nowSec = Math.floor(now() / 1000);
    if (Number.isFinite(timestamp) && timestamp - nowSec > MAX_SKEW_SECONDS) {
      refuse(res, 'timestamp in the future');
      return;
    }
    if (seen.has(signature)) {
      refuse(res, 'replayed signature');
      return;
    }
    // Remembered from arrival, so a replay racing the original is refused too, until Bolt
    // itself would refuse it as stale (plus a margin for clock steps).
    const freshUntilMs = (Number.isFinite(timestamp) ? timestamp : nowSec) * 1000 + MAX_SKEW_SECONDS * 1000;
    const ttl = Math.max(1, freshUntilMs - now() + marginMs);
    seen.set(signature, true, { ttl });
    res.once('finish', () => {
      if (NOT_PROCESSED.has(res.statusCode) && seen.get(signature) === true) seen.delete(signature);
    });
    next(req, res);
  };

  return {
    handler,
    get size() {
      // Stale entries linger until evicted or purged; `max` bounds them either way.
      seen.purgeStale();
      return seen.size;
    },
  };
}

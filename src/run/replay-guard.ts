import type { IncomingMessage, ServerResponse } from 'node:http';
import { isValidSlackRequest } from '@slack/bolt';
import { LRUCache } from 'lru-cache';
import type { Logger } from '../log.js';
import type { RequestHandler } from './health-server.js';

/** Slack's rule: a request whose timestamp is more than five minutes from ours is refused. */
export const MAX_SKEW_SECONDS = 5 * 60;

export interface ReplayGuardOptions {
  log: Logger;
  /** Only requests signed with it are remembered. */
  signingSecret: string;
  /** Signatures remembered at most; 50,000 is about 166 signed requests a second for five minutes. */
  max?: number;
  /** Extra time a signature is remembered beyond the moment Bolt would call its timestamp stale. */
  marginSeconds?: number;
  /** For tests: the clock, in milliseconds. */
  now?: () => number;
  /**
   * Replicas sharing state: true for the first claim of a signature across all of them
   * (StateStore.claimOnce), so a replay sent to another replica is refused too.
   */
  shared?: (signature: string, ttlMs: number) => Promise<boolean>;
}

export interface ReplayGuard {
  handler: RequestHandler;
  /** Signatures currently remembered. */
  readonly size: number;
}

/**
 * Refuses a signed request whose exact signature was already seen while its timestamp is
 * still fresh: a replay. Slack signs every delivery anew (its retries of events carry a new
 * timestamp and signature, and reach the event_id dedupe), so the same signature twice is
 * never Slack.
 *
 * Only signatures that verify against the body are remembered: anything else goes on to Bolt,
 * which refuses it, so nobody without the signing secret can fill the memory and push out the
 * signature of a request they captured. It runs behind the body guard, which has buffered the
 * body as `req.rawBody`.
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
    // A size of one per signature, not `max`: lru-cache would reserve all 50,000 slots at start-up.
    maxSize: options.max ?? 50_000,
    sizeCalculation: () => 1,
    // lru-cache reads this clock for every ttl decision, so tests can move time.
    perf: { now },
  });
  const { log, signingSecret } = options;

  const refuse = (res: ServerResponse, reason: string) => {
    log.warn({ reason }, 'request refused before Bolt');
    res.writeHead(401).end();
  };

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const signature = req.headers['x-slack-signature'];
    const timestamp = Number(req.headers['x-slack-request-timestamp']);
    const raw = (req as { rawBody?: Buffer }).rawBody;
    const authentic =
      req.method === 'POST' &&
      typeof signature === 'string' &&
      raw !== undefined &&
      isValidSlackRequest({
        signingSecret,
        body: raw.toString('utf8'),
        headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
      });
    // Unsigned or wrongly signed requests (Slack's ssl_check probe, or anything else) are Bolt's
    // to answer or refuse.
    if (!authentic) {
      next(req, res);
      return;
    }
    const nowSec = Math.floor(now() / 1000);
    if (timestamp - nowSec > MAX_SKEW_SECONDS) {
      refuse(res, 'timestamp in the future');
      return;
    }
    if (seen.has(signature)) {
      refuse(res, 'replayed signature');
      return;
    }
    // Remembered until Bolt itself would refuse the timestamp as stale (plus a margin for clock steps).
    const ttl = Math.max(1, (timestamp + MAX_SKEW_SECONDS) * 1000 - now() + marginMs);
    seen.set(signature, true, { ttl });
    if (!options.shared) {
      next(req, res);
      return;
    }
    options.shared(signature, ttl).then(
      (first) => (first ? next(req, res) : refuse(res, 'replayed signature')),
      () => next(req, res),
    );
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

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log.js';
import { bodyShape, guardBodies } from './body-guard.js';
import type { RequestHandler } from './health-server.js';
import type { ReplayGuard } from './replay-guard.js';
import { type VerifySignature, verifySlackSignature } from './request-signature.js';

export interface RequestGuardOptions {
  signingSecret: string;
  log: Logger;
  /** Where verified signatures are remembered, so each counts once. */
  replays: ReplayGuard;
  /** Larger bodies get 413 without being kept. */
  limit: number;
  /** The limit for a POST without signature headers (see guardBodies). */
  unsignedLimit?: number;
  /** For tests: the verifier and the clock. */
  verify?: VerifySignature;
  now?: () => number;
}

/**
 * Everything in front of Bolt on /slack/events, which is told not to verify signatures again:
 * the body read once within its limits (guardBodies), then checkRequests.
 */
export function guardRequests(next: RequestHandler, options: RequestGuardOptions): RequestHandler {
  return guardBodies(checkRequests(next, options), {
    limit: options.limit,
    log: options.log,
    ...(options.unsignedLimit === undefined ? {} : { unsignedLimit: options.unsignedLimit }),
  });
}

/**
 * The one place a request's signature is verified (one HMAC per request), behind the body guard,
 * which has buffered the body as `req.rawBody`. Only what passes reaches Bolt:
 *
 * - a body that parses to something other than an object (`null`, `[]`, `payload=null`): 400 when
 *   signed, 401 when not (it made Bolt's receiver throw inside a promise nobody awaited);
 * - a verified signature seen before while fresh (a replay): 401, the answer for any request that
 *   cannot be trusted: it is not authentic *now*, and a 200 would tell whoever replays it that it
 *   "worked";
 * - Slack's `ssl_check=1` probe, signed or not: a plain 200, answered here so nothing smuggled
 *   beside it (`payload=…&ssl_check=1`) is ever processed;
 * - any other request not signed by Slack (wrong, missing or stale signature, a timestamp more than
 *   five minutes away): 401.
 */
export function checkRequests(next: RequestHandler, options: RequestGuardOptions): RequestHandler {
  const { signingSecret, log, replays } = options;
  const verify = options.verify ?? verifySlackSignature;
  const now = options.now ?? Date.now;

  const refuse = (res: ServerResponse, reason: string) => {
    log.warn({ reason }, 'request refused before Bolt');
    res.writeHead(401).end();
  };

  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') {
      next(req, res);
      return;
    }
    const raw = (req as { rawBody?: unknown }).rawBody;
    if (!Buffer.isBuffer(raw)) {
      // Only the body guard's buffered requests can be verified; Bolt must not read one itself.
      refuse(res, 'body not read');
      return;
    }
    const contentType = req.headers['content-type'];
    const check = verify(
      {
        signature: req.headers['x-slack-signature'],
        timestamp: req.headers['x-slack-request-timestamp'],
        body: raw,
      },
      signingSecret,
      now(),
    );
    const { isObject, sslCheck } = bodyShape(raw, contentType);
    if (!isObject) {
      // Unsigned requests learn nothing about what we would have made of them.
      log.warn({ signed: check.ok }, 'request body is not an object; refused before Bolt');
      res.writeHead(check.ok ? 400 : 401).end();
      return;
    }
    if (!check.ok) {
      if (sslCheck) res.writeHead(200).end();
      else refuse(res, check.reason);
      return;
    }
    const pass = (first: boolean) => {
      if (!first) refuse(res, 'replayed signature');
      else if (sslCheck) res.writeHead(200).end();
      else next(req, res);
    };
    const first = replays.firstSight(check.signature, check.timestamp);
    if (typeof first === 'boolean') pass(first);
    else
      first.then(pass).catch((error: unknown) => {
        // Whatever failed behind the shared replay check, this request gets an answer and the rest go on.
        log.error({ err: error }, 'request failed behind the replay check; 500');
        if (!res.headersSent) res.writeHead(500, { connection: 'close' }).end();
      });
  };
}

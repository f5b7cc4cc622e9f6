import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseForm } from 'node:querystring';
import type { Logger } from '../log.js';
import type { RequestHandler } from './health-server.js';

export interface BodyGuardOptions {
  /** Larger bodies get 413 without being kept. */
  limit: number;
  /** The limit for a POST without signature headers; default UNSIGNED_LIMIT_BYTES. */
  unsignedLimit?: number;
  log: Logger;
}

const FORM = 'application/x-www-form-urlencoded';

/**
 * What a POST without signature headers may carry. The only such request Slack sends is its
 * `ssl_check=1` probe, a form body of some fifty bytes (Bolt answers it 200); everything else
 * unsigned is refused by the request guard anyway, so it must not get to make us buffer a megabyte first.
 */
export const UNSIGNED_LIMIT_BYTES = 4 * 1024;

/** Both signature headers are there (whether they verify is the request guard's business). */
function claimsSignature(req: IncomingMessage): boolean {
  const signature = req.headers['x-slack-signature'];
  const timestamp = req.headers['x-slack-request-timestamp'];
  return (
    typeof signature === 'string' && signature !== '' && typeof timestamp === 'string' && timestamp !== ''
  );
}

/**
 * Reads the request body once, within `limit`, and hands it on already buffered as `req.rawBody`
 * (the request guard verifies its signature over exactly these bytes; Bolt uses it too).
 *
 * Nothing is authenticated before the body is in, so a POST without the signature headers
 * is refused before its body is read: 401 at once unless it is a form body (what Slack's
 * unsigned ssl_check probe is), and a form body over `unsignedLimit` gets 413. Only requests
 * that carry both headers may buffer up to `limit`; the HTTP server's maxConnections bounds
 * how many at once.
 */
export function guardBodies(next: RequestHandler, options: BodyGuardOptions): RequestHandler {
  const { log } = options;
  const unsignedLimit = Math.min(options.limit, options.unsignedLimit ?? UNSIGNED_LIMIT_BYTES);
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') {
      next(req, res);
      return;
    }
    let finished = false;
    // Answers without keeping the body: the rest is read and dropped, so the client sees the answer
    // instead of a reset, and the server's requestTimeout bounds how long a sender may keep going.
    const refuse = (status: 401 | 413) => {
      finished = true;
      req.resume();
      res.writeHead(status, { connection: 'close' }).end();
    };
    const withHeaders = claimsSignature(req);
    const limit = withHeaders ? options.limit : unsignedLimit;
    if (!withHeaders && req.headers['content-type'] !== FORM) {
      log.warn({ reason: 'no signature headers' }, 'request refused before its body; 401');
      refuse(401);
      return;
    }
    const tooLarge = () => {
      log.warn({ limit, signatureHeaders: withHeaders }, 'request body over the limit; 413');
      refuse(413);
    };
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      tooLarge();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (finished) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        tooLarge();
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => {
      // The client went away mid-body: nothing to answer.
      finished = true;
    });
    req.on('end', () => {
      if (finished) return;
      finished = true;
      const raw = Buffer.concat(chunks);
      Object.assign(req, { rawBody: raw });
      next(req, res);
    });
  };
}

/** What the request guard needs to know of a body, from one parse of it. */
export interface BodyShape {
  /**
   * False only for a body that parses, as Bolt would parse it, to something other than an object
   * (Bolt's receiver throws on those). Bodies that do not parse at all are left to Bolt (400).
   */
  isObject: boolean;
  /** Slack's certificate check (a form with ssl_check=1): answered 200 whether or not it is signed. */
  sslCheck: boolean;
}

export function bodyShape(raw: Buffer, contentType: string | string[] | undefined): BodyShape {
  const text = raw.toString('utf8');
  if (contentType !== FORM) return { isObject: parsesToObject(text), sslCheck: false };
  const form = parseForm(text);
  const sslCheck = form.ssl_check === '1';
  return { isObject: typeof form.payload !== 'string' || parsesToObject(form.payload), sslCheck };
}

function parsesToObject(json: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return true;
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack's rule: a request whose timestamp is more than five minutes from ours is refused. */
export const MAX_SKEW_SECONDS = 5 * 60;

export interface SignedRequest {
  /** The X-Slack-Signature header. */
  signature: string | string[] | undefined;
  /** The X-Slack-Request-Timestamp header. */
  timestamp: string | string[] | undefined;
  /** The body exactly as it arrived. */
  body: Buffer;
}

export type SignatureCheck =
  | { ok: true; signature: string; timestamp: number }
  | {
      ok: false;
      reason:
        | 'no signing secret'
        | 'no signature'
        | 'malformed timestamp'
        | 'unknown signature version'
        | 'stale timestamp'
        | 'timestamp in the future'
        | 'signature mismatch';
    };

export type VerifySignature = (
  request: SignedRequest,
  signingSecret: string,
  nowMs: number,
) => SignatureCheck;

const SIGNATURE = /^v0=([0-9a-f]{64})$/;
const TIMESTAMP = /^\d{1,15}$/;

/**
 * Slack's v0 request signature: HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing secret,
 * the timestamp within five minutes of ours either way. The headers and the clock are checked
 * first, so a request that cannot pass costs no HMAC; the one HMAC is compared in constant time.
 */
export const verifySlackSignature: VerifySignature = (
  { signature, timestamp, body },
  signingSecret,
  nowMs,
) => {
  if (signingSecret === '') return { ok: false, reason: 'no signing secret' };
  if (typeof signature !== 'string' || signature === '' || typeof timestamp !== 'string' || timestamp === '')
    return { ok: false, reason: 'no signature' };
  if (!TIMESTAMP.test(timestamp)) return { ok: false, reason: 'malformed timestamp' };
  const hex = SIGNATURE.exec(signature)?.[1];
  if (hex === undefined) {
    return {
      ok: false,
      reason: signature.startsWith('v0=') ? 'signature mismatch' : 'unknown signature version',
    };
  }
  const seconds = Number(timestamp);
  const nowSeconds = Math.floor(nowMs / 1000);
  if (seconds < nowSeconds - MAX_SKEW_SECONDS) return { ok: false, reason: 'stale timestamp' };
  if (seconds - nowSeconds > MAX_SKEW_SECONDS) return { ok: false, reason: 'timestamp in the future' };
  const expected = createHmac('sha256', signingSecret).update(`v0:${timestamp}:`).update(body).digest();
  if (!timingSafeEqual(expected, Buffer.from(hex, 'hex'))) return { ok: false, reason: 'signature mismatch' };
  return { ok: true, signature, timestamp: seconds };
};

import { describe, expect, it } from 'vitest';
import { MAX_SKEW_SECONDS, verifySlackSignature } from '../../src/run/request-signature.js';
import { SIGNING_SECRET, sign } from '../support/sign.js';

const NOW_MS = 1_764_000_000_000;
const NOW = NOW_MS / 1000;
const BODY = 'token=x&command=%2Fintune-err&text=0x80cf6008';

const check = (headers: { signature?: string | string[]; timestamp?: string | string[] }, body = BODY) =>
  verifySlackSignature(
    { signature: headers.signature, timestamp: headers.timestamp, body: Buffer.from(body) },
    SIGNING_SECRET,
    NOW_MS,
  );
const reason = (result: ReturnType<typeof check>) => (result.ok ? 'ok' : result.reason);

describe('verifySlackSignature (Slack’s v0 scheme)', () => {
  it('accepts Slack’s signature and says which signature and timestamp it checked', () => {
    const signature = sign(BODY, NOW);
    expect(check({ signature, timestamp: String(NOW) })).toEqual({ ok: true, signature, timestamp: NOW });
  });

  it('accepts a timestamp up to five minutes either side of ours, and refuses one beyond', () => {
    for (const ts of [NOW - MAX_SKEW_SECONDS, NOW + MAX_SKEW_SECONDS]) {
      expect(reason(check({ signature: sign(BODY, ts), timestamp: String(ts) }))).toBe('ok');
    }
    const old = NOW - MAX_SKEW_SECONDS - 1;
    expect(reason(check({ signature: sign(BODY, old), timestamp: String(old) }))).toBe('stale timestamp');
    const ahead = NOW + MAX_SKEW_SECONDS + 1;
    expect(reason(check({ signature: sign(BODY, ahead), timestamp: String(ahead) }))).toBe(
      'timestamp in the future',
    );
  });

  it('refuses a changed body, another secret, another timestamp, a changed digit', () => {
    const signature = sign(BODY, NOW);
    const timestamp = String(NOW);
    expect(reason(check({ signature, timestamp }, `${BODY}&x=1`))).toBe('signature mismatch');
    expect(reason(check({ signature: sign(BODY, NOW, 'another-secret'), timestamp }))).toBe(
      'signature mismatch',
    );
    expect(reason(check({ signature, timestamp: String(NOW - 1) }))).toBe('signature mismatch');
    const flipped = signature.slice(0, -1) + (signature.endsWith('0') ? '1' : '0');
    expect(reason(check({ signature: flipped, timestamp }))).toBe('signature mismatch');
    expect(reason(check({ signature: signature.toUpperCase().replace('V0', 'v0'), timestamp }))).toBe(
      'signature mismatch',
    );
  });

  it('refuses missing, repeated and malformed headers and unknown versions', () => {
    const signature = sign(BODY, NOW);
    const timestamp = String(NOW);
    expect(reason(check({ timestamp }))).toBe('no signature');
    expect(reason(check({ signature }))).toBe('no signature');
    expect(reason(check({ signature: '', timestamp: '' }))).toBe('no signature');
    expect(reason(check({ signature: [signature, signature], timestamp }))).toBe('no signature');
    expect(reason(check({ signature, timestamp: 'yesterday' }))).toBe('malformed timestamp');
    expect(reason(check({ signature, timestamp: `${timestamp}.5` }))).toBe('malformed timestamp');
    expect(reason(check({ signature: signature.replace('v0=', 'v1='), timestamp }))).toBe(
      'unknown signature version',
    );
    expect(reason(check({ signature: 'v0=deadbeef', timestamp }))).toBe('signature mismatch');
  });

  it('refuses everything when there is no signing secret', () => {
    const signature = sign(BODY, NOW, '');
    const result = verifySlackSignature(
      { signature, timestamp: String(NOW), body: Buffer.from(BODY) },
      '',
      NOW_MS,
    );
    expect(reason(result)).toBe('no signing secret');
  });
});

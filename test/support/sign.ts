import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export interface SignedRequestOptions {
  secret?: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  headers?: Record<string, string>;
}

/** Slack's v0 signature: HMAC-SHA256 over `v0:<timestamp>:<body>` with the app's signing secret. */
export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SlackResponse {
  status: number;
  text: string;
  json: () => unknown;
}

async function post(
  baseUrl: string,
  body: string,
  contentType: string,
  options: SignedRequestOptions,
): Promise<SlackResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const res = await fetch(`${baseUrl}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': sign(body, timestamp, options.secret),
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      ...options.headers,
    },
    body,
  });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) };
}

/** A slash command exactly as Slack sends it: form-encoded fields. */
export function postCommand(
  baseUrl: string,
  fields: Record<string, string>,
  options: SignedRequestOptions = {},
) {
  return post(baseUrl, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);
}

/** An Events API callback: JSON, with X-Slack-Retry-Num on Slack's retries. */
export function postEvent(
  baseUrl: string,
  body: unknown,
  options: SignedRequestOptions & { retryNum?: number } = {},
) {
  const headers = { ...options.headers };
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  return post(baseUrl, JSON.stringify(body), 'application/json', { ...options, headers });
}

/** An interactivity payload (buttons, shortcuts): form-encoded with one `payload` field of JSON. */
export function postInteraction(baseUrl: string, payload: unknown, options: SignedRequestOptions = {}) {
  return post(
    baseUrl,
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    'application/x-www-form-urlencoded',
    options,
  );
}

/** Raw access for hostile-input tests: any body, any content type, still signed. */
export function postRaw(
  baseUrl: string,
  body: string,
  contentType: string,
  options: SignedRequestOptions = {},
) {
  return post(baseUrl, body, contentType, options);
}

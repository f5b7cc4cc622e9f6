import { expect } from 'vitest';
import { catalog } from './catalog.js';
import type { FakeSlack, RecordedCall } from './fake-slack.js';
import { fixture } from './fixtures.js';
import { postEvent, postInteraction } from './sign.js';

/** The bot user and bot id the fake Slack hands out by default (auth.test). */
export const BOT_USER = 'UBOT00001';
export const BOT_ID = 'BBOT00001';
export const CHANNEL = 'C2147483705';
/** Users with a Slack locale in `LOCALES`; UFRENCH has a locale without a table, UNOLOCALE none. */
export const EN_USER = 'U2147483697';
export const SV_USER = 'USWEDE001';
export const FR_USER = 'UFRENCH01';
export const NO_LOCALE_USER = 'UNOLOCALE';
export const LOCALES: Record<string, string> = { [EN_USER]: 'en-US', [SV_USER]: 'sv-SE', [FR_USER]: 'fr-FR' };

export const FALLBACK_URL = 'https://support.microsoft.com/help/938205/windows-update-error-code-list';

let seq = 0;
/** A fresh message ts (Slack's "seconds.micros"), unique within the test file. */
export function nextTs(): string {
  seq += 1;
  return `17640${String(10_000 + seq).padStart(5, '0')}.${String(seq).padStart(6, '0')}`;
}
function nextEventId(prefix: string): string {
  seq += 1;
  return `Ev0${prefix}${String(seq).padStart(6, '0')}`;
}

export interface MessageOptions {
  text?: string;
  channel?: string;
  channelType?: string;
  user?: string;
  ts?: string;
  threadTs?: string;
  eventId?: string;
}

/** Fixture `name` as a fresh event: its own ts and event_id unless given, in CHANNEL unless given. */
// biome-ignore lint/suspicious/noExplicitAny: Slack payloads are edited freely by tests
function eventFrom(name: string, idPrefix: string, options: MessageOptions): any {
  const body = fixture(name);
  const ts = options.ts ?? nextTs();
  body.event_id = options.eventId ?? nextEventId(idPrefix);
  body.event.ts = ts;
  body.event.event_ts = ts;
  body.event.channel = options.channel ?? CHANNEL;
  if (options.user !== undefined) body.event.user = options.user;
  if (options.text !== undefined) body.event.text = options.text;
  return body;
}

/** A `message` event as Slack sends it for a person's message (fixture event_callback.message). */
// biome-ignore lint/suspicious/noExplicitAny: Slack payloads are edited freely by tests
export function messageEvent(options: MessageOptions = {}): any {
  const body = eventFrom('event_callback.message', 'MSG', options);
  if (options.channelType !== undefined) body.event.channel_type = options.channelType;
  if (options.threadTs !== undefined) {
    body.event.thread_ts = options.threadTs;
    body.event.parent_user_id = 'U2147483698';
  }
  return body;
}

/** An `app_mention` event (fixture event_callback.app_mention), in a thread when `threadTs` is set. */
// biome-ignore lint/suspicious/noExplicitAny: Slack payloads are edited freely by tests
export function mentionEvent(options: MessageOptions = {}): any {
  const body = eventFrom('event_callback.app_mention', 'MEN', options);
  if (options.threadTs !== undefined) body.event.thread_ts = options.threadTs;
  return body;
}

/**
 * The `message` event Slack sends beside an `app_mention` for the same message:
 * same text, ts and thread, its own event_id.
 */
// biome-ignore lint/suspicious/noExplicitAny: Slack payloads are edited freely by tests
export function messageTwinOf(mention: any): any {
  return messageEvent({
    text: mention.event.text,
    channel: mention.event.channel,
    user: mention.event.user,
    ts: mention.event.ts,
    ...(mention.event.thread_ts ? { threadTs: mention.event.thread_ts } : {}),
  });
}

/** Posts a signed event and expects Slack's 200 ack. */
export async function send(
  baseUrl: string,
  body: unknown,
  options: { retryNum?: number; timestamp?: number } = {},
) {
  const res = await postEvent(baseUrl, body, options);
  expect(res.status).toBe(200);
  return res;
}

/** Posts a signed interactivity payload and expects Slack's 200 ack. */
export async function interact(baseUrl: string, payload: unknown) {
  const res = await postInteraction(baseUrl, payload);
  expect(res.status).toBe(200);
  return res;
}

/** Waits for the bot's post, lets the bot finish, and expects that post to be the only one. */
export async function onlyReply(slack: FakeSlack): Promise<RecordedCall | undefined> {
  await slack.waitFor('chat.postMessage');
  await slack.settle();
  const posts = slack.callsOf('chat.postMessage');
  expect(posts).toHaveLength(1);
  return posts[0];
}

/** Every call that changed something in Slack or reached a person: posts, deletes, updates, response_urls. */
export function effects(slack: FakeSlack): RecordedCall[] {
  return slack.calls.filter(
    (c) => c.method.startsWith('chat.') || c.method.startsWith('response/') || c.method.startsWith('views.'),
  );
}

/** The text and blocks of a call, as Slack would show them. */
export function shown(call: RecordedCall | undefined): { text: string; blocks: unknown[] } {
  expect(call, 'expected a message').toBeDefined();
  const args = call?.args ?? {};
  return {
    text: typeof args.text === 'string' ? args.text : '',
    blocks: Array.isArray(args.blocks) ? args.blocks : [],
  };
}

/** Everything a person reads in a message: fallback text and every block, as one string. */
export function visible(call: RecordedCall | undefined): string {
  const { text, blocks } = shown(call);
  return `${text}\n${JSON.stringify(blocks)}`;
}

/** The action_ids of the buttons on a message. */
export function buttons(call: RecordedCall | undefined): string[] {
  const ids: string[] = [];
  for (const block of shown(call).blocks as { type: string; elements?: { action_id?: string }[] }[]) {
    if (block.type !== 'actions') continue;
    for (const e of block.elements ?? []) if (e.action_id) ids.push(e.action_id);
  }
  return ids;
}

/** Hostile spans a person might paste: none may come back live. */
export const HOSTILE = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U0EVIL0001>',
  '<!subteam^S0ADMINS|@admins>',
  '<https://evil.test/login|https://intune.microsoft.com>',
  '<#C0SECRET|secret>',
];

/** `count` distinct error codes of the Intune table, as people paste them (lower case). */
export function knownCodes(count: number): string[] {
  const codes = catalog.entries.filter((e) => e.severity === 'error').map((e) => e.code.toLowerCase());
  expect(codes.length).toBeGreaterThanOrEqual(count);
  return codes.slice(0, count);
}

/**
 * A 40,000-character paste (Slack's maximum message text) of agent log lines
 * carrying `codes`, each once, spread through the text.
 */
export function hugePaste(codes: readonly string[], length = 40_000): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < length; i++) {
    const clock = `2025-11-24 09:${String(i % 60).padStart(2, '0')}:00 UpdateAgent`;
    // Every eighth line carries the next code; the rest is the noise around it.
    const code = i % 8 === 3 ? codes[(i - 3) / 8] : undefined;
    const line = code
      ? `${clock} ERROR scan failed hr=${code} (attempt ${i})`
      : `${clock} INFO heartbeat id=${1000 + i} state=idle queue=${i % 7}`;
    lines.push(line);
    size += line.length + 1;
  }
  const text = lines.join('\n').slice(0, length);
  expect(text).toHaveLength(length);
  for (const code of codes) expect(text).toContain(code);
  return text;
}

/**
 * How many of `codes` a message's blocks list, plus the "…and N more" it ends with:
 * `total` equals codes.length when the answer accounts for every code.
 */
export function countShown(call: RecordedCall | undefined, codes: readonly string[]) {
  const blocks = JSON.stringify(shown(call).blocks);
  const listed = codes.filter((c) => blocks.includes(canonical(c))).length;
  const more = /(?:…and|…och) (\d+) (?:more|till)/.exec(blocks);
  expect(more, 'the blocks say how many more').not.toBeNull();
  expect(listed).toBeGreaterThan(0);
  return { listed, hidden: Number(more?.[1]), total: listed + Number(more?.[1]) };
}

/** 0x80cf6008 -> 0x80CF6008, as answers print codes. */
export function canonical(code: string): string {
  return `0x${code.replace(/^0x/i, '').toUpperCase()}`;
}

import { LRUCache } from 'lru-cache';

/** The parts of a Slack message event the quiet rules look at. */
export interface MessageLike {
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  attachments?: unknown;
  blocks?: unknown;
}

export type QuietReason = 'subtype' | 'bot' | 'self' | 'mentions-bot' | 'no-text';

/**
 * Subtypes that are still a person writing a message: a thread reply also sent to the channel,
 * and a message with files attached (a code pasted with a screenshot or a log file).
 */
const PERSON_SUBTYPES: ReadonlySet<string> = new Set(['thread_broadcast', 'file_share', 'me_message']);

/**
 * Why auto-reply must stay out of a message, or undefined when it may answer.
 * Edits, deletions, joins and every other subtype are not someone pasting a code;
 * bots are never answered, so two bots can never talk each other into a loop.
 */
export function quietReason(message: MessageLike, botUserId: string | undefined): QuietReason | undefined {
  if (message.subtype !== undefined && !PERSON_SUBTYPES.has(message.subtype)) {
    return message.subtype === 'bot_message' ? 'bot' : 'subtype';
  }
  if (message.bot_id !== undefined) return 'bot';
  if (botUserId !== undefined && message.user === botUserId) return 'self';
  const hasText = typeof message.text === 'string' && message.text !== '';
  // An alert integration may post only attachments or blocks: those are read too.
  if (!hasText && !Array.isArray(message.attachments) && !Array.isArray(message.blocks)) return 'no-text';
  const text = hasText ? (message.text as string) : '';
  // The app_mention listener answers these: one message, one reply. Slack may write a
  // mention with a label (<@U123|name>), and app_mention fires for that form too.
  if (botUserId !== undefined && (text.includes(`<@${botUserId}>`) || text.includes(`<@${botUserId}|`)))
    return 'mentions-bot';
  return undefined;
}

/**
 * Event ids remembered at most. Slack retries an event up to three times, the last about five
 * minutes after the first delivery, so an id must outlive five minutes of traffic: 200,000 ids
 * cover 5 minutes at about 660 events a second. Memory: about 110 bytes an id (lru-cache's
 * preallocated slots plus the id string), so roughly 9 MB from the start and 22 MB when full.
 */
export const EVENT_DEDUPE_MAX = 200_000;
/** Twice the span of Slack's retries, so a late retry still meets its id. */
export const EVENT_DEDUPE_TTL_MS = 10 * 60 * 1000;

/** Remembers event ids already handled, so Slack's retries are acknowledged but not answered twice. */
export class EventDeduper {
  private readonly seen: LRUCache<string, true>;
  /** `now`: the clock in milliseconds, for tests that move time. */
  constructor(max = EVENT_DEDUPE_MAX, ttlMs = EVENT_DEDUPE_TTL_MS, now?: () => number) {
    this.seen = new LRUCache({
      max,
      ttl: ttlMs,
      // A test clock is read on every check (lru-cache otherwise reuses a reading for 1 ms).
      ...(now ? { perf: { now }, ttlResolution: 0 } : {}),
    });
  }
  /** True the first time an id is seen. */
  firstTime(eventId: string): boolean {
    if (this.seen.has(eventId)) return false;
    this.seen.set(eventId, true);
    return true;
  }
  get size(): number {
    return this.seen.size;
  }
}

/** Which codes were already explained in which thread, for the cooldown window. */
export class ThreadCooldown {
  private readonly explained: LRUCache<string, true>;
  /** `now` is the clock in milliseconds (tests move it instead of waiting). */
  constructor(ttlMs: number, max = 50_000, now: () => number = () => performance.now()) {
    this.explained = new LRUCache({ max, ttl: Math.max(1, ttlMs), perf: { now } });
  }
  private key(channel: string, threadTs: string, code: string): string {
    return `${channel}\u0000${threadTs}\u0000${code}`;
  }
  isCooling(channel: string, threadTs: string, code: string): boolean {
    return this.explained.has(this.key(channel, threadTs, code));
  }
  remember(channel: string, threadTs: string, codes: readonly string[]): void {
    for (const code of codes) this.explained.set(this.key(channel, threadTs, code), true);
  }
  /** Takes back a claim: codes remembered before sending that the reply did not explain after all. */
  forget(channel: string, threadTs: string, codes: readonly string[]): void {
    for (const code of codes) this.explained.delete(this.key(channel, threadTs, code));
  }
  get size(): number {
    return this.explained.size;
  }
}

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
 * Twice the span of Slack's retries (the last comes about five minutes after the first delivery),
 * so a late retry still meets its id. How many ids memory keeps: MEMORY_LIMITS in src/state.
 */
export const EVENT_DEDUPE_TTL_MS = 10 * 60 * 1000;

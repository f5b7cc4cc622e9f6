/** What a line typed in the console means: the same gestures a person makes in Slack. */
export type ConsoleInput =
  | { type: 'command'; text: string }
  | { type: 'mention'; text: string; inThread: boolean }
  | { type: 'message'; text: string; inThread: boolean }
  /** The "Explain error codes" message shortcut, on this text (empty: on the last message). */
  | { type: 'explain'; text: string }
  /** Switch the answer language (`/lang en-US`, `lang sv`), or show it (`/lang`). */
  | { type: 'lang'; locale: string | undefined }
  | { type: 'share' }
  | { type: 'dismiss' }
  | { type: 'help' }
  | { type: 'exit' }
  | { type: 'empty' }
  /** `/something` that is not /intune-err: Slack would refuse it too ("not a valid command"). */
  | { type: 'unknown-command'; command: string };

const MENTION = /^@intune-err\b[:,]?\s*/i;
const COMMAND = /^\/intune-err(?:\s+|$)/i;
// "> text" replies in the thread of the last message, as clicking "Reply in thread" would.
const IN_THREAD = /^>\s?/;
const EXPLAIN = /^\/explain(?:\s+|$)/i;
const LANG = /^\/?lang(?:\s+(\S+))?$/i;
const OTHER_COMMAND = /^(\/[^\s/]+)(?:\s|$)/;

export function parseLine(line: string): ConsoleInput {
  const trimmed = line.trim();
  if (trimmed === '') return { type: 'empty' };
  const word = trimmed.toLowerCase();
  if (word === 'exit' || word === 'quit' || word === '/exit' || word === '/quit') return { type: 'exit' };
  if (word === 'help' || word === '/help' || word === '?' || word === 'hjälp') return { type: 'help' };
  if (word === 'share' || word === '/share') return { type: 'share' };
  if (word === 'dismiss' || word === '/dismiss') return { type: 'dismiss' };
  if (COMMAND.test(trimmed)) return { type: 'command', text: trimmed.replace(COMMAND, '').trim() };
  if (EXPLAIN.test(trimmed)) return { type: 'explain', text: trimmed.replace(EXPLAIN, '').trim() };
  const lang = LANG.exec(trimmed);
  if (lang) return { type: 'lang', locale: lang[1] };
  const other = OTHER_COMMAND.exec(trimmed);
  if (other?.[1]) return { type: 'unknown-command', command: other[1] };
  const inThread = IN_THREAD.test(trimmed);
  const text = inThread ? trimmed.replace(IN_THREAD, '').trim() : trimmed;
  // A bare ">" says nothing: Slack would not send an empty message either.
  if (text === '') return { type: 'empty' };
  if (MENTION.test(text)) return { type: 'mention', text: text.replace(MENTION, '').trim(), inThread };
  return { type: 'message', text, inThread };
}

import type { KnownBlock } from '@slack/types';
import type { Catalog } from '../core/catalog/types.js';
import { clip, dataText, echo } from './mrkdwn.js';
import type { UiStrings } from './strings.js';

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export type Surface =
  | 'command'
  | 'mention'
  | 'direct-message'
  | 'auto-reply'
  | 'shortcut'
  | 'shared'
  | 'console'
  | 'cli';

export interface RenderOptions {
  /** A catalog locale (catalog.resolveLocale already applied). */
  locale: string;
  surface: Surface;
  /** What the user typed: echoed (escaped) in search answers. */
  query?: string;
  /** Slack user id: shared answers say who shared them (the one live mention). */
  sharedBy?: string;
  /** When set, a "Share in channel" button carries this value. */
  shareValue?: string;
  /** When true, a "Dismiss" button. */
  dismissible?: boolean;
}

/** Slack's documented limits, and totals kept below what Slack accepts in one message. */
export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  /** Sum of all text in the blocks; Slack's ceiling is about 12,000. */
  messageText: 11_000,
  /** The top-level `text`: a notification needs only the start, and a retry must stay small. */
  fallbackText: 3000,
} as const;

/** The label of the fallback link, as the reader's page names it. */
export function fallbackLabel(catalog: Catalog, locale: string, s: UiStrings): string {
  return catalog.pages[locale]?.fallbackLabel ?? s.fallbackLabel;
}

/** The one live mention a reply may hold: only a well-formed user id becomes one. */
export function mention(userId: string): string {
  return /^[UW][A-Z0-9]{2,20}$/.test(userId) ? `<@${userId}>` : echo(userId, 40);
}

/** Message text that fits `LIMITS.fallbackText`: the lines that fit, "…and N more", then the footer. */
export function fallbackText(
  head: readonly string[],
  lines: readonly string[],
  hidden: number,
  footer: readonly string[],
  s: UiStrings,
): string {
  const out = [...head];
  const reserve = [...head, ...footer].reduce((n, l) => n + l.length + 1, 0) + 40;
  let size = reserve;
  let shown = 0;
  for (const line of lines) {
    if (size + line.length + 1 > LIMITS.fallbackText) break;
    out.push(line);
    size += line.length + 1;
    shown++;
  }
  const more = hidden + lines.length - shown;
  if (more > 0) out.push(dataText(s.andMore(more)));
  out.push(...footer);
  return clip(out.join('\n'), LIMITS.fallbackText);
}

import type { Inline } from '../core/catalog/types.js';

/**
 * Slack's own escaping: with `&`, `<` and `>` escaped, nothing in the text can
 * become a mention, a channel ping or a link.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// Microsoft's prose uses `*` as a wildcard (OM_E_PT_*); a lone one would pair with the
// next bold marker. Look-alikes keep the meaning and leave the formatting alone.
const MARKERS: Readonly<Record<string, string>> = { '*': '\u2217', '`': '\u02cb', '~': '\u223c' };

/** Catalog text for mrkdwn: escaped, with formatting markers made literal. */
export function dataText(text: string): string {
  return escapeMrkdwn(text).replace(/[*`~]/g, (c) => MARKERS[c] ?? c);
}

/** Description runs as mrkdwn: bold where the source page has bold. */
export function inlinesToMrkdwn(inlines: readonly Inline[]): string {
  const merged: Inline[] = [];
  for (const run of inlines) {
    const last = merged[merged.length - 1];
    if (last && last.strong === run.strong) last.text += run.text;
    else merged.push({ ...run });
  }
  return merged
    .map((run) => {
      if (!run.strong) return dataText(run.text);
      // Slack only bolds when the markers hug the words.
      const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(run.text);
      const [, lead = '', core = '', trail = ''] = match ?? [];
      return core === '' ? dataText(run.text) : `${lead}*${dataText(core)}*${trail}`;
    })
    .join('');
}

export function inlinesToText(inlines: readonly Inline[]): string {
  return inlines.map((run) => run.text).join('');
}

// C0/C1 controls (terminal escapes) and bidirectional overrides (text that reads
// differently than it is) have no place in an echo of what someone typed.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point: they are removed.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

/** What the user typed, shown inert: one line, escaped, in a code span so no marker formats it. */
export function echo(text: string, max = 100): string {
  const line = text.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  if (line === '') return '\u201c\u201d';
  const clipped = line.length > max ? `${line.slice(0, max - 1)}\u2026` : line;
  return `\`${escapeMrkdwn(clipped).replace(/`/g, MARKERS['`'] ?? "'")}\``;
}

/** A whitespace-collapsed, clipped line of plain text (not yet escaped). */
export function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}\u2026`;
}

/**
 * Shortens escaped mrkdwn to `max` characters without splitting an entity
 * (`&amp;`) or a surrogate pair, ending with an ellipsis.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  const amp = cut.lastIndexOf('&');
  if (amp >= 0 && amp > cut.length - 5 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}\u2026`;
}

/** `<url|label>`, with both parts escaped so neither can close the link early. */
export function link(url: string, label: string): string {
  return `<${escapeMrkdwn(url).replace(/\|/g, '%7C')}|${dataText(label).replace(/\|/g, '\u2223')}>`;
}

/** Our own hint text as mrkdwn: `backticked` commands and paths become code, the rest stays inert. */
export function hintText(text: string): string {
  return text
    .split(/(`[^`\n]+`)/)
    .map((part, i) => (i % 2 === 1 ? `\`${escapeMrkdwn(part.slice(1, -1))}\`` : dataText(part)))
    .join('');
}

import type { SlackMessage } from './message.js';

export interface TerminalOptions {
  color: boolean;
  /** Names for user ids: a mention reads as `@anna`, as Slack shows it, not `@U0123`. */
  userNames?: ReadonlyMap<string, string>;
}

const ESC = '\u001b[';
const STYLE = {
  bold: [`${ESC}1m`, `${ESC}22m`],
  dim: [`${ESC}2m`, `${ESC}22m`],
  italic: [`${ESC}3m`, `${ESC}23m`],
  strike: [`${ESC}9m`, `${ESC}29m`],
  code: [`${ESC}36m`, `${ESC}39m`],
  button: [`${ESC}7m`, `${ESC}27m`],
} as const;
type Style = keyof typeof STYLE;

// Terminal control sequences can only come from us; any in the text (a pasted log,
// a hostile query) are dropped before styling, so nothing can move the cursor or
// rewrite the screen.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point: they are removed.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

const RULE = '\u2500'.repeat(40);

/**
 * Block Kit as readable terminal text, for console mode and the CLI: the same
 * message Slack would show, with bold, links, fields and buttons spelled out.
 */
export function renderTerminal(message: SlackMessage, options: TerminalOptions): string {
  const paint = (style: Style, text: string) =>
    options.color && text !== '' ? `${STYLE[style][0]}${text}${STYLE[style][1]}` : text;
  const inline = (text: string) => mrkdwnToTerminal(text, paint, options.userNames);
  const out: string[] = [];

  if (message.blocks.length === 0) return inline(message.text);

  for (const block of message.blocks as unknown as RawBlock[]) {
    switch (block.type) {
      case 'header':
        if (out.length > 0) out.push('');
        out.push(paint('bold', clean(block.text?.text ?? '')));
        break;
      case 'section': {
        if (block.text) out.push(textOf(block.text, inline));
        for (const field of block.fields ?? []) out.push(`  ${fieldLine(field, inline, paint)}`);
        break;
      }
      case 'context': {
        const parts = (block.elements ?? [])
          .map((e) => (e.type === 'image' ? clean(e.alt_text ?? '') : e.text ? textOf(e, inline) : ''))
          .filter((t) => t !== '');
        // Dim survives the bold inside it only if it is set again after each bold ends.
        const line = parts.join('  ');
        out.push(
          options.color ? paint('dim', line.split(STYLE.bold[1]).join(STYLE.bold[1] + STYLE.dim[0])) : line,
        );
        break;
      }
      case 'divider':
        out.push(paint('dim', RULE));
        break;
      case 'actions': {
        const buttons = (block.elements ?? [])
          .map((e) => (e.type === 'button' && typeof e.text === 'object' ? (e.text.text ?? '') : ''))
          .filter((label) => label !== '')
          .map((label) => paint('button', `[${clean(label)}]`));
        if (buttons.length > 0) out.push(buttons.join(' '));
        break;
      }
      case 'image':
        out.push(clean(block.alt_text ?? ''));
        break;
      default:
        // Blocks this bot never sends; their text, if any, still shows.
        if (block.text?.text) out.push(textOf(block.text, inline));
    }
  }
  return out.join('\n');
}

interface RawText {
  type: string;
  text?: string;
  alt_text?: string;
}

interface RawElement {
  type: string;
  text?: string | { text?: string };
  alt_text?: string;
}

interface RawBlock {
  type: string;
  text?: RawText;
  fields?: RawText[];
  elements?: RawElement[];
  alt_text?: string;
}

function textOf(element: { type: string; text?: unknown }, inline: (t: string) => string): string {
  const text = typeof element.text === 'string' ? element.text : '';
  return element.type === 'mrkdwn' ? inline(text) : clean(text);
}

/** `*Label*\nvalue` fields read as `Label: value`. */
function fieldLine(
  field: RawText,
  inline: (t: string) => string,
  paint: (s: Style, t: string) => string,
): string {
  const text = field.text ?? '';
  const newline = text.indexOf('\n');
  if (newline < 0) return textOf(field, inline);
  const label = text.slice(0, newline).replace(/^\*(.*)\*$/, '$1');
  const value = text.slice(newline + 1).replace(/\n/g, ' ');
  const render = (t: string) => (field.type === 'mrkdwn' ? inline(t) : clean(t));
  return `${paint('bold', render(label))}: ${render(value)}`;
}

function clean(text: string): string {
  return text.replace(CONTROL, '');
}

/** Slack's mrkdwn as terminal text: links spelled out, formatting as ANSI styles, entities decoded. */
export function mrkdwnToTerminal(
  text: string,
  paint: (style: Style, text: string) => string,
  userNames?: ReadonlyMap<string, string>,
): string {
  const parts = clean(text).split(/(`[^`\n]+`)/);
  return parts
    .map((part, i) => {
      if (i % 2 === 1) return paint('code', unescapeEntities(part.slice(1, -1)));
      let t = part.replace(/<([^<>\n]*)>/g, (_, inner: string) => spellOut(inner, userNames));
      t = t.replace(
        /(^|[\s(["'\u201c])\*([^*\n]+)\*(?=$|[\s.,;:!?)\]"'\u201d-])/g,
        (_, pre, body) => pre + paint('bold', body),
      );
      t = t.replace(
        /(^|[\s(["'\u201c])_([^_\n]+)_(?=$|[\s.,;:!?)\]"'\u201d-])/g,
        (_, pre, body) => pre + paint('italic', body),
      );
      t = t.replace(
        /(^|[\s(["'\u201c])~([^~\n]+)~(?=$|[\s.,;:!?)\]"'\u201d-])/g,
        (_, pre, body) => pre + paint('strike', body),
      );
      return unescapeEntities(t);
    })
    .join('');
}

/** One `<…>` span: a link, a user, a channel, a special mention or a date. */
function spellOut(inner: string, userNames: ReadonlyMap<string, string> | undefined): string {
  const bar = inner.indexOf('|');
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? undefined : inner.slice(bar + 1);
  if (target.startsWith('@')) {
    const name = userNames?.get(target.slice(1));
    return `@${label ?? (name === undefined ? target.slice(1) : clean(name))}`;
  }
  if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
  if (target.startsWith('!')) {
    if (label !== undefined) return label;
    const name = target.slice(1).split('^')[0] ?? '';
    return `@${name}`;
  }
  return label === undefined || label === target ? target : `${label} (${target})`;
}

function unescapeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Everything a person sees of a Slack message, as one text: the message's `text`, its
 * attachments (what alerting integrations post: pretext, title, text, fields, footer) and its
 * blocks (section, header, context and rich_text). Codes are found in all of it; buttons,
 * menus and other controls are left out, and so are ids and URLs nobody reads.
 */
export function visibleText(message: unknown): string {
  const parts: string[] = [];
  let size = 0;
  const add = (text: unknown) => {
    if (typeof text !== 'string' || text === '' || size >= MAX_CHARS) return;
    const room = MAX_CHARS - size;
    const piece = text.length > room ? text.slice(0, room) : text;
    parts.push(piece);
    size += piece.length + 1;
  };
  if (!isObject(message)) return '';
  add(message.text);
  for (const attachment of list(message.attachments)) {
    if (!isObject(attachment)) continue;
    for (const key of ATTACHMENT_TEXT) add(attachment[key]);
    for (const field of list(attachment.fields))
      if (isObject(field)) add(`${str(field.title)} ${str(field.value)}`);
    walkBlocks(attachment.blocks, add, 0);
  }
  walkBlocks(message.blocks, add, 0);
  return parts.join('\n');
}

/** Slack caps a message's text at 40,000 characters; the rest of one message cannot hold much more. */
const MAX_CHARS = 100_000;
const MAX_DEPTH = 8;
const ATTACHMENT_TEXT = ['pretext', 'title', 'text', 'fallback', 'footer'] as const;
// Controls carry labels and values that are not what the person wrote.
const SKIP_BLOCKS = new Set(['actions', 'input', 'image', 'divider', 'file', 'video']);
const SKIP_KEYS = new Set([
  'accessory',
  'confirm',
  'placeholder',
  'options',
  'option_groups',
  'initial_option',
]);

function walkBlocks(blocks: unknown, add: (text: unknown) => void, depth: number): void {
  if (depth > MAX_DEPTH) return;
  for (const block of list(blocks)) {
    if (!isObject(block) || SKIP_BLOCKS.has(str(block.type))) continue;
    walk(block, add, depth + 1);
  }
}

function walk(node: Record<string, unknown>, add: (text: unknown) => void, depth: number): void {
  if (depth > MAX_DEPTH) return;
  switch (node.type) {
    case 'text':
    case 'mrkdwn':
    case 'plain_text':
      add(node.text);
      return;
    case 'link':
      add(node.text ?? node.url);
      return;
  }
  for (const [key, value] of Object.entries(node)) {
    if (SKIP_KEYS.has(key)) continue;
    if (key === 'text' && typeof value === 'string') add(value);
    else if (isObject(value)) walk(value, add, depth + 1);
    else if (Array.isArray(value) && (key === 'elements' || key === 'fields'))
      for (const item of value) if (isObject(item)) walk(item, add, depth + 1);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

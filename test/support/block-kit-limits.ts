/**
 * Checks a message against Slack's Block Kit limits, independently of the
 * renderer's own bookkeeping: if the renderer miscounts, these checks still see it.
 * Shared by the render tests and the end-to-end tests.
 */

export const BLOCK_KIT = {
  blocks: 50,
  sectionText: 3000,
  textObject: 3000,
  headerText: 150,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  /** All text in the blocks together: Slack refuses messages much over this. */
  messageText: 12_000,
  /** Slack truncates the top-level text beyond 40,000 and advises at most 4,000. */
  fallbackText: 4000,
} as const;

interface TextObject {
  type: string;
  text: string;
  verbatim?: boolean;
  emoji?: boolean;
}

interface AnyBlock {
  type: string;
  text?: TextObject;
  fields?: TextObject[];
  elements?: Array<{
    type: string;
    text?: TextObject | string;
    action_id?: string;
    value?: string;
    url?: string;
  }>;
  block_id?: string;
}

export interface CheckedMessage {
  text: string;
  blocks: readonly unknown[];
}

/** Every limit the message breaks, as readable strings; empty when Slack would take it. */
export function blockKitProblems(message: CheckedMessage): string[] {
  const problems: string[] = [];
  const fail = (where: string, what: string) => problems.push(`${where}: ${what}`);
  let total = 0;
  const actionIds = new Set<string>();
  const blockIds = new Set<string>();

  if (typeof message.text !== 'string' || message.text.trim() === '') fail('text', 'missing fallback text');
  else if (message.text.length > BLOCK_KIT.fallbackText)
    fail('text', `${message.text.length} characters > ${BLOCK_KIT.fallbackText}`);
  if (!Array.isArray(message.blocks)) return [...problems, 'blocks: not an array'];
  if (message.blocks.length > BLOCK_KIT.blocks)
    fail('blocks', `${message.blocks.length} blocks > ${BLOCK_KIT.blocks}`);

  const checkText = (where: string, t: unknown, max: number, types: readonly string[]): void => {
    if (typeof t !== 'object' || t === null) {
      fail(where, 'missing text object');
      return;
    }
    const object = t as TextObject;
    if (!types.includes(object.type)) fail(where, `text type ${object.type} not in ${types.join('/')}`);
    if (typeof object.text !== 'string' || object.text.length === 0) {
      fail(where, 'empty text');
      return;
    }
    if (object.text.length > max) fail(where, `${object.text.length} characters > ${max}`);
    total += object.text.length;
  };

  message.blocks.forEach((raw, i) => {
    const block = raw as AnyBlock;
    const where = `blocks[${i}] ${block.type}`;
    if (block.block_id !== undefined) {
      if (blockIds.has(block.block_id)) fail(where, `duplicate block_id ${block.block_id}`);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case 'section':
        if (block.text === undefined && block.fields === undefined) fail(where, 'neither text nor fields');
        if (block.text !== undefined)
          checkText(`${where} text`, block.text, BLOCK_KIT.sectionText, ['mrkdwn', 'plain_text']);
        if (block.fields !== undefined) {
          if (block.fields.length === 0 || block.fields.length > BLOCK_KIT.fields)
            fail(where, `${block.fields.length} fields (1 to ${BLOCK_KIT.fields})`);
          block.fields.forEach((f, j) => {
            checkText(`${where} fields[${j}]`, f, BLOCK_KIT.fieldText, ['mrkdwn', 'plain_text']);
          });
        }
        break;
      case 'header':
        checkText(`${where} text`, block.text, BLOCK_KIT.headerText, ['plain_text']);
        break;
      case 'context': {
        const elements = block.elements ?? [];
        if (elements.length === 0 || elements.length > BLOCK_KIT.contextElements)
          fail(where, `${elements.length} elements (1 to ${BLOCK_KIT.contextElements})`);
        elements.forEach((e, j) => {
          if (e.type !== 'image')
            checkText(`${where} elements[${j}]`, e, BLOCK_KIT.textObject, ['mrkdwn', 'plain_text']);
        });
        break;
      }
      case 'actions': {
        const elements = block.elements ?? [];
        if (elements.length === 0 || elements.length > BLOCK_KIT.actionsElements)
          fail(where, `${elements.length} elements (1 to ${BLOCK_KIT.actionsElements})`);
        elements.forEach((e, j) => {
          const at = `${where} elements[${j}]`;
          if (e.type !== 'button') return;
          checkText(`${at} text`, e.text, BLOCK_KIT.buttonText, ['plain_text']);
          if (e.value !== undefined && e.value.length > BLOCK_KIT.buttonValue)
            fail(at, `value ${e.value.length} characters > ${BLOCK_KIT.buttonValue}`);
          if (e.action_id !== undefined) {
            if (e.action_id.length > BLOCK_KIT.actionId) fail(at, 'action_id too long');
            if (actionIds.has(e.action_id)) fail(at, `duplicate action_id ${e.action_id}`);
            actionIds.add(e.action_id);
          }
        });
        break;
      }
      case 'divider':
        break;
      default:
        fail(where, 'a block type this bot does not send');
    }
  });
  if (total > BLOCK_KIT.messageText)
    fail('message', `${total} characters of text > ${BLOCK_KIT.messageText}`);
  return problems;
}

/** Throws with every problem listed, so a failing test says what broke. */
export function assertWithinBlockKitLimits(message: CheckedMessage): void {
  const problems = blockKitProblems(message);
  if (problems.length > 0) throw new Error(`message breaks Block Kit limits:\n  ${problems.join('\n  ')}`);
}

/** Every mrkdwn string the message shows: the fallback text, section text, fields and context. */
export function mrkdwnTexts(message: CheckedMessage): string[] {
  const out = [message.text];
  for (const raw of message.blocks) {
    const block = raw as AnyBlock;
    const objects = [block.text, ...(block.fields ?? [])];
    if (block.type === 'context') for (const e of block.elements ?? []) objects.push(e as TextObject);
    for (const o of objects) if (o && o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
  }
  return out;
}

/**
 * The `<…>` spans Slack would turn into something live (mentions, links, channel
 * pings, dates), each once, plus any stray `<`, `>` or bare `&` that escaping should
 * have caught. A safe answer holds only the links and the one mention it means to.
 */
export function liveSpans(message: CheckedMessage): string[] {
  const spans: string[] = [];
  for (const text of mrkdwnTexts(message)) {
    const rest = text.replace(/<[^<>]*>/g, (span) => {
      spans.push(span);
      return '';
    });
    if (/[<>]/.test(rest)) spans.push(`stray bracket in: ${text}`);
    if (/&(?!amp;|lt;|gt;)/.test(rest)) spans.push(`unescaped & in: ${text}`);
  }
  return [...new Set(spans)];
}

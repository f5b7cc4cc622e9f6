import type { KnownBlock } from '@slack/types';
import type { Answer } from '../core/answer.js';
import type { Catalog } from '../core/catalog/types.js';
import { renderBlocks, renderCounted } from '../render/blocks.js';
import type { RenderOptions, SlackMessage } from '../render/message.js';
import { dataText } from '../render/mrkdwn.js';
import { strings } from '../render/strings.js';

/**
 * The answer as the CLI prints it: the Slack message, which stops at Slack's
 * limits with "…and N more". Here that line says how to see the rest, and with
 * `all` every code is shown, in as many messages' worth of blocks as it takes.
 */
export function cliMessage(
  catalog: Catalog,
  answer: Answer,
  options: RenderOptions,
  all: boolean,
): SlackMessage {
  const { message, shown } = renderCounted(catalog, answer, options);
  if (answer.kind !== 'codes' || shown >= answer.items.length) return message;
  if (!all)
    return { ...message, blocks: nameHowToSeeAll(message.blocks, answer.items.length - shown, options) };

  const blocks: KnownBlock[] = [];
  let rest = answer.items;
  for (;;) {
    const part = renderCounted(catalog, { ...answer, items: rest }, options);
    // shown 0 cannot happen for one code, but must never loop forever.
    if (part.shown >= rest.length || part.shown === 0) {
      blocks.push(...part.message.blocks);
      break;
    }
    // The items end where the answer's footer starts: its divider.
    const items = renderBlocks(catalog, { ...answer, items: rest.slice(0, part.shown) }, options).blocks;
    const footer = items.findLastIndex((block) => block.type === 'divider');
    blocks.push(...(footer < 0 ? items : items.slice(0, footer)));
    rest = rest.slice(part.shown);
  }
  return { text: message.text, blocks };
}

function nameHowToSeeAll(blocks: KnownBlock[], hidden: number, options: RenderOptions): KnownBlock[] {
  const s = strings(options.locale);
  const more = dataText(s.andMore(hidden));
  return blocks.map((block) =>
    block.type === 'context' && block.elements.length === 1 && textOf(block.elements[0]) === more
      ? { ...block, elements: [{ type: 'mrkdwn', text: dataText(s.andMoreAll(hidden)) }] }
      : block,
  );
}

function textOf(element: unknown): string | undefined {
  const text = (element as { text?: unknown }).text;
  return typeof text === 'string' ? text : undefined;
}

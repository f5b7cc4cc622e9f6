import type {
  ActionsBlock,
  Button,
  ContextBlock,
  KnownBlock,
  MrkdwnElement,
  SectionBlock,
} from '@slack/types';
import type { Answer } from '../core/answer.js';
import type { Catalog } from '../core/catalog/types.js';
import { ACTION_DISMISS, ACTION_SHARE } from '../slack/registry.js';
import { describeItem, entryLine, type ItemView } from './describe.js';
import {
  fallbackLabel,
  fallbackText,
  LIMITS,
  mention,
  type RenderOptions,
  type SlackMessage,
} from './message.js';
import { clip, dataText, echo, escapeMrkdwn, link } from './mrkdwn.js';
import { strings, type UiStrings } from './strings.js';

export {
  LIMITS,
  type RenderOptions,
  type SlackMessage,
  type Surface,
} from './message.js';
export { escapeMrkdwn } from './mrkdwn.js';
export { renderPlain } from './plain.js';

/** One Block Kit answer for every surface; never over Slack's limits, never echoing input live. */
export function renderBlocks(catalog: Catalog, answer: Answer, options: RenderOptions): SlackMessage {
  return renderCounted(catalog, answer, options).message;
}

/**
 * renderBlocks, plus how many of the answer's items (or search hits) the blocks show before
 * "…and N more": the ones after that were not explained.
 */
export function renderCounted(
  catalog: Catalog,
  answer: Answer,
  options: RenderOptions,
): { message: SlackMessage; shown: number } {
  const s = strings(options.locale);
  const compact = options.surface === 'auto-reply';
  const head: KnownBlock[] = [];
  if (options.sharedBy !== undefined) head.push(context([`${s.sharedBy} ${mention(options.sharedBy)}`]));

  const tail: KnownBlock[] = [];
  tail.push(
    context([
      `${dataText(s.fallbackLead)} ${link(answer.fallbackUrl, fallbackLabel(catalog, options.locale, s))}.`,
    ]),
  );
  const buttons = actions(options, s);
  if (buttons) tail.push(buttons);

  let units: Unit[];
  let fallbackHead = '';
  switch (answer.kind) {
    case 'codes':
      units = answer.items.map((item) => {
        const view = describeItem(catalog, item, options.locale, s);
        return {
          blocks: compact ? compactBlocks(view, s) : fullBlocks(view, s),
          fallback: fallbackLine(view),
        };
      });
      if (!compact && units.length > 0) tail.unshift({ type: 'divider' });
      break;
    case 'search': {
      const hits = answer.search?.hits ?? [];
      const query = echo(options.query ?? answer.search?.terms.join(' ') ?? '');
      if (hits.length === 0) {
        head.push(section(`${dataText(s.nothingFound)} ${query}. ${dataText(s.searchHint)}`));
        fallbackHead = `${dataText(s.nothingFound)} ${query}.`;
        units = [];
      } else {
        head.push(section(`*${dataText(s.searchResults)}* ${query}`));
        fallbackHead = `${dataText(s.searchResults)} ${query}:`;
        units = hits.map((hit) => ({
          line: `\u2022 ${entryLine(catalog, hit.record, options.locale)}`,
          fallback: `${hit.record.code} ${hit.record.names[0] ?? ''}`.trim(),
        }));
        const more = (answer.search?.total ?? 0) - hits.length;
        if (more > 0)
          tail.unshift(context([dataText(s.moreHits(more, (answer.search?.terms ?? []).join(' ')))]));
      }
      break;
    }
    case 'usage':
      head.push(...usageBlocks(s));
      fallbackHead = dataText(
        `${s.usage.title}: ${s.usage.examples.map((e) => `/intune-err ${e.query}`).join(', ')}`,
      );
      units = [];
      break;
    default:
      head.push(section(dataText(s.noCodes)));
      fallbackHead = dataText(s.noCodes);
      units = [];
  }

  const { blocks, shown } = assemble(head, units, tail, s);
  const text = fallbackText(
    fallbackHead === '' ? [] : [fallbackHead],
    units.slice(0, shown).map((u) => u.fallback),
    units.length - shown,
    [`${dataText(s.fallbackLead)} ${link(answer.fallbackUrl, fallbackLabel(catalog, options.locale, s))}`],
    s,
  );
  return { message: { text, blocks }, shown };
}

/** A block-level answer unit: its own blocks, or one line that shares a section with its neighbours. */
type Unit = { blocks: KnownBlock[]; fallback: string } | { line: string; fallback: string };

/**
 * Adds units in order while the message stays within every limit, keeping room
 * for the tail and for the "…and N more" line that ends a cut answer.
 */
function assemble(head: KnownBlock[], units: Unit[], tail: KnownBlock[], s: UiStrings) {
  const blocks = [...head];
  let used = head.reduce((n, b) => n + textLength(b), 0) + tail.reduce((n, b) => n + textLength(b), 0);
  const moreBlock = (n: number) => context([dataText(s.andMore(n))]);
  const moreSize = textLength(moreBlock(units.length));
  let lines: SectionBlock | undefined;
  let shown = 0;
  for (const [i, unit] of units.entries()) {
    const reserveBlocks = i < units.length - 1 ? 1 : 0;
    const reserveText = i < units.length - 1 ? moreSize : 0;
    if ('line' in unit) {
      const current = lines?.text?.text;
      if (lines && current !== undefined && current.length + 1 + unit.line.length <= LIMITS.sectionText) {
        if (used + unit.line.length + 1 + reserveText > LIMITS.messageText) break;
        lines.text = mrkdwn(`${current}\n${unit.line}`);
        used += unit.line.length + 1;
      } else {
        if (blocks.length + 1 + tail.length + reserveBlocks > LIMITS.blocks) break;
        if (used + unit.line.length + reserveText > LIMITS.messageText) break;
        lines = section(unit.line);
        blocks.push(lines);
        used += unit.line.length;
      }
    } else {
      const size = unit.blocks.reduce((n, b) => n + textLength(b), 0);
      if (blocks.length + unit.blocks.length + tail.length + reserveBlocks > LIMITS.blocks) break;
      if (used + size + reserveText > LIMITS.messageText) break;
      blocks.push(...unit.blocks);
      used += size;
      lines = undefined;
    }
    shown++;
  }
  if (shown < units.length) blocks.push(moreBlock(units.length - shown));
  blocks.push(...tail);
  return { blocks, shown };
}

function fullBlocks(view: ItemView, s: UiStrings): KnownBlock[] {
  const title = view.name === undefined ? view.code : `${view.code} ${view.name}`;
  const out: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(title, LIMITS.headerText), emoji: false } },
  ];
  const body: SectionBlock = section(view.summary);
  if (view.facts.length > 0) {
    body.fields = view.facts
      .slice(0, LIMITS.fields)
      .map((fact) => mrkdwn(`*${dataText(fact.label)}*\n${fact.value}`, LIMITS.fieldText));
  }
  out.push(body);
  if (view.hints.length > 0) out.push(section(hintLines(view, s)));
  out.push(context([...view.notes, sourceLine(view, s)]));
  return out;
}

/** The auto-reply: the same facts as the full answer, in as few lines as they fit. */
function compactBlocks(view: ItemView, s: UiStrings): KnownBlock[] {
  const title = [`*${view.code}*`];
  if (view.name !== undefined) title.push(`\`${escapeMrkdwn(view.name)}\``);
  if (view.component !== undefined) title.push(`\u00b7 ${dataText(view.component)}`);
  const lines = [title.join(' '), view.brief];
  for (const fact of [view.twin, view.extend]) if (fact) lines.push(`${dataText(fact.label)}: ${fact.value}`);
  if (view.hints.length > 0) lines.push(hintLines(view, s));
  return [section(lines.join('\n')), context([...view.notes, sourceLine(view, s)])];
}

function hintLines(view: ItemView, s: UiStrings): string {
  return [`*${dataText(s.tryNext)}*`, ...view.hints.map((hint) => `\u2022 ${hint}`)].join('\n');
}

function sourceLine(view: ItemView, s: UiStrings): string {
  return `${dataText(s.label.source)}: ${view.source}`;
}

function usageBlocks(s: UiStrings): KnownBlock[] {
  const u = s.usage;
  const examples = u.examples.map(
    (e) => `\u2022 \`/intune-err ${escapeMrkdwn(e.query)}\` \u2014 ${dataText(e.what)}`,
  );
  return [
    { type: 'header', text: { type: 'plain_text', text: clip(u.title, LIMITS.headerText), emoji: false } },
    section([dataText(u.intro), ...examples, dataText(u.several)].join('\n')),
    section(`*${dataText(u.threadTitle)}*\n${dataText(u.thread)}`),
    section(`*${dataText(u.autoTitle)}*\n${dataText(u.auto)}`),
  ];
}

function actions(options: RenderOptions, s: UiStrings): ActionsBlock | undefined {
  const elements: Button[] = [];
  // Slack refuses a whole message over one oversize value, so an oversize share is left out.
  if (options.shareValue !== undefined && options.shareValue.length <= LIMITS.buttonValue) {
    elements.push({
      type: 'button',
      action_id: ACTION_SHARE,
      text: { type: 'plain_text', text: clip(s.shareButton, LIMITS.buttonText) },
      value: options.shareValue,
      style: 'primary',
    });
  }
  if (options.dismissible) {
    elements.push({
      type: 'button',
      action_id: ACTION_DISMISS,
      text: { type: 'plain_text', text: clip(s.dismissButton, LIMITS.buttonText) },
      value: 'dismiss',
    });
  }
  return elements.length > 0 ? { type: 'actions', elements } : undefined;
}

function fallbackLine(view: ItemView): string {
  const title = view.name === undefined ? view.code : `${view.code} ${view.name}`;
  return `${title}: ${view.brief}`;
}

function mrkdwn(text: string, max: number = LIMITS.sectionText): MrkdwnElement {
  // verbatim: Slack must not turn a stray "@here" or channel name into a live one.
  return { type: 'mrkdwn', text: clip(text === '' ? ' ' : text, max), verbatim: true };
}

function section(text: string): SectionBlock {
  return { type: 'section', text: mrkdwn(text) };
}

function context(texts: readonly string[]): ContextBlock {
  return {
    type: 'context',
    elements: texts.slice(0, LIMITS.contextElements).map((t) => mrkdwn(t, LIMITS.fieldText)),
  };
}

/** Characters of text a block carries, as Slack counts towards a message's size. */
function textLength(block: KnownBlock): number {
  let n = 0;
  const add = (t: { text: string } | undefined) => {
    if (t) n += t.text.length;
  };
  if (block.type === 'section') {
    add(block.text);
    for (const f of block.fields ?? []) add(f);
  } else if (block.type === 'header') add(block.text);
  else if (block.type === 'context') for (const e of block.elements) add('text' in e ? e : undefined);
  else if (block.type === 'actions')
    for (const e of block.elements) add('text' in e && typeof e.text === 'object' ? e.text : undefined);
  return n;
}

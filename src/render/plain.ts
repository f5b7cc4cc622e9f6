import type { Answer } from '../core/answer.js';
import type { Catalog } from '../core/catalog/types.js';
import { describeItem, entryLine } from './describe.js';
import { fallbackLabel, fallbackText, mention, type RenderOptions, type SlackMessage } from './message.js';
import { dataText, echo, link } from './mrkdwn.js';
import { strings } from './strings.js';

/**
 * The answer as one short mrkdwn text with no blocks: what is sent again when
 * Slack refuses the blocks (`invalid_blocks`, `msg_too_long`), so the person
 * still gets an answer.
 */
export function renderPlain(catalog: Catalog, answer: Answer, options: RenderOptions): SlackMessage {
  const s = strings(options.locale);
  const head: string[] = [];
  if (options.sharedBy !== undefined) head.push(`${dataText(s.sharedBy)} ${mention(options.sharedBy)}`);
  let lines: string[] = [];

  switch (answer.kind) {
    case 'codes':
      lines = answer.items.map((item) => {
        const view = describeItem(catalog, item, options.locale, s);
        const title = view.name === undefined ? `*${view.code}*` : `*${view.code}* \`${view.name}\``;
        // An unknown code's brief already holds its decode.
        const extra = (view.name === undefined ? [] : view.facts)
          .filter((fact) => fact.label !== s.label.severity)
          .map((fact) => `${dataText(fact.label)}: ${fact.value}`);
        const hints = view.hints.map((hint) => `\n\u2022 ${hint}`).join('');
        return `${title}: ${view.brief}${extra.length > 0 ? ` (${extra.join('; ')})` : ''}\n${dataText(s.label.source)}: ${view.source}${hints}`;
      });
      break;
    case 'search': {
      const hits = answer.search?.hits ?? [];
      const query = echo(options.query ?? answer.search?.terms.join(' ') ?? '');
      if (hits.length === 0) head.push(`${dataText(s.nothingFound)} ${query}. ${dataText(s.searchHint)}`);
      else {
        head.push(`*${dataText(s.searchResults)}* ${query}`);
        lines = hits.map((hit) => `\u2022 ${entryLine(catalog, hit.record, options.locale, 120)}`);
      }
      break;
    }
    case 'usage':
      head.push(
        `*${dataText(s.usage.title)}*`,
        ...s.usage.examples.map(
          (e) => `\u2022 \`/intune-err ${dataText(e.query)}\` \u2014 ${dataText(e.what)}`,
        ),
        dataText(s.usage.thread),
      );
      break;
    default:
      head.push(dataText(s.noCodes));
  }

  const footer = `${dataText(s.fallbackLead)} ${link(answer.fallbackUrl, fallbackLabel(catalog, options.locale, s))}.`;
  return { text: fallbackText(head, lines, 0, [footer], s), blocks: [] };
}

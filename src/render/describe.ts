import type { Catalog, CatalogEntry, Inline } from '../core/catalog/types.js';
import type { HresultDecode } from '../core/hresult.js';
import type { Resolution } from '../core/resolve-code.js';
import { dataText, escapeMrkdwn, inlinesToMrkdwn, inlinesToText, oneLine } from './mrkdwn.js';
import type { UiStrings } from './strings.js';

/** A labelled fact; `value` is escaped mrkdwn. */
export interface Fact {
  label: string;
  value: string;
}

/**
 * What the reply says about one code, independent of layout: Block Kit, the
 * plain-text retry and the compact auto-reply all draw from it. Every string is
 * already escaped for mrkdwn unless its name says plain.
 */
export interface ItemView {
  /** `0x80CF6008`, or the symbolic name that was asked for when no value is known. */
  code: string;
  name: string | undefined;
  /** The full explanation (description, or "not in the table"). */
  summary: string;
  /** One line of at most about 200 characters, no formatting. */
  brief: string;
  facts: Fact[];
  notes: string[];
  component: string | undefined;
}

const BRIEF_MAX = 200;

export function describeItem(catalog: Catalog, item: Resolution, locale: string, s: UiStrings): ItemView {
  const notes: string[] = [];
  const raw = item.token.raw;
  if (item.token.form === 'decimal' || item.token.form === 'signed-decimal')
    notes.push(dataText(s.enteredAs(raw)));

  if (item.kind === 'intune') {
    const { entry } = item;
    const description = descriptionOf(catalog, entry, locale);
    const text = inlinesToText(description);
    if (item.via === 'wu-twin' && entry.wuTwin) notes.unshift(dataText(s.viaTwin(entry.wuTwin.code)));
    const component = s.component[entry.component];
    const facts: Fact[] = [
      { label: s.label.component, value: dataText(component) },
      { label: s.label.severity, value: dataText(s.severity[entry.severity]) },
    ];
    if (entry.wuTwin)
      facts.push({
        label: s.label.windowsUpdate,
        value: dataText(`${entry.wuTwin.code} ${entry.wuTwin.name}`),
      });
    return {
      code: entry.code,
      name: entry.name,
      summary: text.trim() === '' ? dataText(entry.name) : inlinesToMrkdwn(description),
      brief: dataText(oneLine(text, BRIEF_MAX)),
      facts,
      notes,
      component,
    };
  }

  if (item.kind === 'windows-update') {
    const component = s.component[item.component];
    return {
      code: item.wu.code,
      name: item.wu.name,
      summary: dataText(s.windowsUpdateOnly),
      brief: dataText(s.windowsUpdateOnly),
      facts: [{ label: s.label.component, value: dataText(component) }, ...decodeFacts(item.decode, s)],
      notes,
      component,
    };
  }

  if (item.suggestions.length > 0) notes.push(suggestionNote(item.suggestions, s));
  const { decode } = item;
  if (!decode) {
    return {
      code: dataText(item.token.name ?? raw),
      name: undefined,
      summary: dataText(s.unknownName),
      brief: dataText(s.unknownName),
      facts: [],
      notes,
      component: undefined,
    };
  }
  const facts = decodeFacts(decode, s);
  const summary = decode.customer ? `${s.notInTable} ${s.customerCode}` : s.notInTable;
  return {
    code: decode.code,
    name: undefined,
    summary: dataText(summary),
    brief: dataText(
      `${s.notInTable} ${facts
        .slice(1)
        .map((fact) => `${fact.label} ${unescapeMrkdwn(fact.value)}`)
        .join(', ')}.`,
    ),
    facts,
    notes,
    component: undefined,
  };
}

/** The reader's language, else the source page's. */
export function descriptionOf(catalog: Catalog, entry: CatalogEntry, locale: string): Inline[] {
  return entry.description[locale] ?? entry.description[catalog.locales[0] ?? ''] ?? [];
}

/** A search hit or suggestion on one line: code, name and the start of its description. */
export function entryLine(catalog: Catalog, entry: CatalogEntry, locale: string, max = 160): string {
  const text = oneLine(inlinesToText(descriptionOf(catalog, entry, locale)), max);
  return `*${entry.code}* \`${escapeMrkdwn(entry.name)}\` \u2014 ${dataText(text)}`;
}

function decodeFacts(decode: HresultDecode, s: UiStrings): Fact[] {
  const facts: Fact[] = [
    { label: s.label.severity, value: dataText(s.severity[decode.severity]) },
    {
      label: s.label.facility,
      value: dataText(`${decode.facility} (${decode.facilityName ?? s.unnamedFacility})`),
    },
    {
      label: s.label.detail,
      value: `0x${decode.detail.toString(16).toUpperCase().padStart(4, '0')} (${decode.detail})`,
    },
  ];
  if (decode.win32Error !== undefined)
    facts.push({ label: s.label.win32Error, value: String(decode.win32Error) });
  return facts;
}

function suggestionNote(suggestions: readonly CatalogEntry[], s: UiStrings): string {
  return dataText(`${s.didYouMean}: ${suggestions.map((e) => `${e.code} ${e.name}`).join(', ')}?`);
}

function unescapeMrkdwn(mrkdwn: string): string {
  return mrkdwn.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

import type { Catalog, CodeRecord, Inline } from '../core/catalog/types.js';
import type { HresultDecode } from '../core/hresult.js';
import { displayName, hintsFor, inLocale } from '../core/localized.js';
import type { Resolution } from '../core/resolve-code.js';
import { dataText, escapeMrkdwn, hintText, inlinesToMrkdwn, inlinesToText, link, oneLine } from './mrkdwn.js';
import type { UiStrings } from './strings.js';

/** A labelled fact; `value` is escaped mrkdwn. */
export interface Fact {
  label: string;
  value: string;
}

/**
 * What the reply says about one code, independent of layout: Block Kit, the
 * plain-text retry and the compact auto-reply all draw from it, so every surface
 * carries the same facts. Every string is escaped mrkdwn unless its name says plain.
 */
export interface ItemView {
  /** `0x80CF6008`, or the symbolic name that was asked for when no value is known. */
  code: string;
  /** The most specific name, or our short title where no header names the code. */
  name: string | undefined;
  /** The full explanation: our words, or what kind of code it is. */
  summary: string;
  /** One line of at most about 200 characters, no formatting. */
  brief: string;
  /** Family or component, severity, the twin, facility, extend code: label and value. */
  facts: Fact[];
  /** The twin in the other table, as a fact the compact reply keeps. */
  twin: Fact | undefined;
  /** A setup extend code's phase and operation, as a fact the compact reply keeps. */
  extend: Fact | undefined;
  /** Where the meaning comes from, with the docs link where there is one. */
  source: string;
  /** What to try next, 0–3 steps. */
  hints: string[];
  notes: string[];
  /** Component (Intune and Windows Update codes) or family: the one-word kind. */
  component: string | undefined;
}

const BRIEF_MAX = 200;

export function describeItem(catalog: Catalog, item: Resolution, locale: string, s: UiStrings): ItemView {
  const notes: string[] = [];
  const raw = item.token.raw;
  if (item.token.form === 'decimal' || item.token.form === 'signed-decimal')
    notes.push(dataText(s.enteredAs(raw)));
  const record = item.record;
  const family = item.family ? s.family[item.family] : undefined;

  if (!record) {
    if (item.suggestions.length > 0) notes.push(suggestionNote(item.suggestions, s));
    const { decode } = item;
    if (!decode) {
      return {
        code: dataText(item.code),
        name: undefined,
        summary: dataText(s.unknownName),
        brief: dataText(s.unknownName),
        facts: [],
        twin: undefined,
        extend: undefined,
        source: dataText(s.source.unknown),
        hints: [],
        notes,
        component: undefined,
      };
    }
    const pointer = item.family && item.family !== 'hresult' && family ? s.familyOnly(family) : s.notInTable;
    const summary = decode.customer ? `${pointer} ${s.customerCode}` : pointer;
    const facts = [
      ...(family ? [{ label: s.label.family, value: dataText(family) }] : []),
      ...decodeFacts(decode, s),
      ...extendFacts(item, locale, s),
    ];
    return {
      code: decode.code,
      name: undefined,
      summary: dataText(summary),
      brief: dataText(oneLine(summary, BRIEF_MAX)),
      facts,
      twin: undefined,
      extend: extendFacts(item, locale, s)[0],
      source: dataText(s.source.decoded),
      hints: hintsFor(catalog, item, locale).map(hintText),
      notes,
      component: family,
    };
  }

  const description = inLocale(catalog, record.description, locale);
  const title = inLocale(catalog, record.title, locale);
  const text = description ? inlinesToText(description) : '';
  const [name, ...aliases] = record.names;
  const summary = description
    ? inlinesToMrkdwn(description)
    : dataText(
        family && item.family !== 'hresult' && item.family !== 'win32' ? s.familyOnly(family) : s.namedOnly,
      );
  if (aliases.length > 0) notes.push(dataText(`${s.alsoNamed}: ${aliases.slice(0, 4).join(', ')}`));
  const component = record.component ? s.component[record.component] : family;
  const facts: Fact[] = [];
  if (record.component)
    facts.push({ label: s.label.component, value: dataText(s.component[record.component]) });
  if (family) facts.push({ label: s.label.family, value: dataText(family) });
  facts.push({ label: s.label.severity, value: dataText(s.severity[record.severity]) });
  const twin = twinFact(record, s);
  if (twin) facts.push(twin);
  if (item.decode && record.source !== 'intune-table' && record.source !== 'windows-update')
    facts.push(...decodeFacts(item.decode, s).slice(1));
  facts.push(...extendFacts(item, locale, s));
  return {
    code: record.code,
    name: name ?? title,
    summary,
    brief: dataText(oneLine(text || (title ?? '') || summaryText(summary), BRIEF_MAX)),
    facts,
    twin,
    extend: extendFacts(item, locale, s)[0],
    source: sourceOf(record, locale, catalog, s),
    hints: hintsFor(catalog, item, locale).map(hintText),
    notes,
    component,
  };
}

function summaryText(mrkdwn: string): string {
  return mrkdwn.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function twinFact(record: CodeRecord, s: UiStrings): Fact | undefined {
  if (!record.twin) return undefined;
  const label = record.twin.source === 'windows-update' ? s.label.windowsUpdate : s.intuneTwin;
  return { label, value: dataText(`${record.twin.code} ${record.twin.name}`) };
}

function sourceOf(record: CodeRecord, locale: string, catalog: Catalog, s: UiStrings): string {
  const url = inLocale(catalog, record.link, locale);
  const words =
    record.source === 'windows-update' && record.twin?.source === 'intune-table'
      ? s.sourceTwinWords
      : s.source[record.source];
  return url ? `${dataText(words)}: ${link(url, s.documentedAt)}` : dataText(words);
}

function extendFacts(item: Resolution, locale: string, s: UiStrings): Fact[] {
  const { extend } = item;
  if (!extend) return [];
  const say = (part: { title: Record<string, string> } | undefined, n: number, what: string) =>
    part ? `${part.title[locale] ?? Object.values(part.title)[0]} (${what} ${n})` : `${what} ${n}`;
  const value = `${extend.code}: ${say(extend.phase, extend.phaseNumber, s.phase)}, ${say(
    extend.operation,
    extend.operationNumber,
    s.operation,
  )}`;
  return [{ label: s.label.extend, value: dataText(value) }];
}

/** A search hit or suggestion on one line: code, name and the start of its description. */
export function entryLine(catalog: Catalog, record: CodeRecord, locale: string, max = 160): string {
  const description = inLocale(catalog, record.description, locale);
  const text = oneLine(
    description ? inlinesToText(description) : (inLocale(catalog, record.title, locale) ?? ''),
    max,
  );
  const name = displayName(catalog, record, locale) ?? '';
  return `*${record.code}* \`${escapeMrkdwn(name)}\` \u2014 ${dataText(text)}`;
}

/** The reader's language, else the source page's. */
export function descriptionOf(catalog: Catalog, record: CodeRecord, locale: string): Inline[] {
  return inLocale(catalog, record.description, locale) ?? [];
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

function suggestionNote(suggestions: readonly CodeRecord[], s: UiStrings): string {
  return dataText(
    `${s.didYouMean}: ${suggestions.map((r) => `${r.code} ${r.names[0] ?? ''}`.trim()).join(', ')}?`,
  );
}

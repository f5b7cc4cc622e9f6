/**
 * A Swedish reader gets Swedish words around the codes: every kind of answer, on every
 * surface and renderer, is rendered in sv-SE and searched for the English strings.
 */
import { describe, expect, it } from 'vitest';
import { type Answer, answerMessage, answerQuery } from '../../src/core/answer.js';
import { renderBlocks, renderPlain } from '../../src/render/blocks.js';
import type { RenderOptions, SlackMessage, Surface } from '../../src/render/message.js';
import { strings, type UiStrings } from '../../src/render/strings.js';
import { renderTerminal } from '../../src/render/terminal.js';
import { catalog } from '../support/catalog.js';

/** Product names: the same in every language. */
const PRODUCT_NAMES = new Set(['Windows Update', 'Windows Installer']);

/** The fixed text of every string but codes and locale ids; a function's text around its argument. */
function texts(s: UiStrings): string[] {
  const out: string[] = [];
  const walk = (value: unknown, key: string) => {
    if (key === 'query' || key === 'locale') return;
    if (typeof value === 'string') out.push(value);
    else if (typeof value === 'function') out.push(...String(value('\u0000')).split('\u0000'));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(s, '');
  return [...new Set(out.map((t) => t.trim()))].filter((t) => t.length >= 4);
}

const SWEDISH = texts(strings('sv-SE'));
/**
 * English strings a Swedish answer must not show. One that Swedish text quotes inside
 * a longer string, as "Hämtningshanterare (Download Manager)" does, is a deliberate quote.
 */
const ENGLISH = texts(strings('en-US')).filter(
  (t) => !PRODUCT_NAMES.has(t) && !SWEDISH.some((sv) => sv !== t && sv.includes(t)),
);

const ANSWERS: [string, Answer][] = [
  ['an Intune code', answerQuery(catalog, '0x80cf6008')],
  ['a Windows Update code with an Intune twin', answerQuery(catalog, '0x80246001')],
  ['a decimal code', answerQuery(catalog, '2161074184 -2133893112')],
  ['a Windows Update code only', answerQuery(catalog, '0x80240005')],
  ['an HRESULT not in the table (facility, Win32 error)', answerQuery(catalog, '0x80070005')],
  ['a vendor HRESULT (customer bit, unnamed facility)', answerQuery(catalog, '0xA7FF1234')],
  ['an unknown code one digit from known ones', answerQuery(catalog, '0x80cf600f')],
  ['an unknown name', answerQuery(catalog, 'OM_E_NO_SUCH_THING')],
  ['a search', answerQuery(catalog, 'BITS')],
  ['a search that finds nothing', answerQuery(catalog, 'zzqqxx')],
  ['the usage', answerQuery(catalog, '')],
  ['a mention with no codes', answerMessage(catalog, 'good morning')],
  ['many codes ("…and N more")', answerQuery(catalog, catalog.entries.map((e) => e.code).join(' '))],
];

const SURFACES: Surface[] = ['command', 'mention', 'auto-reply', 'shortcut', 'shared', 'console', 'cli'];

/** Everything a reader can see of a message: its text, every block's text, and the terminal rendering. */
function visible(message: SlackMessage): string {
  const texts: string[] = [message.text];
  const walk = (value: unknown) => {
    if (typeof value === 'string') texts.push(value);
    else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) if (key === 'text' || typeof v === 'object') walk(v);
    }
  };
  walk(message.blocks);
  texts.push(renderTerminal(message, { color: false }));
  return texts.join('\n');
}

describe('Swedish answers hold no English label', () => {
  it('the checks look for the English strings (so a missed one would show)', () => {
    expect(ENGLISH).toEqual(expect.arrayContaining(['Component', 'Severity', 'Facility', 'Shared by']));
    const english = renderBlocks(catalog, answerQuery(catalog, '0x80070005'), {
      locale: 'en-US',
      surface: 'command',
    });
    expect(ENGLISH.filter((t) => visible(english).includes(t))).toContain('Facility');
  });

  describe.each(ANSWERS)('%s', (_, answer) => {
    it.each(SURFACES)('rendered for %s, as blocks, plain text and terminal text', (surface) => {
      const options: RenderOptions = {
        locale: 'sv-SE',
        surface,
        ...(surface === 'shared' ? { sharedBy: 'U0SHARER' } : {}),
        ...(surface === 'command' ? { shareValue: 'x' } : {}),
        ...(surface === 'auto-reply' ? { dismissible: true } : {}),
      };
      for (const message of [renderBlocks(catalog, answer, options), renderPlain(catalog, answer, options)]) {
        const text = visible(message);
        expect(ENGLISH.filter((t) => text.includes(t))).toEqual([]);
      }
    });
  });

  it('every label is translated: no Swedish label is the English one but for product names', () => {
    const sv = strings('sv-SE');
    const en = strings('en-US');
    for (const key of Object.keys(en.label) as (keyof UiStrings['label'])[]) {
      if (!PRODUCT_NAMES.has(en.label[key])) expect(sv.label[key]).not.toBe(en.label[key]);
    }
  });
});
